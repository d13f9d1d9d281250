#pragma once

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "core/status.h"
#include "messaging/event_consumer.h"
#include "notifications/delivery/deliverer.h"
#include "notifications/delivery/mail_transport.h"
#include "notifications/domain/policy.h"
#include "notifications/domain/retention.h"
#include "notifications/render/renderer.h"
#include "notifications/storage/sqlite_notification_repository.h"
#include "runtime/service_runtime.h"
#include "storage/database.h"

namespace verkosto::notifications {

// Every migration of the notifications database: the messaging tables (1), then schema/.
std::vector<storage::Migration> Migrations();

// The built-in templates, parsed once. Errors: internal (a build defect).
Result<const TemplateSet*> BuiltInTemplates();

// Turns one notice into inbox messages and e-mail deliveries, inside the
// caller's transaction on `db`: the policy picks the recipients; each gets
// one message (UNIQUE (event_key, mailbox)) rendered in their language
// (preference, person, area, Finnish) and one delivery per address (UNIQUE
// (event_key, mailbox, channel, address)): pending, or digest / skipped
// by the mailbox's e-mail preference, skipped without an address. Applying
// the same event_key again changes nothing. Returns the messages created.
Result<size_t> RecordNotice(SQLite::Database& db, const TemplateSet& templates,
                            const std::string& event_key, const Notice& notice, TimePoint now,
                            const std::string& link_base);

// Registers the appliers of the networks and nominations events on the
// runtime's consumers (those present); they keep the read model and record
// notices inside the consumer's transaction.
void RegisterAppliers(runtime::ServiceRuntime& runtime, const std::string& link_base);

// One term-notice run: for every open network whose term ends within
// `notice_days` (Helsinki date by the runtime clock) and whose notice has not
// gone out for that term end, records a kTermEnding notice for its active
// members and their areas' leadership. Returns the notices recorded. Call on
// the loop's thread (or before Run()).
Result<size_t> RunTermNotices(runtime::ServiceRuntime& runtime, int notice_days,
                              const std::string& link_base);

// The notifications part of the config's [retention].
RetentionPolicy RetentionPolicyOf(const config::SystemConfig& system);

// Where the .eml transport writes (MakeTransport's choice): mail_dir, or
// "<data_dir>/mail".
std::string MailDirOf(const config::SystemConfig& system);

// What one retention run removed.
struct RetentionReport {
  RemovedRows rows;
  uint32_t digest_records = 0;
  std::vector<std::string> eml_files;  // names within the mail directory
  bool ran = false;                    // false: it had already run today
};

// The daily retention job (docs/retention.md). Unless it already ran on
// today's Helsinki date (runtime clock; a clock set back runs nothing):
// in one transaction it deletes the messages MessagesDue names with their
// deliveries and delivery log, the digest records of days before the cutoff,
// picks the .eml files under `mail_dir` that are due (EmlDue by the time in
// their name, and the delivery they carry, if still stored, finished),
// records all of it as a RetentionApplied event (when anything went) and
// stores today as the job's last run; after the commit it unlinks the files
// it named. A crash before the commit changes nothing; one after it leaves
// files the next run finds and names again. Rows never point at files in a
// way that matters: a delivery's last_reply ("written to …") is history.
// Call on the loop's thread (or before Run()).
Result<RetentionReport> RunRetention(runtime::ServiceRuntime& runtime,
                                     const RetentionPolicy& policy, const std::string& mail_dir);

// Registers handlers and appliers (for the consumers the config gives; a
// missing one is logged), and schedules delivery (every second), digests and
// term notices and retention (every minute; retention acts once a day) on
// the loop. `transport` is used from a worker
// thread only (one send at a time); the results are recorded on the loop.
// Errors: internal for broken built-in templates.
Status WireWith(runtime::ServiceRuntime& runtime, const config::SystemConfig& system,
                std::shared_ptr<MailTransport> transport, const DeliveryOptions& options);

// WireWith the transport of the config (SMTP, else .eml files).
Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system);

}  // namespace verkosto::notifications
