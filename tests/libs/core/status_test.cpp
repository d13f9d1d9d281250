#include "core/status.h"

#include <gtest/gtest.h>

#include <set>

namespace verkosto {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kOk);
  EXPECT_EQ(status.ToString(), "ok");
}

TEST(StatusTest, InvalidArgumentNamesTheField) {
  Status status = Status::InvalidArgument("term.end_date", "must be after the start date");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.field(), "term.end_date");
  EXPECT_EQ(status.ToString(), "invalid_argument: term.end_date: must be after the start date");
}

TEST(StatusTest, EveryCodeHasADistinctNameThatParsesBack) {
  std::set<std::string_view> names;
  for (ErrorCode code : kAllErrorCodes) {
    const std::string_view name = ErrorCodeName(code);
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(ErrorCodeFromName(name), code);
  }
  EXPECT_EQ(names.size(), 8u);
  EXPECT_EQ(ErrorCodeFromName("no_such_code"), std::nullopt);
}

TEST(StatusTest, UnknownWireNumberBecomesInternal) {
  EXPECT_EQ(ErrorCodeFromInt(99), ErrorCode::kInternal);
  EXPECT_EQ(ErrorCodeFromInt(-1), ErrorCode::kInternal);
  EXPECT_EQ(ErrorCodeFromInt(2), ErrorCode::kNotFound);
}

Status FailsWhen(bool fail) {
  VERKOSTO_RETURN_IF_ERROR(fail ? Status::NotFound("gone") : Status::Ok());
  return Status::AlreadyExists("reached the end");
}

TEST(StatusTest, ReturnIfErrorReturnsEarlyOnlyOnError) {
  EXPECT_EQ(FailsWhen(true).code(), ErrorCode::kNotFound);
  EXPECT_EQ(FailsWhen(false).code(), ErrorCode::kAlreadyExists);
}

}  // namespace
}  // namespace verkosto
