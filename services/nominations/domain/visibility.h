#pragma once

#include <string_view>

#include "core/actor.h"
#include "nominations/domain/membership.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// Personal data by need (docs/authorization.md, "Personal data"): what of a
// nominee's record a reader may see. The public record of a seat — name,
// area, seat, network, term, the decision and its diary number — is shown to
// everyone with a role; the contact part — e-mail, title, language and a
// resignation's reason — only to those whose work needs it:
//   - KEHA coordinators (they run the networks),
//   - the registry clerk, director and deputy of the nominee's own area
//     (they named the person and keep the record),
//   - the nominee themself (Actor::email equals the nominee's e-mail),
//   - the system (services acting on their own).
// Observers, admins, the operator, other areas' staff and other nominees see
// the public record only.
bool MaySeeContact(const Actor& actor, const AreaCode& area, std::string_view person_email);

// `person` without the contact part (e-mail, title, language).
Nominee WithoutContact(Nominee person);

// May `actor` see the gender of a nominee of `area` (Equality Act 4 a §,
// docs/nominations.md "Gender balance")? Only KEHA coordinators, the system
// and the leadership (director, deputy) of that area — never the registry
// clerk, other areas, observers, admins, the operator or the nominee.
bool MaySeeGender(const Actor& actor, const AreaCode& area);

// `person` with the gender as not stated.
Nominee WithoutGender(Nominee person);

// `record` as `actor` may see it: the contact part blanked unless
// MaySeeContact for the record's area and person; the gender not stated
// unless MaySeeGender.
MembershipRecord VisibleTo(const Actor& actor, MembershipRecord record);

// `c` as `actor` may see it when MaySeeCase holds: the decision's nominees
// lose their contact part unless MaySeeContact and their gender unless
// MaySeeGender.
Case VisibleTo(const Actor& actor, Case c);

// What of `c` someone who may not see the case (MaySeeCase false) learns
// from the status matrix: its state, kind, seats, deadline and whether it is
// overdue or short — no id, covering message, stamps, registration,
// decision or reason.
Case StateOnly(const Case& c);

// May `actor` look memberships up by `email` (ListMemberships' filter)? The
// filter answers "is this person a member", so only those who may see
// contact data use it: KEHA and the system for anyone; a person for their
// own address; an area's clerk and leadership within their own area (the
// service then limits the answer to that area). Everyone else: no.
bool MayFilterByEmail(const Actor& actor, std::string_view email);

}  // namespace verkosto::nominations
