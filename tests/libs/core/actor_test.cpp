#include "core/actor.h"

#include <gtest/gtest.h>

namespace verkosto {
namespace {

TEST(ActorTest, RoleNamesRoundTrip) {
  for (int i = 1; i <= 8; ++i) {
    const Role role = static_cast<Role>(i);
    EXPECT_EQ(RoleFromName(RoleName(role)), role) << RoleName(role);
  }
  EXPECT_EQ(RoleFromName("superuser"), Role::kUnspecified);
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
