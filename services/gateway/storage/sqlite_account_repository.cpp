#include "gateway/storage/sqlite_account_repository.h"

#include <SQLiteCpp/Statement.h>

#include "storage/database.h"
#include "storage/stored_names.h"

namespace verkosto::gateway {

namespace {

constexpr char kAccountColumns[] =
    "user_id, display_name, role, area, email, language, on_behalf_of, disabled, password_hash, "
    "created_us, password_set_us";

AccountRecord ReadAccount(SQLite::Statement& q) {
  AccountRecord a;
  a.user_id = q.getColumn("user_id").getString();
  a.display_name = q.getColumn("display_name").getString();
  a.role = RoleFromName(q.getColumn("role").getString());
  a.area = AreaCode(q.getColumn("area").getString());
  a.email = q.getColumn("email").getString();
  // Every account has a language (NOT NULL, written from AccountRecord).
  a.language =
      storage::ValueOrThrow(storage::LanguageFromStored(q.getColumn("language").getString()))
          .value_or(Language::kFi);
  a.on_behalf_of = q.getColumn("on_behalf_of").getString();
  a.disabled = q.getColumn("disabled").getInt() != 0;
  a.password_hash = q.getColumn("password_hash").getString();
  a.created = FromMicros(q.getColumn("created_us").getInt64());
  a.password_set = FromMicros(q.getColumn("password_set_us").getInt64());
  return a;
}

constexpr char kApiTokenColumns[] = "token_hash, user_id, label, created_us, revoked, expires_us";

ApiTokenRecord ReadApiToken(SQLite::Statement& q) {
  ApiTokenRecord t;
  t.token_hash = q.getColumn("token_hash").getString();
  t.user_id = q.getColumn("user_id").getString();
  t.label = q.getColumn("label").getString();
  t.created = FromMicros(q.getColumn("created_us").getInt64());
  t.revoked = q.getColumn("revoked").getInt() != 0;
  t.expires = FromMicros(q.getColumn("expires_us").getInt64());
  return t;
}

Status Exec(SQLite::Database& db, const char* sql, const std::string& a,
            const std::string& b = {}) {
  return storage::Guard([&] {
    SQLite::Statement s(db, sql);
    s.bind(1, a);
    if (s.getBindParameterCount() > 1) s.bind(2, b);
    s.exec();
    return Status::Ok();
  });
}

}  // namespace

Status SqliteAccountRepository::AddAccount(const AccountRecord& a) {
  return storage::Guard([&] {
    SQLite::Statement s(db_, std::string("INSERT INTO accounts (") + kAccountColumns +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.user_id);
    s.bind(2, a.display_name);
    s.bind(3, std::string(RoleName(a.role)));
    s.bind(4, a.area.value());
    s.bind(5, a.email);
    s.bind(6, storage::StoredLanguage(a.language));
    s.bind(7, a.on_behalf_of);
    s.bind(8, a.disabled ? 1 : 0);
    s.bind(9, a.password_hash);
    s.bind(10, ToMicros(a.created));
    s.bind(11, ToMicros(a.password_set));
    s.exec();
    return Status::Ok();
  });
}

Result<std::optional<AccountRecord>> SqliteAccountRepository::FindAccount(
    const std::string& user_id) {
  std::optional<AccountRecord> found;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    SQLite::Statement q(
        db_, std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE user_id = ?");
    q.bind(1, user_id);
    if (q.executeStep()) found = ReadAccount(q);
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<AccountRecord>> SqliteAccountRepository::ListAccountPage(
    bool include_disabled, const page::PageRequest& page) {
  std::vector<AccountRecord> all;
  storage::Query query;
  if (!include_disabled) query.Where("disabled = 0");
  const std::vector<storage::Query::Column> order{{"user_id"}};
  VERKOSTO_RETURN_IF_ERROR(query.After(order, page));
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    SQLite::Statement q(db_, std::string("SELECT ") + kAccountColumns + " FROM accounts" +
                                 query.Sql() + storage::Query::OrderLimit(order, page));
    query.Bind(q);
    while (q.executeStep()) all.push_back(ReadAccount(q));
    return Status::Ok();
  }));
  return all;
}

Result<std::vector<AccountRecord>> SqliteAccountRepository::ListAccounts(bool include_disabled) {
  std::vector<AccountRecord> all;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    SQLite::Statement q(db_, std::string("SELECT ") + kAccountColumns + " FROM accounts" +
                                 (include_disabled ? "" : " WHERE disabled = 0") +
                                 " ORDER BY user_id");
    while (q.executeStep()) all.push_back(ReadAccount(q));
    return Status::Ok();
  }));
  return all;
}

Status SqliteAccountRepository::SetDisabled(const std::string& user_id, bool disabled) {
  return storage::Guard([&] {
    SQLite::Statement s(db_, "UPDATE accounts SET disabled = ? WHERE user_id = ?");
    s.bind(1, disabled ? 1 : 0);
    s.bind(2, user_id);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteAccountRepository::SetPasswordHash(const std::string& user_id, const std::string& hash,
                                                TimePoint at) {
  return storage::Guard([&] {
    SQLite::Statement s(
        db_, "UPDATE accounts SET password_hash = ?, password_set_us = ? WHERE user_id = ?");
    s.bind(1, hash);
    s.bind(2, ToMicros(at));
    s.bind(3, user_id);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteAccountRepository::SetEmail(const std::string& user_id, const std::string& email) {
  return storage::Guard([&] {
    SQLite::Statement s(db_, "UPDATE accounts SET email = ? WHERE user_id = ?");
    s.bind(1, email);
    s.bind(2, user_id);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteAccountRepository::AddSession(const SessionRecord& session) {
  return storage::Guard([&] {
    SQLite::Statement s(db_,
                        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_us, "
                        "last_seen_us) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, session.token_hash);
    s.bind(2, session.user_id);
    s.bind(3, session.csrf_token);
    s.bind(4, ToMicros(session.created));
    s.bind(5, ToMicros(session.last_seen));
    s.exec();
    return Status::Ok();
  });
}

Result<std::optional<SessionRecord>> SqliteAccountRepository::FindSession(
    const std::string& token_hash) {
  std::optional<SessionRecord> found;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    SQLite::Statement q(db_,
                        "SELECT user_id, csrf_token, created_us, last_seen_us FROM sessions "
                        "WHERE token_hash = ?");
    q.bind(1, token_hash);
    if (q.executeStep()) {
      found = SessionRecord{token_hash, q.getColumn("user_id").getString(),
                            q.getColumn("csrf_token").getString(),
                            FromMicros(q.getColumn("created_us").getInt64()),
                            FromMicros(q.getColumn("last_seen_us").getInt64())};
    }
    return Status::Ok();
  }));
  return found;
}

Status SqliteAccountRepository::TouchSession(const std::string& token_hash, TimePoint at) {
  return storage::Guard([&] {
    SQLite::Statement s(db_, "UPDATE sessions SET last_seen_us = ? WHERE token_hash = ?");
    s.bind(1, ToMicros(at));
    s.bind(2, token_hash);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteAccountRepository::DeleteSession(const std::string& token_hash) {
  return Exec(db_, "DELETE FROM sessions WHERE token_hash = ?", token_hash);
}

Status SqliteAccountRepository::DeleteSessionsOf(const std::string& user_id,
                                                 const std::string& keep_hash) {
  return Exec(db_, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", user_id,
              keep_hash);
}

Result<int64_t> SqliteAccountRepository::DeleteSessionsIdleSince(TimePoint cutoff) {
  int64_t deleted = 0;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    SQLite::Statement s(db_, "DELETE FROM sessions WHERE last_seen_us < ?");
    s.bind(1, ToMicros(cutoff));
    deleted = s.exec();
    return Status::Ok();
  }));
  return deleted;
}

Status SqliteAccountRepository::AddApiToken(const ApiTokenRecord& token) {
  return storage::Guard([&] {
    SQLite::Statement s(db_, std::string("INSERT INTO api_tokens (") + kApiTokenColumns +
                                 ") VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, token.token_hash);
    s.bind(2, token.user_id);
    s.bind(3, token.label);
    s.bind(4, ToMicros(token.created));
    s.bind(5, token.revoked ? 1 : 0);
    s.bind(6, ToMicros(token.expires));
    s.exec();
    return Status::Ok();
  });
}

Result<std::optional<ApiTokenRecord>> SqliteAccountRepository::FindApiToken(
    const std::string& token_hash) {
  std::optional<ApiTokenRecord> found;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    SQLite::Statement q(
        db_, std::string("SELECT ") + kApiTokenColumns + " FROM api_tokens WHERE token_hash = ?");
    q.bind(1, token_hash);
    if (q.executeStep()) found = ReadApiToken(q);
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<ApiTokenRecord>> SqliteAccountRepository::ListApiTokens(
    const std::string& user_id) {
  std::vector<ApiTokenRecord> all;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    SQLite::Statement q(db_, std::string("SELECT ") + kApiTokenColumns +
                                 " FROM api_tokens WHERE user_id = ? AND revoked = 0"
                                 " ORDER BY created_us, token_hash");
    q.bind(1, user_id);
    while (q.executeStep()) all.push_back(ReadApiToken(q));
    return Status::Ok();
  }));
  return all;
}

Result<std::vector<ApiTokenRecord>> SqliteAccountRepository::ListApiTokenPage(
    const std::string& user_id, const page::PageRequest& page) {
  std::vector<ApiTokenRecord> all;
  storage::Query query;
  query.Where("user_id = ? AND revoked = 0", {user_id});
  const std::vector<storage::Query::Column> order{{"created_us", storage::Query::Key::kInteger},
                                                  {"token_hash"}};
  VERKOSTO_RETURN_IF_ERROR(query.After(order, page));
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    SQLite::Statement q(db_, std::string("SELECT ") + kApiTokenColumns + " FROM api_tokens" +
                                 query.Sql() + storage::Query::OrderLimit(order, page));
    query.Bind(q);
    while (q.executeStep()) all.push_back(ReadApiToken(q));
    return Status::Ok();
  }));
  return all;
}

Result<std::vector<ApiTokenRecord>> SqliteAccountRepository::FindApiTokensById(
    const std::string& token_id) {
  std::vector<ApiTokenRecord> all;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    // A range on the primary key: the hashes that start with the id.
    SQLite::Statement q(db_, std::string("SELECT ") + kApiTokenColumns +
                                 " FROM api_tokens WHERE token_hash >= ? AND token_hash < ?"
                                 " ORDER BY created_us, token_hash");
    q.bind(1, token_id);
    q.bind(2, token_id + "g");  // 'g' sorts after every hex digit
    while (q.executeStep()) all.push_back(ReadApiToken(q));
    return Status::Ok();
  }));
  return all;
}

Status SqliteAccountRepository::RevokeApiToken(const std::string& token_hash) {
  return Exec(db_, "UPDATE api_tokens SET revoked = 1 WHERE token_hash = ?", token_hash);
}

Status SqliteAccountRepository::RevokeApiTokensOf(const std::string& user_id) {
  return Exec(db_, "UPDATE api_tokens SET revoked = 1 WHERE user_id = ?", user_id);
}

Status SqliteAccountRepository::AddLoginFailure(const LoginFailure& failure) {
  return storage::Guard([&] {
    SQLite::Statement s(db_,
                        "INSERT INTO login_failures (user_id, address, at_us) VALUES (?, ?, ?)");
    s.bind(1, failure.user_id);
    s.bind(2, failure.address);
    s.bind(3, ToMicros(failure.at));
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<LoginFailure>> SqliteAccountRepository::LoginFailures(const std::string& user_id,
                                                                         const std::string& address,
                                                                         TimePoint since) {
  std::vector<LoginFailure> all;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    // Two indexed lookups (by name, by address) rather than one OR scan; the
    // second leaves out the name's rows the first has. UNION ALL: two
    // failures at the same instant are two failures.
    SQLite::Statement q(db_,
                        "SELECT user_id, address, at_us FROM login_failures "
                        "WHERE user_id = ? AND at_us >= ? UNION ALL "
                        "SELECT user_id, address, at_us FROM login_failures "
                        "WHERE address = ? AND user_id != ? AND at_us >= ? ORDER BY at_us");
    q.bind(1, user_id);
    q.bind(2, ToMicros(since));
    q.bind(3, address);
    q.bind(4, user_id);
    q.bind(5, ToMicros(since));
    while (q.executeStep()) {
      all.push_back(LoginFailure{q.getColumn("user_id").getString(),
                                 q.getColumn("address").getString(),
                                 FromMicros(q.getColumn("at_us").getInt64())});
    }
    return Status::Ok();
  }));
  return all;
}

Status SqliteAccountRepository::ClearLoginFailures(const std::string& user_id,
                                                   const std::string& address,
                                                   TimePoint prune_before) {
  return storage::Guard([&] {
    SQLite::Statement s(
        db_,
        "DELETE FROM login_failures WHERE (user_id = ? AND (? = '' OR address = ?)) "
        "OR at_us < ?");
    s.bind(1, user_id);
    s.bind(2, address);
    s.bind(3, address);
    s.bind(4, ToMicros(prune_before));
    s.exec();
    return Status::Ok();
  });
}

const storage::ChainTable& AccountAuditChainTable() {
  static const storage::ChainTable kTable{"account_audit",
                                          "account_audit",
                                          "id",
                                          {"at_us", "actor_user_id", "actor_role", "on_behalf_of",
                                           "action", "subject_user_id", "detail", "principal"}};
  return kTable;
}

Status SqliteAccountRepository::Audit(const AuditRecord& e) {
  return storage::Guard([&]() -> Status {
    storage::ChainWriter chain(db_, AccountAuditChainTable());
    return chain
        .Append({storage::ChainValue{ToMicros(e.at)}, storage::ChainText(e.actor_user_id),
                 storage::ChainText(std::string(RoleName(e.actor_role))),
                 storage::ChainText(e.on_behalf_of), storage::ChainText(e.action),
                 storage::ChainText(e.subject_user_id), storage::ChainText(e.detail),
                 storage::ChainText(e.principal)})
        .status();
  });
}

Result<std::vector<AuditRecord>> SqliteAccountRepository::ListAudit(const std::string& subject,
                                                                    const page::PageRequest& page) {
  std::vector<AuditRecord> all;
  storage::Query query;
  if (!subject.empty()) query.Where("subject_user_id = ?", {subject});
  const std::vector<storage::Query::Column> order{{"id", storage::Query::Key::kInteger}};
  VERKOSTO_RETURN_IF_ERROR(query.After(order, page, /*descending=*/true));
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&] {
    SQLite::Statement q(
        db_, std::string("SELECT id, at_us, actor_user_id, actor_role, on_behalf_of, action, "
                         "subject_user_id, detail, principal FROM account_audit") +
                 query.Sql() + storage::Query::OrderLimit(order, page, /*descending=*/true));
    query.Bind(q);
    while (q.executeStep()) {
      all.push_back(AuditRecord{
          FromMicros(q.getColumn("at_us").getInt64()), q.getColumn("actor_user_id").getString(),
          RoleFromName(q.getColumn("actor_role").getString()),
          q.getColumn("on_behalf_of").getString(), q.getColumn("action").getString(),
          q.getColumn("subject_user_id").getString(), q.getColumn("detail").getString(),
          q.getColumn("principal").getString(), q.getColumn("id").getInt64()});
    }
    return Status::Ok();
  }));
  return all;
}

}  // namespace verkosto::gateway
