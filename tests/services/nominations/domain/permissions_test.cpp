#include "nominations/domain/permissions.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

constexpr Operation kAllOperations[] = {
    Operation::kSendRequest,    Operation::kRequestReplacement, Operation::kWithdrawCase,
    Operation::kExtendDeadline, Operation::kRegisterCase,       Operation::kLogIncomingRequest,
    Operation::kDecideCase,     Operation::kRecordResignation,  Operation::kRead,
    Operation::kRunTimers,
};

bool Allowed(const Actor& actor, Operation op, const AreaCode& area = kHelsinki) {
  const Status s = Authorize(actor, op, area);
  if (!s.ok()) {
    EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied) << s.ToString();
  }
  return s.ok();
}

TEST(PermissionsTest, KehaCoordinatorSendsWithdrawsAndExtendsOnly) {
  for (Operation op : kAllOperations) {
    const bool expected = op == Operation::kSendRequest || op == Operation::kRequestReplacement ||
                          op == Operation::kWithdrawCase || op == Operation::kExtendDeadline ||
                          op == Operation::kRead;
    EXPECT_EQ(Allowed(Keha(), op), expected) << OperationName(op);
  }
}

TEST(PermissionsTest, RegistryClerkRegistersAndLogsForOwnAreaOnly) {
  for (Operation op : kAllOperations) {
    const bool expected = op == Operation::kRegisterCase || op == Operation::kLogIncomingRequest ||
                          op == Operation::kRead;
    EXPECT_EQ(Allowed(Clerk(kHelsinki), op), expected) << OperationName(op);
  }
  EXPECT_FALSE(Allowed(Clerk(kHelsinki), Operation::kRegisterCase, kVantaa));
  EXPECT_FALSE(Allowed(Clerk(AreaCode()), Operation::kRegisterCase, AreaCode()));
}

TEST(PermissionsTest, DirectorAndDeputyDecideAndRecordResignationsForOwnAreaOnly) {
  for (const Actor& actor : {Director(kHelsinki), Deputy(kHelsinki)}) {
    for (Operation op : kAllOperations) {
      const bool expected = op == Operation::kDecideCase || op == Operation::kRecordResignation ||
                            op == Operation::kRead;
      EXPECT_EQ(Allowed(actor, op), expected) << OperationName(op);
    }
    EXPECT_FALSE(Allowed(actor, Operation::kDecideCase, kVantaa));
  }
}

TEST(PermissionsTest, DeputyMustActOnTheDirectorsBehalf) {
  Actor deputy = Deputy(kHelsinki);
  deputy.on_behalf_of.clear();
  EXPECT_FALSE(Allowed(deputy, Operation::kDecideCase));
  // The gateway passes no mandate when the named director is not an active
  // director of the area: the refusal names the field.
  EXPECT_EQ(Authorize(deputy, Operation::kRecordResignation, kHelsinki).field(), "on_behalf_of");
}

TEST(PermissionsTest, TheOperatorRunsTheMachineNotTheCases) {
  for (Operation op : kAllOperations) {
    EXPECT_FALSE(Allowed(MakeActor("operator:ops", Role::kOperator), op)) << OperationName(op);
  }
}

TEST(PermissionsTest, ObserversNomineesAndAdminsOnlyRead) {
  for (const Actor& actor :
       {Observer(), MakeActor("n", Role::kNominee, kHelsinki), MakeActor("a", Role::kAdmin)}) {
    for (Operation op : kAllOperations) {
      EXPECT_EQ(Allowed(actor, op), op == Operation::kRead)
          << RoleName(actor.role) << " " << OperationName(op);
    }
  }
}

TEST(PermissionsTest, SystemRunsTimersAndUnspecifiedRoleDoesNothing) {
  EXPECT_TRUE(Allowed(MakeActor("s", Role::kSystem), Operation::kRunTimers));
  EXPECT_FALSE(Allowed(MakeActor("s", Role::kSystem), Operation::kDecideCase));
  for (Operation op : kAllOperations) {
    EXPECT_FALSE(Allowed(MakeActor("x", Role::kUnspecified), op)) << OperationName(op);
  }
}

TEST(PermissionsTest, AnAreasCaseIsSeenByItsOwnStaffAndByKehaObserversAdmins) {
  EXPECT_TRUE(MaySeeCase(Clerk(kHelsinki), kHelsinki));
  EXPECT_TRUE(MaySeeCase(Director(kHelsinki), kHelsinki));
  EXPECT_TRUE(MaySeeCase(MakeActor("d", Role::kAreaDeputy, kHelsinki), kHelsinki));
  EXPECT_FALSE(MaySeeCase(Director(kKainuu), kHelsinki));
  EXPECT_FALSE(MaySeeCase(Clerk(kKainuu), kHelsinki));
  EXPECT_FALSE(MaySeeCase(MakeActor("d", Role::kAreaDirector), kHelsinki));  // no area at all
  for (Role role : {Role::kKehaCoordinator, Role::kObserver, Role::kAdmin, Role::kSystem}) {
    EXPECT_TRUE(MaySeeCase(MakeActor("x", role), kHelsinki)) << RoleName(role);
  }
  EXPECT_FALSE(MaySeeCase(MakeActor("n", Role::kNominee, kHelsinki), kHelsinki));
  EXPECT_FALSE(MaySeeCase(MakeActor("u", Role::kUnspecified), kHelsinki));
}

TEST(PermissionsTest, DenialNamesRoleAndOperation) {
  const Status s = Authorize(Observer(), Operation::kDecideCase, kHelsinki);
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(s.message().find("observer"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("decide_case"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace verkosto::nominations
