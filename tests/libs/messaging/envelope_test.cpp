#include "messaging/envelope.h"

#include <gtest/gtest.h>

namespace verkosto::messaging {
namespace {

TEST(EnvelopeTest, AnErrorAboutSeveralFieldsCrossesTheWireWithEveryViolation) {
  const Status sent(ErrorCode::kInvalidArgument, "goals: missing; term.end_date: missing",
                    {{"goals", "missing"}, {"term.end_date", "missing"}});
  const common::v1::Error wire = ToProtoError(sent);
  EXPECT_EQ(wire.code(), common::v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(wire.field(), "goals");  // the first, for readers of one field
  ASSERT_EQ(wire.violations_size(), 2);
  EXPECT_EQ(wire.violations(1).field(), "term.end_date");
  EXPECT_EQ(wire.violations(1).message(), "missing");
  EXPECT_EQ(FromProtoError(wire), sent);
}

TEST(EnvelopeTest, AnErrorAboutOneFieldCrossesTheWireAsOneViolation) {
  const Status sent = Status::FailedPrecondition("membership_id", "has already ended");
  const common::v1::Error wire = ToProtoError(sent);
  EXPECT_EQ(wire.field(), "membership_id");
  ASSERT_EQ(wire.violations_size(), 1);
  EXPECT_EQ(wire.violations(0).message(), "has already ended");
  EXPECT_EQ(FromProtoError(wire), sent);
}

TEST(EnvelopeTest, AnErrorWithoutAFieldHasNoViolations) {
  const Status sent = Status::NotFound("no network 'x'");
  const common::v1::Error wire = ToProtoError(sent);
  EXPECT_EQ(wire.field(), "");
  EXPECT_EQ(wire.violations_size(), 0);
  EXPECT_EQ(FromProtoError(wire), sent);
}

TEST(EnvelopeTest, AFieldWithoutViolationsFromAnOlderPeerBecomesOneViolation) {
  common::v1::Error wire;
  wire.set_code(common::v1::ERROR_CODE_INVALID_ARGUMENT);
  wire.set_message("is required");
  wire.set_field("owner");
  EXPECT_EQ(FromProtoError(wire), Status::InvalidArgument("owner", "is required"));
}

TEST(EnvelopeTest, AnErrorThatReadsAsOkBecomesInternal) {
  common::v1::Error wire;
  wire.set_message("confused peer");
  EXPECT_EQ(FromProtoError(wire).code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace verkosto::messaging
