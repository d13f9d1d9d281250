#pragma once

#include <string>
#include <vector>

#include "messaging/rpc_server.h"
#include "nominations/storage/nomination_repository.h"

namespace verkosto::nominations {

// Registers every command and query of verkosto.nominations.v1
// (nominations.proto) on `server`. Each command handler decodes the request,
// loads what the domain needs through SqliteNominationRepository on the
// request's connection, calls ONE domain function of workflow.h, saves the
// result, emits its events and encodes the reply. The domain decides
// permissions (permissions.h); queries check Authorize themselves.
// A case_id or membership_id in the legacy form ("r-…/area[/n]") is read as
// the current one (UpgradeLegacyId, core/case_ids.h).
void RegisterNominationHandlers(messaging::RpcServer& server);

// Nominee self-service (self_service_handlers.cpp), registered by
// RegisterNominationHandlers: ListMyMemberships, CorrectMyContact,
// RequestResignation (role nominee, own memberships only) and
// PendingResignations (the area's director or deputy).
void RegisterSelfServiceHandlers(messaging::RpcServer& server);

// After RecordResignation ended `ended`: closes its pending resignation
// request, if any (ResignationRequestClosed). Nothing when there is none.
Status CloseResignationRequestOf(messaging::Context& ctx, NominationRepository& repo,
                                 const Membership& ended);

// The network status matrix as CSV: UTF-8, a header row, one row per area in
// directory order; fields with a comma, quote or line break are quoted
// (RFC 4180). `rows` pairs each area with its latest case (if any) and its
// active memberships.
struct MatrixLine {
  AreaInfo area;
  std::optional<Case> latest_case;
  std::vector<MembershipRecord> active;
};
std::string MatrixCsv(const NetworkCode& network, const std::vector<MatrixLine>& rows);

}  // namespace verkosto::nominations
