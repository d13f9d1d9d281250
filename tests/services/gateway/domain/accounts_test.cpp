#include "gateway/domain/accounts.h"

#include <gtest/gtest.h>

namespace verkosto::gateway {
namespace {

using std::chrono::minutes;

TimePoint T0() { return FromMicros(1'772'000'000'000'000); }

AccountRecord Director() {
  AccountRecord a;
  a.user_id = "johtaja.kainuu";
  a.display_name = "  Aino Esimerkki ";
  a.role = Role::kAreaDirector;
  a.area = AreaCode("kainuu-koillismaa");
  a.email = "Aino.Esimerkki@Example.FI";
  return a;
}

TEST(NormalizeAccountTest, TrimsNameAndLowerCasesEmailAndKeepsFinnishAsTheLanguage) {
  Result<AccountRecord> a = NormalizeAccount(Director());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->display_name, "Aino Esimerkki");
  EXPECT_EQ(a->email, "aino.esimerkki@example.fi");
  EXPECT_EQ(a->language, Language::kFi);
  EXPECT_EQ(a->ToActor().area.value(), "kainuu-koillismaa");
}

TEST(NormalizeAccountTest, NamesTheFieldOfEachMistake) {
  auto field_of = [](AccountRecord a) { return NormalizeAccount(std::move(a)).status().field(); };
  AccountRecord a = Director();
  a.user_id = "Johtaja Kainuu";
  EXPECT_EQ(field_of(a), "user_id");
  a = Director();
  a.display_name = " ";
  EXPECT_EQ(field_of(a), "display_name");
  a = Director();
  a.role = Role::kSystem;
  EXPECT_EQ(field_of(a), "role");
  a = Director();
  a.role = Role::kOperator;  // the operator key's, never an account's
  EXPECT_EQ(field_of(a), "role");
  a = Director();
  a.area = AreaCode("");
  EXPECT_EQ(field_of(a), "area");
  a = Director();
  a.role = Role::kKehaCoordinator;
  EXPECT_EQ(field_of(a), "area");  // KEHA is not scoped to an area
  a = Director();
  a.email = "not an address";
  EXPECT_EQ(field_of(a), "email");
  a = Director();
  a.on_behalf_of = "someone";
  EXPECT_EQ(field_of(a), "on_behalf_of");  // only deputies act on behalf
}

TEST(HoldsMandateTest, ADeputyActsOnlyForAnActiveDirectorOfTheirOwnArea) {
  AccountRecord deputy;
  deputy.user_id = "varajohtaja.kainuu";
  deputy.role = Role::kAreaDeputy;
  deputy.area = AreaCode("kainuu-koillismaa");
  deputy.on_behalf_of = "johtaja.kainuu";
  const AccountRecord director = Director();
  EXPECT_TRUE(HoldsMandate(deputy, director));

  EXPECT_FALSE(HoldsMandate(deputy, std::nullopt));  // no such account
  AccountRecord disabled = director;
  disabled.disabled = true;
  EXPECT_FALSE(HoldsMandate(deputy, disabled));
  AccountRecord moved = director;
  moved.area = AreaCode("helsinki");
  EXPECT_FALSE(HoldsMandate(deputy, moved));
  AccountRecord clerk = director;
  clerk.role = Role::kRegistryClerk;
  EXPECT_FALSE(HoldsMandate(deputy, clerk));
  AccountRecord someone_else = director;
  someone_else.user_id = "johtaja.toinen";
  EXPECT_FALSE(HoldsMandate(deputy, someone_else));  // not the one named
  AccountRecord unnamed = deputy;
  unnamed.on_behalf_of.clear();
  EXPECT_FALSE(HoldsMandate(unnamed, director));
}

TEST(CheckPasswordTest, RefusesShortLongAndUserIdPasswords) {
  const AuthPolicy policy;
  EXPECT_TRUE(CheckPassword("correct horse battery", "aino", policy).ok());
  EXPECT_EQ(CheckPassword("short", "aino", policy).field(), "password");
  EXPECT_EQ(CheckPassword(std::string(257, 'x'), "aino", policy).field(), "password");
  EXPECT_EQ(CheckPassword("JOHTAJA.KAINUU", "johtaja.kainuu", policy).code(),
            ErrorCode::kInvalidArgument);
}

TEST(SessionExpiredTest, IdleAndAbsoluteLimits) {
  const AuthPolicy policy;
  EXPECT_FALSE(SessionExpired(T0(), T0() + minutes(10), T0() + minutes(39), policy));
  EXPECT_TRUE(SessionExpired(T0(), T0() + minutes(10), T0() + minutes(40), policy));
  // Busy all day: over after 12 hours however recent the last use.
  EXPECT_TRUE(SessionExpired(T0(), T0() + minutes(719), T0() + minutes(720), policy));
}

TEST(ShouldTouchTest, WritesLastUseAtMostOncePerInterval) {
  const AuthPolicy policy;
  EXPECT_FALSE(ShouldTouch(T0(), T0() + std::chrono::seconds(59), policy));
  EXPECT_TRUE(ShouldTouch(T0(), T0() + minutes(1), policy));
}

TEST(PermissionsTest, AdminsManageAccountsPeopleTheirOwnAndOnlyTheSystemSessions) {
  const Actor admin{"admin", "Admin", Role::kAdmin, AreaCode(""), "", ""};
  const Actor keha{"keha", "KEHA", Role::kKehaCoordinator, AreaCode(""), "", ""};
  const Actor system{"gateway", "gateway", Role::kSystem, AreaCode(""), "", ""};
  EXPECT_TRUE(MayManageAccounts(admin));
  EXPECT_FALSE(MayManageAccounts(keha));
  EXPECT_TRUE(MayHandleSessions(system));
  EXPECT_FALSE(MayHandleSessions(admin));
  // The operator manages accounts but is nobody's person: no sessions, no tokens.
  const Actor op{"operator:root", "root", Role::kOperator, AreaCode(""), "", ""};
  EXPECT_TRUE(MayManageAccounts(op));
  EXPECT_FALSE(MayManageAccounts(system));
  EXPECT_FALSE(MayHandleSessions(op));
}

TEST(PermissionsTest, OnlyTheAccountItselfDrawsItsApiTokens) {
  const Actor admin{"admin", "Admin", Role::kAdmin, AreaCode(""), "", ""};
  const Actor keha{"keha", "KEHA", Role::kKehaCoordinator, AreaCode(""), "", ""};
  const Actor op{"operator:root", "root", Role::kOperator, AreaCode(""), "", ""};
  EXPECT_TRUE(MayCreateToken(keha, "keha"));
  EXPECT_FALSE(MayCreateToken(admin, "keha"));
  EXPECT_FALSE(MayCreateToken(op, "keha"));
  EXPECT_FALSE(MayCreateToken(Actor{}, ""));
}

// An admin, a person, the operator and the gateway itself.
const Actor kAdminActor{"admin", "Admin", Role::kAdmin, AreaCode(""), "", ""};
const Actor kKehaActor{"keha", "KEHA", Role::kKehaCoordinator, AreaCode(""), "", ""};
const Actor kOperatorActor{"operator:root", "root", Role::kOperator, AreaCode(""), "", ""};
const Actor kGatewayActor{"gateway", "gateway", Role::kSystem, AreaCode(""), "", ""};

TEST(PermissionsTest, TheAccountItselfAndAdminsHandleItsTokens) {
  const Actor& admin = kAdminActor;
  const Actor& keha = kKehaActor;
  const Actor& op = kOperatorActor;
  const Actor& system = kGatewayActor;
  EXPECT_TRUE(MayHandleTokensOf(keha, "keha"));
  EXPECT_FALSE(MayHandleTokensOf(keha, "admin"));
  EXPECT_TRUE(MayHandleTokensOf(admin, "keha"));
  EXPECT_TRUE(MayHandleTokensOf(op, "keha"));
  EXPECT_FALSE(MayHandleTokensOf(system, "keha"));
}

TEST(ApiTokenExpiryTest, ATokenWorksForItsLifetimeAndNotAMicrosecondMore) {
  AuthPolicy policy;
  EXPECT_EQ(ApiTokenExpiry(T0(), policy), T0() + std::chrono::hours(24 * 90));
  policy.api_token_lifetime = std::chrono::hours(24);
  const TimePoint expires = ApiTokenExpiry(T0(), policy);
  EXPECT_FALSE(ApiTokenExpired(expires, expires - std::chrono::microseconds(1)));
  EXPECT_TRUE(ApiTokenExpired(expires, expires));
}

TEST(PasswordChangeTest, TheAccountChangesItsOwnAdminsAndTheOperatorResetOthers) {
  const Actor& admin = kAdminActor;
  const Actor& keha = kKehaActor;
  const Actor& op = kOperatorActor;
  const Actor& system = kGatewayActor;
  EXPECT_EQ(PlanPasswordChange(keha, "keha").value(), PasswordChange::kOwn);
  // An admin's own password is a change like anyone's: the current one is needed.
  EXPECT_EQ(PlanPasswordChange(admin, "admin").value(), PasswordChange::kOwn);
  EXPECT_EQ(PlanPasswordChange(admin, "keha").value(), PasswordChange::kReset);
  EXPECT_EQ(PlanPasswordChange(op, "keha").value(), PasswordChange::kReset);
  EXPECT_EQ(PlanPasswordChange(keha, "admin").status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(PlanPasswordChange(system, "keha").status().code(), ErrorCode::kPermissionDenied);
}

TEST(PasswordChangeTest, AChangeNeedsTheCurrentPasswordAResetAReason) {
  EXPECT_EQ(CheckPasswordChange(PasswordChange::kOwn, "", "").field(), "current_password");
  EXPECT_TRUE(CheckPasswordChange(PasswordChange::kOwn, "old one", "").ok());
  EXPECT_EQ(CheckPasswordChange(PasswordChange::kReset, "", "  ").field(), "reason");
  EXPECT_EQ(CheckPasswordChange(PasswordChange::kReset, "", std::string(501, 'x')).field(),
            "reason");
  EXPECT_TRUE(CheckPasswordChange(PasswordChange::kReset, "", "forgot it").ok());
}

}  // namespace
}  // namespace verkosto::gateway
