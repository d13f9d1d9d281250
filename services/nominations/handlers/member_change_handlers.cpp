// Changes of members started by the area (ReplaceMember, RecallMember) and
// answers received on paper (RecordPaperAnswer): issue 17, items 4 and 6.
// Each handler decodes, loads, calls ONE domain function of member_changes.h,
// saves, emits and replies, in the request's transaction.

#include "core/case_ids.h"
#include "messaging/envelope.h"
#include "nominations/codec/codec.h"
#include "nominations/domain/member_changes.h"
#include "nominations/handlers/case_history.h"
#include "nominations/handlers/nomination_handlers.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

namespace {

RequestId NewRequestId() { return RequestId("r-" + messaging::RandomId().substr(0, 12)); }

Result<NetworkView> LoadNetworkOf(NominationRepository& repo, const NetworkCode& code) {
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NetworkView> found, repo.FindNetwork(code));
  if (!found) return Status::NotFound("no network '" + code.value() + "'");
  return std::move(*found);
}

Result<Membership> LoadMembershipById(NominationRepository& repo, const std::string& id) {
  if (id.empty()) return Status::InvalidArgument("membership_id", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Membership> found,
                            repo.FindMembership(MembershipId(UpgradeLegacyId(id))));
  if (!found) return Status::NotFound("no membership '" + id + "'");
  return std::move(*found);
}

Result<Case> LoadCaseById(NominationRepository& repo, const std::string& id) {
  if (id.empty()) return Status::InvalidArgument("case_id", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Case> found, repo.FindCase(CaseId(UpgradeLegacyId(id))));
  if (!found) return Status::NotFound("no case '" + id + "'");
  return std::move(*found);
}

// The area's diary numbers in use; a lookup error lands in `error`.
DiaryNumberInUse DiaryNumbers(NominationRepository& repo, const AreaCode& area, Status* error) {
  return [&repo, area, error](const std::string& diary_number) {
    Result<bool> used = repo.DiaryNumberInUse(area, diary_number);
    if (!used.ok()) {
      *error = used.status();
      return false;
    }
    return *used;
  };
}

// Saves an approval-like outcome (the case, the replaced membership, the new
// ones), emits its events and replies with the case and the memberships.
Result<pb::CaseResponse> CommitApproval(Context& ctx, NominationRepository& repo,
                                        const ApprovalOutcome& outcome) {
  VERKOSTO_RETURN_IF_ERROR(repo.SaveCase(outcome.case_after));
  if (outcome.replaced) {
    VERKOSTO_RETURN_IF_ERROR(repo.UpdateMembership(outcome.replaced->record()));
  }
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

Result<pb::CaseResponse> ReplaceMemberHandler(Context& ctx, const pb::ReplaceMemberRequest& req) {
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(Membership membership, LoadMembershipById(repo, req.membership_id()));
  VERKOSTO_ASSIGN_OR_RETURN(NetworkView network, LoadNetworkOf(repo, membership.record().network));
  ReplaceMemberCommand command;
  command.request_id = NewRequestId();
  VERKOSTO_ASSIGN_OR_RETURN(command.successor, codec::FromProto(req.successor(), "successor"));
  command.reason = req.reason();
  command.diary_number = req.diary_number();
  Status lookup;
  Result<ApprovalOutcome> outcome =
      ReplaceMember(network, membership, command,
                    DiaryNumbers(repo, membership.record().area, &lookup), ctx.actor(), ctx.now());
  VERKOSTO_RETURN_IF_ERROR(lookup);
  if (!outcome.ok()) return outcome.status();
  VERKOSTO_RETURN_IF_ERROR(
      repo.InsertRequest({command.request_id, network.code, CaseKind::kReplacement,
                          Channel::kSystem, MakeStamp(ctx.actor(), ctx.now())}));
  return CommitApproval(ctx, repo, *outcome);
}

Result<pb::MembershipResponse> RecallMemberHandler(Context& ctx,
                                                   const pb::RecallMemberRequest& req) {
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(Membership membership, LoadMembershipById(repo, req.membership_id()));
  VERKOSTO_ASSIGN_OR_RETURN(
      MembershipOutcome outcome,
      RecallMember(membership, RecallMemberCommand{req.reason()}, ctx.actor(), ctx.now()));
  VERKOSTO_RETURN_IF_ERROR(repo.UpdateMembership(outcome.membership.record()));
  VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
  pb::MembershipResponse response;
  *response.mutable_membership() = codec::ToProto(outcome.membership);
  return response;
}

Result<pb::CaseResponse> RecordPaperAnswerHandler(Context& ctx,
                                                  const pb::RecordPaperAnswerRequest& req) {
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(Case c, LoadCaseById(repo, req.case_id()));
  VERKOSTO_ASSIGN_OR_RETURN(NetworkView network, LoadNetworkOf(repo, c.network));
  PaperAnswerCommand command;
  if (req.channel() == pb::CHANNEL_UNSPECIFIED) {
    return Status::InvalidArgument("channel", "say how the answer came: letter, email or other");
  }
  VERKOSTO_ASSIGN_OR_RETURN(command.channel, codec::FromProto(req.channel()));
  command.approved = req.approved();
  for (int i = 0; i < req.nominees_size(); ++i) {
    VERKOSTO_ASSIGN_OR_RETURN(
        Nominee nominee, codec::FromProto(req.nominees(i), "nominees[" + std::to_string(i) + "]"));
    command.nominees.push_back(std::move(nominee));
  }
  command.reason = req.reason();
  command.diary_number = req.diary_number();
  VERKOSTO_ASSIGN_OR_RETURN(command.decision_date,
                            codec::ParseDate(req.decision_date(), "decision_date"));
  command.decided_by = req.decided_by();
  command.organisation = req.organisation();
  std::optional<Membership> replaced;
  if (c.kind == CaseKind::kReplacement && !c.replaced_membership.empty()) {
    VERKOSTO_ASSIGN_OR_RETURN(replaced, repo.FindMembership(c.replaced_membership));
    if (!replaced) return Status::Internal("replaced membership is missing");
  }
  Status lookup;
  Result<ApprovalOutcome> outcome =
      RecordPaperAnswer(c, network, command, replaced ? &*replaced : nullptr,
                        DiaryNumbers(repo, c.area, &lookup), ctx.actor(), ctx.now());
  VERKOSTO_RETURN_IF_ERROR(lookup);
  if (!outcome.ok()) return outcome.status();
  return CommitApproval(ctx, repo, *outcome);
}

}  // namespace

void RegisterMemberChangeHandlers(messaging::RpcServer& server) {
  server.AddCommand<pb::ReplaceMemberRequest, pb::CaseResponse>(ReplaceMemberHandler);
  server.AddCommand<pb::RecallMemberRequest, pb::MembershipResponse>(RecallMemberHandler);
  server.AddCommand<pb::RecordPaperAnswerRequest, pb::CaseResponse>(RecordPaperAnswerHandler);
}

}  // namespace verkosto::nominations
