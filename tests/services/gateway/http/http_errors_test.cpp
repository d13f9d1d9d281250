#include "gateway/http/http_errors.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>

namespace verkosto::gateway {
namespace {

TEST(HttpErrorsTest, EveryErrorCodeHasItsStatus) {
  const std::map<ErrorCode, int> expected = {
      {ErrorCode::kInvalidArgument, 400},  {ErrorCode::kNotFound, 404},
      {ErrorCode::kAlreadyExists, 409},    {ErrorCode::kFailedPrecondition, 409},
      {ErrorCode::kPermissionDenied, 403}, {ErrorCode::kUnavailable, 503},
      {ErrorCode::kDeadlineExceeded, 504}, {ErrorCode::kInternal, 500},
  };
  for (ErrorCode code : kAllErrorCodes) {
    ASSERT_EQ(expected.count(code), 1u) << ErrorCodeName(code);
    EXPECT_EQ(HttpStatusFor(code), expected.at(code)) << ErrorCodeName(code);
  }
}

TEST(HttpErrorsTest, TheBodyCarriesCodeMessageFieldAndViolations) {
  httplib::Response res;
  ReplyError(res, Status::InvalidArgument("term.end_date", "is required"));
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res.body,
            R"({"code":"invalid_argument","message":"is required","field":"term.end_date",)"
            R"("violations":[{"field":"term.end_date","message":"is required"}]})");
}

TEST(HttpErrorsTest, AnErrorAboutSeveralFieldsListsEachAndKeepsTheFirstAsField) {
  httplib::Response res;
  ReplyError(res, Status(ErrorCode::kInvalidArgument, "goals: missing; owner: is required",
                         {{"goals", "missing"}, {"owner", "is required"}}));
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.body,
            R"({"code":"invalid_argument","message":"goals: missing; owner: is required",)"
            R"("field":"goals","violations":[{"field":"goals","message":"missing"},)"
            R"({"field":"owner","message":"is required"}]})");
}

TEST(HttpErrorsTest, AnErrorWithoutAFieldHasNoViolations) {
  httplib::Response res;
  ReplyError(res, Status::NotFound("no network 'x'"));
  EXPECT_EQ(res.body,
            R"({"code":"not_found","message":"no network 'x'","field":"","violations":[]})");
}

TEST(HttpErrorsTest, DeadlineAndInternalErrorsKeepTheirNames) {
  httplib::Response res;
  ReplyError(res, Status::DeadlineExceeded("too late"));
  EXPECT_EQ(res.status, 504);
  EXPECT_NE(res.body.find("\"deadline_exceeded\""), std::string::npos);
  ReplyError(res, Status::Internal("bug"));
  EXPECT_EQ(res.status, 500);
}

TEST(HttpErrorsTest, UnauthenticatedIs401) {
  httplib::Response res;
  ReplyUnauthenticated(res, "log in first");
  EXPECT_EQ(res.status, 401);
  EXPECT_NE(res.body.find("\"unauthenticated\""), std::string::npos);
}

TEST(HttpErrorsTest, HttplibsOwnErrorsKeepTheirStatusAndGetTheJsonBody) {
  const std::map<int, std::pair<std::string, std::string>> expected = {
      {413, {"invalid_argument", "body"}},
      {404, {"not_found", ""}},
      {400, {"invalid_argument", ""}},
      {500, {"internal", ""}},
  };
  for (const auto& [status, code_and_field] : expected) {
    httplib::Response res;
    res.status = status;
    ReplyHttplibError(res);
    EXPECT_EQ(res.status, status);
    EXPECT_EQ(res.get_header_value("Content-Type"), "application/json");
    EXPECT_NE(res.body.find(R"("code":")" + code_and_field.first + "\""), std::string::npos)
        << res.body;
    EXPECT_NE(res.body.find(R"("field":")" + code_and_field.second + "\""), std::string::npos)
        << res.body;
  }
}

}  // namespace
}  // namespace verkosto::gateway
