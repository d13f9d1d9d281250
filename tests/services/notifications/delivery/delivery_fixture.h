#pragma once

// A notifications database in memory with one message and its e-mail
// delivery, for the delivery tests.
#include <gtest/gtest.h>

#include <memory>

#include "core/clock.h"
#include "core/date.h"
#include "notifications/service.h"
#include "notifications/storage/sqlite_notification_repository.h"
#include "storage/database.h"

namespace verkosto::notifications::testing {

inline TimePoint Noon() {
  return HelsinkiStartOfDay(*ParseIsoDate("2026-03-02")) + std::chrono::hours(12);
}

class DeliveryFixture : public ::testing::Test {
 protected:
  DeliveryFixture() : clock_(Noon()) {
    auto db = storage::Database::Open(":memory:", Migrations());
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }

  SqliteNotificationRepository Repo() { return SqliteNotificationRepository(db_->sqlite()); }

  // A message for `mailbox` with one delivery to `address` in `status`.
  int64_t AddMail(const std::string& key, const std::string& address,
                  const std::string& status = "pending", const std::string& mailbox = {}) {
    auto repo = Repo();
    MessageRow m;
    m.event_key = key;
    m.mailbox = mailbox.empty() ? "email:" + address : mailbox;
    m.template_name = "case_approved_nominee";
    m.language = "fi";
    m.subject = "Sinut on nimetty verkostoon Työllisyyden edistämisen Ääni-verkosto";
    m.body_text = "Hei Mäkelä,\n\nsinut on nimetty jäseneksi.\n";
    m.body_html = "<p>Hei Mäkelä,</p><p>sinut on nimetty jäseneksi.</p>";
    m.event_type = "verkosto.nominations.v1.CaseApproved";
    m.network_code = "aani";
    m.case_id = "c-1";
    m.created_us = ToMicros(clock_.Now());
    auto id = repo.InsertMessage(m);
    EXPECT_TRUE(id.ok());
    DeliveryRow d;
    d.message_id = *id;
    d.event_key = key;
    d.mailbox = m.mailbox;
    d.address = address;
    d.status = status;
    d.created_us = m.created_us;
    d.next_attempt_us = m.created_us;
    EXPECT_TRUE(repo.InsertDelivery(d).ok());
    return *id;
  }

  DeliveryRow Only() {
    auto rows = Repo().ListDeliveries(DeliveryFilter{});
    EXPECT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), 1u);
    return rows->empty() ? DeliveryRow{} : rows->front();
  }

  FakeClock clock_;
  std::unique_ptr<storage::Database> db_;
};

}  // namespace verkosto::notifications::testing
