// The case history's one mapping from events to acts (domain/case_acts.h):
// each case event becomes one act with who, role, on whose behalf, when and
// the diary numbers; membership events become none; no act holds an e-mail.

#include "nominations/domain/case_acts.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

TEST(CaseActsTest, SentActCarriesKehasDiaryNumberAndSender) {
  auto r = SendRequest(OpenNetwork(), RequestTo({kHelsinki}), Keha(), SentAt());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::vector<CaseAct> acts = ActsOf(r->events);
  ASSERT_EQ(acts.size(), 1u);
  EXPECT_EQ(acts[0].kind, ActKind::kSent);
  EXPECT_EQ(acts[0].case_id, r->cases.at(0).id);
  EXPECT_EQ(acts[0].keha_diary_number, "KEHA/123/2026");
  EXPECT_EQ(acts[0].by.user_id, "keha-1");
  EXPECT_EQ(acts[0].by.display_name, "Name of keha-1");
  EXPECT_EQ(acts[0].by.role, Role::kKehaCoordinator);
  EXPECT_EQ(acts[0].by.at, SentAt());
  EXPECT_EQ(acts[0].deadline, D(2026, 6, 30));
}

TEST(CaseActsTest, RegisteredActCarriesTheAreasDiaryNumberDateAndChannel) {
  auto r =
      RegisterCase(SentCase(), Registration1(), NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::vector<CaseAct> acts = ActsOf(r->events);
  ASSERT_EQ(acts.size(), 1u);
  EXPECT_EQ(acts[0].kind, ActKind::kRegistered);
  EXPECT_EQ(acts[0].diary_number, "843/14.07.00/2026");
  EXPECT_EQ(acts[0].keha_diary_number, "KEHA/123/2026");
  EXPECT_EQ(acts[0].date_received, D(2026, 6, 2));
  EXPECT_EQ(acts[0].channel, Channel::kSystem);
  EXPECT_EQ(acts[0].by.role, Role::kRegistryClerk);
}

TEST(CaseActsTest, ExtensionCarriesOldAndNewDeadline) {
  auto r = ExtendDeadline(RegisteredCase(), ExtendDeadlineCommand{D(2026, 7, 31)}, Keha(),
                          At(2026, 6, 3));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::vector<CaseAct> acts = ActsOf(r->events);
  ASSERT_EQ(acts.size(), 1u);
  EXPECT_EQ(acts[0].kind, ActKind::kDeadlineExtended);
  EXPECT_EQ(acts[0].previous_deadline, D(2026, 6, 30));
  EXPECT_EQ(acts[0].deadline, D(2026, 7, 31));
}

TEST(CaseActsTest, ApprovalByADeputyNamesTheDirectorAndTheNomineesButNoEmail) {
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(),
                       ApproveCommand{{Person("Aino"), Person("Eero", SeatKind::kDeputy)}}, nullptr,
                       Deputy(kHelsinki), At(2026, 6, 3));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::vector<CaseAct> acts = ActsOf(r->events);
  // MembershipStarted events record no case act.
  ASSERT_EQ(acts.size(), 1u);
  EXPECT_EQ(acts[0].kind, ActKind::kApproved);
  EXPECT_EQ(acts[0].by.role, Role::kAreaDeputy);
  EXPECT_EQ(acts[0].by.on_behalf_of, "director-helsinki");
  EXPECT_EQ(acts[0].diary_number, "843/14.07.00/2026");
  EXPECT_EQ(acts[0].names, (std::vector<std::string>{"Aino", "Eero"}));
  for (const std::string& n : acts[0].names) EXPECT_EQ(n.find('@'), std::string::npos);
}

TEST(CaseActsTest, DeclineAndWithdrawalCarryTheirReason) {
  auto declined = DeclineCase(RegisteredCase(), DeclineCommand{"No one available"},
                              Director(kHelsinki), At(2026, 6, 3));
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  std::vector<CaseAct> acts = ActsOf(declined->events);
  ASSERT_EQ(acts.size(), 1u);
  EXPECT_EQ(acts[0].kind, ActKind::kDeclined);
  EXPECT_EQ(acts[0].by.reason, "No one available");

  auto withdrawn =
      WithdrawCase(SentCase(), WithdrawCommand{"Sent by mistake"}, Keha(), At(2026, 6, 2));
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  acts = ActsOf(withdrawn->events);
  ASSERT_EQ(acts.size(), 1u);
  EXPECT_EQ(acts[0].kind, ActKind::kWithdrawn);
  EXPECT_EQ(acts[0].by.reason, "Sent by mistake");
}

TEST(CaseActsTest, RemindersAndOverdueAreTheSystemsActs) {
  // Sent 1 June with deadline 30 June; the timers run every day to 1 July:
  // both reminders and the overdue mark fire.
  Case c = SentCase();
  std::vector<Event> events;
  for (unsigned day = 2; day <= 31; ++day) {
    const Date today = day <= 30 ? D(2026, 6, day) : D(2026, 7, 1);
    TimerOutcome out =
        ProcessTimers(c, AddDays(today, -1), HelsinkiStartOfDay(today) + std::chrono::hours(8));
    c = out.case_after;
    for (Event& e : out.events) events.push_back(std::move(e));
  }
  const std::vector<CaseAct> acts = ActsOf(events);
  ASSERT_FALSE(acts.empty());
  int reminders = 0;
  bool overdue = false;
  for (const CaseAct& a : acts) {
    EXPECT_EQ(a.by.user_id, "system");
    if (a.kind == ActKind::kReminder) {
      ++reminders;
      EXPECT_TRUE(a.reminder_days == 7 || a.reminder_days == 2) << a.reminder_days;
    }
    if (a.kind == ActKind::kOverdue) overdue = true;
  }
  EXPECT_EQ(reminders, 2);
  EXPECT_TRUE(overdue);
}

TEST(CaseActsTest, KindNamesRoundTrip) {
  for (ActKind kind :
       {ActKind::kSent, ActKind::kRegistered, ActKind::kLogged, ActKind::kDeadlineExtended,
        ActKind::kReminder, ActKind::kOverdue, ActKind::kApproved, ActKind::kDeclined,
        ActKind::kPaperAnswer, ActKind::kConfirmed, ActKind::kWithdrawn}) {
    EXPECT_EQ(ActKindFromName(ActKindName(kind)), kind);
  }
  EXPECT_EQ(ActKindFromName("nonsense"), std::nullopt);
}

}  // namespace
}  // namespace verkosto::nominations
