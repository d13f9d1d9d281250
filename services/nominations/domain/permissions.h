#pragma once

#include <string_view>

#include "core/actor.h"
#include "core/status.h"
#include "nominations/domain/membership.h"

namespace verkosto::nominations {

// Everything the nominations service lets someone do.
enum class Operation {
  kSendRequest,         // KEHA coordinator
  kRequestReplacement,  // KEHA coordinator
  kWithdrawCase,        // KEHA coordinator
  kExtendDeadline,      // KEHA coordinator
  kRegisterCase,        // registry clerk, own area
  kLogIncomingRequest,  // registry clerk, own area
  kDecideCase,          // director or deputy, own area (approve, decline)
  kRecordResignation,   // director or deputy, own area
  kRead,                // every person's role and the system; not the operator
  kRunTimers,           // the system itself (reminders, overdue, term ends)
  // A nominee on their own memberships: list them, correct their contact, ask
  // to resign (self_service.h). Never ends or creates a membership.
  kSelfService,
  // The area's leadership replaces or recalls its own member
  // (member_changes.h): director or deputy, own area.
  kChangeMembers,
  // KEHA records an area's answer that came on paper (member_changes.h).
  kRecordPaperAnswer,
};

// "send_request", "decide_case", ...: used in messages and logs.
std::string_view OperationName(Operation operation);

// The one policy of the nominations service: may `actor` perform `operation`
// for `area` (ignored for unscoped operations)?
//   - KEHA coordinator: send, request replacement, withdraw, extend; read.
//   - registry clerk: register and log for their own area; read.
//   - director: decide, record resignations, replace and recall members
//     (change_members) for their own area; read.
//   - KEHA coordinator also records an area's answer received on paper.
//   - deputy: as the director, but only acting on the director's behalf
//     (Actor::on_behalf_of non-empty); both are recorded.
//   - nominee, observer: read.
//   - system: run timers (and read).
//   - nominee with an e-mail on their account: self-service, on their own
//     memberships only (OwnsMembership); every other role is denied it.
//   - admin: read at most; never memberships (rule 1).
//   - operator (the machine's administrator) and anyone else: nothing.
// What a reader sees of a case or a person: MaySeeCase below and
// visibility.h.
// Returns Ok, or PermissionDenied naming the role and the operation. A clerk,
// director or deputy of another area, or without an area, is denied.
Status Authorize(const Actor& actor, Operation operation, const AreaCode& area = AreaCode());

// May `actor` see a whole case of `area` (its covering message, registration
// and decision)? KEHA coordinators, observers, admins and the system see every
// case; a registry clerk, director or deputy only their own area's; a nominee
// none (their memberships say what concerns them). The service answers
// not_found otherwise, so another area's case numbers reveal nothing.
bool MaySeeCase(const Actor& actor, const AreaCode& area);

// Is `membership` the actor's own, for self-service? Its current e-mail
// (after any correction) equals the actor's, ignoring case; or the actor's
// account corrected its contact (so a changed e-mail never locks the person
// out, whichever of account and membership changed first). Never true for an
// actor without an e-mail or a user id.
bool OwnsMembership(const Actor& actor, const MembershipRecord& membership);

}  // namespace verkosto::nominations
