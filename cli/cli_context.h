#pragma once

#include <google/protobuf/message.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <zmq.hpp>

#include "config/config.h"
#include "core/actor.h"
#include "core/result.h"
#include "messaging/rpc_client.h"

namespace verkosto::cli {

// What every verkosto subcommand that talks to a running system shares: where
// the system is (--data / --config), who acts (--user/--name/--role/--area/
// --on-behalf-of, default the operator as "system"), and how to print
// (--json). Subcommand modules add their commands with Add*Commands(app, ctx)
// and run them through Run(): Run() loads the config, calls the service and
// turns a non-ok Status into a message on stderr and an exit code.
class CliContext {
 public:
  // Adds --data, --config, --json and the actor options to `command`.
  void AddCommonOptions(CLI::App* command);
  // Adds only --data, --config and --json: for commands whose own options
  // name someone else (`verkosto users add --user ...`); they act as the
  // default actor, the operator as "system".
  void AddSystemOptions(CLI::App* command);

  // The acting user from the options (role name as in core/actor.h RoleName:
  // keha_coordinator, registry_clerk, director, deputy, nominee, observer,
  // admin, system). Errors: invalid_argument ("role") for an unknown role.
  Result<Actor> actor() const;

  // Sends `request` to `service` and parses the reply into `response`.
  // Errors: the service's, or not_found (no config), unavailable.
  Status Call(const std::string& service, const google::protobuf::Message& request,
              google::protobuf::Message* response);

  bool json() const { return json_; }
  const std::string& data() const { return data_; }
  const std::string& config_path() const { return config_path_; }

  // Prints `message` as indented JSON (protobuf JSON mapping, field names as
  // in the .proto) on stdout.
  static void PrintJson(const google::protobuf::Message& message);
  // "verkosto: <status>" on stderr; returns the exit code for it
  // (3 unavailable, 1 otherwise).
  static int Fail(const Status& status);

  // Registers `fn` to run when `command` was parsed; main() calls the one that was.
  void OnRun(CLI::App* command, std::function<int()> fn);
  // Runs the parsed command's function; -1 if none matched.
  int RunParsed() const;

 private:
  std::string data_ = "var";
  std::string config_path_;
  bool json_ = false;
  std::string user_;
  std::string name_;
  std::string role_ = "system";
  std::string area_;
  std::string on_behalf_of_;
  std::string email_;
  std::unique_ptr<zmq::context_t> zmq_;
  std::vector<std::pair<CLI::App*, std::function<int()>>> commands_;
};

// Calls `service` with `request`; prints the reply as JSON with --json, else
// with `print(reply)`. Returns the exit code (CliContext::Fail on error).
template <typename Resp, typename Print>
int CallAndPrint(CliContext& ctx, const std::string& service,
                 const google::protobuf::Message& request, Print print) {
  Resp reply;
  if (Status st = ctx.Call(service, request, &reply); !st.ok()) return CliContext::Fail(st);
  if (ctx.json()) {
    CliContext::PrintJson(reply);
  } else {
    print(reply);
  }
  return 0;
}

// The config the system runs on: `config_path`, else DATA/verkosto.toml as
// written by `verkosto up`. Errors: not_found with a hint, invalid_argument.
Result<config::SystemConfig> LoadRunningConfig(const std::string& config_path,
                                               const std::string& data);

// The file `verkosto up` writes its config to, inside the data directory.
inline constexpr char kGeneratedConfig[] = "verkosto.toml";

}  // namespace verkosto::cli
