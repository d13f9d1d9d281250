// Issue 19, item 4: the Equality Act (609/1986) 4 a § rules — the 40 %
// computation per group, not stated, rounding, small bodies — and who may
// see a nominee's gender.
#include "nominations/domain/gender_balance.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "nominations/domain/visibility.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

GenderCounts Counts(uint32_t women, uint32_t men, uint32_t not_stated = 0) {
  GenderCounts c;
  c.women = women;
  c.men = men;
  c.not_stated = not_stated;
  return c;
}

MembershipRecord Seat(const std::string& name, SeatKind seat, Gender gender, bool ended = false) {
  MembershipRecord m;
  m.id = MembershipId("r-1.helsinki." + name);
  m.network = kNetwork;
  m.area = kHelsinki;
  m.person = Person(name, seat);
  m.person.gender = gender;
  if (ended) m.ended = D(2026, 6, 1);
  return m;
}

TEST(GenderBalanceTest, RequiredEachIsFortyPercentRoundedUpAtMostHalf) {
  EXPECT_EQ(RequiredEach(0), 0U);
  EXPECT_EQ(RequiredEach(1), 0U);  // a group of one cannot hold both
  EXPECT_EQ(RequiredEach(2), 1U);
  EXPECT_EQ(RequiredEach(3), 1U);  // ceil(1.2) = 2 > 3 / 2: the most even split, 1 + 2
  EXPECT_EQ(RequiredEach(4), 2U);
  EXPECT_EQ(RequiredEach(5), 2U);
  EXPECT_EQ(RequiredEach(8), 4U);  // ceil(3.2): 3 of 8 = 37.5 % is not 40 %
  EXPECT_EQ(RequiredEach(10), 4U);
  EXPECT_EQ(RequiredEach(11), 5U);  // ceil(4.4)
  EXPECT_EQ(RequiredEach(45), 18U);
}

TEST(GenderBalanceTest, FortyPercentIsExactNotRounded) {
  EXPECT_EQ(Assess(Counts(2, 3)), BalanceVerdict::kMeets);   // 40 % exactly
  EXPECT_EQ(Assess(Counts(4, 6)), BalanceVerdict::kMeets);   // 40 %
  EXPECT_EQ(Assess(Counts(3, 5)), BalanceVerdict::kBreaks);  // 37.5 %
  // 39.9 %: rounds to 40 % for display, still breaks the rule.
  EXPECT_EQ(Percent(399, 1000), 40U);
  EXPECT_EQ(Assess(Counts(399, 601)), BalanceVerdict::kBreaks);
  EXPECT_EQ(Assess(Counts(400, 600)), BalanceVerdict::kMeets);
}

TEST(GenderBalanceTest, SmallBodies) {
  EXPECT_EQ(Assess(Counts(0, 0)), BalanceVerdict::kEmpty);
  EXPECT_EQ(Assess(Counts(1, 0)), BalanceVerdict::kMeets);  // one seat: nothing to balance
  EXPECT_EQ(Assess(Counts(0, 2)), BalanceVerdict::kBreaks);
  EXPECT_EQ(Assess(Counts(1, 1)), BalanceVerdict::kMeets);
  EXPECT_EQ(Assess(Counts(1, 2)), BalanceVerdict::kMeets);  // 33 %, as even as three allows
  EXPECT_EQ(Assess(Counts(0, 3)), BalanceVerdict::kBreaks);
}

TEST(GenderBalanceTest, NotStatedMakesItUnassessableOnlyWhenItMatters) {
  // Meets whatever the one not stated is.
  EXPECT_EQ(Assess(Counts(2, 2, 1)), BalanceVerdict::kMeets);
  // Breaks whatever they are: even all three as women give 3 of 10.
  EXPECT_EQ(Assess(Counts(0, 7, 3)), BalanceVerdict::kBreaks);
  // Depends on them.
  EXPECT_EQ(Assess(Counts(1, 2, 2)), BalanceVerdict::kCannotBeAssessed);
  EXPECT_EQ(Assess(Counts(0, 0, 4)), BalanceVerdict::kCannotBeAssessed);
}

TEST(GenderBalanceTest, PercentRoundsHalfUp) {
  EXPECT_EQ(Percent(0, 0), 0U);
  EXPECT_EQ(Percent(1, 3), 33U);
  EXPECT_EQ(Percent(2, 3), 67U);
  EXPECT_EQ(Percent(1, 8), 13U);  // 12.5 -> 13
  EXPECT_EQ(Percent(5, 5), 100U);
}

TEST(GenderBalanceTest, MembersAndDeputiesAreAssessedSeparately) {
  // Members 2 women + 2 men meet it; deputies 0 + 3 break it: the body breaks.
  const std::vector<MembershipRecord> seats = {
      Seat("a", SeatKind::kMember, Gender::kWoman),
      Seat("b", SeatKind::kMember, Gender::kWoman),
      Seat("c", SeatKind::kMember, Gender::kMan),
      Seat("d", SeatKind::kMember, Gender::kMan),
      Seat("e", SeatKind::kDeputy, Gender::kMan),
      Seat("f", SeatKind::kDeputy, Gender::kMan),
      Seat("g", SeatKind::kDeputy, Gender::kMan),
      // Ended memberships do not count.
      Seat("h", SeatKind::kDeputy, Gender::kWoman, /*ended=*/true),
  };
  const GenderBalance b = BalanceOf(seats);
  EXPECT_EQ(b.members, Counts(2, 2));
  EXPECT_EQ(b.deputies, Counts(0, 3));
  EXPECT_EQ(b.members_verdict, BalanceVerdict::kMeets);
  EXPECT_EQ(b.deputies_verdict, BalanceVerdict::kBreaks);
  EXPECT_EQ(b.verdict, BalanceVerdict::kBreaks);
  // Together 2 women of 7 would be 29 %; apart the members alone meet it.
}

TEST(GenderBalanceTest, CombineOrder) {
  using V = BalanceVerdict;
  EXPECT_EQ(Combine(V::kMeets, V::kBreaks), V::kBreaks);
  EXPECT_EQ(Combine(V::kCannotBeAssessed, V::kBreaks), V::kBreaks);
  EXPECT_EQ(Combine(V::kCannotBeAssessed, V::kMeets), V::kCannotBeAssessed);
  EXPECT_EQ(Combine(V::kEmpty, V::kEmpty), V::kEmpty);
  EXPECT_EQ(Combine(V::kEmpty, V::kMeets), V::kMeets);
  EXPECT_EQ(BalanceOf({}).verdict, V::kEmpty);
}

TEST(GenderBalanceTest, GenderNames) {
  EXPECT_EQ(GenderName(Gender::kWoman), "woman");
  EXPECT_EQ(GenderFromName("man"), Gender::kMan);
  EXPECT_EQ(GenderFromName(""), Gender::kNotStated);
  EXPECT_EQ(GenderFromName("not_stated"), Gender::kNotStated);
  EXPECT_FALSE(GenderFromName("other").has_value());
}

TEST(GenderVisibilityTest, OnlyKehaAndTheAreasLeadershipSeeIt) {
  EXPECT_TRUE(MaySeeGender(Keha(), kHelsinki));
  EXPECT_TRUE(MaySeeGender(Director(kHelsinki), kHelsinki));
  EXPECT_TRUE(MaySeeGender(Deputy(kHelsinki), kHelsinki));
  EXPECT_FALSE(MaySeeGender(Director(kVantaa), kHelsinki));
  EXPECT_FALSE(MaySeeGender(Clerk(kHelsinki), kHelsinki));
  EXPECT_FALSE(MaySeeGender(Observer(), kHelsinki));
  EXPECT_FALSE(MaySeeGender(MakeActor("n-1", Role::kNominee), kHelsinki));
  EXPECT_FALSE(MaySeeGender(MakeActor("a-1", Role::kAdmin), kHelsinki));
  EXPECT_FALSE(MaySeeGender(MakeActor("o-1", Role::kOperator), kHelsinki));
}

TEST(GenderVisibilityTest, CaseAndMembershipLoseItForOthers) {
  Nominee woman = Person("Aino");
  woman.gender = Gender::kWoman;
  const ApprovalOutcome out = Approve(RegisteredCase(kHelsinki), {woman});
  ASSERT_TRUE(out.case_after.decision.has_value());
  EXPECT_EQ(VisibleTo(Director(kHelsinki), out.case_after).decision->nominees.at(0).gender,
            Gender::kWoman);
  EXPECT_EQ(VisibleTo(Keha(), out.case_after).decision->nominees.at(0).gender, Gender::kWoman);
  EXPECT_EQ(VisibleTo(Clerk(kHelsinki), out.case_after).decision->nominees.at(0).gender,
            Gender::kNotStated);
  ASSERT_EQ(out.started.size(), 1U);
  const MembershipRecord& m = out.started.at(0).record();
  EXPECT_EQ(m.person.gender, Gender::kWoman);
  EXPECT_EQ(VisibleTo(Deputy(kHelsinki), m).person.gender, Gender::kWoman);
  Actor self = MakeActor("n-1", Role::kNominee);
  self.email = woman.email;
  EXPECT_EQ(VisibleTo(self, m).person.gender, Gender::kNotStated);
  EXPECT_EQ(VisibleTo(self, m).person.email, woman.email);  // the contact stays theirs
  EXPECT_EQ(VisibleTo(Observer(), m).person.gender, Gender::kNotStated);
  EXPECT_EQ(VisibleTo(Director(kVantaa), m).person.gender, Gender::kNotStated);
}

TEST(GenderBalanceTest, BalanceIsForKehaAndLeadership) {
  EXPECT_TRUE(MaySeeBalance(Keha()));
  EXPECT_TRUE(MaySeeBalance(Director(kVantaa)));
  EXPECT_TRUE(MaySeeBalance(Deputy(kHelsinki)));
  EXPECT_FALSE(MaySeeBalance(Clerk(kHelsinki)));
  EXPECT_FALSE(MaySeeBalance(Observer()));
  EXPECT_FALSE(MaySeeBalance(MakeActor("n-1", Role::kNominee)));
}

TEST(GenderBalanceTest, RequestCarriesTheAskForAWomanAndAMan) {
  SendRequestCommand command = RequestTo({kHelsinki, kVantaa});
  command.ask_woman_and_man = true;
  auto r = SendRequest(OpenNetwork(), command, Keha(), SentAt());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const Case& c : r->cases) EXPECT_TRUE(c.ask_woman_and_man);
  EXPECT_FALSE(SentCase().ask_woman_and_man);
}

}  // namespace
}  // namespace verkosto::nominations
