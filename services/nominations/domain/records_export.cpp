#include "nominations/domain/records_export.h"

#include <optional>

namespace verkosto::nominations {

Result<ExportPeriod> ParseExportPeriod(std::string_view from, std::string_view to) {
  if (from.empty()) return Status::InvalidArgument("from", "is required (YYYY-MM-DD)");
  if (to.empty()) return Status::InvalidArgument("to", "is required (YYYY-MM-DD)");
  const std::optional<Date> start = ParseIsoDate(from);
  if (!start) return Status::InvalidArgument("from", "must be a date YYYY-MM-DD");
  const std::optional<Date> end = ParseIsoDate(to);
  if (!end) return Status::InvalidArgument("to", "must be a date YYYY-MM-DD");
  const int days = DaysBetween(*start, *end);
  if (days < 0) return Status::InvalidArgument("to", "must not be before from");
  if (days + 1 > kMaxExportPeriodDays) {
    return Status::InvalidArgument(
        "to", "the period may cover at most " + std::to_string(kMaxExportPeriodDays) + " days");
  }
  return ExportPeriod{.from = *start, .to = *end};
}

bool InPeriod(const ExportPeriod& period, const Date& day) {
  return period.from <= day && day <= period.to;
}

Status AuthorizeExport(const Actor& actor, const AreaCode& area) {
  switch (actor.role) {
    case Role::kKehaCoordinator:
      return Status::Ok();
    case Role::kRegistryClerk:
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
      if (!actor.area.empty() && actor.area == area) return Status::Ok();
      return Status::PermissionDenied("role " + std::string(RoleName(actor.role)) +
                                      " may export the records of area '" + actor.area.value() +
                                      "' only, not '" + area.value() + "'");
    default:
      break;
  }
  return Status::PermissionDenied("role " + std::string(RoleName(actor.role)) +
                                  " may not export records");
}

std::string RecordTitle(const Case& c, std::string_view network_name) {
  if (c.registration && !c.registration->subject.empty()) return c.registration->subject;
  const std::string network = network_name.empty() ? c.network.value() : std::string(network_name);
  switch (c.kind) {
    case CaseKind::kReplacement:
      return "Seuraajan nimeäminen: " + network;
    case CaseKind::kConfirmation:
      return "Jäsenten jatkon vahvistaminen: " + network;
    case CaseKind::kNomination:
      break;
  }
  return "Nimeämispyyntö: " + network;
}

}  // namespace verkosto::nominations
