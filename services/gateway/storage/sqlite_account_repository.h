#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <vector>

#include "core/page.h"
#include "core/result.h"
#include "gateway/domain/accounts.h"
#include "storage/hash_chain.h"
#include "storage/query.h"

namespace verkosto::gateway {

// A session row: who, its anti-forgery token, when it began and was last used.
struct SessionRecord {
  std::string token_hash;
  std::string user_id;
  std::string csrf_token;
  TimePoint created;
  TimePoint last_seen;
};

// An API token row.
struct ApiTokenRecord {
  std::string token_hash;
  std::string user_id;
  std::string label;
  TimePoint created;
  bool revoked = false;
  TimePoint expires{};  // when it stops working (ApiTokenExpiry)

  // The first 12 hex digits of the hash: how audit, lists and revoking name it.
  std::string TokenId() const { return token_hash.substr(0, 12); }
};

// One entry of the account audit trail.
struct AuditRecord {
  TimePoint at;
  std::string actor_user_id;
  Role actor_role = Role::kUnspecified;
  std::string on_behalf_of;
  std::string action;
  std::string subject_user_id;
  std::string detail;
  std::string principal{};  // the program that carried the act (Actor::principal)
  // The entry's key in the chain (newest = largest); 0 before it is stored.
  int64_t id = 0;
};

// The account audit as a hash chain (storage/hash_chain.h): key id; at_us,
// actor_user_id, actor_role, on_behalf_of, action, subject_user_id, detail,
// principal. SqliteAccountRepository::Audit is the one way rows are written.
const storage::ChainTable& AccountAuditChainTable();

// Accounts, sessions, API tokens, failed logins and the audit trail in the
// gateway's SQLite database (schema/0002_create_accounts.sql and later steps). Works on the
// connection it is given, inside the caller's transaction; never commits.
// Every method returns storage errors as Status (unavailable when busy,
// internal otherwise); AddAccount gives already_exists for a taken user id.
// Not thread-safe (as the connection).
class SqliteAccountRepository {
 public:
  explicit SqliteAccountRepository(SQLite::Database& db) : db_(db) {}

  Status AddAccount(const AccountRecord& account);
  Result<std::optional<AccountRecord>> FindAccount(const std::string& user_id);
  Result<std::vector<AccountRecord>> ListAccounts(bool include_disabled);
  // One page of them by user id: page.fetch() after the page's key.
  Result<std::vector<AccountRecord>> ListAccountPage(bool include_disabled,
                                                     const page::PageRequest& page);
  Status SetDisabled(const std::string& user_id, bool disabled);
  Status SetPasswordHash(const std::string& user_id, const std::string& hash, TimePoint at);
  // The account's work e-mail (already normalised).
  Status SetEmail(const std::string& user_id, const std::string& email);

  Status AddSession(const SessionRecord& session);
  Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash);
  Status TouchSession(const std::string& token_hash, TimePoint at);
  Status DeleteSession(const std::string& token_hash);
  // Ends every session of `user_id` except `keep_hash` (may be empty).
  Status DeleteSessionsOf(const std::string& user_id, const std::string& keep_hash = {});
  // Deletes sessions last used before `cutoff`; returns how many.
  Result<int64_t> DeleteSessionsIdleSince(TimePoint cutoff);

  Status AddApiToken(const ApiTokenRecord& token);
  Result<std::optional<ApiTokenRecord>> FindApiToken(const std::string& token_hash);
  // The tokens of `user_id` that are not revoked, oldest first.
  Result<std::vector<ApiTokenRecord>> ListApiTokens(const std::string& user_id);
  // One page of them (created_us, token_hash), page.fetch() after its key.
  Result<std::vector<ApiTokenRecord>> ListApiTokenPage(const std::string& user_id,
                                                       const page::PageRequest& page);
  // The tokens whose id (ApiTokenRecord::TokenId, 12 hex digits) is
  // `token_id`, revoked ones too, oldest first (more than one only by a
  // 48-bit coincidence).
  Result<std::vector<ApiTokenRecord>> FindApiTokensById(const std::string& token_id);
  Status RevokeApiToken(const std::string& token_hash);
  Status RevokeApiTokensOf(const std::string& user_id);

  Status AddLoginFailure(const LoginFailure& failure);
  // The failures at or after `since` of `user_id` (from any address) or from
  // `address` (for any name), oldest first.
  Result<std::vector<LoginFailure>> LoginFailures(const std::string& user_id,
                                                  const std::string& address, TimePoint since);
  // Forgets the failures of `user_id` — from `address` only, or from every
  // address when `address` is empty — and everyone's before `prune_before`.
  Status ClearLoginFailures(const std::string& user_id, const std::string& address,
                            TimePoint prune_before);

  // Appends to the audit chain (the previous row's hash is read in the
  // caller's write transaction).
  Status Audit(const AuditRecord& entry);
  // Newest first; `subject` empty: all.
  // Newest first (by id): page.fetch() entries after the page's key.
  Result<std::vector<AuditRecord>> ListAudit(const std::string& subject,
                                             const page::PageRequest& page);

 private:
  SQLite::Database& db_;
};

}  // namespace verkosto::gateway
