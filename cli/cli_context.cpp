#include "cli_context.h"

#include <google/protobuf/util/json_util.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "api_client.h"
#include "messaging/envelope.h"
#include "runtime/credentials.h"
#include "verkosto/gateway/v1/api.pb.h"

namespace verkosto::cli {

namespace fs = std::filesystem;

Result<config::SystemConfig> LoadRunningConfig(const std::string& config_path,
                                               const std::string& data) {
  const std::string path =
      config_path.empty() ? (fs::path(data) / kGeneratedConfig).string() : config_path;
  auto loaded = config::LoadSystemConfig(path);
  if (!loaded.ok() && loaded.status().code() == ErrorCode::kNotFound && config_path.empty()) {
    return Status::NotFound("no " + path + ": start the system with `verkosto up --data " + data +
                            "` or pass --config FILE");
  }
  return loaded;
}

void CliContext::AddPersonOptions(CLI::App* command) {
  auto* where = command->add_option_group("login", "Where and as whom (see `verkosto login`)");
  where->add_option("--server", server_,
                    "The gateway, e.g. http://127.0.0.1:8080 (default: $VERKOSTO_SERVER, the "
                    "login's server, or the local gateway of --data)");
  where->add_option("--token", token_,
                    "An API token instead of the saved login (default: $VERKOSTO_TOKEN)");
  command->add_option("--data", data_, "Data directory of a local `verkosto up`")
      ->capture_default_str();
  command->add_flag("--json", json_, "Print JSON (protobuf JSON mapping)");
}

void CliContext::AddOperatorOptions(CLI::App* command) {
  command->add_option("--data", data_, "Data directory of a running `verkosto up`")
      ->capture_default_str();
  command->add_option("--config", config_path_,
                      "System config (TOML) instead of DATA/verkosto.toml");
  command->add_flag("--json", json_, "Print JSON (protobuf JSON mapping)");
  operator_commands_.insert(command);
}

Actor CliContext::OperatorActor() {
  // The account the process runs as, not $USER: the key file's permissions
  // decided who may be the operator; this only names them in the audit.
  const passwd* pw = getpwuid(geteuid());
  const std::string user = pw != nullptr ? pw->pw_name : std::to_string(geteuid());
  Actor actor;
  actor.user_id = "operator:" + user;
  actor.display_name = user + " (operator)";
  actor.role = Role::kOperator;
  return actor;
}

Result<std::string> CliContext::Server() const {
  if (!server_.empty()) return server_;
  if (const char* env = std::getenv("VERKOSTO_SERVER"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  if (Result<ApiLogin> login = LoadLogin(); login.ok()) return login->server;
  std::ifstream port_file(fs::path(data_) / "gateway.port");
  int port = 0;
  if (port_file >> port && port > 0) return "http://127.0.0.1:" + std::to_string(port);
  return Status::NotFound(
      "no gateway to talk to: pass --server URL, or run `verkosto login "
      "--server URL`, or start `verkosto up --data " +
      data_ + "`");
}

Status CliContext::Call(const std::string& service, const google::protobuf::Message& request,
                        google::protobuf::Message* response) {
  if (operator_command_) return OperatorCall(service, request, response);
  return PersonCall(request, response);
}

Result<std::string> CliContext::PersonGet(const std::string& path) const {
  VERKOSTO_ASSIGN_OR_RETURN(ApiClient api, PersonApi());
  return api.Send("GET", path, "");
}

Result<ApiClient> CliContext::PersonApi() const {
  VERKOSTO_ASSIGN_OR_RETURN(std::string server, Server());
  std::string token = token_;
  if (token.empty()) {
    if (const char* env = std::getenv("VERKOSTO_TOKEN"); env != nullptr) token = env;
  }
  if (token.empty()) {
    VERKOSTO_ASSIGN_OR_RETURN(ApiLogin login, LoadLogin());
    token = login.token;
  }
  return ApiClient(server, token);
}

Status CliContext::PersonCall(const google::protobuf::Message& request,
                              google::protobuf::Message* response) {
  VERKOSTO_ASSIGN_OR_RETURN(ApiClient api, PersonApi());
  return api.Call(request, response);
}

Result<Actor> CliContext::Me() {
  VERKOSTO_ASSIGN_OR_RETURN(ApiClient api, PersonApi());
  VERKOSTO_ASSIGN_OR_RETURN(std::string json, api.Send("GET", "/api/v1/session", ""));
  gateway::v1::ApiSessionResponse session;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(json, &session, options).ok()) {
    return Status::Internal("the gateway's session answer is not an ApiSessionResponse");
  }
  Actor actor;
  actor.user_id = session.account().user_id();
  actor.display_name = session.account().display_name();
  actor.role = messaging::FromProtoRole(session.account().role());
  actor.area = AreaCode(session.account().area());
  actor.on_behalf_of = session.account().on_behalf_of();
  return actor;
}

Status CliContext::OperatorCall(const std::string& service,
                                const google::protobuf::Message& request,
                                google::protobuf::Message* response) {
  VERKOSTO_ASSIGN_OR_RETURN(config::SystemConfig system, LoadRunningConfig(config_path_, data_));
  VERKOSTO_ASSIGN_OR_RETURN(config::ServiceConfig target, system.Service(service));
  VERKOSTO_ASSIGN_OR_RETURN(messaging::Credentials credentials,
                            runtime::LoadCredentials(system, "operator"));
  if (!zmq_) zmq_ = std::make_unique<zmq::context_t>();
  messaging::ClientOptions options;
  options.endpoint = target.rpc_endpoint;
  options.curve = credentials.ClientOf(service);
  messaging::RpcClient client(*zmq_, options);
  VERKOSTO_ASSIGN_OR_RETURN(google::protobuf::Any any, client.CallRaw(OperatorActor(), request));
  if (!any.UnpackTo(response)) {
    return Status::Internal("unexpected reply " + any.type_url());
  }
  return Status::Ok();
}

void CliContext::PrintJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  options.add_whitespace = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  std::cout << json;
  if (json.empty() || json.back() != '\n') std::cout << "\n";
}

int CliContext::Fail(const Status& status) {
  std::fprintf(stderr, "verkosto: %s\n", status.ToString().c_str());
  if (status.violations().size() > 1) {
    for (const FieldViolation& v : status.violations()) {
      std::fprintf(stderr, "  %s: %s\n", v.field.c_str(), v.message.c_str());
    }
  }
  return status.code() == ErrorCode::kUnavailable ? 3 : 1;
}

void CliContext::OnRun(CLI::App* command, std::function<int()> fn) {
  commands_.emplace_back(command, std::move(fn));
}

int CliContext::RunParsed() {
  for (const auto& [command, fn] : commands_) {
    if (!command->parsed()) continue;
    operator_command_ = operator_commands_.count(command) > 0;
    return fn();
  }
  return -1;
}

bool FollowNextPage(const google::protobuf::Message& reply, google::protobuf::Message& request) {
  const auto* next = reply.GetDescriptor()->FindFieldByName("next_page_token");
  const auto* token = request.GetDescriptor()->FindFieldByName("page_token");
  if (next == nullptr || token == nullptr ||
      next->type() != google::protobuf::FieldDescriptor::TYPE_STRING ||
      token->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return false;
  }
  const std::string value = reply.GetReflection()->GetString(reply, next);
  if (value.empty()) return false;
  request.GetReflection()->SetString(&request, token, value);
  return true;
}

void ClearNextPageToken(google::protobuf::Message& reply) {
  if (const auto* next = reply.GetDescriptor()->FindFieldByName("next_page_token")) {
    reply.GetReflection()->ClearField(&reply, next);
  }
}

}  // namespace verkosto::cli
