// A development aid, not a test: serves the web UI with FakeGatewayContext
// and canned data on 127.0.0.1 (port 0 = any), printing the port, so pages
// can be looked at (chromium --screenshot) and checked with axe-core without
// the whole system. Sessions: cookie session=keha|clerk|director.
#include <httplib.h>

#include <cstdio>
#include <cstdlib>

#include "canned_network.h"
#include "fake_gateway_context.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

using namespace verkosto;  // NOLINT: a small program
namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
namespace nt = ::verkosto::notifications::v1;

namespace {

nw::Network Network() {
  return verkosto::gateway::testing::CannedOpenNetwork("osaamisverkosto", "Osaamisverkosto",
                                                       "Kompetensnätverket");
}

nm::Case Case() { return gateway::testing::RegisteredCase("kainuu-koillismaa"); }

}  // namespace

int main() {
  gateway::testing::FakeGatewayContext ctx;
  ctx.AddUser("keha", gateway::testing::User("keha", Role::kKehaCoordinator, ""));
  ctx.AddUser("clerk", gateway::testing::User("clerk", Role::kRegistryClerk, "kainuu-koillismaa"));
  ctx.AddUser("director",
              gateway::testing::User("director", Role::kAreaDirector, "kainuu-koillismaa"));
  ctx.On<nw::ListAreasRequest, nw::ListAreasResponse>(gateway::testing::CannedAreas);
  ctx.On<nw::ListNetworksRequest, nw::ListNetworksResponse>(
      [](const Actor&, const nw::ListNetworksRequest& req, nw::ListNetworksResponse* r) {
        const nw::Network network = Network();
        if (req.status() == nw::NETWORK_STATUS_UNSPECIFIED || req.status() == network.status()) {
          *r->add_networks() = network;
        }
        return Status::Ok();
      });
  ctx.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
      [](const Actor&, const nw::GetNetworkRequest&, nw::GetNetworkResponse* r) {
        *r->mutable_network() = Network();
        auto* row = r->add_participation();
        row->set_area_code("helsinki");
        row->mutable_current()->set_decision(nw::PARTICIPATION_DECISION_DECLINES);
        row->mutable_current()->set_reason("Ei resursseja");
        return Status::Ok();
      });
  ctx.On<nw::OpenNetworkRequest, nw::NetworkResponse>(
      [](const Actor&, const nw::OpenNetworkRequest&, nw::NetworkResponse*) {
        return Status::InvalidArgument("term.end_date", "term.end_date: an end date is required");
      });
  ctx.On<nm::ListMembershipsRequest, nm::ListMembershipsResponse>(
      [](const Actor&, const nm::ListMembershipsRequest&, nm::ListMembershipsResponse* r) {
        *r->add_memberships() =
            gateway::testing::NamedMembership("kainuu-koillismaa", "Maija Meikäläinen");
        return Status::Ok();
      });
  ctx.On<nm::NetworkMatrixRequest, nm::NetworkMatrixResponse>(
      [](const Actor&, const nm::NetworkMatrixRequest&, nm::NetworkMatrixResponse* r) {
        r->set_network_name_fi(gateway::testing::kCaseNetworkFi);
        r->set_network_name_sv(gateway::testing::kCaseNetworkSv);
        for (const nw::Area& a : gateway::testing::CannedAreaList()) {
          nm::MatrixRow* row = r->add_rows();
          row->set_area_code(a.code());
          row->set_area_name_fi(a.name_fi());
          row->set_area_name_sv(a.name_sv());
          if (a.code() == "kainuu-koillismaa") *row->mutable_latest_case() = Case();
        }
        return Status::Ok();
      });
  auto cases = [](const Actor&, const auto&, nm::CaseListResponse* r) {
    *r->add_cases() = Case();
    return Status::Ok();
  };
  ctx.On<nm::RegistryInboxRequest, nm::CaseListResponse>(cases);
  ctx.On<nm::RegistryJournalRequest, nm::CaseListResponse>(cases);
  ctx.On<nm::DirectorInboxRequest, nm::CaseListResponse>(cases);
  ctx.On<nm::GetCaseRequest, nm::CaseResponse>(
      [](const Actor&, const nm::GetCaseRequest&, nm::CaseResponse* r) {
        *r->mutable_case_() = Case();
        r->set_may_decide(true);  // the director's view: the decision form
        return Status::Ok();
      });
  ctx.On<nt::ListInboxRequest, nt::ListInboxResponse>(
      [](const Actor&, const nt::ListInboxRequest&, nt::ListInboxResponse* r) {
        auto* i = r->add_items();
        i->set_id("m1");
        i->set_subject("Uusi nimityspyyntö");
        i->set_body_text("Osaamisverkosto pyytää nimeämään jäsenen.");
        i->set_link("/cases/case-1");
        r->set_unread_count(1);
        return Status::Ok();
      });
  httplib::Server server;
  gateway::RegisterWebRoutes(server, [&ctx]() -> gateway::GatewayContext& { return ctx; });
  const char* env = std::getenv("PORT");
  const int port = env != nullptr ? std::atoi(env) : 0;
  const int bound = port != 0 ? (server.bind_to_port("127.0.0.1", port) ? port : -1)
                              : server.bind_to_any_port("127.0.0.1");
  if (bound <= 0) return 1;
  std::printf("%d\n", bound);
  std::fflush(stdout);
  return server.listen_after_bind() ? 0 : 1;
}
