#include <gtest/gtest.h>

#include "fixtures.h"
#include "networks/domain/network.h"

namespace verkosto::networks {
namespace {

using testing::At;
using testing::CompleteDefinition;
using testing::Coordinator;
using testing::D;
using testing::ViolatedFields;

Status Validate(void (*mutate)(NetworkDefinition&)) {
  NetworkDefinition d = CompleteDefinition();
  mutate(d);
  return ValidateDefinition(d);
}

TEST(NetworkDefinitionTest, CompleteDefinitionIsValidAndReady) {
  EXPECT_TRUE(ValidateDefinition(CompleteDefinition()).ok());
  EXPECT_TRUE(CheckReadyToPublish(CompleteDefinition()).ok());
}

TEST(NetworkDefinitionTest, CodeMustBeASlug) {
  for (const char* code :
       {"", "a", "Opastajat", "kaksi--viivaa", "-alku", "loppu-", "väli lyönti"}) {
    NetworkDefinition d = CompleteDefinition();
    d.code = NetworkCode(code);
    Status status = ValidateDefinition(d);
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << code;
    EXPECT_EQ(status.field(), "code") << code;
  }
}

TEST(NetworkDefinitionTest, EachInvalidFieldIsNamed) {
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.names.fi = std::string(" "); }).field(),
            "names.fi");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.names.sv = std::string(201, 'x'); }).field(),
            "names.sv");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.kind = NetworkKind::kUnspecified; }).field(),
            "kind");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.owner.clear(); }).field(), "owner");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.responsible.email = "nobody"; }).field(),
            "responsible.email");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.goals.push_back(""); }).field(), "goals[1]");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.term.end_date = d.term.start_date; }).field(),
            "term.end_date");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.communication_plan.channels = {""}; }).field(),
            "communication_plan.channels[0]");
  EXPECT_EQ(Validate([](NetworkDefinition& d) {
              d.communication_plan.audiences = {"a", " "};
            }).field(),
            "communication_plan.audiences[1]");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.cadence.meetings_per_year = 366; }).field(),
            "cadence.meetings_per_year");
  EXPECT_EQ(
      Validate([](NetworkDefinition& d) { d.cadence.hours_per_meeting_tenths = 241; }).field(),
      "cadence.hours_per_meeting_tenths");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.seats_per_area.members = 21; }).field(),
            "seats_per_area.members");
  EXPECT_EQ(Validate([](NetworkDefinition& d) { d.seats_per_area.deputies = 21; }).field(),
            "seats_per_area.deputies");
}

TEST(NetworkDefinitionTest, DraftMayBeIncomplete) {
  NetworkDefinition d;
  d.code = NetworkCode("uusi-verkosto");
  d.names.fi = "Uusi verkosto";
  d.kind = NetworkKind::kWorkingGroup;
  d.owner = "KEHA-keskus";
  auto created = CreateNetwork(d, Coordinator(), At(2025, 2, 1));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->network.status, NetworkStatus::kDraft);
  EXPECT_EQ(created->network.version, 1u);
  ASSERT_EQ(created->events.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<NetworkCreated>(created->events[0]));
}

TEST(NetworkDefinitionTest, ReadinessListsEveryMissingFieldInOrder) {
  NetworkDefinition d;
  d.code = NetworkCode("tyhja");
  d.names.fi = "Tyhjä";
  Status status = CheckReadyToPublish(d);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(
      ViolatedFields(status),
      (std::vector<std::string>{"names.sv", "goals", "term.start_date", "term.end_date",
                                "communication_plan.audiences", "communication_plan.channels",
                                "communication_plan.cadence", "communication_plan.responsible"}));
  EXPECT_EQ(status.violations()[1].message, "at least one goal is required");
  EXPECT_NE(status.message().find("goals: at least one goal is required"), std::string::npos);
  EXPECT_NE(status.message().find("term.end_date: an end date is required"), std::string::npos);
}

TEST(NetworkDefinitionTest, ChangedFieldsNamesEachDifference) {
  NetworkDefinition a = CompleteDefinition();
  NetworkDefinition b = a;
  b.goals.push_back("Toinen tavoite");
  b.term.end_date = D(2027, 6, 30);
  b.communication_plan.channels.push_back("uutiskirje");
  b.seats_per_area.deputies = 2;
  EXPECT_EQ(ChangedFields(a, b),
            (std::vector<std::string>{"goals", "term.end_date", "communication_plan.channels",
                                      "seats_per_area"}));
  EXPECT_TRUE(ChangedFields(a, a).empty());
}

TEST(NetworkDefinitionTest, NamesOfEnums) {
  EXPECT_EQ(NetworkKindName(NetworkKind::kSubCommittee), "sub_committee");
  EXPECT_EQ(NetworkKindName(NetworkKind::kAdvisoryBoard), "advisory_board");
  EXPECT_EQ(NetworkStatusName(NetworkStatus::kCancelled), "cancelled");
}

}  // namespace
}  // namespace verkosto::networks
