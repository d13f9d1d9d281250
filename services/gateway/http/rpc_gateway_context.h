#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <zmq.hpp>

#include "config/config.h"
#include "core/clock.h"
#include "gateway/auth/credentials.h"
#include "gateway/domain/accounts.h"
#include "gateway/http/client_states.h"
#include "gateway/http/gateway_context.h"
#include "gateway/http/session_cache.h"
#include "messaging/rpc_client.h"
#include "verkosto/gateway/v1/accounts.pb.h"

namespace verkosto::gateway {

// How the HTTP side treats cookies and sessions.
struct HttpAuthOptions {
  // Add "Secure" to the cookies (set when the gateway is served over HTTPS).
  bool secure_cookies = false;
  // The login rules (for when to write a session's last use).
  AuthPolicy policy;
  // How long one RPC to a service may take, retries included.
  std::chrono::milliseconds rpc_timeout{5000};
  // The cost of password hashes (a login checks and, after a change of cost,
  // renews them on the HTTP workers).
  HashLimits hash;
  // How many password hashes may run at once over every HTTP worker.
  int hash_workers = 2;
  // The fast path (SessionCache): how long a checked session or token is
  // trusted without asking again, and the count the account handlers bump on
  // every change. Without `changes` nothing is cached (nothing would end it).
  std::chrono::microseconds session_cache{std::chrono::seconds(5)};
  std::shared_ptr<const AccountsGeneration> changes{};
  // HTTP worker threads ([http] workers).
  int workers = 16;
};

// At most N password hashes at once over every HTTP worker ([auth]
// hash_workers): a login waits for a slot, so a burst of logins cannot take
// every core (argon2id is made to be slow and big).
class HashSlots {
 public:
  explicit HashSlots(int slots) : free_(std::max(slots, 1)) {}
  void Acquire() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return free_ > 0; });
    --free_;
  }
  void Release() {
    {
      std::lock_guard lock(mutex_);
      ++free_;
    }
    changed_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int free_;
};

// Holds one slot of `slots` (none when null) for its lifetime.
class HashSlot {
 public:
  explicit HashSlot(HashSlots* slots) : slots_(slots) {
    if (slots_ != nullptr) slots_->Acquire();
  }
  ~HashSlot() {
    if (slots_ != nullptr) slots_->Release();
  }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;

 private:
  HashSlots* slots_;
};

// What the contexts of every HTTP worker share, owned by HttpFrontend (each
// may be null): whether each call got an answer (for /healthz), the bound on
// password hashes, the fast path of session checks, and the count of RPCs
// made (bench/gateway_bench prints it per request).
struct SharedByWorkers {
  ClientStates* client_states = nullptr;
  HashSlots* hash_slots = nullptr;
  SessionCache* sessions = nullptr;
  std::atomic<uint64_t>* rpc_calls = nullptr;
};

// How a request was authenticated.
struct Authenticated {
  RequestUser user;
  // True for "Authorization: Bearer <API token>" (no CSRF token needed).
  bool by_api_token = false;
  // The session token's hash (empty for an API token).
  std::string session_hash;
};

// The outcome of a login attempt.
struct LoginOutcome {
  bool accepted = false;
  std::string refusal;  // "wrong_credentials" or "throttled" when refused
  // When throttled: when the next attempt may be made.
  std::optional<TimePoint> retry_after;
  v1::Account account;
  std::string csrf_token;
};

// The GatewayContext of one HTTP worker thread: one RpcClient per service
// (made on first use), reaching the gateway's own accounts over its RPC
// server as the system actor "gateway". Sessions are cookies holding a random
// token; the database only knows the token's hash. Not thread-safe: one per
// thread (HttpFrontend hands them out).
class RpcGatewayContext final : public GatewayContext {
 public:
  // `credentials`: the gateway's CURVE identity; its clients talk to each
  // service as the principal "gateway". What `shared` points to must
  // outlive this context.
  RpcGatewayContext(zmq::context_t& zmq, config::SystemConfig system, const Clock& clock,
                    messaging::Credentials credentials, HttpAuthOptions options,
                    SharedByWorkers shared = {});

  Status Call(const std::string& service, const Actor& actor,
              const google::protobuf::Message& request,
              google::protobuf::Message* response) override;
  // As one request of the logical client "gateway-retry" whose request id is
  // a hash of `retry_key`: the same key is the same request, from any worker
  // thread and across gateway restarts.
  Status CallOnce(const std::string& service, const Actor& actor, const std::string& retry_key,
                  const google::protobuf::Message& request,
                  google::protobuf::Message* response) override;
  std::optional<RequestUser> CurrentUser(const httplib::Request& req) override;
  TimePoint Now() const override { return clock_.Now(); }
  std::string AccessibilityContact() const override { return system_.http_accessibility_contact; }
  bool CheckCsrf(const httplib::Request& req, const RequestUser& user) override;
  std::string LoginFormToken(const httplib::Request& req, httplib::Response& res) override;

  // CurrentUser with how it was authenticated. A bearer token, when sent, is
  // the only credential looked at. Marks the session used (at most once per
  // policy.touch_interval). On the fast path (a fresh SessionCache entry) it
  // makes no RPC at all.
  std::optional<Authenticated> Authenticate(const httplib::Request& req);

  // Checks user name and password; on success opens a session and sets its
  // cookie on `res`. Errors: unavailable (accounts not reachable), internal.
  Result<LoginOutcome> Login(const std::string& user_id, const std::string& password,
                             const httplib::Request& req, httplib::Response& res);

  // Ends the request's session (if any) and clears the cookie on `res`.
  Status Logout(const httplib::Request& req, httplib::Response& res);

  // True when the login form's token (field "csrf_token") matches its cookie.
  bool CheckLoginFormToken(const httplib::Request& req) const;

  // The actor of the gateway itself.
  static Actor GatewayActor();

 private:
  // Records in the account audit that `actor`, a person, was shown other
  // people's contact data by `response` (docs/authorization.md).
  Status AuditContactRead(const Actor& actor, const google::protobuf::Message& request,
                          const google::protobuf::Message& response);

  // This thread's client of `service`; with `retries`, the one of the shared
  // logical client id kRetryClientId (CallOnce).
  messaging::RpcClient& Client(const std::string& service, bool retries = false);
  // Call and CallOnce: `request_id` empty = the client's next.
  Status CallWith(messaging::RpcClient& client, const std::string& service, const Actor& actor,
                  const google::protobuf::Message& request, google::protobuf::Message* response,
                  const std::string& request_id);
  std::string Cookie(const std::string& value, const std::string& path, bool expire) const;

  zmq::context_t& zmq_;
  config::SystemConfig system_;
  const Clock& clock_;
  messaging::Credentials credentials_;
  HttpAuthOptions options_;
  SharedByWorkers shared_;
  std::map<std::string, std::unique_ptr<messaging::RpcClient>> clients_;
};

}  // namespace verkosto::gateway
