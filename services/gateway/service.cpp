#include "gateway/service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "gateway/auth/credentials.h"
#include "gateway/domain/demo_accounts.h"
#include "gateway/storage/account_gauges.h"
#include "gateway/storage/sqlite_account_repository.h"

namespace verkosto::gateway {

Status CreateDemoAccounts(runtime::ServiceRuntime& runtime, const HashLimits& limits) {
  const Actor system{"verkosto", "verkosto demo data", Role::kSystem, AreaCode(""), "", ""};
  int created = 0;
  Status status =
      runtime.RunInTransaction(system, "demo accounts", [&](messaging::Context& ctx) -> Status {
        SqliteAccountRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<AccountRecord> existing, repo.ListAccounts(true));
        if (!existing.empty()) return Status::Ok();  // not the first start
        // One hash for all: they share the demo password (and so its salt).
        VERKOSTO_ASSIGN_OR_RETURN(std::string hash, HashPassword(kDemoPassword, limits));
        for (AccountRecord account : DemoAccounts()) {
          VERKOSTO_ASSIGN_OR_RETURN(account, NormalizeAccount(std::move(account)));
          account.password_hash = hash;
          account.created = ctx.now();
          account.password_set = ctx.now();
          VERKOSTO_RETURN_IF_ERROR(repo.AddAccount(account));
          VERKOSTO_RETURN_IF_ERROR(
              repo.Audit(AuditRecord{ctx.now(), system.user_id, system.role, "", "account_created",
                                     account.user_id, "demo account", ctx.actor().principal}));
          ++created;
        }
        return Status::Ok();
      });
  if (!status.ok()) return status;
  if (created > 0) spdlog::info("created {} demo accounts", created);
  return Status::Ok();
}

GatewayOptions OptionsFromConfig(const config::SystemConfig& system) {
  const config::AuthConfig& auth = system.auth;
  GatewayOptions options;
  AuthPolicy& policy = options.accounts.policy;
  policy.idle_timeout = std::chrono::minutes(auth.idle_timeout_minutes);
  policy.absolute_lifetime = std::chrono::hours(auth.session_lifetime_hours);
  // [auth] max_failed_logins are the free failures of one name from one
  // address; lockout_minutes is the window every rule counts in and the
  // longest wait of the name-and-address and address rules. The rule of a
  // name over every address keeps its short cap, so nobody locks anyone out.
  const std::chrono::minutes lockout(auth.lockout_minutes);
  LoginThrottlePolicy& throttle = policy.throttle;
  throttle.name_at_address.free_failures = auth.max_failed_logins;
  for (ThrottleRule* rule : {&throttle.name_at_address, &throttle.address, &throttle.name}) {
    rule->window = lockout;
  }
  throttle.name_at_address.max_delay = lockout;
  throttle.address.max_delay = lockout;
  throttle.name.max_delay = std::min<std::chrono::microseconds>(throttle.name.max_delay, lockout);
  policy.api_token_lifetime = std::chrono::hours(24) * auth.token_days;
  options.accounts.hash.ops_limit = static_cast<unsigned long long>(auth.password_hash_ops);
  options.accounts.hash.mem_limit = static_cast<size_t>(auth.password_hash_mem_kib) * 1024;
  options.http.secure_cookies = auth.secure_cookies;
  options.http.policy = policy;
  options.http.hash = options.accounts.hash;
  options.http.hash_workers = auth.hash_workers;
  options.http.session_cache = std::chrono::seconds(auth.session_cache_seconds);
  options.http.workers = system.http_workers;
  return options;
}

Result<std::shared_ptr<HttpFrontend>> WireGateway(runtime::ServiceRuntime& runtime,
                                                  const config::SystemConfig& system,
                                                  const GatewayOptions& options) {
  VERKOSTO_RETURN_IF_ERROR(InitCrypto());
  // The account audit is a chain of its own, witnessed like the outbox.
  VERKOSTO_RETURN_IF_ERROR(runtime.AddChain(AccountAuditChainTable()));
  // Every account change the handlers make ends the HTTP side's cached
  // session checks (the fast path) at once.
  AccountSettings accounts = options.accounts;
  if (accounts.changes == nullptr) accounts.changes = std::make_shared<AccountsGeneration>();
  RegisterAccountHandlers(runtime.server(), accounts);
  // GET /metrics: recent login failures and active sessions.
  runtime.AddMetrics([policy = options.accounts.policy](messaging::Context& ctx,
                                                        common::v1::MetricsResponse& out) {
    return AddAccountGauges(ctx.db(), ctx.now(), policy, out);
  });
  if (system.demo_data)
    VERKOSTO_RETURN_IF_ERROR(CreateDemoAccounts(runtime, options.accounts.hash));
  // The accounts' rules and hash cost are the HTTP side's too (a login checks
  // the password there): one source, whoever filled `options`.
  HttpAuthOptions http = options.http;
  http.policy = options.accounts.policy;
  http.hash = options.accounts.hash;
  http.changes = accounts.changes;
  auto frontend = std::make_shared<HttpFrontend>(runtime.zmq(), system, runtime.clock(),
                                                 runtime.credentials(), http);
  VERKOSTO_RETURN_IF_ERROR(frontend->Start());
  runtime.Keep(frontend);
  return frontend;
}

Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system) {
  return WireGateway(runtime, system, OptionsFromConfig(system)).status();
}

}  // namespace verkosto::gateway
