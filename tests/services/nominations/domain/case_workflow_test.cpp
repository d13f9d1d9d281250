// A case's way through the registry (rule 4) and the leadership (rule 3),
// and KEHA's withdrawal and deadline extension.

#include <gtest/gtest.h>

#include <set>

#include "fixtures.h"
#include "nominations/domain/workflow.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

const TimePoint kDecisionTime = At(2026, 6, 3);

void ExpectCode(const Status& status, ErrorCode code, const std::string& field = {}) {
  EXPECT_EQ(status.code(), code) << status.ToString();
  if (!field.empty()) {
    EXPECT_EQ(status.field(), field) << status.ToString();
  }
}

LogIncomingCommand LetterToHelsinki() {
  LogIncomingCommand cmd;
  cmd.request_id = RequestId("log-1");
  cmd.area = kHelsinki;
  cmd.channel = Channel::kLetter;
  cmd.sender = "KEHA-keskus, Matti Meikäläinen";
  cmd.subject = "Nimeämispyyntö: C6-verkosto";
  cmd.date_received = D(2026, 6, 2);
  cmd.diary_number = "HEL 2026-004512";
  cmd.organisation = "Helsingin kaupunki";
  cmd.seats = Seats{1, 1};
  cmd.deadline = D(2026, 6, 30);
  return cmd;
}

// --- Registration ----------------------------------------------------------

TEST(CaseWorkflowTest, RegistryRegistersCaseWithItsDiaryNumber) {
  auto r =
      RegisterCase(SentCase(), Registration1(), NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Case& c = r->case_after;
  EXPECT_EQ(c.state, CaseState::kRegistered);
  ASSERT_TRUE(c.registration.has_value());
  EXPECT_EQ(c.registration->diary_number, "843/14.07.00/2026");
  EXPECT_EQ(c.registration->organisation, "Helsingin kaupunki");
  EXPECT_EQ(c.registration->date_received, D(2026, 6, 2));
  EXPECT_EQ(c.registration->registered.user_id, "clerk-helsinki");
  EXPECT_EQ(c.registration->channel, Channel::kSystem);
  ASSERT_EQ(r->events.size(), 1u);
  const auto& e = std::get<CaseRegistered>(r->events[0]);
  EXPECT_EQ(e.case_after, c);
  EXPECT_EQ(e.audit.user_id, "clerk-helsinki");
  EXPECT_EQ(e.audit.role, Role::kRegistryClerk);
}

TEST(CaseWorkflowTest, RejectsRegistrationByClerkOfAnotherArea) {
  auto r =
      RegisterCase(SentCase(), Registration1(), NoDiaryNumbers(), Clerk(kVantaa), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kPermissionDenied);
}

TEST(CaseWorkflowTest, RejectsRegistrationByWrongRole) {
  for (const Actor& actor : {Director(kHelsinki), Keha(), Observer()}) {
    auto r = RegisterCase(SentCase(), Registration1(), NoDiaryNumbers(), actor, At(2026, 6, 2));
    ExpectCode(r.status(), ErrorCode::kPermissionDenied);
  }
}

TEST(CaseWorkflowTest, RejectsDiaryNumberAlreadyUsedInTheArea) {
  const std::set<std::string> used = {"843/14.07.00/2026"};
  auto r = RegisterCase(
      SentCase(), Registration1(), [&](const std::string& n) { return used.contains(n); },
      Clerk(kHelsinki), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kAlreadyExists, "diary_number");
}

TEST(CaseWorkflowTest, StoresDiaryNumberVerbatimWithoutParsing) {
  RegisterCommand cmd = Registration1();
  cmd.diary_number = "TUUDno-2022-1002 / liite 3";
  auto r = RegisterCase(SentCase(), cmd, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->case_after.registration->diary_number, "TUUDno-2022-1002 / liite 3");
}

TEST(CaseWorkflowTest, RejectsBlankDiaryNumberAndOrganisation) {
  RegisterCommand cmd = Registration1();
  cmd.diary_number = " ";
  auto r = RegisterCase(SentCase(), cmd, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "diary_number");
  cmd = Registration1();
  cmd.organisation = "";
  r = RegisterCase(SentCase(), cmd, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "organisation");
}

TEST(CaseWorkflowTest, RejectsDateReceivedInTheFutureOrBeforeSending) {
  RegisterCommand cmd = Registration1();
  cmd.date_received = D(2026, 6, 3);
  auto r = RegisterCase(SentCase(), cmd, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "date_received");
  cmd.date_received = D(2026, 5, 29);
  r = RegisterCase(SentCase(), cmd, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "date_received");
}

TEST(CaseWorkflowTest, RejectsRegisteringTwice) {
  auto r = RegisterCase(RegisteredCase(), Registration1(), NoDiaryNumbers(), Clerk(kHelsinki),
                        At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kFailedPrecondition);
}

// --- Logging requests that came by e-mail or letter ------------------------

TEST(CaseWorkflowTest, RegistryLogsLetterAsRegisteredCase) {
  auto r = LogIncomingRequest(OpenNetwork(), LetterToHelsinki(), NoDiaryNumbers(), Clerk(kHelsinki),
                              At(2026, 6, 2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Case& c = r->case_after;
  EXPECT_EQ(c.id, CaseId("log-1.helsinki"));
  EXPECT_EQ(c.state, CaseState::kRegistered);
  EXPECT_EQ(c.network, kNetwork);
  EXPECT_FALSE(c.sent.has_value());
  ASSERT_TRUE(c.registration.has_value());
  EXPECT_EQ(c.registration->channel, Channel::kLetter);
  EXPECT_EQ(c.registration->sender, "KEHA-keskus, Matti Meikäläinen");
  EXPECT_EQ(c.registration->subject, "Nimeämispyyntö: C6-verkosto");
  EXPECT_EQ(c.registration->diary_number, "HEL 2026-004512");
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(std::get<CaseLogged>(r->events[0]).audit.user_id, "clerk-helsinki");
  // The leadership can decide it straight away.
  auto approved = ApproveCase(c, OpenNetwork(), ApproveCommand{{Person("anna")}}, nullptr,
                              Director(kHelsinki), kDecisionTime);
  EXPECT_TRUE(approved.ok()) << approved.status().ToString();
}

TEST(CaseWorkflowTest, RejectsLoggingForAreaThatDeclined) {
  LogIncomingCommand cmd = LetterToHelsinki();
  cmd.area = kLahti;
  auto r = LogIncomingRequest(OpenNetwork(), cmd, NoDiaryNumbers(), Clerk(kLahti), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kFailedPrecondition, "area_code");
}

TEST(CaseWorkflowTest, RejectsLoggingForNetworkThatIsNotOpen) {
  NetworkView network = OpenNetwork();
  network.status = NetworkStatus::kClosed;
  auto r = LogIncomingRequest(network, LetterToHelsinki(), NoDiaryNumbers(), Clerk(kHelsinki),
                              At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kFailedPrecondition);
}

TEST(CaseWorkflowTest, RejectsLoggingForAnotherAreaOrByWrongRole) {
  auto r = LogIncomingRequest(OpenNetwork(), LetterToHelsinki(), NoDiaryNumbers(), Clerk(kVantaa),
                              At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kPermissionDenied);
  r = LogIncomingRequest(OpenNetwork(), LetterToHelsinki(), NoDiaryNumbers(), Director(kHelsinki),
                         At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kPermissionDenied);
}

TEST(CaseWorkflowTest, RejectsLoggingWithBadFields) {
  LogIncomingCommand cmd = LetterToHelsinki();
  cmd.channel = Channel::kSystem;
  auto r =
      LogIncomingRequest(OpenNetwork(), cmd, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "channel");
  cmd = LetterToHelsinki();
  cmd.sender = "";
  r = LogIncomingRequest(OpenNetwork(), cmd, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "sender");
  cmd = LetterToHelsinki();
  cmd.deadline = D(2026, 6, 1);
  r = LogIncomingRequest(OpenNetwork(), cmd, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "deadline");
}

TEST(CaseWorkflowTest, RejectsLoggingForUnknownArea) {
  LogIncomingCommand cmd = LetterToHelsinki();
  cmd.area = AreaCode("atlantis");
  auto r = LogIncomingRequest(OpenNetwork(), cmd, NoDiaryNumbers(), Clerk(AreaCode("atlantis")),
                              At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "area_code");
}

TEST(CaseWorkflowTest, RejectsRegisteringWithdrawnCase) {
  auto withdrawn = WithdrawCase(SentCase(), WithdrawCommand{"mistake"}, Keha(), At(2026, 6, 2));
  ASSERT_TRUE(withdrawn.ok());
  auto r = RegisterCase(withdrawn->case_after, Registration1(), NoDiaryNumbers(), Clerk(kHelsinki),
                        At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kFailedPrecondition);
}

TEST(CaseWorkflowTest, RejectsLoggingWithDuplicateDiaryNumber) {
  auto r = LogIncomingRequest(
      OpenNetwork(), LetterToHelsinki(), [](const std::string&) { return true; }, Clerk(kHelsinki),
      At(2026, 6, 2));
  ExpectCode(r.status(), ErrorCode::kAlreadyExists, "diary_number");
}

// --- Decisions -------------------------------------------------------------

TEST(CaseWorkflowTest, RejectsDecisionBeforeRegistration) {
  const Case sent = SentCase();
  auto approve = ApproveCase(sent, OpenNetwork(), ApproveCommand{{Person("anna")}}, nullptr,
                             Director(kHelsinki), kDecisionTime);
  ExpectCode(approve.status(), ErrorCode::kFailedPrecondition);
  auto decline =
      DeclineCase(sent, DeclineCommand{"no resources"}, Director(kHelsinki), kDecisionTime);
  ExpectCode(decline.status(), ErrorCode::kFailedPrecondition);
}

TEST(CaseWorkflowTest, RejectsDecisionByLeadershipOfAnotherArea) {
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{{Person("anna")}}, nullptr,
                       Director(kVantaa), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kPermissionDenied);
  auto d = DeclineCase(RegisteredCase(), DeclineCommand{"no"}, Deputy(kVantaa), kDecisionTime);
  ExpectCode(d.status(), ErrorCode::kPermissionDenied);
}

TEST(CaseWorkflowTest, RejectsDecisionByWrongRole) {
  for (const Actor& actor :
       {Clerk(kHelsinki), Keha(), Observer(), MakeActor("admin", Role::kAdmin, kHelsinki),
        MakeActor("nominee", Role::kNominee, kHelsinki)}) {
    auto r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{{Person("anna")}}, nullptr,
                         actor, kDecisionTime);
    ExpectCode(r.status(), ErrorCode::kPermissionDenied);
  }
}

TEST(CaseWorkflowTest, RejectsDeputyNotActingOnTheDirectorsBehalf) {
  Actor deputy = Deputy(kHelsinki);
  deputy.on_behalf_of.clear();
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{{Person("anna")}}, nullptr,
                       deputy, kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kPermissionDenied);
}

TEST(CaseWorkflowTest, DeputyDecisionRecordsBothDeputyAndDirector) {
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{{Person("anna")}}, nullptr,
                       Deputy(kHelsinki), kDecisionTime);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Stamp& decided = r->case_after.decision->decided;
  EXPECT_EQ(decided.user_id, "deputy-helsinki");
  EXPECT_EQ(decided.on_behalf_of, "director-helsinki");
  const auto& approved = std::get<CaseApproved>(r->events[0]);
  EXPECT_EQ(approved.audit.user_id, "deputy-helsinki");
  EXPECT_EQ(approved.audit.on_behalf_of, "director-helsinki");
  EXPECT_EQ(r->started[0].record().decided, decided);
}

TEST(CaseWorkflowTest, RejectsSecondDecision) {
  const Case approved = Approve(RegisteredCase(), {Person("anna")}).case_after;
  auto again = ApproveCase(approved, OpenNetwork(), ApproveCommand{{Person("ben")}}, nullptr,
                           Director(kHelsinki), kDecisionTime);
  ExpectCode(again.status(), ErrorCode::kFailedPrecondition);
  auto decline =
      DeclineCase(approved, DeclineCommand{"changed our mind"}, Director(kHelsinki), kDecisionTime);
  ExpectCode(decline.status(), ErrorCode::kFailedPrecondition);
}

TEST(CaseWorkflowTest, RejectsDecisionOnWithdrawnCase) {
  auto withdrawn =
      WithdrawCase(RegisteredCase(), WithdrawCommand{"sent by mistake"}, Keha(), At(2026, 6, 2));
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  auto r = ApproveCase(withdrawn->case_after, OpenNetwork(), ApproveCommand{{Person("anna")}},
                       nullptr, Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kFailedPrecondition);
}

TEST(CaseWorkflowTest, RejectsMoreMembersThanMemberSeatsAsked) {
  // Two member seats and one deputy seat were asked.
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(),
                       ApproveCommand{{Person("anna"), Person("ben"), Person("cecilia")}}, nullptr,
                       Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "nominees");
}

TEST(CaseWorkflowTest, RejectsMoreDeputiesThanDeputySeatsAsked) {
  auto r = ApproveCase(
      RegisteredCase(), OpenNetwork(),
      ApproveCommand{{Person("anna", SeatKind::kDeputy), Person("ben", SeatKind::kDeputy)}},
      nullptr, Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "nominees");
}

TEST(CaseWorkflowTest, AcceptsFewerNomineesThanSeats) {
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(),
                       ApproveCommand{{Person("anna", SeatKind::kDeputy)}}, nullptr,
                       Director(kHelsinki), kDecisionTime);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

TEST(CaseWorkflowTest, RejectsApprovalWithoutNominees) {
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{}, nullptr,
                       Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "nominees");
}

TEST(CaseWorkflowTest, RejectsNomineeWithMalformedEmailOrMissingFields) {
  Nominee bad = Person("ben");
  bad.email = "ben at hel.fi";
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{{Person("anna"), bad}},
                       nullptr, Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "nominees[1].email");
  Nominee untitled = Person("ben");
  untitled.title = "";
  r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{{untitled}}, nullptr,
                  Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "nominees[0].title");
  Nominee twice = Person("anna");
  twice.email = "ANNA@hel.fi";
  r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{{Person("anna"), twice}}, nullptr,
                  Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "nominees[1].email");
}

TEST(CaseWorkflowTest, ANomineeKeepsTheLanguageTheLeadershipChose) {
  Nominee swedish = Person("anna");
  swedish.language = Language::kSv;
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{{swedish, Person("ben")}},
                       nullptr, Director(kHelsinki), kDecisionTime);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->case_after.decision->nominees.size(), 2U);
  EXPECT_EQ(r->case_after.decision->nominees[0].language, Language::kSv);
  EXPECT_EQ(r->case_after.decision->nominees[1].language, std::nullopt);  // the area's language
}

TEST(CaseWorkflowTest, RejectsApprovalWhenNetworkClosedOrAreaHasSinceDeclined) {
  NetworkView closed = OpenNetwork();
  closed.status = NetworkStatus::kClosed;
  auto r = ApproveCase(RegisteredCase(), closed, ApproveCommand{{Person("anna")}}, nullptr,
                       Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kFailedPrecondition);
  NetworkView declined = OpenNetwork();
  declined.areas[kHelsinki] = Participation::kDeclines;
  r = ApproveCase(RegisteredCase(), declined, ApproveCommand{{Person("anna")}}, nullptr,
                  Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kFailedPrecondition, "area_code");
}

TEST(CaseWorkflowTest, DeclineRecordsReasonAndStartsNoMembership) {
  auto r = DeclineCase(RegisteredCase(), DeclineCommand{"no staff to spare this year"},
                       Director(kHelsinki), kDecisionTime);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->case_after.state, CaseState::kDeclined);
  ASSERT_TRUE(r->case_after.decision.has_value());
  EXPECT_FALSE(r->case_after.decision->approved);
  EXPECT_EQ(r->case_after.decision->reason, "no staff to spare this year");
  ASSERT_EQ(r->events.size(), 1u);
  const auto& e = std::get<CaseDeclined>(r->events[0]);
  EXPECT_EQ(e.audit.reason, "no staff to spare this year");
  EXPECT_EQ(e.audit.user_id, "director-helsinki");
}

TEST(CaseWorkflowTest, RejectsDeclineWithoutReason) {
  auto r = DeclineCase(RegisteredCase(), DeclineCommand{" "}, Director(kHelsinki), kDecisionTime);
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "reason");
}

TEST(CaseWorkflowTest, OverdueCaseCanStillBeDecided) {
  const Case registered = RegisteredCase();
  const TimerOutcome late = ProcessTimers(registered, D(2026, 6, 30), At(2026, 7, 1));
  ASSERT_TRUE(late.case_after.overdue);
  auto r = ApproveCase(late.case_after, OpenNetwork(), ApproveCommand{{Person("anna")}}, nullptr,
                       Director(kHelsinki), At(2026, 7, 2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->case_after.overdue);
  EXPECT_EQ(r->case_after.state, CaseState::kApproved);
}

// --- Withdrawal and deadline extension -------------------------------------

TEST(CaseWorkflowTest, KehaWithdrawsUndecidedCase) {
  for (const Case& c : {SentCase(), RegisteredCase()}) {
    auto r = WithdrawCase(c, WithdrawCommand{"network postponed"}, Keha(), At(2026, 6, 4));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->case_after.state, CaseState::kWithdrawn);
    EXPECT_EQ(r->case_after.withdraw_reason, "network postponed");
    ASSERT_TRUE(r->case_after.withdrawn.has_value());
    EXPECT_EQ(r->case_after.withdrawn->user_id, "keha-1");
    EXPECT_EQ(std::get<CaseWithdrawn>(r->events.at(0)).audit.reason, "network postponed");
  }
}

TEST(CaseWorkflowTest, RejectsWithdrawingDecidedOrWithdrawnCase) {
  const Case approved = Approve(RegisteredCase(), {Person("anna")}).case_after;
  auto r = WithdrawCase(approved, WithdrawCommand{"too late"}, Keha(), At(2026, 6, 4));
  ExpectCode(r.status(), ErrorCode::kFailedPrecondition);
  auto once = WithdrawCase(SentCase(), WithdrawCommand{"x"}, Keha(), At(2026, 6, 4));
  ASSERT_TRUE(once.ok());
  auto twice = WithdrawCase(once->case_after, WithdrawCommand{"x"}, Keha(), At(2026, 6, 4));
  ExpectCode(twice.status(), ErrorCode::kFailedPrecondition);
}

TEST(CaseWorkflowTest, RejectsWithdrawalByWrongRoleOrWithoutReason) {
  auto r = WithdrawCase(SentCase(), WithdrawCommand{"x"}, Director(kHelsinki), At(2026, 6, 4));
  ExpectCode(r.status(), ErrorCode::kPermissionDenied);
  r = WithdrawCase(SentCase(), WithdrawCommand{""}, Keha(), At(2026, 6, 4));
  ExpectCode(r.status(), ErrorCode::kInvalidArgument, "reason");
}

TEST(CaseWorkflowTest, KehaExtendsDeadline) {
  auto r =
      ExtendDeadline(SentCase(), ExtendDeadlineCommand{D(2026, 8, 14)}, Keha(), At(2026, 6, 4));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->case_after.deadline, D(2026, 8, 14));
  const auto& e = std::get<DeadlineExtended>(r->events.at(0));
  EXPECT_EQ(e.previous_deadline, D(2026, 6, 30));
  EXPECT_EQ(e.audit.user_id, "keha-1");
}

TEST(CaseWorkflowTest, ExtendingShortDeadlineClearsTheFlag) {
  const Case shortc = SentCase(kHelsinki, D(2026, 6, 5));
  ASSERT_TRUE(shortc.short_deadline);
  auto r = ExtendDeadline(shortc, ExtendDeadlineCommand{D(2026, 6, 26)}, Keha(), At(2026, 6, 4));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->case_after.short_deadline);
}

TEST(CaseWorkflowTest, RejectsDeadlineExtensionThatIsNotLater) {
  for (const Date d : {D(2026, 6, 30), D(2026, 6, 20)}) {
    auto r = ExtendDeadline(SentCase(), ExtendDeadlineCommand{d}, Keha(), At(2026, 6, 4));
    ExpectCode(r.status(), ErrorCode::kInvalidArgument, "deadline");
  }
}

TEST(CaseWorkflowTest, RejectsExtendingDecidedCaseOrByWrongRole) {
  const Case approved = Approve(RegisteredCase(), {Person("anna")}).case_after;
  auto r = ExtendDeadline(approved, ExtendDeadlineCommand{D(2026, 8, 14)}, Keha(), At(2026, 6, 4));
  ExpectCode(r.status(), ErrorCode::kFailedPrecondition);
  r = ExtendDeadline(SentCase(), ExtendDeadlineCommand{D(2026, 8, 14)}, Clerk(kHelsinki),
                     At(2026, 6, 4));
  ExpectCode(r.status(), ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace verkosto::nominations
