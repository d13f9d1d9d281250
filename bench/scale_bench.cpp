// scale_bench: figures of a system holding years of data (issue 16, item 3).
// Run it against a system `verkosto seed` filled (bench/README.md, "scale_bench"):
//
//   1. every list query at its service, over RPC (as the gateway asks it, with
//      the gateway's key and a person's actor): p50/p99 of the first page and
//      of a late page, the items and bytes of a reply;
//   2. the same lists through the gateway's JSON API with a logged-in demo
//      session (HTTP keep-alive);
//   3. each service's RSS (VmRSS and its peak VmHWM, from /proc);
//   4. start-up of each service on a copy of the seeded databases (spawn ->
//      first health answer), and each consumer's catch-up from zero: the
//      copy's notifications and gateway start with fresh databases and apply
//      every event of networks and nominations (events/s).
//
// Pages: a request with a page_size field gets page_size = --page-size, and
// "late page" follows next_page_token --late-page times; both by reflection,
// so the figures need no change when a list gains pagination (a list without
// it shows "-" for the late page). Through the gateway the same happens with
// ?page_size=… and the reply's "next_page_token".
#include <SQLiteCpp/Database.h>
#include <google/protobuf/any.pb.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "config/config.h"
#include "core/actor.h"
#include "gateway/domain/demo_accounts.h"
#include "messaging/rpc_client.h"
#include "runtime/credentials.h"
#include "verkosto/common/v1/health.pb.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
namespace pb = google::protobuf;
namespace net = verkosto::networks::v1;
namespace nom = verkosto::nominations::v1;
namespace ntf = verkosto::notifications::v1;
namespace gw = verkosto::gateway::v1;
using Steady = std::chrono::steady_clock;
using verkosto::Actor;
using verkosto::Role;

struct Settings {
  std::string data;  // the seeded system's data directory
  std::string bin_dir;
  int calls = 100;
  int page_size = 100;
  int late_page = 10;
  bool copy = true;        // part 4
  bool copy_only = false;  // parts 3 and 4 only
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "scale_bench: %s\n", what.c_str());
  std::exit(1);
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

// One measured cell: latencies of the calls that succeeded, the first error.
struct Cell {
  std::vector<double> ms;
  std::string error;
  size_t bytes = 0;
  int items = -1;
  std::string Text() const {
    if (ms.empty()) return error.empty() ? "-" : "ERROR";
    char text[64];
    std::snprintf(text, sizeof text, "%7.2f %7.2f", Percentile(ms, 0.5), Percentile(ms, 0.99));
    return text;
  }
};

Actor Person(const std::string& user_id, Role role, const std::string& area = {}) {
  Actor a;
  a.user_id = user_id;
  a.display_name = user_id;
  a.role = role;
  a.area = verkosto::AreaCode(area);
  return a;
}

Actor GatewayItself() { return Person("gateway", Role::kSystem); }

// The index of a network `verkosto seed` made ("<subject>-<index>"), or -1.
int SeedIndex(const std::string& code) {
  const size_t dash = code.rfind('-');
  if (dash == std::string::npos || dash + 1 == code.size() ||
      code.find_first_not_of("0123456789", dash + 1) != std::string::npos) {
    return -1;
  }
  return std::stoi(code.substr(dash + 1));
}

// The first repeated message field's size: the items of a list reply.
int Items(const pb::Message& m) {
  const pb::Descriptor* d = m.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    if (f->is_repeated() && f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      return m.GetReflection()->FieldSize(m, f);
    }
  }
  return -1;
}

std::string StringField(const pb::Message& m, const std::string& name) {
  const pb::FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(name);
  if (f == nullptr || f->cpp_type() != pb::FieldDescriptor::CPPTYPE_STRING) return {};
  return m.GetReflection()->GetString(m, f);
}

bool SetField(pb::Message* m, const std::string& name, const std::string& value) {
  const pb::FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(name);
  if (f == nullptr) return false;
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING) {
    m->GetReflection()->SetString(m, f, value);
  } else if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_UINT32) {
    m->GetReflection()->SetUInt32(m, f, static_cast<uint32_t>(std::stoul(value)));
  } else if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT32) {
    m->GetReflection()->SetInt32(m, f, std::stoi(value));
  } else {
    return false;
  }
  return true;
}

// The reply of an Any, as its own message type.
std::unique_ptr<pb::Message> Unpack(const pb::Any& any) {
  const std::string type = any.type_url().substr(any.type_url().rfind('/') + 1);
  const pb::Descriptor* d = pb::DescriptorPool::generated_pool()->FindMessageTypeByName(type);
  if (d == nullptr) return nullptr;
  std::unique_ptr<pb::Message> m(pb::MessageFactory::generated_factory()->GetPrototype(d)->New());
  if (!any.UnpackTo(m.get())) return nullptr;
  return m;
}

class Bench {
 public:
  explicit Bench(Settings settings) : settings_(std::move(settings)) {
    auto loaded = verkosto::config::LoadSystemConfig(settings_.data + "/verkosto.toml");
    if (!loaded.ok()) Die(loaded.status().ToString());
    system_ = *loaded;
    auto credentials = verkosto::runtime::LoadCredentials(system_, "gateway");
    if (!credentials.ok()) Die(credentials.status().ToString());
    credentials_ = *credentials;
  }

  void Run() {
    std::printf("scale_bench on %s, load %s\n", settings_.data.c_str(), LoadAverage().c_str());
    Subjects();
    if (!settings_.copy_only) {
      RpcLists();
      HttpLists();
    }
    Rss("running system", RunningPids(system_));
    if (settings_.copy) StartupAndCatchUp();
    std::printf("load at the end %s\n", LoadAverage().c_str());
  }

 private:
  verkosto::messaging::RpcClient& Client(const std::string& service) {
    auto it = clients_.find(service);
    if (it == clients_.end()) {
      verkosto::messaging::ClientOptions options;
      options.endpoint = system_.services.at(service).rpc_endpoint;
      options.curve = credentials_.ClientOf(service);
      options.timeout = std::chrono::milliseconds(30000);
      it = clients_.try_emplace(service, zmq_, options).first;
    }
    return it->second;
  }

  // What the lists are asked about: the seed's first network (index 0, the
  // oldest, closed), a recent open one, and an area with demo accounts.
  void Subjects() {
    keha_ = Person("seed.keha", Role::kKehaCoordinator);
    clerk_ = Person("seed.kirjaamo." + area_, Role::kRegistryClerk, area_);
    director_ = Person("seed.johtaja." + area_, Role::kAreaDirector, area_);
    admin_ = Person("seed.admin", Role::kAdmin);
    // Seeded codes end in "-<index>": the oldest network has the smallest,
    // the newest open one the largest (any newest one if none is open).
    auto all =
        Client("networks").Call<net::ListNetworksResponse>(keha_, net::ListNetworksRequest());
    if (!all.ok()) Die("ListNetworks: " + all.status().ToString());
    int oldest = 1 << 30;
    int newest = -1;
    bool newest_open = false;
    for (const net::Network& n : all->networks()) {
      const int index = SeedIndex(n.definition().code());
      if (index < 0) continue;
      if (index < oldest) {
        oldest = index;
        oldest_ = n.definition().code();
      }
      const bool open = n.status() == net::NETWORK_STATUS_OPEN;
      if ((open && !newest_open) || (open == newest_open && index > newest)) {
        newest = index;
        newest_open = open;
        recent_ = n.definition().code();
      }
    }
    if (recent_.empty()) Die("no seeded network: seed the system first (verkosto seed)");
    if (oldest_.empty()) oldest_ = recent_;
    // A nominee: the first member of the recent network.
    nom::ListMembershipsRequest members;
    members.set_network_code(recent_);
    auto m = Client("nominations").Call<nom::ListMembershipsResponse>(keha_, members);
    if (m.ok() && m->memberships_size() > 0) {
      nominee_ = Person("seed.nominee", Role::kNominee);
      nominee_.email = m->memberships(0).person().email();
    }
    std::printf("subjects: networks %s (oldest) and %s (newest open), area %s, nominee %s\n\n",
                oldest_.c_str(), recent_.c_str(), area_.c_str(), nominee_.email.c_str());
  }

  // Calls `request` `calls` times (after 3 warm-up calls).
  Cell MeasureRpc(const std::string& service, const Actor& actor, const pb::Message& request,
                  std::string* next_token) {
    Cell cell;
    for (int i = 0; i < settings_.calls + 3; ++i) {
      const auto start = Steady::now();
      auto reply = Client(service).CallRaw(actor, request);
      const auto took = Steady::now() - start;
      if (!reply.ok()) {
        cell.error = reply.status().ToString();
        return cell;
      }
      if (i >= 3) cell.ms.push_back(Ms(took));
      if (i == 0) {
        cell.bytes = reply->value().size();
        std::unique_ptr<pb::Message> m = Unpack(*reply);
        if (m) {
          cell.items = Items(*m);
          if (next_token != nullptr) *next_token = StringField(*m, "next_page_token");
        }
      }
    }
    return cell;
  }

  void RpcRow(const std::string& label, const std::string& service, const Actor& actor,
              const pb::Message& request) {
    std::unique_ptr<pb::Message> first(request.New());
    first->CopyFrom(request);
    const bool pages = SetField(first.get(), "page_size", std::to_string(settings_.page_size));
    std::string token;
    const Cell head = MeasureRpc(service, actor, *first, &token);
    // The late page: follow the tokens.
    Cell late;
    int page = 1;
    if (pages) {
      std::unique_ptr<pb::Message> next(first->New());
      next->CopyFrom(*first);
      while (!token.empty() && page < settings_.late_page) {
        SetField(next.get(), "page_token", token);
        auto reply = Client(service).CallRaw(actor, *next);
        if (!reply.ok()) break;
        std::unique_ptr<pb::Message> m = Unpack(*reply);
        if (!m) break;
        const std::string following = StringField(*m, "next_page_token");
        ++page;
        if (following.empty()) break;
        token = following;
      }
      if (page > 1) late = MeasureRpc(service, actor, *next, nullptr);
    }
    PrintRow(label, head, late, page);
  }

  void PrintRow(const std::string& label, const Cell& head, const Cell& late, int page) {
    char late_text[48] = "      -";
    if (!late.ms.empty())
      std::snprintf(late_text, sizeof late_text, "%s (p%d)", late.Text().c_str(), page);
    std::printf("%-44s %15s %8d %9zu   %s%s%s\n", label.c_str(), head.Text().c_str(), head.items,
                head.bytes, late_text, head.error.empty() ? "" : "  ",
                head.error.substr(0, 120).c_str());
    std::fflush(stdout);
  }

  void RpcLists() {
    std::printf("1. Lists at the service (RPC, gateway key), %d calls each, ms\n", settings_.calls);
    std::printf("%-44s %15s %8s %9s   %s\n", "query", "p50     p99", "items", "bytes",
                "late page p50 p99");
    net::ListNetworksRequest all;
    RpcRow("networks ListNetworks (all)", "networks", keha_, all);
    net::ListNetworksRequest open;
    open.set_status(net::NETWORK_STATUS_OPEN);
    RpcRow("networks ListNetworks (open)", "networks", keha_, open);
    RpcRow("networks ListAreas", "networks", keha_, net::ListAreasRequest());
    net::GetNetworkRequest get;
    get.set_network_code(oldest_);
    RpcRow("networks GetNetwork (participation matrix)", "networks", keha_, get);
    net::GetParticipationHistoryRequest history;
    history.set_network_code(oldest_);
    history.set_area_code(area_);
    RpcRow("networks GetParticipationHistory", "networks", keha_, history);
    net::GetBurdenRequest burden;
    burden.set_area_code(area_);
    RpcRow("networks GetBurden", "networks", director_, burden);

    RpcRow("nominations RegistryInbox", "nominations", clerk_, nom::RegistryInboxRequest());
    RpcRow("nominations RegistryJournal", "nominations", clerk_, nom::RegistryJournalRequest());
    RpcRow("nominations DirectorInbox", "nominations", director_, nom::DirectorInboxRequest());
    nom::NetworkMatrixRequest matrix;
    matrix.set_network_code(recent_);
    RpcRow("nominations NetworkMatrix (newest)", "nominations", keha_, matrix);
    matrix.set_network_code(oldest_);
    RpcRow("nominations NetworkMatrix (oldest)", "nominations", keha_, matrix);
    nom::ListMembershipsRequest by_network;
    by_network.set_network_code(oldest_);
    by_network.set_include_ended(true);
    RpcRow("nominations ListMemberships (network)", "nominations", keha_, by_network);
    nom::ListMembershipsRequest by_area;
    by_area.set_area_code(area_);
    by_area.set_include_ended(true);
    RpcRow("nominations ListMemberships (area, ended too)", "nominations", keha_, by_area);
    nom::ListMembershipsRequest everything;
    everything.set_include_ended(true);
    RpcRow("nominations ListMemberships (all)", "nominations", keha_, everything);
    if (!nominee_.email.empty()) {
      RpcRow("nominations ListMyMemberships", "nominations", nominee_,
             nom::ListMyMembershipsRequest());
    }
    RpcRow("nominations PendingResignations", "nominations", director_,
           nom::PendingResignationsRequest());

    ntf::ListInboxRequest inbox;
    RpcRow("notifications ListInbox (KEHA)", "notifications", keha_, inbox);
    ntf::ListDeliveriesRequest deliveries;
    RpcRow("notifications ListDeliveries", "notifications", keha_, deliveries);
    RpcRow("gateway ListAccounts", "gateway", admin_, gw::ListAccountsRequest());
    RpcRow("gateway ListAudit", "gateway", admin_, gw::ListAuditRequest());
    std::printf("\n");
  }

  // A keep-alive client logged in as demo account `user`.
  std::unique_ptr<httplib::Client> Login(int port, const std::string& user,
                                         httplib::Headers* headers) {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_keep_alive(true);
    client->set_read_timeout(30, 0);
    const std::string body = std::string(R"({"username":")") + user + R"(","password":")" +
                             verkosto::gateway::kDemoPassword + R"("})";
    httplib::Result r = client->Post("/api/v1/session", body, "application/json");
    if (!r || r->status != 200) Die("login as " + user + " failed");
    const std::string cookie = r->get_header_value("Set-Cookie");
    *headers = {{"Cookie", cookie.substr(0, cookie.find(';'))}};
    return client;
  }

  static std::string NextToken(const std::string& body) {
    const std::string key = "\"next_page_token\":";
    size_t at = body.find(key);
    if (at == std::string::npos) return {};
    at = body.find('"', at + key.size());
    const size_t end = body.find('"', at + 1);
    if (at == std::string::npos || end == std::string::npos) return {};
    return body.substr(at + 1, end - at - 1);
  }

  Cell MeasureHttp(httplib::Client& client, const httplib::Headers& headers,
                   const std::string& path, std::string* next_token) {
    Cell cell;
    for (int i = 0; i < settings_.calls + 3; ++i) {
      const auto start = Steady::now();
      httplib::Result r = client.Get(path, headers);
      const auto took = Steady::now() - start;
      if (!r || r->status != 200) {
        cell.error =
            r ? "HTTP " + std::to_string(r->status) + " " + r->body.substr(0, 100) : "no answer";
        return cell;
      }
      if (i >= 3) cell.ms.push_back(Ms(took));
      if (i == 0) {
        cell.bytes = r->body.size();
        if (next_token != nullptr) *next_token = NextToken(r->body);
      }
    }
    return cell;
  }

  void HttpRow(httplib::Client& client, const httplib::Headers& headers, const std::string& path) {
    const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    std::string first = path + sep + "page_size=" + std::to_string(settings_.page_size);
    // A list without pagination refuses the parameter: measure it without.
    if (httplib::Result probe = client.Get(first, headers);
        probe && probe->status == 400 &&
        probe->body.find(R"("field":"page_size")") != std::string::npos) {
      first = path;
    }
    std::string token;
    const Cell head = MeasureHttp(client, headers, first, &token);
    int page = 1;
    std::string late_path;
    while (!token.empty() && page < settings_.late_page) {
      late_path = first + "&page_token=" + httplib::detail::encode_query_param(token);
      httplib::Result r = client.Get(late_path, headers);
      if (!r || r->status != 200) break;
      ++page;
      token = NextToken(r->body);
    }
    Cell late;
    if (page > 1) late = MeasureHttp(client, headers, late_path, nullptr);
    PrintRow(path, head, late, page);
  }

  void HttpLists() {
    std::ifstream port_file(settings_.data + "/gateway.port");
    int port = 0;
    if (!(port_file >> port) || port <= 0) {
      std::printf("2. (no gateway.port: HTTP part skipped)\n\n");
      return;
    }
    std::printf("2. Lists through the gateway (HTTP keep-alive, a demo session), %d calls, ms\n",
                settings_.calls);
    std::printf("%-44s %15s %8s %9s   %s\n", "GET", "p50     p99", "", "bytes",
                "late page p50 p99");
    httplib::Headers h;
    auto keha = Login(port, "keha.koordinaattori", &h);
    for (const std::string& path :
         {std::string("/api/v1/networks"),
          std::string("/api/v1/networks?status=NETWORK_STATUS_OPEN"), std::string("/api/v1/areas"),
          "/api/v1/networks/" + oldest_, "/api/v1/networks/" + recent_ + "/matrix",
          "/api/v1/memberships?network_code=" + oldest_ + "&include_ended=true",
          std::string("/api/v1/inbox"), std::string("/api/v1/deliveries")}) {
      HttpRow(*keha, h, path);
    }
    httplib::Headers hc;
    auto clerk = Login(port, "kainuu.kirjaamo", &hc);
    HttpRow(*clerk, hc, "/api/v1/registry/inbox");
    HttpRow(*clerk, hc, "/api/v1/registry/journal");
    httplib::Headers hd;
    auto director = Login(port, "kainuu.johtaja", &hd);
    HttpRow(*director, hd, "/api/v1/director/inbox");
    HttpRow(*director, hd, "/api/v1/areas/kainuu-koillismaa/burden");
    HttpRow(*director, hd, "/api/v1/resignation-requests");
    httplib::Headers ha;
    auto admin = Login(port, "yllapito", &ha);
    HttpRow(*admin, ha, "/api/v1/accounts");
    HttpRow(*admin, ha, "/api/v1/audit");
    std::printf("\n");
  }

  // The pids of the services started with `system`'s config file.
  static std::map<std::string, pid_t> RunningPids(const verkosto::config::SystemConfig& system) {
    const std::string config = fs::path(system.data_dir) / "verkosto.toml";
    std::map<std::string, pid_t> pids;
    for (const auto& entry : fs::directory_iterator("/proc")) {
      const std::string name = entry.path().filename();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      std::ifstream in(entry.path() / "cmdline");
      std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::vector<std::string> args;
      size_t start = 0;
      for (size_t i = 0; i <= cmdline.size(); ++i) {
        if (i == cmdline.size() || cmdline[i] == '\0') {
          if (i > start) args.push_back(cmdline.substr(start, i - start));
          start = i + 1;
        }
      }
      if (args.size() < 3 || args[1] != "--config" || args[2] != config) continue;
      const std::string program = fs::path(args[0]).filename();
      if (system.services.count(program) > 0) pids[program] = std::stoi(name);
    }
    return pids;
  }

  static std::string StatusLine(pid_t pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind(key + ":", 0) == 0) {
        std::string value = line.substr(key.size() + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        return value;
      }
    }
    return "?";
  }

  static void Rss(const std::string& what, const std::map<std::string, pid_t>& pids) {
    std::printf("3. RSS of each service (%s): VmRSS now, VmHWM peak\n", what.c_str());
    for (const auto& [name, pid] : pids) {
      std::printf("   %-14s pid %-7d %12s  peak %12s\n", name.c_str(), pid,
                  StatusLine(pid, "VmRSS").c_str(), StatusLine(pid, "VmHWM").c_str());
    }
    std::printf("\n");
  }

  // Starts `name` of `system` and returns its pid.
  pid_t Spawn(const std::string& name, const std::string& config_file, const std::string& log) {
    const std::string program = settings_.bin_dir + "/" + name;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<std::string> args = {program, "--config", config_file};
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
      Die("cannot start " + program);
    }
    posix_spawn_file_actions_destroy(&actions);
    return pid;
  }

  // Health of `service` of `copy` as soon as it answers.
  static verkosto::Result<verkosto::common::v1::HealthResponse> Health(
      zmq::context_t& zmq, const verkosto::config::SystemConfig& copy,
      const verkosto::messaging::Credentials& credentials, const std::string& service,
      std::chrono::milliseconds timeout) {
    verkosto::messaging::ClientOptions options;
    options.endpoint = copy.services.at(service).rpc_endpoint;
    options.curve = credentials.ClientOf(service);
    options.timeout = timeout;
    options.initial_backoff = std::chrono::milliseconds(10);
    options.max_backoff = std::chrono::milliseconds(50);
    verkosto::messaging::RpcClient client(zmq, options);
    return client.Call<verkosto::common::v1::HealthResponse>(GatewayItself(),
                                                             verkosto::common::v1::HealthRequest());
  }

  void StartupAndCatchUp() {
    const fs::path copy_dir = fs::path(settings_.data).string() + ".scale-bench";
    fs::remove_all(copy_dir);
    fs::create_directories(copy_dir / "run");
    fs::permissions(copy_dir, fs::perms::owner_all);
    verkosto::config::SystemConfig copy = system_;
    copy.data_dir = copy_dir;
    copy.http_port = 0;
    copy.notifications.mail_dir = (copy_dir / "mail").string();
    for (auto& [name, service] : copy.services) {
      service.database = (copy_dir / (name + ".db")).string();
      service.rpc_endpoint = "ipc://" + (copy_dir / "run" / (name + ".sock")).string();
      if (!service.hint_endpoint.empty()) {
        service.hint_endpoint = "ipc://" + (copy_dir / "run" / (name + ".hints")).string();
      }
      service.log_level = "warn";
    }
    const std::string config_file = (copy_dir / "verkosto.toml").string();
    std::ofstream(config_file) << verkosto::config::ToToml(copy);
    fs::permissions(config_file, fs::perms::owner_read | fs::perms::owner_write);

    // The databases as they are now (VACUUM INTO: a consistent copy of a live one).
    const auto copy_start = Steady::now();
    for (const auto& [name, service] : system_.services) {
      SQLite::Database db(service.database, SQLite::OPEN_READONLY);
      db.exec("VACUUM INTO '" + copy.services.at(name).database + "'");
    }
    std::printf("4. Start-up and catch-up on a copy in %s (copied in %.1f s)\n", copy_dir.c_str(),
                Ms(Steady::now() - copy_start) / 1000);

    // Start-up with every database full, one service at a time.
    std::map<std::string, pid_t> pids;
    for (const std::string& name : verkosto::config::ServiceNames()) {
      const auto start = Steady::now();
      pids[name] = Spawn(name, config_file, (copy_dir / (name + ".log")).string());
      auto health = Health(zmq_, copy, credentials_, name, std::chrono::milliseconds(60000));
      const double ms = Ms(Steady::now() - start);
      std::printf("   start-up %-14s %8.1f ms%s\n", name.c_str(), ms,
                  health.ok() ? "" : ("  " + health.status().ToString()).c_str());
    }
    Rss("the copy, just started", pids);
    Stop(pids);

    // Catch-up: fresh consumer databases for notifications and the gateway.
    for (const std::string fresh : {"notifications", "gateway"}) {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::remove(copy.services.at(fresh).database + suffix);
      }
    }
    pids.clear();
    uint64_t produced = 0;
    std::map<std::string, uint64_t> heads;
    for (const std::string name : {"networks", "nominations"}) {
      pids[name] = Spawn(name, config_file, (copy_dir / (name + ".log")).string());
      auto health = Health(zmq_, copy, credentials_, name, std::chrono::milliseconds(60000));
      if (!health.ok()) Die(name + ": " + health.status().ToString());
      heads[name] = health->outbox_head();
      produced += health->outbox_head();
    }
    for (const std::string name : {"notifications", "gateway"}) {
      const auto start = Steady::now();
      pids[name] = Spawn(name, config_file, (copy_dir / (name + ".log")).string());
      for (;;) {
        auto health = Health(zmq_, copy, credentials_, name, std::chrono::milliseconds(60000));
        if (!health.ok()) Die(name + ": " + health.status().ToString());
        if (health->consumers().empty()) {
          std::printf("   catch-up %-14s consumes nothing in this config\n", name.c_str());
          break;
        }
        uint64_t applied = 0;
        bool done = true;
        for (const auto& c : health->consumers()) {
          applied += c.cursor();
          if (c.cursor() < heads[c.producer()]) done = false;
        }
        if (done) {
          const double seconds = Ms(Steady::now() - start) / 1000;
          std::printf("   catch-up %-14s %9llu events from zero in %6.1f s: %8.0f events/s\n",
                      name.c_str(), static_cast<unsigned long long>(applied), seconds,
                      static_cast<double>(applied) / seconds);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    (void)produced;
    Rss("the copy, after the catch-up", pids);
    Stop(pids);
    fs::remove_all(copy_dir);
  }

  static void Stop(const std::map<std::string, pid_t>& pids) {
    for (const auto& [name, pid] : pids) kill(pid, SIGTERM);
    for (const auto& [name, pid] : pids) {
      int status = 0;
      waitpid(pid, &status, 0);
    }
  }

  Settings settings_;
  verkosto::config::SystemConfig system_;
  verkosto::messaging::Credentials credentials_;
  zmq::context_t zmq_;
  std::map<std::string, verkosto::messaging::RpcClient> clients_;
  std::string area_ = "kainuu-koillismaa";
  std::string oldest_;
  std::string recent_;
  Actor keha_, clerk_, director_, admin_, nominee_;
};

void Usage() {
  std::fprintf(stderr,
               "usage: scale_bench --data DIR [--bin-dir DIR] [--calls N] [--page-size N]\n"
               "                   [--late-page K] [--no-copy | --copy-only]\n"
               "  --data DIR      a running, seeded system (`verkosto up --data DIR`, then\n"
               "                  `verkosto seed --scale N --data DIR`)\n"
               "  --bin-dir DIR   where the service programs are (default: beside scale_bench)\n"
               "  --calls N       calls per cell (default 100, after 3 warm-up calls)\n"
               "  --page-size N   page_size of the first page (default 100)\n"
               "  --late-page K   the late page is page K (default 10)\n"
               "  --no-copy       skip part 4 (start-up and catch-up on a copy)\n"
               "  --copy-only     parts 3 and 4 only\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as soon as it is measured
  Settings settings;
  settings.bin_dir = fs::path(argv[0]).parent_path().string();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        Usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--data") {
      settings.data = fs::absolute(value()).string();
    } else if (arg == "--bin-dir") {
      settings.bin_dir = value();
    } else if (arg == "--calls") {
      settings.calls = std::stoi(value());
    } else if (arg == "--page-size") {
      settings.page_size = std::stoi(value());
    } else if (arg == "--late-page") {
      settings.late_page = std::stoi(value());
    } else if (arg == "--copy-only") {
      settings.copy_only = true;
    } else if (arg == "--no-copy") {
      settings.copy = false;
    } else {
      Usage();
      return 2;
    }
  }
  if (settings.data.empty()) {
    Usage();
    return 2;
  }
  try {
    Bench(settings).Run();
  } catch (const std::exception& e) {
    Die(e.what());
  }
  return 0;
}
