#include "networks/domain/renewal.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace verkosto::networks {
namespace {

using testing::At;
using testing::CompleteDefinition;
using testing::Coordinator;
using testing::D;
using testing::Director;
using testing::ViolatedFields;

// The fixture's term is 2025-03-01 .. 2026-12-31.
const TimePoint kNow = At(2026, 10, 1);

Network Open() {
  Network network;
  network.definition = CompleteDefinition();
  network.status = NetworkStatus::kOpen;
  network.version = 3;
  return network;
}

RenewCommand NextTerm() {
  NetworkDefinition d = CompleteDefinition();
  d.term = {D(2027, 1, 1), D(2028, 12, 31)};
  d.goals = {"Yhtenäistää asiakasohjauksen käytännöt", "Jakaa hyviä käytäntöjä"};
  return RenewCommand{d, "Toimikausi jatkuu"};
}

TEST(RenewNetworkTest, KeepsTheCurrentTermAndStoresTheReviewedDefinition) {
  auto renewed = RenewNetwork(Open(), NextTerm(), Coordinator(), kNow);
  ASSERT_TRUE(renewed.ok()) << renewed.status().ToString();
  const Network& after = renewed->network;
  EXPECT_EQ(after.definition, CompleteDefinition());
  ASSERT_TRUE(after.next_term.has_value());
  EXPECT_EQ(*after.next_term, NextTerm().definition);
  EXPECT_EQ(after.version, 4u);
  EXPECT_EQ(after.status, NetworkStatus::kOpen);
  ASSERT_EQ(renewed->events.size(), 1u);
  const auto& event = std::get<NetworkRenewed>(renewed->events[0]);
  EXPECT_EQ(event.version.version, 4u);
  EXPECT_EQ(event.version.audit.user_id, "keha-1");
  EXPECT_EQ(event.version.audit.reason, "Toimikausi jatkuu");
  EXPECT_EQ(event.version.changed_fields,
            (std::vector<std::string>{"renewed", "goals", "term.start_date", "term.end_date"}));
}

TEST(RenewNetworkTest, OnlyAKehaCoordinatorRenews) {
  auto renewed = RenewNetwork(Open(), NextTerm(), Director("helsinki"), kNow);
  EXPECT_EQ(renewed.status().code(), ErrorCode::kPermissionDenied);
}

TEST(RenewNetworkTest, OnlyAnOpenNetworkWithoutAPendingRenewal) {
  for (NetworkStatus status : {NetworkStatus::kDraft, NetworkStatus::kProposed,
                               NetworkStatus::kClosed, NetworkStatus::kCancelled}) {
    Network network = Open();
    network.status = status;
    EXPECT_EQ(RenewNetwork(network, NextTerm(), Coordinator(), kNow).status().code(),
              ErrorCode::kFailedPrecondition)
        << NetworkStatusName(status);
  }
  auto renewed = RenewNetwork(Open(), NextTerm(), Coordinator(), kNow);
  ASSERT_TRUE(renewed.ok());
  auto again = RenewNetwork(renewed->network, NextTerm(), Coordinator(), kNow);
  EXPECT_EQ(again.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(RenewNetworkTest, TheNewTermStartsAfterTheOldTermEnds) {
  RenewCommand command = NextTerm();
  command.definition.term.start_date = D(2026, 12, 31);
  auto renewed = RenewNetwork(Open(), command, Coordinator(), kNow);
  EXPECT_EQ(renewed.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(renewed.status().field(), "term.start_date");
  command.definition.term.start_date.reset();
  renewed = RenewNetwork(Open(), command, Coordinator(), kNow);
  EXPECT_EQ(renewed.status().field(), "term.start_date");
}

TEST(RenewNetworkTest, TheReviewedDefinitionMustBeReadyToPublish) {
  RenewCommand command = NextTerm();
  command.definition.goals.clear();
  command.definition.communication_plan.channels.clear();
  auto renewed = RenewNetwork(Open(), command, Coordinator(), kNow);
  EXPECT_EQ(renewed.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ViolatedFields(renewed.status()),
            (std::vector<std::string>{"goals", "communication_plan.channels"}));
}

TEST(RenewNetworkTest, NeedsAReasonAndTheSameCode) {
  RenewCommand command = NextTerm();
  command.reason = "  ";
  EXPECT_EQ(RenewNetwork(Open(), command, Coordinator(), kNow).status().field(), "reason");
  command = NextTerm();
  command.definition.code = NetworkCode("toinen");
  EXPECT_EQ(RenewNetwork(Open(), command, Coordinator(), kNow).status().field(), "code");
}

TEST(StartNextTermTest, ARenewedNetworkRollsToTheNextTermInsteadOfClosing) {
  auto renewed = RenewNetwork(Open(), NextTerm(), Coordinator(), kNow);
  ASSERT_TRUE(renewed.ok());
  EXPECT_FALSE(CloseIfTermEnded(renewed->network, At(2026, 12, 31)).has_value());
  auto rolled = CloseIfTermEnded(renewed->network, At(2027, 1, 1));
  ASSERT_TRUE(rolled.has_value());
  const Network& after = rolled->network;
  EXPECT_EQ(after.status, NetworkStatus::kOpen);
  EXPECT_EQ(after.definition, NextTerm().definition);
  EXPECT_FALSE(after.next_term.has_value());
  EXPECT_EQ(after.version, 5u);
  ASSERT_EQ(rolled->events.size(), 1u);
  const auto& event = std::get<NetworkTermStarted>(rolled->events[0]);
  EXPECT_EQ(event.previous_term, CompleteDefinition().term);
  EXPECT_EQ(event.version.audit.role, Role::kSystem);
  EXPECT_EQ(event.version.changed_fields.at(0), "renewed");
  // The new term runs until its own end, and then the network closes.
  EXPECT_FALSE(CloseIfTermEnded(after, At(2028, 12, 31)).has_value());
  auto closed = CloseIfTermEnded(after, At(2029, 1, 1));
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->network.status, NetworkStatus::kClosed);
}

TEST(StartNextTermTest, WithoutARenewalTheNetworkCloses) {
  EXPECT_FALSE(StartNextTerm(Open(), At(2027, 1, 1)).has_value());
  auto closed = CloseIfTermEnded(Open(), At(2027, 1, 1));
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->network.status, NetworkStatus::kClosed);
}

}  // namespace
}  // namespace verkosto::networks
