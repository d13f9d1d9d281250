#pragma once

#include <google/protobuf/message.h>

#include <memory>

#include "core/result.h"
#include "nominations/domain/confirmation.h"
#include "nominations/domain/events.h"
#include "nominations/domain/gender_balance.h"
#include "nominations/domain/membership.h"
#include "nominations/domain/read_models.h"
#include "nominations/domain/retention.h"
#include "nominations/domain/types.h"
#include "nominations/domain/working_days.h"
#include "verkosto/networks/v1/events.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/events.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

// Domain <-> protobuf for the nominations service, the one translation used
// by the handlers (requests, responses, events) and the networks appliers.
// Decoding client input returns InvalidArgument naming the field.
namespace verkosto::nominations::codec {

namespace pb = ::verkosto::nominations::v1;

pb::CaseState ToProto(CaseState state);
pb::Channel ToProto(Channel channel);
// Errors: invalid_argument ("channel") for an unspecified or unknown channel.
Result<Channel> FromProto(pb::Channel channel);
pb::CaseKind ToProto(CaseKind kind);
pb::SeatKind ToProto(SeatKind seat);
pb::Stamp ToProto(const Stamp& stamp);
pb::Nominee ToProto(const Nominee& nominee);
// Equality Act 4 a § (gender_balance.h). UNSPECIFIED = not stated.
pb::Gender ToProto(Gender gender);
Result<Gender> FromProto(pb::Gender gender, const std::string& field);
pb::BalanceVerdict ToProto(BalanceVerdict verdict);
// One group's counts with percentages, the rule's requirement and verdict.
pb::GroupBalance ToProto(const GenderCounts& counts);
// Clears every Nominee.gender inside `message` (events never carry one).
void ClearGenders(google::protobuf::Message* message);
pb::EndReason ToProto(EndReason reason);
// Errors: invalid_argument ("<field>.seat") for an unspecified seat kind.
Result<Nominee> FromProto(const pb::Nominee& nominee, const std::string& field);
// One answer of DecideConfirmationRequest; an unspecified choice is
// InvalidArgument "answers[<membership_id>]".
Result<ConfirmationAnswerCommand> FromProto(const pb::ConfirmationAnswer& answer);
pb::Case ToProto(const Case& c);
pb::Membership ToProto(const MembershipRecord& membership);
inline pb::Membership ToProto(const Membership& membership) { return ToProto(membership.record()); }
// `person`: the member as their membership shows them now.
pb::ResignationRequest ToProto(const ResignationRequest& request, const Nominee& person);
Seats FromProto(const pb::SeatsAsked& seats);
// The reply's warning about a deadline that is not a working day.
pb::DeadlineWarning ToProto(const NonWorkingDeadline& warning);
pb::ReminderStep ToProto(ReminderStep step);

// "YYYY-MM-DD" from a request field. Errors: invalid_argument naming `field`
// when empty or not a valid date.
Result<Date> ParseDate(const std::string& text, const std::string& field);

// The event message of a domain event, ready for the outbox.
std::unique_ptr<google::protobuf::Message> ToProto(const Event& event);

// The outbox message of a retention run.
std::unique_ptr<pb::RetentionApplied> ToProto(const RetentionApplied& event);

// The read model's view of a network from a networks.v1 Network.
NetworkInfo FromNetworksProto(const ::verkosto::networks::v1::Network& network);
Participation FromNetworksProto(::verkosto::networks::v1::ParticipationDecision decision);
AreaInfo FromNetworksProto(const ::verkosto::networks::v1::Area& area);

}  // namespace verkosto::nominations::codec
