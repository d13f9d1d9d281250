// The area's leadership (leadership_pages.cpp): the area page, participation
// and recording resignations.
#include <gtest/gtest.h>
#include <httplib.h>

#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
using testing::User;
using testing::WebPagesTest;

TEST_F(WebPagesTest, TheAreaPageLinksEachNetworkToItsPageWithGoalsTermAndPlan) {
  // Rule 7: before deciding, the area reads what the network is for.
  auto res = Get("/area", "dirkk");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find(R"(<a href="/networks/osaamisverkosto">)"), std::string::npos)
      << res->body;
}

// The area page lists every network once (it shows the proposed and open
// ones, and names the burden lines from the same list); its memberships are
// named by the nominations service's reply, and no area list is asked for.
TEST_F(WebPagesTest, TheAreaPageListsTheNetworksOnceAndNamesMembershipsFromTheReply) {
  network_name_ = "Listattu verkosto";  // the networks service's name, unlike the reply's
  ctx_.On<nw::GetBurdenRequest, nw::GetBurdenResponse>(
      [](const Actor&, const nw::GetBurdenRequest&, nw::GetBurdenResponse* r) {
        nw::BurdenLine* l = r->add_lines();
        l->set_network_code("osaamisverkosto");
        l->set_seats(1);
        return Status::Ok();
      });
  struct Shown {
    std::string cookie;
    std::string listed;  // the networks service's name
    std::string member_network;
  };
  for (const Shown& lang : {Shown{"", "Listattu verkosto", testing::kCaseNetworkFi},
                            Shown{"lang=sv", "Listattu verkosto SV", testing::kCaseNetworkSv}}) {
    ctx_.ForgetCalls();
    auto page = Get("/area", "dirhel", lang.cookie);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("<th scope=\"row\">Maija Meikäläinen</th><td>" + lang.member_network +
                              "</td>"),
              std::string::npos)
        << page->body;
    EXPECT_NE(page->body.find("<th scope=\"row\">" + lang.listed + "</th><td>1</td>"),
              std::string::npos)
        << "the burden line, named from the same list";
    // One page of the proposed networks and one of the open ones, nothing more.
    EXPECT_EQ(ctx_.Calls("ListNetworksRequest"), 2u) << lang.cookie;
    EXPECT_EQ(ctx_.Calls("ListAreasRequest"), 0u) << lang.cookie;
    EXPECT_EQ(ctx_.Calls("ListMembershipsRequest"), 1u) << lang.cookie;
  }
}

TEST_F(WebPagesTest, TheDirectorRecordsTheAreasParticipation) {
  nw::DecideParticipationRequest seen;
  ctx_.On<nw::DecideParticipationRequest, nw::DecideParticipationResponse>(
      [&seen](const Actor&, const nw::DecideParticipationRequest& req,
              nw::DecideParticipationResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto res = Post("/area/participation", "dirkk",
                  {{"csrf_token", "token-dir-kk"},
                   {"network", "osaamisverkosto"},
                   {"decision", "declines"},
                   {"reason", "Ei resursseja"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/area?done=participation");
  EXPECT_EQ(seen.area_code(), "kainuu-koillismaa");
  EXPECT_EQ(seen.decision(), nw::PARTICIPATION_DECISION_DECLINES);
  EXPECT_EQ(seen.reason(), "Ei resursseja");

  ctx_.On<nw::DecideParticipationRequest, nw::DecideParticipationResponse>(
      [](const Actor&, const nw::DecideParticipationRequest&, nw::DecideParticipationResponse*) {
        return Status::InvalidArgument("reason", "is required when an area declines");
      });
  auto refused = Post(
      "/area/participation", "dirkk",
      {{"csrf_token", "token-dir-kk"}, {"network", "osaamisverkosto"}, {"decision", "declines"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find(R"(class="error-summary")"), std::string::npos);
  EXPECT_NE(refused->body.find("is required when an area declines"), std::string::npos);
}

// A proposed network with one area's comment.

TEST_F(WebPagesTest, TheDirectorSeesPendingResignationRequestsAndRecordsOne) {
  ctx_.AddUser("dirkk", User("dir-kk", Role::kAreaDirector, "kainuu-koillismaa"));
  ctx_.On<nm::PendingResignationsRequest, nm::PendingResignationsResponse>(
      [](const Actor&, const nm::PendingResignationsRequest&, nm::PendingResignationsResponse* r) {
        nm::ResignationRequest* q = r->add_requests();
        q->set_membership_id("r-0123456789ab.kainuu-koillismaa.2");
        q->set_network_code("osaamisverkosto");
        q->set_network_name_fi(testing::kCaseNetworkFi);
        q->set_network_name_sv(testing::kCaseNetworkSv);
        q->set_reason("Uusi työ");
        q->mutable_person()->set_name("Bertil Berg");
        return Status::Ok();
      });
  nm::RecordResignationRequest recorded;
  ctx_.On<nm::RecordResignationRequest, nm::MembershipResponse>(
      [&recorded](const Actor&, const nm::RecordResignationRequest& req, nm::MembershipResponse*) {
        recorded = req;
        return Status::Ok();
      });
  network_name_ = "Not the reply's name";  // what ListNetworks would answer
  ctx_.ForgetCalls();
  auto sv = Get("/director/resignations", "dirkk", "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_EQ(sv->status, 200);
  EXPECT_NE(sv->body.find(testing::kCaseNetworkSv), std::string::npos) << sv->body;
  ctx_.ForgetCalls();
  auto page = Get("/director/resignations", "dirkk");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find(testing::kCaseNetworkFi), std::string::npos) << page->body;
  EXPECT_EQ(page->body.find(network_name_), std::string::npos);
  EXPECT_EQ(ctx_.Calls("ListNetworksRequest"), 0u);
  EXPECT_EQ(ctx_.Calls("PendingResignationsRequest"), 1u);
  EXPECT_NE(page->body.find("Bertil Berg"), std::string::npos);
  EXPECT_NE(page->body.find("Uusi työ"), std::string::npos);
  EXPECT_NE(page->body.find(
                R"(action="/director/resignations/r-0123456789ab.kainuu-koillismaa.2/record")"),
            std::string::npos);
  auto res = Post("/director/resignations/r-0123456789ab.kainuu-koillismaa.2/record", "dirkk",
                  {{"csrf_token", "token-dir-kk"}, {"date", "2026-03-02"}, {"reason", "Uusi työ"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(recorded.membership_id(), "r-0123456789ab.kainuu-koillismaa.2");
  EXPECT_EQ(recorded.date(), "2026-03-02");
}

}  // namespace
}  // namespace verkosto::gateway
