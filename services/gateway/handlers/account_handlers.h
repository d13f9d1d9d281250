#pragma once

#include <memory>

#include "gateway/auth/credentials.h"
#include "gateway/domain/accounts.h"
#include "gateway/handlers/accounts_generation.h"
#include "gateway/storage/sqlite_account_repository.h"
#include "messaging/rpc_server.h"
#include "verkosto/gateway/v1/accounts.pb.h"

namespace verkosto::gateway {

// What the account operations run with: the login rules, the cost of a
// password hash, and the count every change of an account, session or token
// bumps (null: none; the HTTP side then caches no session check).
struct AccountSettings {
  AuthPolicy policy;
  HashLimits hash;
  std::shared_ptr<AccountsGeneration> changes{};
};

// Registers every operation of verkosto.gateway.v1 (accounts.proto) on the
// gateway's own server: account administration (admin or system actors, the
// account itself for its password and tokens) and the session operations the
// HTTP side calls as the system actor (Login, ValidateSession, TouchSession,
// Logout). Every account change and every login attempt is written to the
// audit trail in the same transaction; passwords and tokens never are.
// A login's password is checked on the HTTP side (CheckLogin, then Login
// with the outcome); a password change hashes here, on the loop thread.
void RegisterAccountHandlers(messaging::RpcServer& server, const AccountSettings& settings);

// The protobuf form of an account (without its hash).
v1::Account ToProto(const AccountRecord& account);

// The protobuf form of an API token (without its hash), `expired` as of `now`.
v1::ApiToken ToProto(const ApiTokenRecord& token, TimePoint now);

}  // namespace verkosto::gateway
