#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/language.h"
#include "notifications/domain/plan.h"

namespace verkosto::notifications {

// Mailboxes: where messages are addressed (accounts live in the gateway).
//   user:<user_id>  email:<lower-cased address>  registry:<area>  leadership:<area>
std::string UserMailbox(std::string_view user_id);
std::string EmailMailbox(std::string_view address);
std::string RegistryMailbox(const AreaCode& area);
std::string LeadershipMailbox(const AreaCode& area);
// True for an "email:" mailbox: a person known only by their nomination.
bool IsPersonMailbox(std::string_view mailbox);
// The public catalogue's mailbox in `language` ("public:fi", "public:sv",
// "public:en"): announcements on the network's public page, no e-mail.
std::string PublicMailbox(Language language);
bool IsPublicMailbox(std::string_view mailbox);

// The mailboxes whose messages `actor` may read, derived from the actor only:
// user:<user_id>; email:<email> when set; registry:<area> for a registry
// clerk; leadership:<area> for a director or deputy. Empty for an actor
// without a user id.
std::vector<std::string> MailboxesOf(const Actor& actor);

// KEHA coordinators, admins and system actors see every delivery.
bool SeesAllDeliveries(const Actor& actor);

// --- The event-fed copy of what notifications needs from other services ---

// An employment area with its contacts (from AreaDirectoryChanged).
struct AreaInfo {
  AreaCode code;
  std::string name_fi;
  std::string name_sv;
  std::vector<std::string> languages;  // official languages, the main one first
  std::string registry_email;
  std::string director_email;
  std::string deputy_email;

  // The area's language for messages: the first official language that is
  // Swedish or Finnish; Finnish when none is listed.
  Language language() const;
  friend bool operator==(const AreaInfo&, const AreaInfo&) = default;
};

// Areas by code.
using AreaMap = std::map<AreaCode, AreaInfo>;

// A network as messages describe it (from the networks events).
struct NetworkInfo {
  std::string code;
  std::string status;  // draft, proposed, open, closed, cancelled
  std::string name_fi;
  std::string name_sv;
  std::string name_en;
  std::vector<std::string> goals;
  std::string term_start;              // YYYY-MM-DD, may be empty
  std::string term_end;                // YYYY-MM-DD, may be empty
  std::vector<std::string> audiences;  // communication plan
  std::vector<std::string> channels;
  std::string cadence;
  std::string responsible;
  std::string contact_name;   // the network's responsible contact
  std::string contact_email;  // may be empty
  std::string created_by;     // user id of the KEHA coordinator who created it
  // Rule 6 (networks do not speak for the areas) in fi/sv/en, as the networks
  // events carry it (Network.disclaimer): the networks service words it.
  std::string disclaimer_fi;
  std::string disclaimer_sv;
  std::string disclaimer_en;
  // The communication plan as it acts (Network.effective_targets etc.):
  // empty targets = not known (an event from before plans), nobody by plan.
  std::vector<PlanTargetInfo> targets;
  uint32_t notes_every_days = 0;  // 0 = no notes reminder
  std::string responsible_email;  // the notes reminder's address; may be empty

  // The name in `language`, falling back to Finnish.
  const std::string& Name(Language language) const;
  // The rule-6 note in `language`, falling back to Finnish.
  const std::string& Disclaimer(Language language) const;
  friend bool operator==(const NetworkInfo&, const NetworkInfo&) = default;
};

// A person named in a decision.
struct Person {
  std::string name;
  std::string email;                 // work e-mail; may be empty
  std::optional<Language> language;  // nullopt = the area's language
  bool deputy = false;               // deputy seat
  friend bool operator==(const Person&, const Person&) = default;
};

// A nomination case (from the nominations events).
struct CaseInfo {
  std::string case_id;
  std::string network_code;
  AreaCode area;
  bool approved = false;  // state is approved
  bool replacement = false;
  // KEHA asked for a woman and a man for each seat (Equality Act 4 a §).
  bool ask_woman_and_man = false;
  // The state is awaiting registration (not registered yet).
  bool awaiting_registration = false;
  std::string deadline;  // YYYY-MM-DD
  std::string sender_user_id;
  std::string sender_name;
  std::string diary_number;  // the area's, once registered
  std::string decided_by_name;
  std::string on_behalf_of;
  std::string reason;  // decline or withdraw reason
  std::vector<Person> nominees;
  // A confirmation request for a renewed network (nominations'
  // CASE_KIND_CONFIRMATION): the new term's start and the sitting members' names.
  bool confirmation = false;
  std::string next_term_start{};  // YYYY-MM-DD
  std::vector<std::string> sitting{};
};

// The step of the chain a reminder is about (nominations' ReminderDue.step):
// registration (the registry's), or the decision (the leadership's);
// kUnspecified for an event written before reminders had steps.
enum class ReminderStep { kUnspecified, kRegistration, kDecision };

// Why a membership ended (nominations' Membership.end_reason).
enum class EndReason { kTermEnded, kNetworkClosed, kReplaced, kResigned, kRecalled, kNotRenewed };

// A membership (from MembershipStarted / MembershipEnded).
struct MembershipInfo {
  std::string membership_id;
  std::string network_code;
  AreaCode area;
  Person person;
  std::string started;                  // YYYY-MM-DD
  std::string ended;                    // empty while active
  std::optional<EndReason> end_reason;  // nullopt while active
  friend bool operator==(const MembershipInfo&, const MembershipInfo&) = default;
};

}  // namespace verkosto::notifications
