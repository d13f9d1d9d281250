#include "core/status.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <type_traits>

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

TEST(StatusTest, AFieldNamingErrorHasOneViolationWithItsMessage) {
  Status status = Status::InvalidArgument("term.end_date", "must be after the start date");
  ASSERT_EQ(status.violations().size(), 1u);
  EXPECT_EQ(status.violations()[0],
            (FieldViolation{"term.end_date", "must be after the start date"}));
  EXPECT_TRUE(Status::NotFound("gone").violations().empty());
  EXPECT_EQ(Status::NotFound("gone").field(), "");
  EXPECT_TRUE(Status::InvalidArgument("", "bad").violations().empty());
}

// Every factory that names a field takes it first, as the error reads.
TEST(StatusTest, EveryFactoryTakesTheFieldFirst) {
  EXPECT_EQ(Status::AlreadyExists("definition.code", "a network with code 'x' exists").ToString(),
            "already_exists: definition.code: a network with code 'x' exists");
  EXPECT_EQ(Status::FailedPrecondition("membership_id", "has already ended").field(),
            "membership_id");
  EXPECT_EQ(Status::PermissionDenied("on_behalf_of", "not your director").message(),
            "not your director");
  EXPECT_EQ(Status(ErrorCode::kInternal, "data", "unreadable").field(), "data");
  EXPECT_EQ(Status::PermissionDenied("only KEHA staff may do this").field(), "");
  // A computed string is a field only when said so: the old (message, field)
  // order does not compile (nor does a literal with a space as the field).
  static_assert(!std::is_convertible_v<std::string, FieldName>);
  const std::string computed = "seats.members";
  EXPECT_EQ(Status::FailedPrecondition(FieldName(computed), "too many").field(), computed);
}

TEST(StatusTest, AnErrorAboutSeveralFieldsListsThemAndReadsAsItsMessage) {
  const Status status(ErrorCode::kInvalidArgument, "goals: missing; term.end_date: missing",
                      {{"goals", "missing"}, {"term.end_date", "missing"}});
  EXPECT_EQ(status.field(), "goals");
  ASSERT_EQ(status.violations().size(), 2u);
  EXPECT_EQ(status.violations()[1].field, "term.end_date");
  EXPECT_EQ(status.ToString(), "invalid_argument: goals: missing; term.end_date: missing");
}

TEST(StatusTest, WithMessageKeepsTheViolationsAndWithFieldPrefixNestsThem) {
  const Status inner = Status::InvalidArgument("email", "is not an e-mail address");
  const Status said = inner.WithMessage("event 7 of networks: is not an e-mail address");
  EXPECT_EQ(said.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(said.violations(), inner.violations());
  EXPECT_EQ(said.ToString(),
            "invalid_argument: email: event 7 of networks: is not an e-mail address");
  const Status nested = inner.WithFieldPrefix("account.");
  EXPECT_EQ(nested.field(), "account.email");
  EXPECT_EQ(nested.message(), inner.message());
  EXPECT_EQ(Status::NotFound("gone").WithFieldPrefix("account."), Status::NotFound("gone"));
}

TEST(StatusTest, EqualityComparesTheViolations) {
  EXPECT_NE(Status::InvalidArgument("a", "bad"), Status::InvalidArgument("b", "bad"));
  EXPECT_NE(Status::InvalidArgument("a", "bad"), Status(ErrorCode::kInvalidArgument, "bad"));
  EXPECT_EQ(Status::InvalidArgument("a", "bad"), Status(ErrorCode::kInvalidArgument, "a", "bad"));
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
