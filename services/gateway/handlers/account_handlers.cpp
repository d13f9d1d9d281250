#include "gateway/handlers/account_handlers.h"

#include <algorithm>

#include "core/limits.h"
#include "core/page.h"
#include "core/text.h"
#include "gateway/storage/sqlite_account_repository.h"
#include "messaging/envelope.h"
#include "messaging/page_reply.h"

namespace verkosto::gateway {

namespace pb = ::verkosto::gateway::v1;
using messaging::Context;

namespace {

Status Audit(SqliteAccountRepository& repo, const Context& ctx, const std::string& action,
             const std::string& subject, const std::string& detail) {
  return repo.Audit(AuditRecord{ctx.now(), ctx.actor().user_id, ctx.actor().role,
                                ctx.actor().on_behalf_of, action, subject, detail,
                                ctx.actor().principal});
}

// True when `text` is `digits` lower-case hex digits.
bool IsLowerHex(const std::string& text, size_t digits) {
  return text.size() == digits && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// A token hash as the clients send it: 64 lower-case hex digits.
Status CheckTokenHash(const std::string& hash, const std::string& field) {
  return IsLowerHex(hash, 64) ? Status::Ok()
                              : Status::InvalidArgument(field, "must be 64 lower-case hex digits");
}

Result<AccountRecord> LoadAccount(SqliteAccountRepository& repo, const std::string& user_id) {
  if (user_id.empty()) return Status::InvalidArgument("user_id", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<AccountRecord> found, repo.FindAccount(user_id));
  if (!found) return Status::NotFound("no account '" + user_id + "'");
  return std::move(*found);
}

Status RequireManager(const Context& ctx) {
  if (!MayManageAccounts(ctx.actor())) {
    return Status::PermissionDenied("only an admin may manage accounts");
  }
  return Status::Ok();
}

Status RequireGateway(const Context& ctx) {
  if (!MayHandleSessions(ctx.actor())) {
    return Status::PermissionDenied("only the gateway handles sessions");
  }
  return Status::Ok();
}

Result<pb::CreateAccountResponse> CreateAccount(Context& ctx, const pb::CreateAccountRequest& req,
                                                const AccountSettings& settings) {
  VERKOSTO_RETURN_IF_ERROR(RequireManager(ctx));
  const pb::Account& in = req.account();
  AccountRecord draft;
  draft.user_id = in.user_id();
  draft.display_name = in.display_name();
  draft.role = messaging::FromProtoRole(in.role());
  draft.area = AreaCode(in.area());
  draft.email = in.email();
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Language> language,
                            messaging::FromProtoLanguage(in.language(), "account.language"));
  draft.language = language.value_or(Language::kFi);
  draft.on_behalf_of = in.on_behalf_of();
  Result<AccountRecord> normalized = NormalizeAccount(std::move(draft));
  if (!normalized.ok()) {
    return normalized.status().WithFieldPrefix("account.");
  }
  AccountRecord account = std::move(normalized).value();
  VERKOSTO_RETURN_IF_ERROR(CheckPassword(req.password(), account.user_id, settings.policy));
  SqliteAccountRepository repo(ctx.db());
  if (!account.on_behalf_of.empty()) {
    VERKOSTO_ASSIGN_OR_RETURN(std::optional<AccountRecord> director,
                              repo.FindAccount(account.on_behalf_of));
    if (!HoldsMandate(account, director)) {
      return Status::InvalidArgument("account.on_behalf_of",
                                     "'" + account.on_behalf_of +
                                         "' is not an active director of area '" +
                                         account.area.value() + "'");
    }
  }
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<AccountRecord> existing,
                            repo.FindAccount(account.user_id));
  if (existing) {
    return Status::AlreadyExists("account.user_id", "account '" + account.user_id + "' exists");
  }
  VERKOSTO_ASSIGN_OR_RETURN(account.password_hash, HashPassword(req.password(), settings.hash));
  account.created = ctx.now();
  account.password_set = ctx.now();
  VERKOSTO_RETURN_IF_ERROR(repo.AddAccount(account));
  VERKOSTO_RETURN_IF_ERROR(
      Audit(repo, ctx, "account_created", account.user_id,
            "role " + std::string(RoleName(account.role)) +
                (account.area.value().empty() ? "" : " area " + account.area.value())));
  pb::CreateAccountResponse response;
  *response.mutable_account() = ToProto(account);
  return response;
}

// The lower-case user name of a login, or invalid_argument.
Result<std::string> LoginName(const std::string& raw) {
  std::string user_id = text::AsciiLower(raw);
  if (user_id.empty()) return Status::InvalidArgument("user_id", "is required");
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(user_id, limits::kName, "user_id"));
  return user_id;
}

// When `user_id` may next try from `address`: nullopt when now.
Result<std::optional<TimePoint>> NextAttempt(SqliteAccountRepository& repo,
                                             const std::string& user_id, const std::string& address,
                                             TimePoint now, const AuthPolicy& policy) {
  VERKOSTO_ASSIGN_OR_RETURN(
      std::vector<LoginFailure> failures,
      repo.LoginFailures(user_id, address, ThrottleRelevantSince(now, policy.throttle)));
  return NextLoginAllowed(failures, user_id, address, now, policy.throttle);
}

Result<pb::CheckLoginResponse> CheckLogin(Context& ctx, const pb::CheckLoginRequest& req,
                                          const AccountSettings& settings) {
  VERKOSTO_RETURN_IF_ERROR(RequireGateway(ctx));
  VERKOSTO_ASSIGN_OR_RETURN(const std::string user_id, LoginName(req.user_id()));
  SqliteAccountRepository repo(ctx.db());
  pb::CheckLoginResponse response;
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<TimePoint> wait,
                            NextAttempt(repo, user_id, req.address(), ctx.now(), settings.policy));
  if (wait) {
    response.set_retry_after_unix_us(ToMicros(*wait));
    return response;
  }
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<AccountRecord> account, repo.FindAccount(user_id));
  if (account && !account->disabled) response.set_password_hash(account->password_hash);
  return response;
}

Result<pb::LoginResponse> Login(Context& ctx, const pb::LoginRequest& req,
                                const AccountSettings& settings) {
  VERKOSTO_RETURN_IF_ERROR(RequireGateway(ctx));
  VERKOSTO_ASSIGN_OR_RETURN(const std::string user_id, LoginName(req.user_id()));
  SqliteAccountRepository repo(ctx.db());
  const TimePoint now = ctx.now();
  pb::LoginResponse response;
  // The wait is decided here, in the write transaction, whatever the gateway
  // found: two attempts checked at once cannot both slip past it.
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<TimePoint> wait,
                            NextAttempt(repo, user_id, req.address(), now, settings.policy));
  if (wait || req.outcome() == pb::LOGIN_OUTCOME_THROTTLED) {
    VERKOSTO_RETURN_IF_ERROR(Audit(repo, ctx, "login_throttled", user_id, req.client()));
    response.set_refusal("throttled");
    response.set_retry_after_unix_us(ToMicros(wait.value_or(now)));
    return response;
  }
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<AccountRecord> account, repo.FindAccount(user_id));
  // Verified against the hash the account still has (not one a password
  // change has replaced since CheckLogin), of an enabled account.
  const bool match = req.outcome() == pb::LOGIN_OUTCOME_VERIFIED && account && !account->disabled &&
                     !req.verified_hash().empty() && req.verified_hash() == account->password_hash;
  if (!match) {
    // Forget everyone's failures too old to matter, so guessing many names
    // does not grow the table without bound.
    VERKOSTO_RETURN_IF_ERROR(
        repo.ClearLoginFailures("", "", ThrottleRelevantSince(now, settings.policy.throttle)));
    VERKOSTO_RETURN_IF_ERROR(repo.AddLoginFailure(LoginFailure{user_id, req.address(), now}));
    VERKOSTO_RETURN_IF_ERROR(Audit(repo, ctx, "login_refused", user_id, req.client()));
    response.set_refusal("wrong_credentials");
    return response;
  }
  VERKOSTO_RETURN_IF_ERROR(CheckTokenHash(req.session_token_hash(), "session_token_hash"));
  // A success forgets this address's failures of the name; others' stay.
  VERKOSTO_RETURN_IF_ERROR(repo.ClearLoginFailures(
      user_id, req.address(), ThrottleRelevantSince(now, settings.policy.throttle)));
  if (!req.rehashed().empty()) {
    // The configured cost changed since the hash was made: the gateway
    // hashed the password again while it had it.
    VERKOSTO_RETURN_IF_ERROR(repo.SetPasswordHash(user_id, req.rehashed(), account->password_set));
  }
  (void)repo.DeleteSessionsIdleSince(now - settings.policy.idle_timeout);
  const std::string csrf = RandomToken("");
  VERKOSTO_RETURN_IF_ERROR(
      repo.AddSession(SessionRecord{req.session_token_hash(), user_id, csrf, now, now}));
  VERKOSTO_RETURN_IF_ERROR(Audit(repo, ctx, "login", user_id, req.client()));
  response.set_accepted(true);
  response.set_csrf_token(csrf);
  *response.mutable_account() = ToProto(*account);
  return response;
}

Result<pb::ValidateSessionResponse> ValidateSession(Context& ctx,
                                                    const pb::ValidateSessionRequest& req,
                                                    const AccountSettings& settings) {
  VERKOSTO_RETURN_IF_ERROR(RequireGateway(ctx));
  SqliteAccountRepository repo(ctx.db());
  pb::ValidateSessionResponse response;
  std::string user_id;
  if (!req.session_token_hash().empty()) {
    VERKOSTO_RETURN_IF_ERROR(CheckTokenHash(req.session_token_hash(), "session_token_hash"));
    VERKOSTO_ASSIGN_OR_RETURN(std::optional<SessionRecord> session,
                              repo.FindSession(req.session_token_hash()));
    if (!session ||
        SessionExpired(session->created, session->last_seen, ctx.now(), settings.policy)) {
      return Status::NotFound("no such session, or it has expired");
    }
    user_id = session->user_id;
    response.set_csrf_token(session->csrf_token);
    response.set_last_seen_unix_us(ToMicros(session->last_seen));
  } else {
    VERKOSTO_RETURN_IF_ERROR(CheckTokenHash(req.api_token_hash(), "api_token_hash"));
    VERKOSTO_ASSIGN_OR_RETURN(std::optional<ApiTokenRecord> token,
                              repo.FindApiToken(req.api_token_hash()));
    if (!token || token->revoked || ApiTokenExpired(token->expires, ctx.now())) {
      return Status::NotFound("no such API token, or it was revoked or has expired");
    }
    user_id = token->user_id;
  }
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<AccountRecord> account, repo.FindAccount(user_id));
  if (!account || account->disabled) return Status::NotFound("the account is disabled");
  std::string director_name;  // the principal's, while the mandate holds
  if (account->role == Role::kAreaDeputy && !account->on_behalf_of.empty()) {
    // The mandate is checked on every request, so it ends the moment the
    // director's account is disabled, moved or changes role. Without it the
    // deputy still reads, but the services refuse every act that needs one
    // (permission_denied naming on_behalf_of).
    VERKOSTO_ASSIGN_OR_RETURN(std::optional<AccountRecord> director,
                              repo.FindAccount(account->on_behalf_of));
    if (HoldsMandate(*account, director)) {
      director_name = director->display_name;
    } else {
      account->on_behalf_of.clear();
    }
  }
  *response.mutable_account() = ToProto(*account);
  response.mutable_account()->set_on_behalf_of_name(director_name);
  return response;
}

// Only the gateway reports what it showed a person, and only for people.
Result<pb::RecordContactReadResponse> RecordContactRead(Context& ctx,
                                                        const pb::RecordContactReadRequest& req) {
  const Actor& reader = ctx.actor();
  if (reader.principal != "gateway" || reader.role == Role::kSystem ||
      reader.role == Role::kOperator || reader.role == Role::kUnspecified) {
    return Status::PermissionDenied("only the gateway records what it showed a person");
  }
  if (req.operation().empty() || req.operation().size() > 200) {
    return Status::InvalidArgument("operation", "is required, at most 200 characters");
  }
  constexpr int kMaxEntries = 200;
  SqliteAccountRepository repo(ctx.db());
  pb::RecordContactReadResponse response;
  int written = 0;
  for (const std::string& subject : req.subjects()) {
    if (subject.empty() || subject.size() > 320) {
      return Status::InvalidArgument("subjects", "an address of 1 to 320 characters");
    }
    if (written == kMaxEntries) break;
    VERKOSTO_RETURN_IF_ERROR(Audit(repo, ctx, "contact_data_read",
                                   "email:" + text::AsciiLower(subject), req.operation()));
    ++written;
  }
  if (req.subjects_size() > kMaxEntries) {
    VERKOSTO_RETURN_IF_ERROR(Audit(
        repo, ctx, "contact_data_read", "",
        req.operation() + ": and " + std::to_string(req.subjects_size() - kMaxEntries) + " more"));
    ++written;
  }
  response.set_recorded(static_cast<uint32_t>(written));
  return response;
}

Result<pb::SetPasswordResponse> SetPassword(Context& ctx, const pb::SetPasswordRequest& req,
                                            const AccountSettings& settings) {
  VERKOSTO_ASSIGN_OR_RETURN(PasswordChange change, PlanPasswordChange(ctx.actor(), req.user_id()));
  VERKOSTO_RETURN_IF_ERROR(CheckPasswordChange(change, req.current_password(), req.reason()));
  if (change == PasswordChange::kOwn && !req.keep_session_token_hash().empty()) {
    VERKOSTO_RETURN_IF_ERROR(
        CheckTokenHash(req.keep_session_token_hash(), "keep_session_token_hash"));
  }
  SqliteAccountRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(AccountRecord account, LoadAccount(repo, req.user_id()));
  Status policy = CheckPassword(req.new_password(), account.user_id, settings.policy);
  if (!policy.ok()) return Status::InvalidArgument("new_password", policy.message());
  const TimePoint now = ctx.now();
  pb::SetPasswordResponse response;
  if (change == PasswordChange::kOwn) {
    // Whoever holds a session must not learn the password by guessing here
    // faster than at the login: the same waits, and a wrong guess counts.
    VERKOSTO_ASSIGN_OR_RETURN(
        std::optional<TimePoint> wait,
        NextAttempt(repo, account.user_id, req.address(), now, settings.policy));
    if (wait) {
      VERKOSTO_RETURN_IF_ERROR(
          Audit(repo, ctx, "password_change_refused", account.user_id, "throttled"));
      response.set_refusal("throttled");
      response.set_retry_after_unix_us(ToMicros(*wait));
      return response;
    }
    if (!VerifyPassword(account.password_hash, req.current_password())) {
      VERKOSTO_RETURN_IF_ERROR(
          repo.AddLoginFailure(LoginFailure{account.user_id, req.address(), now}));
      VERKOSTO_RETURN_IF_ERROR(
          Audit(repo, ctx, "password_change_refused", account.user_id, "wrong current password"));
      response.set_refusal("wrong_current_password");
      return response;
    }
  }
  VERKOSTO_ASSIGN_OR_RETURN(std::string hash, HashPassword(req.new_password(), settings.hash));
  VERKOSTO_RETURN_IF_ERROR(repo.SetPasswordHash(account.user_id, hash, now));
  // Whoever knew the old password may have drawn tokens or kept a session.
  VERKOSTO_RETURN_IF_ERROR(repo.DeleteSessionsOf(
      account.user_id, change == PasswordChange::kOwn ? req.keep_session_token_hash() : ""));
  VERKOSTO_RETURN_IF_ERROR(repo.RevokeApiTokensOf(account.user_id));
  VERKOSTO_RETURN_IF_ERROR(repo.ClearLoginFailures(
      account.user_id, "", ThrottleRelevantSince(now, settings.policy.throttle)));
  if (change == PasswordChange::kOwn) {
    VERKOSTO_RETURN_IF_ERROR(Audit(repo, ctx, "password_set", account.user_id,
                                   "other sessions and every API token ended"));
  } else {
    VERKOSTO_RETURN_IF_ERROR(
        Audit(repo, ctx, "password_reset", account.user_id, std::string(text::Trim(req.reason()))));
  }
  account.password_set = now;
  *response.mutable_account() = ToProto(account);
  return response;
}

Result<pb::RevokeApiTokenResponse> RevokeApiToken(Context& ctx,
                                                  const pb::RevokeApiTokenRequest& req) {
  if (MayHandleSessions(ctx.actor())) {
    return Status::PermissionDenied("the gateway itself revokes no API tokens");
  }
  if (!IsLowerHex(req.token_id(), 12)) {
    return Status::InvalidArgument("token_id", "must be 12 lower-case hex digits");
  }
  SqliteAccountRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<ApiTokenRecord> found,
                            repo.FindApiTokensById(req.token_id()));
  // Another account's token is as unknown as a missing one (its id tells nothing).
  const auto it = std::find_if(found.begin(), found.end(), [&](const ApiTokenRecord& t) {
    return MayHandleTokensOf(ctx.actor(), t.user_id);
  });
  if (it == found.end()) return Status::NotFound("no API token " + req.token_id());
  ApiTokenRecord token = *it;
  pb::RevokeApiTokenResponse response;
  if (!token.revoked) {
    VERKOSTO_RETURN_IF_ERROR(repo.RevokeApiToken(token.token_hash));
    VERKOSTO_RETURN_IF_ERROR(Audit(repo, ctx, "api_token_revoked", token.user_id,
                                   "token " + token.TokenId() + ": " + token.label));
    token.revoked = true;
    response.set_changed(true);
  }
  *response.mutable_token() = ToProto(token, ctx.now());
  return response;
}

// Registers a command that changes what a session or token check answers
// (an account, a session, a token): after it runs, the HTTP side's cached
// checks are stale (AccountsGeneration). A check run in the same batch
// before the change is answered after the commit, to a worker that read the
// count before asking: SessionCache::Store refuses its answer; a check run
// after it sees the change.
template <typename Request, typename Response, typename Handler>
void AddChange(messaging::RpcServer& server, const AccountSettings& settings, Handler handler) {
  server.AddCommand<Request, Response>(
      [changes = settings.changes, handler](Context& ctx, const Request& req) -> Result<Response> {
        Result<Response> result = handler(ctx, req);
        if (changes != nullptr) changes->Bump();
        return result;
      });
}

}  // namespace

pb::ApiToken ToProto(const ApiTokenRecord& t, TimePoint now) {
  pb::ApiToken out;
  out.set_token_id(t.TokenId());
  out.set_user_id(t.user_id);
  out.set_label(t.label);
  out.set_created_unix_us(ToMicros(t.created));
  out.set_expires_unix_us(ToMicros(t.expires));
  out.set_expired(ApiTokenExpired(t.expires, now));
  out.set_revoked(t.revoked);
  return out;
}

pb::Account ToProto(const AccountRecord& a) {
  pb::Account out;
  out.set_user_id(a.user_id);
  out.set_display_name(a.display_name);
  out.set_role(messaging::ToProtoRole(a.role));
  out.set_area(a.area.value());
  out.set_email(a.email);
  out.set_language(messaging::ToProtoLanguage(a.language));
  out.set_on_behalf_of(a.on_behalf_of);
  out.set_disabled(a.disabled);
  out.set_created_unix_us(ToMicros(a.created));
  out.set_password_set_unix_us(ToMicros(a.password_set));
  return out;
}

void RegisterAccountHandlers(messaging::RpcServer& server, const AccountSettings& settings) {
  // A new account can give a deputy's mandate its director back.
  AddChange<pb::CreateAccountRequest, pb::CreateAccountResponse>(
      server, settings, [settings](Context& ctx, const pb::CreateAccountRequest& req) {
        return CreateAccount(ctx, req, settings);
      });

  server.AddQuery<pb::ListAccountsRequest, pb::ListAccountsResponse>(
      [](Context& ctx, const pb::ListAccountsRequest& req) -> Result<pb::ListAccountsResponse> {
        VERKOSTO_RETURN_IF_ERROR(RequireManager(ctx));
        constexpr std::string_view kList = "accounts.list";
        const std::string filters = page::FilterKey({req.include_disabled() ? "disabled" : ""});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 1));
        SqliteAccountRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<AccountRecord> all,
                                  repo.ListAccountPage(req.include_disabled(), page));
        pb::ListAccountsResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(
                all, page, kList, filters,
                [](const AccountRecord& a) { return std::vector<std::string>{a.user_id}; },
                [&](const AccountRecord& a) {
                  return (*response.add_accounts() = ToProto(a)).ByteSizeLong();
                }));
        return response;
      });

  AddChange<pb::DisableAccountRequest, pb::DisableAccountResponse>(
      server, settings,
      [](Context& ctx, const pb::DisableAccountRequest& req) -> Result<pb::DisableAccountResponse> {
        VERKOSTO_RETURN_IF_ERROR(RequireManager(ctx));
        if (req.reason().empty()) return Status::InvalidArgument("reason", "is required");
        VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(req.reason(), limits::kReason, "reason"));
        SqliteAccountRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(AccountRecord account, LoadAccount(repo, req.user_id()));
        VERKOSTO_RETURN_IF_ERROR(repo.SetDisabled(account.user_id, true));
        VERKOSTO_RETURN_IF_ERROR(repo.DeleteSessionsOf(account.user_id));
        VERKOSTO_RETURN_IF_ERROR(repo.RevokeApiTokensOf(account.user_id));
        VERKOSTO_RETURN_IF_ERROR(
            Audit(repo, ctx, "account_disabled", account.user_id, req.reason()));
        account.disabled = true;
        pb::DisableAccountResponse response;
        *response.mutable_account() = ToProto(account);
        return response;
      });

  AddChange<pb::SetPasswordRequest, pb::SetPasswordResponse>(
      server, settings, [settings](Context& ctx, const pb::SetPasswordRequest& req) {
        return SetPassword(ctx, req, settings);
      });

  AddChange<pb::SetOwnEmailRequest, pb::SetOwnEmailResponse>(
      server, settings,
      [](Context& ctx, const pb::SetOwnEmailRequest& req) -> Result<pb::SetOwnEmailResponse> {
        const Role role = ctx.actor().role;
        if (role == Role::kSystem || role == Role::kOperator || role == Role::kUnspecified) {
          return Status::PermissionDenied("only a person sets their own account's e-mail");
        }
        if (req.email().empty()) return Status::InvalidArgument("email", "is required");
        SqliteAccountRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(AccountRecord account, LoadAccount(repo, ctx.actor().user_id));
        AccountRecord draft = account;
        draft.email = req.email();
        VERKOSTO_ASSIGN_OR_RETURN(AccountRecord normalized, NormalizeAccount(std::move(draft)));
        pb::SetOwnEmailResponse response;
        if (normalized.email != account.email) {
          VERKOSTO_ASSIGN_OR_RETURN(std::vector<AccountRecord> all, repo.ListAccounts(true));
          for (const AccountRecord& other : all) {
            if (other.user_id != account.user_id && other.email == normalized.email) {
              return Status::AlreadyExists("email", "another account uses " + normalized.email);
            }
          }
          VERKOSTO_RETURN_IF_ERROR(repo.SetEmail(account.user_id, normalized.email));
          VERKOSTO_RETURN_IF_ERROR(Audit(repo, ctx, "email_changed", account.user_id,
                                         account.email + " -> " + normalized.email));
          account.email = normalized.email;
          response.set_changed(true);
        }
        *response.mutable_account() = ToProto(account);
        return response;
      });

  server.AddQuery<pb::CheckLoginRequest, pb::CheckLoginResponse>(
      [settings](Context& ctx, const pb::CheckLoginRequest& req) {
        return CheckLogin(ctx, req, settings);
      });
  server.AddCommand<pb::LoginRequest, pb::LoginResponse>(
      [settings](Context& ctx, const pb::LoginRequest& req) { return Login(ctx, req, settings); });

  server.AddCommand<pb::RecordContactReadRequest, pb::RecordContactReadResponse>(
      [](Context& ctx,
         const pb::RecordContactReadRequest& req) -> Result<pb::RecordContactReadResponse> {
        return RecordContactRead(ctx, req);
      });

  server.AddQuery<pb::ValidateSessionRequest, pb::ValidateSessionResponse>(
      [settings](Context& ctx, const pb::ValidateSessionRequest& req) {
        return ValidateSession(ctx, req, settings);
      });

  server.AddCommand<pb::TouchSessionRequest, pb::TouchSessionResponse>(
      [settings](Context& ctx,
                 const pb::TouchSessionRequest& req) -> Result<pb::TouchSessionResponse> {
        VERKOSTO_RETURN_IF_ERROR(RequireGateway(ctx));
        VERKOSTO_RETURN_IF_ERROR(CheckTokenHash(req.session_token_hash(), "session_token_hash"));
        SqliteAccountRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::optional<SessionRecord> session,
                                  repo.FindSession(req.session_token_hash()));
        if (!session ||
            SessionExpired(session->created, session->last_seen, ctx.now(), settings.policy)) {
          return Status::NotFound("no such session, or it has expired");
        }
        VERKOSTO_RETURN_IF_ERROR(repo.TouchSession(req.session_token_hash(), ctx.now()));
        return pb::TouchSessionResponse();
      });

  AddChange<pb::LogoutRequest, pb::LogoutResponse>(
      server, settings,
      [](Context& ctx, const pb::LogoutRequest& req) -> Result<pb::LogoutResponse> {
        VERKOSTO_RETURN_IF_ERROR(RequireGateway(ctx));
        VERKOSTO_RETURN_IF_ERROR(CheckTokenHash(req.session_token_hash(), "session_token_hash"));
        SqliteAccountRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::optional<SessionRecord> session,
                                  repo.FindSession(req.session_token_hash()));
        if (session) {
          VERKOSTO_RETURN_IF_ERROR(repo.DeleteSession(req.session_token_hash()));
          VERKOSTO_RETURN_IF_ERROR(Audit(repo, ctx, "logout", session->user_id, ""));
        }
        return pb::LogoutResponse();
      });

  server.AddCommand<pb::CreateApiTokenRequest, pb::CreateApiTokenResponse>(
      [settings](Context& ctx,
                 const pb::CreateApiTokenRequest& req) -> Result<pb::CreateApiTokenResponse> {
        if (!MayCreateToken(ctx.actor(), req.user_id())) {
          return Status::PermissionDenied("only the account itself draws its API tokens");
        }
        if (req.label().empty()) return Status::InvalidArgument("label", "is required");
        if (req.label().size() > 100) {
          return Status::InvalidArgument("label", "must be at most 100 characters");
        }
        VERKOSTO_RETURN_IF_ERROR(CheckTokenHash(req.token_hash(), "token_hash"));
        SqliteAccountRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(AccountRecord account, LoadAccount(repo, req.user_id()));
        if (account.disabled) return Status::FailedPrecondition("the account is disabled");
        const ApiTokenRecord token{
            req.token_hash(), account.user_id, req.label(),
            ctx.now(),        false,           ApiTokenExpiry(ctx.now(), settings.policy)};
        VERKOSTO_RETURN_IF_ERROR(repo.AddApiToken(token));
        VERKOSTO_RETURN_IF_ERROR(Audit(repo, ctx, "api_token_created", account.user_id,
                                       "token " + token.TokenId() + ": " + req.label()));
        pb::CreateApiTokenResponse response;
        response.set_token_id(token.TokenId());
        response.set_expires_unix_us(ToMicros(token.expires));
        return response;
      });

  server.AddQuery<pb::ListApiTokensRequest, pb::ListApiTokensResponse>(
      [](Context& ctx, const pb::ListApiTokensRequest& req) -> Result<pb::ListApiTokensResponse> {
        const Role role = ctx.actor().role;
        if (req.user_id().empty() && (role == Role::kSystem || role == Role::kOperator)) {
          return Status::InvalidArgument("user_id", "is required (whose tokens?)");
        }
        const std::string user_id = req.user_id().empty() ? ctx.actor().user_id : req.user_id();
        if (!MayHandleTokensOf(ctx.actor(), user_id)) {
          return Status::PermissionDenied(
              "only the account itself or an admin lists its API tokens");
        }
        constexpr std::string_view kList = "accounts.tokens";
        const std::string filters = page::FilterKey({user_id});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 2));
        SqliteAccountRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(AccountRecord account, LoadAccount(repo, user_id));
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<ApiTokenRecord> tokens,
                                  repo.ListApiTokenPage(account.user_id, page));
        pb::ListApiTokensResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(
                tokens, page, kList, filters,
                [](const ApiTokenRecord& t) {
                  return std::vector<std::string>{page::KeyOf(ToMicros(t.created)), t.token_hash};
                },
                [&](const ApiTokenRecord& t) {
                  return (*response.add_tokens() = ToProto(t, ctx.now())).ByteSizeLong();
                }));
        return response;
      });

  AddChange<pb::RevokeApiTokenRequest, pb::RevokeApiTokenResponse>(
      server, settings,
      [](Context& ctx, const pb::RevokeApiTokenRequest& req) -> Result<pb::RevokeApiTokenResponse> {
        return RevokeApiToken(ctx, req);
      });

  server.AddQuery<pb::ListAuditRequest, pb::ListAuditResponse>(
      [](Context& ctx, const pb::ListAuditRequest& req) -> Result<pb::ListAuditResponse> {
        VERKOSTO_RETURN_IF_ERROR(RequireManager(ctx));
        constexpr std::string_view kList = "accounts.audit";
        const std::string filters = page::FilterKey({req.subject_user_id()});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 1));
        SqliteAccountRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<AuditRecord> all,
                                  repo.ListAudit(req.subject_user_id(), page));
        pb::ListAuditResponse response;
        auto add = [&](const AuditRecord& e) {
          pb::AuditEntry* out = response.add_entries();
          out->set_at_unix_us(ToMicros(e.at));
          out->set_actor_user_id(e.actor_user_id);
          out->set_actor_role(messaging::ToProtoRole(e.actor_role));
          out->set_on_behalf_of(e.on_behalf_of);
          out->set_action(e.action);
          out->set_subject_user_id(e.subject_user_id);
          out->set_detail(e.detail);
          out->set_principal(e.principal);
          return out->ByteSizeLong();
        };
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(
                all, page, kList, filters,
                [](const AuditRecord& e) { return std::vector<std::string>{page::KeyOf(e.id)}; },
                add));
        return response;
      });
}

}  // namespace verkosto::gateway
