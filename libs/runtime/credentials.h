#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "messaging/curve.h"

namespace verkosto::runtime {

// The CURVE credentials of `principal` on this host: its key pair from
// "<keys_dir>/<principal>.key" and every principal's public key from the
// config. Errors: those of messaging::LoadKeyPair (not_found: run `verkosto
// keys init`; permission_denied: the key file is readable by others);
// invalid_argument ("principals.<name>") when the key file's public key is
// not the one the config names.
Result<messaging::Credentials> LoadCredentials(const config::SystemConfig& system,
                                               const std::string& principal);

// The principals of one host running the whole system: the four services and
// the operator (the administrator's CLI).
const std::vector<std::string>& LocalPrincipals();

// Makes a CURVE key pair for each of `principals` that has none yet under
// `keys_dir` (0700; secret keys 0600) and returns their public keys — what
// the config's [principals] needs. Errors: those of messaging::EnsureKeyPair.
Result<std::map<std::string, std::string>> InitKeys(const std::string& keys_dir,
                                                    const std::vector<std::string>& principals);

}  // namespace verkosto::runtime
