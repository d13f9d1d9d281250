#include "nominations/handlers/gender_balance_handlers.h"

#include <string>
#include <vector>

#include "nominations/codec/codec.h"
#include "nominations/domain/gender_balance.h"
#include "nominations/domain/permissions.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

namespace {

Result<pb::GenderBalanceResponse> GenderBalanceQuery(Context& ctx,
                                                     const pb::GenderBalanceRequest& req) {
  if (!MaySeeBalance(ctx.actor())) {
    return Status::PermissionDenied(
        "only KEHA coordinators and an area's leadership see a network's gender balance");
  }
  if (req.network_code().empty()) return Status::InvalidArgument("network_code", "is required");
  if (req.network_code().size() > 200) {
    return Status::InvalidArgument("network_code", "is at most 200 characters");
  }
  SqliteNominationRepository repo(ctx.db());
  const NetworkCode code(req.network_code());
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NetworkView> network, repo.FindNetwork(code));
  if (!network) return Status::NotFound("no network '" + req.network_code() + "'");
  // A network's active memberships: at most its seats in 45 areas (bounded).
  MembershipFilter filter;
  filter.network = code;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> memberships, repo.ListMemberships(filter));
  std::vector<MembershipRecord> records;
  records.reserve(memberships.size());
  for (const Membership& m : memberships) records.push_back(m.record());
  const GenderBalance balance = BalanceOf(records);
  pb::GenderBalanceResponse out;
  out.set_network_code(code.value());
  *out.mutable_members() = codec::ToProto(balance.members);
  *out.mutable_deputies() = codec::ToProto(balance.deputies);
  out.set_verdict(codec::ToProto(balance.verdict));
  return out;
}

}  // namespace

void RegisterGenderBalanceHandlers(messaging::RpcServer& server) {
  server.AddQuery<pb::GenderBalanceRequest, pb::GenderBalanceResponse>(GenderBalanceQuery);
}

}  // namespace verkosto::nominations
