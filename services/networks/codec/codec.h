#pragma once

#include <google/protobuf/message.h>

#include <memory>

#include "core/result.h"
#include "networks/domain/area_directory.h"
#include "networks/domain/burden.h"
#include "networks/domain/network.h"
#include "networks/domain/participation.h"
#include "verkosto/networks/v1/events.pb.h"
#include "verkosto/networks/v1/networks.pb.h"

// Domain <-> protobuf for the networks service, the one translation used by
// the handlers (requests, responses, events) and the storage (the stored
// definition). Decoding client input returns InvalidArgument naming the field.
namespace verkosto::networks::codec {

namespace pb = ::verkosto::networks::v1;

pb::Contact ToProto(const Contact& contact);
Contact FromProto(const pb::Contact& contact);

pb::Municipality ToProto(const Municipality& municipality);
// `municipalities` adds the area's member municipalities (GetArea).
pb::Area ToProto(const Area& area, const AreaDirectory* with_municipalities = nullptr);
AreaContacts ContactsFromProto(const pb::SetAreaContactsRequest& request);

// A plan target; unknown enum numbers come back unspecified (validation refuses them).
pb::PlanTarget ToProto(const PlanTarget& target);
PlanTarget FromProto(const pb::PlanTarget& target);

pb::NetworkDefinition ToProto(const NetworkDefinition& definition);
// Errors: invalid_argument for a date that is not YYYY-MM-DD
// ("term.start_date", "term.end_date").
Result<NetworkDefinition> FromProto(const pb::NetworkDefinition& definition);

pb::NetworkKind ToProto(NetworkKind kind);
NetworkKind FromProto(pb::NetworkKind kind);
pb::NetworkStatus ToProto(NetworkStatus status);
NetworkStatus FromProto(pb::NetworkStatus status);

// A network as clients see it, with the rule-6 disclaimer in fi/sv/en and
// the effective communication plan (effective_targets etc.).
pb::Network ToProto(const Network& network);

pb::ParticipationDecision ToProto(ParticipationChoice choice);
ParticipationChoice FromProto(pb::ParticipationDecision choice);
pb::Participation ToProto(const ParticipationDecision& decision);
pb::ParticipationRow ToProto(const ParticipationRow& row);
pb::Comment ToProto(const Comment& comment);
pb::NetworkVersion ToProto(const NetworkVersion& version);
pb::BurdenLine ToProto(const BurdenLine& line);
pb::GetBurdenResponse ToProto(const Burden& burden);
pb::Audit ToProto(const Audit& audit);

// The event message of a domain event, ready for the outbox.
std::unique_ptr<google::protobuf::Message> ToProto(const NetworkEvent& event);
std::unique_ptr<google::protobuf::Message> ToProto(const ParticipationDecided& event);
std::unique_ptr<google::protobuf::Message> ToProto(const CommentAdded& event);
std::unique_ptr<google::protobuf::Message> ToProto(const AreaDirectoryChanged& event,
                                                   const AreaDirectory& directory);

}  // namespace verkosto::networks::codec
