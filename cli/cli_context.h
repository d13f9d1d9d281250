#pragma once

#include <google/protobuf/message.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <zmq.hpp>

#include "api_client.h"
#include "config/config.h"
#include "core/actor.h"
#include "core/result.h"
#include "messaging/rpc_client.h"

namespace verkosto::cli {

// What every verkosto subcommand that talks to a running system shares. There
// are two kinds of command, and nothing lets a command choose whom it acts as:
//  - a person's commands (`networks`, `nominations`, `notifications`) go
//    through the gateway's JSON API as the person logged in with `verkosto
//    login` (an API token), or with --token / $VERKOSTO_TOKEN for scripts;
//    the gateway puts that person's actor into every request;
//  - operator commands (`status`, `users`, `diag`, `networks areas load`) act
//    as the machine's administrator, "operator:<os user>", with the operator's
//    CURVE key from the data directory, straight to the services — which let
//    the operator manage accounts, load reference data and read status, and
//    nothing that belongs to a person's role.
// Subcommand modules add their commands with Add*Commands(app, ctx); Call()
// sends a request the way the running command's kind says, and Fail() turns a
// Status into a message on stderr and an exit code.
class CliContext {
 public:
  // A person's command: --server, --token, --data (to find a local gateway)
  // and --json.
  void AddPersonOptions(CLI::App* command);
  // An operator command: --data, --config and --json.
  void AddOperatorOptions(CLI::App* command);

  // Sends `request` for `service` as the running command's kind says (see
  // above) and parses the reply into `response`. Errors: the service's;
  // not_found (no config, no key, not logged in), unavailable.
  Status Call(const std::string& service, const google::protobuf::Message& request,
              google::protobuf::Message* response);

  // The logged-in person as the gateway knows them (GET /api/v1/session):
  // what a command needs of its own account (e.g. the area a director
  // decides for). Errors: as Call.
  Result<Actor> Me();

  // The operator: "operator:<os user>", role operator.
  static Actor OperatorActor();

  // Where a person's commands go: --server, else $VERKOSTO_SERVER, else the
  // login's server, else the local gateway of --data (its gateway.port).
  // Errors: not_found with a hint.
  Result<std::string> Server() const;

  bool json() const { return json_; }
  const std::string& data() const { return data_; }
  const std::string& config_path() const { return config_path_; }

  // Prints `message` as indented JSON (protobuf JSON mapping, field names as
  // in the .proto) on stdout.
  static void PrintJson(const google::protobuf::Message& message);
  // "verkosto: <status>" on stderr, then, for an error about several fields,
  // each "  <field>: <message>" on a line of its own; returns the exit code
  // for it (3 unavailable, 1 otherwise).
  static int Fail(const Status& status);

  // GET `path` (with its query) of the JSON API as the logged-in person:
  // the answer's body as it came (a file: a letter's PDF, a records export's
  // JSON or XML). Errors: as Call.
  Result<std::string> PersonGet(const std::string& path) const;

  // Registers `fn` to run when `command` was parsed; main() calls the one that was.
  void OnRun(CLI::App* command, std::function<int()> fn);
  // Runs the parsed command's function; -1 if none matched.
  int RunParsed();

 private:
  Status OperatorCall(const std::string& service, const google::protobuf::Message& request,
                      google::protobuf::Message* response);
  Status PersonCall(const google::protobuf::Message& request, google::protobuf::Message* response);
  // The API client of a person's command (server and token resolved).
  Result<ApiClient> PersonApi() const;

  std::string data_ = "var";
  std::string config_path_;
  bool json_ = false;
  std::string server_;
  std::string token_;
  bool operator_command_ = false;  // the running command's kind
  std::set<const CLI::App*> operator_commands_;
  std::unique_ptr<zmq::context_t> zmq_;
  std::vector<std::pair<CLI::App*, std::function<int()>>> commands_;
};

// When `reply` has a non-empty next_page_token, sets it as `request`'s
// page_token and returns true (ask again); false on a list's last page or
// for a reply that is not a list.
bool FollowNextPage(const google::protobuf::Message& reply, google::protobuf::Message& request);
// Clears `reply`'s next_page_token, if it has one.
void ClearNextPageToken(google::protobuf::Message& reply);

// Calls `service` with `request`; prints the reply as JSON with --json, else
// with `print(reply)`. Returns the exit code (CliContext::Fail on error).
//
// A list (a reply with next_page_token) is read whole: the request is sent
// again with each next_page_token (page_size as given, else the service's
// default) and the pages' items are joined into one reply before printing.
template <typename Resp, typename Print>
int CallAndPrint(CliContext& ctx, const std::string& service,
                 const google::protobuf::Message& request, Print print) {
  std::unique_ptr<google::protobuf::Message> next(request.New());
  next->CopyFrom(request);
  Resp all;
  while (true) {
    Resp reply;
    if (Status st = ctx.Call(service, *next, &reply); !st.ok()) return CliContext::Fail(st);
    all.MergeFrom(reply);
    if (!FollowNextPage(reply, *next)) break;
  }
  ClearNextPageToken(all);
  if (ctx.json()) {
    CliContext::PrintJson(all);
  } else {
    print(all);
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
