#include "nominations/domain/retention.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "nominations/domain/workflow.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

// Anna (member) and Ben (deputy, English) approved in Helsinki on 2026-06-03;
// Anna's membership ended on `anna_ended` (term end), Ben's is active.
std::vector<MembershipRecord> AnnaEndedBenActive(const Date& anna_ended) {
  Nominee ben = Person("ben", SeatKind::kDeputy);
  ben.language = Language::kEn;
  ApprovalOutcome approved = Approve(RegisteredCase(kHelsinki), {Person("anna"), ben});
  auto ended = EndNetworkMemberships(kNetwork, {approved.started[0]}, anna_ended,
                                     EndReason::kTermEnded, At(2026, 12, 31));
  EXPECT_TRUE(ended.ok()) << ended.status().ToString();
  if (!ended.ok()) return {};
  return {ended->memberships[0].record(), approved.started[1].record()};
}

TEST(RetentionTest, ContactDataGoesOnTheSameDayYearsAfterTheEnd) {
  EXPECT_EQ(ContactRemovalDay(D(2026, 12, 31), 2), D(2028, 12, 31));
  EXPECT_EQ(ContactRemovalDay(D(2026, 3, 1), 1), D(2027, 3, 1));
  // 29 February: the day after 28 February when the year has no 29th.
  EXPECT_EQ(ContactRemovalDay(D(2028, 2, 29), 1), D(2029, 3, 1));
  EXPECT_EQ(ContactRemovalDay(D(2028, 2, 29), 4), D(2032, 2, 29));
}

TEST(RetentionTest, OnlyEndedMembershipsPastTheirYearsAreDue) {
  const std::vector<MembershipRecord> memberships = AnnaEndedBenActive(D(2026, 12, 31));
  ASSERT_EQ(memberships.size(), 2u);
  const RetentionPolicy two_years{2};
  EXPECT_TRUE(DueForContactRemoval(memberships, D(2028, 12, 30), two_years).empty())
      << "the day before the removal day";
  const auto due = DueForContactRemoval(memberships, D(2028, 12, 31), two_years);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].person.name, "anna");
  // The active membership is never due, however old.
  EXPECT_EQ(DueForContactRemoval(memberships, D(2100, 1, 1), two_years).size(), 1u);
  EXPECT_EQ(DueForContactRemoval(memberships, D(2027, 12, 31), RetentionPolicy{1}).size(), 1u);
}

TEST(RetentionTest, RemovedContactDataIsNotDueAgain) {
  std::vector<MembershipRecord> memberships = AnnaEndedBenActive(D(2026, 12, 31));
  ASSERT_EQ(memberships.size(), 2u);
  memberships[0].person = WithoutContactData(memberships[0].person);
  EXPECT_TRUE(DueForContactRemoval(memberships, D(2030, 1, 1), RetentionPolicy{2}).empty());
}

TEST(RetentionTest, WithoutContactDataKeepsThePublicRecord) {
  Nominee ben = Person("ben", SeatKind::kDeputy);
  ben.language = Language::kSv;
  ASSERT_TRUE(HoldsContactData(ben));
  const Nominee anonymous = WithoutContactData(ben);
  EXPECT_FALSE(HoldsContactData(anonymous));
  EXPECT_EQ(anonymous.email, "");
  EXPECT_EQ(anonymous.language, std::nullopt);
  EXPECT_EQ(anonymous.name, "ben");
  EXPECT_EQ(anonymous.title, ben.title);
  EXPECT_EQ(anonymous.municipality, ben.municipality);
  EXPECT_EQ(anonymous.seat, SeatKind::kDeputy);
  EXPECT_EQ(ContactFields(), (std::vector<std::string>{"email", "language", "gender"}));
}

TEST(RetentionTest, TheEventNamesEveryMembershipAndCaseOnceWithTheSystemActor) {
  const std::vector<MembershipRecord> memberships = AnnaEndedBenActive(D(2026, 12, 31));
  ASSERT_EQ(memberships.size(), 2u);
  EXPECT_FALSE(
      ContactDataRemoved({}, D(2029, 1, 1), RetentionPolicy{2}, SystemActor(), At(2029, 1, 1))
          .has_value())
      << "a run that removed nothing records nothing";
  // Both of one case (as if both had ended): the case is named once.
  const auto event = ContactDataRemoved(memberships, D(2029, 1, 1), RetentionPolicy{2},
                                        SystemActor(), At(2029, 1, 1));
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->run_date, D(2029, 1, 1));
  EXPECT_EQ(event->contact_years, 2);
  EXPECT_EQ(event->memberships, (std::vector<MembershipId>{memberships[0].id, memberships[1].id}));
  EXPECT_EQ(event->cases, std::vector<CaseId>{memberships[0].case_id});
  EXPECT_EQ(event->fields, ContactFields());
  EXPECT_EQ(event->audit.user_id, "system");
  EXPECT_EQ(event->audit.principal, "nominations");
  EXPECT_EQ(event->audit.at, At(2029, 1, 1));
  EXPECT_NE(event->audit.reason.find("2 memberships"), std::string::npos) << event->audit.reason;
}

}  // namespace
}  // namespace verkosto::nominations
