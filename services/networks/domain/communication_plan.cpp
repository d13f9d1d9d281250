#include "networks/domain/communication_plan.h"

#include <algorithm>

#include "core/email.h"
#include "core/limits.h"

namespace verkosto::networks {

namespace {

constexpr uint32_t kMaxNotesEveryDays = 366;
constexpr uint32_t kDaysPerYear = 365;

// What the public catalogue may announce: the network's own life, never a
// person (membership ended), one area's case (deadline extended), an area's
// comment or a reminder to people.
bool PublicMayHear(PlanEvent event) {
  switch (event) {
    case PlanEvent::kProposed:
    case PlanEvent::kOpened:
    case PlanEvent::kChanged:
    case PlanEvent::kCancelled:
    case PlanEvent::kClosedEarly:
    case PlanEvent::kRenewed:
      return true;
    default:
      return false;
  }
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
    case PlanAudience::kUnspecified:
      break;
  }
  return "unspecified";
}

std::string_view PlanChannelName(PlanChannel channel) {
  switch (channel) {
    case PlanChannel::kInboxEmail:
      return "inbox_email";
    case PlanChannel::kPublicCatalogue:
      return "public_catalogue";
    case PlanChannel::kUnspecified:
      break;
  }
  return "unspecified";
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
    case PlanEvent::kUnspecified:
      break;
  }
  return "unspecified";
}

PlanChannel ChannelFor(PlanAudience audience) {
  if (audience == PlanAudience::kUnspecified) return PlanChannel::kUnspecified;
  return audience == PlanAudience::kPublic ? PlanChannel::kPublicCatalogue
                                           : PlanChannel::kInboxEmail;
}

const std::vector<PlanTarget>& StandardTargets() {
  using A = PlanAudience;
  using E = PlanEvent;
  static const std::vector<PlanTarget> kStandard = {
      {A::kAllAreasLeadership, PlanChannel::kInboxEmail, {E::kProposed, E::kOpened, E::kCancelled}},
      {A::kMemberAreasLeadership,
       PlanChannel::kInboxEmail,
       {E::kChanged, E::kClosedEarly, E::kDeadlineExtended, E::kRenewed}},
      {A::kMemberAreasRegistry,
       PlanChannel::kInboxEmail,
       {E::kChanged, E::kClosedEarly, E::kDeadlineExtended}},
      {A::kMembers, PlanChannel::kInboxEmail, {E::kChanged, E::kClosedEarly, E::kRenewed}},
      {A::kKeha, PlanChannel::kInboxEmail, {E::kMembershipEnded, E::kCommentAdded, E::kNotesDue}},
      {A::kPublic, PlanChannel::kPublicCatalogue, {E::kOpened, E::kChanged, E::kClosedEarly}},
  };
  return kStandard;
}

const std::vector<PlanTarget>& EffectiveTargets(const CommunicationPlan& plan) {
  return plan.targets.empty() ? StandardTargets() : plan.targets;
}

uint32_t EffectiveNotesEveryDays(const CommunicationPlan& plan, uint32_t meetings_per_year) {
  if (plan.notes_every_days > 0) return plan.notes_every_days;
  if (meetings_per_year == 0) return 0;
  return std::max<uint32_t>(1, kDaysPerYear / meetings_per_year);
}

const std::string& EffectiveResponsibleEmail(const CommunicationPlan& plan,
                                             const std::string& contact_email) {
  return plan.responsible_email.empty() ? contact_email : plan.responsible_email;
}

Status ValidatePlanTargets(const CommunicationPlan& plan) {
  for (size_t i = 0; i < plan.targets.size(); ++i) {
    const PlanTarget& t = plan.targets[i];
    const std::string field = "communication_plan.targets[" + std::to_string(i) + "]";
    if (t.audience == PlanAudience::kUnspecified) {
      return Status::InvalidArgument(field + ".audience", "is required");
    }
    for (size_t j = 0; j < i; ++j) {
      if (plan.targets[j].audience == t.audience) {
        return Status::InvalidArgument(field + ".audience",
                                       std::string(PlanAudienceName(t.audience)) +
                                           " is already targets[" + std::to_string(j) + "]");
      }
    }
    if (t.channel != ChannelFor(t.audience)) {
      return Status::InvalidArgument(
          field + ".channel", std::string(PlanAudienceName(t.audience)) + " is reached through " +
                                  std::string(PlanChannelName(ChannelFor(t.audience))));
    }
    if (t.events.empty()) return Status::InvalidArgument(field + ".events", "name at least one");
    for (size_t k = 0; k < t.events.size(); ++k) {
      const PlanEvent e = t.events[k];
      if (e == PlanEvent::kUnspecified) {
        return Status::InvalidArgument(field + ".events",
                                       "entry " + std::to_string(k) + " is unspecified");
      }
      if (std::find(t.events.begin(), t.events.begin() + static_cast<std::ptrdiff_t>(k), e) !=
          t.events.begin() + static_cast<std::ptrdiff_t>(k)) {
        return Status::InvalidArgument(field + ".events",
                                       std::string(PlanEventName(e)) + " is listed twice");
      }
      if (t.audience == PlanAudience::kPublic && !PublicMayHear(e)) {
        return Status::InvalidArgument(
            field + ".events", std::string(PlanEventName(e)) +
                                   " is not for the public (it names people or one area's case)");
      }
    }
  }
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(plan.responsible_email, limits::kEmail,
                                               "communication_plan.responsible_email"));
  if (!plan.responsible_email.empty() && !IsValidEmail(plan.responsible_email)) {
    return Status::InvalidArgument("communication_plan.responsible_email",
                                   "is not an e-mail address");
  }
  if (plan.notes_every_days > kMaxNotesEveryDays) {
    return Status::InvalidArgument("communication_plan.notes_every_days", "is more than 366");
  }
  return Status::Ok();
}

}  // namespace verkosto::networks
