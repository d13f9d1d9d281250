#include "nominations/domain/visibility.h"

#include <utility>

namespace verkosto::nominations {

namespace {

// E-mail addresses compare without regard to case (they are stored lower-case).
bool SameAddress(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? char(ch - 'A' + 'a') : ch; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool ServesArea(const Actor& actor, const AreaCode& area) {
  return (actor.role == Role::kRegistryClerk || actor.LeadsArea(area)) && !actor.area.empty() &&
         actor.area == area;
}

}  // namespace

bool MaySeeContact(const Actor& actor, const AreaCode& area, std::string_view person_email) {
  switch (actor.role) {
    case Role::kKehaCoordinator:
    case Role::kSystem:
      return true;
    case Role::kRegistryClerk:
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
      return ServesArea(actor, area) || SameAddress(actor.email, person_email);
    case Role::kNominee:
    case Role::kObserver:
    case Role::kAdmin:
      return SameAddress(actor.email, person_email);
    case Role::kOperator:
    case Role::kUnspecified:
      return false;
  }
  return false;
}

bool MaySeeGender(const Actor& actor, const AreaCode& area) {
  switch (actor.role) {
    case Role::kKehaCoordinator:
    case Role::kSystem:
      return true;
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
      return !area.value().empty() && actor.LeadsArea(area);
    case Role::kRegistryClerk:
    case Role::kNominee:
    case Role::kObserver:
    case Role::kAdmin:
    case Role::kOperator:
    case Role::kUnspecified:
      return false;
  }
  return false;
}

Nominee WithoutGender(Nominee person) {
  person.gender = Gender::kNotStated;
  return person;
}

Nominee WithoutContact(Nominee person) {
  person.email.clear();
  person.title.clear();
  person.language.reset();
  return person;
}

MembershipRecord VisibleTo(const Actor& actor, MembershipRecord record) {
  // The person is who the contact in force (a correction, if any) says.
  if (!MaySeeContact(actor, record.area, record.current_person().email) &&
      !MaySeeContact(actor, record.area, record.person.email)) {
    record.person = WithoutContact(std::move(record.person));
    record.contact.reset();  // the member's own correction is contact data too
    record.end_note.clear();
  }
  if (!MaySeeGender(actor, record.area)) record.person = WithoutGender(std::move(record.person));
  return record;
}

Case VisibleTo(const Actor& actor, Case c) {
  if (c.decision) {
    for (Nominee& n : c.decision->nominees) {
      if (!MaySeeContact(actor, c.area, n.email)) n = WithoutContact(std::move(n));
      if (!MaySeeGender(actor, c.area)) n = WithoutGender(std::move(n));
    }
  }
  return c;
}

Case StateOnly(const Case& c) {
  Case out;
  out.network = c.network;
  out.area = c.area;
  out.kind = c.kind;
  out.state = c.state;
  out.seats = c.seats;
  out.deadline = c.deadline;
  out.short_deadline = c.short_deadline;
  out.overdue = c.overdue;
  out.opened = c.opened;
  return out;
}

bool MayFilterByEmail(const Actor& actor, std::string_view email) {
  switch (actor.role) {
    case Role::kKehaCoordinator:
    case Role::kSystem:
      return true;
    case Role::kRegistryClerk:
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
      return !actor.area.empty() || SameAddress(actor.email, email);
    case Role::kNominee:
    case Role::kObserver:
    case Role::kAdmin:
      return SameAddress(actor.email, email);
    case Role::kOperator:
    case Role::kUnspecified:
      return false;
  }
  return false;
}

}  // namespace verkosto::nominations
