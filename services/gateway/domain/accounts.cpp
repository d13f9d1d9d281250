#include "gateway/domain/accounts.h"

#include <algorithm>

#include "core/email.h"
#include "core/limits.h"
#include "core/text.h"

namespace verkosto::gateway {

namespace {

bool ScopedRole(Role role) {
  return role == Role::kRegistryClerk || role == Role::kAreaDirector || role == Role::kAreaDeputy;
}

// A person's account, not the gateway itself or the operator.
bool IsPerson(const Actor& actor) {
  return !actor.user_id.empty() && actor.role != Role::kSystem && actor.role != Role::kOperator &&
         actor.role != Role::kUnspecified;
}

bool ValidUserId(const std::string& id) {
  if (id.size() < 2 || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  });
}

}  // namespace

Actor AccountRecord::ToActor() const {
  return Actor{user_id, display_name, role, area, on_behalf_of, email};
}

Result<AccountRecord> NormalizeAccount(AccountRecord account) {
  account.user_id = std::string(text::Trim(account.user_id));
  if (!ValidUserId(account.user_id)) {
    return Status::InvalidArgument(
        "user_id", "must be 2..64 characters of a-z, 0-9, '.', '-' or '_' (lower case)");
  }
  account.display_name = std::string(text::Trim(account.display_name));
  if (account.display_name.empty()) return Status::InvalidArgument("display_name", "is required");
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(account.display_name, limits::kName, "display_name"));
  // The operator is whoever holds the operator key on the server, never a
  // login: an account with that role could do nothing and would blur who did what.
  if (account.role == Role::kUnspecified || account.role == Role::kSystem ||
      account.role == Role::kOperator) {
    return Status::InvalidArgument("role",
                                   "must be a person's role (not unspecified, system or operator)");
  }
  account.area = AreaCode(std::string(text::Trim(account.area.value())));
  if (ScopedRole(account.role) && account.area.value().empty()) {
    return Status::InvalidArgument("area",
                                   "is required for role " + std::string(RoleName(account.role)));
  }
  if (!ScopedRole(account.role) && !account.area.value().empty()) {
    return Status::InvalidArgument("area",
                                   "must be empty for role " + std::string(RoleName(account.role)));
  }
  account.email = text::AsciiLower(text::Trim(account.email));
  if (!account.email.empty() && !IsValidEmail(account.email)) {
    return Status::InvalidArgument("email", "is not an e-mail address");
  }
  account.on_behalf_of = std::string(text::Trim(account.on_behalf_of));
  if (!account.on_behalf_of.empty() && account.role != Role::kAreaDeputy) {
    return Status::InvalidArgument("on_behalf_of", "only a deputy acts on someone's behalf");
  }
  return account;
}

Status CheckPassword(const std::string& password, const std::string& user_id,
                     const AuthPolicy& policy) {
  if (password.size() < policy.min_password_length) {
    return Status::InvalidArgument(
        "password",
        "must be at least " + std::to_string(policy.min_password_length) + " characters");
  }
  if (password.size() > policy.max_password_length) {
    return Status::InvalidArgument(
        "password",
        "must be at most " + std::to_string(policy.max_password_length) + " characters");
  }
  if (text::AsciiLower(password) == text::AsciiLower(user_id)) {
    return Status::InvalidArgument("password", "must not be the user id");
  }
  return Status::Ok();
}

bool SessionExpired(TimePoint created, TimePoint last_seen, TimePoint now,
                    const AuthPolicy& policy) {
  return now - last_seen >= policy.idle_timeout || now - created >= policy.absolute_lifetime;
}

TimePoint ApiTokenExpiry(TimePoint created, const AuthPolicy& policy) {
  return created + policy.api_token_lifetime;
}

bool ApiTokenExpired(TimePoint expires, TimePoint now) { return now >= expires; }

Result<PasswordChange> PlanPasswordChange(const Actor& actor, const std::string& user_id) {
  if (IsPerson(actor) && actor.user_id == user_id) return PasswordChange::kOwn;
  if (MayManageAccounts(actor)) return PasswordChange::kReset;
  return Status::PermissionDenied("only an admin or the account itself sets a password");
}

Status CheckPasswordChange(PasswordChange change, const std::string& current_password,
                           const std::string& reason) {
  if (change == PasswordChange::kOwn) {
    if (current_password.empty()) {
      return Status::InvalidArgument("current_password", "is required to change your password");
    }
    return Status::Ok();
  }
  if (text::Trim(reason).empty()) {
    return Status::InvalidArgument("reason", "is required to reset someone's password");
  }
  if (reason.size() > 500)
    return Status::InvalidArgument("reason", "must be at most 500 characters");
  return Status::Ok();
}

bool ShouldTouch(TimePoint last_seen, TimePoint now, const AuthPolicy& policy) {
  return now - last_seen >= policy.touch_interval;
}

bool MayManageAccounts(const Actor& actor) {
  return actor.role == Role::kAdmin || actor.role == Role::kOperator;
}

bool MayCreateToken(const Actor& actor, const std::string& user_id) {
  return IsPerson(actor) && actor.user_id == user_id;
}

bool MayHandleTokensOf(const Actor& actor, const std::string& user_id) {
  return MayManageAccounts(actor) || (IsPerson(actor) && actor.user_id == user_id);
}

bool MayHandleSessions(const Actor& actor) { return actor.role == Role::kSystem; }

bool HoldsMandate(const AccountRecord& deputy, const std::optional<AccountRecord>& director) {
  return deputy.role == Role::kAreaDeputy && !deputy.on_behalf_of.empty() && director &&
         director->user_id == deputy.on_behalf_of && !director->disabled &&
         director->role == Role::kAreaDirector && !director->area.empty() &&
         director->area == deputy.area;
}

}  // namespace verkosto::gateway
