#include "notifications/domain/retention.h"

#include <gtest/gtest.h>

namespace verkosto::notifications {
namespace {

using std::chrono::hours;

Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}
TimePoint Utc(int y, unsigned m, unsigned d, int h = 0) {
  return TimePoint(std::chrono::sys_days(D(y, m, d))) + hours(h);
}

TEST(NotificationsRetentionTest, MonthsAreCalendarMonthsEndingOnTheMonthsLastDay) {
  EXPECT_EQ(MonthsBefore(D(2027, 6, 15), 12), D(2026, 6, 15));
  EXPECT_EQ(MonthsBefore(D(2027, 5, 31), 3), D(2027, 2, 28));
  EXPECT_EQ(MonthsBefore(D(2028, 5, 31), 3), D(2028, 2, 29));
  EXPECT_EQ(MonthsBefore(D(2027, 1, 10), 1), D(2026, 12, 10));
  // The cutoff is the start of that day in Helsinki (EEST: 21:00 UTC the day before).
  EXPECT_EQ(InboxCutoff(D(2027, 6, 15), RetentionPolicy{12, 30}), Utc(2026, 6, 14, 21));
}

TEST(NotificationsRetentionTest, MessagesOlderThanTheMonthsGoOnceTheirDeliveriesAreOver) {
  const RetentionPolicy policy{12, 30};
  const TimePoint cutoff = InboxCutoff(D(2027, 6, 15), policy);
  const std::vector<MessageAge> messages = {
      {1, cutoff - std::chrono::microseconds(1), true},
      {2, cutoff, true},  // exactly M months old: kept until tomorrow
      {3, cutoff - hours(24 * 300), false},
      {4, cutoff + hours(24), true},
  };
  EXPECT_EQ(MessagesDue(messages, D(2027, 6, 15), policy), std::vector<int64_t>{1});
  EXPECT_EQ(MessagesDue(messages, D(2027, 6, 16), policy), (std::vector<int64_t>{1, 2}));
}

TEST(NotificationsRetentionTest, OnlyADeliveryNothingWillChangeIsFinished) {
  EXPECT_TRUE(DeliveryFinished(DeliveryStatus::kSent, ""));
  EXPECT_TRUE(DeliveryFinished(DeliveryStatus::kFailed, ""));
  EXPECT_TRUE(DeliveryFinished(DeliveryStatus::kSkipped, ""));
  EXPECT_TRUE(DeliveryFinished(DeliveryStatus::kDigest, "2026-06-01"));
  EXPECT_FALSE(DeliveryFinished(DeliveryStatus::kDigest, ""));
  EXPECT_FALSE(DeliveryFinished(DeliveryStatus::kPending, ""));
}

TEST(NotificationsRetentionTest, EmlNamesGiveTheirTimeAndDelivery) {
  auto single = ParseEmlName("20260302T070000-verkosto-17-1772434800000000_verkosto.invalid.eml");
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(single->written, Utc(2026, 3, 2, 7));
  EXPECT_EQ(single->delivery_id, 17);

  auto digest = ParseEmlName("20261231T235959-verkosto-digest-2027-01-01-4_verkosto.invalid.eml");
  ASSERT_TRUE(digest.has_value());
  EXPECT_EQ(digest->written,
            Utc(2026, 12, 31, 23) + std::chrono::minutes(59) + std::chrono::seconds(59));
  EXPECT_FALSE(digest->delivery_id.has_value());

  for (const char* other :
       {"notes.txt", "20260302T070000-x.txt", "2026030xT070000-x.eml", "20260230T070000-x.eml",
        "20260302T250000-x.eml", ".eml", "20260302T070000-.eml.tmp", "20260302-070000-x.eml"}) {
    EXPECT_FALSE(ParseEmlName(other).has_value()) << other;
  }
}

TEST(NotificationsRetentionTest, EmlFilesGoWholeDaysAfterTheyWereWritten) {
  const RetentionPolicy policy{12, 30};
  const TimePoint written = Utc(2026, 3, 2, 7);
  EXPECT_FALSE(EmlDue(written, written + hours(24 * 30) - std::chrono::microseconds(1), policy));
  EXPECT_TRUE(EmlDue(written, written + hours(24 * 30), policy));
}

}  // namespace
}  // namespace verkosto::notifications
