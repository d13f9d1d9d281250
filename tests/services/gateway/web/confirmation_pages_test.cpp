// Renewal and confirmation requests on the pages (confirmation_pages.cpp,
// issue 17 item 3): KEHA's renewal form and confirmation requests, and the
// leadership's answer per sitting member on a confirmation case.
#include <gtest/gtest.h>
#include <httplib.h>

#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
using testing::kKainuuDecides;
using testing::kKainuuSees;
using testing::OpenNetwork;
using testing::RegisteredCase;
using testing::WebPagesTest;

class ConfirmationPagesTest : public WebPagesTest {
 protected:
  // osaamisverkosto, open; renewed for 2029-2030 when `renewed`.
  void ServeNetwork(bool renewed) {
    ctx_.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
        [renewed](const Actor&, const nw::GetNetworkRequest&, nw::GetNetworkResponse* r) {
          *r->mutable_network() = OpenNetwork("osaamisverkosto", "Osaamisverkosto");
          if (renewed) {
            nw::NetworkDefinition next = r->network().definition();
            next.mutable_term()->set_start_date("2029-01-01");
            next.mutable_term()->set_end_date("2030-12-31");
            *r->mutable_network()->mutable_next_term() = next;
          }
          return Status::Ok();
        });
  }
  // Kainuu's registered confirmation case "case-1" with Maija and Matti sitting.
  void ServeConfirmationCase() {
    nm::Case c = RegisteredCase("kainuu-koillismaa");
    c.set_kind(nm::CASE_KIND_CONFIRMATION);
    c.set_next_term_start("2029-01-01");
    c.set_next_term_end("2030-12-31");
    nm::SittingMember* maija = c.add_sitting();
    maija->set_membership_id("r-1.kainuu-koillismaa.1");
    maija->set_name("Maija Meikäläinen");
    maija->set_title("Palvelupäällikkö");
    maija->set_seat(nm::SEAT_KIND_MEMBER);
    nm::SittingMember* matti = c.add_sitting();
    matti->set_membership_id("r-1.kainuu-koillismaa.2");
    matti->set_name("Matti Virtanen");
    matti->set_title("Asiantuntija");
    matti->set_seat(nm::SEAT_KIND_DEPUTY);
    ServeCase(c, kKainuuSees, kKainuuDecides);
  }
};

TEST_F(ConfirmationPagesTest, KehaRenewsAnOpenNetworkThenSendsConfirmationRequests) {
  ServeNetwork(false);
  auto page = Get("/networks/osaamisverkosto", "keha");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find(R"(href="/networks/osaamisverkosto/renew")"), std::string::npos)
      << page->body;
  EXPECT_EQ(page->body.find(R"(action="/networks/osaamisverkosto/confirmations")"),
            std::string::npos);
  // The renewal form shows the current definition to review, with a reason.
  auto form = Get("/networks/osaamisverkosto/renew", "keha");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 200) << form->body;
  EXPECT_NE(form->body.find("Uudista toimikausi"), std::string::npos);
  EXPECT_NE(form->body.find(R"(value="31.12.2028")"), std::string::npos) << "prefilled";
  EXPECT_NE(form->body.find(R"(name="reason")"), std::string::npos);
  EXPECT_EQ(Get("/networks/osaamisverkosto/renew", "dirkk")->status, 403);

  nw::RenewNetworkRequest seen;
  ctx_.On<nw::RenewNetworkRequest, nw::NetworkResponse>(
      [&seen](const Actor&, const nw::RenewNetworkRequest& req, nw::NetworkResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto renewed = Post("/networks/osaamisverkosto/renew", "keha",
                      {{"csrf_token", "token-keha1"},
                       {"names.fi", "Osaamisverkosto"},
                       {"names.sv", "Kompetensnätverket"},
                       {"kind", "network"},
                       {"owner", "KEHA-keskus"},
                       {"goals", "Jakaa hyviä käytäntöjä"},
                       {"term.start_date", "2029-01-01"},
                       {"term.end_date", "2030-12-31"},
                       {"reason", "Toimikausi jatkuu"}});
  ASSERT_TRUE(renewed);
  EXPECT_EQ(renewed->status, 303) << renewed->body;
  EXPECT_EQ(renewed->get_header_value("Location"), "/networks/osaamisverkosto?done=renewed");
  EXPECT_EQ(seen.definition().code(), "osaamisverkosto");
  EXPECT_EQ(seen.definition().term().start_date(), "2029-01-01");
  EXPECT_EQ(seen.reason(), "Toimikausi jatkuu");

  // Refused: the error names the field on the form again.
  testing::Refuse<nw::RenewNetworkRequest, nw::NetworkResponse>(
      ctx_, Status::InvalidArgument("term.start_date", "the new term must start after 2028-12-31"));
  auto refused = Post("/networks/osaamisverkosto/renew", "keha",
                      {{"csrf_token", "token-keha1"}, {"term.start_date", "2028-06-01"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find("must start after 2028-12-31"), std::string::npos) << refused->body;
  EXPECT_NE(refused->body.find(R"(aria-invalid="true")"), std::string::npos);
}

TEST_F(ConfirmationPagesTest, AfterRenewalKehaSendsConfirmationRequestsWithADeadline) {
  ServeNetwork(true);
  auto page = Get("/networks/osaamisverkosto", "keha");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find(R"(action="/networks/osaamisverkosto/confirmations")"),
            std::string::npos)
      << page->body;
  EXPECT_NE(page->body.find("1.1.2029"), std::string::npos);
  EXPECT_EQ(page->body.find(R"(href="/networks/osaamisverkosto/renew")"), std::string::npos);
  // A blank deadline is named before the service is asked.
  auto blank =
      Post("/networks/osaamisverkosto/confirmations", "keha", {{"csrf_token", "token-keha1"}});
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->status, 422);
  EXPECT_FALSE(ctx_.Called("SendConfirmationRequestsRequest"));
  nm::SendConfirmationRequestsRequest seen;
  ctx_.On<nm::SendConfirmationRequestsRequest, nm::SendRequestResponse>(
      [&seen](const Actor&, const nm::SendConfirmationRequestsRequest& req,
              nm::SendRequestResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto sent = Post("/networks/osaamisverkosto/confirmations", "keha",
                   {{"csrf_token", "token-keha1"}, {"deadline", "2028-10-31"}});
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->status, 303) << sent->body;
  EXPECT_EQ(sent->get_header_value("Location"),
            "/networks/osaamisverkosto/matrix?done=confirmations");
  EXPECT_EQ(seen.network_code(), "osaamisverkosto");
  EXPECT_EQ(seen.deadline(), "2028-10-31");
}

TEST_F(ConfirmationPagesTest, TheDirectorAnswersEachSittingMemberInARadioGroup) {
  ServeConfirmationCase();
  auto page = Get("/cases/case-1", "dirkk");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200) << page->body;
  EXPECT_NE(page->body.find(R"(action="/cases/case-1/confirmation")"), std::string::npos);
  EXPECT_EQ(page->body.find(R"(action="/cases/case-1/approve")"), std::string::npos)
      << "no approve or decline for a confirmation";
  EXPECT_EQ(page->body.find(R"(action="/cases/case-1/decline")"), std::string::npos);
  EXPECT_NE(page->body.find("<legend>Maija Meikäläinen, Palvelupäällikkö"), std::string::npos);
  EXPECT_NE(page->body.find(R"(name="answers[r-1.kainuu-koillismaa.2].choice" value="replace")"),
            std::string::npos)
      << page->body;
  // KEHA sees the sitting members, not the form.
  auto keha = Get("/cases/case-1", "keha");
  ASSERT_TRUE(keha);
  EXPECT_NE(keha->body.find("Matti Virtanen"), std::string::npos);
  EXPECT_EQ(keha->body.find(R"(action="/cases/case-1/confirmation")"), std::string::npos);

  nm::DecideConfirmationRequest seen;
  ctx_.On<nm::DecideConfirmationRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::DecideConfirmationRequest& req, nm::CaseResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto decided = Post("/cases/case-1/confirmation", "dirkk",
                      {{"csrf_token", "token-dir-kk"},
                       {"answers[r-1.kainuu-koillismaa.1].choice", "confirm"},
                       {"answers[r-1.kainuu-koillismaa.2].choice", "replace"},
                       {"answers[r-1.kainuu-koillismaa.2].successor.name", "Eino Esimerkki"},
                       {"answers[r-1.kainuu-koillismaa.2].successor.title", "Asiantuntija"},
                       {"answers[r-1.kainuu-koillismaa.2].successor.email", "eino@kajaani.fi"},
                       {"answers[r-1.kainuu-koillismaa.2].successor.municipality", "Kajaani"},
                       {"answers[r-1.kainuu-koillismaa.2].successor.gender", "woman"}});
  ASSERT_TRUE(decided);
  EXPECT_EQ(decided->status, 303) << decided->body;
  EXPECT_EQ(decided->get_header_value("Location"), "/cases/case-1?done=confirmed");
  ASSERT_EQ(seen.answers_size(), 2);
  EXPECT_EQ(seen.answers(0).choice(), nm::CONFIRMATION_CHOICE_CONFIRM);
  EXPECT_EQ(seen.answers(1).choice(), nm::CONFIRMATION_CHOICE_REPLACE);
  EXPECT_EQ(seen.answers(1).successor().name(), "Eino Esimerkki");
  EXPECT_EQ(seen.answers(1).successor().seat(), nm::SEAT_KIND_DEPUTY) << "Matti's seat";
  EXPECT_EQ(seen.answers(1).successor().gender(), nm::GENDER_WOMAN);
  EXPECT_NE(page->body.find(R"(name="answers[r-1.kainuu-koillismaa.2].successor.gender")"),
            std::string::npos)
      << "the successor's gender is asked";
}

TEST_F(ConfirmationPagesTest, AnUnansweredMemberIsNamedAtTheMembersRow) {
  ServeConfirmationCase();
  testing::Refuse<nm::DecideConfirmationRequest, nm::CaseResponse>(
      ctx_, Status::InvalidArgument("answers[r-1.kainuu-koillismaa.2].reason", "is required"));
  auto refused = Post("/cases/case-1/confirmation", "dirkk",
                      {{"csrf_token", "token-dir-kk"},
                       {"answers[r-1.kainuu-koillismaa.1].choice", "confirm"},
                       {"answers[r-1.kainuu-koillismaa.2].choice", "end"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find(R"(aria-invalid="true")"), std::string::npos) << refused->body;
  // The choices made stay chosen.
  EXPECT_NE(refused->body.find(R"(value="end" checked)"), std::string::npos);
}

}  // namespace
}  // namespace verkosto::gateway
