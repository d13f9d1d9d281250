#pragma once

#include <SQLiteCpp/Database.h>

#include "core/status.h"
#include "verkosto/common/v1/metrics.pb.h"

namespace verkosto::notifications {

// Adds to `out` the gauge verkosto_mail_deliveries{state} — the e-mail
// deliveries the database holds in each state (pending, sent, failed,
// digest, skipped; every state, 0 when none), for GET /metrics. One
// GROUP BY over deliveries (kept [retention] inbox_months). Errors: storage.
Status AddDeliveryGauges(SQLite::Database& db, common::v1::MetricsResponse& out);

}  // namespace verkosto::notifications
