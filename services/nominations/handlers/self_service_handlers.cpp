#include <algorithm>

#include "core/case_ids.h"
#include "core/page.h"
#include "core/text.h"
#include "messaging/envelope.h"
#include "messaging/page_reply.h"
#include "nominations/codec/codec.h"
#include "nominations/domain/permissions.h"
#include "nominations/domain/self_service.h"
#include "nominations/domain/visibility.h"
#include "nominations/handlers/case_history.h"
#include "nominations/handlers/nomination_handlers.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

namespace {

Result<std::vector<Membership>> Mine(NominationRepository& repo, const Actor& actor) {
  return repo.ListOwnMemberships(actor.email, actor.user_id);
}

Result<std::optional<ResignationRequest>> Pending(NominationRepository& repo,
                                                  const MembershipId& id) {
  ResignationFilter filter;
  filter.membership = id;
  filter.pending_only = true;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<ResignationRequest> found,
                            repo.ListResignationRequests(filter));
  if (found.empty()) return std::optional<ResignationRequest>();
  return std::optional<ResignationRequest>(std::move(found.front()));
}

Result<pb::ListMyMembershipsResponse> ListMine(Context& ctx,
                                               const pb::ListMyMembershipsRequest& req) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kSelfService));
  constexpr std::string_view kList = "memberships.mine";
  const std::string filters = page::FilterKey({ctx.actor().email, ctx.actor().user_id});
  VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                            page::Read(req.page_size(), req.page_token(), kList, filters, 3));
  SqliteNominationRepository repo(ctx.db());
  // Newest first: current ones before ended ones, then by start.
  VERKOSTO_ASSIGN_OR_RETURN(
      std::vector<page::Keyed<Membership>> rows,
      repo.ListOwnMembershipPage(ctx.actor().email, ctx.actor().user_id, page));
  pb::ListMyMembershipsResponse response;
  auto add = [&](const Membership& m) -> Result<size_t> {
    pb::MyMembership* out = response.add_memberships();
    // The member's own record: the gender stays with KEHA and the leadership.
    *out->mutable_membership() = codec::ToProto(VisibleTo(ctx.actor(), m.record()));
    VERKOSTO_ASSIGN_OR_RETURN(std::optional<NetworkInfo> network,
                              repo.FindNetworkInfo(m.record().network));
    if (network) {
      out->set_network_name_fi(network->name_fi);
      out->set_network_name_sv(network->name_sv);
      if (network->term_start) out->set_term_start(FormatIsoDate(*network->term_start));
      if (network->term_end) out->set_term_end(FormatIsoDate(*network->term_end));
      for (const std::string& goal : network->goals) out->add_goals(goal);
    }
    ResignationFilter filter;
    filter.membership = m.id();
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<ResignationRequest> requests,
                              repo.ListResignationRequests(filter));
    if (!requests.empty()) {
      *out->mutable_resignation_request() =
          codec::ToProto(requests.back(), m.record().current_person());
    }
    return out->ByteSizeLong();
  };
  VERKOSTO_ASSIGN_OR_RETURN(*response.mutable_next_page_token(),
                            messaging::FillPage(rows, page, kList, filters, add));
  return response;
}

Result<pb::CorrectMyContactResponse> CorrectMine(Context& ctx,
                                                 const pb::CorrectMyContactRequest& req) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kSelfService));
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Language> language,
                            messaging::FromProtoLanguage(req.language(), "language"));
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> mine, Mine(repo, ctx.actor()));
  ContactCommand command{req.title(), text::AsciiLower(req.email()), language};
  // Whether another person's membership already uses the new address.
  bool used_by_others = false;
  if (!command.email.empty()) {
    MembershipFilter filter;
    filter.email = command.email;
    filter.include_ended = true;
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> holders, repo.ListMemberships(filter));
    used_by_others = std::any_of(holders.begin(), holders.end(), [&](const Membership& m) {
      return !OwnsMembership(ctx.actor(), m.record());
    });
  }
  VERKOSTO_ASSIGN_OR_RETURN(
      ContactOutcome outcome,
      CorrectContact(std::move(mine), command, used_by_others, ctx.actor(), ctx.now()));
  for (const Membership& m : outcome.changed) {
    VERKOSTO_RETURN_IF_ERROR(repo.SaveMembershipContact(m.id(), *m.record().contact));
  }
  VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
  pb::CorrectMyContactResponse response;
  for (const Membership& m : outcome.memberships) {
    if (m.active())
      *response.add_memberships() = codec::ToProto(VisibleTo(ctx.actor(), m.record()));
  }
  return response;
}

Result<pb::ResignationRequestResponse> AskToResign(Context& ctx,
                                                   const pb::RequestResignationRequest& req) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kSelfService));
  if (req.membership_id().empty()) {
    return Status::InvalidArgument("membership_id", "is required");
  }
  SqliteNominationRepository repo(ctx.db());
  const MembershipId id(UpgradeLegacyId(req.membership_id()));
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Membership> membership, repo.FindMembership(id));
  if (!membership) return Status::NotFound("no membership '" + req.membership_id() + "'");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<ResignationRequest> pending, Pending(repo, id));
  ResignationRequestCommand command{
      ResignationRequestId("rr-" + messaging::RandomId().substr(0, 12)), req.reason()};
  VERKOSTO_ASSIGN_OR_RETURN(
      ResignationRequestOutcome outcome,
      RequestResignation(*membership, pending, command, ctx.actor(), ctx.now()));
  VERKOSTO_RETURN_IF_ERROR(repo.InsertResignationRequest(outcome.request));
  VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
  pb::ResignationRequestResponse response;
  *response.mutable_request() =
      codec::ToProto(outcome.request, membership->record().current_person());
  return response;
}

Result<pb::PendingResignationsResponse> PendingOfArea(Context& ctx,
                                                      const pb::PendingResignationsRequest& req) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kRecordResignation, ctx.actor().area));
  constexpr std::string_view kList = "resignations.pending";
  const std::string filters = page::FilterKey({ctx.actor().area.value()});
  VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                            page::Read(req.page_size(), req.page_token(), kList, filters, 2));
  SqliteNominationRepository repo(ctx.db());
  ResignationFilter filter;
  filter.area = ctx.actor().area;
  filter.pending_only = true;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<page::Keyed<ResignationRequest>> rows,
                            repo.ListResignationPage(filter, page));
  pb::PendingResignationsResponse response;
  ReplyNames names(repo);
  auto add = [&](const ResignationRequest& r) -> Result<size_t> {
    VERKOSTO_ASSIGN_OR_RETURN(std::optional<Membership> m, repo.FindMembership(r.membership));
    // A membership that ended otherwise (term end, replacement) has nothing
    // left to record.
    if (!m || !m->active()) return size_t{0};
    pb::ResignationRequest* out = response.add_requests();
    *out = codec::ToProto(r, m->record().current_person());
    VERKOSTO_ASSIGN_OR_RETURN(ReplyNames::Names network, names.Network(r.network));
    out->set_network_name_fi(network.fi);
    out->set_network_name_sv(network.sv);
    return out->ByteSizeLong();
  };
  VERKOSTO_ASSIGN_OR_RETURN(*response.mutable_next_page_token(),
                            messaging::FillPage(rows, page, kList, filters, add));
  return response;
}

}  // namespace

Status CloseResignationRequestOf(Context& ctx, NominationRepository& repo,
                                 const Membership& ended) {
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<ResignationRequest> pending, Pending(repo, ended.id()));
  if (!pending) return Status::Ok();
  VERKOSTO_ASSIGN_OR_RETURN(ResignationRequestOutcome outcome,
                            CloseResignationRequest(*pending, ended, ctx.actor(), ctx.now()));
  VERKOSTO_RETURN_IF_ERROR(repo.UpdateResignationRequest(outcome.request));
  return RecordAndEmit(ctx, outcome.events);
}

void RegisterSelfServiceHandlers(messaging::RpcServer& server) {
  server.AddQuery<pb::ListMyMembershipsRequest, pb::ListMyMembershipsResponse>(
      [](Context& ctx, const pb::ListMyMembershipsRequest& req) { return ListMine(ctx, req); });
  server.AddCommand<pb::CorrectMyContactRequest, pb::CorrectMyContactResponse>(
      [](Context& ctx, const pb::CorrectMyContactRequest& req) { return CorrectMine(ctx, req); });
  server.AddCommand<pb::RequestResignationRequest, pb::ResignationRequestResponse>(
      [](Context& ctx, const pb::RequestResignationRequest& req) { return AskToResign(ctx, req); });
  server.AddQuery<pb::PendingResignationsRequest, pb::PendingResignationsResponse>(
      [](Context& ctx, const pb::PendingResignationsRequest& req) {
        return PendingOfArea(ctx, req);
      });
}

}  // namespace verkosto::nominations
