// KEHA's networks (network_pages.cpp, network_edit_pages.cpp,
// matrix_pages.cpp): the network form, sending a request, comments, the matrix.
#include <gtest/gtest.h>
#include <httplib.h>

#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
using testing::FakeGatewayContext;
using testing::OpenNetwork;
using testing::RegisteredCase;
using testing::User;
using testing::WebPagesTest;

TEST_F(WebPagesTest, OpeningWithoutAnEndDateShowsTheErrorAtTheField) {
  ctx_.On<nw::OpenNetworkRequest, nw::NetworkResponse>(
      [](const Actor&, const nw::OpenNetworkRequest&, nw::NetworkResponse*) {
        return Status(ErrorCode::kInvalidArgument,
                      "term.end_date: an end date is required; "
                      "communication_plan.cadence: is required",
                      {{"term.end_date", "an end date is required"},
                       {"communication_plan.cadence", "is required"}});
      });
  ctx_.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
      [](const Actor&, const nw::GetNetworkRequest& req, nw::GetNetworkResponse* r) {
        *r->mutable_network() = OpenNetwork(req.network_code(), "Osaamisverkosto");
        r->mutable_network()->set_status(nw::NETWORK_STATUS_DRAFT);
        return Status::Ok();
      });
  auto res = Post("/networks/osaamisverkosto/open", "keha", {{"csrf_token", "token-keha1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string& html = res->body;
  EXPECT_NE(html.find(R"(class="error-summary")"), std::string::npos);
  EXPECT_NE(html.find(R"(<a href="#f-term-end_date">)"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(id="f-term-end_date-error")"), std::string::npos);
  EXPECT_NE(html.find(R"(aria-describedby="f-term-end_date-hint f-term-end_date-error")"),
            std::string::npos);
  EXPECT_NE(html.find(R"(<a href="#f-communication_plan-cadence">)"), std::string::npos);
  EXPECT_NE(html.find(R"(action="/networks/osaamisverkosto/edit")"), std::string::npos);
}

TEST_F(WebPagesTest, CreatingANetworkSendsTheFormAsADefinition) {
  nw::NetworkDefinition seen;
  ctx_.On<nw::CreateNetworkRequest, nw::NetworkResponse>(
      [&seen](const Actor& actor, const nw::CreateNetworkRequest& req, nw::NetworkResponse*) {
        EXPECT_EQ(actor.user_id, "keha1");
        seen = req.definition();
        return Status::Ok();
      });
  auto res = Post("/networks/new", "keha",
                  {{"csrf_token", "token-keha1"},
                   {"code", "uusi"},
                   {"names.fi", "Uusi verkosto"},
                   {"goals", "Yksi\r\nKaksi\r\n"},
                   {"term.start_date", "2027-01-01"},
                   {"cadence.meetings_per_year", "6"},
                   {"cadence.hours_per_meeting_tenths", "1,5"},
                   {"seats_per_area.members", "2"},
                   {"seats_per_area.deputies", "1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/networks/uusi?done=created");
  EXPECT_EQ(seen.code(), "uusi");
  ASSERT_EQ(seen.goals_size(), 2);
  EXPECT_EQ(seen.goals(1), "Kaksi");
  EXPECT_EQ(seen.cadence().hours_per_meeting_tenths(), 15U);
  EXPECT_EQ(seen.seats_per_area().members(), 2U);
  EXPECT_TRUE(seen.term().end_date().empty());
}

TEST_F(WebPagesTest, ANumberFieldThatIsNotANumberIsRefusedByThePage) {
  auto res =
      Post("/networks/new", "keha",
           {{"csrf_token", "token-keha1"}, {"code", "uusi"}, {"seats_per_area.members", "kaksi"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find(R"(id="f-seats_per_area-members-error")"), std::string::npos);
  EXPECT_FALSE(ctx_.Called("CreateNetworkRequest"));
}

TEST_F(WebPagesTest, SendingToAllAreasSendsTheEmptyList) {
  nm::SendRequestRequest seen;
  seen.add_area_codes("not called");
  ctx_.On<nm::SendRequestRequest, nm::SendRequestResponse>(
      [&seen](const Actor&, const nm::SendRequestRequest& req, nm::SendRequestResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto res = Post("/networks/osaamisverkosto/send", "keha",
                  {{"csrf_token", "token-keha1"},
                   {"all_areas", "1"},
                   {"area", "helsinki"},
                   {"seats.members", "1"},
                   {"seats.deputies", "1"},
                   {"deadline", "2027-02-01"},
                   {"covering_message", "Nimetkää jäsenet"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), "/networks/osaamisverkosto/matrix?done=sent");
  EXPECT_EQ(seen.area_codes_size(), 0);
  EXPECT_EQ(seen.covering_message(), "Nimetkää jäsenet");
  EXPECT_FALSE(ctx_.Called("GetNetworkRequest"));
  EXPECT_FALSE(ctx_.Called("ListAreasRequest"));

  // Without "all areas" the chosen ones go, and choosing none is refused by the page.
  auto some = Post("/networks/osaamisverkosto/send", "keha",
                   {{"csrf_token", "token-keha1"},
                    {"area", "helsinki"},
                    {"deadline", "2027-02-01"},
                    {"covering_message", "x"}});
  ASSERT_TRUE(some);
  EXPECT_EQ(some->status, 303);
  ASSERT_EQ(seen.area_codes_size(), 1);
  EXPECT_EQ(seen.area_codes(0), "helsinki");
}

// httplib alone refuses url-encoded bodies over 8 KiB with an empty 413; the
// pages read their forms themselves, up to kMaxRequestBodyBytes.

TEST_F(WebPagesTest, TheMatrixDownloadsAsCsv) {
  ctx_.On<nm::NetworkMatrixRequest, nm::NetworkMatrixResponse>(
      [](const Actor&, const nm::NetworkMatrixRequest&, nm::NetworkMatrixResponse* r) {
        r->set_csv("area_code,state\r\nhelsinki,approved\r\n");
        auto* row = r->add_rows();
        row->set_area_code("helsinki");
        row->set_area_name_fi("Helsingin työllisyysalue");
        *row->mutable_latest_case() = RegisteredCase("helsinki");
        return Status::Ok();
      });
  auto page = Get("/networks/osaamisverkosto/matrix", "keha");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Helsingin työllisyysalue"), std::string::npos);
  EXPECT_NE(page->body.find("Kirjattu"), std::string::npos);
  auto csv = Get("/networks/osaamisverkosto/matrix.csv", "keha");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->body, "area_code,state\r\nhelsinki,approved\r\n");
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
}

// The matrix names its network and each row's area from the reply: no list
// of every network or area.
TEST_F(WebPagesTest, TheMatrixNamesTheNetworkAndAreasFromTheReplyWithoutListingThem) {
  network_name_ = "Not the reply's name";  // what ListNetworks would answer
  ctx_.On<nm::NetworkMatrixRequest, nm::NetworkMatrixResponse>(
      [](const Actor&, const nm::NetworkMatrixRequest&, nm::NetworkMatrixResponse* r) {
        r->set_network_code("osaamisverkosto");
        r->set_network_name_fi(testing::kCaseNetworkFi);
        r->set_network_name_sv(testing::kCaseNetworkSv);
        nm::MatrixRow* row = r->add_rows();
        row->set_area_code("helsinki");
        row->set_area_name_fi(testing::CannedArea("helsinki").name_fi());
        row->set_area_name_sv(testing::CannedArea("helsinki").name_sv());
        *row->mutable_latest_case() = RegisteredCase("helsinki");
        *row->add_active_memberships() = testing::NamedMembership("helsinki", "Maija Meikäläinen");
        r->add_rows()->set_area_code("uusi-alue");  // not in the read model yet
        return Status::Ok();
      });
  for (const testing::NamesShown& lang : testing::HelsinkiNamesShown()) {
    ctx_.ForgetCalls();
    auto page = Get("/networks/osaamisverkosto/matrix", "keha", lang.cookie);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find(": " + lang.network + "</caption>"), std::string::npos) << page->body;
    EXPECT_NE(page->body.find(R"(<th scope="row">)" + lang.area + "</th>"), std::string::npos);
    EXPECT_NE(page->body.find(R"(<th scope="row">uusi-alue</th>)"), std::string::npos);
    EXPECT_NE(page->body.find("Maija Meikäläinen"), std::string::npos);
    EXPECT_EQ(page->body.find(network_name_), std::string::npos);
    EXPECT_EQ(ctx_.Calls("NetworkMatrixRequest"), 1u) << lang.cookie;
    EXPECT_EQ(ctx_.Calls("ListNetworksRequest"), 0u) << lang.cookie;
    EXPECT_EQ(ctx_.Calls("ListAreasRequest"), 0u) << lang.cookie;
  }
}

TEST_F(WebPagesTest, KehaWithdrawsAndExtendsFromTheMatrix) {
  std::string withdrawn;
  std::string extended;
  ctx_.On<nm::WithdrawCaseRequest, nm::CaseResponse>(
      [&withdrawn](const Actor&, const nm::WithdrawCaseRequest& req, nm::CaseResponse* r) {
        withdrawn = req.case_id() + ":" + req.reason();
        r->mutable_case_()->set_network_code("osaamisverkosto");
        return Status::Ok();
      });
  ctx_.On<nm::ExtendDeadlineRequest, nm::CaseResponse>(
      [&extended](const Actor&, const nm::ExtendDeadlineRequest& req, nm::CaseResponse* r) {
        extended = req.case_id() + ":" + req.deadline();
        r->mutable_case_()->set_network_code("osaamisverkosto");
        return Status::Ok();
      });
  auto w = Post("/cases/r-1/helsinki/withdraw", "keha",
                {{"csrf_token", "token-keha1"}, {"reason", "Lähetetty väärälle alueelle"}});
  ASSERT_TRUE(w);
  EXPECT_EQ(w->status, 303);
  EXPECT_EQ(w->get_header_value("Location"), "/networks/osaamisverkosto/matrix?done=withdraw");
  EXPECT_EQ(withdrawn, "r-1/helsinki:Lähetetty väärälle alueelle");
  auto e = Post("/cases/r-1/helsinki/extend", "keha",
                {{"csrf_token", "token-keha1"}, {"deadline", "2027-03-01"}});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 303);
  EXPECT_EQ(extended, "r-1/helsinki:2027-03-01");
  ctx_.On<nm::ExtendDeadlineRequest, nm::CaseResponse>(
      [](const Actor&, const nm::ExtendDeadlineRequest&, nm::CaseResponse*) {
        return Status::InvalidArgument("deadline", "is not a valid date");
      });
  ctx_.On<nm::GetCaseRequest, nm::CaseResponse>(
      [](const Actor&, const nm::GetCaseRequest&, nm::CaseResponse* r) {
        *r->mutable_case_() = RegisteredCase("helsinki");
        return Status::Ok();
      });
  // Not a date: the page refuses it, naming the field, and asks no service.
  ctx_.ForgetCalls();
  auto not_date = Post("/cases/r-1/helsinki/extend", "keha",
                       {{"csrf_token", "token-keha1"}, {"deadline", "huomenna"}});
  ASSERT_TRUE(not_date);
  EXPECT_EQ(not_date->status, 422);
  EXPECT_NE(not_date->body.find(R"(<a href="#f-ext-r-1-helsinki-deadline">Uusi määräaika: )"
                                "Päivämäärä ei kelpaa."),
            std::string::npos)
      << not_date->body;
  EXPECT_FALSE(ctx_.Called("ExtendDeadlineRequest"));
  // A date the service refuses: its refusal in the summary.
  auto refused = Post("/cases/r-1/helsinki/extend", "keha",
                      {{"csrf_token", "token-keha1"}, {"deadline", "2.3.2027"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find(R"(class="error-summary")"), std::string::npos);
  EXPECT_NE(refused->body.find("is not a valid date"), std::string::npos);
  auto clerk = Post("/cases/r-1/helsinki/withdraw", "clerk", {{"csrf_token", "token-clerk1"}});
  ASSERT_TRUE(clerk);
  EXPECT_EQ(clerk->status, 403);
}

void AnswerProposedNetworkWithAComment(FakeGatewayContext& ctx) {
  ctx.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
      [](const Actor&, const nw::GetNetworkRequest& req, nw::GetNetworkResponse* r) {
        *r->mutable_network() = OpenNetwork(req.network_code(), "Osaamisverkosto");
        r->mutable_network()->set_status(nw::NETWORK_STATUS_PROPOSED);
        nw::Comment* c = r->add_comments();
        c->set_network_code(req.network_code());
        c->set_area_code("helsinki");
        c->set_text("Kokouksia on liian monta.");
        c->set_author("dep-hel");
        c->set_author_name("Helena Varajohtaja");
        c->set_on_behalf_of("dir-hel");
        return Status::Ok();
      });
}

TEST_F(WebPagesTest, EveryoneSeesTheAreasCommentsAndOnlyDirectorsAndDeputiesGetTheForm) {
  AnswerProposedNetworkWithAComment(ctx_);
  RequestUser deputy = User("dep-kk", Role::kAreaDeputy, "kainuu-koillismaa");
  deputy.actor.on_behalf_of = "dir-kk";
  ctx_.AddUser("depkk", deputy);
  const std::string form = R"(action="/networks/osaamisverkosto/comments")";
  for (const char* session : {"keha", "clerk", "dirkk", "depkk"}) {
    auto res = Get("/networks/osaamisverkosto", session);
    ASSERT_TRUE(res) << session;
    EXPECT_EQ(res->status, 200) << session;
    EXPECT_NE(res->body.find("Alueiden kommentit"), std::string::npos) << session;
    EXPECT_NE(res->body.find("Kokouksia on liian monta."), std::string::npos) << session;
    EXPECT_NE(res->body.find("Helsingin työllisyysalue – Helena Varajohtaja"), std::string::npos)
        << session;
    const bool leader = std::string(session) == "dirkk" || std::string(session) == "depkk";
    EXPECT_EQ(res->body.find(form) != std::string::npos, leader) << session;
  }
  auto dir = Get("/networks/osaamisverkosto", "dirkk");
  ASSERT_TRUE(dir);
  EXPECT_NE(dir->body.find(R"(<label for="f-comment-text">Kommentti (pakollinen)</label>)"),
            std::string::npos)
      << dir->body;
  EXPECT_NE(dir->body.find(R"(<textarea id="f-comment-text" name="text")"), std::string::npos);
  EXPECT_NE(dir->body.find(R"(name="csrf_token" value="token-dir-kk")"), std::string::npos);
}

TEST_F(WebPagesTest, ADeputyCommentsForTheirOwnAreaOnTheDirectorsBehalf) {
  RequestUser deputy = User("dep-kk", Role::kAreaDeputy, "kainuu-koillismaa");
  deputy.actor.on_behalf_of = "dir-kk";
  ctx_.AddUser("depkk", deputy);
  nw::AddCommentRequest seen;
  Actor actor;
  ctx_.On<nw::AddCommentRequest, nw::AddCommentResponse>(
      [&seen, &actor](const Actor& a, const nw::AddCommentRequest& req, nw::AddCommentResponse*) {
        seen = req;
        actor = a;
        return Status::Ok();
      });
  auto res = Post("/networks/osaamisverkosto/comments", "depkk",
                  {{"csrf_token", "token-dep-kk"}, {"text", "Osallistumme mielellämme."}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/networks/osaamisverkosto?done=commented");
  EXPECT_EQ(seen.network_code(), "osaamisverkosto");
  EXPECT_EQ(seen.area_code(), "kainuu-koillismaa");
  EXPECT_EQ(seen.text(), "Osallistumme mielellämme.");
  EXPECT_EQ(actor.user_id, "dep-kk");
  EXPECT_EQ(actor.on_behalf_of, "dir-kk");
}

TEST_F(WebPagesTest, ARefusedCommentShowsTheErrorAtTheField) {
  AnswerProposedNetworkWithAComment(ctx_);
  ctx_.On<nw::AddCommentRequest, nw::AddCommentResponse>(
      [](const Actor&, const nw::AddCommentRequest&, nw::AddCommentResponse*) {
        return Status::InvalidArgument("text", "is empty");
      });
  auto res = Post("/networks/osaamisverkosto/comments", "dirkk",
                  {{"csrf_token", "token-dir-kk"}, {"text", "  "}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string& html = res->body;
  EXPECT_NE(html.find(R"(class="error-summary")"), std::string::npos);
  EXPECT_NE(html.find(R"(<a href="#f-comment-text">Kommentti: )"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(<p class="field-error" id="f-comment-text-error">)"), std::string::npos);
  EXPECT_NE(html.find(R"(aria-describedby="f-comment-text-hint f-comment-text-error")"),
            std::string::npos);
  EXPECT_NE(html.find(R"(aria-invalid="true")"), std::string::npos);
  EXPECT_NE(html.find("is empty"), std::string::npos);
  // The rest of the page is still there.
  EXPECT_NE(html.find("Kokouksia on liian monta."), std::string::npos);
}

TEST_F(WebPagesTest, ACommentWithoutTheCsrfTokenOrFromKehaCallsNoService) {
  auto res = Post("/networks/osaamisverkosto/comments", "dirkk", {{"text", "Hei"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  auto wrong =
      Post("/networks/osaamisverkosto/comments", "dirkk", {{"csrf_token", "x"}, {"text", "Hei"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  auto keha = Post("/networks/osaamisverkosto/comments", "keha",
                   {{"csrf_token", "token-keha1"}, {"text", "Hei"}});
  ASSERT_TRUE(keha);
  EXPECT_EQ(keha->status, 403);
  EXPECT_FALSE(ctx_.Called("AddCommentRequest"));
}

// Act 150/1930: the service warns about a deadline that is not a working
// day; the page carries the warning across the redirect and shows it, with
// the next working day, in the notice.
TEST_F(WebPagesTest, ADeadlineOnADayOffIsWarnedInTheNoticeAfterSendingAndExtending) {
  auto warn = [](nm::DeadlineWarning* w) {
    w->set_deadline("2026-06-19");
    w->set_next_working_day("2026-06-22");
    w->set_holiday("Midsummer Eve");
  };
  ctx_.On<nm::SendRequestRequest, nm::SendRequestResponse>(
      [&warn](const Actor&, const nm::SendRequestRequest&, nm::SendRequestResponse* r) {
        warn(r->mutable_deadline_warning());
        return Status::Ok();
      });
  ctx_.On<nm::ExtendDeadlineRequest, nm::CaseResponse>(
      [&warn](const Actor&, const nm::ExtendDeadlineRequest&, nm::CaseResponse* r) {
        r->mutable_case_()->set_network_code("osaamisverkosto");
        warn(r->mutable_deadline_warning());
        return Status::Ok();
      });
  auto sent = Post("/networks/osaamisverkosto/send", "keha",
                   {{"csrf_token", "token-keha1"},
                    {"area", "helsinki"},
                    {"seats.members", "1"},
                    {"seats.deputies", "0"},
                    {"deadline", "2026-06-19"},
                    {"covering_message", "Nimetkää jäsenet"}});
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->status, 303) << sent->body;
  EXPECT_EQ(sent->get_header_value("Location"),
            "/networks/osaamisverkosto/matrix?done=sent&deadline_warning=2026-06-19"
            "&next_working_day=2026-06-22");
  auto extended = Post("/cases/case-1/extend", "keha",
                       {{"csrf_token", "token-keha1"}, {"deadline", "2026-06-19"}});
  ASSERT_TRUE(extended);
  EXPECT_EQ(extended->status, 303);
  EXPECT_EQ(extended->get_header_value("Location"),
            "/networks/osaamisverkosto/matrix?done=extend&deadline_warning=2026-06-19"
            "&next_working_day=2026-06-22");

  ctx_.On<nm::NetworkMatrixRequest, nm::NetworkMatrixResponse>(
      [](const Actor&, const nm::NetworkMatrixRequest&, nm::NetworkMatrixResponse* r) {
        r->set_network_code("osaamisverkosto");
        return Status::Ok();
      });
  const std::string shown =
      "/networks/osaamisverkosto/matrix?done=sent&deadline_warning=2026-06-19"
      "&next_working_day=2026-06-22";
  auto fi = Get(shown, "keha");
  ASSERT_TRUE(fi);
  EXPECT_EQ(fi->status, 200);
  EXPECT_NE(fi->body.find(R"(<p class="notice" role="status">Nimityspyyntö lähetettiin. Huom.: )"
                          "määräaika 19.6.2026 ei ole työpäivä"),
            std::string::npos)
      << fi->body;
  EXPECT_NE(fi->body.find("seuraavaa työpäivää 22.6.2026"), std::string::npos);
  auto sv = Get(shown, "keha", "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_NE(sv->body.find("tidsfristen 19.6.2026 är inte en arbetsdag"), std::string::npos)
      << sv->body;
  EXPECT_NE(sv->body.find("följande arbetsdag 22.6.2026"), std::string::npos);
  // Only dates reach the page: anything else in the query shows no warning.
  auto odd =
      Get("/networks/osaamisverkosto/matrix?done=sent&deadline_warning=%3Cb%3E&next_working_day=x",
          "keha");
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->status, 200);
  EXPECT_EQ(odd->body.find("ei ole työpäivä"), std::string::npos);
  EXPECT_NE(odd->body.find("Nimityspyyntö lähetettiin."), std::string::npos);
}

}  // namespace
}  // namespace verkosto::gateway
