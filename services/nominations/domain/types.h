#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/language.h"
#include "core/strong_id.h"

namespace verkosto::nominations {

// The value types of the nominations domain. Plain data: every field is
// public, copyable and comparable, so storage and handlers can map them
// field by field. The one exception is Membership (membership.h), which only
// an approval can create.

struct NetworkCodeTag {};
struct RequestIdTag {};
struct CaseIdTag {};
struct MembershipIdTag {};
// A network's code as the networks service names it, e.g. "c6-tyollisyys".
using NetworkCode = StrongId<NetworkCodeTag>;
// One send (or log) of a nomination request; chosen by the caller, unique.
using RequestId = StrongId<RequestIdTag>;
// One area's part of a request: "<request id>/<area code>" (see workflow.h).
using CaseId = StrongId<CaseIdTag>;
// "<case id>/<n>", n = 1.. the nominee's position in the approval.
using MembershipId = StrongId<MembershipIdTag>;
struct ResignationRequestIdTag {};
// A member's request to resign: "rr-<12 hex>", chosen by the caller.
using ResignationRequestId = StrongId<ResignationRequestIdTag>;

// ---------------------------------------------------------------------------
// The read model of the networks service (fed by its events)
// ---------------------------------------------------------------------------

// Mirrors verkosto.networks.v1.NetworkStatus.
enum class NetworkStatus { kDraft, kProposed, kOpen, kClosed, kCancelled };

// An area's current participation decision for one network (rule 5).
enum class Participation { kUndecided, kTakesPart, kDeclines };

// What the nominations service knows about one network. `areas` holds every
// area of the directory (all 45), each with its current participation
// decision for this network; an area missing from it does not exist.
struct NetworkView {
  NetworkCode code;
  NetworkStatus status = NetworkStatus::kDraft;
  Date term_start{};
  Date term_end{};
  std::map<AreaCode, Participation> areas;
  // A pending renewal's next term (networks' Network.next_term); unset when
  // none is pending.
  std::optional<Date> next_term_start{};
  std::optional<Date> next_term_end{};

  friend bool operator==(const NetworkView&, const NetworkView&) = default;
};

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

// Mirrors verkosto.nominations.v1.CaseState.
enum class CaseState {
  kAwaitingRegistration,  // sent by KEHA, not yet registered by the area (rule 4)
  kRegistered,            // registered; the leadership decides next
  kApproved,              // nominees named; memberships exist
  kDeclined,              // declined with a reason
  kWithdrawn,             // withdrawn by KEHA before a decision
};

// How a request reached the area.
enum class Channel { kSystem, kEmail, kLetter, kOther };

// What a case asks for.
enum class CaseKind {
  kNomination,   // name members and/or deputies to a network
  kReplacement,  // name a successor for Case::replaced_membership
  // confirm, replace or end each sitting member of a renewed network for its
  // new term (confirmation.h); Case::sitting lists them
  kConfirmation,
};

enum class SeatKind { kMember, kDeputy };

// A nominee's gender as the Equality Act 4 a § counts it (gender_balance.h):
// optional; not stated is the default and always allowed. No "other": the
// quota counts women and men only.
enum class Gender { kNotStated, kWoman, kMan };

// Why a membership ended.
enum class EndReason {
  kTermEnded,
  kNetworkClosed,
  kReplaced,
  kResigned,
  kRecalled,  // the area's leadership recalled its member (member_changes.h)
  // The network was renewed and the membership not carried into the new term
  // (ended in a confirmation answer, or not confirmed; confirmation.h).
  kNotRenewed,
};

// "awaiting_registration", "email", "nomination", "member", "term_ended", ...
// (the wire/CLI spelling).
std::string_view CaseStateName(CaseState state);
std::string_view ChannelName(Channel channel);
std::string_view CaseKindName(CaseKind kind);
std::string_view SeatKindName(SeatKind seat);
std::string_view EndReasonName(EndReason reason);
// "not_stated", "woman", "man".
std::string_view GenderName(Gender gender);
// The inverse of GenderName; "" is not stated too. nullopt for anything else.
std::optional<Gender> GenderFromName(std::string_view name);

// Seats a request asks for; at least one in total.
struct Seats {
  uint32_t members = 0;
  uint32_t deputies = 0;

  friend bool operator==(const Seats&, const Seats&) = default;
};

// A person the area's leadership names.
struct Nominee {
  std::string name;
  std::string title;
  std::string email;  // work e-mail
  std::string municipality;
  SeatKind seat = SeatKind::kMember;
  // The language of messages to the nominee; nullopt = the area's language.
  std::optional<Language> language{};
  // Equality Act 4 a § (gender_balance.h): seen only by KEHA and the area's
  // leadership (visibility.h, MaySeeGender).
  Gender gender{Gender::kNotStated};

  friend bool operator==(const Nominee&, const Nominee&) = default;
};

// Who did something, on whose behalf, when: the "who" half of the audit.
struct Stamp {
  std::string user_id;
  std::string name;
  Role role = Role::kUnspecified;
  std::string on_behalf_of;  // a deputy's director; empty otherwise
  TimePoint at{};
  // The authenticated program that carried the request (Actor::principal):
  // "gateway" for people, "operator", or the service itself; '' when stored
  // before principals were recorded.
  std::string principal{};
  // The director's display name when known (Actor::on_behalf_of_name;
  // schema/0021 keeps it for the decision); letters name the principal by it.
  std::string on_behalf_of_name{};

  friend bool operator==(const Stamp&, const Stamp&) = default;
};

// The stamp of `actor` acting at `at`.
Stamp MakeStamp(const Actor& actor, TimePoint at);

// A member's own correction of their contact data (self_service.h): the
// title, e-mail and language now in force, and who corrected them when.
struct ContactCorrection {
  std::string title;
  std::string email;
  std::optional<Language> language;
  Stamp corrected;

  friend bool operator==(const ContactCorrection&, const ContactCorrection&) = default;
};

enum class ResignationRequestState { kPending, kRecorded };
// "pending", "recorded".
std::string_view ResignationRequestStateName(ResignationRequestState state);

// A member's request to resign (self_service.h). It ends nothing by itself:
// the area's leadership records the resignation (rule 3), which closes it.
struct ResignationRequest {
  ResignationRequestId id;
  MembershipId membership;
  NetworkCode network;
  AreaCode area;
  std::string reason;
  Stamp requested;
  ResignationRequestState state = ResignationRequestState::kPending;
  std::optional<Stamp> closed{};  // who recorded the resignation

  friend bool operator==(const ResignationRequest&, const ResignationRequest&) = default;
};

// The registry's record of a case (rule 4).
struct Registration {
  std::string diary_number;  // the area's own, opaque, unique within the area
  std::string organisation;  // whose case-management system issued it
  Date date_received{};
  Stamp registered;
  Channel channel = Channel::kSystem;
  std::string sender;   // logged cases only
  std::string subject;  // logged cases only

  friend bool operator==(const Registration&, const Registration&) = default;
};

// The leadership's answer for one sitting member in a confirmation case
// (confirmation.h).
enum class ConfirmationChoice {
  kConfirm,  // continues into the new term
  kReplace,  // ends with the old term; a successor starts the new one
  kEnd,      // ends with the old term; nobody succeeds
};
// "confirm", "replace", "end".
std::string_view ConfirmationChoiceName(ConfirmationChoice choice);

struct ConfirmationAnswer {
  MembershipId membership;  // a sitting member of the case
  ConfirmationChoice choice = ConfirmationChoice::kConfirm;
  std::string reason;      // required to end; optional otherwise
  MembershipId successor;  // kReplace: the membership the decision started

  friend bool operator==(const ConfirmationAnswer&, const ConfirmationAnswer&) = default;
};

// The leadership's decision (rule 3).
struct Decision {
  bool approved = false;
  std::string reason;                     // required when declining
  std::vector<Nominee> nominees;          // approvals only
  std::vector<MembershipId> memberships;  // started by the approval, in nominee order
  Stamp decided;  // user_id = who decided; on_behalf_of = the director a deputy acted for
  // How the decision reached verkosto: kSystem when the leadership decided
  // in verkosto; kLetter or kEmail when KEHA recorded the area's answer on
  // paper (RecordPaperAnswer, member_changes.h). `decided` is then KEHA's
  // recorder, and the two fields below say who decided at the area, when.
  Channel channel{Channel::kSystem};
  std::optional<Date> decision_date{};  // paper answers: the area's decision date
  std::string decided_at_area{};        // paper answers: "name, title" as the letter says
  // Confirmation cases: one answer per sitting member, in Case::sitting's
  // order; `nominees` are the successors of the kReplace answers, in order.
  std::vector<ConfirmationAnswer> answers{};

  bool from_paper() const { return channel != Channel::kSystem; }

  friend bool operator==(const Decision&, const Decision&) = default;
};

// One area's case. Cases are plain state; the functions of workflow.h are
// the only ones that should move them between states.
struct Case {
  CaseId id;
  RequestId request_id;
  NetworkCode network;
  AreaCode area;
  CaseKind kind = CaseKind::kNomination;
  CaseState state = CaseState::kAwaitingRegistration;
  Seats seats;
  // Absent only for a logged case whose letter named no deadline.
  std::optional<Date> deadline;
  // Fewer than 10 working days between `opened` and the deadline.
  bool short_deadline = false;
  // The deadline passed while undecided (still decidable).
  bool overdue = false;
  std::string covering_message;
  std::string keha_diary_number;  // opaque, optional
  // The day the case came to be: the sending day, or for a logged case the
  // day the letter was received. Reminders never fire on or before it.
  Date opened{};
  // The KEHA coordinator who sent it; absent for a logged case.
  std::optional<Stamp> sent;
  std::optional<Registration> registration;
  std::optional<Decision> decision;
  std::optional<Stamp> withdrawn;
  std::string withdraw_reason;
  // Replacement cases: the membership the successor replaces.
  MembershipId replaced_membership;
  // A replacement the area's leadership started and decided itself
  // (ReplaceMember, member_changes.h), not one KEHA asked for.
  bool started_by_area = false;
  // Which reminders already fired (7 and 2 working days before the deadline).
  bool reminder_7_fired = false;
  bool reminder_2_fired = false;
  // Confirmation cases (confirmation.h): the renewed term the sitting members
  // are confirmed for, and the sitting members (the area's active
  // memberships of the old term when the request was sent).
  std::optional<Date> next_term_start{};
  std::optional<Date> next_term_end{};
  std::vector<MembershipId> sitting{};
  // The sitting members' names, in the order of `sitting` (for the messages).
  std::vector<std::string> sitting_names{};
  // KEHA asked the area to propose a woman and a man for each seat where
  // possible (Equality Act 4 a §).
  bool ask_woman_and_man = false;

  // Neither decided nor withdrawn.
  bool open() const {
    return state == CaseState::kAwaitingRegistration || state == CaseState::kRegistered;
  }

  friend bool operator==(const Case&, const Case&) = default;
};

}  // namespace verkosto::nominations
