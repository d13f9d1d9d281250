#include "networks/domain/participation.h"

#include "core/limits.h"
#include "core/text.h"
#include "networks/domain/permissions.h"

namespace verkosto::networks {

std::string_view ParticipationChoiceName(ParticipationChoice choice) {
  switch (choice) {
    case ParticipationChoice::kTakesPart:
      return "takes_part";
    case ParticipationChoice::kDeclines:
      return "declines";
    case ParticipationChoice::kUnspecified:
      break;
  }
  return "unspecified";
}

bool TakesPart(const ParticipationHistory& history) {
  const ParticipationDecision* current = history.current();
  return current != nullptr && current->choice == ParticipationChoice::kTakesPart;
}

namespace {

// The checks shared by decisions and comments, in the documented order.
Status CheckAreaAct(const Network& network, const AreaDirectory& directory, const AreaCode& area,
                    Operation operation, const Actor& actor, std::string_view action) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, operation, area));
  if (FindArea(directory, area) == nullptr) {
    return Status::NotFound("no employment area '" + area.value() + "'");
  }
  if (network.status != NetworkStatus::kProposed && network.status != NetworkStatus::kOpen) {
    return Status::FailedPrecondition(
        "cannot " + std::string(action) + " network '" + network.code().value() + "': it is " +
        std::string(NetworkStatusName(network.status)) + ", not proposed or open");
  }
  if (actor.role == Role::kAreaDeputy && text::Trim(actor.on_behalf_of).empty()) {
    // The gateway passes a deputy's on_behalf_of only while it names an
    // active director of the deputy's own area (issue 13, docs/authorization.md).
    return Status::PermissionDenied(
        "on_behalf_of", "a deputy acts only on behalf of an active director of their own area");
  }
  return Status::Ok();
}

}  // namespace

Result<ParticipationUpdate> DecideParticipation(const Network& network,
                                                const AreaDirectory& directory,
                                                const ParticipationHistory& history,
                                                const DecideParticipationCommand& command,
                                                const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(CheckAreaAct(network, directory, command.area,
                                        Operation::kDecideParticipation, actor,
                                        "decide participation in"));
  if (command.choice == ParticipationChoice::kUnspecified) {
    return Status::InvalidArgument("choice", "must be takes_part or declines");
  }
  const std::string reason(text::Trim(command.reason));
  if (command.choice == ParticipationChoice::kDeclines && reason.empty()) {
    return Status::InvalidArgument("reason", "is required when an area declines");
  }
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(reason, limits::kReason, "reason"));
  const bool foreign = (!history.network.empty() && history.network != network.code()) ||
                       (!history.area.empty() && history.area != command.area);
  if (foreign) {
    return Status::Internal("participation history of " + history.network.value() + "/" +
                            history.area.value() + " given for " + network.code().value() + "/" +
                            command.area.value());
  }
  ParticipationUpdate update{history, {}};
  update.history.network = network.code();
  update.history.area = command.area;
  const ParticipationDecision* current = history.current();
  if (current != nullptr && current->choice == command.choice && current->reason == reason) {
    return update;
  }
  ParticipationDecision decision{network.code(), command.area, command.choice, reason,
                                 MakeAudit(actor, now, reason)};
  update.history.decisions.push_back(decision);
  update.events.push_back(ParticipationDecided{std::move(decision)});
  return update;
}

std::vector<ParticipationRow> ParticipationMatrix(
    const NetworkCode& network, const AreaDirectory& directory,
    const std::vector<ParticipationHistory>& histories) {
  std::vector<ParticipationRow> rows;
  for (const Area& area : directory.areas) {
    ParticipationRow row{area.code, area.name_fi, AreaName(area, Language::kSv), std::nullopt};
    for (const ParticipationHistory& history : histories) {
      if (history.network == network && history.area == area.code && history.current()) {
        row.current = *history.current();
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<CommentAdded> AddComment(const Network& network, const AreaDirectory& directory,
                                const AddCommentCommand& command, const Actor& actor,
                                TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(
      CheckAreaAct(network, directory, command.area, Operation::kAddComment, actor, "comment on"));
  const std::string text(text::Trim(command.text));
  if (text.empty()) return Status::InvalidArgument("text", "is empty");
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(text, limits::kText, "text"));
  return CommentAdded{Comment{network.code(), command.area, text, MakeAudit(actor, now)}};
}

}  // namespace verkosto::networks
