// Reminders 7 and 2 working days before the deadline (per step: registration
// or decision; escalated when still unregistered at 2), the overdue flag, and
// catching up after downtime without duplicates.

#include <gtest/gtest.h>

#include "fixtures.h"
#include "nominations/domain/workflow.h"
#include "nominations/domain/working_days.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

// The standard case: sent Mon 1 June 2026, deadline Tue 30 June 2026. Seven
// working days before it is Thu 18 June (Midsummer Eve 19 June and Midsummer
// Day 20 June are off); two working days before it is Fri 26 June.
constexpr int kSeven = kFirstReminderWorkingDays;
constexpr int kTwo = kSecondReminderWorkingDays;

TEST(TimerTest, ReminderDaysSkipMidsummer) {
  EXPECT_EQ(SubtractWorkingDays(D(2026, 6, 30), kSeven), D(2026, 6, 18));
  EXPECT_EQ(SubtractWorkingDays(D(2026, 6, 30), kTwo), D(2026, 6, 26));
}

TEST(TimerTest, FiresNothingBeforeTheFirstReminderDay) {
  const TimerOutcome out = ProcessTimers(RegisteredCase(), D(2026, 6, 16), At(2026, 6, 17));
  EXPECT_TRUE(out.events.empty());
  EXPECT_EQ(out.case_after, RegisteredCase());
}

TEST(TimerTest, FiresReminderSevenWorkingDaysBeforeDeadline) {
  const TimerOutcome out = ProcessTimers(RegisteredCase(), D(2026, 6, 17), At(2026, 6, 18));
  ASSERT_EQ(out.events.size(), 1u);
  const auto& e = std::get<ReminderDue>(out.events[0]);
  EXPECT_EQ(e.threshold, 7);
  EXPECT_EQ(e.working_days_left, 7);
  EXPECT_EQ(e.audit.user_id, "system");
  EXPECT_EQ(e.case_after, out.case_after);
  EXPECT_TRUE(out.case_after.reminder_7_fired);
  EXPECT_FALSE(out.case_after.reminder_2_fired);
}

TEST(TimerTest, FiresReminderTwoWorkingDaysBeforeDeadline) {
  const TimerOutcome first = ProcessTimers(RegisteredCase(), D(2026, 6, 17), At(2026, 6, 18));
  // Nothing on the days between.
  const TimerOutcome quiet = ProcessTimers(first.case_after, D(2026, 6, 18), At(2026, 6, 25));
  EXPECT_TRUE(quiet.events.empty());
  const TimerOutcome second = ProcessTimers(quiet.case_after, D(2026, 6, 25), At(2026, 6, 26));
  ASSERT_EQ(second.events.size(), 1u);
  const auto& e = std::get<ReminderDue>(second.events[0]);
  EXPECT_EQ(e.threshold, 2);
  EXPECT_EQ(e.working_days_left, 2);
  EXPECT_TRUE(second.case_after.reminder_2_fired);
}

TEST(TimerTest, RemindsCasesAwaitingRegistrationToo) {
  const TimerOutcome out = ProcessTimers(SentCase(), D(2026, 6, 17), At(2026, 6, 18));
  EXPECT_EQ(Count<ReminderDue>(out.events), 1);
}

// Per step: the reminder is the registry's while the case awaits
// registration, the leadership's once it is registered.
TEST(TimerTest, AnUnregisteredCaseIsRemindedAboutRegistration) {
  const TimerOutcome out = ProcessTimers(SentCase(), D(2026, 6, 17), At(2026, 6, 18));
  ASSERT_EQ(out.events.size(), 1u);
  const auto& e = std::get<ReminderDue>(out.events[0]);
  EXPECT_EQ(e.step, ReminderStep::kRegistration);
  EXPECT_FALSE(e.escalated) << "seven working days left: not late yet";
}

TEST(TimerTest, ARegisteredCaseIsRemindedAboutTheDecision) {
  const TimerOutcome out = ProcessTimers(RegisteredCase(), D(2026, 6, 17), At(2026, 6, 18));
  ASSERT_EQ(out.events.size(), 1u);
  const auto& e = std::get<ReminderDue>(out.events[0]);
  EXPECT_EQ(e.step, ReminderStep::kDecision);
  EXPECT_FALSE(e.escalated);
}

TEST(TimerTest, StillUnregisteredTwoWorkingDaysBeforeTheDeadlineEscalates) {
  const TimerOutcome first = ProcessTimers(SentCase(), D(2026, 6, 17), At(2026, 6, 18));
  const TimerOutcome second = ProcessTimers(first.case_after, D(2026, 6, 25), At(2026, 6, 26));
  ASSERT_EQ(second.events.size(), 1u) << "one event: the reminder carries the escalation";
  const auto& e = std::get<ReminderDue>(second.events[0]);
  EXPECT_EQ(e.threshold, kTwo);
  EXPECT_EQ(e.step, ReminderStep::kRegistration);
  EXPECT_TRUE(e.escalated);
  EXPECT_EQ(e.case_after.state, CaseState::kAwaitingRegistration);
}

TEST(TimerTest, ACaseRegisteredBetweenTheRemindersIsNotEscalated) {
  const TimerOutcome first = ProcessTimers(SentCase(), D(2026, 6, 17), At(2026, 6, 18));
  ASSERT_EQ(std::get<ReminderDue>(first.events.at(0)).step, ReminderStep::kRegistration);
  auto registered = RegisterCase(first.case_after, Registration1(), NoDiaryNumbers(),
                                 Clerk(kHelsinki), At(2026, 6, 22));
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  const TimerOutcome second =
      ProcessTimers(registered->case_after, D(2026, 6, 25), At(2026, 6, 26));
  ASSERT_EQ(second.events.size(), 1u);
  const auto& e = std::get<ReminderDue>(second.events[0]);
  EXPECT_EQ(e.step, ReminderStep::kDecision);
  EXPECT_FALSE(e.escalated);
}

TEST(TimerTest, CatchingUpPastTheTwoDayReminderStillEscalates) {
  // Down 10-29 June, the case never registered: the 2-day reminder is
  // caught up (one day left) and still escalates.
  const TimerOutcome out = ProcessTimers(SentCase(), D(2026, 6, 10), At(2026, 6, 29));
  ASSERT_EQ(out.events.size(), 1u);
  const auto& e = std::get<ReminderDue>(out.events[0]);
  EXPECT_EQ(e.threshold, kTwo);
  EXPECT_EQ(e.working_days_left, 1);
  EXPECT_TRUE(e.escalated);
}

TEST(TimerTest, ReminderOfFollowsTheStateAndTheThreshold) {
  const Audit audit{};
  EXPECT_FALSE(ReminderOf(SentCase(), kSeven, 7, audit).escalated);
  EXPECT_TRUE(ReminderOf(SentCase(), kTwo, 2, audit).escalated);
  EXPECT_FALSE(ReminderOf(RegisteredCase(), kTwo, 2, audit).escalated);
  EXPECT_EQ(ReminderOf(RegisteredCase(), kTwo, 2, audit).step, ReminderStep::kDecision);
}

TEST(TimerTest, DoesNotRepeatAReminderAlreadyFired) {
  const TimerOutcome first = ProcessTimers(RegisteredCase(), D(2026, 6, 17), At(2026, 6, 18));
  // The same day again, e.g. after a restart that lost the last-processed date.
  const TimerOutcome again = ProcessTimers(first.case_after, D(2026, 6, 17), At(2026, 6, 18));
  EXPECT_TRUE(again.events.empty());
  EXPECT_EQ(again.case_after, first.case_after);
}

TEST(TimerTest, CatchesUpAfterDowntimeWithoutDuplicates) {
  // Down from 10 June to Mon 29 June: both reminder days passed unseen. Only
  // the most urgent reminder is sent, with the real number of days left.
  const TimerOutcome out = ProcessTimers(RegisteredCase(), D(2026, 6, 10), At(2026, 6, 29));
  ASSERT_EQ(out.events.size(), 1u);
  const auto& e = std::get<ReminderDue>(out.events[0]);
  EXPECT_EQ(e.threshold, 2);
  EXPECT_EQ(e.working_days_left, 1);
  EXPECT_TRUE(out.case_after.reminder_7_fired);
  EXPECT_TRUE(out.case_after.reminder_2_fired);
  // Later runs add nothing until the deadline has passed.
  const TimerOutcome next = ProcessTimers(out.case_after, D(2026, 6, 29), At(2026, 6, 30));
  EXPECT_TRUE(next.events.empty());
}

TEST(TimerTest, CatchesUpTheFirstReminderAlone) {
  // Down 15-23 June: only the 7-day reminder fell in the gap.
  const TimerOutcome out = ProcessTimers(RegisteredCase(), D(2026, 6, 15), At(2026, 6, 23));
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(std::get<ReminderDue>(out.events[0]).threshold, 7);
  EXPECT_EQ(std::get<ReminderDue>(out.events[0]).working_days_left, 5);
}

TEST(TimerTest, MarksUndecidedCaseOverdueAfterTheDeadline) {
  const TimerOutcome on_deadline = ProcessTimers(RegisteredCase(), D(2026, 6, 29), At(2026, 6, 30));
  EXPECT_FALSE(on_deadline.case_after.overdue);
  EXPECT_EQ(Count<CaseOverdue>(on_deadline.events), 0);
  const TimerOutcome after = ProcessTimers(on_deadline.case_after, D(2026, 6, 30), At(2026, 7, 1));
  ASSERT_EQ(after.events.size(), 1u);
  const auto& e = std::get<CaseOverdue>(after.events[0]);
  EXPECT_TRUE(e.case_after.overdue);
  EXPECT_TRUE(after.case_after.overdue);
  EXPECT_EQ(after.case_after.state, CaseState::kRegistered);
  const TimerOutcome again = ProcessTimers(after.case_after, D(2026, 7, 1), At(2026, 7, 2));
  EXPECT_TRUE(again.events.empty());
}

TEST(TimerTest, OverdueSupersedesMissedRemindersAfterLongDowntime) {
  const TimerOutcome out = ProcessTimers(RegisteredCase(), D(2026, 6, 5), At(2026, 7, 6));
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<CaseOverdue>(out.events[0]));
  EXPECT_TRUE(out.case_after.reminder_7_fired);
  EXPECT_TRUE(out.case_after.reminder_2_fired);
}

TEST(TimerTest, NoReminderForADayBeforeTheCaseWasSent) {
  // Sent Thu 25 June with the deadline 30 June: the 7-day day (18 June) is
  // before it was sent; the 2-day reminder (26 June) still fires.
  auto sent = SendRequest(OpenNetwork(), RequestTo({kHelsinki}), Keha(), At(2026, 6, 25));
  ASSERT_TRUE(sent.ok());
  const Case c = sent->cases[0];
  EXPECT_TRUE(c.short_deadline);
  const TimerOutcome same_day = ProcessTimers(c, D(2026, 6, 24), At(2026, 6, 25));
  EXPECT_TRUE(same_day.events.empty());
  const TimerOutcome next = ProcessTimers(same_day.case_after, D(2026, 6, 25), At(2026, 6, 26));
  ASSERT_EQ(next.events.size(), 1u);
  EXPECT_EQ(std::get<ReminderDue>(next.events[0]).threshold, 2);
}

TEST(TimerTest, IgnoresDecidedAndWithdrawnCases) {
  const Case approved = Approve(RegisteredCase(), {Person("anna")}).case_after;
  EXPECT_TRUE(ProcessTimers(approved, D(2026, 6, 1), At(2026, 7, 6)).events.empty());
  auto withdrawn = WithdrawCase(SentCase(), WithdrawCommand{"x"}, Keha(), At(2026, 6, 2));
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_TRUE(ProcessTimers(withdrawn->case_after, D(2026, 6, 1), At(2026, 7, 6)).events.empty());
}

TEST(TimerTest, ExtendingTheDeadlineRearmsRemindersAndClearsOverdue) {
  const TimerOutcome overdue = ProcessTimers(RegisteredCase(), D(2026, 6, 1), At(2026, 7, 1));
  ASSERT_TRUE(overdue.case_after.overdue);
  // New deadline Fri 31 July 2026: reminders on Wed 22 July and Wed 29 July.
  auto extended = ExtendDeadline(overdue.case_after, ExtendDeadlineCommand{D(2026, 7, 31)}, Keha(),
                                 At(2026, 7, 1));
  ASSERT_TRUE(extended.ok()) << extended.status().ToString();
  const Case& c = extended->case_after;
  EXPECT_FALSE(c.overdue);
  EXPECT_FALSE(c.reminder_7_fired);
  EXPECT_FALSE(c.reminder_2_fired);
  const TimerOutcome first = ProcessTimers(c, D(2026, 7, 21), At(2026, 7, 22));
  ASSERT_EQ(first.events.size(), 1u);
  EXPECT_EQ(std::get<ReminderDue>(first.events[0]).threshold, 7);
  const TimerOutcome second = ProcessTimers(first.case_after, D(2026, 7, 28), At(2026, 7, 29));
  ASSERT_EQ(second.events.size(), 1u);
  EXPECT_EQ(std::get<ReminderDue>(second.events[0]).threshold, 2);
}

TEST(TimerTest, ExtensionDoesNotRearmAReminderWhoseDayHasPassed) {
  // Extending on 29 June to 2 July: the new 7-day day (23 June) is past.
  auto extended = ExtendDeadline(RegisteredCase(), ExtendDeadlineCommand{D(2026, 7, 2)}, Keha(),
                                 At(2026, 6, 29));
  ASSERT_TRUE(extended.ok());
  EXPECT_TRUE(extended->case_after.reminder_7_fired);
  EXPECT_FALSE(extended->case_after.reminder_2_fired);  // 30 June is ahead
}

}  // namespace
}  // namespace verkosto::nominations
