#pragma once

#include <google/protobuf/any.pb.h>

#include <string>

#include "core/actor.h"
#include "core/result.h"
#include "core/status.h"
#include "verkosto/common/v1/envelope.pb.h"

namespace verkosto::messaging {

// The wire protocol version this build speaks; a request with another version
// is refused with invalid_argument (field "protocol_version").
inline constexpr uint32_t kProtocolVersion = 1;

// Status <-> proto Error, the single translation at the messaging edge.
common::v1::Error ToProtoError(const Status& status);
Status FromProtoError(const common::v1::Error& error);

// core Role <-> proto Role, the one place the two are converted (their
// numbers are equal). A number no Role has gives Role::kUnspecified, which
// every check that needs a role rejects.
common::v1::Role ToProtoRole(Role role);
Role FromProtoRole(common::v1::Role role);

// core Actor <-> proto Actor.
common::v1::Actor ToProtoActor(const Actor& actor);
Actor FromProtoActor(const common::v1::Actor& actor);

// "verkosto.networks.v1.CreateNetworkRequest" for an Any holding one.
std::string AnyTypeName(const google::protobuf::Any& any);

// A ReplyEnvelope carrying `status` as error.
common::v1::ReplyEnvelope ErrorReply(const std::string& request_id, const Status& status);

// Short "user/role/area" form for log lines; never contains secrets.
std::string ActorForLog(const common::v1::Actor& actor);

// A fresh random id (32 hex characters) for client and request ids.
std::string RandomId();

}  // namespace verkosto::messaging
