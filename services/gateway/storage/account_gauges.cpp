#include "gateway/storage/account_gauges.h"

#include <SQLiteCpp/Statement.h>

#include "gateway/domain/login_throttle.h"
#include "storage/database.h"

namespace verkosto::gateway {

namespace {

void AddGauge(common::v1::MetricsResponse& out, const char* name, const char* help, int64_t value) {
  common::v1::GaugeSample* gauge = out.add_gauges();
  gauge->set_name(name);
  gauge->set_help(help);
  gauge->set_value(static_cast<double>(value));
}

}  // namespace

Status AddAccountGauges(SQLite::Database& db, TimePoint now, const AuthPolicy& policy,
                        common::v1::MetricsResponse& out) {
  int64_t failures = 0;
  int64_t sessions = 0;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&]() -> Status {
    SQLite::Statement f(db, "SELECT COUNT(*) FROM login_failures WHERE at_us >= ?");
    f.bind(1, ToMicros(ThrottleRelevantSince(now, policy.throttle)));
    if (f.executeStep()) failures = f.getColumn(0).getInt64();
    // As SessionExpired (domain/accounts.cpp) decides one session.
    SQLite::Statement s(db,
                        "SELECT COUNT(*) FROM sessions WHERE last_seen_us > ? AND created_us > ?");
    s.bind(1, ToMicros(now - policy.idle_timeout));
    s.bind(2, ToMicros(now - policy.absolute_lifetime));
    if (s.executeStep()) sessions = s.getColumn(0).getInt64();
    return Status::Ok();
  }));
  AddGauge(out, "verkosto_login_failures",
           "Failed logins the login throttle counts now (within [auth] lockout_minutes).",
           failures);
  AddGauge(out, "verkosto_sessions_active", "Login sessions neither idle nor past their lifetime.",
           sessions);
  return Status::Ok();
}

}  // namespace verkosto::gateway
