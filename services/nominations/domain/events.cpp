#include "nominations/domain/events.h"

namespace verkosto::nominations {

Audit MakeAudit(const Actor& actor, TimePoint at, std::string reason) {
  return Audit{actor.user_id,
               actor.display_name,
               actor.role,
               actor.on_behalf_of,
               at,
               std::move(reason),
               actor.principal,
               actor.on_behalf_of_name};
}

Actor SystemActor() {
  Actor actor;
  actor.user_id = "system";
  actor.display_name = "verkosto";
  actor.role = Role::kSystem;
  actor.principal = "nominations";  // the service itself, on its own timers and events
  return actor;
}

namespace {
std::string_view NameOf(const RequestSent&) { return "RequestSent"; }
std::string_view NameOf(const CaseRegistered&) { return "CaseRegistered"; }
std::string_view NameOf(const CaseLogged&) { return "CaseLogged"; }
std::string_view NameOf(const CaseApproved&) { return "CaseApproved"; }
std::string_view NameOf(const CaseDeclined&) { return "CaseDeclined"; }
std::string_view NameOf(const CaseWithdrawn&) { return "CaseWithdrawn"; }
std::string_view NameOf(const DeadlineExtended&) { return "DeadlineExtended"; }
std::string_view NameOf(const ReminderDue&) { return "ReminderDue"; }
std::string_view NameOf(const CaseOverdue&) { return "CaseOverdue"; }
std::string_view NameOf(const MembershipStarted&) { return "MembershipStarted"; }
std::string_view NameOf(const MembershipEnded&) { return "MembershipEnded"; }
std::string_view NameOf(const ContactCorrected&) { return "ContactCorrected"; }
std::string_view NameOf(const ResignationRequested&) { return "ResignationRequested"; }
std::string_view NameOf(const ResignationRequestClosed&) { return "ResignationRequestClosed"; }
}  // namespace

std::string_view EventName(const Event& event) {
  return std::visit([](const auto& e) { return NameOf(e); }, event);
}

}  // namespace verkosto::nominations
