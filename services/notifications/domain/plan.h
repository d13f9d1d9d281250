#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace verkosto::notifications {

// A network's communication plan as notifications delivers by it: the
// effective targets the networks service puts in every networks event
// (Network.effective_targets; docs/networks.md#communication-plan). The
// channel follows from the audience (public: the catalogue, i.e. the
// "public:<language>" mailboxes; others: inbox and e-mail).

enum class PlanAudience {
  kAllAreasLeadership,
  kMemberAreasLeadership,
  kMemberAreasRegistry,
  kMembers,
  kKeha,
  kPublic,
};

enum class PlanEvent {
  kProposed,
  kOpened,
  kChanged,
  kCancelled,
  kClosedEarly,
  kMembershipEnded,
  kDeadlineExtended,
  kCommentAdded,
  kNotesDue,
  kRenewed,
};

// The stable names, as networks.proto's enums without their prefix:
// "all_areas_leadership", ..., "public"; "opened", ..., "renewed".
std::string_view PlanAudienceName(PlanAudience audience);
std::string_view PlanEventName(PlanEvent event);

struct PlanTargetInfo {
  PlanAudience audience = PlanAudience::kKeha;
  std::vector<PlanEvent> events;
  friend bool operator==(const PlanTargetInfo&, const PlanTargetInfo&) = default;
};

// "audience:event,event;audience:event" (the read model's column). Parse
// skips names it does not know.
std::string SerializePlan(const std::vector<PlanTargetInfo>& targets);
std::vector<PlanTargetInfo> ParsePlan(std::string_view text);

// Whether `audience` hears of `event` by `targets`.
bool PlanTells(const std::vector<PlanTargetInfo>& targets, PlanAudience audience, PlanEvent event);

}  // namespace verkosto::notifications
