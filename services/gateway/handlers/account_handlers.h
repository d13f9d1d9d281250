#pragma once

#include "gateway/auth/credentials.h"
#include "gateway/domain/accounts.h"
#include "gateway/storage/sqlite_account_repository.h"
#include "messaging/rpc_server.h"
#include "verkosto/gateway/v1/accounts.pb.h"

namespace verkosto::gateway {

// What the account operations run with: the login rules and the cost of a
// password hash.
struct AccountSettings {
  AuthPolicy policy;
  HashLimits hash;
};

// Registers every operation of verkosto.gateway.v1 (accounts.proto) on the
// gateway's own server: account administration (admin or system actors, the
// account itself for its password and tokens) and the session operations the
// HTTP side calls as the system actor (Login, ValidateSession, TouchSession,
// Logout). Every account change and every login attempt is written to the
// audit trail in the same transaction; passwords and tokens never are.
// Password hashing runs on the loop thread (argon2id: tens of milliseconds
// with the default limits).
void RegisterAccountHandlers(messaging::RpcServer& server, const AccountSettings& settings);

// The protobuf form of an account (without its hash).
v1::Account ToProto(const AccountRecord& account);

// The protobuf form of an API token (without its hash), `expired` as of `now`.
v1::ApiToken ToProto(const ApiTokenRecord& token, TimePoint now);

}  // namespace verkosto::gateway
