#include "keys_commands.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "messaging/curve.h"
#include "runtime/credentials.h"

namespace verkosto::cli {

namespace {

void PrintPrincipals(const std::map<std::string, std::string>& keys) {
  std::printf("[principals]\n");
  for (const auto& [name, key] : keys) std::printf("%s = \"%s\"\n", name.c_str(), key.c_str());
}

}  // namespace

void AddKeysCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* keys = app.add_subcommand(
      "keys", "CURVE keys of the services and the operator (DATA/keys, secret keys 0600)");
  keys->require_subcommand(1);
  auto keys_dir = std::make_shared<std::string>();

  CLI::App* init = keys->add_subcommand(
      "init", "Make the missing key pairs under DATA/keys and print the public keys");
  init->add_option("--data", *keys_dir, "Data directory (keys go to DATA/keys)")
      ->default_val("var");
  auto names = std::make_shared<std::vector<std::string>>();
  init->add_option("principals", *names,
                   "Only these principals: on one host of several, those that run there "
                   "(default: every service and the operator)")
      ->check(CLI::IsMember(runtime::LocalPrincipals()));
  ctx.OnRun(init, [keys_dir, names] {
    RestrictNewFilesToOwner();
    if (Status st = EnsurePrivateDirectory(*keys_dir, /*tighten=*/true); !st.ok()) {
      return CliContext::Fail(Status(st.code(), "data", st.message()));
    }
    auto made = runtime::InitKeys(*keys_dir + "/keys",
                                  names->empty() ? runtime::LocalPrincipals() : *names);
    if (!made.ok()) return CliContext::Fail(made.status());
    PrintPrincipals(*made);
    return 0;
  });

  CLI::App* show = keys->add_subcommand(
      "show", "Print the public keys under DATA/keys as the config's [principals] table");
  show->add_option("--data", *keys_dir, "Data directory")->default_val("var");
  ctx.OnRun(show, [keys_dir] {
    std::map<std::string, std::string> found;
    for (const std::string& name : runtime::LocalPrincipals()) {
      auto key = messaging::LoadPublicKey(*keys_dir + "/keys", name);
      if (key.ok()) found[name] = *key;
    }
    if (found.empty()) {
      return CliContext::Fail(
          Status::NotFound("no keys under " + *keys_dir + "/keys: run `verkosto keys init`"));
    }
    PrintPrincipals(found);
    return 0;
  });
}

}  // namespace verkosto::cli
