// The desk (desk_pages.cpp): each role's sections from canned answers, the
// navigation's counts with their words for assistive technology, one
// DeskRequest per page, and the words for days left.
#include "gateway/web/desk_pages.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <string>

#include "verkosto/common/v1/health.pb.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nm = ::verkosto::nominations::v1;
namespace gw = ::verkosto::gateway::v1;
using testing::WebPagesTest;

bool Has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

// The nominations service's desk for the Helsinki clerk: two requests, the
// first overdue (the service orders them).
nm::DeskResponse ClerkDesk() {
  nm::DeskResponse d;
  d.set_awaiting_registration(2);
  nm::DeskCase* c = d.add_cases();
  c->set_case_id("req-1.helsinki");
  c->set_network_code("osaamisverkosto");
  c->set_network_name_fi("Osaamisverkosto");
  c->set_network_name_sv("Kompetensnätverket");
  c->set_deadline("2027-01-03");
  c->set_days_left(-2);
  c = d.add_cases();
  c->set_case_id("req-2.helsinki");
  c->set_network_code("toinen");
  c->set_deadline("2027-01-20");
  c->set_days_left(15);
  return d;
}

TEST_F(WebPagesTest, DeskTheClerksRequestsLinkToTheirCasesWithDaysLeftAndTheNavCountsThem) {
  nm::DeskRequest asked;
  ctx_.On<nm::DeskRequest, nm::DeskResponse>(
      [&asked](const Actor&, const nm::DeskRequest& req, nm::DeskResponse* r) {
        asked = req;
        *r = ClerkDesk();
        if (req.counts_only()) r->clear_cases();
        return Status::Ok();
      });
  ctx_.ForgetCalls();
  auto res = Get("/desk", "clerk");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(ctx_.Calls("DeskRequest"), 1u) << "the desk's answer counts the navigation too";
  EXPECT_FALSE(asked.counts_only());
  EXPECT_EQ(asked.limit(), 10u);
  const std::string& b = res->body;
  EXPECT_TRUE(Has(b, "<h1>Työpöytä</h1>")) << b;
  EXPECT_TRUE(Has(b, "<h2 id=\"desk-register\">Kirjattavat pyynnöt (2)</h2>")) << b;
  EXPECT_TRUE(Has(b, "<caption>")) << b;
  EXPECT_TRUE(Has(b, "<a href=\"/cases/req-1.helsinki\">Osaamisverkosto</a>")) << b;
  EXPECT_LT(b.find("req-1.helsinki"), b.find("req-2.helsinki")) << "in the service's order";
  EXPECT_TRUE(Has(b, "<strong>2 päivää myöhässä</strong>")) << b;
  EXPECT_TRUE(Has(b, "15 päivää jäljellä")) << b;
  EXPECT_TRUE(Has(b, "<a href=\"/registry\">Kaikki kirjattavat pyynnöt</a>")) << b;
  EXPECT_TRUE(Has(b,
                  "<a href=\"/desk\" aria-current=\"page\">Työpöytä <span class=\"nav-count\">(2"
                  "<span class=\"visually-hidden\"> odottaa</span>)</span></a>"))
      << b;

  // Another page asks the counts once, and only the counts.
  ctx_.ForgetCalls();
  res = Get("/registry/journal", "clerk");
  ASSERT_TRUE(res);
  EXPECT_EQ(ctx_.Calls("DeskRequest"), 1u);
  EXPECT_TRUE(asked.counts_only());
  EXPECT_TRUE(Has(res->body, "Kirjaamo <span class=\"nav-count\">(2")) << res->body;

  // In Swedish, the network's Swedish name and the words.
  res = Get("/desk", "clerk", "lang=sv");
  ASSERT_TRUE(res);
  EXPECT_TRUE(Has(res->body, "<h1>Skrivbord</h1>")) << res->body;
  EXPECT_TRUE(Has(res->body, "Kompetensnätverket")) << res->body;
  EXPECT_TRUE(Has(res->body, "2 dagar försenad")) << res->body;
  EXPECT_TRUE(Has(res->body, "> väntar</span>")) << res->body;
}

TEST_F(WebPagesTest, DeskEmptySectionsSayTheyAreEmptyAndNothingIsCounted) {
  // No canned desk: the service's empty answer.
  auto res = Get("/desk", "dirkk");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(Has(res->body, "Ei päätettäviä asioita.")) << res->body;
  EXPECT_TRUE(Has(res->body, "Ei odottavia osallistumispäätöksiä.")) << res->body;
  EXPECT_TRUE(Has(res->body, "Ei lähiaikoina päättyviä toimikausia.")) << res->body;
  EXPECT_FALSE(Has(res->body, "nav-count")) << res->body;
  res = Get("/desk", "clerk");
  ASSERT_TRUE(res);
  EXPECT_TRUE(Has(res->body, "Ei kirjattavia pyyntöjä.")) << res->body;
}

TEST_F(WebPagesTest, DeskADirectorsTermsEndingLinkToTheMemberships) {
  ctx_.On<nm::DeskRequest, nm::DeskResponse>(
      [](const Actor&, const nm::DeskRequest&, nm::DeskResponse* r) {
        r->set_terms_ending(1);
        r->set_term_notice_days(60);
        r->set_participation_pending(1);
        nm::DeskNetwork* n = r->add_participation_pending_networks();
        n->set_network_code("uusi");
        n->set_name_fi("Uusi verkosto");
        n->set_status("proposed");
        nm::DeskMembership* m = r->add_terms_ending_memberships();
        m->set_membership_id("m-7");
        m->set_name("Maija Meikäläinen");
        m->set_seat("deputy");
        m->set_network_code("osaamisverkosto");
        m->set_term_end("2027-01-31");
        m->set_days_left(1);
        return Status::Ok();
      });
  auto res = Get("/desk", "dirkk");
  ASSERT_TRUE(res);
  const std::string& b = res->body;
  EXPECT_TRUE(Has(b, "<a href=\"/memberships/m-7\">Maija Meikäläinen</a> (Varajäsen)")) << b;
  EXPECT_TRUE(Has(b, "1 päivä jäljellä")) << b;
  EXPECT_TRUE(Has(b, "päättyy 60 päivän kuluessa")) << b;
  EXPECT_TRUE(Has(b, "<a href=\"/networks/uusi\">Uusi verkosto</a> (Ehdotettu)")) << b;
  EXPECT_TRUE(Has(b, "<a href=\"/area\">Alueen osallistuminen <span class=\"nav-count\">(1")) << b;
}

TEST_F(WebPagesTest, DeskTheAdminSeesAccountsAndEachServicesHealth) {
  ctx_.AddUser("admin", testing::User("admin1", Role::kAdmin));
  ctx_.On<gw::ListAccountsRequest, gw::ListAccountsResponse>(
      [](const Actor&, const gw::ListAccountsRequest& req, gw::ListAccountsResponse* r) {
        EXPECT_TRUE(req.include_disabled());
        r->add_accounts()->set_user_id("a");
        r->add_accounts()->set_disabled(true);
        r->add_accounts()->set_user_id("c");
        return Status::Ok();
      });
  ctx_.On<common::v1::HealthRequest, common::v1::HealthResponse>(
      [](const Actor&, const common::v1::HealthRequest&, common::v1::HealthResponse* r) {
        r->set_status("ok");
        return Status::Ok();
      });
  auto res = Get("/desk", "admin");
  ASSERT_TRUE(res);
  const std::string& b = res->body;
  EXPECT_TRUE(Has(b, "<th scope=\"row\">Tilejä yhteensä</th><td>3</td>")) << b;
  EXPECT_TRUE(Has(b, "<th scope=\"row\">Suljettuja tilejä</th><td>1</td>")) << b;
  EXPECT_TRUE(Has(b, "<th scope=\"row\">nominations</th><td>kunnossa</td>")) << b;
  EXPECT_EQ(ctx_.Calls("HealthRequest"), 3u);
  EXPECT_FALSE(ctx_.Called("DeskRequest")) << "an admin's desk counts no cases";
}

TEST(DeskWordsTest, DaysLeftInEachLanguage) {
  using web::Catalogue;
  using web::DaysLeftText;
  const Catalogue& fi = Catalogue::For(Language::kFi);
  const Catalogue& sv = Catalogue::For(Language::kSv);
  const Catalogue& en = Catalogue::For(Language::kEn);
  EXPECT_EQ(DaysLeftText(fi, true, 3), "3 päivää jäljellä");
  EXPECT_EQ(DaysLeftText(fi, true, 1), "1 päivä jäljellä");
  EXPECT_EQ(DaysLeftText(fi, true, 0), "määräaika tänään");
  EXPECT_EQ(DaysLeftText(fi, true, -1), "1 päivä myöhässä");
  EXPECT_EQ(DaysLeftText(fi, false, 0), "ei määräaikaa");
  EXPECT_EQ(DaysLeftText(sv, true, 2), "2 dagar kvar");
  EXPECT_EQ(DaysLeftText(sv, true, -5), "5 dagar försenad");
  EXPECT_EQ(DaysLeftText(en, true, 1), "1 day left");
  EXPECT_EQ(DaysLeftText(en, true, -2), "2 days overdue");
}

}  // namespace
}  // namespace verkosto::gateway
