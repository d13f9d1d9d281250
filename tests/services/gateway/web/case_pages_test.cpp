// A case's page and its decision (case_pages.cpp): what the nominations
// service lets each user see and decide.
#include <gtest/gtest.h>
#include <httplib.h>

#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nm = ::verkosto::nominations::v1;
using testing::kKainuuDecides;
using testing::kKainuuSees;
using testing::RegisteredCase;
using testing::User;
using testing::WebPagesTest;

TEST_F(WebPagesTest, TheDirectorOfTheAreaCanDecideAndAnotherAreaCannotSeeTheCase) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  auto own = Get("/cases/case-1", "dirkk");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_NE(own->body.find(R"(action="/cases/case-1/approve")"), std::string::npos);
  EXPECT_NE(own->body.find(R"(name="nominees[1].email")"), std::string::npos);
  EXPECT_NE(own->body.find("KK/123/2027"), std::string::npos);

  auto other = Get("/cases/case-1", "dirhel");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  EXPECT_EQ(other->body.find("KK/123/2027"), std::string::npos);
  auto decide = Post("/cases/case-1/approve", "dirhel",
                     {{"csrf_token", "token-dir-hel"}, {"nominees[0].name", "X"}});
  ASSERT_TRUE(decide);
  EXPECT_EQ(decide->status, 404);
  EXPECT_FALSE(ctx_.Called("ApproveCaseRequest"));
}

TEST_F(WebPagesTest, TheDeputyDecidesOnTheDirectorsBehalfAndANomineeSeesNoCase) {
  RequestUser deputy = User("dep-kk", Role::kAreaDeputy, "kainuu-koillismaa");
  deputy.actor.on_behalf_of = "dir-kk";
  ctx_.AddUser("depkk", deputy);
  ctx_.AddUser("nominee", User("nom", Role::kNominee));
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  Actor seen;
  ctx_.On<nm::DeclineCaseRequest, nm::CaseResponse>(
      [&seen](const Actor& actor, const nm::DeclineCaseRequest& req, nm::CaseResponse*) {
        seen = actor;
        EXPECT_EQ(req.reason(), "Ei resursseja");
        return Status::Ok();
      });
  auto page = Get("/cases/case-1", "depkk");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("toimii johtajan puolesta: dir-kk"), std::string::npos);
  EXPECT_NE(page->body.find(R"(action="/cases/case-1/decline")"), std::string::npos);
  auto res = Post("/cases/case-1/decline", "depkk",
                  {{"csrf_token", "token-dep-kk"}, {"reason", "Ei resursseja"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/cases/case-1?done=declined");
  EXPECT_EQ(seen.user_id, "dep-kk");
  EXPECT_EQ(seen.on_behalf_of, "dir-kk");
  auto nominee = Get("/cases/case-1", "nominee");
  ASSERT_TRUE(nominee);
  EXPECT_EQ(nominee->status, 404);
}

// The page never recomputes who may see or decide a case: it shows the
// nominations service's answer, form or no form.
TEST_F(WebPagesTest, TheCasePageShowsWhatTheServiceDecides) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), {"dir-kk", "dir-hel"}, {"dir-hel"});
  auto own = Get("/cases/case-1", "dirkk");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_NE(own->body.find("KK/123/2027"), std::string::npos);
  EXPECT_EQ(own->body.find(R"(action="/cases/case-1/approve")"), std::string::npos)
      << "the service said the director may not decide it";
  auto other = Get("/cases/case-1", "dirhel");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200) << "the service lets this user see it";
  EXPECT_NE(other->body.find(R"(action="/cases/case-1/approve")"), std::string::npos);
}

// A page's error status is THE error table's (http/http_errors.h), as the
// API's: failed_precondition is 409 and deadline_exceeded 504, for a page and
// for a form that has no page of its own to show the refusal in.

TEST_F(WebPagesTest, ALongDeclineReasonReachesTheService) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  std::string seen;
  ctx_.On<nm::DeclineCaseRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::DeclineCaseRequest& req, nm::CaseResponse*) {
        seen = req.reason();
        return Status::Ok();
      });
  std::string reason;
  while (reason.size() < 9000) reason += "Ei resursseja & ei aikaa. ";
  reason.resize(9000);
  auto res =
      Post("/cases/case-1/decline", "dirkk", {{"csrf_token", "token-dir-kk"}, {"reason", reason}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(seen.size(), 9000u);
  EXPECT_TRUE(seen == reason);  // not printed: 9 000 characters
}

// The service refuses every approval with an error about the second nominee
// it was sent (nominees[1].email); the request it got goes to `seen`.
void RefuseTheSecondNomineesEmail(testing::FakeGatewayContext& ctx, nm::ApproveCaseRequest* seen) {
  ctx.On<nm::ApproveCaseRequest, nm::CaseResponse>(
      [seen](const Actor&, const nm::ApproveCaseRequest& req, nm::CaseResponse*) {
        *seen = req;
        return Status::InvalidArgument("nominees[1].email", "is not an e-mail address");
      });
}

TEST_F(WebPagesTest, ApprovalSendsTheFilledNomineeRows) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  nm::ApproveCaseRequest seen;
  RefuseTheSecondNomineesEmail(ctx_, &seen);
  auto res = Post("/cases/case-1/approve", "dirkk",
                  {{"csrf_token", "token-dir-kk"},
                   {"nominees[0].name", "Anna A"},
                   {"nominees[0].email", "anna@kajaani.fi"},
                   {"nominees[0].seat", "member"},
                   {"nominees[1].name", "Bertta B"},
                   {"nominees[1].email", "ei-osoite"},
                   {"nominees[1].seat", "deputy"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  ASSERT_EQ(seen.nominees_size(), 2);
  EXPECT_EQ(seen.nominees(1).seat(), nm::SEAT_KIND_DEPUTY);
  EXPECT_NE(res->body.find(R"(id="f-nominees[1]-email-error")"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find(R"(value="ei-osoite")"), std::string::npos);
}

// A blank row is not sent: the service's "nominees[1]" is then the form's
// third row, and its error must stand there, not beside the blank one.
TEST_F(WebPagesTest, AnErrorAboutANomineeStandsBesideItsRowWhenARowAboveIsBlank) {
  nm::Case three_rows = RegisteredCase("kainuu-koillismaa");
  three_rows.mutable_seats()->set_members(2);  // rows 0, 1 members; row 2 deputy
  ServeCase(three_rows, kKainuuSees, kKainuuDecides);
  nm::ApproveCaseRequest seen;
  RefuseTheSecondNomineesEmail(ctx_, &seen);
  auto res = Post("/cases/case-1/approve", "dirkk",
                  {{"csrf_token", "token-dir-kk"},
                   {"nominees[0].name", "Anna A"},
                   {"nominees[0].email", "anna@kajaani.fi"},
                   {"nominees[2].name", "Cecilia C"},
                   {"nominees[2].email", "ei-osoite"},
                   {"nominees[2].seat", "deputy"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  ASSERT_EQ(seen.nominees_size(), 2);
  EXPECT_EQ(seen.nominees(1).name(), "Cecilia C");
  EXPECT_NE(res->body.find(R"(id="f-nominees[2]-email-error")"), std::string::npos) << res->body;
  EXPECT_EQ(res->body.find(R"(id="f-nominees[1]-email-error")"), std::string::npos);
}

TEST_F(WebPagesTest, TheNomineesLanguageReachesTheApproval) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  auto form = Get("/cases/case-1", "dirkk");
  ASSERT_TRUE(form);
  EXPECT_NE(form->body.find(R"(<label for="f-nominees[0]-language">Viestien kieli</label>)"),
            std::string::npos)
      << form->body;
  EXPECT_NE(form->body.find(R"(<select id="f-nominees[1]-language" name="nominees[1].language")"),
            std::string::npos);
  EXPECT_NE(form->body.find(R"(<option value="sv">svenska</option>)"), std::string::npos);
  EXPECT_NE(form->body.find(R"(<option value="" selected>— (alueen kieli)</option>)"),
            std::string::npos);

  nm::ApproveCaseRequest seen;
  ctx_.On<nm::ApproveCaseRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::ApproveCaseRequest& req, nm::CaseResponse*) {
        seen = req;
        return Status::InvalidArgument("nominees[1].language", "must be fi, sv or en");
      });
  auto res = Post("/cases/case-1/approve", "dirkk",
                  {{"csrf_token", "token-dir-kk"},
                   {"nominees[0].name", "Anna A"},
                   {"nominees[0].language", "sv"},
                   {"nominees[1].name", "Bertta B"},
                   {"nominees[1].language", ""}});
  ASSERT_TRUE(res);
  ASSERT_EQ(seen.nominees_size(), 2);
  EXPECT_EQ(seen.nominees(0).language(), common::v1::LANGUAGE_SV);
  EXPECT_EQ(seen.nominees(1).language(), common::v1::LANGUAGE_UNSPECIFIED);
  // The service's refusal is shown at the nominee's language field, the choice kept.
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find(R"(id="f-nominees[1]-language-error")"), std::string::npos);
  EXPECT_NE(res->body.find(R"(<option value="sv" selected>svenska</option>)"), std::string::npos);

  // A language the form does not offer is refused by the page, at its field,
  // and nothing reaches the service.
  seen.Clear();
  auto forged = Post("/cases/case-1/approve", "dirkk",
                     {{"csrf_token", "token-dir-kk"},
                      {"nominees[0].name", "Anna A"},
                      {"nominees[0].language", "de"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 422);
  EXPECT_EQ(seen.nominees_size(), 0);
  EXPECT_NE(forged->body.find(R"(id="f-nominees[0]-language-error")"), std::string::npos);
}

// The case names its network and area (the nominations service sends the
// names with it): the director's desk and the case page, also when a refused
// decision shows it again, list no networks or areas to name one.
TEST_F(WebPagesTest, TheCasePagesNameTheNetworkAndAreaFromTheCaseWithoutListingThem) {
  network_name_ = "Not the case's name";  // what ListNetworks would answer
  const nm::Case c = RegisteredCase("helsinki");
  ctx_.On<nm::GetCaseRequest, nm::CaseResponse>(
      [c](const Actor&, const nm::GetCaseRequest&, nm::CaseResponse* r) {
        *r->mutable_case_() = c;
        r->set_may_decide(true);
        nm::Membership* m = r->add_memberships_started();
        m->set_area_code(c.area_code());
        m->mutable_person()->set_name("Maija Meikäläinen");
        return Status::Ok();
      });
  ctx_.On<nm::DirectorInboxRequest, nm::CaseListResponse>(
      [c](const Actor&, const nm::DirectorInboxRequest&, nm::CaseListResponse* r) {
        *r->add_cases() = c;
        return Status::Ok();
      });
  Refuse<nm::ApproveCaseRequest, nm::CaseResponse>(
      ctx_, Status::InvalidArgument("nominees[0].email", "is not an e-mail address"));
  for (const testing::NamesShown& lang : testing::HelsinkiNamesShown()) {
    ctx_.ForgetCalls();
    auto desk = Get("/director", "dirhel", lang.cookie);
    ASSERT_TRUE(desk);
    EXPECT_EQ(desk->status, 200);
    EXPECT_NE(desk->body.find(lang.network), std::string::npos) << desk->body;
    auto page = Get("/cases/case-1", "dirhel", lang.cookie);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("<dd>" + lang.network + "</dd>"), std::string::npos) << page->body;
    EXPECT_NE(page->body.find("<dd>" + lang.area + "</dd>"), std::string::npos);
    EXPECT_NE(page->body.find("Maija Meikäläinen"), std::string::npos);
    EXPECT_EQ(page->body.find(network_name_), std::string::npos);
    EXPECT_EQ(ctx_.Calls("ListNetworksRequest"), 0u) << lang.cookie;
    EXPECT_EQ(ctx_.Calls("ListAreasRequest"), 0u) << lang.cookie;
  }
  ctx_.ForgetCalls();
  auto refused = Post("/cases/case-1/approve", "dirhel",
                      {{"csrf_token", "token-dir-hel"}, {"nominees[0].name", "Anna A"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find("<dd>Helsingin työllisyysalue</dd>"), std::string::npos);
  EXPECT_EQ(ctx_.Calls("GetCaseRequest"), 1u);
  EXPECT_EQ(ctx_.Calls("ListNetworksRequest"), 0u);
  EXPECT_EQ(ctx_.Calls("ListAreasRequest"), 0u);

  // A case whose names the service does not know (yet) shows its codes.
  nm::Case unnamed = c;
  unnamed.clear_network_name_fi();
  unnamed.clear_network_name_sv();
  unnamed.clear_area_name_fi();
  unnamed.clear_area_name_sv();
  ServeCase(unnamed, {"dir-hel"}, {});
  auto codes = Get("/cases/case-1", "dirhel", "lang=sv");
  ASSERT_TRUE(codes);
  EXPECT_NE(codes->body.find("<dd>osaamisverkosto</dd>"), std::string::npos) << codes->body;
  EXPECT_NE(codes->body.find("<dd>helsinki</dd>"), std::string::npos);
}

// Issue 18, item 2: the case page tells the case's story from
// ListCaseHistory, in order, with who, role, on whose behalf, when and the
// diary numbers; KEHA's diary number is shown to the area too.
TEST_F(WebPagesTest, TheCasePageShowsTheCasesHistoryAndKehasDiaryNumber) {
  nm::Case c = RegisteredCase("helsinki");
  c.set_keha_diary_number("KEHA/12/2026");
  ServeCase(c, {"dir-hel"}, {});
  std::string asked;
  ctx_.On<nm::ListCaseHistoryRequest, nm::ListCaseHistoryResponse>(
      [&asked, c](const Actor&, const nm::ListCaseHistoryRequest& req,
                  nm::ListCaseHistoryResponse* r) {
        asked = req.case_id();
        nm::CaseAct* sent = r->add_acts();
        sent->set_kind("sent");
        sent->mutable_by()->set_name("Kaisa Keha");
        sent->mutable_by()->set_at_unix_us(1772438400000000);  // 2026-03-02 08:00 UTC
        sent->set_role(common::v1::ROLE_KEHA_COORDINATOR);
        sent->set_keha_diary_number("KEHA/12/2026");
        nm::CaseAct* decided = r->add_acts();
        decided->set_kind("approved");
        decided->mutable_by()->set_name("Ville Varajohtaja");
        decided->mutable_by()->set_on_behalf_of("dirhel");
        decided->mutable_by()->set_on_behalf_of_name("Helena Johtaja");
        decided->mutable_by()->set_at_unix_us(1772524800000000);
        decided->set_role(common::v1::ROLE_AREA_DEPUTY);
        decided->set_diary_number("HEL/1/2026");
        decided->add_names("Maija Meikäläinen");
        nm::CaseAct* confirmed = r->add_acts();
        confirmed->set_kind("confirmed");
        confirmed->mutable_by()->set_name("Ville Varajohtaja");
        confirmed->mutable_by()->set_at_unix_us(1772611200000000);
        confirmed->set_role(common::v1::ROLE_AREA_DEPUTY);
        confirmed->add_names("Maija Meikäläinen: confirm");
        confirmed->add_names("Olli Osallinen: end");
        return Status::Ok();
      });
  auto page = Get("/cases/" + c.case_id(), "dirhel");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(asked, c.case_id());
  const std::string& body = page->body;
  EXPECT_NE(body.find("<dd>KEHA/12/2026</dd>"), std::string::npos) << body;
  const size_t history = body.find(">Käsittelyhistoria</h2>");
  ASSERT_NE(history, std::string::npos) << body;
  EXPECT_NE(body.find("<caption>", history), std::string::npos);
  EXPECT_NE(body.find(R"(<th scope="col">)", history), std::string::npos);
  const size_t sent = body.find("Pyyntö lähetetty", history);
  const size_t approved = body.find("Hyväksytty", history);
  ASSERT_NE(sent, std::string::npos);
  ASSERT_NE(approved, std::string::npos);
  EXPECT_LT(sent, approved) << "oldest first";
  EXPECT_NE(body.find("2.3.2026 klo 10.00", history), std::string::npos);  // Helsinki time
  EXPECT_NE(body.find("Kaisa Keha (KEHA-koordinaattori)", history), std::string::npos) << body;
  // The page header names a deputy's director too, not the account id.
  RequestUser deputy = User("dep-hel", Role::kAreaDeputy, "helsinki");
  deputy.actor.on_behalf_of = "dir-hel";
  deputy.actor.on_behalf_of_name = "Helena Johtaja";
  ctx_.AddUser("dephel", deputy);
  auto as_deputy = Get("/cases/" + c.case_id(), "dephel");
  ASSERT_TRUE(as_deputy);
  EXPECT_NE(as_deputy->body.find("toimii johtajan puolesta: Helena Johtaja)"), std::string::npos)
      << as_deputy->body;
  // The director by name; the user id only where no name was stored.
  EXPECT_NE(body.find("Helena Johtaja", approved), std::string::npos) << body;
  EXPECT_NE(body.find("HEL/1/2026", approved), std::string::npos);
  EXPECT_NE(body.find("Maija Meikäläinen", approved), std::string::npos);
  // A confirmation's answers in the page's language, not the service's words.
  EXPECT_NE(
      body.find("Maija Meikäläinen: Vahvista jatko, Olli Osallinen: Päätä jäsenyys", approved),
      std::string::npos)
      << body;

  auto sv = Get("/cases/" + c.case_id(), "dirhel", "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_NE(sv->body.find(">Behandlingshistorik</h2>"), std::string::npos);
  EXPECT_NE(sv->body.find("På uppdrag av:"), std::string::npos);
  EXPECT_NE(sv->body.find("Olli Osallinen: Avsluta medlemskapet"), std::string::npos);
}

}  // namespace
}  // namespace verkosto::gateway
