#include "networks/domain/communication_plan.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "fixtures.h"
#include "networks/domain/network.h"

namespace verkosto::networks {
namespace {

using testing::CompleteDefinition;

using A = PlanAudience;
using C = PlanChannel;
using E = PlanEvent;

Status ValidateWith(const std::vector<PlanTarget>& targets) {
  NetworkDefinition d = CompleteDefinition();
  d.communication_plan.targets = targets;
  return ValidateDefinition(d);
}

bool Hears(const std::vector<PlanTarget>& targets, A audience, E event) {
  return std::any_of(targets.begin(), targets.end(), [&](const PlanTarget& t) {
    return t.audience == audience &&
           std::find(t.events.begin(), t.events.end(), event) != t.events.end();
  });
}

TEST(CommunicationPlanTest, StandardPlanIsValidAndUsedWhenNoTargets) {
  NetworkDefinition d = CompleteDefinition();
  ASSERT_TRUE(d.communication_plan.targets.empty());
  EXPECT_EQ(&EffectiveTargets(d.communication_plan), &StandardTargets());
  d.communication_plan.targets = StandardTargets();
  EXPECT_TRUE(ValidateDefinition(d).ok()) << ValidateDefinition(d).ToString();
}

TEST(CommunicationPlanTest, StandardPlanTellsTheUsualAudiences) {
  const auto& s = StandardTargets();
  EXPECT_TRUE(Hears(s, A::kAllAreasLeadership, E::kOpened));
  EXPECT_TRUE(Hears(s, A::kAllAreasLeadership, E::kCancelled));
  EXPECT_TRUE(Hears(s, A::kMemberAreasLeadership, E::kChanged));
  EXPECT_TRUE(Hears(s, A::kMemberAreasRegistry, E::kClosedEarly));
  EXPECT_TRUE(Hears(s, A::kMembers, E::kChanged));
  EXPECT_TRUE(Hears(s, A::kKeha, E::kCommentAdded));
  EXPECT_TRUE(Hears(s, A::kKeha, E::kMembershipEnded));
  EXPECT_TRUE(Hears(s, A::kMemberAreasRegistry, E::kDeadlineExtended));
  EXPECT_TRUE(Hears(s, A::kPublic, E::kOpened));
  EXPECT_FALSE(Hears(s, A::kPublic, E::kCommentAdded));
  EXPECT_FALSE(Hears(s, A::kMembers, E::kCommentAdded));
}

TEST(CommunicationPlanTest, GivenTargetsReplaceTheStandardPlan) {
  CommunicationPlan plan;
  plan.targets = {{A::kKeha, C::kInboxEmail, {E::kOpened}}};
  EXPECT_EQ(EffectiveTargets(plan), plan.targets);
}

TEST(CommunicationPlanTest, AudienceIsRequiredAndUnique) {
  EXPECT_EQ(ValidateWith({{A::kUnspecified, C::kInboxEmail, {E::kOpened}}}).field(),
            "communication_plan.targets[0].audience");
  EXPECT_EQ(ValidateWith({{A::kKeha, C::kInboxEmail, {E::kOpened}},
                          {A::kKeha, C::kInboxEmail, {E::kChanged}}})
                .field(),
            "communication_plan.targets[1].audience");
}

TEST(CommunicationPlanTest, ChannelMustFitTheAudience) {
  EXPECT_EQ(ValidateWith({{A::kPublic, C::kInboxEmail, {E::kOpened}}}).field(),
            "communication_plan.targets[0].channel");
  EXPECT_EQ(ValidateWith({{A::kKeha, C::kInboxEmail, {E::kOpened}},
                          {A::kMembers, C::kPublicCatalogue, {E::kOpened}}})
                .field(),
            "communication_plan.targets[1].channel");
  EXPECT_EQ(ValidateWith({{A::kMembers, C::kUnspecified, {E::kOpened}}}).field(),
            "communication_plan.targets[0].channel");
  EXPECT_TRUE(ValidateWith({{A::kPublic, C::kPublicCatalogue, {E::kOpened}}}).ok());
}

TEST(CommunicationPlanTest, EventsMustBeGivenKnownAndUnique) {
  EXPECT_EQ(ValidateWith({{A::kKeha, C::kInboxEmail, {}}}).field(),
            "communication_plan.targets[0].events");
  EXPECT_EQ(ValidateWith({{A::kKeha, C::kInboxEmail, {E::kUnspecified}}}).field(),
            "communication_plan.targets[0].events");
  EXPECT_EQ(
      ValidateWith({{A::kKeha, C::kInboxEmail, {E::kOpened, E::kChanged, E::kOpened}}}).field(),
      "communication_plan.targets[0].events");
  for (E e : {E::kNotesDue, E::kMembershipEnded, E::kDeadlineExtended, E::kCommentAdded}) {
    EXPECT_EQ(ValidateWith({{A::kPublic, C::kPublicCatalogue, {e}}}).field(),
              "communication_plan.targets[0].events")
        << PlanEventName(e);
  }
  EXPECT_TRUE(ValidateWith({{A::kKeha, C::kInboxEmail, {E::kNotesDue, E::kRenewed}}}).ok());
}

TEST(CommunicationPlanTest, ResponsibleEmailMustBeAnAddress) {
  NetworkDefinition d = CompleteDefinition();
  d.communication_plan.responsible_email = "not an address";
  EXPECT_EQ(ValidateDefinition(d).field(), "communication_plan.responsible_email");
  d.communication_plan.responsible_email = std::string(250, 'a') + "@x.fi";
  EXPECT_EQ(ValidateDefinition(d).field(), "communication_plan.responsible_email");
  d.communication_plan.responsible_email = "sihteeri@keha.fi";
  EXPECT_TRUE(ValidateDefinition(d).ok());
}

TEST(CommunicationPlanTest, NotesIntervalIsAtMostAYear) {
  NetworkDefinition d = CompleteDefinition();
  d.communication_plan.notes_every_days = 367;
  EXPECT_EQ(ValidateDefinition(d).field(), "communication_plan.notes_every_days");
  d.communication_plan.notes_every_days = 366;
  EXPECT_TRUE(ValidateDefinition(d).ok());
}

TEST(CommunicationPlanTest, NotesIntervalComesFromTheMeetingCadence) {
  CommunicationPlan plan;
  EXPECT_EQ(EffectiveNotesEveryDays(plan, 0), 0U);
  EXPECT_EQ(EffectiveNotesEveryDays(plan, 4), 91U);
  EXPECT_EQ(EffectiveNotesEveryDays(plan, 12), 30U);
  EXPECT_EQ(EffectiveNotesEveryDays(plan, 365), 1U);
  plan.notes_every_days = 14;
  EXPECT_EQ(EffectiveNotesEveryDays(plan, 4), 14U);
}

TEST(CommunicationPlanTest, ResponsibleEmailFallsBackToTheContact) {
  CommunicationPlan plan;
  const std::string contact = "vastaava@keha.fi";
  EXPECT_EQ(EffectiveResponsibleEmail(plan, contact), contact);
  plan.responsible_email = "sihteeri@keha.fi";
  EXPECT_EQ(EffectiveResponsibleEmail(plan, contact), "sihteeri@keha.fi");
}

TEST(CommunicationPlanTest, ChangedFieldsNameThePlanParts) {
  NetworkDefinition a = CompleteDefinition();
  NetworkDefinition b = a;
  b.communication_plan.targets = {{A::kKeha, C::kInboxEmail, {E::kOpened}}};
  b.communication_plan.notes_every_days = 30;
  b.communication_plan.responsible_email = "s@keha.fi";
  EXPECT_EQ(
      ChangedFields(a, b),
      (std::vector<std::string>{"communication_plan.targets", "communication_plan.notes_every_days",
                                "communication_plan.responsible_email"}));
}

TEST(CommunicationPlanTest, NamesAreStable) {
  EXPECT_EQ(PlanAudienceName(A::kMemberAreasRegistry), "member_areas_registry");
  EXPECT_EQ(PlanChannelName(C::kPublicCatalogue), "public_catalogue");
  EXPECT_EQ(PlanEventName(E::kClosedEarly), "closed_early");
  EXPECT_EQ(PlanEventName(E::kRenewed), "renewed");
}

}  // namespace
}  // namespace verkosto::networks
