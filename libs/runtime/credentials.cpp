#include "runtime/credentials.h"

namespace verkosto::runtime {

Result<messaging::Credentials> LoadCredentials(const config::SystemConfig& system,
                                               const std::string& principal) {
  messaging::Credentials credentials;
  VERKOSTO_ASSIGN_OR_RETURN(credentials.self, messaging::LoadKeyPair(system.keys_dir, principal));
  credentials.principals = system.principals;
  // A key file and a config that disagree would make every peer refuse us
  // with no hint why; say it here instead.
  if (credentials.KeyOf(principal) != credentials.self.public_key) {
    return Status::InvalidArgument("principals." + principal,
                                   "the config's public key of " + principal +
                                       " is not the one in " + system.keys_dir + "/" + principal +
                                       ".key");
  }
  return credentials;
}

const std::vector<std::string>& LocalPrincipals() {
  static const std::vector<std::string> kNames = {"networks", "nominations", "notifications",
                                                  "gateway", "operator"};
  return kNames;
}

Result<std::map<std::string, std::string>> InitKeys(const std::string& keys_dir,
                                                    const std::vector<std::string>& principals) {
  std::map<std::string, std::string> keys;
  for (const std::string& name : principals) {
    VERKOSTO_ASSIGN_OR_RETURN(keys[name], messaging::EnsureKeyPair(keys_dir, name));
  }
  return keys;
}

}  // namespace verkosto::runtime
