#include "messaging/envelope.h"

#include <random>

namespace verkosto::messaging {

TimePoint TransportNow() { return SystemClock::Instance().Now(); }

int64_t DeadlineAfter(std::chrono::milliseconds timeout) {
  return ToMicros(TransportNow()) +
         std::chrono::duration_cast<std::chrono::microseconds>(timeout).count();
}

bool DeadlinePassed(const common::v1::RequestEnvelope& envelope) {
  return envelope.deadline_unix_us() != 0 && envelope.deadline_unix_us() < ToMicros(TransportNow());
}

common::v1::Error ToProtoError(const Status& status) {
  common::v1::Error error;
  error.set_code(static_cast<common::v1::ErrorCode>(static_cast<int>(status.code())));
  error.set_message(status.message());
  error.set_field(status.field());
  AddProtoViolations(status.violations(), error.mutable_violations());
  return error;
}

Status FromProtoError(const common::v1::Error& error) {
  ErrorCode code = ErrorCodeFromInt(static_cast<int>(error.code()));
  if (code == ErrorCode::kOk) code = ErrorCode::kInternal;  // an error must not read as ok
  return StatusFromWire(code, error.message(), error.field(), error.violations());
}

void AddProtoViolations(const std::vector<FieldViolation>& violations,
                        google::protobuf::RepeatedPtrField<common::v1::FieldViolation>* out) {
  for (const FieldViolation& v : violations) {
    common::v1::FieldViolation* added = out->Add();
    added->set_field(v.field);
    added->set_message(v.message);
  }
}

Status StatusFromWire(
    ErrorCode code, std::string message, const std::string& field,
    const google::protobuf::RepeatedPtrField<common::v1::FieldViolation>& violations) {
  if (violations.empty()) return Status(code, FieldName(field), std::move(message));
  std::vector<FieldViolation> out;
  out.reserve(static_cast<size_t>(violations.size()));
  for (const common::v1::FieldViolation& v : violations) out.push_back({v.field(), v.message()});
  return Status(code, std::move(message), std::move(out));
}

common::v1::Role ToProtoRole(Role role) {
  return static_cast<common::v1::Role>(static_cast<int>(role));
}

Role FromProtoRole(common::v1::Role role) { return RoleFromNumber(static_cast<int>(role)); }

common::v1::Language ToProtoLanguage(std::optional<Language> language) {
  if (!language) return common::v1::LANGUAGE_UNSPECIFIED;
  switch (*language) {
    case Language::kFi:
      return common::v1::LANGUAGE_FI;
    case Language::kSv:
      return common::v1::LANGUAGE_SV;
    case Language::kEn:
      return common::v1::LANGUAGE_EN;
  }
  return common::v1::LANGUAGE_UNSPECIFIED;
}

Result<std::optional<Language>> FromProtoLanguage(common::v1::Language language,
                                                  const std::string& field) {
  switch (language) {
    case common::v1::LANGUAGE_UNSPECIFIED:
      return std::optional<Language>();
    case common::v1::LANGUAGE_FI:
      return std::optional<Language>(Language::kFi);
    case common::v1::LANGUAGE_SV:
      return std::optional<Language>(Language::kSv);
    case common::v1::LANGUAGE_EN:
      return std::optional<Language>(Language::kEn);
    default:
      break;
  }
  return Status::InvalidArgument(
      field, "language " + std::to_string(static_cast<int>(language)) + " is not fi, sv or en");
}

Result<common::v1::Language> ParseProtoLanguage(std::string_view code, const std::string& field) {
  if (code.empty()) return common::v1::LANGUAGE_UNSPECIFIED;
  if (const std::optional<Language> language = LanguageFromCode(code)) {
    return ToProtoLanguage(language);
  }
  return Status::InvalidArgument(field, "'" + std::string(code) + "' is not fi, sv or en");
}

common::v1::Actor ToProtoActor(const Actor& actor) {
  common::v1::Actor out;
  out.set_user_id(actor.user_id);
  out.set_display_name(actor.display_name);
  out.set_role(ToProtoRole(actor.role));
  out.set_area(actor.area.value());
  out.set_on_behalf_of(actor.on_behalf_of);
  out.set_email(actor.email);
  out.set_on_behalf_of_name(actor.on_behalf_of_name);
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
  out.on_behalf_of_name = actor.on_behalf_of_name();
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
