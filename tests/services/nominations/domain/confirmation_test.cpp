// Confirmation requests for a renewed network (confirmation.h): rule 3 for
// existing networks — no membership carries over without a leadership decision.
#include "nominations/domain/confirmation.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "nominations/domain/member_changes.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

// The fixture network's term is 2026-01-01 .. 2027-12-31; it is renewed for
// 2028-01-01 .. 2029-12-31.
NetworkView Renewed() {
  NetworkView n = OpenNetwork();
  n.next_term_start = D(2028, 1, 1);
  n.next_term_end = D(2029, 12, 31);
  return n;
}

const TimePoint kSent = At(2027, 10, 1);
const TimePoint kRegistered = At(2027, 10, 4);
const TimePoint kDecided = At(2027, 10, 5);

// Helsinki's three sitting members: anna and bert (members), cecilia (deputy).
std::vector<Membership> Sitting() {
  ApprovalOutcome approved =
      Approve(RegisteredCase(kHelsinki, D(2026, 6, 30)),
              {Person("anna"), Person("bert"), Person("cecilia", SeatKind::kDeputy)});
  return approved.started;
}

SendConfirmationsCommand Confirmations(Date deadline = D(2027, 11, 30)) {
  return SendConfirmationsCommand{RequestId("conf-1"), deadline, "Vahvistakaa jäsenet", ""};
}

Case SentConfirmation(const std::vector<Membership>& sitting) {
  auto sent = SendConfirmationRequests(Renewed(), sitting, {}, Confirmations(), Keha(), kSent);
  EXPECT_TRUE(sent.ok()) << sent.status().ToString();
  if (!sent.ok()) return Case{};
  return sent->cases.at(0);
}

Case RegisteredConfirmation(const std::vector<Membership>& sitting) {
  auto registered = RegisterCase(SentConfirmation(sitting),
                                 RegisterCommand{"HEL 12/2027", "Helsinki", D(2027, 10, 4)},
                                 NoDiaryNumbers(), Clerk(kHelsinki), kRegistered);
  EXPECT_TRUE(registered.ok()) << registered.status().ToString();
  if (!registered.ok()) return Case{};
  return registered->case_after;
}

ConfirmationAnswerCommand Confirm(const Membership& m) {
  return {m.id(), ConfirmationChoice::kConfirm, {}, {}};
}
ConfirmationAnswerCommand Replace(const Membership& m, Nominee successor) {
  return {m.id(), ConfirmationChoice::kReplace, std::move(successor), {}};
}
ConfirmationAnswerCommand End(const Membership& m, std::string reason) {
  return {m.id(), ConfirmationChoice::kEnd, {}, std::move(reason)};
}

TEST(SendConfirmationRequestsTest, OneCasePerAreaWithSittingMembersListingThem) {
  std::vector<Membership> sitting = Sitting();
  auto sent = SendConfirmationRequests(Renewed(), sitting, {}, Confirmations(), Keha(), kSent);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_EQ(sent->cases.size(), 1u);
  const Case& c = sent->cases[0];
  EXPECT_EQ(c.kind, CaseKind::kConfirmation);
  EXPECT_EQ(c.area, kHelsinki);
  EXPECT_EQ(c.state, CaseState::kAwaitingRegistration);
  EXPECT_EQ(c.sitting,
            (std::vector<MembershipId>{sitting[0].id(), sitting[1].id(), sitting[2].id()}));
  EXPECT_EQ(c.seats, (Seats{2, 1}));
  EXPECT_EQ(c.next_term_start, D(2028, 1, 1));
  EXPECT_EQ(c.next_term_end, D(2029, 12, 31));
  EXPECT_EQ(Count<RequestSent>(sent->events), 1);
}

TEST(SendConfirmationRequestsTest, NeedsKehaAnOpenNetworkAndAPendingRenewal) {
  std::vector<Membership> sitting = Sitting();
  EXPECT_EQ(
      SendConfirmationRequests(Renewed(), sitting, {}, Confirmations(), Director(kHelsinki), kSent)
          .status()
          .code(),
      ErrorCode::kPermissionDenied);
  auto not_renewed =
      SendConfirmationRequests(OpenNetwork(), sitting, {}, Confirmations(), Keha(), kSent);
  EXPECT_EQ(not_renewed.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(not_renewed.status().field(), "network_code");
  NetworkView closed = Renewed();
  closed.status = NetworkStatus::kClosed;
  EXPECT_EQ(
      SendConfirmationRequests(closed, sitting, {}, Confirmations(), Keha(), kSent).status().code(),
      ErrorCode::kFailedPrecondition);
}

TEST(SendConfirmationRequestsTest, TheDeadlineFallsWithinTheCurrentTerm) {
  std::vector<Membership> sitting = Sitting();
  auto late =
      SendConfirmationRequests(Renewed(), sitting, {}, Confirmations(D(2028, 1, 1)), Keha(), kSent);
  EXPECT_EQ(late.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(late.status().field(), "deadline");
  auto past =
      SendConfirmationRequests(Renewed(), sitting, {}, Confirmations(D(2027, 9, 1)), Keha(), kSent);
  EXPECT_EQ(past.status().field(), "deadline");
}

TEST(SendConfirmationRequestsTest, AnAreaAlreadyAskedIsNotAskedAgain) {
  std::vector<Membership> sitting = Sitting();
  const Case first = SentConfirmation(sitting);
  auto again =
      SendConfirmationRequests(Renewed(), sitting, {first}, Confirmations(), Keha(), kSent);
  EXPECT_EQ(again.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(DecideConfirmationTest, GoesThroughTheRegistryFirst) {
  std::vector<Membership> sitting = Sitting();
  auto early = DecideConfirmation(SentConfirmation(sitting), Renewed(), sitting,
                                  {{Confirm(sitting[0]), Confirm(sitting[1]), Confirm(sitting[2])}},
                                  Director(kHelsinki), kDecided);
  EXPECT_EQ(early.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(DecideConfirmationTest, ConfirmReplaceAndEndRecordTheAnswersAndStartTheSuccessor) {
  std::vector<Membership> sitting = Sitting();
  const Case c = RegisteredConfirmation(sitting);
  auto decided = DecideConfirmation(c, Renewed(), sitting,
                                    {{Confirm(sitting[0]), Replace(sitting[1], Person("daniel")),
                                      End(sitting[2], "Tehtävä päättyy")}},
                                    Deputy(kHelsinki), kDecided);
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  const Case& after = decided->case_after;
  EXPECT_EQ(after.state, CaseState::kApproved);
  ASSERT_TRUE(after.decision.has_value());
  EXPECT_EQ(after.decision->decided.on_behalf_of, "director-helsinki");
  ASSERT_EQ(after.decision->answers.size(), 3u);
  EXPECT_EQ(after.decision->answers[0].choice, ConfirmationChoice::kConfirm);
  EXPECT_EQ(after.decision->answers[2].reason, "Tehtävä päättyy");
  ASSERT_EQ(decided->started.size(), 1u);
  const MembershipRecord& successor = decided->started[0].record();
  EXPECT_EQ(successor.person.name, "daniel");
  EXPECT_EQ(successor.started, D(2028, 1, 1)) << "successors start with the new term";
  EXPECT_EQ(successor.replaces, sitting[1].id());
  EXPECT_EQ(successor.diary_number, "HEL 12/2027");
  EXPECT_EQ(after.decision->answers[1].successor, successor.id);
  // The successor's membership can be restored from the decided case (rule 1).
  EXPECT_TRUE(Membership::Restore(successor, after).ok());
  EXPECT_EQ(Count<CaseApproved>(decided->events), 1);
  EXPECT_EQ(Count<MembershipStarted>(decided->events), 1);
  EXPECT_EQ(Count<MembershipEnded>(decided->events), 0) << "members serve the old term out";
}

TEST(DecideConfirmationTest, EverySittingMemberMustBeAnswered) {
  std::vector<Membership> sitting = Sitting();
  const Case c = RegisteredConfirmation(sitting);
  auto missing =
      DecideConfirmation(c, Renewed(), sitting, {{Confirm(sitting[0]), Confirm(sitting[2])}},
                         Director(kHelsinki), kDecided);
  EXPECT_EQ(missing.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(missing.status().field(), "answers[" + sitting[1].id().value() + "]");
  auto twice = DecideConfirmation(
      c, Renewed(), sitting,
      {{Confirm(sitting[0]), Confirm(sitting[0]), Confirm(sitting[1]), Confirm(sitting[2])}},
      Director(kHelsinki), kDecided);
  EXPECT_EQ(twice.status().field(), "answers[" + sitting[0].id().value() + "]");
  ConfirmationAnswerCommand stranger = Confirm(sitting[0]);
  stranger.membership = MembershipId("r-x.helsinki.9");
  auto unknown = DecideConfirmation(
      c, Renewed(), sitting,
      {{Confirm(sitting[0]), Confirm(sitting[1]), Confirm(sitting[2]), stranger}},
      Director(kHelsinki), kDecided);
  EXPECT_EQ(unknown.status().field(), "answers[r-x.helsinki.9]");
}

TEST(DecideConfirmationTest, EndingNeedsAReasonAndASuccessorIsCheckedAsANominee) {
  std::vector<Membership> sitting = Sitting();
  const Case c = RegisteredConfirmation(sitting);
  const std::string bert = "answers[" + sitting[1].id().value() + "]";
  auto no_reason = DecideConfirmation(
      c, Renewed(), sitting, {{Confirm(sitting[0]), End(sitting[1], " "), Confirm(sitting[2])}},
      Director(kHelsinki), kDecided);
  EXPECT_EQ(no_reason.status().field(), bert + ".reason");
  Nominee bad = Person("daniel");
  bad.email = "not-an-address";
  auto bad_email = DecideConfirmation(
      c, Renewed(), sitting, {{Confirm(sitting[0]), Replace(sitting[1], bad), Confirm(sitting[2])}},
      Director(kHelsinki), kDecided);
  EXPECT_EQ(bad_email.status().field(), bert + ".successor.email");
  auto wrong_seat = DecideConfirmation(
      c, Renewed(), sitting,
      {{Confirm(sitting[0]), Replace(sitting[1], Person("daniel", SeatKind::kDeputy)),
        Confirm(sitting[2])}},
      Director(kHelsinki), kDecided);
  EXPECT_EQ(wrong_seat.status().field(), bert + ".successor.seat");
  auto sitting_again = DecideConfirmation(
      c, Renewed(), sitting,
      {{Confirm(sitting[0]), Replace(sitting[1], Person("anna")), Confirm(sitting[2])}},
      Director(kHelsinki), kDecided);
  EXPECT_EQ(sitting_again.status().field(), bert + ".successor.email");
}

TEST(DecideConfirmationTest, OnlyTheAreasLeadershipAndNeverAsAWhole) {
  std::vector<Membership> sitting = Sitting();
  const Case c = RegisteredConfirmation(sitting);
  const DecideConfirmationCommand all{
      {Confirm(sitting[0]), Confirm(sitting[1]), Confirm(sitting[2])}};
  EXPECT_EQ(
      DecideConfirmation(c, Renewed(), sitting, all, Director(kVantaa), kDecided).status().code(),
      ErrorCode::kPermissionDenied);
  EXPECT_EQ(DecideConfirmation(c, Renewed(), sitting, all, Keha(), kDecided).status().code(),
            ErrorCode::kPermissionDenied);
  // Decline is not offered; approving by nominees neither.
  EXPECT_EQ(DeclineCase(c, DeclineCommand{"ei"}, Director(kHelsinki), kDecided).status().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ApproveCase(c, Renewed(), ApproveCommand{{Person("x")}}, nullptr, Director(kHelsinki),
                        kDecided)
                .status()
                .code(),
            ErrorCode::kFailedPrecondition);
  // Nor recorded from paper as an approval or decline by KEHA.
  PaperAnswerCommand paper;
  paper.approved = false;
  paper.reason = "ei";
  paper.diary_number = "HEL 12/2027";
  paper.decision_date = D(2027, 10, 5);
  paper.decided_by = "Johtaja";
  EXPECT_EQ(RecordPaperAnswer(c, Renewed(), paper, nullptr, NoDiaryNumbers(), Keha(), kDecided)
                .status()
                .code(),
            ErrorCode::kFailedPrecondition);
  // A renewal that is no longer pending (the term started) cannot be decided.
  EXPECT_EQ(DecideConfirmation(c, OpenNetwork(), sitting, all, Director(kHelsinki), kDecided)
                .status()
                .code(),
            ErrorCode::kFailedPrecondition);
}

TEST(StartRenewedTermTest, ConfirmedContinueReplacedAndEndedEndWithTheOldTerm) {
  std::vector<Membership> sitting = Sitting();
  auto decided = DecideConfirmation(RegisteredConfirmation(sitting), Renewed(), sitting,
                                    {{Confirm(sitting[0]), Replace(sitting[1], Person("daniel")),
                                      End(sitting[2], "Tehtävä päättyy")}},
                                    Director(kHelsinki), kDecided);
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  std::vector<Membership> all = sitting;
  all.push_back(decided->started[0]);
  TermStartOutcome out = StartRenewedTerm(kNetwork, D(2027, 12, 31), D(2028, 1, 1), all,
                                          {decided->case_after}, At(2028, 1, 1));
  ASSERT_EQ(out.ended.size(), 2u);
  const MembershipRecord& bert = out.ended[0].record();
  EXPECT_EQ(bert.id, sitting[1].id());
  EXPECT_EQ(bert.ended, D(2027, 12, 31));
  EXPECT_EQ(bert.end_reason, EndReason::kReplaced);
  EXPECT_EQ(bert.replaced_by, decided->started[0].id());
  EXPECT_EQ(bert.ended_by->user_id, "director-helsinki");
  const MembershipRecord& cecilia = out.ended[1].record();
  EXPECT_EQ(cecilia.end_reason, EndReason::kNotRenewed);
  EXPECT_EQ(cecilia.end_note, "Tehtävä päättyy");
  EXPECT_EQ(Count<MembershipEnded>(out.events), 2);
  EXPECT_TRUE(out.cases.empty());
}

TEST(StartRenewedTermTest, NoMembershipCarriesOverWithoutALeadershipDecision) {
  std::vector<Membership> sitting = Sitting();
  const Case open = RegisteredConfirmation(sitting);  // never decided
  // Vantaa's member was never asked at all.
  ApprovalOutcome vantaa = Approve(RegisteredCase(kVantaa, D(2026, 6, 30)), {Person("ville")});
  std::vector<Membership> all = sitting;
  all.push_back(vantaa.started[0]);
  TermStartOutcome out =
      StartRenewedTerm(kNetwork, D(2027, 12, 31), D(2028, 1, 1), all, {open}, At(2028, 1, 2));
  ASSERT_EQ(out.ended.size(), 4u);
  for (const Membership& m : out.ended) {
    EXPECT_EQ(m.record().ended, D(2027, 12, 31)) << m.id().value();
    EXPECT_EQ(m.record().end_reason, EndReason::kNotRenewed) << m.id().value();
    EXPECT_EQ(m.record().ended_by->user_id, "system");
  }
  ASSERT_EQ(out.cases.size(), 1u);
  EXPECT_EQ(out.cases[0].state, CaseState::kWithdrawn);
  EXPECT_TRUE(out.cases[0].overdue);
  EXPECT_EQ(Count<CaseWithdrawn>(out.events), 1);
}

TEST(StartRenewedTermTest, AConfirmationForAnotherTermConfirmsNothing) {
  std::vector<Membership> sitting = Sitting();
  auto decided =
      DecideConfirmation(RegisteredConfirmation(sitting), Renewed(), sitting,
                         {{Confirm(sitting[0]), Confirm(sitting[1]), Confirm(sitting[2])}},
                         Director(kHelsinki), kDecided);
  ASSERT_TRUE(decided.ok());
  TermStartOutcome out = StartRenewedTerm(kNetwork, D(2029, 12, 31), D(2030, 1, 1), sitting,
                                          {decided->case_after}, At(2030, 1, 1));
  EXPECT_EQ(out.ended.size(), 3u);
}

}  // namespace
}  // namespace verkosto::nominations
