#include "nominations/domain/desk.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace verkosto::nominations {
namespace {

std::optional<Date> D(const char* iso) { return ParseIsoDate(iso); }

std::vector<std::string> Ids(const std::vector<DeskCaseItem>& items) {
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (const DeskCaseItem& i : items) ids.push_back(i.case_id);
  return ids;
}

TEST(DeskTest, NearestDeadlineFirstThenEarliestSentThenNoDeadlineLast) {
  std::vector<DeskCaseItem> items = {
      {"late.a", D("2027-02-01"), 100},           {"none.a", std::nullopt, 1},
      {"soon-sent-late.a", D("2027-01-10"), 300}, {"soon-sent-early.a", D("2027-01-10"), 200},
      {"overdue.a", D("2026-12-01"), 900},
  };
  OrderForDesk(items, 10);
  EXPECT_EQ(Ids(items), (std::vector<std::string>{"overdue.a", "soon-sent-early.a",
                                                  "soon-sent-late.a", "late.a", "none.a"}));
}

TEST(DeskTest, TheSameDeadlineAndTimeAreOrderedByIdSoTheOrderIsStable) {
  std::vector<DeskCaseItem> items = {{"b", D("2027-01-10"), 5}, {"a", D("2027-01-10"), 5}};
  OrderForDesk(items, 10);
  EXPECT_EQ(Ids(items), (std::vector<std::string>{"a", "b"}));
}

TEST(DeskTest, KeepsOnlyTheFirstLimitItems) {
  std::vector<DeskCaseItem> items = {
      {"c", D("2027-03-01"), 0}, {"a", D("2027-01-01"), 0}, {"b", D("2027-02-01"), 0}};
  OrderForDesk(items, 2);
  EXPECT_EQ(Ids(items), (std::vector<std::string>{"a", "b"}));
}

TEST(DeskTest, DaysLeftAreZeroOnTheDayAndNegativeWhenPast) {
  EXPECT_EQ(DaysLeft(*D("2027-01-10"), D("2027-01-13")), 3);
  EXPECT_EQ(DaysLeft(*D("2027-01-10"), D("2027-01-10")), 0);
  EXPECT_EQ(DaysLeft(*D("2027-01-10"), D("2027-01-08")), -2);
  EXPECT_EQ(DaysLeft(*D("2027-01-10"), std::nullopt), 0);
}

TEST(DeskTest, ATermEndsSoonFromTodayToTheNoticeDaysButNotAfterItEnded) {
  const Date today = *D("2027-01-10");
  EXPECT_TRUE(TermEndsSoon(today, *D("2027-01-10"), 60));
  EXPECT_TRUE(TermEndsSoon(today, *D("2027-03-11"), 60));
  EXPECT_FALSE(TermEndsSoon(today, *D("2027-03-12"), 60));
  EXPECT_FALSE(TermEndsSoon(today, *D("2027-01-09"), 60));
}

TEST(DeskTest, ScopedRolesCountTheirAreaKehaObserversAndAdminsEveryAreaNomineesNone) {
  Actor a{"u", "U", Role::kRegistryClerk, AreaCode("lahti"), "", {}};
  EXPECT_EQ(DeskScope(a), AreaCode("lahti"));
  a.role = Role::kAreaDeputy;
  EXPECT_EQ(DeskScope(a), AreaCode("lahti"));
  a.area = AreaCode();
  EXPECT_EQ(DeskScope(a), std::nullopt) << "a scoped role without an area counts nothing";
  for (Role r : {Role::kKehaCoordinator, Role::kObserver, Role::kAdmin}) {
    a.role = r;
    EXPECT_EQ(DeskScope(a), AreaCode()) << RoleName(r);
  }
  a.role = Role::kNominee;
  EXPECT_EQ(DeskScope(a), std::nullopt);
}

}  // namespace
}  // namespace verkosto::nominations
