#include "notifications/storage/sqlite_notification_repository.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "core/text.h"
#include "storage/database.h"
#include "storage/stored_names.h"

namespace verkosto::notifications {

namespace {

// "?, ?, ?" for n placeholders.
std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

// The one name table of each enum stored here (the schema's CHECKs list the
// same names).
constexpr storage::StoredName<DeliveryStatus> kDeliveryStatuses[] = {
    {DeliveryStatus::kPending, "pending"}, {DeliveryStatus::kSent, "sent"},
    {DeliveryStatus::kFailed, "failed"},   {DeliveryStatus::kDigest, "digest"},
    {DeliveryStatus::kSkipped, "skipped"},
};
constexpr storage::StoredName<EmailMode> kEmailModes[] = {
    {EmailMode::kImmediate, "immediate"},
    {EmailMode::kDailyDigest, "daily_digest"},
    {EmailMode::kNone, "none"},
};

constexpr storage::StoredName<EndReason> kEndReasons[] = {
    {EndReason::kTermEnded, "term_ended"}, {EndReason::kNetworkClosed, "network_closed"},
    {EndReason::kReplaced, "replaced"},    {EndReason::kResigned, "resigned"},
    {EndReason::kRecalled, "recalled"},    {EndReason::kNotRenewed, "not_renewed"},
};

// The row's "language" column (row readers run inside storage::Guard).
std::optional<Language> ReadLanguage(SQLite::Statement& q) {
  return storage::ValueOrThrow(storage::LanguageFromStored(q.getColumn("language").getString()));
}

std::string StatusName(DeliveryStatus status) { return storage::NameOf(kDeliveryStatuses, status); }

// Reads go by column name (the names in the SELECT, or their AS alias).
std::string Col(SQLite::Statement& q, const char* name) { return q.getColumn(name).getString(); }

// The delivery status in column `name`; throws (internal, through Guard) for
// a name kDeliveryStatuses lacks.
DeliveryStatus StatusCol(SQLite::Statement& q, const char* name) {
  return storage::ValueOrThrow(
      storage::ValueOf(kDeliveryStatuses, Col(q, name), "delivery status"));
}

constexpr char kNetworkColumns[] =
    "code, status, name_fi, name_sv, name_en, goals, term_start, term_end, audiences, channels, "
    "cadence, responsible, contact_name, contact_email, created_by, disclaimer_fi, disclaimer_sv, "
    "disclaimer_en, plan_targets, notes_every_days, responsible_email";

NetworkInfo ReadNetwork(SQLite::Statement& q) {
  NetworkInfo n;
  n.code = Col(q, "code");
  n.status = Col(q, "status");
  n.name_fi = Col(q, "name_fi");
  n.name_sv = Col(q, "name_sv");
  n.name_en = Col(q, "name_en");
  n.goals = text::Split(Col(q, "goals"), '\n');
  n.term_start = Col(q, "term_start");
  n.term_end = Col(q, "term_end");
  n.audiences = text::Split(Col(q, "audiences"), '\n');
  n.channels = text::Split(Col(q, "channels"), '\n');
  n.cadence = Col(q, "cadence");
  n.responsible = Col(q, "responsible");
  n.contact_name = Col(q, "contact_name");
  n.contact_email = Col(q, "contact_email");
  n.created_by = Col(q, "created_by");
  n.disclaimer_fi = Col(q, "disclaimer_fi");
  n.disclaimer_sv = Col(q, "disclaimer_sv");
  n.disclaimer_en = Col(q, "disclaimer_en");
  n.targets = ParsePlan(Col(q, "plan_targets"));
  n.notes_every_days = static_cast<uint32_t>(q.getColumn("notes_every_days").getInt64());
  n.responsible_email = Col(q, "responsible_email");
  return n;
}

constexpr char kMessageColumns[] =
    "id, event_key, mailbox, template, language, subject, body_text, body_html, link, event_type, "
    "network_code, case_id, created_us, read_us";

MessageRow ReadMessage(SQLite::Statement& q) {
  MessageRow m;
  m.id = q.getColumn("id").getInt64();
  m.event_key = Col(q, "event_key");
  m.mailbox = Col(q, "mailbox");
  m.template_name = Col(q, "template");
  m.language = Col(q, "language");
  m.subject = Col(q, "subject");
  m.body_text = Col(q, "body_text");
  m.body_html = Col(q, "body_html");
  m.link = Col(q, "link");
  m.event_type = Col(q, "event_type");
  m.network_code = Col(q, "network_code");
  m.case_id = Col(q, "case_id");
  m.created_us = q.getColumn("created_us").getInt64();
  m.read = !q.getColumn("read_us").isNull();
  return m;
}

constexpr char kDeliveryColumns[] =
    "d.id, d.message_id, d.event_key, d.mailbox, d.channel, d.address, d.status, "
    "d.attempt_count, d.next_attempt_us, d.last_reply, d.email_message_id, d.created_us, "
    "d.updated_us, m.subject, m.event_type, m.network_code, m.case_id, m.language, "
    "m.body_text, m.body_html, m.created_us AS message_created_us";

DueDelivery ReadDelivery(SQLite::Statement& q) {
  DueDelivery due;
  DeliveryRow& d = due.delivery;
  d.id = q.getColumn("id").getInt64();
  d.message_id = q.getColumn("message_id").getInt64();
  d.event_key = Col(q, "event_key");
  d.mailbox = Col(q, "mailbox");
  d.channel = Col(q, "channel");
  d.address = Col(q, "address");
  d.status = StatusCol(q, "status");
  d.attempt_count = static_cast<uint32_t>(q.getColumn("attempt_count").getInt64());
  d.next_attempt_us = q.getColumn("next_attempt_us").getInt64();
  d.last_reply = Col(q, "last_reply");
  d.email_message_id = Col(q, "email_message_id");
  d.created_us = q.getColumn("created_us").getInt64();
  d.updated_us = q.getColumn("updated_us").getInt64();
  d.subject = Col(q, "subject");
  d.event_type = Col(q, "event_type");
  d.network_code = Col(q, "network_code");
  d.case_id = Col(q, "case_id");
  due.language = Col(q, "language");
  due.subject = d.subject;
  due.body_text = Col(q, "body_text");
  due.body_html = Col(q, "body_html");
  due.message_created_us = q.getColumn("message_created_us").getInt64();
  return due;
}

// Open networks that pass `where`, each with the date in `mark` (the last
// daily notice sent for it: the term notice, the notes reminder).
Result<std::vector<std::pair<NetworkInfo, std::string>>> OpenNetworksMarked(SQLite::Database& db,
                                                                            const char* where,
                                                                            const char* mark) {
  std::vector<std::pair<NetworkInfo, std::string>> out;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db, std::string("SELECT ") + kNetworkColumns + ", " + mark +
                                " FROM networks WHERE status = 'open' AND " + where +
                                " ORDER BY code");
    while (q.executeStep()) out.emplace_back(ReadNetwork(q), Col(q, mark));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Status SetNetworkMark(SQLite::Database& db, const char* mark, const std::string& code,
                      const std::string& date) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db, std::string("UPDATE networks SET ") + mark + " = ? WHERE code = ?");
    s.bind(1, date);
    s.bind(2, code);
    s.exec();
    return Status::Ok();
  });
}

}  // namespace

Status SqliteNotificationRepository::UpsertAreas(const std::vector<AreaInfo>& areas) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(
        db_,
        "INSERT OR REPLACE INTO areas (code, name_fi, name_sv, languages, "
        "registry_email, director_email, deputy_email) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const AreaInfo& a : areas) {
      s.bind(1, a.code.value());
      s.bind(2, a.name_fi);
      s.bind(3, a.name_sv);
      s.bind(4, text::Join(a.languages, ","));
      s.bind(5, a.registry_email);
      s.bind(6, a.director_email);
      s.bind(7, a.deputy_email);
      s.exec();
      s.reset();
    }
    return Status::Ok();
  });
}

Result<AreaMap> SqliteNotificationRepository::LoadAreas() {
  AreaMap areas;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT code, name_fi, name_sv, languages, registry_email, "
                        "director_email, deputy_email FROM areas");
    while (q.executeStep()) {
      AreaInfo a;
      a.code = AreaCode(Col(q, "code"));
      a.name_fi = Col(q, "name_fi");
      a.name_sv = Col(q, "name_sv");
      a.languages = text::Split(Col(q, "languages"), ',');
      a.registry_email = Col(q, "registry_email");
      a.director_email = Col(q, "director_email");
      a.deputy_email = Col(q, "deputy_email");
      areas.emplace(a.code, std::move(a));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return areas;
}

Status SqliteNotificationRepository::UpsertNetwork(const NetworkInfo& n) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(
        db_, std::string("INSERT INTO networks (") + kNetworkColumns +
                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (code) DO UPDATE SET status = excluded.status, "
                 "name_fi = excluded.name_fi, name_sv = excluded.name_sv, "
                 "name_en = excluded.name_en, goals = excluded.goals, "
                 "term_start = excluded.term_start, term_end = excluded.term_end, "
                 "audiences = excluded.audiences, channels = excluded.channels, "
                 "cadence = excluded.cadence, responsible = excluded.responsible, "
                 "contact_name = excluded.contact_name, contact_email = excluded.contact_email, "
                 "disclaimer_fi = excluded.disclaimer_fi, disclaimer_sv = excluded.disclaimer_sv, "
                 "disclaimer_en = excluded.disclaimer_en, "
                 // An event from before plans carries none: the stored plan stays.
                 "plan_targets = CASE WHEN excluded.plan_targets = '' THEN networks.plan_targets "
                 "ELSE excluded.plan_targets END, "
                 "notes_every_days = CASE WHEN excluded.plan_targets = '' THEN "
                 "networks.notes_every_days ELSE excluded.notes_every_days END, "
                 "responsible_email = CASE WHEN excluded.plan_targets = '' THEN "
                 "networks.responsible_email ELSE excluded.responsible_email END, "
                 "created_by = CASE WHEN excluded.created_by = '' THEN networks.created_by "
                 "ELSE excluded.created_by END");
    s.bind(1, n.code);
    s.bind(2, n.status);
    s.bind(3, n.name_fi);
    s.bind(4, n.name_sv);
    s.bind(5, n.name_en);
    s.bind(6, text::Join(n.goals, "\n"));
    s.bind(7, n.term_start);
    s.bind(8, n.term_end);
    s.bind(9, text::Join(n.audiences, "\n"));
    s.bind(10, text::Join(n.channels, "\n"));
    s.bind(11, n.cadence);
    s.bind(12, n.responsible);
    s.bind(13, n.contact_name);
    s.bind(14, n.contact_email);
    s.bind(15, n.created_by);
    s.bind(16, n.disclaimer_fi);
    s.bind(17, n.disclaimer_sv);
    s.bind(18, n.disclaimer_en);
    s.bind(19, SerializePlan(n.targets));
    s.bind(20, static_cast<int64_t>(n.notes_every_days));
    s.bind(21, n.responsible_email);
    s.exec();
    return Status::Ok();
  });
}

Result<std::optional<NetworkInfo>> SqliteNotificationRepository::FindNetwork(
    const std::string& code) {
  std::optional<NetworkInfo> found;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        std::string("SELECT ") + kNetworkColumns + " FROM networks WHERE code = ?");
    q.bind(1, code);
    if (q.executeStep()) found = ReadNetwork(q);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<std::pair<NetworkInfo, std::string>>>
SqliteNotificationRepository::OpenNetworksWithTermEnd() {
  return OpenNetworksMarked(db_, "term_end != ''", "term_notice_for");
}

Status SqliteNotificationRepository::SetTermNoticeFor(const std::string& code,
                                                      const std::string& term_end) {
  return SetNetworkMark(db_, "term_notice_for", code, term_end);
}

Status SqliteNotificationRepository::UpsertMembership(const MembershipInfo& m) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(
        db_,
        "INSERT INTO memberships (membership_id, network_code, area_code, name, email, language, "
        "deputy, started, ended, end_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (membership_id) DO UPDATE SET network_code = excluded.network_code, "
        "area_code = excluded.area_code, name = excluded.name, email = excluded.email, "
        "language = excluded.language, deputy = excluded.deputy, started = excluded.started, "
        "ended = excluded.ended, end_reason = excluded.end_reason");
    s.bind(1, m.membership_id);
    s.bind(2, m.network_code);
    s.bind(3, m.area.value());
    s.bind(4, m.person.name);
    s.bind(5, text::AsciiLower(m.person.email));
    s.bind(6, storage::StoredLanguage(m.person.language));
    s.bind(7, m.person.deputy ? 1 : 0);
    s.bind(8, m.started);
    s.bind(9, m.ended);
    s.bind(10, m.end_reason ? storage::NameOf(kEndReasons, *m.end_reason) : std::string());
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<MembershipInfo>> SqliteNotificationRepository::MembershipsOf(
    const std::string& network_code) {
  std::vector<MembershipInfo> out;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT membership_id, network_code, area_code, name, email, language, "
                        "deputy, started, ended, end_reason FROM memberships "
                        "WHERE network_code = ? ORDER BY area_code, membership_id");
    q.bind(1, network_code);
    while (q.executeStep()) {
      MembershipInfo m;
      m.membership_id = Col(q, "membership_id");
      m.network_code = Col(q, "network_code");
      m.area = AreaCode(Col(q, "area_code"));
      m.person.name = Col(q, "name");
      m.person.email = Col(q, "email");
      m.person.language = ReadLanguage(q);
      m.person.deputy = q.getColumn("deputy").getInt() != 0;
      m.started = Col(q, "started");
      m.ended = Col(q, "ended");
      if (const std::string reason = Col(q, "end_reason"); !reason.empty()) {
        m.end_reason =
            storage::ValueOrThrow(storage::ValueOf(kEndReasons, reason, "membership end reason"));
      }
      out.push_back(std::move(m));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

SQLite::Statement& SqliteNotificationRepository::Reused(std::unique_ptr<SQLite::Statement>& slot,
                                                        const char* sql) {
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(db_, sql);
  } else {
    slot->tryReset();  // its last error, if any, was reported by the call that had it
    slot->clearBindings();
  }
  return *slot;
}

Result<int64_t> SqliteNotificationRepository::InsertMessage(const MessageRow& m) {
  int64_t id = 0;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement& s = Reused(
        insert_message_,
        "INSERT INTO messages (event_key, mailbox, template, language, subject, body_text, "
        "body_html, link, event_type, network_code, case_id, created_us) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_key, mailbox) DO NOTHING");
    s.bind(1, m.event_key);
    s.bind(2, m.mailbox);
    s.bind(3, m.template_name);
    s.bind(4, m.language);
    s.bind(5, m.subject);
    s.bind(6, m.body_text);
    s.bind(7, m.body_html);
    s.bind(8, m.link);
    s.bind(9, m.event_type);
    s.bind(10, m.network_code);
    s.bind(11, m.case_id);
    s.bind(12, m.created_us);
    if (s.exec() == 1) {
      // Inserted: its rowid (the unread-count triggers' own writes do not
      // change what the connection reports once they have run).
      id = db_.getLastInsertRowid();
      return Status::Ok();
    }
    SQLite::Statement& q =
        Reused(message_id_, "SELECT id FROM messages WHERE event_key = ? AND mailbox = ?");
    q.bind(1, m.event_key);
    q.bind(2, m.mailbox);
    if (!q.executeStep()) return Status::Internal("message vanished after insert");
    id = q.getColumn(0).getInt64();
    q.tryReset();  // no read left open while the statement waits for its next use
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

namespace {

// The newest-first order of the inbox and the delivery log, and its keyset.
struct NewestFirst {
  int64_t created_us = 0;
  int64_t id = 0;
};

// The key after which `page` starts; nullopt for a first page. Errors:
// invalid_argument on "page_token" when the key is not two integers.
Result<std::optional<NewestFirst>> After(const page::PageRequest& page) {
  if (page.first()) return std::optional<NewestFirst>();
  NewestFirst key;
  if (page.after.size() != 2 || !page::IntegerKey(page.after[0], key.created_us) ||
      !page::IntegerKey(page.after[1], key.id)) {
    return Status::InvalidArgument("page_token", "is not a page token of this list");
  }
  return std::optional<NewestFirst>(key);
}

}  // namespace

Result<std::vector<MessageRow>> SqliteNotificationRepository::ListInbox(
    const std::vector<std::string>& mailboxes, bool unread_only, const page::PageRequest& page) {
  std::vector<MessageRow> out;
  if (mailboxes.empty()) return out;
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NewestFirst> after, After(page));
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, std::string("SELECT ") + kMessageColumns +
                                 " FROM messages WHERE mailbox IN (" +
                                 Placeholders(mailboxes.size()) + ")" +
                                 (unread_only ? " AND read_us IS NULL" : "") +
                                 (after ? " AND (created_us, id) < (?, ?)" : "") +
                                 " ORDER BY created_us DESC, id DESC LIMIT ?");
    int i = 1;
    for (const std::string& mb : mailboxes) q.bind(i++, mb);
    if (after) {
      q.bind(i++, after->created_us);
      q.bind(i++, after->id);
    }
    q.bind(i, static_cast<int64_t>(page.fetch()));
    while (q.executeStep()) out.push_back(ReadMessage(q));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<uint32_t> SqliteNotificationRepository::UnreadCount(
    const std::vector<std::string>& mailboxes) {
  uint32_t count = 0;
  if (mailboxes.empty()) return count;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(
        db_, "SELECT COALESCE(SUM(unread), 0) AS unread FROM unread_counts WHERE mailbox IN (" +
                 Placeholders(mailboxes.size()) + ")");
    int i = 1;
    for (const std::string& mb : mailboxes) q.bind(i++, mb);
    if (q.executeStep()) count = static_cast<uint32_t>(q.getColumn("unread").getInt64());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return count;
}

Result<uint32_t> SqliteNotificationRepository::MarkRead(const std::vector<std::string>& mailboxes,
                                                        const std::vector<int64_t>& ids, bool all,
                                                        int64_t now_us) {
  uint32_t marked = 0;
  if (mailboxes.empty() || (!all && ids.empty())) return marked;
  Status status = storage::Guard([&]() -> Status {
    std::string sql = "UPDATE messages SET read_us = ? WHERE read_us IS NULL AND mailbox IN (" +
                      Placeholders(mailboxes.size()) + ")";
    if (!all) sql += " AND id IN (" + Placeholders(ids.size()) + ")";
    SQLite::Statement s(db_, sql);
    int i = 1;
    s.bind(i++, now_us);
    for (const std::string& mb : mailboxes) s.bind(i++, mb);
    if (!all) {
      for (int64_t id : ids) s.bind(i++, id);
    }
    marked = static_cast<uint32_t>(s.exec());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return marked;
}

Status SqliteNotificationRepository::InsertDelivery(const DeliveryRow& d) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement& s =
        Reused(insert_delivery_,
               "INSERT INTO deliveries (message_id, event_key, mailbox, channel, address, status, "
               "attempt_count, next_attempt_us, last_reply, created_us, updated_us) "
               "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) "
               "ON CONFLICT (event_key, mailbox, channel, address) DO NOTHING");
    s.bind(1, d.message_id);
    s.bind(2, d.event_key);
    s.bind(3, d.mailbox);
    s.bind(4, d.channel);
    s.bind(5, d.address);
    s.bind(6, StatusName(d.status));
    s.bind(7, d.next_attempt_us);
    s.bind(8, d.last_reply);
    s.bind(9, d.created_us);
    s.bind(10, d.created_us);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<DueDelivery>> SqliteNotificationRepository::DueDeliveries(int64_t now_us,
                                                                             uint32_t limit) {
  std::vector<DueDelivery> out;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, std::string("SELECT ") + kDeliveryColumns +
                                 " FROM deliveries d JOIN messages m ON m.id = d.message_id "
                                 "WHERE d.status = ? AND d.next_attempt_us <= ? "
                                 "ORDER BY d.next_attempt_us, d.id LIMIT ?");
    q.bind(1, StatusName(DeliveryStatus::kPending));
    q.bind(2, now_us);
    q.bind(3, static_cast<int64_t>(limit));
    while (q.executeStep()) out.push_back(ReadDelivery(q));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<std::optional<int64_t>> SqliteNotificationRepository::NextDue() {
  std::optional<int64_t> next;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT MIN(next_attempt_us) AS next_due FROM deliveries WHERE status = ?");
    q.bind(1, StatusName(DeliveryStatus::kPending));
    if (q.executeStep() && !q.getColumn("next_due").isNull())
      next = q.getColumn("next_due").getInt64();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return next;
}

Status SqliteNotificationRepository::RecordAttempt(int64_t delivery_id, const AttemptRow& attempt,
                                                   DeliveryStatus new_status,
                                                   int64_t next_attempt_us,
                                                   const std::string& email_message_id) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement log(
        db_, "INSERT INTO delivery_attempts (delivery_id, at_us, ok, reply) VALUES (?, ?, ?, ?)");
    log.bind(1, delivery_id);
    log.bind(2, attempt.at_us);
    log.bind(3, attempt.ok ? 1 : 0);
    log.bind(4, attempt.reply);
    log.exec();
    SQLite::Statement s(db_,
                        "UPDATE deliveries SET status = ?, attempt_count = attempt_count + 1, "
                        "next_attempt_us = ?, last_reply = ?, email_message_id = ?, "
                        "updated_us = ? WHERE id = ?");
    s.bind(1, StatusName(new_status));
    s.bind(2, next_attempt_us);
    s.bind(3, attempt.reply);
    s.bind(4, email_message_id);
    s.bind(5, attempt.at_us);
    s.bind(6, delivery_id);
    if (s.exec() != 1) return Status::NotFound("no delivery " + std::to_string(delivery_id));
    return Status::Ok();
  });
}

Result<std::vector<DeliveryRow>> SqliteNotificationRepository::ListDeliveries(
    const DeliveryFilter& filter) {
  std::vector<DeliveryRow> out;
  if (filter.mailboxes && filter.mailboxes->empty()) return out;
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NewestFirst> after, After(filter.page));
  Status status = storage::Guard([&]() -> Status {
    std::string sql = std::string("SELECT ") + kDeliveryColumns +
                      " FROM deliveries d JOIN messages m ON m.id = d.message_id WHERE 1 = 1";
    if (filter.message_id) sql += " AND d.message_id = ?";
    if (filter.mailboxes)
      sql += " AND d.mailbox IN (" + Placeholders(filter.mailboxes->size()) + ")";
    if (filter.status) sql += " AND d.status = ?";
    if (after) sql += " AND (d.created_us, d.id) < (?, ?)";
    sql += " ORDER BY d.created_us DESC, d.id DESC LIMIT ?";
    SQLite::Statement q(db_, sql);
    int i = 1;
    if (filter.message_id) q.bind(i++, *filter.message_id);
    if (filter.mailboxes) {
      for (const std::string& mb : *filter.mailboxes) q.bind(i++, mb);
    }
    if (filter.status) q.bind(i++, StatusName(*filter.status));
    if (after) {
      q.bind(i++, after->created_us);
      q.bind(i++, after->id);
    }
    q.bind(i, static_cast<int64_t>(filter.page.fetch()));
    while (q.executeStep()) out.push_back(ReadDelivery(q).delivery);
    SQLite::Statement a(db_,
                        "SELECT at_us, ok, reply FROM delivery_attempts WHERE delivery_id = ? "
                        "ORDER BY at_us, rowid");
    for (DeliveryRow& d : out) {
      a.bind(1, d.id);
      while (a.executeStep()) {
        d.attempts.push_back(
            {a.getColumn("at_us").getInt64(), a.getColumn("ok").getInt() != 0, Col(a, "reply")});
      }
      a.reset();
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<std::vector<DueDelivery>> SqliteNotificationRepository::PendingDigest() {
  std::vector<DueDelivery> out;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, std::string("SELECT ") + kDeliveryColumns +
                                 " FROM deliveries d JOIN messages m ON m.id = d.message_id "
                                 "WHERE d.status = ? AND d.digest_day = '' "
                                 "ORDER BY d.mailbox, d.address, m.created_us, d.id");
    q.bind(1, StatusName(DeliveryStatus::kDigest));
    while (q.executeStep()) out.push_back(ReadDelivery(q));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<bool> SqliteNotificationRepository::DigestSentOn(const std::string& mailbox,
                                                        const std::string& address,
                                                        const std::string& day) {
  bool sent = false;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT 1 FROM digests_sent WHERE mailbox = ? AND address = ? AND day = ?");
    q.bind(1, mailbox);
    q.bind(2, address);
    q.bind(3, day);
    sent = q.executeStep();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return sent;
}

Status SqliteNotificationRepository::MarkDigested(const std::string& mailbox,
                                                  const std::string& address,
                                                  const std::vector<int64_t>& delivery_ids,
                                                  const std::string& day,
                                                  const AttemptRow& attempt) {
  return storage::Guard([&]() -> Status {
    if (attempt.ok) {
      SQLite::Statement d(db_,
                          "INSERT OR IGNORE INTO digests_sent (mailbox, address, day) "
                          "VALUES (?, ?, ?)");
      d.bind(1, mailbox);
      d.bind(2, address);
      d.bind(3, day);
      d.exec();
    }
    SQLite::Statement s(db_,
                        "UPDATE deliveries SET digest_day = ?, attempt_count = attempt_count + 1, "
                        "last_reply = ?, updated_us = ? WHERE id = ?");
    SQLite::Statement log(
        db_, "INSERT INTO delivery_attempts (delivery_id, at_us, ok, reply) VALUES (?, ?, ?, ?)");
    for (int64_t id : delivery_ids) {
      s.bind(1, attempt.ok ? day : std::string());
      s.bind(2, attempt.reply);
      s.bind(3, attempt.at_us);
      s.bind(4, id);
      s.exec();
      s.reset();
      log.bind(1, id);
      log.bind(2, attempt.at_us);
      log.bind(3, attempt.ok ? 1 : 0);
      log.bind(4, attempt.reply);
      log.exec();
      log.reset();
    }
    return Status::Ok();
  });
}

Result<std::optional<MailboxPreferences>> SqliteNotificationRepository::GetPreferences(
    const std::string& mailbox) {
  std::optional<MailboxPreferences> found;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement& q =
        Reused(preferences_,
               "SELECT mailbox, language, email_mode, email FROM preferences WHERE mailbox = ?");
    q.bind(1, mailbox);
    if (q.executeStep()) {
      found = MailboxPreferences{
          Col(q, "mailbox"), ReadLanguage(q),
          storage::ValueOrThrow(storage::ValueOf(kEmailModes, Col(q, "email_mode"), "e-mail mode")),
          Col(q, "email")};
    }
    q.tryReset();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Status SqliteNotificationRepository::SetPreferences(const MailboxPreferences& p, int64_t now_us) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO preferences (mailbox, language, email_mode, email, "
                        "updated_us) VALUES (?, ?, ?, ?, ?) ON CONFLICT (mailbox) DO UPDATE SET "
                        "language = excluded.language, email_mode = excluded.email_mode, "
                        "email = excluded.email, updated_us = excluded.updated_us");
    s.bind(1, p.mailbox);
    s.bind(2, storage::StoredLanguage(p.language));
    s.bind(3, storage::NameOf(kEmailModes, p.email_mode));
    s.bind(4, p.email);
    s.bind(5, now_us);
    s.exec();
    return Status::Ok();
  });
}

// --- retention ---------------------------------------------------------------

Result<std::vector<MessageAge>> SqliteNotificationRepository::MessagesCreatedBefore(
    int64_t before_us) {
  std::vector<MessageAge> out;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT m.id, m.created_us, d.status, d.digest_day FROM messages m "
                        "LEFT JOIN deliveries d ON d.message_id = m.id "
                        "WHERE m.created_us < ? ORDER BY m.id");
    q.bind(1, before_us);
    while (q.executeStep()) {
      const int64_t id = q.getColumn("id").getInt64();
      if (out.empty() || out.back().id != id) {
        out.push_back(MessageAge{id, FromMicros(q.getColumn("created_us").getInt64()), true});
      }
      if (!q.getColumn("status").isNull() &&
          !DeliveryFinished(StatusCol(q, "status"), Col(q, "digest_day"))) {
        out.back().deliveries_finished = false;
      }
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<RemovedRows> SqliteNotificationRepository::DeleteMessages(const std::vector<int64_t>& ids) {
  RemovedRows removed;
  Status status = storage::Guard([&]() -> Status {
    // Referencing rows first: the foreign keys are checked row by row.
    SQLite::Statement attempts(db_,
                               "DELETE FROM delivery_attempts WHERE delivery_id IN "
                               "(SELECT id FROM deliveries WHERE message_id = ?)");
    SQLite::Statement deliveries(db_, "DELETE FROM deliveries WHERE message_id = ?");
    SQLite::Statement messages(db_, "DELETE FROM messages WHERE id = ?");
    SQLite::Statement case_of(db_, "SELECT case_id FROM messages WHERE id = ?");
    std::vector<std::string> cases;
    for (int64_t id : ids) {
      case_of.bind(1, id);
      if (case_of.executeStep() && !Col(case_of, "case_id").empty()) {
        cases.push_back(Col(case_of, "case_id"));
      }
      case_of.reset();
      attempts.bind(1, id);
      removed.attempts += static_cast<uint32_t>(attempts.exec());
      attempts.reset();
      deliveries.bind(1, id);
      removed.deliveries += static_cast<uint32_t>(deliveries.exec());
      deliveries.reset();
      messages.bind(1, id);
      removed.messages += static_cast<uint32_t>(messages.exec());
      messages.reset();
    }
    // A case's letters go with its last message (docs/retention.md).
    SQLite::Statement letters(db_,
                              "DELETE FROM case_letters WHERE case_id = ?1 AND NOT EXISTS "
                              "(SELECT 1 FROM messages WHERE case_id = ?1)");
    std::sort(cases.begin(), cases.end());
    cases.erase(std::unique(cases.begin(), cases.end()), cases.end());
    for (const std::string& case_id : cases) {
      letters.bind(1, case_id);
      letters.exec();
      letters.reset();
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return removed;
}

Status SqliteNotificationRepository::PutCaseLetter(const CaseLetterFile& letter) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO case_letters (case_id, kind, language, sha256, filename, pdf, "
                        "received_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (case_id, kind, language) DO NOTHING");
    s.bind(1, letter.case_id);
    s.bind(2, letter.kind);
    s.bind(3, letter.language);
    s.bind(4, letter.sha256);
    s.bind(5, letter.filename);
    s.bind(6, letter.pdf.data(), static_cast<int>(letter.pdf.size()));
    s.bind(7, letter.received_us);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<CaseLetterFile>> SqliteNotificationRepository::CaseLettersOf(
    const std::string& case_id, const std::string& kind) {
  std::vector<CaseLetterFile> out;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT case_id, kind, language, sha256, filename, pdf, received_at "
                        "FROM case_letters WHERE case_id = ? AND kind = ? ORDER BY language");
    q.bind(1, case_id);
    q.bind(2, kind);
    while (q.executeStep()) {
      CaseLetterFile l;
      l.case_id = Col(q, "case_id");
      l.kind = Col(q, "kind");
      l.language = Col(q, "language");
      l.sha256 = Col(q, "sha256");
      l.filename = Col(q, "filename");
      const SQLite::Column pdf = q.getColumn("pdf");
      l.pdf.assign(static_cast<const char*>(pdf.getBlob()), static_cast<size_t>(pdf.getBytes()));
      l.received_us = q.getColumn("received_at").getInt64();
      out.push_back(std::move(l));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<uint32_t> SqliteNotificationRepository::DeleteDigestsSentBefore(const std::string& day) {
  uint32_t removed = 0;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement s(db_, "DELETE FROM digests_sent WHERE day < ?");
    s.bind(1, day);
    removed = static_cast<uint32_t>(s.exec());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return removed;
}

Result<std::optional<bool>> SqliteNotificationRepository::DeliveryFinishedById(int64_t id) {
  std::optional<bool> finished;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT status, digest_day FROM deliveries WHERE id = ?");
    q.bind(1, id);
    if (q.executeStep()) finished = DeliveryFinished(StatusCol(q, "status"), Col(q, "digest_day"));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return finished;
}

Status SqliteNotificationRepository::RemoveMembershipContact(const std::string& membership_id) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "UPDATE memberships SET email = '', language = '' WHERE membership_id = ?");
    s.bind(1, membership_id);
    s.exec();
    return Status::Ok();
  });
}

Result<std::optional<Date>> SqliteNotificationRepository::LastDailyRun(const std::string& name) {
  std::optional<Date> date;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT last_run FROM daily_jobs WHERE name = ?");
    q.bind(1, name);
    if (q.executeStep()) date = ParseIsoDate(Col(q, "last_run"));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return date;
}

Status SqliteNotificationRepository::SetLastDailyRun(const std::string& name, const Date& date) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO daily_jobs (name, last_run) VALUES (?, ?) "
                        "ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run");
    s.bind(1, name);
    s.bind(2, FormatIsoDate(date));
    s.exec();
    return Status::Ok();
  });
}

// --- the communication plan (migration 0009) ---

Status SqliteNotificationRepository::SetParticipation(const std::string& network_code,
                                                      const AreaCode& area, bool takes_part) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO participations (network_code, area_code, takes_part) "
                        "VALUES (?, ?, ?) ON CONFLICT (network_code, area_code) "
                        "DO UPDATE SET takes_part = excluded.takes_part");
    s.bind(1, network_code);
    s.bind(2, area.value());
    s.bind(3, takes_part ? 1 : 0);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<AreaCode>> SqliteNotificationRepository::MemberAreasOf(
    const std::string& network_code) {
  std::vector<AreaCode> out;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT area_code FROM participations WHERE network_code = ? AND "
                        "takes_part = 1 UNION SELECT area_code FROM memberships WHERE "
                        "network_code = ? AND ended = '' ORDER BY 1");
    q.bind(1, network_code);
    q.bind(2, network_code);
    while (q.executeStep()) out.emplace_back(Col(q, "area_code"));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<std::vector<std::pair<NetworkInfo, std::string>>>
SqliteNotificationRepository::OpenNetworksWithNotes() {
  return OpenNetworksMarked(db_, "notes_every_days > 0 AND term_start != ''", "notes_due_for");
}

Status SqliteNotificationRepository::SetNotesDueFor(const std::string& code,
                                                    const std::string& due_date) {
  return SetNetworkMark(db_, "notes_due_for", code, due_date);
}

Result<std::vector<MessageRow>> SqliteNotificationRepository::ListAnnouncements(
    const std::string& network_code, const std::string& mailbox, const page::PageRequest& page) {
  std::vector<MessageRow> out;
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NewestFirst> after, After(page));
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, std::string("SELECT ") + kMessageColumns +
                                 " FROM messages WHERE network_code = ? AND mailbox = ?" +
                                 (after ? " AND (created_us, id) < (?, ?)" : "") +
                                 " ORDER BY created_us DESC, id DESC LIMIT ?");
    int i = 1;
    q.bind(i++, network_code);
    q.bind(i++, mailbox);
    if (after) {
      q.bind(i++, after->created_us);
      q.bind(i++, after->id);
    }
    q.bind(i, static_cast<int64_t>(page.fetch()));
    while (q.executeStep()) out.push_back(ReadMessage(q));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace verkosto::notifications
