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

// Adds to `db` a message for `mailbox` (default: the address's own) with one
// e-mail delivery to `address` in `status`, created at `now`; returns the
// message id (0 after a failed insert, which is recorded as a test failure).
inline int64_t AddMail(SQLite::Database& db, TimePoint now, const std::string& key,
                       const std::string& address, DeliveryStatus status = DeliveryStatus::kPending,
                       const std::string& mailbox = {}) {
  SqliteNotificationRepository repo(db);
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
  m.created_us = ToMicros(now);
  auto id = repo.InsertMessage(m);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  if (!id.ok()) return 0;
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

// The one delivery in `db` (a test failure if there is not exactly one).
inline DeliveryRow OnlyDelivery(SQLite::Database& db) {
  auto rows = SqliteNotificationRepository(db).ListDeliveries(DeliveryFilter{});
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  if (!rows.ok()) return DeliveryRow{};
  EXPECT_EQ(rows->size(), 1u);
  return rows->empty() ? DeliveryRow{} : rows->front();
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
                  DeliveryStatus status = DeliveryStatus::kPending,
                  const std::string& mailbox = {}) {
    return testing::AddMail(db_->sqlite(), clock_.Now(), key, address, status, mailbox);
  }

  DeliveryRow Only() { return OnlyDelivery(db_->sqlite()); }

  FakeClock clock_;
  std::unique_ptr<storage::Database> db_;
};

}  // namespace verkosto::notifications::testing
