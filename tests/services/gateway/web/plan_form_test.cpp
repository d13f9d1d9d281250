// The communication plan's typed part on KEHA's network form and the network
// page (plan_form.cpp): the table round-trips, the page says the plan in words.
#include <gtest/gtest.h>
#include <httplib.h>

#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nw = ::verkosto::networks::v1;
namespace ntf = ::verkosto::notifications::v1;
using testing::OpenNetwork;
using testing::WebPagesTest;

httplib::Params BaseForm() {
  return {{"csrf_token", "token-keha1"},
          {"code", "uusi"},
          {"names.fi", "Uusi verkosto"},
          {"cadence.meetings_per_year", "6"},
          {"cadence.hours_per_meeting_tenths", "1,5"},
          {"seats_per_area.members", "1"},
          {"seats_per_area.deputies", "1"}};
}

TEST_F(WebPagesTest, TheNetworkFormSendsTheTypedPlan) {
  nw::NetworkDefinition seen;
  ctx_.On<nw::CreateNetworkRequest, nw::NetworkResponse>(
      [&seen](const Actor&, const nw::CreateNetworkRequest& req, nw::NetworkResponse*) {
        seen = req.definition();
        return Status::Ok();
      });
  httplib::Params form = BaseForm();
  form.emplace("plan.members.changed", "1");
  form.emplace("plan.members.closed_early", "1");
  form.emplace("plan.public.opened", "1");
  form.emplace("communication_plan.notes_every_days", "14");
  form.emplace("communication_plan.responsible_email", "sihteeri@keha.fi");
  auto res = Post("/networks/new", "keha", form);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << res->body;
  const nw::CommunicationPlan& plan = seen.communication_plan();
  ASSERT_EQ(plan.targets_size(), 2);
  EXPECT_EQ(plan.targets(0).audience(), nw::PLAN_AUDIENCE_MEMBERS);
  EXPECT_EQ(plan.targets(0).channel(), nw::PLAN_CHANNEL_INBOX_EMAIL);
  ASSERT_EQ(plan.targets(0).events_size(), 2);
  EXPECT_EQ(plan.targets(0).events(0), nw::PLAN_EVENT_CHANGED);
  EXPECT_EQ(plan.targets(0).events(1), nw::PLAN_EVENT_CLOSED_EARLY);
  EXPECT_EQ(plan.targets(1).audience(), nw::PLAN_AUDIENCE_PUBLIC);
  EXPECT_EQ(plan.targets(1).channel(), nw::PLAN_CHANNEL_PUBLIC_CATALOGUE);
  EXPECT_EQ(plan.notes_every_days(), 14U);
  EXPECT_EQ(plan.responsible_email(), "sihteeri@keha.fi");

  // "Use the standard plan" wins over ticked boxes: no targets.
  form.emplace("plan.standard", "1");
  auto standard = Post("/networks/new", "keha", form);
  ASSERT_TRUE(standard);
  EXPECT_EQ(standard->status, 303);
  EXPECT_EQ(seen.communication_plan().targets_size(), 0);
}

TEST_F(WebPagesTest, TheEditFormShowsTheStoredPlanTickedAndLabelled) {
  ctx_.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
      [](const Actor&, const nw::GetNetworkRequest& req, nw::GetNetworkResponse* r) {
        *r->mutable_network() = OpenNetwork(req.network_code(), "Osaamisverkosto");
        nw::PlanTarget* t =
            r->mutable_network()->mutable_definition()->mutable_communication_plan()->add_targets();
        t->set_audience(nw::PLAN_AUDIENCE_KEHA);
        t->set_channel(nw::PLAN_CHANNEL_INBOX_EMAIL);
        t->add_events(nw::PLAN_EVENT_COMMENT_ADDED);
        return Status::Ok();
      });
  auto res = Get("/networks/osaamisverkosto/edit", "keha");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string& html = res->body;
  EXPECT_NE(html.find(R"(<legend>Kuka saa tiedon mistäkin</legend>)"), std::string::npos);
  EXPECT_NE(
      html.find(
          R"(id="plan-keha-comment_added" name="plan.keha.comment_added" value="1" checked aria-label="KEHA-keskus: Kommentti")"),
      std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(id="plan-keha-opened" name="plan.keha.opened" value="1" aria-label)"),
            std::string::npos);
  // Targets given: the standard box is not ticked.
  EXPECT_NE(html.find(R"(name="plan.standard" value="1" aria-describedby)"), std::string::npos);
  EXPECT_NE(html.find(R"(<th scope="row">Verkoston jäsenet</th>)"), std::string::npos);
  EXPECT_NE(html.find(R"(id="f-communication_plan-notes_every_days")"), std::string::npos);
  // The public is not offered what names people or one area's case.
  EXPECT_NE(html.find(R"(name="plan.public.opened")"), std::string::npos);
  EXPECT_EQ(html.find(R"(name="plan.public.membership_ended")"), std::string::npos);
}

TEST_F(WebPagesTest, TheNetworkPageSaysThePlanInEffectInWords) {
  ctx_.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
      [](const Actor&, const nw::GetNetworkRequest& req, nw::GetNetworkResponse* r) {
        *r->mutable_network() = OpenNetwork(req.network_code(), "Osaamisverkosto");
        nw::PlanTarget* t = r->mutable_network()->add_effective_targets();
        t->set_audience(nw::PLAN_AUDIENCE_ALL_AREAS_LEADERSHIP);
        t->set_channel(nw::PLAN_CHANNEL_INBOX_EMAIL);
        t->add_events(nw::PLAN_EVENT_OPENED);
        t->add_events(nw::PLAN_EVENT_CANCELLED);
        r->mutable_network()->set_effective_notes_every_days(60);
        r->mutable_network()->set_effective_responsible_email("anna@keha.fi");
        return Status::Ok();
      });
  auto res = Get("/networks/osaamisverkosto", "keha");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("Kaikkien työllisyysalueiden johto (Viestit ja sähköposti): Avattu, "
                           "Peruttu"),
            std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find("Vakiosuunnitelma:"), std::string::npos);
  EXPECT_NE(res->body.find("60 päivän välein (anna@keha.fi)"), std::string::npos);
}

TEST_F(WebPagesTest, ThePublicCatalogueShowsEachNetworksAnnouncementsWithoutLogin) {
  ntf::ListAnnouncementsRequest asked;
  ctx_.On<ntf::ListAnnouncementsRequest, ntf::ListAnnouncementsResponse>(
      [&asked](const Actor&, const ntf::ListAnnouncementsRequest& req,
               ntf::ListAnnouncementsResponse* r) {
        asked = req;
        ntf::InboxItem* item = r->add_items();
        item->set_subject(req.language() == common::v1::LANGUAGE_SV ? "Nätverket har öppnats: X"
                                                                    : "Verkosto avattu: X");
        item->set_body_text("Hei,\n\nKEHA-keskus on avannut verkoston X.\n\nHuom.");
        return Status::Ok();
      });
  auto res = Get("/");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(asked.network_code(), "osaamisverkosto");
  EXPECT_EQ(asked.page_size(), 3U);
  EXPECT_NE(res->body.find("<h3>Tiedotteet</h3>"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("<strong>Verkosto avattu: X</strong>"), std::string::npos);
  EXPECT_NE(res->body.find("KEHA-keskus on avannut verkoston X."), std::string::npos);
  EXPECT_EQ(res->body.find("Huom."), std::string::npos);  // the first paragraph only
  auto sv = Get("/", {}, "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_NE(sv->body.find("<h3>Meddelanden</h3>"), std::string::npos);
  EXPECT_NE(sv->body.find("Nätverket har öppnats: X"), std::string::npos);
}

}  // namespace
}  // namespace verkosto::gateway
