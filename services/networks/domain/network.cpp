#include "networks/domain/network.h"

#include "core/email.h"
#include "core/limits.h"
#include "core/text.h"
#include "networks/domain/permissions.h"
#include "networks/domain/problems.h"
#include "networks/domain/renewal.h"
#include "networks/domain/text_util.h"

namespace verkosto::networks {

std::string_view NetworkKindName(NetworkKind kind) {
  switch (kind) {
    case NetworkKind::kNetwork:
      return "network";
    case NetworkKind::kSubCommittee:
      return "sub_committee";
    case NetworkKind::kWorkingGroup:
      return "working_group";
    case NetworkKind::kAdvisoryBoard:
      return "advisory_board";
    case NetworkKind::kUnspecified:
      break;
  }
  return "unspecified";
}

std::string_view NetworkStatusName(NetworkStatus status) {
  switch (status) {
    case NetworkStatus::kDraft:
      return "draft";
    case NetworkStatus::kProposed:
      return "proposed";
    case NetworkStatus::kOpen:
      return "open";
    case NetworkStatus::kClosed:
      return "closed";
    case NetworkStatus::kCancelled:
      return "cancelled";
    case NetworkStatus::kUnspecified:
      break;
  }
  return "unspecified";
}

namespace {

constexpr uint32_t kMaxMeetingsPerYear = 365;
constexpr uint32_t kMaxHoursPerMeetingTenths = 240;
constexpr uint32_t kMaxSeats = 20;

bool Blank(std::string_view text) { return text::Trim(text).empty(); }

bool EndAfterStart(const Term& term) {
  return !term.start_date || !term.end_date || *term.end_date > *term.start_date;
}

Status CheckEntries(const std::vector<std::string>& entries, const std::string& field) {
  for (size_t i = 0; i < entries.size(); ++i) {
    if (Blank(entries[i])) {
      return Status::InvalidArgument(field + "[" + std::to_string(i) + "]", "is empty");
    }
  }
  return Status::Ok();
}

Status WrongStatus(const Network& network, std::string_view action, std::string_view allowed) {
  return Status::FailedPrecondition(
      "cannot " + std::string(action) + " network '" + network.code().value() + "': it is " +
      std::string(NetworkStatusName(network.status)) + ", not " + std::string(allowed));
}

Status RequireReason(std::string_view reason, std::string_view why) {
  if (Blank(reason)) return Status::InvalidArgument("reason", "is required " + std::string(why));
  return limits::CheckLength(reason, limits::kReason, "reason");
}

// The network after a status change by `actor`.
Network Advance(const Network& network, NetworkStatus status, TimePoint now) {
  Network next = network;
  next.status = status;
  next.version = network.version + 1;
  next.updated_at = now;
  return next;
}

}  // namespace

Status ValidateDefinition(const NetworkDefinition& d) {
  if (!IsSlug(d.code.value())) {
    return Status::InvalidArgument("code",
                                   "must be 2-64 characters of a-z, 0-9 and single inner hyphens");
  }
  if (Blank(d.names.fi)) return Status::InvalidArgument("names.fi", "is required");
  for (const auto& [field, name] :
       {std::pair<const char*, const std::string*>{"names.fi", &d.names.fi},
        {"names.sv", &d.names.sv},
        {"names.en", &d.names.en}}) {
    VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(*name, limits::kName, field));
  }
  if (d.kind == NetworkKind::kUnspecified) {
    return Status::InvalidArgument(
        "kind", "must be network, sub_committee, working_group or advisory_board");
  }
  if (Blank(d.owner)) return Status::InvalidArgument("owner", "is required");
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(d.owner, limits::kName, "owner"));
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(d.description, limits::kText, "description"));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(d.responsible.name, limits::kName, "responsible.name"));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(d.responsible.email, limits::kEmail, "responsible.email"));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(d.responsible.phone, limits::kPhone, "responsible.phone"));
  if (!d.responsible.email.empty() && !IsValidEmail(d.responsible.email)) {
    return Status::InvalidArgument("responsible.email", "is not an e-mail address");
  }
  VERKOSTO_RETURN_IF_ERROR(CheckEntries(d.goals, "goals"));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckList(d.goals, limits::kListEntries, limits::kLine, "goals"));
  if (!EndAfterStart(d.term)) {
    return Status::InvalidArgument("term.end_date", "must be after term.start_date");
  }
  VERKOSTO_RETURN_IF_ERROR(
      CheckEntries(d.communication_plan.audiences, "communication_plan.audiences"));
  VERKOSTO_RETURN_IF_ERROR(
      CheckEntries(d.communication_plan.channels, "communication_plan.channels"));
  const CommunicationPlan& plan = d.communication_plan;
  VERKOSTO_RETURN_IF_ERROR(limits::CheckList(plan.audiences, limits::kListEntries, limits::kLine,
                                             "communication_plan.audiences"));
  VERKOSTO_RETURN_IF_ERROR(limits::CheckList(plan.channels, limits::kListEntries, limits::kLine,
                                             "communication_plan.channels"));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(plan.cadence, limits::kLine, "communication_plan.cadence"));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(plan.responsible, limits::kName, "communication_plan.responsible"));
  VERKOSTO_RETURN_IF_ERROR(ValidatePlanTargets(plan));
  if (d.cadence.meetings_per_year > kMaxMeetingsPerYear) {
    return Status::InvalidArgument("cadence.meetings_per_year", "is more than 365");
  }
  if (d.cadence.hours_per_meeting_tenths > kMaxHoursPerMeetingTenths) {
    return Status::InvalidArgument("cadence.hours_per_meeting_tenths",
                                   "is more than 240 (24 hours)");
  }
  if (d.seats_per_area.members > kMaxSeats) {
    return Status::InvalidArgument("seats_per_area.members", "is more than 20");
  }
  if (d.seats_per_area.deputies > kMaxSeats) {
    return Status::InvalidArgument("seats_per_area.deputies", "is more than 20");
  }
  return Status::Ok();
}

Status CheckReadyToPublish(const NetworkDefinition& d) {
  Problems problems;
  if (Blank(d.names.sv)) problems.Add("names.sv", "a Swedish name is required");
  if (d.goals.empty()) problems.Add("goals", "at least one goal is required");
  if (!d.term.start_date) problems.Add("term.start_date", "a start date is required");
  if (!d.term.end_date) {
    problems.Add("term.end_date", "an end date is required");
  } else if (!EndAfterStart(d.term)) {
    problems.Add("term.end_date", "must be after term.start_date");
  }
  const CommunicationPlan& plan = d.communication_plan;
  if (plan.audiences.empty()) {
    problems.Add("communication_plan.audiences", "name at least one audience");
  }
  if (plan.channels.empty()) {
    problems.Add("communication_plan.channels", "name at least one channel");
  }
  if (Blank(plan.cadence)) problems.Add("communication_plan.cadence", "is required");
  if (Blank(plan.responsible)) problems.Add("communication_plan.responsible", "is required");
  return problems.ToStatus();
}

std::vector<std::string> ChangedFields(const NetworkDefinition& a, const NetworkDefinition& b) {
  std::vector<std::string> fields;
  auto check = [&fields](bool differs, const char* name) {
    if (differs) fields.emplace_back(name);
  };
  check(a.code != b.code, "code");
  check(a.names.fi != b.names.fi, "names.fi");
  check(a.names.sv != b.names.sv, "names.sv");
  check(a.names.en != b.names.en, "names.en");
  check(a.kind != b.kind, "kind");
  check(a.owner != b.owner, "owner");
  check(a.responsible != b.responsible, "responsible");
  check(a.goals != b.goals, "goals");
  check(a.term.start_date != b.term.start_date, "term.start_date");
  check(a.term.end_date != b.term.end_date, "term.end_date");
  const CommunicationPlan& pa = a.communication_plan;
  const CommunicationPlan& pb = b.communication_plan;
  check(pa.audiences != pb.audiences, "communication_plan.audiences");
  check(pa.channels != pb.channels, "communication_plan.channels");
  check(pa.cadence != pb.cadence, "communication_plan.cadence");
  check(pa.responsible != pb.responsible, "communication_plan.responsible");
  check(pa.targets != pb.targets, "communication_plan.targets");
  check(pa.notes_every_days != pb.notes_every_days, "communication_plan.notes_every_days");
  check(pa.responsible_email != pb.responsible_email, "communication_plan.responsible_email");
  check(a.cadence != b.cadence, "cadence");
  check(a.seats_per_area != b.seats_per_area, "seats_per_area");
  check(a.statutory != b.statutory, "statutory");
  check(a.description != b.description, "description");
  return fields;
}

Result<NetworkUpdate> CreateNetwork(const NetworkDefinition& definition, const Actor& actor,
                                    TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kCreateNetwork));
  VERKOSTO_RETURN_IF_ERROR(ValidateDefinition(definition));
  Network network;
  network.definition = definition;
  network.status = NetworkStatus::kDraft;
  network.version = 1;
  network.created_at = now;
  network.updated_at = now;
  NetworkUpdate update{network, {}};
  update.events.emplace_back(NetworkCreated{network, MakeAudit(actor, now)});
  return update;
}

Result<NetworkUpdate> EditNetwork(const Network& network, const NetworkDefinition& definition,
                                  std::string_view reason, const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kEditNetwork));
  if (network.status != NetworkStatus::kDraft && network.status != NetworkStatus::kProposed &&
      network.status != NetworkStatus::kOpen) {
    return WrongStatus(network, "edit", "draft, proposed or open");
  }
  if (definition.code != network.code()) {
    return Status::InvalidArgument("code", "a network's code cannot be changed");
  }
  VERKOSTO_RETURN_IF_ERROR(ValidateDefinition(definition));
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(reason, limits::kReason, "reason"));
  std::vector<std::string> changed = ChangedFields(network.definition, definition);
  if (changed.empty()) return NetworkUpdate{network, {}};
  if (network.status == NetworkStatus::kOpen) {
    VERKOSTO_RETURN_IF_ERROR(RequireReason(reason, "to change an open network"));
  }
  if (network.status != NetworkStatus::kDraft) {
    VERKOSTO_RETURN_IF_ERROR(CheckReadyToPublish(definition));
  }
  Network next = network;
  next.definition = definition;
  next.version = network.version + 1;
  next.updated_at = now;
  NetworkVersion version{next.version, MakeAudit(actor, now, std::string(text::Trim(reason))),
                         std::move(changed)};
  return NetworkUpdate{next, {NetworkChanged{next, std::move(version)}}};
}

Result<NetworkUpdate> ProposeNetwork(const Network& network, const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kProposeNetwork));
  if (network.status != NetworkStatus::kDraft) return WrongStatus(network, "propose", "draft");
  VERKOSTO_RETURN_IF_ERROR(CheckReadyToPublish(network.definition));
  Network next = Advance(network, NetworkStatus::kProposed, now);
  return NetworkUpdate{next, {NetworkProposed{next, MakeAudit(actor, now)}}};
}

Result<NetworkUpdate> OpenNetwork(const Network& network, const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kOpenNetwork));
  if (network.status != NetworkStatus::kProposed) return WrongStatus(network, "open", "proposed");
  VERKOSTO_RETURN_IF_ERROR(CheckReadyToPublish(network.definition));
  const Date today = HelsinkiDate(now);
  if (*network.definition.term.end_date < today) {
    return Status::FailedPrecondition("term.end_date",
                                      "cannot open network '" + network.code().value() +
                                          "': its term ended on " +
                                          FormatIsoDate(*network.definition.term.end_date));
  }
  Network next = Advance(network, NetworkStatus::kOpen, now);
  return NetworkUpdate{next, {NetworkOpened{next, MakeAudit(actor, now)}}};
}

Result<NetworkUpdate> CloseNetwork(const Network& network, std::string_view reason,
                                   const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kCloseNetwork));
  if (network.status != NetworkStatus::kOpen) return WrongStatus(network, "close", "open");
  VERKOSTO_RETURN_IF_ERROR(RequireReason(reason, "to close a network before its term ends"));
  Network next = Advance(network, NetworkStatus::kClosed, now);
  next.end_reason = std::string(text::Trim(reason));
  return NetworkUpdate{next, {NetworkClosed{next, MakeAudit(actor, now, next.end_reason), false}}};
}

Result<NetworkUpdate> CancelNetwork(const Network& network, std::string_view reason,
                                    const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kCancelNetwork));
  if (network.status != NetworkStatus::kDraft && network.status != NetworkStatus::kProposed) {
    return WrongStatus(network, "cancel", "draft or proposed");
  }
  VERKOSTO_RETURN_IF_ERROR(RequireReason(reason, "to cancel a network"));
  Network next = Advance(network, NetworkStatus::kCancelled, now);
  next.end_reason = std::string(text::Trim(reason));
  return NetworkUpdate{next, {NetworkCancelled{next, MakeAudit(actor, now, next.end_reason)}}};
}

std::optional<NetworkUpdate> CloseIfTermEnded(const Network& network, TimePoint now) {
  const auto& end = network.definition.term.end_date;
  if (network.status != NetworkStatus::kOpen || !end || !(*end < HelsinkiDate(now))) {
    return std::nullopt;
  }
  if (network.next_term) return StartNextTerm(network, now);
  Network next = Advance(network, NetworkStatus::kClosed, now);
  next.closed_by_term_end = true;
  return NetworkUpdate{next, {NetworkClosed{next, MakeAudit(SystemActor(), now), true}}};
}

std::vector<NetworkUpdate> CloseExpired(const std::vector<Network>& networks, TimePoint now) {
  std::vector<NetworkUpdate> updates;
  for (const Network& network : networks) {
    if (auto update = CloseIfTermEnded(network, now)) updates.push_back(std::move(*update));
  }
  return updates;
}

}  // namespace verkosto::networks
