#include "networks/domain/permissions.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace verkosto::networks {
namespace {

using testing::MakeActor;

constexpr Operation kKehaOperations[] = {Operation::kCreateNetwork,  Operation::kEditNetwork,
                                         Operation::kProposeNetwork, Operation::kOpenNetwork,
                                         Operation::kCloseNetwork,   Operation::kCancelNetwork};
constexpr Role kAllRoles[] = {Role::kUnspecified,  Role::kKehaCoordinator, Role::kRegistryClerk,
                              Role::kAreaDirector, Role::kAreaDeputy,      Role::kNominee,
                              Role::kObserver,     Role::kAdmin,           Role::kSystem,
                              Role::kOperator};

TEST(PermissionsTest, OnlyKehaCoordinatorManagesNetworks) {
  for (Operation operation : kKehaOperations) {
    for (Role role : kAllRoles) {
      Status status = Authorize(MakeActor(role, "kymppi"), operation);
      EXPECT_EQ(status.ok(), role == Role::kKehaCoordinator)
          << RoleName(role) << " " << OperationName(operation);
      if (!status.ok()) {
        EXPECT_EQ(status.code(), ErrorCode::kPermissionDenied);
      }
    }
  }
}

TEST(PermissionsTest, AreaLeadershipActsForItsOwnAreaOnly) {
  for (Operation operation : {Operation::kDecideParticipation, Operation::kAddComment}) {
    for (Role role : kAllRoles) {
      const bool leads = role == Role::kAreaDirector || role == Role::kAreaDeputy;
      EXPECT_EQ(Authorize(MakeActor(role, "kymppi"), operation, AreaCode("kymppi")).ok(), leads)
          << RoleName(role);
      EXPECT_EQ(Authorize(MakeActor(role, "kymppi"), operation, AreaCode("helsinki")).code(),
                ErrorCode::kPermissionDenied)
          << RoleName(role);
    }
    // A scoped role without an area, or no area given, is denied.
    EXPECT_FALSE(Authorize(MakeActor(Role::kAreaDirector, ""), operation, AreaCode("")).ok());
    EXPECT_FALSE(Authorize(MakeActor(Role::kAreaDirector, "kymppi"), operation).ok());
  }
}

TEST(PermissionsTest, EveryKnownRoleReadsPublishedNetworks) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(Authorize(MakeActor(role, "kymppi"), Operation::kReadNetworks).ok(),
              role != Role::kUnspecified)
        << RoleName(role);
  }
}

TEST(PermissionsTest, DraftsAreForKehaAdminAndSystem) {
  for (Role role : kAllRoles) {
    const bool allowed =
        role == Role::kKehaCoordinator || role == Role::kAdmin || role == Role::kSystem;
    EXPECT_EQ(Authorize(MakeActor(role, "kymppi"), Operation::kReadDrafts).ok(), allowed)
        << RoleName(role);
  }
}

TEST(PermissionsTest, AdminOrOperatorLoadsReferenceDataOnlyAdminSetsContacts) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(Authorize(MakeActor(role), Operation::kLoadReferenceData).ok(),
              role == Role::kAdmin || role == Role::kOperator || role == Role::kSystem)
        << RoleName(role);
    EXPECT_EQ(Authorize(MakeActor(role), Operation::kSetAreaContacts).ok(), role == Role::kAdmin)
        << RoleName(role);
  }
}

TEST(PermissionsTest, DenialNamesRoleAndOperation) {
  Status status = Authorize(MakeActor(Role::kObserver), Operation::kOpenNetwork);
  EXPECT_EQ(status.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(status.message(), "role 'observer' may not open_network");
}

}  // namespace
}  // namespace verkosto::networks
