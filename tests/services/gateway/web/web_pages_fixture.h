#pragma once

// The fixture of the web pages' tests: the pages over real HTTP (cpp-httplib
// on a free port) with the in-memory FakeGatewayContext answering canned
// protos, a few users of each role, and canned answers shared by the tests
// of every area of the UI (one *_pages_test.cpp per *_pages.cpp, page_test.cpp
// for the framework every page shares).
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "canned_network.h"
#include "fake_gateway_context.h"
#include "gateway/http/gateway_context.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::testing {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;

inline nw::Network OpenNetwork(const std::string& code, const std::string& name_fi) {
  return CannedOpenNetwork(code, name_fi, name_fi + " SV");
}

class WebPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_.AddUser("keha", User("keha1", Role::kKehaCoordinator));
    ctx_.AddUser("clerk", User("clerk1", Role::kRegistryClerk, "helsinki"));
    ctx_.AddUser("dirkk", User("dir-kk", Role::kAreaDirector, "kainuu-koillismaa"));
    ctx_.AddUser("dirhel", User("dir-hel", Role::kAreaDirector, "helsinki"));
    ctx_.On<nw::ListAreasRequest, nw::ListAreasResponse>(CannedAreas);
    ctx_.On<nw::ListNetworksRequest, nw::ListNetworksResponse>(
        [this](const Actor&, const nw::ListNetworksRequest& req, nw::ListNetworksResponse* r) {
          // One open network, filtered by status as the service filters.
          const nw::Network open = OpenNetwork("osaamisverkosto", network_name_);
          if (req.status() == nw::NETWORK_STATUS_UNSPECIFIED || req.status() == open.status()) {
            *r->add_networks() = open;
          }
          return Status::Ok();
        });
    ctx_.On<nm::ListMembershipsRequest, nm::ListMembershipsResponse>(
        [](const Actor&, const nm::ListMembershipsRequest&, nm::ListMembershipsResponse* r) {
          nm::Membership* m = r->add_memberships();
          *m = NamedMembership("helsinki", "Maija Meikäläinen");
          m->mutable_person()->set_title("palvelupäällikkö");
          return Status::Ok();
        });
    RegisterWebRoutes(server_, [this]() -> GatewayContext& { return ctx_; });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void TearDown() override {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Result Get(const std::string& path, const std::string& session = {},
                      const std::string& extra_cookie = {}) {
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers headers;
    std::string cookie = session.empty() ? "" : "session=" + session;
    if (!extra_cookie.empty()) cookie += (cookie.empty() ? "" : "; ") + extra_cookie;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    return client.Get(path, headers);
  }
  httplib::Result Post(const std::string& path, const std::string& session,
                       const httplib::Params& form) {
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers headers = {{"Cookie", "session=" + session}};
    return client.Post(path, headers, form);
  }

  // GetCase answered with `c` as the nominations service would decide it:
  // for the users (ids) in `may_see`, with may_decide for those in
  // `may_decide`; not_found for everyone else. The pages show that answer.
  void ServeCase(const nm::Case& c, const std::set<std::string>& may_see,
                 const std::set<std::string>& may_decide) {
    ctx_.On<nm::GetCaseRequest, nm::CaseResponse>(
        [c, may_see, may_decide](const Actor& actor, const nm::GetCaseRequest&,
                                 nm::CaseResponse* r) {
          if (!may_see.count(actor.user_id)) return Status::NotFound("no case " + c.case_id());
          *r->mutable_case_() = c;
          r->set_may_decide(may_decide.count(actor.user_id) > 0);
          return Status::Ok();
        });
  }

  FakeGatewayContext ctx_;
  std::string network_name_ = "Osaamisverkosto";
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// Answers requests of type Req with `refusal`.
template <typename Req, typename Resp>
void Refuse(FakeGatewayContext& ctx, const Status& refusal) {
  ctx.On<Req, Resp>([refusal](const Actor&, const Req&, Resp*) { return refusal; });
}

// Who sees and who decides a case of Kainuu, as the service answers: KEHA and
// the area's leadership see it; the leadership decides it.
inline const std::set<std::string> kKainuuSees = {"keha1", "dir-kk", "dep-kk"};
inline const std::set<std::string> kKainuuDecides = {"dir-kk", "dep-kk"};

}  // namespace verkosto::gateway::testing
