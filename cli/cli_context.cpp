#include "cli_context.h"

#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

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

void CliContext::AddCommonOptions(CLI::App* command) {
  AddSystemOptions(command);
  auto* who = command->add_option_group("actor", "Who acts (the services check it)");
  who->add_option("--user", user_, "User id of the actor (default: cli:$USER)");
  who->add_option("--name", name_, "Display name of the actor");
  who->add_option("--role", role_,
                  "keha_coordinator, registry_clerk, director, deputy, nominee, observer, admin "
                  "or system")
      ->capture_default_str();
  who->add_option("--area", area_, "Employment area code for area-scoped roles");
  who->add_option("--on-behalf-of", on_behalf_of_, "For a deputy: the director's user id");
  who->add_option("--email", email_, "The actor's work e-mail (a nominee sees mail sent there)");
}

void CliContext::AddSystemOptions(CLI::App* command) {
  command->add_option("--data", data_, "Data directory of a running `verkosto up`")
      ->capture_default_str();
  command->add_option("--config", config_path_,
                      "System config (TOML) instead of DATA/verkosto.toml");
  command->add_flag("--json", json_, "Print JSON (protobuf JSON mapping)");
}

Result<Actor> CliContext::actor() const {
  Actor actor;
  const char* login = std::getenv("USER");
  actor.user_id =
      user_.empty() ? std::string("cli:") + (login != nullptr ? login : "unknown") : user_;
  actor.display_name = name_.empty() ? actor.user_id : name_;
  actor.role = RoleFromName(role_);
  if (actor.role == Role::kUnspecified) {
    return Status::InvalidArgument("role", "unknown role '" + role_ + "'");
  }
  actor.area = AreaCode(area_);
  actor.on_behalf_of = on_behalf_of_;
  actor.email = email_;
  return actor;
}

Status CliContext::Call(const std::string& service, const google::protobuf::Message& request,
                        google::protobuf::Message* response) {
  VERKOSTO_ASSIGN_OR_RETURN(config::SystemConfig system, LoadRunningConfig(config_path_, data_));
  VERKOSTO_ASSIGN_OR_RETURN(config::ServiceConfig target, system.Service(service));
  VERKOSTO_ASSIGN_OR_RETURN(Actor who, actor());
  if (!zmq_) zmq_ = std::make_unique<zmq::context_t>();
  messaging::ClientOptions options;
  options.endpoint = target.rpc_endpoint;
  messaging::RpcClient client(*zmq_, options);
  VERKOSTO_ASSIGN_OR_RETURN(google::protobuf::Any any, client.CallRaw(who, request));
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
  return status.code() == ErrorCode::kUnavailable ? 3 : 1;
}

void CliContext::OnRun(CLI::App* command, std::function<int()> fn) {
  commands_.emplace_back(command, std::move(fn));
}

int CliContext::RunParsed() const {
  for (const auto& [command, fn] : commands_) {
    if (command->parsed()) return fn();
  }
  return -1;
}

}  // namespace verkosto::cli
