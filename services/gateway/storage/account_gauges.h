#pragma once

#include <SQLiteCpp/Database.h>

#include "core/clock.h"
#include "core/status.h"
#include "gateway/domain/accounts.h"
#include "verkosto/common/v1/metrics.pb.h"

namespace verkosto::gateway {

// Adds the gateway's account gauges to `out`, for GET /metrics:
//   verkosto_login_failures   failed logins (and wrong current passwords) the
//                             login throttle still counts at `now` (within
//                             [auth] lockout_minutes; a name's success from an
//                             address clears its failures there)
//   verkosto_sessions_active  sessions neither idle nor past their lifetime at `now`
// Errors: storage.
Status AddAccountGauges(SQLite::Database& db, TimePoint now, const AuthPolicy& policy,
                        common::v1::MetricsResponse& out);

}  // namespace verkosto::gateway
