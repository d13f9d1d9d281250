#include <gtest/gtest.h>

#include "fixtures.h"
#include "networks/domain/network.h"

namespace verkosto::networks {
namespace {

using testing::At;
using testing::CompleteDefinition;
using testing::Coordinator;
using testing::D;
using testing::Director;
using testing::MakeActor;
using testing::ViolatedFields;

const TimePoint kNow = At(2025, 3, 10);

Network InStatus(NetworkStatus status, NetworkDefinition d = CompleteDefinition()) {
  Network network;
  network.definition = std::move(d);
  network.status = status;
  network.version = 3;
  return network;
}

// A draft with one part of the definition removed.
Network DraftWithout(void (*mutate)(NetworkDefinition&)) {
  NetworkDefinition d = CompleteDefinition();
  mutate(d);
  return InStatus(NetworkStatus::kDraft, d);
}

template <typename Event>
const Event& Only(const NetworkUpdate& update) {
  EXPECT_EQ(update.events.size(), 1u);
  return std::get<Event>(update.events.at(0));
}

TEST(NetworkLifecycleTest, FullLifecycleDraftProposedOpenClosed) {
  auto created = CreateNetwork(CompleteDefinition(), Coordinator(), kNow);
  ASSERT_TRUE(created.ok());
  auto proposed = ProposeNetwork(created->network, Coordinator(), kNow);
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  EXPECT_EQ(proposed->network.status, NetworkStatus::kProposed);
  EXPECT_EQ(Only<NetworkProposed>(*proposed).audit.user_id, "keha-1");
  auto opened = OpenNetwork(proposed->network, Coordinator(), kNow);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->network.status, NetworkStatus::kOpen);
  EXPECT_EQ(Only<NetworkOpened>(*opened).network.status, NetworkStatus::kOpen);
  auto closed =
      CloseNetwork(opened->network, "Tehtävä siirtyi toiselle verkostolle", Coordinator(), kNow);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->network.status, NetworkStatus::kClosed);
  EXPECT_EQ(closed->network.end_reason, "Tehtävä siirtyi toiselle verkostolle");
  EXPECT_FALSE(Only<NetworkClosed>(*closed).by_term_end);
  EXPECT_EQ(Only<NetworkClosed>(*closed).audit.reason, "Tehtävä siirtyi toiselle verkostolle");
  EXPECT_EQ(closed->network.version, 4u);
}

TEST(NetworkLifecycleTest, RefusesProposeWithoutGoals) {
  auto result = ProposeNetwork(DraftWithout([](NetworkDefinition& d) { d.goals.clear(); }),
                               Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "goals");
}

TEST(NetworkLifecycleTest, RefusesProposeWithoutStartDate) {
  auto result = ProposeNetwork(
      DraftWithout([](NetworkDefinition& d) { d.term.start_date.reset(); }), Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "term.start_date");
}

TEST(NetworkLifecycleTest, RefusesProposeWithoutEndDate) {
  auto result = ProposeNetwork(DraftWithout([](NetworkDefinition& d) { d.term.end_date.reset(); }),
                               Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "term.end_date");
}

TEST(NetworkLifecycleTest, RefusesProposeWithEndBeforeStart) {
  Network network = InStatus(NetworkStatus::kDraft);
  network.definition.term = {D(2026, 1, 1), D(2025, 1, 1)};
  auto result = ProposeNetwork(network, Coordinator(), kNow);
  EXPECT_EQ(result.status().field(), "term.end_date");
  EXPECT_NE(result.status().message().find("must be after term.start_date"), std::string::npos);
}

TEST(NetworkLifecycleTest, RefusesProposeWithoutCommunicationPlanChannels) {
  auto result = ProposeNetwork(
      DraftWithout([](NetworkDefinition& d) { d.communication_plan.channels.clear(); }),
      Coordinator(), kNow);
  EXPECT_EQ(result.status().field(), "communication_plan.channels");
}

TEST(NetworkLifecycleTest, RefusesProposeWithoutCommunicationPlanAudiences) {
  auto result = ProposeNetwork(
      DraftWithout([](NetworkDefinition& d) { d.communication_plan.audiences.clear(); }),
      Coordinator(), kNow);
  EXPECT_EQ(result.status().field(), "communication_plan.audiences");
}

TEST(NetworkLifecycleTest, RefusesProposeWithoutCommunicationCadence) {
  auto result = ProposeNetwork(
      DraftWithout([](NetworkDefinition& d) { d.communication_plan.cadence.clear(); }),
      Coordinator(), kNow);
  EXPECT_EQ(result.status().field(), "communication_plan.cadence");
}

TEST(NetworkLifecycleTest, RefusesProposeWithoutCommunicationResponsible) {
  auto result = ProposeNetwork(
      DraftWithout([](NetworkDefinition& d) { d.communication_plan.responsible.clear(); }),
      Coordinator(), kNow);
  EXPECT_EQ(result.status().field(), "communication_plan.responsible");
}

TEST(NetworkLifecycleTest, RefusesProposeWithoutSwedishName) {
  auto result = ProposeNetwork(DraftWithout([](NetworkDefinition& d) { d.names.sv.clear(); }),
                               Coordinator(), kNow);
  EXPECT_EQ(result.status().field(), "names.sv");
}

TEST(NetworkLifecycleTest, RefusalListsEveryMissingField) {
  auto result = ProposeNetwork(DraftWithout([](NetworkDefinition& d) {
                                 d.goals.clear();
                                 d.term.end_date.reset();
                                 d.communication_plan = {};
                               }),
                               Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ViolatedFields(result.status()),
            (std::vector<std::string>{"goals", "term.end_date", "communication_plan.audiences",
                                      "communication_plan.channels", "communication_plan.cadence",
                                      "communication_plan.responsible"}));
}

TEST(NetworkLifecycleTest, RefusesOpenWithoutEndDate) {
  Network network = InStatus(NetworkStatus::kProposed);
  network.definition.term.end_date.reset();
  auto result = OpenNetwork(network, Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "term.end_date");
}

TEST(NetworkLifecycleTest, RefusesOpenWithoutGoalsOrPlan) {
  Network network = InStatus(NetworkStatus::kProposed);
  network.definition.goals.clear();
  network.definition.communication_plan = {};
  auto result = OpenNetwork(network, Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ViolatedFields(result.status()),
            (std::vector<std::string>{"goals", "communication_plan.audiences",
                                      "communication_plan.channels", "communication_plan.cadence",
                                      "communication_plan.responsible"}));
}

TEST(NetworkLifecycleTest, RefusesOpenAfterTermEnded) {
  Network network = InStatus(NetworkStatus::kProposed);
  network.definition.term = {D(2024, 1, 1), D(2025, 3, 9)};
  auto result = OpenNetwork(network, Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(result.status().field(), "term.end_date");
}

TEST(NetworkLifecycleTest, OpensOnTheLastDayOfTheTerm) {
  Network network = InStatus(NetworkStatus::kProposed);
  network.definition.term = {D(2024, 1, 1), D(2025, 3, 10)};
  EXPECT_TRUE(OpenNetwork(network, Coordinator(), kNow).ok());
}

TEST(NetworkLifecycleTest, RefusesOpenDirectlyFromDraft) {
  auto result = OpenNetwork(InStatus(NetworkStatus::kDraft), Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kFailedPrecondition);
}

struct Transition {
  const char* name;
  NetworkStatus from;
  Result<NetworkUpdate> (*apply)(const Network&);
};

Result<NetworkUpdate> Propose(const Network& n) { return ProposeNetwork(n, Coordinator(), kNow); }
Result<NetworkUpdate> Open(const Network& n) { return OpenNetwork(n, Coordinator(), kNow); }
Result<NetworkUpdate> Close(const Network& n) {
  return CloseNetwork(n, "syy", Coordinator(), kNow);
}
Result<NetworkUpdate> Cancel(const Network& n) {
  return CancelNetwork(n, "syy", Coordinator(), kNow);
}
Result<NetworkUpdate> Edit(const Network& n) {
  NetworkDefinition d = n.definition;
  d.description = "muutettu";
  return EditNetwork(n, d, "syy", Coordinator(), kNow);
}

TEST(NetworkLifecycleTest, RefusesEveryIllegalTransition) {
  const Transition illegal[] = {
      {"propose proposed", NetworkStatus::kProposed, Propose},
      {"propose open", NetworkStatus::kOpen, Propose},
      {"propose closed", NetworkStatus::kClosed, Propose},
      {"propose cancelled", NetworkStatus::kCancelled, Propose},
      {"open draft", NetworkStatus::kDraft, Open},
      {"open open", NetworkStatus::kOpen, Open},
      {"open closed", NetworkStatus::kClosed, Open},
      {"open cancelled", NetworkStatus::kCancelled, Open},
      {"close draft", NetworkStatus::kDraft, Close},
      {"close proposed", NetworkStatus::kProposed, Close},
      {"close closed", NetworkStatus::kClosed, Close},
      {"close cancelled", NetworkStatus::kCancelled, Close},
      {"cancel open", NetworkStatus::kOpen, Cancel},
      {"cancel closed", NetworkStatus::kClosed, Cancel},
      {"cancel cancelled", NetworkStatus::kCancelled, Cancel},
      {"edit closed", NetworkStatus::kClosed, Edit},
      {"edit cancelled", NetworkStatus::kCancelled, Edit},
  };
  for (const Transition& t : illegal) {
    auto result = t.apply(InStatus(t.from));
    EXPECT_EQ(result.status().code(), ErrorCode::kFailedPrecondition) << t.name;
  }
  const Transition legal[] = {
      {"propose draft", NetworkStatus::kDraft, Propose},
      {"open proposed", NetworkStatus::kProposed, Open},
      {"close open", NetworkStatus::kOpen, Close},
      {"cancel draft", NetworkStatus::kDraft, Cancel},
      {"cancel proposed", NetworkStatus::kProposed, Cancel},
      {"edit draft", NetworkStatus::kDraft, Edit},
      {"edit proposed", NetworkStatus::kProposed, Edit},
      {"edit open", NetworkStatus::kOpen, Edit},
  };
  for (const Transition& t : legal) {
    EXPECT_TRUE(t.apply(InStatus(t.from)).ok()) << t.name;
  }
}

TEST(NetworkLifecycleTest, RefusesCloseWithoutReason) {
  auto result = CloseNetwork(InStatus(NetworkStatus::kOpen), "  ", Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "reason");
}

TEST(NetworkLifecycleTest, RefusesCancelWithoutReason) {
  auto result = CancelNetwork(InStatus(NetworkStatus::kProposed), "", Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "reason");
}

TEST(NetworkLifecycleTest, CancelRecordsReasonAndEvent) {
  auto result = CancelNetwork(InStatus(NetworkStatus::kProposed), "Alueet eivät kannattaneet",
                              Coordinator(), kNow);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->network.status, NetworkStatus::kCancelled);
  EXPECT_EQ(Only<NetworkCancelled>(*result).audit.reason, "Alueet eivät kannattaneet");
}

TEST(NetworkLifecycleTest, OnlyKehaCoordinatorManagesNetworks) {
  for (Role role : {Role::kAreaDirector, Role::kAreaDeputy, Role::kRegistryClerk, Role::kObserver,
                    Role::kNominee, Role::kAdmin, Role::kSystem, Role::kUnspecified}) {
    const Actor actor = MakeActor(role, "kymppi");
    EXPECT_EQ(CreateNetwork(CompleteDefinition(), actor, kNow).status().code(),
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(ProposeNetwork(InStatus(NetworkStatus::kDraft), actor, kNow).status().code(),
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(OpenNetwork(InStatus(NetworkStatus::kProposed), actor, kNow).status().code(),
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(CloseNetwork(InStatus(NetworkStatus::kOpen), "x", actor, kNow).status().code(),
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(CancelNetwork(InStatus(NetworkStatus::kDraft), "x", actor, kNow).status().code(),
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(EditNetwork(InStatus(NetworkStatus::kDraft), CompleteDefinition(), "x", actor, kNow)
                  .status()
                  .code(),
              ErrorCode::kPermissionDenied);
  }
}

TEST(NetworkLifecycleTest, PermissionIsCheckedBeforeStatus) {
  auto result = OpenNetwork(InStatus(NetworkStatus::kClosed), Director("kymppi"), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kPermissionDenied);
}

TEST(NetworkLifecycleTest, EditOfOpenNetworkRequiresReason) {
  NetworkDefinition d = CompleteDefinition();
  d.goals.push_back("Toinen tavoite");
  auto result = EditNetwork(InStatus(NetworkStatus::kOpen), d, " ", Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "reason");
}

TEST(NetworkLifecycleTest, EditOfDraftNeedsNoReason) {
  NetworkDefinition d = CompleteDefinition();
  d.goals.push_back("Toinen tavoite");
  EXPECT_TRUE(EditNetwork(InStatus(NetworkStatus::kDraft), d, "", Coordinator(), kNow).ok());
}

TEST(NetworkLifecycleTest, EditOfOpenNetworkProducesVersionRecord) {
  NetworkDefinition d = CompleteDefinition();
  d.term.end_date = D(2027, 6, 30);
  d.cadence.meetings_per_year = 4;
  auto result =
      EditNetwork(InStatus(NetworkStatus::kOpen), d, "Toimikautta jatkettiin", Coordinator(), kNow);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->network.version, 4u);
  EXPECT_EQ(result->network.definition, d);
  EXPECT_EQ(result->network.updated_at, kNow);
  const NetworkChanged& changed = Only<NetworkChanged>(*result);
  EXPECT_EQ(changed.version.version, 4u);
  EXPECT_EQ(changed.version.audit.user_id, "keha-1");
  EXPECT_EQ(changed.version.audit.at, kNow);
  EXPECT_EQ(changed.version.audit.reason, "Toimikautta jatkettiin");
  EXPECT_EQ(changed.version.changed_fields, (std::vector<std::string>{"term.end_date", "cadence"}));
}

TEST(NetworkLifecycleTest, UnchangedEditYieldsNoEvent) {
  Network network = InStatus(NetworkStatus::kOpen);
  auto result = EditNetwork(network, network.definition, "", Coordinator(), kNow);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->events.empty());
  EXPECT_EQ(result->network, network);
}

TEST(NetworkLifecycleTest, EditCannotChangeCode) {
  auto result = EditNetwork(InStatus(NetworkStatus::kDraft), CompleteDefinition("toinen-koodi"), "",
                            Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "code");
}

TEST(NetworkLifecycleTest, EditCannotMakePublishedNetworkIncomplete) {
  NetworkDefinition d = CompleteDefinition();
  d.goals.clear();
  auto result = EditNetwork(InStatus(NetworkStatus::kProposed), d, "", Coordinator(), kNow);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "goals");
  EXPECT_TRUE(EditNetwork(InStatus(NetworkStatus::kDraft), d, "", Coordinator(), kNow).ok());
}

TEST(NetworkLifecycleTest, EditValidatesTheDefinition) {
  NetworkDefinition d = CompleteDefinition();
  d.owner.clear();
  auto result = EditNetwork(InStatus(NetworkStatus::kDraft), d, "", Coordinator(), kNow);
  EXPECT_EQ(result.status().field(), "owner");
}

TEST(NetworkTermEndTest, ClosesOpenNetworkTheDayAfterItsEndDate) {
  Network network = InStatus(NetworkStatus::kOpen);
  network.definition.term = {D(2025, 1, 1), D(2025, 12, 31)};
  EXPECT_FALSE(CloseIfTermEnded(network, At(2025, 12, 31)).has_value());
  // 00:30 on 1 January in Helsinki is still 31 December in UTC.
  const TimePoint just_after = HelsinkiStartOfDay(D(2026, 1, 1)) + std::chrono::minutes(30);
  auto closed = CloseIfTermEnded(network, just_after);
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->network.status, NetworkStatus::kClosed);
  EXPECT_TRUE(closed->network.closed_by_term_end);
  const NetworkClosed& event = Only<NetworkClosed>(*closed);
  EXPECT_TRUE(event.by_term_end);
  EXPECT_EQ(event.audit.role, Role::kSystem);
  EXPECT_EQ(event.audit.at, just_after);
}

TEST(NetworkTermEndTest, LeavesOtherStatusesAlone) {
  for (NetworkStatus status : {NetworkStatus::kDraft, NetworkStatus::kProposed,
                               NetworkStatus::kClosed, NetworkStatus::kCancelled}) {
    Network network = InStatus(status);
    network.definition.term = {D(2020, 1, 1), D(2020, 12, 31)};
    EXPECT_FALSE(CloseIfTermEnded(network, kNow).has_value()) << NetworkStatusName(status);
  }
}

TEST(NetworkTermEndTest, CloseExpiredClosesOnlyThoseWhoseTermPassed) {
  Network ended = InStatus(NetworkStatus::kOpen, CompleteDefinition("paattynyt"));
  ended.definition.term = {D(2024, 1, 1), D(2025, 3, 9)};
  Network running = InStatus(NetworkStatus::kOpen, CompleteDefinition("kaynnissa"));
  Network draft = InStatus(NetworkStatus::kDraft, CompleteDefinition("luonnos"));
  draft.definition.term = {D(2024, 1, 1), D(2024, 2, 1)};
  auto updates = CloseExpired({running, ended, draft}, kNow);
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].network.code(), NetworkCode("paattynyt"));
  // A second run (e.g. at the next start-up) finds nothing more to close.
  EXPECT_TRUE(CloseExpired({running, updates[0].network, draft}, kNow).empty());
}

}  // namespace
}  // namespace verkosto::networks
