#include "system_commands.h"

#include <netdb.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "backup_manifest.h"
#include "core/file_util.h"
#include "demo_activity.h"
#include "gateway/domain/demo_accounts.h"
#include "logging/logging.h"
#include "runtime/credentials.h"
#include "runtime/system_health.h"
#include "supervisor.h"

namespace verkosto::cli {

namespace fs = std::filesystem;

namespace {

std::string SelfDir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : self.parent_path().string();
}
// Where the ipc sockets go: DATA/run while the socket paths fit (ipc paths
// stay under 107 bytes), else a directory under $XDG_RUNTIME_DIR (the user's
// own, 0700 by the login manager), else a fresh directory with a random name
// under /tmp (mkdtemp: nobody can make it first). The directory must be this
// user's and private: one that is not is refused, never used.
Result<std::string> RunDir(const fs::path& data_dir) {
  const auto fits = [](const std::string& dir) {
    return dir.size() + std::strlen("/notifications.hints") + 6 < 100;
  };
  const std::string local = (data_dir / "run").string();
  if (fits(local)) {
    VERKOSTO_RETURN_IF_ERROR(EnsurePrivateDirectory(local, /*tighten=*/true));
    return local;
  }
  const char* xdg = std::getenv("XDG_RUNTIME_DIR");
  const std::string runtime =
      xdg == nullptr || *xdg == '\0'
          ? std::string()
          : std::string(xdg) + "/verkosto-" +
                std::to_string(std::hash<std::string>()(data_dir.string()) % 1000000);
  if (!runtime.empty() && fits(runtime)) {
    VERKOSTO_RETURN_IF_ERROR(EnsurePrivateDirectory(runtime, /*tighten=*/false));
    return runtime;
  }
  std::string pattern = "/tmp/verkosto-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return Status::Unavailable("cannot create a socket directory under /tmp: " +
                               std::string(std::strerror(errno)));
  }
  return pattern;
}
// A free TCP port on `host` for --http-port 0: the kernel's pick for a
// socket bound and closed again. `up` picks it before it starts the
// services, so every one of them knows the address the gateway will answer
// at (the links in e-mails: config::PublicUrl); the gateway still writes it
// to DATA/gateway.port.
Result<int> PickFreePort(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.empty() ? nullptr : host.c_str(), "0", &hints, &found) != 0 ||
      found == nullptr) {
    return Status::Unavailable("cannot resolve the HTTP host '" + host + "'");
  }
  int port = -1;
  for (addrinfo* a = found; a != nullptr && port < 0; a = a->ai_next) {
    const int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length) == 0) {
      port = bound.ss_family == AF_INET6
                 ? ntohs(reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port)
                 : ntohs(reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);
    }
    close(fd);
  }
  freeaddrinfo(found);
  if (port <= 0) return Status::Unavailable("no free port on '" + host + "'");
  return port;
}

// How to log in as each demo role (the gateway creates the accounts on its
// first start with demo data).
void PrintDemoLogins(const config::SystemConfig& system) {
  std::printf("Demo accounts (invented people), password \"%s\" for all:\n",
              gateway::kDemoPassword);
  for (const gateway::AccountRecord& a : gateway::DemoAccounts()) {
    std::printf("  %-22s %-16s %-18s %s\n", a.user_id.c_str(),
                std::string(RoleName(a.role)).c_str(),
                a.area.value().empty() ? "-" : a.area.value().c_str(), a.display_name.c_str());
  }
  if (system.http_port == 0) {
    std::printf(
        "Log in at http://%s:<port>/login, the port in %s/gateway.port (API: POST "
        "/api/v1/session).\n",
        system.http_host.c_str(), system.data_dir.c_str());
  } else {
    // The public URL: "localhost" rather than a wildcard --http-host 0.0.0.0.
    std::printf("Log in at %s/login (API: POST /api/v1/session).\n",
                config::PublicUrl(system).c_str());
  }
  std::fflush(stdout);
}

struct UpOptions {
  std::string data = "var";
  int http_port = 8080;
  std::string config_path;
  std::string bin_dir;
  int clock_offset_days = 0;      // tests only: [clock] offset_days of the generated config
  bool no_demo_activity = false;  // else, with demo data, play demo_activity.h once up
  // Issue 20 (the container): each applies only when given (on the command
  // line or through its environment variable), over the config either way.
  std::string http_host;
  const CLI::Option* http_host_option = nullptr;
  bool demo_data = true;
  const CLI::Option* demo_data_option = nullptr;
  std::vector<std::string> allowed_hosts;
  const CLI::Option* allowed_hosts_option = nullptr;
};

bool Given(const CLI::Option* option) { return option != nullptr && option->count() > 0; }

int Up(const UpOptions& options) {
  const std::string& data = options.data;
  const std::string& config_path = options.config_path;
  if (Status st = logging::Init("verkosto", "info"); !st.ok()) return CliContext::Fail(st);
  // The services inherit it: every file under DATA is the owner's alone.
  RestrictNewFilesToOwner();
  if (Status st = EnsurePrivateDirectory(data, /*tighten=*/true); !st.ok()) {
    return CliContext::Fail(Status(st.code(), "data", st.message()));
  }
  const fs::path data_dir = fs::absolute(data).lexically_normal();
  config::SystemConfig system;
  if (config_path.empty()) {
    auto run_dir = RunDir(data_dir);
    if (!run_dir.ok()) return CliContext::Fail(run_dir.status());
    system = config::DefaultSystemConfig(data_dir.string(), *run_dir, options.http_port);
    system.clock_offset_days = options.clock_offset_days;
    // First start: the CURVE keys of every service and of the operator.
    auto keys = runtime::InitKeys(system.keys_dir, runtime::LocalPrincipals());
    if (!keys.ok()) return CliContext::Fail(keys.status());
    system.principals = *keys;
  } else {
    auto loaded = config::LoadSystemConfig(config_path);
    if (!loaded.ok()) return CliContext::Fail(loaded.status());
    system = *loaded;
  }
  if (Given(options.http_host_option)) system.http_host = options.http_host;
  if (Given(options.demo_data_option)) system.demo_data = options.demo_data;
  if (Given(options.allowed_hosts_option)) system.http_allowed_hosts = options.allowed_hosts;
  // --http-port 0 (or [http] port = 0): a free port now, so that the links
  // in e-mails name it (config::PublicUrl).
  if (system.http_port == 0) {
    Result<int> port = PickFreePort(system.http_host);
    if (!port.ok()) return CliContext::Fail(port.status());
    system.http_port = *port;
  }
  // One `up` per data directory: a second would run a second set of
  // services on the same databases.
  FileLock lock;
  if (Status st = FileLock::Acquire((data_dir / "verkosto.lock").string(),
                                    "data directory " + data_dir.string(), &lock);
      !st.ok()) {
    return CliContext::Fail(st);
  }
  const fs::path config_file = data_dir / kGeneratedConfig;
  if (Status st = WriteFileAtomically(
          config_file.string(),
          "# Written by `verkosto up`; pass your own with --config.\n" + config::ToToml(system));
      !st.ok()) {
    return CliContext::Fail(st);
  }
  // Read back as the services will: a bad --http-host or --allowed-host fails
  // here, naming the key, rather than in four services' logs.
  if (auto written = config::LoadSystemConfig(config_file.string()); !written.ok()) {
    return CliContext::Fail(written.status());
  }

  std::vector<cli::Child> children;
  const std::string dir = options.bin_dir.empty() ? SelfDir() : options.bin_dir;
  for (const std::string& name : config::ServiceNames()) {
    children.push_back({name, dir + "/" + name, {"--config", config_file.string()}});
  }
  spdlog::info("starting verkosto: data in {}, web on http://{}:{}/ (Ctrl-C stops)",
               data_dir.string(), system.http_host, system.http_port);
  spdlog::info("check it with: verkosto status --data {}", data_dir.string());
  if (system.demo_data) PrintDemoLogins(system);
  // The demo's networks and cases, through the services' commands, beside
  // the supervisor; it gives up at once when the system stops.
  std::atomic<bool> stop{false};
  std::thread demo;
  if (system.demo_data && !options.no_demo_activity) {
    // The supervisor waits for these signals with sigtimedwait: the thread
    // inherits them blocked, so none is delivered to it.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    demo = std::thread([&system, &stop] {
      const Status st = RunDemoActivity(system, stop);
      if (!st.ok() && !stop) spdlog::warn("demo activity: {}", st.ToString());
    });
  }
  const int code = cli::Supervise(children, cli::SupervisorOptions{});
  stop = true;
  if (demo.joinable()) demo.join();
  return code;
}
int StatusCommand(const std::string& data, const std::string& config_path, bool json) {
  auto system = LoadRunningConfig(config_path, data);
  if (!system.ok()) return CliContext::Fail(system.status());
  auto credentials = runtime::LoadCredentials(*system, "operator");
  if (!credentials.ok()) return CliContext::Fail(credentials.status());
  zmq::context_t zmq;
  const std::vector<std::string>& names = config::ServiceNames();
  auto health = runtime::CollectSystemHealth(zmq, *system, names, std::chrono::milliseconds(1500),
                                             *credentials, CliContext::OperatorActor());
  // A database restored alone from an older backup: say what to do.
  // It goes into that service's error (JSON) and an ACTION line (text).
  const std::vector<Advice> advice = RestoreAdvice(health);
  for (const Advice& a : advice) {
    for (auto& s : *health.mutable_services()) {
      if (s.name() != a.service) continue;
      s.set_error(s.error().empty() ? a.text : s.error() + "; " + a.text);
    }
  }
  if (!advice.empty()) {
    health.set_status("degraded: a service's database is older than what others applied from it");
  }
  if (json) {
    CliContext::PrintJson(health);
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
      if (!s.error().empty() && s.reachable()) {
        bool advised = false;  // its ACTION line below says it in full
        for (const Advice& a : advice) advised = advised || a.service == s.name();
        if (!advised) std::printf("  (%s)", s.error().c_str());
      } else if (!s.error().empty()) {
        std::printf("  (%s)", s.error().c_str());
      }
      std::printf("\n");
    }
    for (const Advice& a : advice) std::printf("ACTION: %s\n", a.text.c_str());
    std::printf("system: %s\n", health.status().c_str());
  }
  return health.status() == "ok" ? 0 : 1;
}

}  // namespace

void AddSystemCommands(CLI::App& app, CliContext& ctx) {
  auto up_options = std::make_shared<UpOptions>();
  auto* up = app.add_subcommand(
      "up", "Start all services locally and supervise them until Ctrl-C/SIGTERM");
  up->add_option("--data", up_options->data,
                 "Directory for databases, sockets and generated config")
      ->capture_default_str();
  up->add_option("--http-port", up_options->http_port,
                 "HTTP port of the web UI and API (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  auto* config_option =
      up->add_option("--config", up_options->config_path,
                     "Use this system config (TOML) instead of the embedded defaults");
  up->add_option("--bin-dir", up_options->bin_dir,
                 "Where the service programs are (default: beside verkosto)");
  up->add_option("--clock-offset-days", up_options->clock_offset_days,
                 "Tests only: run the services' clock this many days ahead of the real one "
                 "(written as [clock] offset_days; with --config, set it there)")
      ->check(CLI::Range(-36500, 36500))
      ->excludes(config_option)
      ->group("Testing");
  up->add_flag("--no-demo-activity", up_options->no_demo_activity,
               "Tests only: with demo data, create the accounts and the catalogue but open no "
               "network and send no request (see README: the demo)")
      ->group("Testing");
  up_options->http_host_option =
      up->add_option("--http-host", up_options->http_host,
                     "Address the web UI and API listen on (default 127.0.0.1; 0.0.0.0 = all "
                     "interfaces, e.g. in a container); over [http] host of --config");
  up_options->demo_data_option =
      up->add_option("--demo-data", up_options->demo_data,
                     "Load the invented demo data on first start (default: on without "
                     "--config); over demo_data of --config")
          ->envname("VERKOSTO_DEMO");
  up_options->allowed_hosts_option =
      up->add_option("--allowed-host", up_options->allowed_hosts,
                     "A Host header the gateway answers (repeat or separate with commas); "
                     "replaces the default list and [http] allowed_hosts of --config")
          ->envname("VERKOSTO_ALLOWED_HOSTS")
          ->delimiter(',');
  ctx.OnRun(up, [up_options] { return Up(*up_options); });

  auto* status =
      app.add_subcommand("status", "Show each service's health; exit 0 only when all are ok");
  ctx.AddOperatorOptions(status);
  ctx.OnRun(status, [&ctx] { return StatusCommand(ctx.data(), ctx.config_path(), ctx.json()); });
}

}  // namespace verkosto::cli
