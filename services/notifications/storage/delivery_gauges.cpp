#include "notifications/storage/delivery_gauges.h"

#include <SQLiteCpp/Statement.h>

#include <map>
#include <string>

#include "storage/database.h"

namespace verkosto::notifications {

Status AddDeliveryGauges(SQLite::Database& db, common::v1::MetricsResponse& out) {
  // The states of the deliveries table's CHECK, each shown even at 0 so an
  // alert on "failed" has a series before the first failure.
  std::map<std::string, int64_t> counts = {
      {"pending", 0}, {"sent", 0}, {"failed", 0}, {"digest", 0}, {"skipped", 0}};
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&]() -> Status {
    SQLite::Statement q(db, "SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status");
    while (q.executeStep()) counts[q.getColumn("status").getString()] = q.getColumn("n").getInt64();
    return Status::Ok();
  }));
  for (const auto& [state, count] : counts) {
    common::v1::GaugeSample* gauge = out.add_gauges();
    gauge->set_name("verkosto_mail_deliveries");
    gauge->set_help(
        "E-mail deliveries by state: pending (not yet sent, retried with back-off), failed "
        "(given up), sent, digest (went out in a daily digest), skipped (no address).");
    common::v1::MetricLabel* label = gauge->add_labels();
    label->set_name("state");
    label->set_value(state);
    gauge->set_value(static_cast<double>(count));
  }
  return Status::Ok();
}

}  // namespace verkosto::notifications
