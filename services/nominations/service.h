#pragma once

#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "core/status.h"
#include "messaging/event_consumer.h"
#include "nominations/domain/retention.h"
#include "runtime/service_runtime.h"
#include "storage/database.h"

namespace verkosto::nominations {

// Every migration of the nominations database: the messaging tables (1), then schema/.
std::vector<storage::Migration> Migrations();

// Registers on `consumer` (the networks stream) the appliers of the read
// model: network status/term/names/seats (NetworkCreated, -Proposed, -Opened,
// -Changed, -Closed, -Cancelled), the current participation per area
// (ParticipationDecided) and the areas (AreaDirectoryChanged). On
// NetworkClosed (also by term end) and NetworkCancelled the network's active
// memberships end (EndNetworkMemberships) and MembershipEnded events go to
// this service's outbox. Appliers run inside the consumer's transaction.
void RegisterNetworkAppliers(messaging::EventConsumer& consumer);

// One timer run: ProcessTimers over every open case with a deadline, for the
// days after the last processed Helsinki date up to today (runtime clock);
// persists the flags, emits ReminderDue / CaseOverdue and stores today as the
// last processed date, all in one transaction. Returns the events emitted.
// Call on the loop's thread (or before Run()).
Result<size_t> RunTimers(runtime::ServiceRuntime& runtime);

// The nominations part of the config's [retention].
RetentionPolicy RetentionPolicyOf(const config::SystemConfig& system);

// The daily retention job (docs/retention.md). Unless it already ran on
// today's Helsinki date (runtime clock; a clock set back runs nothing), in
// one transaction: removes the contact data of every ended membership that
// DueForContactRemoval names — from the membership and from its nominee entry
// in the deciding case —, emits RetentionApplied (system actor) when anything
// was removed, and stores today as the job's last run. Returns the
// memberships whose contact data it removed. Idempotent: a second run the same
// day, or on a later day with nothing newly due, removes and emits nothing.
// Call on the loop's thread (or before Run()).
Result<size_t> RunRetention(runtime::ServiceRuntime& runtime, const RetentionPolicy& policy);

// Registers the nominations handlers and the networks appliers, catches up
// the timers (downtime) and retention, and schedules both every minute
// (retention acts once a day).
// Errors: failed_precondition when the config does not let nominations
// consume networks; the first timer or retention run's error.
Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system);

}  // namespace verkosto::nominations
