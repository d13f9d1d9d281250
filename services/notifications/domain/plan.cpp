#include "notifications/domain/plan.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/text.h"

namespace verkosto::notifications {

namespace {

constexpr std::array<PlanAudience, 6> kAudiences = {PlanAudience::kAllAreasLeadership,
                                                    PlanAudience::kMemberAreasLeadership,
                                                    PlanAudience::kMemberAreasRegistry,
                                                    PlanAudience::kMembers,
                                                    PlanAudience::kKeha,
                                                    PlanAudience::kPublic};
constexpr std::array<PlanEvent, 10> kEvents = {
    PlanEvent::kProposed,         PlanEvent::kOpened,       PlanEvent::kChanged,
    PlanEvent::kCancelled,        PlanEvent::kClosedEarly,  PlanEvent::kMembershipEnded,
    PlanEvent::kDeadlineExtended, PlanEvent::kCommentAdded, PlanEvent::kNotesDue,
    PlanEvent::kRenewed};

std::optional<PlanAudience> AudienceNamed(std::string_view name) {
  for (PlanAudience a : kAudiences) {
    if (PlanAudienceName(a) == name) return a;
  }
  return std::nullopt;
}

std::optional<PlanEvent> EventNamed(std::string_view name) {
  for (PlanEvent e : kEvents) {
    if (PlanEventName(e) == name) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view PlanAudienceName(PlanAudience audience) {
  switch (audience) {
    case PlanAudience::kAllAreasLeadership:
      return "all_areas_leadership";
    case PlanAudience::kMemberAreasLeadership:
      return "member_areas_leadership";
    case PlanAudience::kMemberAreasRegistry:
      return "member_areas_registry";
    case PlanAudience::kMembers:
      return "members";
    case PlanAudience::kKeha:
      return "keha";
    case PlanAudience::kPublic:
      return "public";
  }
  return "unknown";
}

std::string_view PlanEventName(PlanEvent event) {
  switch (event) {
    case PlanEvent::kProposed:
      return "proposed";
    case PlanEvent::kOpened:
      return "opened";
    case PlanEvent::kChanged:
      return "changed";
    case PlanEvent::kCancelled:
      return "cancelled";
    case PlanEvent::kClosedEarly:
      return "closed_early";
    case PlanEvent::kMembershipEnded:
      return "membership_ended";
    case PlanEvent::kDeadlineExtended:
      return "deadline_extended";
    case PlanEvent::kCommentAdded:
      return "comment_added";
    case PlanEvent::kNotesDue:
      return "notes_due";
    case PlanEvent::kRenewed:
      return "renewed";
  }
  return "unknown";
}

std::string SerializePlan(const std::vector<PlanTargetInfo>& targets) {
  std::vector<std::string> parts;
  parts.reserve(targets.size());
  for (const PlanTargetInfo& t : targets) {
    std::vector<std::string> events;
    events.reserve(t.events.size());
    for (PlanEvent e : t.events) events.emplace_back(PlanEventName(e));
    parts.push_back(std::string(PlanAudienceName(t.audience)) + ":" + text::Join(events, ","));
  }
  return text::Join(parts, ";");
}

std::vector<PlanTargetInfo> ParsePlan(std::string_view plan_text) {
  std::vector<PlanTargetInfo> out;
  for (const std::string& part : text::Split(std::string(plan_text), ';')) {
    const size_t colon = part.find(':');
    if (colon == std::string::npos) continue;
    const std::optional<PlanAudience> audience = AudienceNamed(part.substr(0, colon));
    if (!audience) continue;
    PlanTargetInfo target;
    target.audience = *audience;
    for (const std::string& name : text::Split(part.substr(colon + 1), ',')) {
      if (const std::optional<PlanEvent> e = EventNamed(name)) target.events.push_back(*e);
    }
    out.push_back(std::move(target));
  }
  return out;
}

bool PlanTells(const std::vector<PlanTargetInfo>& targets, PlanAudience audience, PlanEvent event) {
  return std::any_of(targets.begin(), targets.end(), [&](const PlanTargetInfo& t) {
    return t.audience == audience &&
           std::find(t.events.begin(), t.events.end(), event) != t.events.end();
  });
}

}  // namespace verkosto::notifications
