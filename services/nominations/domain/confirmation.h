#pragma once

#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "nominations/domain/workflow.h"

namespace verkosto::nominations {

// Confirmation requests for a renewed network (issue 17, item 3;
// docs/nominations.md). When KEHA renews a network for a new term (networks'
// RenewNetwork), no membership carries over by itself (rule 3 also applies
// to existing networks): KEHA sends each area that has sitting members a
// confirmation request, which goes through the area's registry (rule 4;
// RegisterCase as any case) and is decided by the area's leadership with one
// answer per sitting member: confirm, replace (a successor) or end. When the
// new term starts, every membership that was not confirmed ends with the old
// term (StartRenewedTerm).
//
// Pure functions in the style of workflow.h (same order of checks); defined
// in workflow.cpp because they create and end memberships (membership.h).

struct SendConfirmationsCommand {
  RequestId request_id;           // unique, from the caller
  Date deadline{};                // not before today, not after the old term's end
  std::string covering_message;   // optional
  std::string keha_diary_number;  // optional, opaque
};

// Sends a confirmation request (kind kConfirmation, kAwaitingRegistration)
// to every area with sitting members in `network`: its active memberships
// among `memberships` that started before the new term. Each case lists its
// sitting members (Case::sitting, in the given order) and the new term; its
// seats count their member and deputy seats. Areas that already have an
// undecided or approved confirmation case for the same new term among
// `existing` are left out.
// Errors:
//   PermissionDenied   unless a KEHA coordinator.
//   FailedPrecondition the network is not open or has no pending renewal
//                      ("network_code"); no area is left to ask.
//   InvalidArgument    request_id empty; deadline before today or after the
//                      old term's end ("deadline"); texts too long.
Result<SendRequestOutcome> SendConfirmationRequests(const NetworkView& network,
                                                    const std::vector<Membership>& memberships,
                                                    const std::vector<Case>& existing,
                                                    const SendConfirmationsCommand& command,
                                                    const Actor& actor, TimePoint now);

// The leadership's answer for one sitting member.
struct ConfirmationAnswerCommand {
  MembershipId membership;
  ConfirmationChoice choice = ConfirmationChoice::kConfirm;
  Nominee successor;   // kReplace only: same fields and checks as an approval's nominee
  std::string reason;  // required for kEnd
};

struct DecideConfirmationCommand {
  std::vector<ConfirmationAnswerCommand> answers;  // one per sitting member
};

// Decides a registered confirmation case. The case becomes approved and
// records the answers; each kReplace answer starts the successor's
// membership on the new term's start date (pointing to the case and its
// diary number, `replaces` the sitting member). Sitting memberships are not
// ended here: they serve to the end of the old term, when StartRenewedTerm
// ends the replaced and ended ones and every unconfirmed one.
// Events: CaseApproved, then MembershipStarted per successor.
// `sitting` are the case's sitting memberships (in any order).
// Errors:
//   PermissionDenied   unless the director or a deputy (on the director's
//                      behalf) of the case's area.
//   FailedPrecondition not registered yet, already decided or withdrawn; not
//                      a confirmation case; the network is not open or its
//                      renewal is no longer the case's ("network_code").
//   InvalidArgument    "answers[<id>]": a membership that is not a sitting
//                      member of the case, answered twice, or not answered;
//                      "answers[<id>].reason" blank when ending;
//                      "answers[<id>].successor.<field>" as an approval's
//                      nominee, a seat other than the member's, the member
//                      themself or another successor's e-mail.
//   Internal           `sitting` does not match the case.
Result<ApprovalOutcome> DecideConfirmation(const Case& c, const NetworkView& network,
                                           const std::vector<Membership>& sitting,
                                           const DecideConfirmationCommand& command,
                                           const Actor& actor, TimePoint now);

struct TermStartOutcome {
  std::vector<Membership> ended;  // the memberships it ended, in input order
  std::vector<Case> cases;        // the confirmation cases it closed
  std::vector<Event> events;      // MembershipEnded each, then CaseWithdrawn each
};

// The renewed term of `network` started (networks' NetworkTermStarted) on
// `new_term_start`; the old term ended on `old_term_end`. Every active
// membership of the network among `memberships` that started before the new
// term ends on the old term's end date unless an approved confirmation case
// for this term among `cases` confirmed it: kReplaced (replaced_by the
// successor) or kNotRenewed with the leadership's reason when its answer said
// so, kNotRenewed by the system when nobody answered. Undecided confirmation
// cases of the network are closed: overdue, and withdrawn by the system.
// Never fails: what it cannot match ends (no membership carries over without
// a leadership decision).
TermStartOutcome StartRenewedTerm(const NetworkCode& network, const Date& old_term_end,
                                  const Date& new_term_start,
                                  const std::vector<Membership>& memberships,
                                  const std::vector<Case>& cases, TimePoint now);

}  // namespace verkosto::nominations
