#include "notifications/domain/policy.h"

#include <algorithm>
#include <set>

#include "core/date.h"
#include "core/email.h"
#include "core/text.h"
#include "notifications/domain/plan_policy.h"

namespace verkosto::notifications {

namespace {

bool IsCaseTopic(Topic topic) {
  switch (topic) {
    case Topic::kRequestSent:
    case Topic::kCaseRegistered:
    case Topic::kCaseApproved:
    case Topic::kCaseDeclined:
    case Topic::kCaseWithdrawn:
    case Topic::kCaseOverdue:
    case Topic::kReminderDue:
      return true;
    case Topic::kNetworkProposed:
    case Topic::kParticipationDecided:
    case Topic::kTermEnding:
    case Topic::kTermEnded:
    case Topic::kResignationRequested:
    case Topic::kMembershipEnded:
    case Topic::kNetworkOpened:
    case Topic::kNetworkChanged:
    case Topic::kNetworkCancelled:
    case Topic::kNetworkClosedEarly:
    case Topic::kCommentAdded:
    case Topic::kDeadlineExtended:  // its readers need not see the case: the network's link
    case Topic::kNotesDue:
    case Topic::kNetworkRenewed:
      return false;
  }
  return false;
}

// The persons ("email:" mailboxes) the plan may reach for `notice`: the
// active members of the notice's own network, and for the notes reminder the
// plan's responsible address.
std::set<std::string> PlanPersons(const Notice& notice) {
  std::set<std::string> out;
  if (!notice.network) return out;
  if (PlanEventOf(notice.topic)) {
    for (const MembershipInfo& m : notice.network_members) {
      if (IsPlanMember(notice, m)) out.insert(EmailMailbox(m.person.email));
    }
  }
  if (notice.topic == Topic::kNotesDue && !notice.network->responsible_email.empty()) {
    out.insert(EmailMailbox(notice.network->responsible_email));
  }
  return out;
}

// Collects recipients, merging the addresses of a mailbox named twice.
class RecipientList {
 public:
  void Add(std::string mailbox, std::string template_name, const std::vector<std::string>& emails,
           std::optional<Language> language, AreaCode area) {
    std::vector<std::string> clean;
    for (const std::string& e : emails) {
      if (IsValidEmail(e)) clean.push_back(text::AsciiLower(e));
    }
    for (Recipient& r : list_) {
      if (r.mailbox != mailbox) continue;
      for (std::string& e : clean) {
        if (std::find(r.emails.begin(), r.emails.end(), e) == r.emails.end()) {
          r.emails.push_back(std::move(e));
        }
      }
      return;
    }
    Recipient r{std::move(mailbox), std::move(template_name), {}, language, std::move(area)};
    for (std::string& e : clean) {
      if (std::find(r.emails.begin(), r.emails.end(), e) == r.emails.end()) {
        r.emails.push_back(std::move(e));
      }
    }
    list_.push_back(std::move(r));
  }
  std::vector<Recipient> Take() { return std::move(list_); }

 private:
  std::vector<Recipient> list_;
};

const AreaInfo* FindArea(const AreaMap& areas, const AreaCode& code) {
  const auto it = areas.find(code);
  return it == areas.end() ? nullptr : &it->second;
}

void AddRegistry(RecipientList& out, const AreaMap& areas, const AreaCode& area,
                 const std::string& template_name) {
  const AreaInfo* info = FindArea(areas, area);
  std::vector<std::string> emails;
  if (info != nullptr) emails.push_back(info->registry_email);
  out.Add(RegistryMailbox(area), template_name, emails, std::nullopt, area);
}

void AddLeadership(RecipientList& out, const AreaMap& areas, const AreaCode& area,
                   const std::string& template_name) {
  const AreaInfo* info = FindArea(areas, area);
  std::vector<std::string> emails;
  if (info != nullptr) emails = {info->director_email, info->deputy_email};
  out.Add(LeadershipMailbox(area), template_name, emails, std::nullopt, area);
}

void AddSender(RecipientList& out, const CaseInfo& c, const std::string& template_name) {
  // The coordinator's address is not in the event: inbox, or the address
  // they gave in their preferences.
  if (c.sender_user_id.empty()) return;
  out.Add(UserMailbox(c.sender_user_id), template_name, {}, std::nullopt, AreaCode());
}

void AddPerson(RecipientList& out, const Person& person, const AreaCode& area,
               const std::string& template_name) {
  if (!IsValidEmail(person.email)) return;  // unreachable without an address
  out.Add(EmailMailbox(person.email), template_name, {person.email}, person.language, area);
}

}  // namespace

std::string_view TopicName(Topic topic) {
  switch (topic) {
    case Topic::kRequestSent:
      return "request_sent";
    case Topic::kCaseRegistered:
      return "case_registered";
    case Topic::kCaseApproved:
      return "case_approved";
    case Topic::kCaseDeclined:
      return "case_declined";
    case Topic::kCaseWithdrawn:
      return "case_withdrawn";
    case Topic::kCaseOverdue:
      return "case_overdue";
    case Topic::kReminderDue:
      return "reminder_due";
    case Topic::kNetworkProposed:
      return "network_proposed";
    case Topic::kParticipationDecided:
      return "participation_decided";
    case Topic::kTermEnding:
      return "term_ending";
    case Topic::kTermEnded:
      return "term_ended";
    case Topic::kResignationRequested:
      return "resignation_requested";
    case Topic::kMembershipEnded:
      return "membership_ended";
    case Topic::kNetworkOpened:
      return "network_opened";
    case Topic::kNetworkChanged:
      return "network_changed";
    case Topic::kNetworkCancelled:
      return "network_cancelled";
    case Topic::kNetworkClosedEarly:
      return "network_closed_early";
    case Topic::kCommentAdded:
      return "comment_added";
    case Topic::kDeadlineExtended:
      return "deadline_extended";
    case Topic::kNotesDue:
      return "notes_due";
    case Topic::kNetworkRenewed:
      return "network_renewed";
  }
  return "unknown";
}

std::vector<Recipient> Recipients(const Notice& notice, const AreaMap& areas) {
  RecipientList out;
  const std::string name(TopicName(notice.topic));
  if (IsCaseTopic(notice.topic) && !notice.case_info) return {};
  // Whether the network's plan adds its audiences (a membership ended only
  // by a change the people made).
  bool plan_applies =
      PlanEventOf(notice.topic).has_value() && notice.topic != Topic::kMembershipEnded;
  switch (notice.topic) {
    case Topic::kRequestSent:
      AddRegistry(out, areas, notice.case_info->area, name);
      break;
    case Topic::kCaseRegistered:
      AddLeadership(out, areas, notice.case_info->area, name);
      break;
    case Topic::kCaseApproved: {
      const CaseInfo& c = *notice.case_info;
      AddSender(out, c, name);
      // Rule: a person hears of a network only through an approved nomination.
      if (c.approved) {
        for (const Person& p : c.nominees) AddPerson(out, p, c.area, "case_approved_nominee");
      }
      break;
    }
    case Topic::kCaseDeclined:
    case Topic::kCaseWithdrawn:
      AddSender(out, *notice.case_info, name);
      break;
    case Topic::kCaseOverdue:
      // The area's own people too: the step is theirs to finish.
      AddSender(out, *notice.case_info, name);
      AddLeadership(out, areas, notice.case_info->area, "case_overdue_area");
      AddRegistry(out, areas, notice.case_info->area, "case_overdue_area");
      break;
    case Topic::kReminderDue: {
      const AreaCode& area = notice.case_info->area;
      switch (notice.reminder_step) {
        case ReminderStep::kRegistration:
          AddRegistry(out, areas, area, "reminder_registration");
          if (notice.escalated) AddLeadership(out, areas, area, "registration_escalated");
          break;
        case ReminderStep::kDecision:
          AddLeadership(out, areas, area, "reminder_decision");
          break;
        case ReminderStep::kUnspecified:  // an event from before reminders had steps
          AddLeadership(out, areas, area, name);
          AddRegistry(out, areas, area, name);
          break;
      }
      break;
    }
    case Topic::kNetworkProposed:
      for (const auto& [code, area] : areas) AddLeadership(out, areas, code, name);
      break;
    case Topic::kParticipationDecided:
      if (notice.network && !notice.network->created_by.empty()) {
        out.Add(UserMailbox(notice.network->created_by), name, {notice.network->contact_email},
                std::nullopt, AreaCode());
      }
      break;
    case Topic::kTermEnding:
    case Topic::kTermEnded: {
      std::set<AreaCode> member_areas;
      for (const MembershipInfo& m : notice.members) {
        AddPerson(out, m.person, m.area, name + "_member");
        member_areas.insert(m.area);
      }
      for (const AreaCode& area : member_areas) AddLeadership(out, areas, area, name);
      break;
    }
    case Topic::kResignationRequested:
      // Rule 3: the member's own area's leadership records it.
      for (const MembershipInfo& m : notice.members) {
        AddLeadership(out, areas, m.area, name);
        AddPerson(out, m.person, m.area, name + "_member");
      }
      break;
    case Topic::kMembershipEnded:
      // Changes the people made: the end of a term or of the network has its
      // own notice (kTermEnded) and the network's closing is KEHA's own act.
      for (const MembershipInfo& m : notice.members) {
        if (m.end_reason != EndReason::kReplaced && m.end_reason != EndReason::kRecalled &&
            m.end_reason != EndReason::kNotRenewed && m.end_reason != EndReason::kResigned) {
          continue;
        }
        plan_applies = true;
        AddPerson(out, m.person, m.area, name + "_member");
        AddLeadership(out, areas, m.area, name);
        if (notice.network && !notice.network->created_by.empty()) {
          out.Add(UserMailbox(notice.network->created_by), name, {notice.network->contact_email},
                  std::nullopt, AreaCode());
        }
      }
      break;
    case Topic::kNetworkOpened:
    case Topic::kNetworkChanged:
    case Topic::kNetworkCancelled:
    case Topic::kNetworkClosedEarly:
    case Topic::kCommentAdded:
    case Topic::kDeadlineExtended:
    case Topic::kNetworkRenewed:
      break;  // the plan's audiences only (below)
    case Topic::kNotesDue:
      // The plan's responsible person, and the KEHA coordinator who created
      // the network, whatever the audiences.
      if (notice.network) {
        const NetworkInfo& n = *notice.network;
        if (IsValidEmail(n.responsible_email)) {
          out.Add(EmailMailbox(n.responsible_email), name, {n.responsible_email}, std::nullopt,
                  AreaCode());
        }
        if (!n.created_by.empty()) {
          out.Add(UserMailbox(n.created_by), name, {n.contact_email}, std::nullopt, AreaCode());
        }
      }
      break;
  }
  if (plan_applies) {
    for (Recipient& r : PlanRecipients(notice, areas, name)) {
      out.Add(std::move(r.mailbox), std::move(r.template_name), r.emails, r.language,
              std::move(r.area));
    }
  }
  std::vector<Recipient> result = out.Take();
  // The rule once more, as a guard over the whole policy: persons only for
  // an approved case or their own membership.
  const bool persons_allowed =
      (notice.topic == Topic::kCaseApproved && notice.case_info && notice.case_info->approved) ||
      notice.topic == Topic::kTermEnding || notice.topic == Topic::kTermEnded ||
      notice.topic == Topic::kResignationRequested || notice.topic == Topic::kMembershipEnded;
  if (!persons_allowed) {
    const std::set<std::string> plan_persons = PlanPersons(notice);
    std::erase_if(result, [&plan_persons](const Recipient& r) {
      return IsPersonMailbox(r.mailbox) && !plan_persons.contains(r.mailbox);
    });
  }
  return result;
}

Language ResolveLanguage(const std::optional<Language>& preference, const Recipient& recipient,
                         const AreaMap& areas) {
  if (preference) return *preference;
  if (recipient.language) return *recipient.language;
  if (const AreaInfo* area = FindArea(areas, recipient.area)) return area->language();
  return Language::kFi;
}

std::string FormatDate(const std::string& iso_date, Language language) {
  const std::optional<Date> date = ParseIsoDate(iso_date);
  if (!date) return iso_date;
  const unsigned day = static_cast<unsigned>(date->day());
  const unsigned month = static_cast<unsigned>(date->month());
  const int year = static_cast<int>(date->year());
  if (language == Language::kEn) {
    static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
    return std::to_string(day) + " " + kMonths[month - 1] + " " + std::to_string(year);
  }
  return std::to_string(day) + "." + std::to_string(month) + "." + std::to_string(year);
}

std::string LinkOf(const Notice& notice) {
  if (notice.topic == Topic::kResignationRequested) return "/director/resignations";
  if (IsCaseTopic(notice.topic) && notice.case_info && !notice.case_info->case_id.empty()) {
    return "/cases/" + notice.case_info->case_id;
  }
  if (notice.network && !notice.network->code.empty()) return "/networks/" + notice.network->code;
  if (notice.case_info && !notice.case_info->network_code.empty()) {
    return "/networks/" + notice.case_info->network_code;
  }
  return {};
}

View BuildView(const Notice& notice, const Recipient& recipient, Language language,
               const AreaMap& areas, const std::string& link_base) {
  View v;
  auto& val = v.values;
  const std::string network_code = notice.network     ? notice.network->code
                                   : notice.case_info ? notice.case_info->network_code
                                                      : std::string();
  val["network_code"] = network_code;
  val["network_name"] = notice.network ? notice.network->Name(language) : network_code;
  AreaCode area_code = notice.case_info ? notice.case_info->area : notice.area;
  if (area_code.empty()) area_code = recipient.area;
  val["area_code"] = area_code.value();
  if (const AreaInfo* area = FindArea(areas, area_code)) {
    val["area_name"] =
        language == Language::kSv && !area->name_sv.empty() ? area->name_sv : area->name_fi;
  } else {
    val["area_name"] = area_code.value();
  }
  val["actor_name"] = notice.actor_name;
  val["link"] = link_base + LinkOf(notice);
  // A person (the nominee, the member) cannot open the case; their own
  // memberships page is where the message leads (issue 18: the nominee's
  // approval message linked to the case page, a 404 for them).
  if ((notice.topic == Topic::kResignationRequested || notice.topic == Topic::kMembershipEnded ||
       notice.topic == Topic::kCaseApproved) &&
      IsPersonMailbox(recipient.mailbox)) {
    val["link"] = link_base + "/me/memberships";  // the member's own page
  }
  if (notice.topic == Topic::kMembershipEnded && !notice.members.empty()) {
    const std::optional<EndReason>& why = notice.members.front().end_reason;
    v.flags["ended_replaced"] = why == EndReason::kReplaced;
    v.flags["ended_recalled"] = why == EndReason::kRecalled;
    v.flags["ended_not_renewed"] = why == EndReason::kNotRenewed;
    v.flags["ended_resigned"] = why == EndReason::kResigned;
    val["ended"] = FormatDate(notice.members.front().ended, language);
    val["person_name"] = notice.members.front().person.name;
  }
  val["disclaimer"] = notice.network ? notice.network->Disclaimer(language) : std::string();
  v.flags["has_disclaimer"] = !val["disclaimer"].empty();
  val["working_days_left"] = std::to_string(notice.working_days_left);
  val["days_left"] = std::to_string(notice.days_left);
  val["reason"] = notice.reason;
  v.flags["takes_part"] = notice.takes_part;
  v.flags["has_link"] = !val["link"].empty();
  if (notice.case_info) {
    const CaseInfo& c = *notice.case_info;
    val["case_id"] = c.case_id;
    val["deadline"] = FormatDate(c.deadline, language);
    val["sender_name"] = c.sender_name.empty() ? c.sender_user_id : c.sender_name;
    val["diary_number"] = c.diary_number;
    val["decided_by"] = c.decided_by_name;
    val["reason"] = c.reason.empty() ? notice.reason : c.reason;
    v.flags["replacement"] = c.replacement;
    v.flags["ask_woman_and_man"] = c.ask_woman_and_man;  // issue 19: equality
    v.flags["confirmation"] = c.confirmation;            // a renewal's confirmation request
    val["next_term_start"] = FormatDate(c.next_term_start, language);
    v.lists["sitting"] = c.sitting;
    val["sitting_joined"] = text::Join(c.sitting, ", ");
    v.flags["has_diary_number"] = !c.diary_number.empty();
    v.flags["awaiting_registration"] = c.awaiting_registration;
    std::vector<std::string> nominees;
    for (const Person& p : c.nominees) nominees.push_back(p.name);
    v.lists["nominees"] = nominees;
    val["nominees_joined"] = text::Join(nominees, ", ");
  }
  v.flags["has_reason"] = !val["reason"].empty();
  if (notice.topic == Topic::kNetworkRenewed) {
    val["next_term_start"] = FormatDate(notice.next_term_start, language);
    val["next_term_end"] = FormatDate(notice.next_term_end, language);
  }
  if (notice.network) {
    const NetworkInfo& n = *notice.network;
    v.lists["goals"] = n.goals;
    v.flags["has_goals"] = !n.goals.empty();
    val["term_start"] = FormatDate(n.term_start, language);
    val["term_end"] = FormatDate(n.term_end, language);
    v.flags["has_term"] = !n.term_start.empty() || !n.term_end.empty();
    val["audiences"] = text::Join(n.audiences, ", ");
    val["channels"] = text::Join(n.channels, ", ");
    val["cadence"] = n.cadence;
    val["responsible"] = n.responsible;
    v.flags["has_plan"] =
        !n.audiences.empty() || !n.channels.empty() || !n.cadence.empty() || !n.responsible.empty();
    val["contact_name"] = n.contact_name;
    val["contact_email"] = n.contact_email;
  }
  // The plan's topics: what changed, the new deadline, the comment, the due date.
  val["changed_fields_joined"] = text::Join(notice.changed_fields, ", ");
  v.flags["has_changed_fields"] = !notice.changed_fields.empty();
  val["previous_deadline"] = FormatDate(notice.previous_deadline, language);
  v.flags["has_previous_deadline"] = !notice.previous_deadline.empty();
  val["due_date"] = FormatDate(notice.due_date, language);
  v.flags["has_actor_name"] = !notice.actor_name.empty();
  if (notice.network) {
    val["notes_every_days"] = std::to_string(notice.network->notes_every_days);
  }
  // The person's own name for messages to a member or nominee.
  for (const MembershipInfo& m : notice.members) {
    if (EmailMailbox(m.person.email) == recipient.mailbox) val["person_name"] = m.person.name;
  }
  if (notice.case_info) {
    for (const Person& p : notice.case_info->nominees) {
      if (EmailMailbox(p.email) == recipient.mailbox) {
        val["person_name"] = p.name;
        v.flags["deputy_seat"] = p.deputy;
      }
    }
  }
  return v;
}

}  // namespace verkosto::notifications
