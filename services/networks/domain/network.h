#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "core/strong_id.h"
#include "networks/domain/communication_plan.h"
#include "networks/domain/types.h"

namespace verkosto::networks {

// Network definitions and their lifecycle (rule 2 of the C6 statement: a
// network needs clear goals, a fixed term and a communication plan).
//
//   draft ──propose──▶ proposed ──open──▶ open ──close / term end──▶ closed
//     │                   │
//     └──────cancel───────┴──▶ cancelled
//
// A network is opened only from `proposed`, so every area has seen the
// proposal and could comment on it first (rule 7). Every function below is
// pure: it takes the current state, the command, the actor and the time, and
// returns the new state and the events to publish. The checks run in this
// order, and the first failing one decides the error:
//   1. PermissionDenied    the actor's role may not do this (permissions.h);
//   2. FailedPrecondition  the network's status does not allow it;
//   3. InvalidArgument     the input or the definition is wrong; `field` names it.
// Code uniqueness (AlreadyExists) and NotFound belong to the repository.

struct NetworkCodeTag {};
// A network's code, a slug such as "opastajaverkosto"; its identity.
using NetworkCode = StrongId<NetworkCodeTag>;

enum class NetworkKind {
  kUnspecified = 0,
  kNetwork = 1,        // verkosto
  kSubCommittee = 2,   // jaosto
  kWorkingGroup = 3,   // työryhmä
  kAdvisoryBoard = 4,  // neuvottelukunta
};
// "network", "sub_committee", "working_group", "advisory_board"; "unspecified".
std::string_view NetworkKindName(NetworkKind kind);

enum class NetworkStatus {
  kUnspecified = 0,
  kDraft = 1,
  kProposed = 2,
  kOpen = 3,
  kClosed = 4,
  kCancelled = 5,
};
// "draft", "proposed", "open", "closed", "cancelled"; "unspecified".
std::string_view NetworkStatusName(NetworkStatus status);

// The term (toimikausi). Both dates are inclusive: the network is active on
// end_date and closes when Helsinki's date is past it.
struct Term {
  std::optional<Date> start_date;
  std::optional<Date> end_date;

  friend bool operator==(const Term&, const Term&) = default;
};

// The communication plan (CommunicationPlan) is in communication_plan.h.

// How often the network meets; feeds the burden figure.
struct MeetingCadence {
  uint32_t meetings_per_year = 0;         // at most 365
  uint32_t hours_per_meeting_tenths = 0;  // tenths of an hour: 15 = 1.5 h; at most 240

  friend bool operator==(const MeetingCadence&, const MeetingCadence&) = default;
};

// Seats each taking-part area fills.
struct Seats {
  uint32_t members = 0;   // at most 20
  uint32_t deputies = 0;  // at most 20

  uint32_t total() const { return members + deputies; }
  friend bool operator==(const Seats&, const Seats&) = default;
};

// What KEHA defines and edits.
struct NetworkDefinition {
  NetworkCode code;
  LocalizedText names;  // fi required; sv required to propose or open; en optional
  NetworkKind kind = NetworkKind::kUnspecified;
  std::string owner;  // the owner organisation, e.g. "KEHA-keskus"
  Contact responsible;
  std::vector<std::string> goals;
  Term term;
  CommunicationPlan communication_plan;
  MeetingCadence cadence;
  Seats seats_per_area;
  bool statutory = false;  // set up by law or decree (e.g. the advisory board)
  std::string description;

  friend bool operator==(const NetworkDefinition&, const NetworkDefinition&) = default;
};

// A network: its definition and lifecycle state.
struct Network {
  NetworkDefinition definition;
  NetworkStatus status = NetworkStatus::kUnspecified;
  uint32_t version = 0;    // 1 at creation, +1 on every change
  std::string end_reason;  // why it was closed early or cancelled
  bool closed_by_term_end = false;
  TimePoint created_at{};
  TimePoint updated_at{};
  // A renewal KEHA decided (renewal.h): the reviewed definition of the next
  // term, which replaces `definition` when the current term ends.
  std::optional<NetworkDefinition> next_term{};
  // Issue 19 (gender_exception.h): KEHA's reasons for departing from the
  // Equality Act 4 a § balance; audit.reason is the reason.
  std::optional<Audit> gender_exception{};

  const NetworkCode& code() const { return definition.code; }
  friend bool operator==(const Network&, const Network&) = default;
};

// Who changed a network, when, why and what (the version history).
struct NetworkVersion {
  uint32_t version = 0;
  Audit audit;                              // audit.reason is the why
  std::vector<std::string> changed_fields;  // e.g. "goals", "term.end_date"

  friend bool operator==(const NetworkVersion&, const NetworkVersion&) = default;
};

// Events, past tense. Each carries the network as it is after the change.
struct NetworkCreated {
  Network network;
  Audit audit;
};
struct NetworkProposed {
  Network network;
  Audit audit;
};
struct NetworkOpened {
  Network network;
  Audit audit;
};
struct NetworkChanged {
  Network network;
  NetworkVersion version;  // version.audit is the event's audit
};
struct NetworkClosed {
  Network network;
  Audit audit;  // the system actor and no reason when by_term_end
  bool by_term_end = false;
};
struct NetworkCancelled {
  Network network;
  Audit audit;
};
// Renewed for a new term (renewal.h): network.next_term is the reviewed
// definition; version.audit is the event's audit.
struct NetworkRenewed {
  Network network;
  NetworkVersion version;
};
// The old term ended and the renewed one started (renewal.h): the network
// with its new definition, and the term that ended.
struct NetworkTermStarted {
  Network network;
  Term previous_term;
  NetworkVersion version;  // version.audit: the system actor
};
// KEHA recorded why the body departs from the Equality Act 4 a § balance
// (gender_exception.h); version.audit.reason is the reason.
struct GenderBalanceExceptionRecorded {
  Network network;
  NetworkVersion version;
};
using NetworkEvent = std::variant<NetworkCreated, NetworkProposed, NetworkOpened, NetworkChanged,
                                  NetworkClosed, NetworkCancelled, NetworkRenewed,
                                  NetworkTermStarted, GenderBalanceExceptionRecorded>;

// The outcome of a command: the new state and the events to publish with it.
struct NetworkUpdate {
  Network network;
  std::vector<NetworkEvent> events;
};

// Checks a definition's values (not its completeness): InvalidArgument, for
// the first problem, naming the field:
//   "code"                   not a slug (2–64 of a-z, 0-9, single hyphens);
//   "names.fi"               empty;  "names.*" longer than 200 characters;
//   "kind"                   unspecified;
//   "owner"                  empty;
//   "responsible.email"      given but not an address (IsValidEmail);
//   "goals[i]"               an empty goal (i from 0);
//   "term.end_date"          both dates given and end not after start;
//   "communication_plan.audiences[i]" / ".channels[i]"  an empty entry;
//   "communication_plan.targets[i].*", ".responsible_email", ".notes_every_days"
//                            as ValidatePlanTargets (communication_plan.h);
//   "cadence.meetings_per_year" over 365; "cadence.hours_per_meeting_tenths" over 240;
//   "seats_per_area.members" / ".deputies"  over 20.
Status ValidateDefinition(const NetworkDefinition& definition);

// Checks that a definition may be proposed or opened (rule 2). Lists EVERY
// missing field: InvalidArgument whose message names each one and whose
// `field` is all of them joined by "," in this order: "names.sv", "goals",
// "term.start_date", "term.end_date", "communication_plan.audiences",
// "communication_plan.channels", "communication_plan.cadence",
// "communication_plan.responsible". An end date not after the start date
// counts as a problem of "term.end_date".
Status CheckReadyToPublish(const NetworkDefinition& definition);

// Creates a draft (version 1). Errors: PermissionDenied (not a KEHA
// coordinator); InvalidArgument as ValidateDefinition. Event: NetworkCreated.
Result<NetworkUpdate> CreateNetwork(const NetworkDefinition& definition, const Actor& actor,
                                    TimePoint now);

// Replaces the definition of a draft, proposed or open network. An unchanged
// definition is accepted and yields no event. Otherwise the version goes up by
// one and NetworkChanged lists the changed fields. Errors:
//   PermissionDenied    not a KEHA coordinator;
//   FailedPrecondition  closed or cancelled;
//   InvalidArgument     "code" differs (a code never changes); "reason" empty
//                       while the network is open; ValidateDefinition; for a
//                       proposed or open network also CheckReadyToPublish
//                       (a published network stays complete).
Result<NetworkUpdate> EditNetwork(const Network& network, const NetworkDefinition& definition,
                                  std::string_view reason, const Actor& actor, TimePoint now);

// draft -> proposed; visible to every area. Errors: PermissionDenied;
// FailedPrecondition unless draft; InvalidArgument as CheckReadyToPublish.
// Event: NetworkProposed.
Result<NetworkUpdate> ProposeNetwork(const Network& network, const Actor& actor, TimePoint now);

// proposed -> open; accepting nominations. Errors: PermissionDenied;
// FailedPrecondition unless proposed, or when the term's end date is already
// past on Helsinki's date of `now`; InvalidArgument as CheckReadyToPublish.
// Event: NetworkOpened.
Result<NetworkUpdate> OpenNetwork(const Network& network, const Actor& actor, TimePoint now);

// open -> closed before the term ends. Errors: PermissionDenied;
// FailedPrecondition unless open; InvalidArgument ("reason") without a reason.
// Event: NetworkClosed with by_term_end false.
Result<NetworkUpdate> CloseNetwork(const Network& network, std::string_view reason,
                                   const Actor& actor, TimePoint now);

// draft or proposed -> cancelled. Errors: PermissionDenied;
// FailedPrecondition unless draft or proposed (an open network is closed, not
// cancelled); InvalidArgument ("reason") without a reason.
// Event: NetworkCancelled.
Result<NetworkUpdate> CancelNetwork(const Network& network, std::string_view reason,
                                    const Actor& actor, TimePoint now);

// Rule 2, "when its term ends, its memberships end": an open network whose
// term end date is before Helsinki's date of `now` is closed by the system
// (NetworkClosed with by_term_end true). Any other network is left alone:
// nullopt. A network with a pending renewal does not close: it rolls to the
// next term (StartNextTerm, renewal.h). Run it at start-up and periodically;
// it never fails.
std::optional<NetworkUpdate> CloseIfTermEnded(const Network& network, TimePoint now);

// CloseIfTermEnded over a set: the updates of the networks that closed, in
// input order.
std::vector<NetworkUpdate> CloseExpired(const std::vector<Network>& networks, TimePoint now);

// The fields that differ between two definitions ("names.fi", "goals",
// "term.end_date", "communication_plan", "cadence", "seats_per_area", ...).
std::vector<std::string> ChangedFields(const NetworkDefinition& before,
                                       const NetworkDefinition& after);

}  // namespace verkosto::networks
