#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/limits.h"
#include "core/result.h"
#include "nominations/domain/events.h"
#include "nominations/domain/membership.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// Nominee self-service: a member sees their own memberships, corrects their
// own contact data and asks to resign. Rule 3 stays whole: nothing here
// creates or ends a membership; a resignation request goes to the area's
// leadership, which records the resignation with RecordResignation
// (workflow.h), and that closes the request (CloseResignationRequest).
//
// Checks run as in workflow.h: PermissionDenied (not a nominee with an
// e-mail, or not the actor's own membership: OwnsMembership), then
// FailedPrecondition, then InvalidArgument naming the field.

// Empty fields keep their value.
struct ContactCommand {
  std::string title;
  std::string email;                 // stored lower case
  std::optional<Language> language;  // nullopt keeps the language
};

struct ContactOutcome {
  // Every membership given, in order, corrected where something changed.
  std::vector<Membership> memberships;
  // The memberships that changed (to save), in order.
  std::vector<Membership> changed;
  // One ContactCorrected per changed membership.
  std::vector<Event> events;
};

// Corrects the contact data on the actor's current memberships `mine`
// (ended ones are left as they were: their record is history). A value equal
// to the current one changes nothing, so a retry emits no second event.
// `email_used_by_others`: whether the new e-mail (lower case) is the current
// e-mail of a membership that is not the actor's; such a change is refused,
// or a person could take over another's memberships by naming their address.
// Errors:
//   PermissionDenied   unless a nominee with an e-mail; any of `mine` not theirs.
//   FailedPrecondition none of `mine` is current.
//   InvalidArgument    "title" longer than limits::kName or holding a line
//                      break; "email" not plausible (IsValidEmail);
//                      all three empty
//                      ("title", "nothing to correct").
//   AlreadyExists      "email" used by another person's membership.
Result<ContactOutcome> CorrectContact(std::vector<Membership> mine, const ContactCommand& command,
                                      bool email_used_by_others, const Actor& actor, TimePoint now);

struct ResignationRequestCommand {
  ResignationRequestId id;  // unique, from the caller
  std::string reason;       // required, at most limits::kReason
};

struct ResignationRequestOutcome {
  ResignationRequest request;
  std::vector<Event> events;  // ResignationRequested
};

// The member asks their area's leadership to record their resignation.
// `pending` is the membership's pending request, if it has one.
// Errors:
//   PermissionDenied   unless a nominee whose own membership it is.
//   FailedPrecondition the membership has ended; a request is already
//                      pending ("membership_id").
//   InvalidArgument    id empty; reason blank or too long ("reason").
Result<ResignationRequestOutcome> RequestResignation(
    const Membership& membership, const std::optional<ResignationRequest>& pending,
    const ResignationRequestCommand& command, const Actor& actor, TimePoint now);

// The leadership recorded the resignation `request` asked for: the request
// becomes kRecorded with the recorder's stamp, and ResignationRequestClosed
// is emitted. `ended` is the membership as RecordResignation left it.
// Errors: FailedPrecondition unless the request is pending and `ended` is its
// membership, ended by resignation; PermissionDenied as RecordResignation.
Result<ResignationRequestOutcome> CloseResignationRequest(const ResignationRequest& request,
                                                          const Membership& ended,
                                                          const Actor& actor, TimePoint now);

}  // namespace verkosto::nominations
