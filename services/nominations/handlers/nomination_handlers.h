#pragma once

#include <map>
#include <string>
#include <vector>

#include "messaging/rpc_server.h"
#include "nominations/storage/nomination_repository.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::nominations {

// Registers every command and query of verkosto.nominations.v1
// (nominations.proto) on `server`. Each command handler decodes the request,
// loads what the domain needs through SqliteNominationRepository on the
// request's connection, calls ONE domain function of workflow.h, saves the
// result, emits its events and encodes the reply. The domain decides
// permissions (permissions.h); queries check Authorize themselves.
// A case_id or membership_id in the legacy form ("r-…/area[/n]") is read as
// the current one (UpgradeLegacyId, core/case_ids.h).
// `load_warning_networks`: [nominations] load_warning_networks, the number of
// current networks from which an approval warns about a nominee (0: never).
void RegisterNominationHandlers(messaging::RpcServer& server, uint32_t load_warning_networks);

// Nominee self-service (self_service_handlers.cpp), registered by
// RegisterNominationHandlers: ListMyMemberships, CorrectMyContact,
// RequestResignation (role nominee, own memberships only) and
// PendingResignations (the area's director or deputy).
void RegisterSelfServiceHandlers(messaging::RpcServer& server);

// Changes of members started by the area and answers on paper
// (member_change_handlers.cpp), registered by RegisterNominationHandlers:
// ReplaceMember, RecallMember (the area's leadership) and RecordPaperAnswer
// (KEHA coordinator).
void RegisterMemberChangeHandlers(messaging::RpcServer& server);

// Confirmation requests for a renewed network (confirmation_handlers.cpp),
// registered by RegisterNominationHandlers: SendConfirmationRequests (KEHA
// coordinator) and DecideConfirmation (the area's leadership).
void RegisterConfirmationHandlers(messaging::RpcServer& server);

// The networks service's NetworkTermStarted: the read model takes the new
// term (`network`) and every membership of the network the leadership did
// not confirm ends on `old_term_end` (StartRenewedTerm, confirmation.h).
Status ApplyTermStart(messaging::Context& ctx, const NetworkInfo& network,
                      const Date& old_term_end);

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

// The display names (fi, sv) of networks and areas the replies carry beside
// their codes, from the read model, so a page need not list every network or
// area to name one; events carry codes only. Each code is looked up once per
// ReplyNames (one per reply), however many items share it; a code the read
// model does not know (yet) gets empty names.
class ReplyNames {
 public:
  struct Names {
    std::string fi;
    std::string sv;
  };

  explicit ReplyNames(NominationRepository& repo);

  // Areas the caller has at hand already, so they need no lookup.
  void Know(const std::vector<AreaInfo>& areas);

  Result<Names> Network(const NetworkCode& code);
  Result<Names> Area(const AreaCode& code);

  // A case or a membership as a reply carries it: with its network's and
  // area's names.
  Result<v1::Case> Reply(const Case& c);
  Result<v1::Membership> Reply(const MembershipRecord& m);

 private:
  // names[code]; the first time, `find` (a lookup giving an optional of
  // something with name_fi and name_sv) fills it.
  template <typename Find>
  static Result<Names> Cached(std::map<std::string, Names>& names, const std::string& code,
                              Find find);
  // `out` with the names of `network` and `area`.
  template <typename Proto>
  Result<Proto> Named(Proto out, const NetworkCode& network, const AreaCode& area);

  NominationRepository& repo_;
  std::map<std::string, Names> network_names_;
  std::map<std::string, Names> area_names_;
};

}  // namespace verkosto::nominations
