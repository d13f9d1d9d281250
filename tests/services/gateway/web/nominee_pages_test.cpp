// A nominee's own pages (nominee_pages.cpp): memberships, contact, resigning.
#include <gtest/gtest.h>
#include <httplib.h>

#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nm = ::verkosto::nominations::v1;
using testing::User;
using testing::WebPagesTest;

TEST_F(WebPagesTest, ANomineeSeesTheirMembershipsCorrectsContactAndAsksToResign) {
  RequestUser nelli = User("nelli.nimitetty", Role::kNominee);
  nelli.actor.email = "nelli@hel.example.fi";
  ctx_.AddUser("nelli", nelli);
  ctx_.On<nm::ListMyMembershipsRequest, nm::ListMyMembershipsResponse>(
      [](const Actor&, const nm::ListMyMembershipsRequest&, nm::ListMyMembershipsResponse* r) {
        nm::MyMembership* m = r->add_memberships();
        m->mutable_membership()->set_membership_id("r-0123456789ab.helsinki.1");
        m->mutable_membership()->set_network_code("osaamisverkosto");
        m->mutable_membership()->set_diary_number("HEL/843/2026");
        m->mutable_membership()->mutable_decided()->set_name("Johanna Johtaja");
        m->mutable_membership()->mutable_person()->set_title("Asiantuntija");
        m->mutable_membership()->mutable_person()->set_email("nelli@hel.example.fi");
        m->mutable_membership()->mutable_person()->set_seat(nm::SEAT_KIND_MEMBER);
        m->set_network_name_fi("Osaamisverkosto");
        m->set_network_name_sv("Kompetensnätverket");
        m->set_term_start("2026-03-01");
        m->set_term_end("2026-12-31");
        m->add_goals("Jakaa hyviä käytäntöjä");
        return Status::Ok();
      });
  for (const auto& [lang, heading] : std::vector<std::pair<std::string, std::string>>{
           {"fi", "Omat jäsenyydet"}, {"sv", "Mina medlemskap"}, {"en", "My memberships"}}) {
    auto page = Get("/me/memberships", "nelli", "lang=" + lang);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200) << lang;
    EXPECT_NE(page->body.find(heading), std::string::npos) << lang;
    EXPECT_NE(page->body.find("HEL/843/2026"), std::string::npos) << lang;
    EXPECT_NE(page->body.find("Johanna Johtaja"), std::string::npos) << lang;
    EXPECT_NE(page->body.find("Jakaa hyviä käytäntöjä"), std::string::npos) << lang;
    // The term's end in the page's language (docs/web.md, "Formats").
    EXPECT_NE(page->body.find(lang == "en" ? "31 December 2026" : "31.12.2026"), std::string::npos)
        << lang;
    EXPECT_NE(page->body.find(R"(href="/me/memberships" aria-current="page")"), std::string::npos)
        << lang;
    EXPECT_NE(page->body.find(R"(<label for="f-contactemail")"), std::string::npos) << lang;
  }
  EXPECT_NE(Get("/me/memberships", "nelli", "lang=sv")->body.find("Kompetensnätverket"),
            std::string::npos);

  // A bad e-mail: the service's error shows at the field, the account is untouched.
  ctx_.On<nm::CorrectMyContactRequest, nm::CorrectMyContactResponse>(
      [](const Actor&, const nm::CorrectMyContactRequest& req, nm::CorrectMyContactResponse*) {
        if (req.email() == "huono") return Status::InvalidArgument("email", "not an address");
        return Status::Ok();
      });
  std::vector<std::string> accounts;
  ctx_.On<v1::SetOwnEmailRequest, v1::SetOwnEmailResponse>(
      [&accounts](const Actor& actor, const v1::SetOwnEmailRequest& req, v1::SetOwnEmailResponse*) {
        accounts.push_back(actor.user_id + ":" + req.email());
        return Status::Ok();
      });
  auto bad = Post("/me/contact", "nelli",
                  {{"csrf_token", "token-nelli.nimitetty"}, {"email", "huono"}, {"title", ""}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find(R"(id="f-contactemail-error")"), std::string::npos) << bad->body;
  EXPECT_NE(bad->body.find(R"(aria-invalid="true")"), std::string::npos);
  EXPECT_TRUE(accounts.empty());
  auto good = Post("/me/contact", "nelli",
                   {{"csrf_token", "token-nelli.nimitetty"},
                    {"email", "nelli.uusi@hel.example.fi"},
                    {"title", "Kehittämispäällikkö"},
                    {"language", "sv"}});
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 303);
  EXPECT_EQ(good->get_header_value("Location"), "/me/memberships?done=contact");
  EXPECT_EQ(accounts, std::vector<std::string>{"nelli.nimitetty:nelli.uusi@hel.example.fi"});

  // Asking to resign: a blank reason is refused by the page, a reason is sent.
  std::string asked;
  ctx_.On<nm::RequestResignationRequest, nm::ResignationRequestResponse>(
      [&asked](const Actor&, const nm::RequestResignationRequest& req,
               nm::ResignationRequestResponse*) {
        asked = req.membership_id() + ":" + req.reason();
        return Status::Ok();
      });
  auto blank = Post("/me/memberships/r-0123456789ab.helsinki.1/resign", "nelli",
                    {{"csrf_token", "token-nelli.nimitetty"}, {"reason", " "}});
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->status, 422);
  EXPECT_TRUE(asked.empty());
  auto sent = Post("/me/memberships/r-0123456789ab.helsinki.1/resign", "nelli",
                   {{"csrf_token", "token-nelli.nimitetty"}, {"reason", "Uusi työ"}});
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->status, 303);
  EXPECT_EQ(asked, "r-0123456789ab.helsinki.1:Uusi työ");

  // Another role does not get the page.
  ctx_.AddUser("observer", User("obs", Role::kObserver));
  EXPECT_EQ(Get("/me/memberships", "observer")->status, 403);
}

}  // namespace
}  // namespace verkosto::gateway
