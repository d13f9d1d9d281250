// Confirmation requests for a renewed network (confirmation.h): KEHA sends
// them, the registry registers them (RegisterCase, as any case) and the
// area's leadership decides them; the networks service's NetworkTermStarted
// ends what was not confirmed (ApplyTermStart).
#include "core/case_ids.h"
#include "messaging/envelope.h"
#include "nominations/codec/codec.h"
#include "nominations/domain/confirmation.h"
#include "nominations/handlers/case_history.h"
#include "nominations/handlers/nomination_handlers.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

namespace {

Result<NetworkView> LoadNetworkView(NominationRepository& repo, const std::string& code) {
  if (code.empty()) return Status::InvalidArgument("network_code", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NetworkView> found, repo.FindNetwork(NetworkCode(code)));
  if (!found) return Status::NotFound("no network '" + code + "'");
  return std::move(*found);
}

// The confirmation cases (any state) of `network`.
Result<std::vector<Case>> ConfirmationCases(NominationRepository& repo,
                                            const NetworkCode& network) {
  CaseFilter filter;
  filter.network = network;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Case> cases, repo.ListCases(filter));
  std::erase_if(cases, [](const Case& c) { return c.kind != CaseKind::kConfirmation; });
  return cases;
}

Result<pb::SendRequestResponse> SendConfirmations(Context& ctx,
                                                  const pb::SendConfirmationRequestsRequest& req) {
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(NetworkView network, LoadNetworkView(repo, req.network_code()));
  MembershipFilter filter;
  filter.network = network.code;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> active, repo.ListMemberships(filter));
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Case> existing, ConfirmationCases(repo, network.code));
  SendConfirmationsCommand command;
  // A fresh id; the RPC layer stores a command's reply, so a retry makes no second one.
  command.request_id = RequestId("r-" + messaging::RandomId().substr(0, 12));
  // An unreadable deadline stays invalid (Date{}): the domain names it after
  // the permission check, so who may not send learns nothing more.
  if (Result<Date> deadline = codec::ParseDate(req.deadline(), "deadline"); deadline.ok()) {
    command.deadline = *deadline;
  }
  command.covering_message = req.covering_message();
  command.keha_diary_number = req.keha_diary_number();
  VERKOSTO_ASSIGN_OR_RETURN(
      SendRequestOutcome outcome,
      SendConfirmationRequests(network, active, existing, command, ctx.actor(), ctx.now()));
  VERKOSTO_RETURN_IF_ERROR(
      repo.InsertRequest({command.request_id, network.code, CaseKind::kConfirmation,
                          Channel::kSystem, MakeStamp(ctx.actor(), ctx.now())}));
  pb::SendRequestResponse response;
  response.set_request_id(command.request_id.value());
  response.set_short_deadline(outcome.short_deadline);
  ReplyNames replies(repo);
  for (const Case& c : outcome.cases) {
    VERKOSTO_RETURN_IF_ERROR(repo.SaveCase(c));
    VERKOSTO_ASSIGN_OR_RETURN(*response.add_cases(), replies.Reply(c));
  }
  VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
  return response;
}

Result<pb::CaseResponse> DecideConfirmationHandler(Context& ctx,
                                                   const pb::DecideConfirmationRequest& req) {
  SqliteNominationRepository repo(ctx.db());
  if (req.case_id().empty()) return Status::InvalidArgument("case_id", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Case> found,
                            repo.FindCase(CaseId(UpgradeLegacyId(req.case_id()))));
  if (!found) return Status::NotFound("no case '" + req.case_id() + "'");
  const Case& c = *found;
  VERKOSTO_ASSIGN_OR_RETURN(NetworkView network, LoadNetworkView(repo, c.network.value()));
  std::vector<Membership> sitting;
  sitting.reserve(c.sitting.size());
  for (const MembershipId& id : c.sitting) {
    VERKOSTO_ASSIGN_OR_RETURN(std::optional<Membership> m, repo.FindMembership(id));
    if (!m) return Status::Internal("sitting membership " + id.value() + " is missing");
    sitting.push_back(std::move(*m));
  }
  DecideConfirmationCommand command;
  command.answers.reserve(static_cast<size_t>(req.answers_size()));
  for (const pb::ConfirmationAnswer& a : req.answers()) {
    VERKOSTO_ASSIGN_OR_RETURN(ConfirmationAnswerCommand answer, codec::FromProto(a));
    command.answers.push_back(std::move(answer));
  }
  VERKOSTO_ASSIGN_OR_RETURN(
      ApprovalOutcome outcome,
      DecideConfirmation(c, network, sitting, command, ctx.actor(), ctx.now()));
  VERKOSTO_RETURN_IF_ERROR(repo.SaveCase(outcome.case_after));
  for (const Membership& m : outcome.started) {
    VERKOSTO_RETURN_IF_ERROR(repo.InsertMembership(m.record()));
  }
  VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
  pb::CaseResponse response;
  VERKOSTO_ASSIGN_OR_RETURN(*response.mutable_case_(), ReplyNames(repo).Reply(outcome.case_after));
  for (const Membership& m : outcome.started) {
    *response.add_memberships_started() = codec::ToProto(m);
  }
  return response;
}

}  // namespace

void RegisterConfirmationHandlers(messaging::RpcServer& server) {
  server.AddCommand<pb::SendConfirmationRequestsRequest, pb::SendRequestResponse>(
      SendConfirmations);
  server.AddCommand<pb::DecideConfirmationRequest, pb::CaseResponse>(DecideConfirmationHandler);
}

Status ApplyTermStart(Context& ctx, const NetworkInfo& network, const Date& old_term_end) {
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_RETURN_IF_ERROR(repo.UpsertNetwork(network));
  if (!network.term_start) return Status::Ok();
  MembershipFilter filter;
  filter.network = network.code;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> active, repo.ListMemberships(filter));
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Case> cases, ConfirmationCases(repo, network.code));
  TermStartOutcome outcome =
      StartRenewedTerm(network.code, old_term_end, *network.term_start, active, cases, ctx.now());
  for (const Membership& m : outcome.ended) {
    VERKOSTO_RETURN_IF_ERROR(repo.UpdateMembership(m.record()));
  }
  for (const Case& c : outcome.cases) VERKOSTO_RETURN_IF_ERROR(repo.SaveCase(c));
  return RecordAndEmit(ctx, outcome.events);
}

}  // namespace verkosto::nominations
