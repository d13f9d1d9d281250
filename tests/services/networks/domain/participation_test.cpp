#include "networks/domain/participation.h"

#include <gtest/gtest.h>

#include "core/limits.h"
#include "fixtures.h"

namespace verkosto::networks {
namespace {

using testing::At;
using testing::CompleteDefinition;
using testing::Coordinator;
using testing::Deputy;
using testing::Director;
using testing::MakeActor;
using testing::SmallDirectory;

Network InStatus(NetworkStatus status) {
  Network network;
  network.definition = CompleteDefinition();
  network.status = status;
  network.version = 2;
  return network;
}

DecideParticipationCommand Takes(const char* area) {
  return {AreaCode(area), ParticipationChoice::kTakesPart, ""};
}
DecideParticipationCommand Declines(const char* area, const char* reason) {
  return {AreaCode(area), ParticipationChoice::kDeclines, reason};
}

TEST(ParticipationTest, DirectorRecordsThatTheAreaTakesPart) {
  auto update = DecideParticipation(InStatus(NetworkStatus::kOpen), SmallDirectory(), {},
                                    Takes("kymppi"), Director("kymppi"), At(2025, 4, 1));
  ASSERT_TRUE(update.ok()) << update.status().ToString();
  ASSERT_EQ(update->history.decisions.size(), 1u);
  ASSERT_EQ(update->history.current(), &update->history.decisions.back());
  const ParticipationDecision& decision = update->history.decisions.back();
  EXPECT_EQ(decision.network, NetworkCode("opastajaverkosto"));
  EXPECT_EQ(decision.area, AreaCode("kymppi"));
  EXPECT_EQ(decision.choice, ParticipationChoice::kTakesPart);
  EXPECT_EQ(decision.audit.user_id, "dir-kymppi");
  EXPECT_EQ(decision.audit.display_name, "Testi Käyttäjä");
  EXPECT_EQ(decision.audit.at, At(2025, 4, 1));
  EXPECT_TRUE(decision.audit.on_behalf_of.empty());
  ASSERT_EQ(update->events.size(), 1u);
  EXPECT_EQ(update->events[0].decision, decision);
  EXPECT_TRUE(TakesPart(update->history));
}

TEST(ParticipationTest, DeputyDecisionRecordsBothDeputyAndDirector) {
  auto update =
      DecideParticipation(InStatus(NetworkStatus::kProposed), SmallDirectory(), {},
                          Declines("kymppi", "Ei resursseja"), Deputy("kymppi"), At(2025, 4, 1));
  ASSERT_TRUE(update.ok()) << update.status().ToString();
  ASSERT_EQ(update->history.current(), &update->history.decisions.back());
  const ParticipationDecision& decision = update->history.decisions.back();
  EXPECT_EQ(decision.audit.user_id, "dep-kymppi");
  EXPECT_EQ(decision.audit.role, Role::kAreaDeputy);
  EXPECT_EQ(decision.audit.on_behalf_of, "director-of-kymppi");
  EXPECT_EQ(decision.reason, "Ei resursseja");
  EXPECT_FALSE(TakesPart(update->history));
}

TEST(ParticipationTest, RefusesDeputyWithoutDirector) {
  Actor deputy = Deputy("kymppi");
  deputy.on_behalf_of.clear();
  auto update = DecideParticipation(InStatus(NetworkStatus::kOpen), SmallDirectory(), {},
                                    Takes("kymppi"), deputy, At(2025, 4, 1));
  EXPECT_EQ(update.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(update.status().field(), "on_behalf_of");
}

TEST(ParticipationTest, RefusesDeclineWithoutReason) {
  auto update = DecideParticipation(InStatus(NetworkStatus::kOpen), SmallDirectory(), {},
                                    Declines("kymppi", "  "), Director("kymppi"), At(2025, 4, 1));
  EXPECT_EQ(update.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(update.status().field(), "reason");
}

TEST(ParticipationTest, RefusesUnspecifiedChoice) {
  DecideParticipationCommand command{AreaCode("kymppi"), ParticipationChoice::kUnspecified, ""};
  auto update = DecideParticipation(InStatus(NetworkStatus::kOpen), SmallDirectory(), {}, command,
                                    Director("kymppi"), At(2025, 4, 1));
  EXPECT_EQ(update.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(update.status().field(), "choice");
}

TEST(ParticipationTest, RefusesDirectorOfAnotherArea) {
  auto update = DecideParticipation(InStatus(NetworkStatus::kOpen), SmallDirectory(), {},
                                    Takes("kymppi"), Director("helsinki"), At(2025, 4, 1));
  EXPECT_EQ(update.status().code(), ErrorCode::kPermissionDenied);
}

TEST(ParticipationTest, RefusesEveryRoleButTheAreasLeadership) {
  for (Role role : {Role::kKehaCoordinator, Role::kRegistryClerk, Role::kNominee, Role::kObserver,
                    Role::kAdmin, Role::kSystem, Role::kUnspecified}) {
    auto update = DecideParticipation(InStatus(NetworkStatus::kOpen), SmallDirectory(), {},
                                      Takes("kymppi"), MakeActor(role, "kymppi"), At(2025, 4, 1));
    EXPECT_EQ(update.status().code(), ErrorCode::kPermissionDenied) << RoleName(role);
  }
}

TEST(ParticipationTest, RefusesUnknownArea) {
  auto update = DecideParticipation(InStatus(NetworkStatus::kOpen), SmallDirectory(), {},
                                    Takes("atlantis"), Director("atlantis"), At(2025, 4, 1));
  EXPECT_EQ(update.status().code(), ErrorCode::kNotFound);
}

TEST(ParticipationTest, RefusesDecisionUnlessProposedOrOpen) {
  for (NetworkStatus status :
       {NetworkStatus::kDraft, NetworkStatus::kClosed, NetworkStatus::kCancelled}) {
    auto update = DecideParticipation(InStatus(status), SmallDirectory(), {}, Takes("kymppi"),
                                      Director("kymppi"), At(2025, 4, 1));
    EXPECT_EQ(update.status().code(), ErrorCode::kFailedPrecondition) << NetworkStatusName(status);
  }
}

TEST(ParticipationTest, HistoryIsKeptAndTheLastDecisionIsCurrent) {
  const Network network = InStatus(NetworkStatus::kOpen);
  const AreaDirectory directory = SmallDirectory();
  auto first = DecideParticipation(network, directory, {}, Declines("kymppi", "Ei resursseja"),
                                   Director("kymppi"), At(2025, 4, 1));
  ASSERT_TRUE(first.ok());
  auto second = DecideParticipation(network, directory, first->history, Takes("kymppi"),
                                    Deputy("kymppi"), At(2025, 5, 1));
  ASSERT_TRUE(second.ok());
  auto third = DecideParticipation(network, directory, second->history,
                                   Declines("kymppi", "Painopisteet muuttuivat"),
                                   Director("kymppi"), At(2025, 6, 1));
  ASSERT_TRUE(third.ok());
  const auto& decisions = third->history.decisions;
  ASSERT_EQ(decisions.size(), 3u);
  EXPECT_EQ(decisions[0].choice, ParticipationChoice::kDeclines);
  EXPECT_EQ(decisions[1].choice, ParticipationChoice::kTakesPart);
  EXPECT_EQ(decisions[1].audit.user_id, "dep-kymppi");
  EXPECT_EQ(decisions[2].reason, "Painopisteet muuttuivat");
  EXPECT_EQ(third->history.current(), &decisions.back());
  // The earlier entries are untouched (append-only).
  EXPECT_EQ(decisions[0], first->history.decisions[0]);
  EXPECT_EQ(decisions[1], second->history.decisions[1]);
}

TEST(ParticipationTest, RepeatingTheCurrentDecisionChangesNothing) {
  const Network network = InStatus(NetworkStatus::kOpen);
  auto first = DecideParticipation(network, SmallDirectory(), {}, Takes("kymppi"),
                                   Director("kymppi"), At(2025, 4, 1));
  ASSERT_TRUE(first.ok());
  auto again = DecideParticipation(network, SmallDirectory(), first->history, Takes("kymppi"),
                                   Director("kymppi"), At(2025, 4, 2));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->events.empty());
  EXPECT_EQ(again->history.decisions.size(), 1u);
}

TEST(ParticipationTest, RefusesHistoryOfAnotherArea) {
  const Network network = InStatus(NetworkStatus::kOpen);
  auto helsinki = DecideParticipation(network, SmallDirectory(), {}, Takes("helsinki"),
                                      Director("helsinki"), At(2025, 4, 1));
  ASSERT_TRUE(helsinki.ok());
  auto update = DecideParticipation(network, SmallDirectory(), helsinki->history, Takes("kymppi"),
                                    Director("kymppi"), At(2025, 4, 1));
  EXPECT_EQ(update.status().code(), ErrorCode::kInternal);
}

TEST(ParticipationTest, MatrixHasEveryAreaWithItsCurrentDecisionOrNone) {
  const Network network = InStatus(NetworkStatus::kOpen);
  const AreaDirectory directory = SmallDirectory();
  auto kymppi = DecideParticipation(network, directory, {}, Takes("kymppi"), Director("kymppi"),
                                    At(2025, 4, 1));
  auto helsinki = DecideParticipation(network, directory, {}, Declines("helsinki", "Oma verkosto"),
                                      Director("helsinki"), At(2025, 4, 1));
  ASSERT_TRUE(kymppi.ok() && helsinki.ok());
  ParticipationHistory other_network = kymppi->history;
  other_network.network = NetworkCode("muu-verkosto");
  other_network.area = AreaCode("espoo-kauniainen");
  auto rows = ParticipationMatrix(network.code(), directory,
                                  {kymppi->history, helsinki->history, other_network});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].area, AreaCode("helsinki"));
  EXPECT_EQ(rows[0].current->choice, ParticipationChoice::kDeclines);
  EXPECT_EQ(rows[1].area, AreaCode("espoo-kauniainen"));
  EXPECT_FALSE(rows[1].current.has_value());
  EXPECT_EQ(rows[1].area_name_sv, "Espoon ja Kauniaisten työllisyysalue");
  EXPECT_EQ(rows[2].current->choice, ParticipationChoice::kTakesPart);
}

TEST(CommentTest, DirectorCommentsOnProposal) {
  auto added = AddComment(InStatus(NetworkStatus::kProposed), SmallDirectory(),
                          {AreaCode("kymppi"), "  Kokouksia on liikaa.  "}, Director("kymppi"),
                          At(2025, 3, 1));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->comment.text, "Kokouksia on liikaa.");
  EXPECT_EQ(added->comment.area, AreaCode("kymppi"));
  EXPECT_EQ(added->comment.network, NetworkCode("opastajaverkosto"));
  EXPECT_EQ(added->comment.audit.user_id, "dir-kymppi");
}

TEST(CommentTest, DeputyCommentsOnOpenNetworkOnDirectorsBehalf) {
  auto added = AddComment(InStatus(NetworkStatus::kOpen), SmallDirectory(),
                          {AreaCode("kymppi"), "Hyvä"}, Deputy("kymppi"), At(2025, 3, 1));
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->comment.audit.on_behalf_of, "director-of-kymppi");
}

TEST(CommentTest, RefusesCommentForAnotherArea) {
  auto added = AddComment(InStatus(NetworkStatus::kProposed), SmallDirectory(),
                          {AreaCode("kymppi"), "Hyvä"}, Director("helsinki"), At(2025, 3, 1));
  EXPECT_EQ(added.status().code(), ErrorCode::kPermissionDenied);
}

TEST(CommentTest, RefusesCommentFromOtherRoles) {
  for (Role role : {Role::kKehaCoordinator, Role::kRegistryClerk, Role::kObserver, Role::kAdmin}) {
    auto added =
        AddComment(InStatus(NetworkStatus::kProposed), SmallDirectory(),
                   {AreaCode("kymppi"), "Hyvä"}, MakeActor(role, "kymppi"), At(2025, 3, 1));
    EXPECT_EQ(added.status().code(), ErrorCode::kPermissionDenied) << RoleName(role);
  }
}

TEST(CommentTest, RefusesCommentOnDraftOrEndedNetwork) {
  for (NetworkStatus status :
       {NetworkStatus::kDraft, NetworkStatus::kClosed, NetworkStatus::kCancelled}) {
    auto added = AddComment(InStatus(status), SmallDirectory(), {AreaCode("kymppi"), "Hyvä"},
                            Director("kymppi"), At(2025, 3, 1));
    EXPECT_EQ(added.status().code(), ErrorCode::kFailedPrecondition) << NetworkStatusName(status);
  }
}

TEST(CommentTest, RefusesEmptyOrTooLongText) {
  auto empty = AddComment(InStatus(NetworkStatus::kProposed), SmallDirectory(),
                          {AreaCode("kymppi"), " "}, Director("kymppi"), At(2025, 3, 1));
  EXPECT_EQ(empty.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(empty.status().field(), "text");
  auto long_text = AddComment(InStatus(NetworkStatus::kProposed), SmallDirectory(),
                              {AreaCode("kymppi"), std::string(limits::kText + 1, 'a')},
                              Director("kymppi"), At(2025, 3, 1));
  EXPECT_EQ(long_text.status().field(), "text");
}

TEST(CommentTest, RefusesUnknownArea) {
  auto added = AddComment(InStatus(NetworkStatus::kProposed), SmallDirectory(),
                          {AreaCode("atlantis"), "Hyvä"}, Director("atlantis"), At(2025, 3, 1));
  EXPECT_EQ(added.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace verkosto::networks
