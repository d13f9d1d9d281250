#include "nominations/domain/types.h"

namespace verkosto::nominations {

std::string_view CaseStateName(CaseState state) {
  switch (state) {
    case CaseState::kAwaitingRegistration:
      return "awaiting_registration";
    case CaseState::kRegistered:
      return "registered";
    case CaseState::kApproved:
      return "approved";
    case CaseState::kDeclined:
      return "declined";
    case CaseState::kWithdrawn:
      return "withdrawn";
  }
  return "unspecified";
}

std::string_view ChannelName(Channel channel) {
  switch (channel) {
    case Channel::kSystem:
      return "system";
    case Channel::kEmail:
      return "email";
    case Channel::kLetter:
      return "letter";
    case Channel::kOther:
      return "other";
  }
  return "unspecified";
}

std::string_view CaseKindName(CaseKind kind) {
  switch (kind) {
    case CaseKind::kNomination:
      return "nomination";
    case CaseKind::kReplacement:
      return "replacement";
    case CaseKind::kConfirmation:
      return "confirmation";
  }
  return "unspecified";
}

std::string_view ConfirmationChoiceName(ConfirmationChoice choice) {
  switch (choice) {
    case ConfirmationChoice::kConfirm:
      return "confirm";
    case ConfirmationChoice::kReplace:
      return "replace";
    case ConfirmationChoice::kEnd:
      return "end";
  }
  return "unspecified";
}

std::string_view GenderName(Gender gender) {
  switch (gender) {
    case Gender::kWoman:
      return "woman";
    case Gender::kMan:
      return "man";
    case Gender::kNotStated:
      return "not_stated";
  }
  return "not_stated";
}

std::optional<Gender> GenderFromName(std::string_view name) {
  if (name.empty() || name == "not_stated") return Gender::kNotStated;
  if (name == "woman") return Gender::kWoman;
  if (name == "man") return Gender::kMan;
  return std::nullopt;
}

std::string_view SeatKindName(SeatKind seat) {
  switch (seat) {
    case SeatKind::kMember:
      return "member";
    case SeatKind::kDeputy:
      return "deputy";
  }
  return "unspecified";
}

std::string_view EndReasonName(EndReason reason) {
  switch (reason) {
    case EndReason::kTermEnded:
      return "term_ended";
    case EndReason::kNetworkClosed:
      return "network_closed";
    case EndReason::kReplaced:
      return "replaced";
    case EndReason::kResigned:
      return "resigned";
    case EndReason::kRecalled:
      return "recalled";
    case EndReason::kNotRenewed:
      return "not_renewed";
  }
  return "unspecified";
}

std::string_view ResignationRequestStateName(ResignationRequestState state) {
  switch (state) {
    case ResignationRequestState::kPending:
      return "pending";
    case ResignationRequestState::kRecorded:
      return "recorded";
  }
  return "unspecified";
}

Stamp MakeStamp(const Actor& actor, TimePoint at) {
  return Stamp{actor.user_id,   actor.display_name,     actor.role, actor.on_behalf_of, at,
               actor.principal, actor.on_behalf_of_name};
}

}  // namespace verkosto::nominations
