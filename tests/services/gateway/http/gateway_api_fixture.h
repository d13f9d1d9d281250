// The fixture of the gateway's tests over real HTTP: a gateway runtime (its
// RPC server, accounts database and HttpFrontend on port 0) beside real
// networks and nominations runtimes, each on its own loop thread, all on one
// fake clock. Requests go through httplib::Client as a browser or script
// would send them. Used by api_test.cpp and the other tests of this folder.
#pragma once

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/date.h"
#include "gateway/service.h"
#include "messaging/rpc_client.h"
#include "networks/service.h"
#include "nominations/service.h"
#include "testing/network_definition.h"
#include "testing/temp_dir.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::gateway {

namespace npb = ::verkosto::networks::v1;
namespace gpb = ::google::protobuf;

// The fake business clock's start. Request deadlines are transport time (the
// real clock), so any date works here.
inline TimePoint Start() {
  return HelsinkiStartOfDay(*ParseIsoDate("2026-03-02")) + std::chrono::hours(9);
}

inline constexpr char kPassword[] = "demo-salasana-2026";

inline const Actor kSystem{"test", "Test", Role::kSystem, AreaCode(""), "", ""};

inline std::string Json(const gpb::Message& m) {
  std::string json;
  gpb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)gpb::util::MessageToJsonString(m, &json, options);
  return json;
}

inline v1::ApiError ErrorOf(const httplib::Result& r) {
  v1::ApiError error;
  if (r) (void)gpb::util::JsonStringToMessage(r->body, &error);
  return error;
}

inline npb::NetworkDefinition Complete(const std::string& code) {
  return testing::CompleteNetworkDefinition(code);
}

inline std::string CreateBody(const npb::NetworkDefinition& d) {
  npb::CreateNetworkRequest req;
  *req.mutable_definition() = d;
  return Json(req);
}

// A logged-in API client: the session cookie and its CSRF token.
struct Session {
  std::string cookie;
  std::string csrf;
};

class GatewayApiTest : public ::testing::Test {
 protected:
  GatewayApiTest() : clock_(Start()) {}

  void SetUp() override {
    system_ = config::DefaultSystemConfig(dir_.path(), dir_.path(), 0);
    system_.demo_data = false;
    StartRuntime("networks", networks::Migrations(), networks::Wire, networks_, networks_thread_);
    StartRuntime("nominations", nominations::Migrations(), nominations::Wire, nominations_,
                 nominations_thread_);

    auto gw = runtime::ServiceRuntime::Create(zmq_, system_, "gateway", Migrations(), clock_);
    ASSERT_TRUE(gw.ok()) << gw.status().ToString();
    gateway_ = std::move(gw).value();
    GatewayOptions options;
    options.accounts.hash = HashLimits::Minimum();
    options.http.rpc_timeout = rpc_timeout_;
    auto frontend = WireGateway(*gateway_, system_, options);
    ASSERT_TRUE(frontend.ok()) << frontend.status().ToString();
    port_ = (*frontend)->port();
    ASSERT_TRUE(gateway_->Start().ok());
    gateway_thread_ = std::thread([this] { gateway_->Run(); });

    AddAccount("keha.koordinaattori", "Kaisa Koordinaattori", common::v1::ROLE_KEHA_COORDINATOR,
               "");
    AddAccount("johtaja.kainuu", "Juha Johtaja", common::v1::ROLE_AREA_DIRECTOR,
               "kainuu-koillismaa");
  }

  void TearDown() override {
    Stop(gateway_, gateway_thread_);
    Stop(nominations_, nominations_thread_);
    Stop(networks_, networks_thread_);
  }

  static void Stop(std::unique_ptr<runtime::ServiceRuntime>& rt, std::thread& thread) {
    if (!thread.joinable()) return;
    rt->Stop();
    thread.join();
  }

  template <typename WireFn>
  void StartRuntime(const std::string& name, const std::vector<storage::Migration>& migrations,
                    WireFn wire, std::unique_ptr<runtime::ServiceRuntime>& rt,
                    std::thread& thread) {
    auto created = runtime::ServiceRuntime::Create(zmq_, system_, name, migrations, clock_);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    rt = std::move(created).value();
    ASSERT_TRUE(wire(*rt, system_).ok());
    ASSERT_TRUE(rt->Start().ok());
    runtime::ServiceRuntime* raw = rt.get();
    thread = std::thread([raw] { raw->Run(); });
  }

  template <typename Resp>
  Result<Resp> Rpc(const google::protobuf::Message& request, const Actor& actor = kSystem) {
    messaging::ClientOptions options;
    options.endpoint = system_.services.at("gateway").rpc_endpoint;
    messaging::RpcClient client(zmq_, options);
    return client.Call<Resp>(actor, request);
  }

  void AddAccount(const std::string& id, const std::string& name, common::v1::Role role,
                  const std::string& area) {
    v1::CreateAccountRequest req;
    req.mutable_account()->set_user_id(id);
    req.mutable_account()->set_display_name(name);
    req.mutable_account()->set_role(role);
    req.mutable_account()->set_area(area);
    req.set_password(kPassword);
    auto created = Rpc<v1::CreateAccountResponse>(req);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }

  httplib::Client Client() {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    return client;
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
    EXPECT_TRUE(gpb::util::JsonStringToMessage(r->body, &session).ok()) << r->body;
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

  testing::TempDir dir_;
  FakeClock clock_;
  zmq::context_t zmq_;
  config::SystemConfig system_;
  std::unique_ptr<runtime::ServiceRuntime> networks_, nominations_, gateway_;
  std::thread networks_thread_, nominations_thread_, gateway_thread_;
  int port_ = 0;
  // How long the gateway's HTTP workers wait for a service (set before SetUp).
  std::chrono::milliseconds rpc_timeout_{1500};
};

}  // namespace verkosto::gateway
