#include "messaging/envelope.h"

#include <random>

namespace verkosto::messaging {

common::v1::Error ToProtoError(const Status& status) {
  common::v1::Error error;
  error.set_code(static_cast<common::v1::ErrorCode>(static_cast<int>(status.code())));
  error.set_message(status.message());
  error.set_field(status.field());
  return error;
}

Status FromProtoError(const common::v1::Error& error) {
  ErrorCode code = ErrorCodeFromInt(static_cast<int>(error.code()));
  if (code == ErrorCode::kOk) code = ErrorCode::kInternal;  // an error must not read as ok
  return Status(code, error.message(), error.field());
}

common::v1::Role ToProtoRole(Role role) {
  return static_cast<common::v1::Role>(static_cast<int>(role));
}

Role FromProtoRole(common::v1::Role role) { return RoleFromNumber(static_cast<int>(role)); }

common::v1::Actor ToProtoActor(const Actor& actor) {
  common::v1::Actor out;
  out.set_user_id(actor.user_id);
  out.set_display_name(actor.display_name);
  out.set_role(ToProtoRole(actor.role));
  out.set_area(actor.area.value());
  out.set_on_behalf_of(actor.on_behalf_of);
  out.set_email(actor.email);
  return out;
}

Actor FromProtoActor(const common::v1::Actor& actor) {
  Actor out;
  out.user_id = actor.user_id();
  out.display_name = actor.display_name();
  out.role = FromProtoRole(actor.role());
  out.area = AreaCode(actor.area());
  out.on_behalf_of = actor.on_behalf_of();
  out.email = actor.email();
  return out;
}

std::string AnyTypeName(const google::protobuf::Any& any) {
  const std::string& url = any.type_url();
  const auto slash = url.rfind('/');
  return slash == std::string::npos ? url : url.substr(slash + 1);
}

common::v1::ReplyEnvelope ErrorReply(const std::string& request_id, const Status& status) {
  common::v1::ReplyEnvelope reply;
  reply.set_request_id(request_id);
  *reply.mutable_error() = ToProtoError(status);
  return reply;
}

std::string ActorForLog(const common::v1::Actor& actor) {
  std::string out = actor.user_id().empty() ? "-" : actor.user_id();
  out += '/';
  out += RoleName(FromProtoActor(actor).role);
  if (!actor.area().empty()) {
    out += '/';
    out += actor.area();
  }
  if (!actor.on_behalf_of().empty()) {
    out += " for ";
    out += actor.on_behalf_of();
  }
  return out;
}

std::string RandomId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (size_t i = 0; i < out.size(); i += 16) {
    uint64_t bits = rng();
    for (size_t j = 0; j < 16; ++j) {
      out[i + j] = kHex[bits & 0xfu];
      bits >>= 4;
    }
  }
  return out;
}

}  // namespace verkosto::messaging
