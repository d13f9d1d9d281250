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

TEST(EnvelopeTest, ALanguageCrossesTheWireAsTheProtoEnum) {
  for (const Language l : {Language::kFi, Language::kSv, Language::kEn}) {
    const Result<std::optional<Language>> back = FromProtoLanguage(ToProtoLanguage(l), "language");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, l);
  }
  EXPECT_EQ(ToProtoLanguage(std::nullopt), common::v1::LANGUAGE_UNSPECIFIED);
  const auto unspecified = FromProtoLanguage(common::v1::LANGUAGE_UNSPECIFIED, "language");
  ASSERT_TRUE(unspecified.ok());
  EXPECT_EQ(*unspecified, std::nullopt);
  // proto3 enums are open: a number a newer peer might send is refused by name.
  const auto unknown =
      FromProtoLanguage(static_cast<common::v1::Language>(9), "nominees[1].language");
  EXPECT_EQ(unknown.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().field(), "nominees[1].language");
}

TEST(EnvelopeTest, ALanguageAsPeopleTypeItIsTheTwoLetterCode) {
  EXPECT_EQ(*ParseProtoLanguage("sv", "language"), common::v1::LANGUAGE_SV);
  EXPECT_EQ(*ParseProtoLanguage("", "language"), common::v1::LANGUAGE_UNSPECIFIED);
  for (const char* bad : {"de", "SV", "LANGUAGE_SV", " fi"}) {
    const auto refused = ParseProtoLanguage(bad, "language");
    EXPECT_EQ(refused.status().field(), "language") << bad;
  }
}

TEST(EnvelopeTest, AnErrorThatReadsAsOkBecomesInternal) {
  common::v1::Error wire;
  wire.set_message("confused peer");
  EXPECT_EQ(FromProtoError(wire).code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace verkosto::messaging
