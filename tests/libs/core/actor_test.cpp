#include "core/actor.h"

#include <gtest/gtest.h>

namespace verkosto {
namespace {

TEST(ActorTest, RoleNamesAndNumbersRoundTrip) {
  for (int i = 1; i <= 9; ++i) {
    const Role role = RoleFromNumber(i);
    ASSERT_NE(role, Role::kUnspecified) << i;
    EXPECT_EQ(static_cast<int>(role), i);
    EXPECT_EQ(RoleFromName(RoleName(role)), role) << RoleName(role);
  }
  EXPECT_EQ(RoleName(Role::kOperator), "operator");
  EXPECT_EQ(RoleFromName("superuser"), Role::kUnspecified);
  for (const int out_of_range : {-1, 0, 10, 1000}) {
    EXPECT_EQ(RoleFromNumber(out_of_range), Role::kUnspecified) << out_of_range;
  }
}

TEST(ActorTest, LeadsOnlyItsOwnAreaAndOnlyAsDirectorOrDeputy) {
  const AreaCode kainuu("kainuu-koillismaa");
  Actor director{"u1", "Director", Role::kAreaDirector, kainuu, {}};
  Actor deputy{"u2", "Deputy", Role::kAreaDeputy, kainuu, "u1"};
  Actor clerk{"u3", "Clerk", Role::kRegistryClerk, kainuu, {}};
  EXPECT_TRUE(director.LeadsArea(kainuu));
  EXPECT_TRUE(deputy.LeadsArea(kainuu));
  EXPECT_FALSE(clerk.LeadsArea(kainuu));
  EXPECT_FALSE(director.LeadsArea(AreaCode("helsinki")));
}

}  // namespace
}  // namespace verkosto
