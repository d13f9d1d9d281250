// The registry clerk's pages (registry_pages.cpp).
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>
#include <utility>
#include <vector>

#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nm = ::verkosto::nominations::v1;
using testing::WebPagesTest;

TEST_F(WebPagesTest, TheClerkLogsARequestThatCameByLetterForTheirOwnArea) {
  nm::LogIncomingRequestRequest seen;
  ctx_.On<nm::LogIncomingRequestRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::LogIncomingRequestRequest& req, nm::CaseResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto res = Post("/registry/log", "clerk",
                  {{"csrf_token", "token-clerk1"},
                   {"network_code", "osaamisverkosto"},
                   {"channel", "letter"},
                   {"sender", "KEHA-keskus"},
                   {"subject", "Jäsenpyyntö"},
                   {"date_received", "2027-01-05"},
                   {"diary_number", "HEL/7/2027"},
                   {"organisation", "Helsingin kaupunki"},
                   {"seats.members", "1"},
                   {"seats.deputies", "0"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(seen.area_code(), "helsinki");
  EXPECT_EQ(seen.channel(), nm::CHANNEL_LETTER);
  EXPECT_EQ(seen.diary_number(), "HEL/7/2027");
  EXPECT_EQ(seen.seats().members(), 1U);
}

// The service names the first missing field it finds; the page names them all.
TEST_F(WebPagesTest, LoggingARequestNamesEveryMissingField) {
  auto res = Post("/registry/log", "clerk",
                  {{"csrf_token", "token-clerk1"},
                   {"network_code", "osaamisverkosto"},
                   {"channel", "email"},
                   {"sender", " "},
                   {"subject", ""},
                   {"date_received", "2027-01-05"},
                   {"diary_number", ""},
                   {"organisation", ""},
                   {"seats.members", "1"},
                   {"seats.deputies", "0"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  for (const char* field : {"sender", "subject", "diary_number", "organisation"}) {
    const std::string id = std::string("f-") + field;
    EXPECT_NE(res->body.find(R"(<p class="field-error" id=")" + id + R"(-error">)"),
              std::string::npos)
        << field << "\n"
        << res->body;
    EXPECT_NE(res->body.find(R"(<a href="#)" + id + R"(">)"), std::string::npos) << field;
  }
  for (const char* filled : {"network_code", "channel", "date_received"}) {
    EXPECT_EQ(res->body.find(std::string("f-") + filled + "-error"), std::string::npos) << filled;
  }
  EXPECT_FALSE(ctx_.Called("LogIncomingRequestRequest"));  // the page refused it already

  // The same for the register form of a case in the registry's inbox.
  ctx_.On<nm::RegistryInboxRequest, nm::CaseListResponse>(
      [](const Actor&, const nm::RegistryInboxRequest&, nm::CaseListResponse* r) {
        r->add_cases()->set_case_id("r-1/helsinki");
        return Status::Ok();
      });
  auto reg = Post("/cases/r-1/helsinki/register", "clerk",
                  {{"csrf_token", "token-clerk1"},
                   {"diary_number", ""},
                   {"date_received", "2027-01-05"},
                   {"organisation", ""}});
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->status, 422);
  EXPECT_NE(reg->body.find(R"(<a href="#f-r-1-helsinki-diary_number">)"), std::string::npos)
      << reg->body;
  EXPECT_NE(reg->body.find(R"(<a href="#f-r-1-helsinki-organisation">)"), std::string::npos);
  EXPECT_NE(reg->body.find(R"(id="f-r-1-helsinki-organisation-error")"), std::string::npos);
  EXPECT_FALSE(ctx_.Called("RegisterCaseRequest"));
}

// The registration forms propose today's date in Helsinki on the services'
// clock: 22:30 UTC on 4 December is already 5 December in Finland.
TEST_F(WebPagesTest, RegistrationFormsProposeTodayInHelsinki) {
  ctx_.clock().Set(FromMicros(1796423400LL * 1000000));  // 2026-12-04T22:30:00Z
  ctx_.On<nm::RegistryInboxRequest, nm::CaseListResponse>(
      [](const Actor&, const nm::RegistryInboxRequest&, nm::CaseListResponse* r) {
        auto* c = r->add_cases();
        c->set_case_id("r-1.helsinki");
        c->set_network_code("osaamisverkosto");
        c->set_area_code("helsinki");
        return Status::Ok();
      });
  for (const std::string path : {"/registry", "/registry/log"}) {
    auto res = Get(path, "clerk");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << path;
    // Shown as the user types it, d.m.yyyy (docs/web.md, "Formats").
    EXPECT_NE(res->body.find(R"(value="5.12.2026")"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("4.12.2026"), std::string::npos) << path;
  }
}

TEST_F(WebPagesTest, TheJournalCsvDefusesFormulas) {
  ctx_.On<nm::RegistryJournalRequest, nm::CaseListResponse>(
      [](const Actor&, const nm::RegistryJournalRequest& req, nm::CaseListResponse* r) {
        EXPECT_EQ(req.search(), "HEL");
        nm::Case* c = r->add_cases();
        c->set_case_id("r-1/helsinki");
        c->set_network_code("osaamisverkosto");
        c->set_state(nm::CASE_STATE_REGISTERED);
        c->mutable_registration()->set_diary_number("HEL/1");
        c->mutable_registration()->set_sender("=HYPERLINK(\"x\")");
        c->mutable_registration()->set_channel(nm::CHANNEL_EMAIL);
        return Status::Ok();
      });
  auto csv = Get("/registry/journal.csv?q=HEL", "clerk");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body,
            "diary_number,date_received,network_code,channel,sender,subject,state,case_id\r\n"
            "HEL/1,,osaamisverkosto,email,\"'=HYPERLINK(\"\"x\"\")\",,registered,r-1/helsinki\r\n");
}

// The registry's inbox and journal name each case's network from the case
// (the nominations service sends the names with it), listing no networks.
TEST_F(WebPagesTest, TheRegistryPagesNameTheNetworkFromTheCase) {
  network_name_ = "Not the case's name";  // what ListNetworks would answer
  nm::Case c = testing::RegisteredCase("helsinki");
  c.mutable_registration()->set_diary_number("HEL/9/2027");
  ctx_.On<nm::RegistryInboxRequest, nm::CaseListResponse>(
      [c](const Actor&, const nm::RegistryInboxRequest&, nm::CaseListResponse* r) {
        *r->add_cases() = c;
        return Status::Ok();
      });
  ctx_.On<nm::RegistryJournalRequest, nm::CaseListResponse>(
      [c](const Actor&, const nm::RegistryJournalRequest&, nm::CaseListResponse* r) {
        *r->add_cases() = c;
        return Status::Ok();
      });
  for (const auto& [cookie, name] : std::vector<std::pair<std::string, std::string>>{
           {"", testing::kCaseNetworkFi}, {"lang=sv", testing::kCaseNetworkSv}}) {
    for (const std::string path : {"/registry", "/registry/journal"}) {
      ctx_.ForgetCalls();
      auto res = Get(path, "clerk", cookie);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 200) << path;
      EXPECT_NE(res->body.find(name), std::string::npos) << path << "\n" << res->body;
      EXPECT_EQ(res->body.find(network_name_), std::string::npos) << path;
      EXPECT_EQ(ctx_.Calls("ListNetworksRequest"), 0u) << path;
    }
  }
}

}  // namespace
}  // namespace verkosto::gateway
