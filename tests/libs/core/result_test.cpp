#include "core/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace verkosto {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidArgument("n", "must be even");
  return n / 2;
}

Result<int> Quarter(int n) {
  VERKOSTO_ASSIGN_OR_RETURN(int half, Half(n));
  VERKOSTO_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> ok = Half(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 4);
  EXPECT_TRUE(ok.status().ok());

  Result<int> bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "n");
}

TEST(ResultTest, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Quarter(5).status().code(), ErrorCode::kInvalidArgument);
}

TEST(ResultTest, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<std::string>> r(std::make_unique<std::string>("x"));
  std::unique_ptr<std::string> taken = std::move(r).value();
  EXPECT_EQ(*taken, "x");
}

}  // namespace
}  // namespace verkosto
