#include "messaging/proto_fields.h"

#include <gtest/gtest.h>

#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::messaging {
namespace {

namespace pb = ::verkosto::networks::v1;

TEST(ProtoFieldsTest, FindsAFieldByItsDottedPathInEitherSpelling) {
  const auto* d = pb::CreateNetworkRequest::descriptor();
  ASSERT_NE(FindField(d, "definition.term.end_date"), nullptr);
  EXPECT_EQ(FindField(d, "definition.term.end_date")->name(), "end_date");
  EXPECT_EQ(FindField(d, "definition.term.endDate"), FindField(d, "definition.term.end_date"));
  EXPECT_EQ(FindField(d, "definition.colour"), nullptr);
  EXPECT_EQ(FindField(d, "definition.code.more"), nullptr);  // a string has no fields
}

TEST(ProtoFieldsTest, SetsEachTypeFromTextCreatingTheMessagesOnTheWay) {
  pb::CreateNetworkRequest req;
  ASSERT_TRUE(SetFieldFromText(&req, "definition.code", {"verkko"}).ok());
  ASSERT_TRUE(SetFieldFromText(&req, "definition.seats_per_area.members", {"3"}).ok());
  ASSERT_TRUE(SetFieldFromText(&req, "definition.statutory", {"true"}).ok());
  ASSERT_TRUE(SetFieldFromText(&req, "definition.kind", {"NETWORK_KIND_WORKING_GROUP"}).ok());
  ASSERT_TRUE(SetFieldFromText(&req, "definition.goals", {"a", "b"}).ok());
  ASSERT_TRUE(SetFieldFromText(&req, "definition.goals", {"c"}).ok());  // replaces
  EXPECT_EQ(req.definition().code(), "verkko");
  EXPECT_EQ(req.definition().seats_per_area().members(), 3u);
  EXPECT_TRUE(req.definition().statutory());
  EXPECT_EQ(req.definition().kind(), pb::NETWORK_KIND_WORKING_GROUP);
  ASSERT_EQ(req.definition().goals_size(), 1);
  EXPECT_EQ(req.definition().goals(0), "c");
}

TEST(ProtoFieldsTest, AnEnumTakesItsShortNameToo) {
  pb::CreateNetworkRequest req;
  ASSERT_TRUE(SetFieldFromText(&req, "definition.kind", {"sub_committee"}).ok());
  EXPECT_EQ(req.definition().kind(), pb::NETWORK_KIND_SUB_COMMITTEE);
  // The zero value is "not given", never a short name a person types.
  EXPECT_FALSE(SetFieldFromText(&req, "definition.kind", {"unspecified"}).ok());
  EXPECT_FALSE(SetFieldFromText(&req, "definition.kind", {"SUB_COMMITTEE"}).ok());
}

TEST(ProtoFieldsTest, RefusesTextThatDoesNotFitNamingTheField) {
  pb::CreateNetworkRequest req;
  const auto refused = [&req](const std::string& path, const std::vector<std::string>& values) {
    const Status st = SetFieldFromText(&req, path, values);
    EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument) << path;
    EXPECT_EQ(st.field(), path);
    return st.message();
  };
  EXPECT_EQ(refused("definition.seats_per_area.members", {"many"}),
            "must be a whole number in 0..4294967295");
  EXPECT_EQ(refused("definition.seats_per_area.members", {"-1"}),
            "must be a whole number in 0..4294967295");
  EXPECT_EQ(refused("definition.statutory", {"perhaps"}), "must be true or false");
  EXPECT_EQ(refused("definition.kind", {"club"}).rfind("must be one of the NetworkKind names", 0),
            0u);
  EXPECT_EQ(refused("definition.colour", {"red"}), "is not a parameter of this operation");
  EXPECT_EQ(refused("definition.goals.x", {"red"}), "is not a parameter of this operation");
  EXPECT_EQ(refused("definition.term", {"x"}), "must be given in the JSON body");
  EXPECT_EQ(refused("definition.code", {"a", "b"}), "must be given once");
}

}  // namespace
}  // namespace verkosto::messaging
