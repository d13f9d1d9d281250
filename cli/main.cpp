// verkosto: starts the system locally and offers its operations for scripts.
#include <google/protobuf/util/json_util.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include "config/config.h"
#include "logging/logging.h"
#include "messaging/rpc_client.h"
#include "runtime/system_health.h"
#include "supervisor.h"
#include "verkosto/common/v1/diagnostics.pb.h"

namespace fs = std::filesystem;
using namespace verkosto;  // NOLINT(google-build-using-namespace)

namespace {

constexpr char kGeneratedConfig[] = "verkosto.toml";

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  options.add_whitespace = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

// Directory holding this executable: the service programs sit beside it.
std::string SelfDir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : self.parent_path().string();
}

// A short directory for ipc sockets: under the data dir when the longest
// socket path fits in 107 bytes, else under /tmp.
std::string RunDir(const fs::path& data_dir) {
  const fs::path local = data_dir / "run";
  if (local.string().size() + std::strlen("/notifications.hints") + 6 < 100) return local.string();
  return "/tmp/verkosto-" + std::to_string(getuid()) + "-" +
         std::to_string(std::hash<std::string>()(data_dir.string()) % 1000000);
}

// The config the system runs on: --config FILE, else the one `up` wrote into
// the data directory.
Result<config::SystemConfig> LoadConfig(const std::string& config_path, const std::string& data) {
  const std::string path =
      config_path.empty() ? (fs::path(data) / kGeneratedConfig).string() : config_path;
  auto loaded = config::LoadSystemConfig(path);
  if (!loaded.ok() && loaded.status().code() == ErrorCode::kNotFound && config_path.empty()) {
    return Status::NotFound("no " + path + ": start the system with `verkosto up --data " + data +
                            "` or pass --config FILE");
  }
  return loaded;
}

int Fail(const Status& status) {
  std::fprintf(stderr, "verkosto: %s\n", status.ToString().c_str());
  return status.code() == ErrorCode::kUnavailable ? 3 : 1;
}

int Up(const std::string& data, int http_port, const std::string& config_path,
       const std::string& bin_dir) {
  if (Status st = logging::Init("verkosto", "info"); !st.ok()) return Fail(st);
  std::error_code ec;
  fs::create_directories(data, ec);
  if (ec)
    return Fail(Status::InvalidArgument("data", "cannot create " + data + ": " + ec.message()));
  const fs::path data_dir = fs::absolute(data).lexically_normal();
  config::SystemConfig system;
  if (config_path.empty()) {
    const std::string run_dir = RunDir(data_dir);
    fs::create_directories(run_dir, ec);
    if (ec) return Fail(Status::Unavailable("cannot create " + run_dir + ": " + ec.message()));
    system = config::DefaultSystemConfig(data_dir.string(), run_dir, http_port);
  } else {
    auto loaded = config::LoadSystemConfig(config_path);
    if (!loaded.ok()) return Fail(loaded.status());
    system = *loaded;
  }
  const fs::path config_file = data_dir / kGeneratedConfig;
  std::ofstream(config_file) << "# Written by `verkosto up`; pass your own with --config.\n"
                             << config::ToToml(system);

  std::vector<cli::Child> children;
  const std::string dir = bin_dir.empty() ? SelfDir() : bin_dir;
  for (const std::string& name : config::ServiceNames()) {
    children.push_back({name, dir + "/" + name, {"--config", config_file.string()}});
  }
  spdlog::info("starting verkosto: data in {}, web on http://{}:{}/ (Ctrl-C stops)",
               data_dir.string(), system.http_host, system.http_port);
  spdlog::info("check it with: verkosto status --data {}", data_dir.string());
  return cli::Supervise(children, cli::SupervisorOptions{});
}

int StatusCommand(const std::string& data, const std::string& config_path, bool json) {
  auto system = LoadConfig(config_path, data);
  if (!system.ok()) return Fail(system.status());
  zmq::context_t zmq;
  std::vector<std::string> names = config::ServiceNames();
  const auto health =
      runtime::CollectSystemHealth(zmq, *system, names, std::chrono::milliseconds(1500));
  if (json) {
    std::cout << ToJson(health) << "\n";
  } else {
    for (const auto& s : health.services()) {
      std::printf("%-14s %-10s", s.name().c_str(),
                  s.reachable() ? s.health().status().c_str() : "DOWN");
      if (s.reachable()) {
        std::printf(" events=%llu", static_cast<unsigned long long>(s.health().outbox_head()));
        for (const auto& c : s.health().consumers()) {
          std::printf(" %s@%llu/%llu", c.producer().c_str(),
                      static_cast<unsigned long long>(c.cursor()),
                      static_cast<unsigned long long>(c.producer_head()));
        }
      }
      if (!s.error().empty()) std::printf("  (%s)", s.error().c_str());
      std::printf("\n");
    }
    std::printf("system: %s\n", health.status().c_str());
  }
  return health.status() == "ok" ? 0 : 1;
}

Actor CliActor() {
  const char* user = std::getenv("USER");
  const std::string name = std::string("cli:") + (user != nullptr ? user : "unknown");
  return Actor{name, name, Role::kSystem, {}, {}};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"verkosto: national networks and nominations of Finland's employment areas",
               "verkosto"};
  app.require_subcommand(1);
  std::string data = "var";
  std::string config_path;
  bool json = false;

  auto* up = app.add_subcommand(
      "up", "Start all services locally and supervise them until Ctrl-C/SIGTERM");
  int http_port = 8080;
  std::string bin_dir;
  up->add_option("--data", data, "Directory for databases, sockets and generated config")
      ->capture_default_str();
  up->add_option("--http-port", http_port,
                 "HTTP port of the web UI and API on 127.0.0.1 (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  up->add_option("--config", config_path,
                 "Use this system config (TOML) instead of the embedded defaults");
  up->add_option("--bin-dir", bin_dir, "Where the service programs are (default: beside verkosto)");

  auto* status =
      app.add_subcommand("status", "Show each service's health; exit 0 only when all are ok");
  status->add_option("--data", data, "Data directory of a running `verkosto up`")
      ->capture_default_str();
  status->add_option("--config", config_path, "System config (TOML) instead of DATA/verkosto.toml");
  status->add_flag("--json", json, "Print JSON (protobuf JSON mapping)");

  auto* diag = app.add_subcommand("diag", "Diagnostics of the messaging backbone");
  diag->require_subcommand(1);
  std::string service = "networks";
  std::string note;
  auto* ping = diag->add_subcommand(
      "ping", "Record a ping on a service; it emits PingRecorded, which its consumers apply");
  ping->add_option("--service", service, "Service to ping")->capture_default_str();
  ping->add_option("--note", note, "Free text carried by the event (at most 200 bytes)");
  auto* pings =
      diag->add_subcommand("pings", "List the PingRecorded events a service has consumed");
  pings->add_option("--service", service, "Service to ask")->capture_default_str();
  for (auto* sub : {ping, pings}) {
    sub->add_option("--data", data, "Data directory of a running `verkosto up`")
        ->capture_default_str();
    sub->add_option("--config", config_path, "System config (TOML) instead of DATA/verkosto.toml");
    sub->add_flag("--json", json, "Print JSON (protobuf JSON mapping)");
  }

  CLI11_PARSE(app, argc, argv);

  if (up->parsed()) return Up(data, http_port, config_path, bin_dir);
  if (status->parsed()) return StatusCommand(data, config_path, json);

  auto system = LoadConfig(config_path, data);
  if (!system.ok()) return Fail(system.status());
  auto target = system->Service(service);
  if (!target.ok()) return Fail(target.status());
  zmq::context_t zmq;
  messaging::ClientOptions options;
  options.endpoint = target->rpc_endpoint;
  messaging::RpcClient client(zmq, options);
  if (ping->parsed()) {
    common::v1::RecordPingRequest request;
    request.set_note(note);
    auto reply = client.Call<common::v1::RecordPingResponse>(CliActor(), request);
    if (!reply.ok()) return Fail(reply.status());
    if (json)
      std::cout << ToJson(*reply) << "\n";
    else
      std::printf("recorded on %s as event %llu\n", service.c_str(),
                  static_cast<unsigned long long>(reply->event_seq()));
    return 0;
  }
  auto reply = client.Call<common::v1::ListReceivedPingsResponse>(
      CliActor(), common::v1::ListReceivedPingsRequest());
  if (!reply.ok()) return Fail(reply.status());
  if (json) {
    std::cout << ToJson(*reply) << "\n";
  } else {
    for (const auto& p : reply->pings()) {
      std::printf("%s #%llu applied %u× %s\n", p.producer().c_str(),
                  static_cast<unsigned long long>(p.event_seq()), p.applied_count(),
                  p.note().c_str());
    }
  }
  return 0;
}
