#pragma once

#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "nominations/domain/workflow.h"

namespace verkosto::nominations {

// Changes of members the area starts itself, and answers that reached KEHA on
// paper (issue 17, items 4 and 6). Pure functions in the style of workflow.h:
// the same order of checks (permission, state, argument, already exists),
// nothing returned on error. Defined in workflow.cpp, beside ApproveCase,
// because they create and end memberships (membership.h): each one is a
// decision of the area's leadership (rule 3) and creates memberships only as
// an approval does (rule 1).

// ---------------------------------------------------------------------------
// The area's leadership: director, or a deputy on the director's behalf
// ---------------------------------------------------------------------------

struct ReplaceMemberCommand {
  RequestId request_id;  // unique, from the caller; names the decision's case
  Nominee successor;     // takes the replaced member's seat (member or deputy)
  std::string reason;    // required: why the leadership replaces its member
  // The area's own diary number of the decision: required, unique within the
  // area (the membership points to it, as to an approved case's).
  std::string diary_number;
};

// The leadership replaces its own member by naming the successor directly, as
// its decision, without a request from KEHA. In one outcome: a replacement
// case (kind kReplacement, started_by_area, registered under the diary number
// by the decider and approved by them with the reason) whose approval ends
// `membership` (kReplaced, replaced_by the successor) and starts the
// successor's membership, exactly as the approval of KEHA's replacement
// request does. Events: CaseApproved, MembershipEnded, MembershipStarted.
// Errors:
//   PermissionDenied   unless the director or a deputy (on the director's
//                      behalf) of the membership's area; the message names
//                      the area the actor acts for and the membership's.
//   FailedPrecondition the membership has ended; the network is not open;
//                      the area declines to take part ("area_code").
//   InvalidArgument    request_id empty; reason blank or too long
//                      ("reason"); diary_number blank ("diary_number"); a
//                      successor field ("successor.name", ".title",
//                      ".municipality", ".email"); a seat other than the
//                      replaced one's ("successor.seat"); the replaced
//                      member named as their own successor ("successor.email").
//   AlreadyExists      the diary number is used in the area ("diary_number").
//   Internal           `network` is not the membership's network.
Result<ApprovalOutcome> ReplaceMember(const NetworkView& network, const Membership& membership,
                                      const ReplaceMemberCommand& command,
                                      const DiaryNumberInUse& diary_number_in_use,
                                      const Actor& actor, TimePoint now);

struct RecallMemberCommand {
  std::string reason;  // required
};

// The leadership recalls its own member: the membership ends today with
// EndReason::kRecalled and the reason as its note; nobody succeeds them.
// Event: MembershipEnded (audit.reason "recalled: <reason>").
// Errors: PermissionDenied as ReplaceMember; FailedPrecondition when the
// membership has ended; InvalidArgument ("reason") when the reason is blank
// or longer than 2000 characters.
Result<MembershipOutcome> RecallMember(const Membership& membership,
                                       const RecallMemberCommand& command, const Actor& actor,
                                       TimePoint now);

// ---------------------------------------------------------------------------
// KEHA coordinator: the area's answer received on paper
// ---------------------------------------------------------------------------

struct PaperAnswerCommand {
  Channel channel = Channel::kLetter;  // letter, email or other; not system
  bool approved = false;
  std::vector<Nominee> nominees;  // approvals: as ApproveCase
  std::string reason;             // declines: required
  // The area's diary number of the case: required; unique within the area
  // for a case not registered yet, the registered one's for a registered case.
  std::string diary_number;
  Date decision_date{};      // the area's decision date; not in the future
  std::string decided_by;    // required: who decided at the area, "name, title"
  std::string organisation;  // optional: whose diary the number is in
};

// KEHA records the decision an area that does not use verkosto sent by letter
// or e-mail, for an open case of that area. The case is registered under the
// area's diary number if it was not yet (channel and date from the letter,
// stamped by KEHA), then decided as the letter says: an approval starts the
// memberships exactly as ApproveCase does (the same ids, events and, for a
// replacement case, the end of the replaced membership), a decline records
// the reason. The decision is marked with the channel (Decision::from_paper),
// the area's decision date and decider; `decided` stamps KEHA's recorder.
// Memberships start on the decision date, or on the term start if later.
// Events: CaseApproved then MembershipEnded/MembershipStarted as ApproveCase,
// or CaseDeclined.
// Errors:
//   PermissionDenied   unless a KEHA coordinator.
//   FailedPrecondition the case is decided or withdrawn; the network is not
//                      open; the area declines to take part ("area_code").
//   InvalidArgument    channel kSystem ("channel"); diary_number blank, or
//                      not the registered case's ("diary_number");
//                      decision_date in the future or before the case was
//                      opened ("decision_date"); decided_by blank
//                      ("decided_by"); a decline without a reason
//                      ("reason"); the nominees as ApproveCase ("nominees...").
//   AlreadyExists      the diary number is used in the area ("diary_number").
//   Internal           `network` or `replaced` does not belong to the case.
Result<ApprovalOutcome> RecordPaperAnswer(const Case& c, const NetworkView& network,
                                          const PaperAnswerCommand& command,
                                          const Membership* replaced,
                                          const DiaryNumberInUse& diary_number_in_use,
                                          const Actor& actor, TimePoint now);

}  // namespace verkosto::nominations
