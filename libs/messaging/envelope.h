#pragma once

#include <google/protobuf/any.pb.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/language.h"
#include "core/result.h"
#include "core/status.h"
#include "verkosto/common/v1/envelope.pb.h"

namespace verkosto::messaging {

// The wire protocol version this build speaks; a request with another version
// is refused with invalid_argument (field "protocol_version").
inline constexpr uint32_t kProtocolVersion = 1;

// Transport time: what request deadlines, stored replies and request ids are
// measured on. An absolute instant that crosses processes (a request's
// deadline, RequestEnvelope.deadline_unix_us) is the system's real clock;
// waits and back-offs inside one process use std::chrono::steady_clock.
// Never the business Clock a service runs on (Context::now): tests move that,
// and so does `[clock] offset_days`, so a business date years ahead or behind
// must not make a request late or keep a late one alive.
TimePoint TransportNow();

// The deadline of a request sent now that may take `timeout`, retries included.
int64_t DeadlineAfter(std::chrono::milliseconds timeout);

// True when `envelope` carries a deadline (non-zero) that has passed on the
// transport clock.
bool DeadlinePassed(const common::v1::RequestEnvelope& envelope);

// Status <-> proto Error, the single translation at the messaging edge.
common::v1::Error ToProtoError(const Status& status);
Status FromProtoError(const common::v1::Error& error);

// The parts of an error every wire form shares (Error here, the gateway's
// ApiError): appends `violations` (a Status's) to `out`, and builds the Status of `code` and
// `message` with `violations`, or, when there are none, one violation for `field` (a peer that
// names one field only).
void AddProtoViolations(const std::vector<FieldViolation>& violations,
                        google::protobuf::RepeatedPtrField<common::v1::FieldViolation>* out);
Status StatusFromWire(
    ErrorCode code, std::string message, const std::string& field,
    const google::protobuf::RepeatedPtrField<common::v1::FieldViolation>& violations);

// core Role <-> proto Role, the one place the two are converted (their
// numbers are equal). A number no Role has gives Role::kUnspecified, which
// every check that needs a role rejects.
common::v1::Role ToProtoRole(Role role);
Role FromProtoRole(common::v1::Role role);

// core Language <-> proto Language, the one place the two are converted.
// nullopt ("not given": the field's default, e.g. the area's language) is
// LANGUAGE_UNSPECIFIED. FromProtoLanguage: invalid_argument naming `field` for
// a number no Language has (proto3 enums are open: a newer peer may send one).
common::v1::Language ToProtoLanguage(std::optional<Language> language);
Result<std::optional<Language>> FromProtoLanguage(common::v1::Language language,
                                                  const std::string& field);
// A language as people type it (a form field, a CLI option): "fi", "sv",
// "en", or '' for LANGUAGE_UNSPECIFIED. Errors: invalid_argument naming
// `field` for anything else.
Result<common::v1::Language> ParseProtoLanguage(std::string_view code, const std::string& field);

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
