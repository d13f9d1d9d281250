#include "messaging/proto_enum.h"

#include <gtest/gtest.h>

#include "verkosto/common/v1/envelope.pb.h"

namespace verkosto::messaging {
namespace {

namespace v1 = common::v1;

TEST(ProtoEnumTest, ShortNameDropsTheEnumsPrefixAndLowerCases) {
  EXPECT_EQ(EnumShortName(v1::ROLE_KEHA_COORDINATOR), "keha_coordinator");
  EXPECT_EQ(EnumShortName(v1::ROLE_AREA_DIRECTOR), "area_director");
  EXPECT_EQ(EnumShortName(v1::ERROR_CODE_FAILED_PRECONDITION), "failed_precondition");
  EXPECT_EQ(EnumShortName(v1::ROLE_UNSPECIFIED), "unspecified");
  EXPECT_EQ(EnumShortName(static_cast<v1::Role>(999)), "unspecified");
}

TEST(ProtoEnumTest, FromShortNameIsTheInverseForEveryValueButUnspecified) {
  const google::protobuf::EnumDescriptor* roles = v1::Role_descriptor();
  for (int i = 1; i < roles->value_count(); ++i) {
    const auto role = static_cast<v1::Role>(roles->value(i)->number());
    EXPECT_EQ(EnumFromShortName<v1::Role>(EnumShortName(role)), role) << EnumShortName(role);
  }
  EXPECT_EQ(EnumFromShortName<v1::Role>("unspecified"), std::nullopt);
  EXPECT_EQ(EnumFromShortName<v1::Role>("Keha_Coordinator"), std::nullopt);
  EXPECT_EQ(EnumFromShortName<v1::Role>(""), std::nullopt);
}

}  // namespace
}  // namespace verkosto::messaging
