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
  auto page = Get("/director/resignations", "dirkk");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
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
