#include "notifications/domain/plan_policy.h"

namespace verkosto::notifications {

namespace {

void AddAreaBoxes(std::vector<Recipient>& out, const AreaMap& areas, const AreaCode& area,
                  bool leadership, const std::string& template_name) {
  const auto it = areas.find(area);
  std::vector<std::string> emails;
  if (it != areas.end()) {
    if (leadership) {
      emails = {it->second.director_email, it->second.deputy_email};
    } else {
      emails = {it->second.registry_email};
    }
  }
  out.push_back(Recipient{leadership ? LeadershipMailbox(area) : RegistryMailbox(area),
                          template_name, emails, std::nullopt, area});
}

}  // namespace

bool IsPlanMember(const Notice& notice, const MembershipInfo& m) {
  if (!notice.network || m.network_code != notice.network->code || m.person.email.empty()) {
    return false;
  }
  // Closing the network ends its memberships: they are told all the same
  // (the two services' streams are not ordered with respect to each other).
  return m.ended.empty() ||
         (notice.topic == Topic::kNetworkClosedEarly && m.end_reason == EndReason::kNetworkClosed);
}

std::optional<PlanEvent> PlanEventOf(Topic topic) {
  switch (topic) {
    case Topic::kNetworkProposed:
      return PlanEvent::kProposed;
    case Topic::kNetworkOpened:
      return PlanEvent::kOpened;
    case Topic::kNetworkChanged:
      return PlanEvent::kChanged;
    case Topic::kNetworkCancelled:
      return PlanEvent::kCancelled;
    case Topic::kNetworkClosedEarly:
      return PlanEvent::kClosedEarly;
    case Topic::kMembershipEnded:
      return PlanEvent::kMembershipEnded;
    case Topic::kDeadlineExtended:
      return PlanEvent::kDeadlineExtended;
    case Topic::kCommentAdded:
      return PlanEvent::kCommentAdded;
    case Topic::kNotesDue:
      return PlanEvent::kNotesDue;
    case Topic::kNetworkRenewed:
      return PlanEvent::kRenewed;
    default:
      return std::nullopt;
  }
}

std::vector<Recipient> PlanRecipients(const Notice& notice, const AreaMap& areas,
                                      const std::string& template_name) {
  std::vector<Recipient> out;
  const std::optional<PlanEvent> event = PlanEventOf(notice.topic);
  if (!event || !notice.network) return out;
  const NetworkInfo& network = *notice.network;
  auto tells = [&](PlanAudience audience) { return PlanTells(network.targets, audience, *event); };
  if (tells(PlanAudience::kAllAreasLeadership)) {
    for (const auto& [code, area] : areas) AddAreaBoxes(out, areas, code, true, template_name);
  }
  // A deadline is about one case: "the member areas" are the case's area.
  std::vector<AreaCode> member_areas = notice.member_areas;
  if (notice.topic == Topic::kDeadlineExtended) {
    member_areas.clear();
    if (notice.case_info) member_areas.push_back(notice.case_info->area);
  }
  if (tells(PlanAudience::kMemberAreasLeadership)) {
    for (const AreaCode& area : member_areas) AddAreaBoxes(out, areas, area, true, template_name);
  }
  if (tells(PlanAudience::kMemberAreasRegistry)) {
    for (const AreaCode& area : member_areas) AddAreaBoxes(out, areas, area, false, template_name);
  }
  if (tells(PlanAudience::kMembers)) {
    for (const MembershipInfo& m : notice.network_members) {
      if (!IsPlanMember(notice, m)) continue;
      out.push_back(Recipient{EmailMailbox(m.person.email),
                              template_name,
                              {m.person.email},
                              m.person.language,
                              m.area});
    }
  }
  if (tells(PlanAudience::kKeha) && !network.created_by.empty()) {
    out.push_back(Recipient{UserMailbox(network.created_by),
                            template_name,
                            {network.contact_email},
                            std::nullopt,
                            AreaCode()});
  }
  if (tells(PlanAudience::kPublic)) {
    for (Language language : {Language::kFi, Language::kSv, Language::kEn}) {
      out.push_back(Recipient{PublicMailbox(language), template_name, {}, language, AreaCode()});
    }
  }
  return out;
}

std::optional<Date> NotesDueOn(const std::optional<Date>& term_start,
                               const std::optional<Date>& term_end, uint32_t every_days,
                               const Date& today) {
  if (!term_start || every_days == 0) return std::nullopt;
  const int since = DaysBetween(*term_start, today);
  const int every = static_cast<int>(every_days);
  if (since < every) return std::nullopt;
  Date due = AddDays(*term_start, since / every * every);
  if (term_end && *term_end < due) return std::nullopt;
  return due;
}

}  // namespace verkosto::notifications
