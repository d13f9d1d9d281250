#pragma once

// The gateway over real HTTP: a gateway runtime (its RPC server, accounts
// database and HttpFrontend on port 0) beside real networks and nominations
// runtimes — and, when asked, notifications — each on its own loop thread,
// all on one fake clock. Requests go through httplib::Client as a browser or
// script would send them. Shared by the API tests (api_test.cpp) and the
// test that reaches every route (api_routes_reach_test.cpp).
#include <arpa/inet.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/date.h"
#include "gateway/auth/credentials.h"
#include "gateway/service.h"
#include "messaging/rpc_client.h"
#include "testing/keys.h"
#include "testing/network_definition.h"
#include "testing/peers.h"
#include "testing/temp_dir.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::gateway::fixtures {

// The fake business clock's start. Request deadlines are transport time (the
// real clock), so any date works here.
inline TimePoint Start() {
  return HelsinkiStartOfDay(*ParseIsoDate("2026-03-02")) + std::chrono::hours(9);
}

inline constexpr char kPassword[] = "demo-salasana-2026";

// Tests manage accounts as the operator does (`verkosto users`).
inline const Actor kSystem = verkosto::testing::TestOperator();
// KEHA's coordinator as the gateway carries them (reads any case).
inline const Actor kKeha{
    "keha.koordinaattori", "Kaisa Koordinaattori", Role::kKehaCoordinator, AreaCode(""), "", ""};

// `m` as JSON with the .proto field names.
inline std::string Json(const google::protobuf::Message& m) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &json, options);
  return json;
}

// The API error a failed request answered (empty without an answer).
inline v1::ApiError ErrorOf(const httplib::Result& r) {
  v1::ApiError error;
  if (r) (void)google::protobuf::util::JsonStringToMessage(r->body, &error);
  return error;
}

inline networks::v1::NetworkDefinition Complete(const std::string& code) {
  return verkosto::testing::CompleteNetworkDefinition(code);
}

// The JSON body of POST /api/v1/networks for `d`.
inline std::string CreateBody(const networks::v1::NetworkDefinition& d) {
  networks::v1::CreateNetworkRequest req;
  *req.mutable_definition() = d;
  return Json(req);
}

// A logged-in API client: the session cookie and its CSRF token.
struct Session {
  std::string cookie;
  std::string csrf;
};

// The headers a request of `s` sends: its cookie and CSRF token.
inline httplib::Headers As(const Session& s) {
  return {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
}

class GatewayApiFixture : public ::testing::Test {
 protected:
  // With `with_notifications`, a notifications runtime too (its e-mail goes
  // to an in-memory transport; its links point at the gateway).
  explicit GatewayApiFixture(bool with_notifications = false)
      : clock_(Start()), with_notifications_(with_notifications) {}

  void SetUp() override {
    system_ = config::DefaultSystemConfig(dir_.path(), dir_.path(), 0);
    ASSERT_TRUE(verkosto::testing::ProvisionKeys(system_));
    system_.demo_data = false;
    system_.http_allowed_hosts = allowed_hosts_;
    system_.http_metrics_token = metrics_token_;
    StartRuntime("networks", verkosto::testing::NetworksPeer(), networks_, networks_thread_);
    StartRuntime("nominations", verkosto::testing::NominationsPeer(), nominations_,
                 nominations_thread_);

    auto gw = runtime::ServiceRuntime::Create(zmq_, system_, "gateway", Migrations(), clock_);
    ASSERT_TRUE(gw.ok()) << gw.status().ToString();
    gateway_ = std::move(gw).value();
    GatewayOptions options;
    options.accounts.hash = HashLimits::Minimum();
    options.http.rpc_timeout = rpc_timeout_;
    options.http.secure_cookies = secure_cookies_;
    auto frontend = WireGateway(*gateway_, system_, options);
    ASSERT_TRUE(frontend.ok()) << frontend.status().ToString();
    port_ = (*frontend)->port();
    frontend_ = *frontend;
    ASSERT_TRUE(gateway_->Start().ok());
    gateway_thread_ = std::thread([this] { gateway_->Run(); });

    if (with_notifications_) {
      system_.notifications.web_base_url = "http://127.0.0.1:" + std::to_string(port_);
      StartRuntime("notifications", verkosto::testing::NotificationsPeer(), notifications_,
                   notifications_thread_);
    }

    AddAccount("keha.koordinaattori", "Kaisa Koordinaattori", common::v1::ROLE_KEHA_COORDINATOR,
               "");
    AddAccount("johtaja.kainuu", "Juha Johtaja", common::v1::ROLE_AREA_DIRECTOR,
               "kainuu-koillismaa");
  }

  void TearDown() override {
    Stop(gateway_, gateway_thread_);
    Stop(notifications_, notifications_thread_);
    Stop(nominations_, nominations_thread_);
    Stop(networks_, networks_thread_);
  }

  static void Stop(std::unique_ptr<runtime::ServiceRuntime>& rt, std::thread& thread) {
    if (!thread.joinable()) return;
    rt->Stop();
    thread.join();
  }

  void StartRuntime(const std::string& name, const verkosto::testing::PeerService& peer,
                    std::unique_ptr<runtime::ServiceRuntime>& rt, std::thread& thread) {
    auto created = runtime::ServiceRuntime::Create(zmq_, system_, name, peer.migrations, clock_);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    rt = std::move(created).value();
    ASSERT_TRUE(peer.wire(*rt, system_).ok());
    ASSERT_TRUE(rt->Start().ok());
    runtime::ServiceRuntime* raw = rt.get();
    thread = std::thread([raw] { raw->Run(); });
  }

  // Applies every event of `producers` that `rt` has not applied yet, with
  // its loop stopped (one thread per socket), then restarts the loop: the
  // services are eventually consistent, and a test waits for nothing.
  static void Sync(std::unique_ptr<runtime::ServiceRuntime>& rt, std::thread& thread,
                   const std::vector<std::string>& producers) {
    ASSERT_NE(rt, nullptr);
    Stop(rt, thread);
    for (const std::string& producer : producers) {
      messaging::EventConsumer* consumer = rt->consumer(producer);
      ASSERT_NE(consumer, nullptr) << producer;
      for (int round = 0; round < 100; ++round) {
        auto applied = consumer->SyncOnce(std::chrono::seconds(5));
        ASSERT_TRUE(applied.ok()) << applied.status().ToString();
        if (*applied == 0) break;
      }
    }
    runtime::ServiceRuntime* raw = rt.get();
    thread = std::thread([raw] { raw->Run(); });
  }
  void SyncNominations() { Sync(nominations_, nominations_thread_, {"networks"}); }
  void SyncNotifications() {
    Sync(notifications_, notifications_thread_, {"networks", "nominations"});
  }

  template <typename Resp>
  Result<Resp> Rpc(const google::protobuf::Message& request, const Actor& actor = kSystem,
                   const std::string& service = "gateway") {
    messaging::ClientOptions options;
    options.endpoint = system_.services.at(service).rpc_endpoint;
    options.curve = verkosto::testing::CurveFor(system_, service, actor);
    messaging::RpcClient client(zmq_, options);
    return client.Call<Resp>(actor, request);
  }

  void AddAccount(const std::string& id, const std::string& name, common::v1::Role role,
                  const std::string& area, const std::string& email = {}) {
    v1::CreateAccountRequest req;
    req.mutable_account()->set_user_id(id);
    req.mutable_account()->set_display_name(name);
    req.mutable_account()->set_role(role);
    req.mutable_account()->set_area(area);
    req.mutable_account()->set_email(email);
    req.set_password(kPassword);
    auto created = Rpc<v1::CreateAccountResponse>(req);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }

  httplib::Client Client() {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    return client;
  }

  // POSTs JSON `body` to `path` from the loopback address `source` (e.g.
  // "127.0.0.2": every 127/8 address is this machine) and returns the raw
  // answer, status line first; empty when the exchange failed.
  std::string PostFrom(const std::string& source, const std::string& path,
                       const std::string& body) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {};
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port_));
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string answer;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0 &&
        ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) {
      const std::string request =
          "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\nConnection: close\r\n\r\n" + body;
      if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
        char buffer[4096];
        for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
          answer.append(buffer, static_cast<size_t>(n));
      }
    }
    ::close(fd);
    return answer;
  }

  httplib::Result LoginRaw(const std::string& user, const std::string& password) {
    v1::ApiLoginRequest login;
    login.set_username(user);
    login.set_password(password);
    return Client().Post("/api/v1/session", Json(login), "application/json");
  }

  Session Login(const std::string& user) {
    httplib::Result r = LoginRaw(user, kPassword);
    Session s;
    EXPECT_TRUE(r);
    if (!r) return s;
    EXPECT_EQ(r->status, 200) << r->body;
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    v1::ApiSessionResponse session;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r->body, &session).ok()) << r->body;
    s.csrf = session.csrf_token();
    return s;
  }

  httplib::Result Get(const Session& s, const std::string& path) {
    httplib::Headers headers = {{"Cookie", s.cookie}};
    return Client().Get(path.c_str(), headers);
  }
  httplib::Result Post(const Session& s, const std::string& path, const std::string& body,
                       bool with_csrf = true) {
    httplib::Headers headers = {{"Cookie", s.cookie}};
    if (with_csrf) headers.emplace("X-CSRF-Token", s.csrf);
    return Client().Post(path.c_str(), headers, body, "application/json");
  }

  verkosto::testing::TempDir dir_;
  FakeClock clock_;
  zmq::context_t zmq_;
  config::SystemConfig system_;
  bool with_notifications_;
  std::unique_ptr<runtime::ServiceRuntime> networks_, nominations_, notifications_, gateway_;
  std::thread networks_thread_, nominations_thread_, notifications_thread_, gateway_thread_;
  int port_ = 0;
  std::shared_ptr<HttpFrontend> frontend_;  // the runtime keeps it too
  // How long the gateway's HTTP workers wait for a service (set before SetUp).
  std::chrono::milliseconds rpc_timeout_{1500};
  // [auth] secure_cookies and [http] allowed_hosts of the gateway (set before SetUp).
  bool secure_cookies_ = false;
  std::vector<std::string> allowed_hosts_;
  // [http] metrics_token (set before SetUp; issue 20: metrics).
  std::string metrics_token_;
};

}  // namespace verkosto::gateway::fixtures
