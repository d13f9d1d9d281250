#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/page.h"
#include "core/result.h"
#include "core/status.h"
#include "notifications/domain/read_models.h"
#include "notifications/domain/retention.h"
#include "notifications/domain/types.h"

namespace verkosto::notifications {

// What ListDeliveries returns.
struct DeliveryFilter {
  std::optional<int64_t> message_id;
  // Only these mailboxes; nullopt = all.
  std::optional<std::vector<std::string>> mailboxes;
  std::optional<DeliveryStatus> status;  // nullopt = any
  // The page: after its key (created_us, id), newest first, page.fetch() rows.
  page::PageRequest page;
};

// An e-mail due to be handed to the transport, with what it carries.
struct DueDelivery {
  DeliveryRow delivery;
  std::string language;
  std::string subject;
  std::string body_text;
  std::string body_html;
  int64_t message_created_us = 0;
};

// The largest letter PDF kept (a letter is 30–40 KB; docs/limits.md).
inline constexpr size_t kMaxLetterBytes = size_t{1} << 20;

// A case's formal letter as nominations wrote it (issue 19, CaseLetterWritten),
// kept to be attached to the e-mail of the act that made it.
struct CaseLetterFile {
  std::string case_id;
  std::string kind;      // "request" | "acknowledgement" | "decision"
  std::string language;  // "fi" | "sv"
  std::string sha256;    // lower-case hex
  std::string filename;  // "<case id>-<kind>-<language>.pdf"
  std::string pdf;
  int64_t received_us = 0;
};

// What DeleteMessages removed.
struct RemovedRows {
  uint32_t messages = 0;
  uint32_t deliveries = 0;
  uint32_t attempts = 0;  // lines of the delivery log
  friend bool operator==(const RemovedRows&, const RemovedRows&) = default;
};

// The notifications database: the event-fed read model (areas, networks,
// memberships), the inbox, the deliveries with their log, and preferences.
// Works on the caller's connection inside the caller's transaction; never
// commits. Not thread-safe (one connection). Every method returns the
// storage errors of storage::Guard (unavailable when busy, internal otherwise);
// a stored status or e-mail mode the service does not know is internal.
class SqliteNotificationRepository {
 public:
  explicit SqliteNotificationRepository(SQLite::Database& db) : db_(db) {}

  // --- read model ---
  // Inserts or updates these areas. AreaDirectoryChanged lists only the
  // areas that changed (SetAreaContacts sends one), so others stay.
  Status UpsertAreas(const std::vector<AreaInfo>& areas);
  Result<AreaMap> LoadAreas();
  // Inserts or updates a network; an empty created_by keeps the stored one.
  Status UpsertNetwork(const NetworkInfo& network);
  Result<std::optional<NetworkInfo>> FindNetwork(const std::string& code);
  // Open networks with a term end, and the term end their notice went out for.
  Result<std::vector<std::pair<NetworkInfo, std::string>>> OpenNetworksWithTermEnd();
  Status SetTermNoticeFor(const std::string& code, const std::string& term_end);
  Status UpsertMembership(const MembershipInfo& membership);
  Result<std::vector<MembershipInfo>> MembershipsOf(const std::string& network_code);
  // The communication plan (migration 0009): an area's current participation
  // decision; the areas that take part (decision takes-part, or an active
  // member), by code; open networks with a notes interval and a term start,
  // with the due date their last notes reminder went out for ('' = none).
  Status SetParticipation(const std::string& network_code, const AreaCode& area, bool takes_part);
  Result<std::vector<AreaCode>> MemberAreasOf(const std::string& network_code);
  Result<std::vector<std::pair<NetworkInfo, std::string>>> OpenNetworksWithNotes();
  Status SetNotesDueFor(const std::string& code, const std::string& due_date);
  // The public catalogue: the messages of `mailbox` (a public:<language>
  // mailbox) about `network_code`, newest first, as ListInbox pages.
  Result<std::vector<MessageRow>> ListAnnouncements(const std::string& network_code,
                                                    const std::string& mailbox,
                                                    const page::PageRequest& page);

  // --- inbox ---
  // Inserts the message unless (event_key, mailbox) exists; returns the id of
  // the stored one either way.
  Result<int64_t> InsertMessage(const MessageRow& message);
  // Newest first (created_us, id), page.fetch() rows after the page's key
  // (SQLite walks each mailbox's index in order and stops at the LIMIT).
  // Errors: invalid_argument on "page_token" for a key that is not one.
  Result<std::vector<MessageRow>> ListInbox(const std::vector<std::string>& mailboxes,
                                            bool unread_only, const page::PageRequest& page);
  // The unread messages of `mailboxes`, from the counts the triggers of
  // migration 0008 keep (not a count of the messages at every call).
  Result<uint32_t> UnreadCount(const std::vector<std::string>& mailboxes);
  // Marks unread messages of `mailboxes` read: those in `ids`, or all. Returns
  // how many changed.
  Result<uint32_t> MarkRead(const std::vector<std::string>& mailboxes,
                            const std::vector<int64_t>& ids, bool all, int64_t now_us);

  // --- deliveries ---
  // Inserts unless (event_key, mailbox, channel, address) exists.
  Status InsertDelivery(const DeliveryRow& delivery);
  // Pending deliveries due at `now_us`, oldest first, at most `limit`.
  Result<std::vector<DueDelivery>> DueDeliveries(int64_t now_us, uint32_t limit);
  // The earliest next attempt of a pending delivery, if any.
  Result<std::optional<int64_t>> NextDue();
  // Logs an attempt and sets the delivery's status, next attempt and reply.
  Status RecordAttempt(int64_t delivery_id, const AttemptRow& attempt, DeliveryStatus status,
                       int64_t next_attempt_us, const std::string& email_message_id);
  Result<std::vector<DeliveryRow>> ListDeliveries(const DeliveryFilter& filter);
  // Deliveries waiting for a digest: status digest, not yet carried.
  Result<std::vector<DueDelivery>> PendingDigest();
  // Logs a digest attempt on each delivery; when it succeeded, marks them
  // carried by the digest of `day` and records that (mailbox, address) had
  // its digest that day.
  Status MarkDigested(const std::string& mailbox, const std::string& address,
                      const std::vector<int64_t>& delivery_ids, const std::string& day,
                      const AttemptRow& attempt);
  // Whether (mailbox, address) had its digest on `day`.
  Result<bool> DigestSentOn(const std::string& mailbox, const std::string& address,
                            const std::string& day);

  // --- retention (domain/retention.h) ---
  // Messages created before `before_us`, by id, each with whether every one
  // of its deliveries is finished (DeliveryFinished).
  Result<std::vector<MessageAge>> MessagesCreatedBefore(int64_t before_us);
  // Deletes the messages `ids` with their deliveries and those deliveries'
  // log lines (an unknown id is skipped), and the case letters of their cases
  // once no message of the case is left. Returns what went.
  Result<RemovedRows> DeleteMessages(const std::vector<int64_t>& ids);

  // --- case letters (issue 19) ---
  // Keeps `letter` unless (case_id, kind, language) is kept already (a
  // redelivered event changes nothing).
  Status PutCaseLetter(const CaseLetterFile& letter);
  // The kept letters of `case_id` and `kind`, by language.
  Result<std::vector<CaseLetterFile>> CaseLettersOf(const std::string& case_id,
                                                    const std::string& kind);
  // Deletes the records of digests sent on days before `day` (YYYY-MM-DD):
  // they name the recipient's address. Returns how many went.
  Result<uint32_t> DeleteDigestsSentBefore(const std::string& day);
  // Whether delivery `id` is finished (DeliveryFinished); nullopt when there
  // is no such delivery (any more).
  Result<std::optional<bool>> DeliveryFinishedById(int64_t id);
  // Clears the e-mail and language of the member copy `membership_id`
  // (nominations removed them: its RetentionApplied); unknown ids are skipped.
  Status RemoveMembershipContact(const std::string& membership_id);
  // The last Helsinki date the daily job `name` ran; nullopt before its first run.
  Result<std::optional<Date>> LastDailyRun(const std::string& name);
  Status SetLastDailyRun(const std::string& name, const Date& date);

  // --- preferences ---
  Result<std::optional<MailboxPreferences>> GetPreferences(const std::string& mailbox);
  Status SetPreferences(const MailboxPreferences& preferences, int64_t now_us);

 private:
  // A statement of this repository prepared once and reset for each use:
  // RecordNotice writes one message, its deliveries and a preference lookup
  // per recipient, and preparing them (the inbox triggers compile into each
  // INSERT) cost more than running them (bench/notify_bench).
  SQLite::Statement& Reused(std::unique_ptr<SQLite::Statement>& slot, const char* sql);

  SQLite::Database& db_;
  std::unique_ptr<SQLite::Statement> insert_message_;
  std::unique_ptr<SQLite::Statement> message_id_;
  std::unique_ptr<SQLite::Statement> insert_delivery_;
  std::unique_ptr<SQLite::Statement> preferences_;
};

}  // namespace verkosto::notifications
