#include "gateway/http/rpc_gateway_context.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "core/text.h"
#include "gateway/auth/credentials.h"
#include "gateway/http/contact_reads.h"
#include "gateway/http/cookies.h"
#include "messaging/envelope.h"

namespace verkosto::gateway {

namespace pb = ::verkosto::gateway::v1;

namespace {

RequestUser ToRequestUser(const pb::Account& account, std::string csrf) {
  RequestUser user;
  user.actor = Actor{
      account.user_id(),        account.display_name(), messaging::FromProtoRole(account.role()),
      AreaCode(account.area()), account.on_behalf_of(), account.email()};
  user.actor.on_behalf_of_name = account.on_behalf_of_name();
  user.csrf_token = std::move(csrf);
  // A number this build does not know (a newer gateway's database) shows Finnish.
  const Result<std::optional<Language>> language =
      messaging::FromProtoLanguage(account.language(), "language");
  user.language = language.ok() ? language->value_or(Language::kFi) : Language::kFi;
  return user;
}

std::string BearerToken(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() <= kPrefix.size() || header.compare(0, kPrefix.size(), kPrefix) != 0) {
    return {};
  }
  return std::string(text::Trim(header.substr(kPrefix.size())));
}

}  // namespace

RpcGatewayContext::RpcGatewayContext(zmq::context_t& zmq, config::SystemConfig system,
                                     const Clock& clock, messaging::Credentials credentials,
                                     HttpAuthOptions options, SharedByWorkers shared)
    : zmq_(zmq),
      system_(std::move(system)),
      clock_(clock),
      credentials_(std::move(credentials)),
      options_(std::move(options)),
      shared_(shared) {}

Actor RpcGatewayContext::GatewayActor() {
  return Actor{"gateway", "verkosto gateway", Role::kSystem, AreaCode(""), "", ""};
}

messaging::RpcClient& RpcGatewayContext::Client(const std::string& service, bool retries) {
  const std::string key = retries ? service + "/retry" : service;
  auto it = clients_.find(key);
  if (it == clients_.end()) {
    messaging::ClientOptions client;
    // One logical client for every thread and run of the gateway, so that a
    // retried Idempotency-Key finds the reply stored for its first sending.
    if (retries) client.client_id = "gateway-retry";
    auto found = system_.services.find(service);
    client.endpoint = found == system_.services.end() ? "" : found->second.rpc_endpoint;
    client.timeout = options_.rpc_timeout;
    client.curve = credentials_.ClientOf(service);
    it = clients_.emplace(key, std::make_unique<messaging::RpcClient>(zmq_, client)).first;
  }
  return *it->second;
}

Status RpcGatewayContext::Call(const std::string& service, const Actor& actor,
                               const google::protobuf::Message& request,
                               google::protobuf::Message* response) {
  if (system_.services.find(service) == system_.services.end()) {
    return Status::Internal("unknown service '" + service + "'");
  }
  return CallWith(Client(service), service, actor, request, response, {});
}

Status RpcGatewayContext::CallOnce(const std::string& service, const Actor& actor,
                                   const std::string& retry_key,
                                   const google::protobuf::Message& request,
                                   google::protobuf::Message* response) {
  if (system_.services.find(service) == system_.services.end()) {
    return Status::Internal("unknown service '" + service + "'");
  }
  // A hash: the key is the client's text, the request id goes into the
  // service's database and logs.
  return CallWith(Client(service, true), service, actor, request, response,
                  "retry-" + TokenHash(retry_key).substr(0, 40));
}

Status RpcGatewayContext::CallWith(messaging::RpcClient& client, const std::string& service,
                                   const Actor& actor, const google::protobuf::Message& request,
                                   google::protobuf::Message* response,
                                   const std::string& request_id) {
  if (shared_.rpc_calls != nullptr) shared_.rpc_calls->fetch_add(1, std::memory_order_relaxed);
  Result<google::protobuf::Any> any = client.CallRaw(actor, request, request_id);
  if (shared_.client_states != nullptr) {
    switch (client.last_delivery()) {
      case messaging::RpcClient::Delivery::kAnswered:
        shared_.client_states->RecordSuccess(service);
        break;
      case messaging::RpcClient::Delivery::kNoAnswer:
        shared_.client_states->RecordFailure(service, any.status().message());
        break;
      case messaging::RpcClient::Delivery::kNone:
      case messaging::RpcClient::Delivery::kNotSent:  // says nothing about the service
        break;
    }
  }
  if (!any.ok()) return any.status();
  if (!any->UnpackTo(response)) {
    return Status::Internal("unexpected reply type " + any->type_url() + " from " + service);
  }
  return AuditContactRead(actor, request, *response);
}

Status RpcGatewayContext::AuditContactRead(const Actor& actor,
                                           const google::protobuf::Message& request,
                                           const google::protobuf::Message& response) {
  // The gateway's own work (sessions) and the operator are not people reading.
  if (actor.role == Role::kSystem || actor.role == Role::kOperator ||
      actor.role == Role::kUnspecified) {
    return Status::Ok();
  }
  std::vector<std::string> subjects = ContactSubjects(response, actor.email);
  if (subjects.empty()) return Status::Ok();
  pb::RecordContactReadRequest record;
  record.set_operation(request.GetDescriptor()->full_name());
  for (std::string& subject : subjects) record.add_subjects(std::move(subject));
  pb::RecordContactReadResponse recorded;
  // Fail closed: data whose reading cannot be recorded is not shown.
  Status status = Call("gateway", actor, record, &recorded);
  if (!status.ok()) {
    spdlog::warn("contact read of {} not recorded: {}", record.operation(), status.ToString());
    return Status::Unavailable("the read could not be recorded in the audit; try again");
  }
  return Status::Ok();
}

std::optional<Authenticated> RpcGatewayContext::Authenticate(const httplib::Request& req) {
  pb::ValidateSessionRequest request;
  const std::string bearer = BearerToken(req);
  if (!bearer.empty()) {
    request.set_api_token_hash(TokenHash(bearer));
  } else {
    const std::string session_token = CookieValue(req, kSessionCookie);
    if (session_token.empty()) return std::nullopt;
    request.set_session_token_hash(TokenHash(session_token));
  }
  const bool by_api_token = !bearer.empty();
  const std::string key = SessionCache::Key(
      by_api_token, by_api_token ? request.api_token_hash() : request.session_token_hash());
  const TimePoint now = clock_.Now();
  SessionCache* cache = shared_.sessions;
  std::optional<pb::ValidateSessionResponse> response;
  if (cache != nullptr) response = cache->Find(key, now);
  if (!response) {
    // Read before asking: a change made while the question is on its way
    // makes the answer too old to keep.
    const uint64_t generation = cache != nullptr ? cache->generation() : 0;
    response.emplace();
    Status status = Call("gateway", GatewayActor(), request, &*response);
    if (!status.ok()) {
      if (status.code() != ErrorCode::kNotFound) {
        spdlog::warn("session check failed: {}", status.ToString());
      }
      return std::nullopt;
    }
    if (cache != nullptr) cache->Store(key, *response, generation, now);
  }
  Authenticated out;
  out.user = ToRequestUser(response->account(), response->csrf_token());
  out.by_api_token = by_api_token;
  out.session_hash = request.session_token_hash();
  if (!out.by_api_token &&
      ShouldTouch(FromMicros(response->last_seen_unix_us()), now, options_.policy)) {
    pb::TouchSessionRequest touch;
    touch.set_session_token_hash(out.session_hash);
    pb::TouchSessionResponse touched;
    if (Status st = Call("gateway", GatewayActor(), touch, &touched); !st.ok()) {
      if (st.code() == ErrorCode::kNotFound) {  // expired meanwhile
        if (cache != nullptr) cache->Forget(key);
        return std::nullopt;
      }
      spdlog::warn("session touch failed: {}", st.ToString());
    } else if (cache != nullptr) {
      cache->SetLastSeen(key, now);
    }
  }
  return out;
}

std::optional<RequestUser> RpcGatewayContext::CurrentUser(const httplib::Request& req) {
  std::optional<Authenticated> auth = Authenticate(req);
  if (!auth) return std::nullopt;
  return std::move(auth->user);
}

bool RpcGatewayContext::CheckCsrf(const httplib::Request& req, const RequestUser& user) {
  // A bearer token is never sent by a browser on its own accord, so a
  // forged cross-site request cannot carry one.
  if (!BearerToken(req).empty() && user.csrf_token.empty()) return true;
  if (user.csrf_token.empty()) return false;
  std::string sent = req.get_header_value("X-CSRF-Token");
  if (sent.empty()) sent = req.get_param_value("csrf_token");
  return !sent.empty() && ConstantTimeEquals(sent, user.csrf_token);
}

std::string RpcGatewayContext::Cookie(const std::string& value, const std::string& path,
                                      bool expire) const {
  std::string cookie = value + "; Path=" + path + "; HttpOnly; SameSite=Strict";
  if (expire) cookie += "; Max-Age=0";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

std::string RpcGatewayContext::LoginFormToken(const httplib::Request& req, httplib::Response& res) {
  // Reuse a token the browser already has, so two open login tabs both work.
  std::string token = CookieValue(req, kLoginCsrfCookie);
  if (token.size() != 64) {
    token = RandomToken("");
    // Short-lived: a login form older than two hours asks again.
    res.set_header("Set-Cookie", Cookie(std::string(kLoginCsrfCookie) + "=" + token, "/", false) +
                                     "; Max-Age=7200");
  }
  return token;
}

bool RpcGatewayContext::CheckLoginFormToken(const httplib::Request& req) const {
  const std::string cookie = CookieValue(req, kLoginCsrfCookie);
  const std::string sent = req.get_param_value("csrf_token");
  return !cookie.empty() && ConstantTimeEquals(cookie, sent);
}

Result<LoginOutcome> RpcGatewayContext::Login(const std::string& user_id,
                                              const std::string& password,
                                              const httplib::Request& req, httplib::Response& res) {
  const std::string token = RandomToken("");
  pb::CheckLoginRequest check;
  check.set_user_id(user_id);
  check.set_address(req.remote_addr);
  pb::CheckLoginResponse checked;
  VERKOSTO_RETURN_IF_ERROR(Call("gateway", GatewayActor(), check, &checked));

  pb::LoginRequest request;
  request.set_user_id(user_id);
  request.set_address(req.remote_addr);
  request.set_client(req.remote_addr + " " + req.get_header_value("User-Agent").substr(0, 120));
  request.set_session_token_hash(TokenHash(token));
  if (checked.retry_after_unix_us() != 0) {
    // Waiting: no hash is computed, so a flood of guesses costs next to nothing.
    request.set_outcome(pb::LOGIN_OUTCOME_THROTTLED);
  } else {
    // argon2id here, on this HTTP worker and at most options_.hash_workers at
    // once (shared_.hash_slots), never on the accounts' loop that answers every
    // other request.
    HashSlot slot(shared_.hash_slots);
    bool verified = false;
    if (checked.password_hash().empty()) {
      VerifyDummyPassword(password, options_.hash);  // as long as a wrong password
    } else {
      verified = VerifyPassword(checked.password_hash(), password);
    }
    request.set_outcome(verified ? pb::LOGIN_OUTCOME_VERIFIED : pb::LOGIN_OUTCOME_WRONG);
    if (verified) {
      request.set_verified_hash(checked.password_hash());
      if (NeedsRehash(checked.password_hash(), options_.hash)) {
        Result<std::string> rehashed = HashPassword(password, options_.hash);
        if (rehashed.ok()) request.set_rehashed(*rehashed);
      }
    }
  }
  pb::LoginResponse response;
  VERKOSTO_RETURN_IF_ERROR(Call("gateway", GatewayActor(), request, &response));
  LoginOutcome outcome;
  outcome.accepted = response.accepted();
  outcome.refusal = response.refusal();
  if (response.retry_after_unix_us() != 0) {
    outcome.retry_after = FromMicros(response.retry_after_unix_us());
  }
  if (outcome.accepted) {
    outcome.account = response.account();
    outcome.csrf_token = response.csrf_token();
    res.set_header("Set-Cookie", Cookie(std::string(kSessionCookie) + "=" + token, "/", false));
  }
  return outcome;
}

Status RpcGatewayContext::Logout(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Set-Cookie", Cookie(std::string(kSessionCookie) + "=", "/", true));
  const std::string token = CookieValue(req, kSessionCookie);
  if (token.empty()) return Status::Ok();
  pb::LogoutRequest request;
  request.set_session_token_hash(TokenHash(token));
  // The handler's change count ends every worker's cached check; this one
  // at once.
  if (shared_.sessions != nullptr) {
    shared_.sessions->Forget(SessionCache::Key(false, request.session_token_hash()));
  }
  pb::LogoutResponse response;
  return Call("gateway", GatewayActor(), request, &response);
}

}  // namespace verkosto::gateway
