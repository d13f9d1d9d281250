// Changes of members started by the area (ReplaceMember, RecallMember) and
// answers received on paper (RecordPaperAnswer): issue 17, items 4 and 6.

#include "nominations/domain/member_changes.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "nominations/domain/membership.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

Membership Anna() {
  return Approve(RegisteredCase(), {Person("anna"), Person("ben", SeatKind::kDeputy)}).started[0];
}

ReplaceMemberCommand ReplaceWithDora() {
  ReplaceMemberCommand cmd;
  cmd.request_id = RequestId("area-1");
  cmd.successor = Person("dora");
  cmd.reason = "Anna moved to another post";
  cmd.diary_number = "HEL/900/2026";
  return cmd;
}

Result<ApprovalOutcome> Replace(const Actor& actor,
                                const ReplaceMemberCommand& cmd = ReplaceWithDora(),
                                const Membership& m = Anna()) {
  return ReplaceMember(OpenNetwork(), m, cmd, NoDiaryNumbers(), actor, At(2026, 8, 3));
}

// --- replace ----------------------------------------------------------------

TEST(ReplaceMemberTest, DirectorReplacesOwnMemberAtomically) {
  const Membership anna = Anna();
  auto r = Replace(Director(kHelsinki), ReplaceWithDora(), anna);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Case& c = r->case_after;
  EXPECT_EQ(c.kind, CaseKind::kReplacement);
  EXPECT_EQ(c.state, CaseState::kApproved);
  EXPECT_TRUE(c.started_by_area);
  EXPECT_FALSE(c.sent.has_value());
  EXPECT_EQ(c.replaced_membership, anna.id());
  EXPECT_EQ(c.seats, (Seats{1, 0}));
  ASSERT_TRUE(c.registration.has_value());
  EXPECT_EQ(c.registration->diary_number, "HEL/900/2026");
  ASSERT_TRUE(c.decision.has_value());
  EXPECT_TRUE(c.decision->approved);
  EXPECT_EQ(c.decision->reason, "Anna moved to another post");
  EXPECT_EQ(c.decision->decided.user_id, "director-helsinki");
  EXPECT_FALSE(c.decision->from_paper());

  ASSERT_EQ(r->started.size(), 1u);
  const MembershipRecord& dora = r->started[0].record();
  EXPECT_EQ(dora.person, Person("dora"));
  EXPECT_EQ(dora.replaces, anna.id());
  EXPECT_EQ(dora.diary_number, "HEL/900/2026");
  EXPECT_EQ(dora.started, D(2026, 8, 3));
  ASSERT_TRUE(r->replaced.has_value());
  const MembershipRecord& ended = r->replaced->record();
  EXPECT_EQ(ended.end_reason, EndReason::kReplaced);
  EXPECT_EQ(ended.ended, D(2026, 8, 3));
  EXPECT_EQ(ended.replaced_by, dora.id);
  EXPECT_EQ(ended.end_note, "Anna moved to another post");

  // The same events as the approval of KEHA's replacement request.
  ASSERT_EQ(r->events.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<CaseApproved>(r->events[0]));
  const auto& e = std::get<MembershipEnded>(r->events[1]);
  EXPECT_EQ(e.membership.id, anna.id());
  EXPECT_EQ(e.audit.reason, "replaced: Anna moved to another post");
  EXPECT_EQ(std::get<MembershipStarted>(r->events[2]).membership, dora);

  // Rule 1 holds: the successor's membership restores from its case.
  EXPECT_TRUE(Membership::Restore(dora, c).ok());
}

TEST(ReplaceMemberTest, DeputyActsOnTheDirectorsBehalf) {
  auto r = Replace(Deputy(kHelsinki));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->case_after.decision->decided.user_id, "deputy-helsinki");
  EXPECT_EQ(r->case_after.decision->decided.on_behalf_of, "director-helsinki");
  EXPECT_EQ(std::get<MembershipEnded>(r->events[1]).audit.on_behalf_of, "director-helsinki");
}

TEST(ReplaceMemberTest, AnotherAreasLeadershipIsDeniedNamingWhy) {
  auto r = Replace(Director(kVantaa));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(r.status().message().find("'vantaa', not 'helsinki'"), std::string::npos)
      << r.status().message();
}

TEST(ReplaceMemberTest, OnlyTheLeadershipMayReplace) {
  for (const Actor& actor : {Keha(), Clerk(kHelsinki), Observer(),
                             MakeActor("deputy-x", Role::kAreaDeputy, kHelsinki)}) {
    auto r = Replace(actor);
    ASSERT_FALSE(r.ok()) << actor.user_id;
    EXPECT_EQ(r.status().code(), ErrorCode::kPermissionDenied) << actor.user_id;
  }
}

TEST(ReplaceMemberTest, NamesTheWrongField) {
  const auto field_of = [](const ReplaceMemberCommand& cmd) {
    auto r = Replace(Director(kHelsinki), cmd);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return std::string("ok");
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
    return r.status().field();
  };
  ReplaceMemberCommand cmd = ReplaceWithDora();
  cmd.reason = " ";
  EXPECT_EQ(field_of(cmd), "reason");
  cmd = ReplaceWithDora();
  cmd.diary_number.clear();
  EXPECT_EQ(field_of(cmd), "diary_number");
  cmd = ReplaceWithDora();
  cmd.successor.name.clear();
  EXPECT_EQ(field_of(cmd), "successor.name");
  cmd = ReplaceWithDora();
  cmd.successor.email = "not-an-address";
  EXPECT_EQ(field_of(cmd), "successor.email");
  cmd = ReplaceWithDora();
  cmd.successor.seat = SeatKind::kDeputy;
  EXPECT_EQ(field_of(cmd), "successor.seat");
  cmd = ReplaceWithDora();
  cmd.successor = Person("anna");
  EXPECT_EQ(field_of(cmd), "successor.email");
}

TEST(ReplaceMemberTest, DiaryNumberMustBeFreeInTheArea) {
  auto r = ReplaceMember(
      OpenNetwork(), Anna(), ReplaceWithDora(), [](const std::string&) { return true; },
      Director(kHelsinki), At(2026, 8, 3));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(r.status().field(), "diary_number");
}

TEST(ReplaceMemberTest, RefusedForAnEndedMembershipOrAClosedNetwork) {
  const Membership anna = Anna();
  auto recalled = RecallMember(anna, RecallMemberCommand{"no longer needed"}, Director(kHelsinki),
                               At(2026, 8, 1));
  ASSERT_TRUE(recalled.ok());
  auto r = Replace(Director(kHelsinki), ReplaceWithDora(), recalled->membership);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);

  NetworkView closed = OpenNetwork();
  closed.status = NetworkStatus::kClosed;
  auto c = ReplaceMember(closed, anna, ReplaceWithDora(), NoDiaryNumbers(), Director(kHelsinki),
                         At(2026, 8, 3));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kFailedPrecondition);
}

// --- recall -----------------------------------------------------------------

TEST(RecallMemberTest, DirectorRecallsOwnMemberWithAReason) {
  const Membership anna = Anna();
  auto r = RecallMember(anna, RecallMemberCommand{"the unit was reorganised"}, Deputy(kHelsinki),
                        At(2026, 8, 3));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const MembershipRecord& m = r->membership.record();
  EXPECT_FALSE(m.active());
  EXPECT_EQ(m.ended, D(2026, 8, 3));
  EXPECT_EQ(m.end_reason, EndReason::kRecalled);
  EXPECT_EQ(m.end_note, "the unit was reorganised");
  EXPECT_EQ(m.ended_by->on_behalf_of, "director-helsinki");
  EXPECT_TRUE(m.replaced_by.empty());
  ASSERT_EQ(r->events.size(), 1u);
  const auto& e = std::get<MembershipEnded>(r->events[0]);
  EXPECT_EQ(e.audit.reason, "recalled: the unit was reorganised");
  EXPECT_EQ(EndReasonName(EndReason::kRecalled), "recalled");
}

TEST(RecallMemberTest, RequiresReasonOwnAreaAndActiveMembership) {
  const Membership anna = Anna();
  auto blank = RecallMember(anna, RecallMemberCommand{""}, Director(kHelsinki), At(2026, 8, 3));
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.status().field(), "reason");
  auto other = RecallMember(anna, RecallMemberCommand{"x"}, Director(kVantaa), At(2026, 8, 3));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), ErrorCode::kPermissionDenied);
  auto keha = RecallMember(anna, RecallMemberCommand{"x"}, Keha(), At(2026, 8, 3));
  EXPECT_EQ(keha.status().code(), ErrorCode::kPermissionDenied);
  auto once = RecallMember(anna, RecallMemberCommand{"x"}, Director(kHelsinki), At(2026, 8, 3));
  ASSERT_TRUE(once.ok());
  auto twice =
      RecallMember(once->membership, RecallMemberCommand{"x"}, Director(kHelsinki), At(2026, 8, 4));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), ErrorCode::kFailedPrecondition);
}

// --- answers on paper ---------------------------------------------------------

PaperAnswerCommand LetterApproving(std::vector<Nominee> nominees) {
  PaperAnswerCommand cmd;
  cmd.channel = Channel::kLetter;
  cmd.approved = true;
  cmd.nominees = std::move(nominees);
  cmd.diary_number = "KAI/77/2026";
  cmd.decision_date = D(2026, 6, 10);
  cmd.decided_by = "Kaisa Kainuulainen, johtaja";
  return cmd;
}

Result<ApprovalOutcome> Paper(const Case& c, const PaperAnswerCommand& cmd,
                              const Actor& actor = Keha()) {
  return RecordPaperAnswer(c, OpenNetwork(), cmd, nullptr, NoDiaryNumbers(), actor,
                           At(2026, 6, 12));
}

TEST(PaperAnswerTest, ApprovalFromALetterStartsMembershipsAsAnApproval) {
  const Case sent = SentCase(kKainuu);
  auto r = Paper(sent, LetterApproving({Person("eino"), Person("fanni", SeatKind::kDeputy)}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Case& c = r->case_after;
  EXPECT_EQ(c.state, CaseState::kApproved);
  ASSERT_TRUE(c.registration.has_value());
  EXPECT_EQ(c.registration->diary_number, "KAI/77/2026");
  EXPECT_EQ(c.registration->channel, Channel::kLetter);
  EXPECT_EQ(c.registration->date_received, D(2026, 6, 10));
  EXPECT_EQ(c.registration->registered.user_id, "keha-1");
  ASSERT_TRUE(c.decision.has_value());
  EXPECT_TRUE(c.decision->from_paper());
  EXPECT_EQ(c.decision->channel, Channel::kLetter);
  EXPECT_EQ(c.decision->decision_date, D(2026, 6, 10));
  EXPECT_EQ(c.decision->decided_at_area, "Kaisa Kainuulainen, johtaja");
  EXPECT_EQ(c.decision->decided.user_id, "keha-1");
  ASSERT_EQ(r->started.size(), 2u);
  const MembershipRecord& eino = r->started[0].record();
  EXPECT_EQ(eino.id, MembershipId("req-1.kainuu-koillismaa.1"));
  EXPECT_EQ(eino.diary_number, "KAI/77/2026");
  EXPECT_EQ(eino.started, D(2026, 6, 10));
  EXPECT_TRUE(Membership::Restore(eino, c).ok());
  ASSERT_EQ(r->events.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<CaseApproved>(r->events[0]));
  EXPECT_EQ(Count<MembershipStarted>(r->events), 2);
}

TEST(PaperAnswerTest, RegisteredCaseKeepsItsDiaryNumber) {
  PaperAnswerCommand cmd = LetterApproving({Person("eino")});
  cmd.diary_number = "843/14.07.00/2026";  // Registration1()'s
  auto r = Paper(RegisteredCase(), cmd);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->case_after.registration->channel, Channel::kSystem);
  cmd.diary_number = "other";
  auto wrong = Paper(RegisteredCase(), cmd);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().field(), "diary_number");
}

TEST(PaperAnswerTest, DeclineFromAnEmail) {
  PaperAnswerCommand cmd = LetterApproving({});
  cmd.channel = Channel::kEmail;
  cmd.approved = false;
  cmd.reason = "No resources this year";
  auto r = Paper(SentCase(kKainuu), cmd);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->case_after.state, CaseState::kDeclined);
  EXPECT_EQ(r->case_after.decision->reason, "No resources this year");
  EXPECT_EQ(r->case_after.decision->channel, Channel::kEmail);
  EXPECT_TRUE(r->started.empty());
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(std::get<CaseDeclined>(r->events[0]).audit.reason, "No resources this year");
}

TEST(PaperAnswerTest, ValidatesTheLetter) {
  const Case sent = SentCase(kKainuu);
  const auto field_of = [&](const PaperAnswerCommand& cmd) {
    auto r = Paper(sent, cmd);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return std::string("ok");
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument) << r.status().ToString();
    return r.status().field();
  };
  PaperAnswerCommand cmd = LetterApproving({Person("eino")});
  cmd.diary_number.clear();
  EXPECT_EQ(field_of(cmd), "diary_number");
  cmd = LetterApproving({Person("eino")});
  cmd.decision_date = D(2026, 6, 13);  // tomorrow
  EXPECT_EQ(field_of(cmd), "decision_date");
  cmd = LetterApproving({Person("eino")});
  cmd.decision_date = D(2026, 5, 1);  // before the request
  EXPECT_EQ(field_of(cmd), "decision_date");
  cmd = LetterApproving({Person("eino")});
  cmd.decided_by = " ";
  EXPECT_EQ(field_of(cmd), "decided_by");
  cmd = LetterApproving({Person("eino")});
  cmd.channel = Channel::kSystem;
  EXPECT_EQ(field_of(cmd), "channel");
  cmd = LetterApproving({});
  EXPECT_EQ(field_of(cmd), "nominees");
  cmd = LetterApproving({Person("a"), Person("b"), Person("c")});  // 2 member seats asked
  EXPECT_EQ(field_of(cmd), "nominees");
  cmd = LetterApproving({Person("eino")});
  cmd.nominees[0].email = "x";
  EXPECT_EQ(field_of(cmd), "nominees[0].email");
  cmd = LetterApproving({});
  cmd.approved = false;
  EXPECT_EQ(field_of(cmd), "reason");
}

TEST(PaperAnswerTest, OnlyKehaAndOnlyOpenCases) {
  const PaperAnswerCommand cmd = LetterApproving({Person("eino")});
  for (const Actor& actor : {Director(kKainuu), Clerk(kKainuu), Observer()}) {
    auto r = Paper(SentCase(kKainuu), cmd, actor);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kPermissionDenied) << actor.user_id;
  }
  auto withdrawn = WithdrawCase(SentCase(kKainuu), WithdrawCommand{"x"}, Keha(), At(2026, 6, 3));
  ASSERT_TRUE(withdrawn.ok());
  auto r = Paper(withdrawn->case_after, cmd);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  auto used = RecordPaperAnswer(
      SentCase(kKainuu), OpenNetwork(), cmd, nullptr, [](const std::string&) { return true; },
      Keha(), At(2026, 6, 12));
  ASSERT_FALSE(used.ok());
  EXPECT_EQ(used.status().code(), ErrorCode::kAlreadyExists);
}

TEST(PaperAnswerTest, ReplacementFromALetterEndsTheReplacedMembership) {
  const Membership anna = Anna();
  auto requested = RequestReplacement(
      OpenNetwork(), anna,
      RequestReplacementCommand{RequestId("rep-1"), D(2026, 9, 30), "Anna is leaving", ""}, Keha(),
      At(2026, 8, 3));
  ASSERT_TRUE(requested.ok());
  PaperAnswerCommand cmd = LetterApproving({Person("dora")});
  cmd.decision_date = D(2026, 8, 10);
  auto r = RecordPaperAnswer(requested->case_after, OpenNetwork(), cmd, &anna, NoDiaryNumbers(),
                             Keha(), At(2026, 8, 12));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->replaced.has_value());
  EXPECT_EQ(r->replaced->record().end_reason, EndReason::kReplaced);
  EXPECT_EQ(r->replaced->record().ended, D(2026, 8, 10));
  EXPECT_EQ(Count<MembershipEnded>(r->events), 1);
  EXPECT_EQ(Count<MembershipStarted>(r->events), 1);
}

}  // namespace
}  // namespace verkosto::nominations
