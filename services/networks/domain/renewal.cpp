#include "networks/domain/renewal.h"

#include "core/limits.h"
#include "core/text.h"
#include "networks/domain/permissions.h"

namespace verkosto::networks {

Result<NetworkUpdate> RenewNetwork(const Network& network, const RenewCommand& command,
                                   const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kEditNetwork));
  if (network.status != NetworkStatus::kOpen) {
    return Status::FailedPrecondition("cannot renew network '" + network.code().value() +
                                      "': it is " + std::string(NetworkStatusName(network.status)) +
                                      ", not open");
  }
  if (network.next_term) {
    return Status::FailedPrecondition(
        "cannot renew network '" + network.code().value() + "': a renewal for the term starting " +
        FormatIsoDate(network.next_term->term.start_date.value_or(Date{})) + " is pending");
  }
  const NetworkDefinition& next = command.definition;
  if (next.code != network.code()) {
    return Status::InvalidArgument("code", "a network's code cannot be changed");
  }
  const std::string_view reason = text::Trim(command.reason);
  if (reason.empty()) return Status::InvalidArgument("reason", "is required to renew a network");
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(command.reason, limits::kReason, "reason"));
  VERKOSTO_RETURN_IF_ERROR(ValidateDefinition(next));
  const std::optional<Date>& old_end = network.definition.term.end_date;
  if (!next.term.start_date) {
    return Status::InvalidArgument("term.start_date", "the new term needs a start date");
  }
  if (old_end && !(*old_end < *next.term.start_date)) {
    return Status::InvalidArgument("term.start_date", "the new term must start after " +
                                                          FormatIsoDate(*old_end) +
                                                          ", the end of the current term");
  }
  VERKOSTO_RETURN_IF_ERROR(CheckReadyToPublish(next));

  Network after = network;
  after.next_term = next;
  after.version = network.version + 1;
  after.updated_at = now;
  std::vector<std::string> changed{"renewed"};
  for (std::string& field : ChangedFields(network.definition, next)) {
    changed.push_back(std::move(field));
  }
  const Audit audit = MakeAudit(actor, now, std::string(reason));
  NetworkVersion version{after.version, audit, std::move(changed)};
  return NetworkUpdate{after, {NetworkRenewed{after, std::move(version)}}};
}

std::optional<NetworkUpdate> StartNextTerm(const Network& network, TimePoint now) {
  const auto& end = network.definition.term.end_date;
  if (network.status != NetworkStatus::kOpen || !network.next_term || !end ||
      !(*end < HelsinkiDate(now))) {
    return std::nullopt;
  }
  Network after = network;
  after.definition = *network.next_term;
  after.next_term.reset();
  after.version = network.version + 1;
  after.updated_at = now;
  const Term& term = after.definition.term;
  const Audit audit =
      MakeAudit(SystemActor(), now,
                "renewed: the term " + FormatIsoDate(term.start_date.value_or(Date{})) + " - " +
                    FormatIsoDate(term.end_date.value_or(Date{})) + " started");
  std::vector<std::string> changed{"renewed"};
  for (std::string& field : ChangedFields(network.definition, after.definition)) {
    changed.push_back(std::move(field));
  }
  NetworkVersion version{after.version, audit, std::move(changed)};
  return NetworkUpdate{after,
                       {NetworkTermStarted{after, network.definition.term, std::move(version)}}};
}

}  // namespace verkosto::networks
