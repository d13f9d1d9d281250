#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "notifications/domain/read_models.h"

namespace verkosto::notifications {

// Retention of the inbox, the e-mail deliveries and the .eml files
// (docs/retention.md). Pure rules; the service's daily job (service.h,
// RunRetention) applies them.

// What the notifications service keeps and for how long (the service maps
// config::RetentionConfig onto it).
struct RetentionPolicy {
  // Inbox messages, their deliveries and the delivery log go this many
  // calendar months after the message was created (>= 1).
  int inbox_months = 12;
  // .eml files go this many days after they were written (>= 1).
  int eml_days = 30;

  friend bool operator==(const RetentionPolicy&, const RetentionPolicy&) = default;
};

// `months` calendar months before `date`; a day the month lacks becomes its
// last day (31 May - 3 months = 28/29 February).
Date MonthsBefore(const Date& date, int months);

// The instant before which messages are due on `today` (Helsinki): the
// start of the day `inbox_months` months before it.
TimePoint InboxCutoff(const Date& today, const RetentionPolicy& policy);

// Whether a delivery is over: nothing will send it or change it any more.
// Sent, failed and skipped ones are; a digest delivery is over once a digest
// carried it (`digest_day` set).
bool DeliveryFinished(DeliveryStatus status, std::string_view digest_day);

// One message as retention sees it: when it was created and whether each of
// its deliveries is finished.
struct MessageAge {
  int64_t id = 0;
  TimePoint created{};
  bool deliveries_finished = true;  // every delivery of it DeliveryFinished

  friend bool operator==(const MessageAge&, const MessageAge&) = default;
};

// The ids of the messages due on `today`: created before InboxCutoff and
// every delivery finished (a delivery still under way keeps its message,
// whatever its age). In the given order.
std::vector<int64_t> MessagesDue(const std::vector<MessageAge>& messages, const Date& today,
                                 const RetentionPolicy& policy);

// What an .eml file's name tells: "<yyyymmddThhmmss>-<message id>.eml", the
// stamp being the mail's Date in UTC (the business clock when it was handed
// to the transport, i.e. when it was delivered), the message id with every
// character but [A-Za-z0-9.-] as '_' (MakeEmlTransport).
struct EmlName {
  TimePoint written{};
  // The delivery of a single e-mail ("verkosto-<delivery id>-<created µs>@…");
  // nullopt for a digest, which carries several.
  std::optional<int64_t> delivery_id;

  friend bool operator==(const EmlName&, const EmlName&) = default;
};

// Parses a file name (no directory); nullopt for a name the transport does
// not write, which retention then leaves alone.
std::optional<EmlName> ParseEmlName(std::string_view file_name);

// Whether an .eml file written at `written` is due at `now`: eml_days whole
// days later.
bool EmlDue(TimePoint written, TimePoint now, const RetentionPolicy& policy);

}  // namespace verkosto::notifications
