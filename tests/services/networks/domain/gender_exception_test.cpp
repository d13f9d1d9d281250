// Issue 19, item 4: KEHA records the special reasons why a body departs from
// the Equality Act 4 a § 40 % rule; the reason is required and audited.
#include "networks/domain/gender_exception.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace verkosto::networks {
namespace {

using testing::At;
using testing::CompleteDefinition;
using testing::Coordinator;
using testing::Director;

const TimePoint kNow = At(2026, 10, 1);

Network WithStatus(NetworkStatus status) {
  Network network;
  network.definition = CompleteDefinition();
  network.status = status;
  network.version = 3;
  return network;
}

TEST(GenderBalanceExceptionTest, RecordsTheReasonAsAnAuditedVersion) {
  auto r = RecordGenderBalanceException(WithStatus(NetworkStatus::kOpen),
                                        "  Alan asiantuntijat ovat lähes kaikki miehiä  ",
                                        Coordinator(), kNow);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->network.gender_exception.has_value());
  EXPECT_EQ(r->network.gender_exception->reason, "Alan asiantuntijat ovat lähes kaikki miehiä");
  EXPECT_EQ(r->network.gender_exception->user_id, "keha-1");
  EXPECT_EQ(r->network.gender_exception->at, kNow);
  EXPECT_EQ(r->network.version, 4U);
  ASSERT_EQ(r->events.size(), 1U);
  const auto& event = std::get<GenderBalanceExceptionRecorded>(r->events[0]);
  EXPECT_EQ(event.version.version, 4U);
  EXPECT_EQ(event.version.audit.reason, "Alan asiantuntijat ovat lähes kaikki miehiä");
  EXPECT_EQ(event.version.changed_fields, std::vector<std::string>{"gender_balance_exception"});
  // A proposed body may have one too; a new reason replaces the old.
  auto again = RecordGenderBalanceException(r->network, "Uusi syy", Coordinator(), kNow);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->network.gender_exception->reason, "Uusi syy");
  EXPECT_TRUE(
      RecordGenderBalanceException(WithStatus(NetworkStatus::kProposed), "Syy", Coordinator(), kNow)
          .ok());
}

TEST(GenderBalanceExceptionTest, TheReasonIsRequired) {
  for (const char* blank : {"", "   "}) {
    auto r =
        RecordGenderBalanceException(WithStatus(NetworkStatus::kOpen), blank, Coordinator(), kNow);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(r.status().ToString().find("reason"), std::string::npos);
  }
  auto long_reason = RecordGenderBalanceException(WithStatus(NetworkStatus::kOpen),
                                                  std::string(5000, 'x'), Coordinator(), kNow);
  EXPECT_EQ(long_reason.status().code(), ErrorCode::kInvalidArgument);
}

TEST(GenderBalanceExceptionTest, OnlyKehaAndOnlyAProposedOrOpenBody) {
  EXPECT_EQ(RecordGenderBalanceException(WithStatus(NetworkStatus::kOpen), "Syy",
                                         Director("helsinki"), kNow)
                .status()
                .code(),
            ErrorCode::kPermissionDenied);
  for (NetworkStatus status :
       {NetworkStatus::kDraft, NetworkStatus::kClosed, NetworkStatus::kCancelled}) {
    EXPECT_EQ(RecordGenderBalanceException(WithStatus(status), "Syy", Coordinator(), kNow)
                  .status()
                  .code(),
              ErrorCode::kFailedPrecondition);
  }
}

}  // namespace
}  // namespace verkosto::networks
