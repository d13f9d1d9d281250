// gateway_bench: what an API write through the gateway costs over a bare
// cpp-httplib handler (issue 6, "Benchmark"; see README.md).
//
//   (a) bare: an httplib::Server (TCP_NODELAY, default thread pool) whose
//       POST handler answers a fixed JSON body: the HTTP floor.
//   (b) gateway: the real HttpFrontend of a gateway runtime beside a real
//       networks runtime, each on its own loop thread with its own database
//       (WAL, synchronous=FULL). Each request is POST /api/v1/networks with a
//       session cookie and its CSRF token: the gateway checks the session
//       (RPC to its own accounts), decodes the JSON into CreateNetworkRequest,
//       calls the networks service, which commits the new network and its
//       event, and answers the NetworkResponse as JSON.
//   (c) gateway read, for the breakdown: GET /api/v1/areas/kainuu-koillismaa
//       through the same gateway (session check + one query, no commit).
//
// As in production (issue 12), every ZeroMQ socket of (b) and (c) speaks
// CURVE: the run makes a key pair for each local principal under its
// temporary directory (runtime::InitKeys, as `verkosto keys init` does), the
// config names their public keys, and each runtime's ZapHandler admits them.
// The bench creates its account as the operator (operator key), the way
// `verkosto users add` does.
//
// Since issue 15 the gateway keeps a checked session for a few seconds (the
// fast path, docs/gateway.md), so an API call makes one RPC; every gateway
// cell is run twice in the same process, with the fast path and without it
// ([auth] session_cache_seconds = 0: two RPCs per call, as before), and the
// RPCs the gateway made per request are printed. Both servers carry up to
// 100 requests per keep-alive connection (the gateway's setting).
//
// The load is the project's own small loop: C client threads, each with one
// keep-alive httplib::Client, each sending a bounded number of requests one
// after another (after a warm-up); latency is per request, throughput is all
// measured requests over the time from the common start to the last answer.

#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <linux/magic.h>
#include <spdlog/spdlog.h>
#include <sys/statfs.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "gateway/service.h"
#include "messaging/rpc_client.h"
#include "networks/service.h"
#include "runtime/credentials.h"
#include "runtime/service_runtime.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace {

namespace fs = std::filesystem;
namespace gw = ::verkosto::gateway;
namespace npb = ::verkosto::networks::v1;
using Steady = std::chrono::steady_clock;

constexpr char kPassword[] = "bench-password-2026";

struct Options {
  std::vector<int> clients = {1, 8};
  int requests = 1500;  // per client thread, measured
  int warmup = 50;      // per client thread, not measured
  std::string dir = "/tmp";
  int rounds = 1;
  int flooders = 8;  // cell (d): clients failing logins beside one reader; 0 = no cell
};

struct Figures {
  double per_second = 0;
  double p50_us = 0;
  double p99_us = 0;
  int errors = 0;
  double rpcs_per_request = 0;  // the gateway's RPCs over every request sent
};

std::string Json(const google::protobuf::Message& m) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(m, &json);
  return json;
}

std::string CreateBody(const std::string& code) {
  npb::CreateNetworkRequest req;
  npb::NetworkDefinition* d = req.mutable_definition();
  d->set_code(code);
  d->mutable_names()->set_fi("Kuormitustestiverkosto");
  d->set_kind(npb::NETWORK_KIND_WORKING_GROUP);
  d->set_owner("KEHA-keskus");
  d->add_goals("Mitata yhdyskäytävän kustannus");
  d->mutable_term()->set_start_date("2026-03-01");
  d->mutable_term()->set_end_date("2026-12-31");
  d->mutable_cadence()->set_meetings_per_year(4);
  d->mutable_cadence()->set_hours_per_meeting_tenths(10);
  d->mutable_seats_per_area()->set_members(1);
  return Json(req);
}

// One cell: `clients` threads each sending warmup + requests POSTs to `path`.
// With `get`, GET `path` instead (no body, nothing written).
Figures Load(int port, const std::string& path, int clients, const Options& options,
             const std::string& tag, const httplib::Headers& headers, bool get = false) {
  std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
  std::atomic<int> errors{0};
  std::latch ready(clients + 1);
  std::latch go(1);
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(clients));
  std::vector<Steady::time_point> done(static_cast<size_t>(clients));
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);  // else each request waits ~40 ms for a delayed ACK
      client.set_read_timeout(30, 0);
      auto one = [&](int i, std::vector<double>* out) {
        const std::string body =
            CreateBody("b-" + tag + "-" + std::to_string(t) + "-" + std::to_string(i));
        const auto start = Steady::now();
        httplib::Result r = get ? client.Get(path.c_str(), headers)
                                : client.Post(path.c_str(), headers, body, "application/json");
        const auto end = Steady::now();
        if (!r || r->status != 200) {
          if (errors.fetch_add(1) == 0) {
            std::fprintf(stderr, "first error: %s\n",
                         r ? (std::to_string(r->status) + " " + r->body).c_str()
                           : httplib::to_string(r.error()).c_str());
          }
          return;
        }
        if (out != nullptr) {
          out->push_back(std::chrono::duration<double, std::micro>(end - start).count());
        }
      };
      for (int i = 0; i < options.warmup; ++i) one(i, nullptr);
      latencies[static_cast<size_t>(t)].reserve(static_cast<size_t>(options.requests));
      ready.count_down();
      go.wait();
      for (int i = 0; i < options.requests; ++i) {
        one(options.warmup + i, &latencies[static_cast<size_t>(t)]);
      }
      done[static_cast<size_t>(t)] = Steady::now();
    });
  }
  ready.arrive_and_wait();
  const auto start = Steady::now();
  go.count_down();
  for (std::thread& t : threads) t.join();
  const auto end = *std::max_element(done.begin(), done.end());
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  Figures f;
  f.errors = errors.load();
  if (all.empty()) return f;
  f.per_second =
      static_cast<double>(all.size()) / std::chrono::duration<double>(end - start).count();
  f.p50_us = all[all.size() / 2];
  f.p99_us = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  return f;
}

// Cell (d): `flooders` threads send wrong passwords to POST /api/v1/session
// as fast as they get answers, while one logged-in reader sends `reads`
// GET /api/v1/session. Before issue 15 argon2id ran on the accounts' loop
// that every request passes, so the flood raised the reader's latency from
// 2 ms to 1.7 s; now a login hashes on an HTTP worker (at most hash_workers
// at once) and throttling refuses most of the flood without hashing.
struct FloodFigures {
  Figures reader;
  double attempts_per_second = 0;
  int refused_401 = 0;    // hashed and wrong
  int throttled_429 = 0;  // refused without a hash
  int other = 0;
};

FloodFigures Flood(int port, const httplib::Headers& reader_headers, int flooders, int reads) {
  std::atomic<bool> stop{false};
  std::atomic<int> r401{0}, r429{0}, other{0};
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(flooders));
  const auto start = Steady::now();
  for (int t = 0; t < flooders; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(30, 0);
      verkosto::gateway::v1::ApiLoginRequest login;
      login.set_username("guess." + std::to_string(t));
      login.set_password("not the password");
      const std::string body = Json(login);
      while (!stop.load()) {
        httplib::Result r = client.Post("/api/v1/session", body, "application/json");
        if (r && r->status == 401) {
          ++r401;
        } else if (r && r->status == 429) {
          ++r429;
        } else {
          ++other;
        }
      }
    });
  }
  FloodFigures f;
  std::vector<double> latencies;
  {
    httplib::Client reader("127.0.0.1", port);
    reader.set_keep_alive(true);
    reader.set_tcp_nodelay(true);
    reader.set_read_timeout(30, 0);
    for (int i = 0; i < reads; ++i) {
      const auto begin = Steady::now();
      httplib::Result r = reader.Get("/api/v1/session", reader_headers);
      const auto end = Steady::now();
      if (!r || r->status != 200) {
        ++f.reader.errors;
        continue;
      }
      latencies.push_back(std::chrono::duration<double, std::micro>(end - begin).count());
    }
  }
  stop = true;
  for (std::thread& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Steady::now() - start).count();
  std::sort(latencies.begin(), latencies.end());
  if (!latencies.empty()) {
    f.reader.per_second = static_cast<double>(latencies.size()) / seconds;
    f.reader.p50_us = latencies[latencies.size() / 2];
    f.reader.p99_us = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
  }
  f.refused_401 = r401.load();
  f.throttled_429 = r429.load();
  f.other = other.load();
  f.attempts_per_second = (f.refused_401 + f.throttled_429 + f.other) / seconds;
  return f;
}

// The bare server: one POST route answering a fixed body.
class BareServer {
 public:
  BareServer() {
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(100);  // as the gateway
    server_.Post("/api/v1/networks", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"network":{}})", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~BareServer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

// The gateway with a networks service behind it, and one logged-in KEHA session.
class GatewaySystem {
 public:
  // `cache_seconds`: [auth] session_cache_seconds (0 = the fast path off).
  GatewaySystem(const std::string& dir, int cache_seconds) {
    system_ = verkosto::config::DefaultSystemConfig(dir, dir, 0);
    system_.auth.session_cache_seconds = cache_seconds;
    system_.demo_data = false;
    auto keys = verkosto::runtime::InitKeys(system_.keys_dir, verkosto::runtime::LocalPrincipals());
    Check(keys.status(), "keys");
    system_.principals = std::move(keys).value();
    networks_ = Start("networks", verkosto::networks::Migrations(), verkosto::networks::Wire,
                      networks_thread_);
    auto gw_rt = verkosto::runtime::ServiceRuntime::Create(zmq_, system_, "gateway",
                                                           gw::Migrations(), clock_);
    Check(gw_rt.status(), "gateway runtime");
    gateway_ = std::move(gw_rt).value();
    auto frontend = gw::WireGateway(*gateway_, system_, gw::OptionsFromConfig(system_));
    Check(frontend.status(), "gateway wiring");
    frontend_ = *frontend;
    port_ = frontend_->port();
    Check(gateway_->Start(), "gateway start");
    gateway_thread_ = std::thread([this] { gateway_->Run(); });
    CreateAccountAndLogIn();
  }
  ~GatewaySystem() {
    for (auto [rt, thread] : {std::pair{gateway_.get(), &gateway_thread_},
                              std::pair{networks_.get(), &networks_thread_}}) {
      rt->Stop();
      thread->join();
    }
  }
  int port() const { return port_; }
  const httplib::Headers& headers() const { return headers_; }
  uint64_t rpc_calls() const { return frontend_->rpc_calls(); }

 private:
  static void Check(const verkosto::Status& st, const char* what) {
    if (st.ok()) return;
    std::fprintf(stderr, "gateway_bench: %s: %s\n", what, st.ToString().c_str());
    std::exit(1);
  }

  template <typename WireFn>
  std::unique_ptr<verkosto::runtime::ServiceRuntime> Start(
      const std::string& name, const std::vector<verkosto::storage::Migration>& migrations,
      WireFn wire, std::thread& thread) {
    auto rt = verkosto::runtime::ServiceRuntime::Create(zmq_, system_, name, migrations, clock_);
    Check(rt.status(), name.c_str());
    std::unique_ptr<verkosto::runtime::ServiceRuntime> runtime = std::move(rt).value();
    Check(wire(*runtime, system_), name.c_str());
    Check(runtime->Start(), name.c_str());
    verkosto::runtime::ServiceRuntime* raw = runtime.get();
    thread = std::thread([raw] { raw->Run(); });
    return runtime;
  }

  void CreateAccountAndLogIn() {
    // Accounts are the operator's to manage (`verkosto users add`): its key, its actor.
    auto operator_credentials = verkosto::runtime::LoadCredentials(system_, "operator");
    Check(operator_credentials.status(), "operator credentials");
    verkosto::messaging::ClientOptions client_options;
    client_options.endpoint = system_.services.at("gateway").rpc_endpoint;
    client_options.curve = operator_credentials->ClientOf("gateway");
    verkosto::messaging::RpcClient rpc(zmq_, client_options);
    gw::v1::CreateAccountRequest create;
    create.mutable_account()->set_user_id("keha.bench");
    create.mutable_account()->set_display_name("Kuorma Testaaja");
    create.mutable_account()->set_role(verkosto::common::v1::ROLE_KEHA_COORDINATOR);
    create.set_password(kPassword);
    verkosto::Actor operator_actor;
    operator_actor.user_id = "operator:bench";
    operator_actor.display_name = "gateway_bench (operator)";
    operator_actor.role = verkosto::Role::kOperator;
    Check(rpc.Call<gw::v1::CreateAccountResponse>(operator_actor, create).status(),
          "create account");
    httplib::Client client("127.0.0.1", port_);
    gw::v1::ApiLoginRequest login;
    login.set_username("keha.bench");
    login.set_password(kPassword);
    httplib::Result r = client.Post("/api/v1/session", Json(login), "application/json");
    if (!r || r->status != 200) {
      std::fprintf(stderr, "gateway_bench: login failed\n");
      std::exit(1);
    }
    const std::string cookie = r->get_header_value("Set-Cookie");
    gw::v1::ApiSessionResponse session;
    (void)google::protobuf::util::JsonStringToMessage(r->body, &session);
    headers_ = {{"Cookie", cookie.substr(0, cookie.find(';'))},
                {"X-CSRF-Token", session.csrf_token()}};
  }

  zmq::context_t zmq_;
  verkosto::SystemClock clock_;
  verkosto::config::SystemConfig system_;
  std::unique_ptr<verkosto::runtime::ServiceRuntime> networks_, gateway_;
  std::thread networks_thread_, gateway_thread_;
  std::shared_ptr<gw::HttpFrontend> frontend_;
  int port_ = 0;
  httplib::Headers headers_;
};

double LoadAverage() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

void Usage() {
  std::printf(
      "gateway_bench [--requests N] [--warmup N] [--clients 1,8] [--rounds R] [--flood N]\n"
      "              [--dir PARENT]\n"
      "  --requests N   measured requests per client thread (default 1500)\n"
      "  --warmup N     unmeasured requests per client thread first (default 50)\n"
      "  --clients L    comma-separated client thread counts (default 1,8)\n"
      "  --rounds R     run every cell R times, print each (default 1)\n"
      "  --flood N      cell (d): N clients failing logins beside one session reader "
      "(default 8, 0 = none)\n"
      "  --dir PARENT   where the temporary databases go (default /tmp; a real disk, not "
      "tmpfs)\n");
}

int Run(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        Usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--requests") {
      options.requests = std::max(1, std::atoi(next().c_str()));
    } else if (arg == "--warmup") {
      options.warmup = std::max(0, std::atoi(next().c_str()));
    } else if (arg == "--rounds") {
      options.rounds = std::max(1, std::atoi(next().c_str()));
    } else if (arg == "--flood") {
      options.flooders = std::max(0, std::atoi(next().c_str()));
    } else if (arg == "--dir") {
      options.dir = next();
    } else if (arg == "--clients") {
      options.clients.clear();
      const std::string list = next();
      size_t pos = 0;
      while (pos <= list.size()) {
        size_t comma = list.find(',', pos);
        if (comma == std::string::npos) comma = list.size();
        options.clients.push_back(std::max(1, std::atoi(list.substr(pos, comma - pos).c_str())));
        pos = comma + 1;
      }
    } else {
      Usage();
      return arg == "--help" ? 0 : 2;
    }
  }
  struct statfs fs_info {};
  if (statfs(options.dir.c_str(), &fs_info) == 0 &&
      (fs_info.f_type == TMPFS_MAGIC || fs_info.f_type == RAMFS_MAGIC)) {
    std::fprintf(stderr, "gateway_bench: %s is on tmpfs; fsync would cost nothing. Use --dir.\n",
                 options.dir.c_str());
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);  // no line per request
  std::string pattern = options.dir + "/gateway-bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const std::string dir = pattern;
  std::printf(
      "gateway_bench: %d measured requests per client thread (+%d warm-up), load %.2f; "
      "gateway and networks talk ZeroMQ over ipc:// with CURVE\n",
      options.requests, options.warmup, LoadAverage());
  std::printf("%-34s %8s %12s %10s %10s %7s %8s\n", "harness", "clients", "requests/s", "p50 us",
              "p99 us", "errors", "RPC/req");
  struct Ratios {
    int clients;
    const char* gateway;
    double write;     // b/a, requests/s
    double read;      // c/a, requests/s
    double read_p50;  // c/a, p50
  };
  std::vector<Ratios> ratios;
  {
    BareServer bare;
    GatewaySystem fast(dir + "/fast", 5);
    GatewaySystem slow(dir + "/slow", 0);
    int cell = 0;
    // "a3", "c3": appended rather than "a" + std::to_string(cell), which GCC 12
    // at -O2 flags with a false -Wrestrict (GCC bug 105329).
    auto tag = [&cell](char harness) {
      std::string t(1, harness);
      t += std::to_string(cell);
      return t;
    };
    auto print = [](const char* harness, int clients, const Figures& f) {
      std::printf("%-34s %8d %12.0f %10.0f %10.0f %7d %8.2f\n", harness, clients, f.per_second,
                  f.p50_us, f.p99_us, f.errors, f.rpcs_per_request);
    };
    // One gateway cell, with the RPCs the gateway made per request sent.
    auto through = [&](GatewaySystem& gateway, const std::string& path, int clients,
                       const std::string& cell_tag, bool get) {
      const uint64_t before = gateway.rpc_calls();
      Figures f = Load(gateway.port(), path, clients, options, cell_tag, gateway.headers(), get);
      const double sent = static_cast<double>(clients) * (options.warmup + options.requests);
      f.rpcs_per_request = static_cast<double>(gateway.rpc_calls() - before) / sent;
      return f;
    };
    for (int round = 0; round < options.rounds; ++round) {
      for (int clients : options.clients) {
        const Figures a = Load(bare.port(), "/api/v1/networks", clients, options, tag('a'), {});
        print("(a) bare cpp-httplib handler", clients, a);
        for (GatewaySystem* gateway : {&fast, &slow}) {
          const bool cached = gateway == &fast;
          const Figures b = through(*gateway, "/api/v1/networks", clients, tag(cached ? 'c' : 'u'),
                                    /*get=*/false);
          const Figures c =
              through(*gateway, "/api/v1/areas/kainuu-koillismaa", clients, "", /*get=*/true);
          print(cached ? "(b) gateway -> networks commit" : "(b0) same, fast path off", clients, b);
          print(cached ? "(c) gateway read, no commit" : "(c0) same, fast path off", clients, c);
          ratios.push_back({clients, cached ? "fast path" : "fast path off",
                            a.per_second > 0 ? b.per_second / a.per_second : 0,
                            a.per_second > 0 ? c.per_second / a.per_second : 0,
                            a.p50_us > 0 ? c.p50_us / a.p50_us : 0});
        }
        ++cell;
        std::fflush(stdout);
      }
      if (options.flooders > 0) {
        for (GatewaySystem* gateway : {&fast, &slow}) {
          const uint64_t before = gateway->rpc_calls();
          FloodFigures d =
              Flood(gateway->port(), gateway->headers(), options.flooders, options.requests);
          const int sent = d.refused_401 + d.throttled_429 + d.other + options.requests;
          d.reader.rpcs_per_request =
              sent > 0 ? static_cast<double>(gateway->rpc_calls() - before) / sent : 0;
          print(gateway == &fast ? "(d) session read in a flood" : "(d0) same, fast path off", 1,
                d.reader);
          std::printf(
              "    beside it %d clients failing logins: %.0f attempts/s, %d wrong (hashed), %d "
              "throttled (429, no hash), %d other; RPC/req over every request\n",
              options.flooders, d.attempts_per_second, d.refused_401, d.throttled_429, d.other);
        }
        std::fflush(stdout);
      }
    }
  }
  for (const Ratios& r : ratios) {
    std::printf("%-13s at %d client thread%s: write b/a %.3f, read c/a %.3f, read p50 c/a %.2fx\n",
                r.gateway, r.clients, r.clients == 1 ? "" : "s", r.write, r.read, r.read_p50);
  }
  std::printf("load at the end %.2f\n", LoadAverage());
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gateway_bench: %s\n", e.what());
    return 1;
  }
}
