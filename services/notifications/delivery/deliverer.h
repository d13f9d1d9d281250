#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "notifications/delivery/mail_transport.h"

namespace verkosto::notifications {

struct DeliveryOptions {
  // The From: of every e-mail.
  std::string from = "verkosto <noreply@verkosto.invalid>";
  // Deliveries handed to the transport per run.
  uint32_t batch_size = 20;
  // Back-off after a temporary failure: first_retry, doubling, at most max_retry.
  std::chrono::seconds first_retry{60};
  std::chrono::seconds max_retry{std::chrono::hours(6)};
  // After this many temporary failures the delivery fails for good.
  uint32_t max_attempts = 12;
  // Daily digests go out at or after this hour, Helsinki time.
  int digest_hour = 7;
};

// The wait before the next attempt after `failed_attempts` (>= 1) failures.
std::chrono::microseconds RetryDelay(uint32_t failed_attempts, const DeliveryOptions& options);

// The Message-ID of a delivery: stable across attempts, so a mail resent
// after a crash between sending and recording is recognisable as the same.
std::string EmailMessageId(int64_t delivery_id, int64_t created_us, const std::string& from);

// One e-mail on its way: what to hand to the transport, and how to record
// the transport's answer. `record` runs in its own transaction on the
// database the job was made from (the service loop's thread); `mail` may be
// sent from any thread.
struct MailJob {
  OutgoingMail mail;
  std::function<Status(const SendResult&)> record;
  // The job is a daily digest (else one delivery).
  bool digest = false;
};

// The pending deliveries that are due (clock), at most batch_size, as jobs.
// Recording: sent; a temporary failure -> pending again after RetryDelay
// (failed after max_attempts); a permanent failure -> failed with the
// server's reply; every attempt is logged. Errors: storage errors.
Result<std::vector<MailJob>> DueDeliveryJobs(SQLite::Database& db, const Clock& clock,
                                             const DeliveryOptions& options);

// Once a Helsinki day, at or after digest_hour: one job per (mailbox,
// address) that has had no digest today, listing the messages waiting for
// that recipient's digest. Recording logs the attempt on each delivery and,
// on success, marks them carried. Errors: storage errors.
Result<std::vector<MailJob>> DigestJobs(SQLite::Database& db, const Clock& clock,
                                        const DeliveryOptions& options);

// DueDeliveryJobs, each handed to `transport` on the calling thread and
// recorded. Sending happens outside any transaction: a crash between sending
// and recording sends that mail again (at least once). Returns the number
// of attempts. Errors: storage errors.
Result<size_t> DeliverDue(SQLite::Database& db, MailTransport& transport, const Clock& clock,
                          const DeliveryOptions& options);

// DigestJobs, each sent on the calling thread and recorded; a failed digest
// is tried at the next run. Returns the number of digests sent.
Result<size_t> SendDigests(SQLite::Database& db, MailTransport& transport, const Clock& clock,
                           const DeliveryOptions& options);

}  // namespace verkosto::notifications
