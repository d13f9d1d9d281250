#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/language.h"
#include "core/result.h"
#include "core/status.h"
#include "gateway/domain/login_throttle.h"

namespace verkosto::gateway {

// The rules of logging in, with the defaults the gateway runs with. Times are
// counted on the injected clock.
struct AuthPolicy {
  // A session unused this long is over.
  std::chrono::microseconds idle_timeout = std::chrono::minutes(30);
  // A session is over this long after login, however busy.
  std::chrono::microseconds absolute_lifetime = std::chrono::hours(12);
  // Growing waits after failed logins (login_throttle.h).
  LoginThrottlePolicy throttle;
  // A session's last use is written at most this often (saves a write per request).
  std::chrono::microseconds touch_interval = std::chrono::minutes(1);
  size_t min_password_length = 12;
  size_t max_password_length = 256;
  // An API token stops working this long after it was drawn ([auth] token_days).
  std::chrono::microseconds api_token_lifetime = std::chrono::hours(24 * 90);
};

// One local account (the gateway database's row) with its password hash.
struct AccountRecord {
  std::string user_id;
  std::string display_name;
  Role role = Role::kUnspecified;
  AreaCode area;
  std::string email;                  // lower case, may be empty
  Language language = Language::kFi;  // of the pages
  std::string on_behalf_of;
  bool disabled = false;
  std::string password_hash;  // argon2id, crypto_pwhash_str format
  TimePoint created;
  TimePoint password_set;

  // The actor a request of this account carries.
  Actor ToActor() const;
};

// Checks and normalises a new account (trims names, lower-cases the e-mail).
// Errors: invalid_argument naming the field:
// user_id (2..64 of a-z 0-9 . - _), display_name (required, up to 200),
// role (unspecified or system), area (required for registry clerks, directors
// and deputies; empty for the others), email (one '@', no spaces).
Result<AccountRecord> NormalizeAccount(AccountRecord account);

// Errors: invalid_argument ("password") when shorter than the policy's
// minimum, longer than its maximum, or equal to the user id.
Status CheckPassword(const std::string& password, const std::string& user_id,
                     const AuthPolicy& policy);

// True when a session created at `created` and last used at `last_seen` is over at `now`.
bool SessionExpired(TimePoint created, TimePoint last_seen, TimePoint now,
                    const AuthPolicy& policy);

// When an API token drawn at `created` stops working.
TimePoint ApiTokenExpiry(TimePoint created, const AuthPolicy& policy);

// True when an API token that stops working at `expires` is over at `now`.
bool ApiTokenExpired(TimePoint expires, TimePoint now);

// The ways a password change may be asked for (PlanPasswordChange).
enum class PasswordChange {
  kOwn,    // the account itself: needs its current password, may keep its session
  kReset,  // an admin or the operator for someone else: needs a reason
};

// Who may set `user_id`'s password, and how: the account itself changes it
// (even an admin's own account), an admin or the operator resets anyone
// else's. Errors: permission_denied for anyone else (the gateway itself too).
Result<PasswordChange> PlanPasswordChange(const Actor& actor, const std::string& user_id);

// Checks what a password change carries besides the new password. Errors:
// invalid_argument ("current_password") when the account itself gives none,
// ("reason") when a reset has none or one over 500 characters.
Status CheckPasswordChange(PasswordChange change, const std::string& current_password,
                           const std::string& reason);

// True when the session's last use should be written again.
bool ShouldTouch(TimePoint last_seen, TimePoint now, const AuthPolicy& policy);

// Does `deputy` (a deputy's account) act for `director`, the account its
// on_behalf_of names (nullopt when there is none)? Only while that account
// is an enabled director of the deputy's own area: a deputy acts only for
// the director named on their account (issue 13, docs/authorization.md).
bool HoldsMandate(const AccountRecord& deputy, const std::optional<AccountRecord>& director);

// Admins (through the gateway) and the operator (the CLI with the operator
// key) manage accounts.
bool MayManageAccounts(const Actor& actor);
// Only the account itself draws an API token: a token acts as its person, so
// nobody else (not an admin, not the operator) may make one for them.
bool MayCreateToken(const Actor& actor, const std::string& user_id);
// The account itself lists and revokes its API tokens; admins and the
// operator those of any account.
bool MayHandleTokensOf(const Actor& actor, const std::string& user_id);
// Only the gateway itself (system actor) opens, checks and ends sessions.
bool MayHandleSessions(const Actor& actor);

}  // namespace verkosto::gateway
