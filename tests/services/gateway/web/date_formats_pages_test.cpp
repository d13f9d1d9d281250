// Dates, times and plurals on the pages in the user's language (libs/locale),
// and date fields typed by hand as d.m.yyyy (page.h DateParam, forms.cpp).
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>

#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
using testing::OpenNetwork;
using testing::WebPagesTest;

httplib::Params LogForm(const std::string& date_received, const std::string& deadline) {
  return {{"csrf_token", "token-clerk1"},
          {"network_code", "osaamisverkosto"},
          {"channel", "letter"},
          {"sender", "KEHA-keskus"},
          {"subject", "Jäsenpyyntö"},
          {"date_received", date_received},
          {"deadline", deadline},
          {"diary_number", "HEL/7/2027"},
          {"organisation", "Helsingin kaupunki"},
          {"seats.members", "1"},
          {"seats.deputies", "0"}};
}

TEST_F(WebPagesTest, ADateTypedAsDayMonthYearReachesTheServiceAsIso) {
  nm::LogIncomingRequestRequest seen;
  ctx_.On<nm::LogIncomingRequestRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::LogIncomingRequestRequest& req, nm::CaseResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto res = Post("/registry/log", "clerk", LogForm("3.1.2027", " 03.02.2027 "));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(seen.date_received(), "2027-01-03");
  EXPECT_EQ(seen.deadline(), "2027-02-03");
  // ISO typed by hand is still accepted.
  res = Post("/registry/log", "clerk", LogForm("2027-01-04", ""));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(seen.date_received(), "2027-01-04");
  EXPECT_EQ(seen.deadline(), "");
}

TEST_F(WebPagesTest, AnImpossibleDateIsRefusedNamingTheFieldAndNothingIsSent) {
  auto res = Post("/registry/log", "clerk", LogForm("31.2.2027", "3.2.2027"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_FALSE(ctx_.Called("LogIncomingRequestRequest"));
  // In the summary, named by its label, and at the field, with what was typed.
  EXPECT_NE(res->body.find(R"(<a href="#f-date_received">Saapumispäivä: Päivämäärä ei kelpaa.)"),
            std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find(R"(id="f-date_received-error")"), std::string::npos);
  EXPECT_NE(res->body.find(R"(value="31.2.2027")"), std::string::npos);
  EXPECT_EQ(res->body.find(R"(id="f-deadline-error")"), std::string::npos);

  // In Swedish too.
  httplib::Client client("127.0.0.1", port_);
  auto sv = client.Post("/registry/log", {{"Cookie", "session=clerk; lang=sv"}},
                        LogForm("3.1.2027", "29.2.2027"));
  ASSERT_TRUE(sv);
  EXPECT_EQ(sv->status, 422);
  EXPECT_NE(sv->body.find(R"(<a href="#f-deadline">)"), std::string::npos) << sv->body;
  EXPECT_NE(sv->body.find("Datumet är inte giltigt."), std::string::npos);
  EXPECT_FALSE(ctx_.Called("LogIncomingRequestRequest"));
}

TEST_F(WebPagesTest, DateFieldsAreTextFieldsThatShowTheirFormat) {
  auto fi = Get("/registry/log", "clerk");
  ASSERT_TRUE(fi);
  ASSERT_EQ(fi->status, 200);
  EXPECT_EQ(fi->body.find(R"(type="date")"), std::string::npos) << fi->body;
  EXPECT_NE(fi->body.find(R"(<input type="text" id="f-date_received")"), std::string::npos);
  EXPECT_NE(fi->body.find(R"(autocomplete="off" class="date-input")"), std::string::npos);
  EXPECT_NE(fi->body.find("Muoto pp.kk.vvvv, esimerkiksi 3.1.2027."), std::string::npos);
  auto sv = Get("/registry/log", "clerk", "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_NE(sv->body.find("Format dd.mm.åååå, till exempel 3.1.2027."), std::string::npos);
}

TEST_F(WebPagesTest, TheNetworkFormTakesTheTermAsDayMonthYear) {
  nw::NetworkDefinition seen;
  ctx_.On<nw::CreateNetworkRequest, nw::NetworkResponse>(
      [&seen](const Actor&, const nw::CreateNetworkRequest& req, nw::NetworkResponse*) {
        seen = req.definition();
        return Status::Ok();
      });
  httplib::Params form = {{"csrf_token", "token-keha1"},
                          {"code", "uusi"},
                          {"names.fi", "Uusi verkosto"},
                          {"term.start_date", "3.1.2027"},
                          {"term.end_date", "31.12.2028"},
                          {"cadence.meetings_per_year", "6"},
                          {"cadence.hours_per_meeting_tenths", "1,5"},
                          {"seats_per_area.members", "2"},
                          {"seats_per_area.deputies", "1"}};
  auto res = Post("/networks/new", "keha", form);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(seen.term().start_date(), "2027-01-03");
  EXPECT_EQ(seen.term().end_date(), "2028-12-31");

  form.erase("term.end_date");
  form.emplace("term.end_date", "31.2.2027");
  auto bad = Post("/networks/new", "keha", form);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find(R"(<a href="#f-term-end_date">)"), std::string::npos) << bad->body;
  EXPECT_NE(bad->body.find("Päivämäärä ei kelpaa."), std::string::npos);
  EXPECT_EQ(ctx_.Calls("CreateNetworkRequest"), 1U);
}

TEST_F(WebPagesTest, TheNetworkPageShowsDatesAndPluralsInTheUsersLanguage) {
  ctx_.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
      [](const Actor&, const nw::GetNetworkRequest& req, nw::GetNetworkResponse* r) {
        *r->mutable_network() = OpenNetwork(req.network_code(), "Osaamisverkosto");
        return Status::Ok();
      });
  // The canned network: term 2027-01-01 – 2028-12-31, 4 meetings of 1,5 h, 1 + 1 seats.
  auto fi = Get("/networks/osaamisverkosto", "keha");
  ASSERT_TRUE(fi);
  ASSERT_EQ(fi->status, 200);
  EXPECT_NE(fi->body.find("1.1.2027"), std::string::npos) << fi->body;
  EXPECT_NE(fi->body.find("31.12.2028"), std::string::npos);
  EXPECT_EQ(fi->body.find("2027-01-01"), std::string::npos);
  EXPECT_NE(fi->body.find("1 jäsen, 1 varajäsen"), std::string::npos);
  EXPECT_NE(fi->body.find("4 kokousta vuodessa, 1,5 tuntia kokousta kohden"), std::string::npos);
  auto sv = Get("/networks/osaamisverkosto", "keha", "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_NE(sv->body.find("1.1.2027"), std::string::npos);
  EXPECT_NE(sv->body.find("1 medlem, 1 ersättare"), std::string::npos) << sv->body;
  EXPECT_EQ(sv->body.find("1 medlemmar"), std::string::npos);
  EXPECT_NE(sv->body.find("4 möten per år, 1,5 timmar per möte"), std::string::npos);
  auto en = Get("/networks/osaamisverkosto", "keha", "lang=en");
  ASSERT_TRUE(en);
  EXPECT_NE(en->body.find("1 January 2027"), std::string::npos);
  EXPECT_NE(en->body.find("1 member, 1 deputy"), std::string::npos) << en->body;
}

}  // namespace
}  // namespace verkosto::gateway
