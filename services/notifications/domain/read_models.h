#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/language.h"

namespace verkosto::notifications {

// What the service keeps of its own work: the rows the storage layer reads
// and writes (storage/sqlite_notification_repository.h) and the codec turns
// into replies (codec/codec.h).

// How e-mail reaches a mailbox's address (notifications.v1.EmailMode).
enum class EmailMode {
  kImmediate,    // one e-mail per message (the default)
  kDailyDigest,  // one e-mail a day listing the day's messages
  kNone,         // inbox only
};

// Where one e-mail stands (notifications.v1.DeliveryStatus).
enum class DeliveryStatus {
  kPending,  // waiting for its first or next attempt
  kSent,     // accepted by the mail server (or written as a file)
  kFailed,   // refused for good, or out of attempts
  kDigest,   // waits for (or went out in) the recipient's daily digest
  kSkipped,  // not sent: no known address, or the recipient chose no e-mail
};

// A mailbox's preferences.
struct MailboxPreferences {
  std::string mailbox;
  std::optional<Language> language;  // nullopt = the recipient's default
  EmailMode email_mode = EmailMode::kImmediate;
  std::string email;  // address for a user: mailbox, "" = none
  friend bool operator==(const MailboxPreferences&, const MailboxPreferences&) = default;
};

// One inbox message.
struct MessageRow {
  int64_t id = 0;
  std::string event_key;  // "<producer>:<seq>" or "<timer>:<what>"
  std::string mailbox;
  std::string template_name;
  std::string language;  // the LanguageCode() it was rendered in
  std::string subject;
  std::string body_text;
  std::string body_html;
  std::string link;
  std::string event_type;
  std::string network_code;
  std::string case_id;
  int64_t created_us = 0;
  bool read = false;
};

struct AttemptRow {
  int64_t at_us = 0;
  bool ok = false;
  std::string reply;
};

// One e-mail of a message to one address.
struct DeliveryRow {
  int64_t id = 0;
  int64_t message_id = 0;
  std::string event_key;
  std::string mailbox;
  std::string channel = "email";
  std::string address;
  DeliveryStatus status = DeliveryStatus::kPending;
  uint32_t attempt_count = 0;
  int64_t next_attempt_us = 0;
  std::string last_reply;
  std::string email_message_id;
  int64_t created_us = 0;
  int64_t updated_us = 0;
  // Filled by the queries from the message.
  std::string subject;
  std::string event_type;
  std::string network_code;
  std::string case_id;
  std::vector<AttemptRow> attempts;  // ListDeliveries only
};

}  // namespace verkosto::notifications
