// One membership's page (membership_pages.cpp) and KEHA's record of an answer
// received on paper (case_pages.cpp): issue 17, items 4 and 6.
#include <gtest/gtest.h>
#include <httplib.h>

#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nm = ::verkosto::nominations::v1;
using testing::kKainuuDecides;
using testing::kKainuuSees;
using testing::NamedMembership;
using testing::RegisteredCase;
using testing::WebPagesTest;

class MembershipPagesTest : public WebPagesTest {
 protected:
  // Case "case-1" of Kainuu, approved, with Maija's membership "case-1.1".
  void ServeApprovedCase() {
    nm::Case c = RegisteredCase("kainuu-koillismaa");
    c.set_state(nm::CASE_STATE_APPROVED);
    nm::Membership m = NamedMembership("kainuu-koillismaa", "Maija Meikäläinen");
    m.set_membership_id("case-1.1");
    m.set_case_id("case-1");
    m.set_area_code("kainuu-koillismaa");
    m.set_started("2027-01-10");
    ctx_.On<nm::GetCaseRequest, nm::CaseResponse>(
        [c, m](const Actor& actor, const nm::GetCaseRequest& req, nm::CaseResponse* r) {
          if (!kKainuuSees.count(actor.user_id) || req.case_id() != "case-1") {
            return Status::NotFound("no case " + req.case_id());
          }
          *r->mutable_case_() = c;
          *r->add_memberships_started() = m;
          return Status::Ok();
        });
  }
};

TEST_F(MembershipPagesTest, TheDirectorSeesReplaceAndRecallFormsForTheAreasMember) {
  ServeApprovedCase();
  auto res = Get("/memberships/case-1.1", "dirkk");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_NE(res->body.find("Maija Meikäläinen"), std::string::npos);
  EXPECT_NE(res->body.find(R"(action="/memberships/case-1.1/replace")"), std::string::npos);
  EXPECT_NE(res->body.find(R"(action="/memberships/case-1.1/recall")"), std::string::npos);
  EXPECT_NE(res->body.find(R"(<label for="f-replace-successor-name")"), std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find(R"(<label for="f-recall-reason")"), std::string::npos);
  EXPECT_EQ(res->body.find(R"(action="/memberships/case-1.1/replacement")"), std::string::npos);

  // KEHA asks for a successor instead; another area sees nothing.
  auto keha = Get("/memberships/case-1.1", "keha");
  ASSERT_TRUE(keha);
  EXPECT_EQ(keha->status, 200);
  EXPECT_NE(keha->body.find(R"(action="/memberships/case-1.1/replacement")"), std::string::npos);
  EXPECT_EQ(keha->body.find(R"(action="/memberships/case-1.1/replace")"), std::string::npos);
  auto other = Get("/memberships/case-1.1", "dirhel");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
}

TEST_F(MembershipPagesTest, TheReplacementReachesTheServiceAndOpensTheSuccessor) {
  ServeApprovedCase();
  nm::ReplaceMemberRequest seen;
  ctx_.On<nm::ReplaceMemberRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::ReplaceMemberRequest& req, nm::CaseResponse* r) {
        seen = req;
        r->add_memberships_started()->set_membership_id("r-2.kainuu-koillismaa.1");
        return Status::Ok();
      });
  auto res = Post("/memberships/case-1.1/replace", "dirkk",
                  {{"csrf_token", "token-dir-kk"},
                   {"successor.name", "Eino Esimerkki"},
                   {"successor.title", "Asiantuntija"},
                   {"successor.email", "eino@kajaani.fi"},
                   {"successor.municipality", "Kajaani"},
                   {"successor.language", "sv"},
                   {"successor.gender", "man"},
                   {"reason", "Maija siirtyi muihin tehtäviin"},
                   {"diary_number", "KK/900/2027"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"),
            "/memberships/r-2.kainuu-koillismaa.1?done=member_replace");
  EXPECT_EQ(seen.membership_id(), "case-1.1");
  EXPECT_EQ(seen.successor().name(), "Eino Esimerkki");
  EXPECT_EQ(seen.successor().seat(), nm::SEAT_KIND_MEMBER);  // the replaced member's seat
  EXPECT_EQ(seen.successor().language(), common::v1::LANGUAGE_SV);
  EXPECT_EQ(seen.successor().gender(), nm::GENDER_MAN);
  EXPECT_EQ(seen.diary_number(), "KK/900/2027");
}

TEST_F(MembershipPagesTest, TheReplaceFormAsksTheSuccessorsGenderAndRefusesAnUnofferedOne) {
  ServeApprovedCase();
  auto page = Get("/memberships/case-1.1", "dirkk");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find(R"(<select id="f-replace-successor-gender" name="successor.gender")"),
            std::string::npos)
      << page->body;
  EXPECT_NE(page->body.find(R"(<option value="woman")"), std::string::npos);
  auto odd = Post("/memberships/case-1.1/replace", "dirkk",
                  {{"csrf_token", "token-dir-kk"},
                   {"successor.name", "Eino Esimerkki"},
                   {"successor.title", "Asiantuntija"},
                   {"successor.email", "eino@kajaani.fi"},
                   {"successor.municipality", "Kajaani"},
                   {"successor.gender", "other"},
                   {"reason", "Vaihto"},
                   {"diary_number", "KK/901/2027"}});
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->status, 422);
  EXPECT_NE(odd->body.find(R"(id="f-replace-successor-gender-error")"), std::string::npos)
      << odd->body;
  EXPECT_FALSE(ctx_.Called("ReplaceMemberRequest"));
}

TEST_F(MembershipPagesTest, ARefusalNamesTheFieldAndAnEmptyFormIsNotSent) {
  ServeApprovedCase();
  testing::Refuse<nm::RecallMemberRequest, nm::MembershipResponse>(
      ctx_, Status::FailedPrecondition("membership case-1.1 has already ended"));
  auto blank = Post("/memberships/case-1.1/recall", "dirkk", {{"csrf_token", "token-dir-kk"}});
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->status, 422);
  EXPECT_NE(blank->body.find(R"(href="#f-recall-reason")"), std::string::npos) << blank->body;
  EXPECT_FALSE(ctx_.Called("RecallMemberRequest"));
  auto refused = Post("/memberships/case-1.1/recall", "dirkk",
                      {{"csrf_token", "token-dir-kk"}, {"reason", "Tehtävä lakkautettiin"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_TRUE(ctx_.Called("RecallMemberRequest"));
  EXPECT_NE(refused->body.find("has already ended"), std::string::npos) << refused->body;

  testing::Refuse<nm::ReplaceMemberRequest, nm::CaseResponse>(
      ctx_, Status::AlreadyExists("diary_number", "diary number 'KK/1' is already used"));
  auto taken = Post("/memberships/case-1.1/replace", "dirkk",
                    {{"csrf_token", "token-dir-kk"},
                     {"successor.name", "Eino Esimerkki"},
                     {"successor.title", "Asiantuntija"},
                     {"successor.email", "eino@kajaani.fi"},
                     {"successor.municipality", "Kajaani"},
                     {"reason", "Vaihto"},
                     {"diary_number", "KK/1"}});
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status, 422);
  EXPECT_NE(taken->body.find(R"(id="f-replace-diary_number-error")"), std::string::npos)
      << taken->body;
}

TEST_F(MembershipPagesTest, KehaRecordsAnAnswerReceivedOnPaperFromTheCasePage) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  auto page = Get("/cases/case-1", "keha");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find(R"(action="/cases/case-1/paper-answer")"), std::string::npos);
  EXPECT_NE(page->body.find(R"(<label for="f-paper-decision_date")"), std::string::npos)
      << page->body;
  auto director = Get("/cases/case-1", "dirkk");
  ASSERT_TRUE(director);
  EXPECT_EQ(director->body.find(R"(action="/cases/case-1/paper-answer")"), std::string::npos);

  nm::RecordPaperAnswerRequest seen;
  ctx_.On<nm::RecordPaperAnswerRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::RecordPaperAnswerRequest& req, nm::CaseResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto res = Post("/cases/case-1/paper-answer", "keha",
                  {{"csrf_token", "token-keha1"},
                   {"channel", "email"},
                   {"approved", "approve"},
                   {"diary_number", "KK/123/2027"},
                   {"decision_date", "2027-01-20"},
                   {"decided_by", "Kaisa Kainuulainen, johtaja"},
                   {"nominees[0].name", "Eino Esimerkki"},
                   {"nominees[0].title", "Asiantuntija"},
                   {"nominees[0].email", "eino@kajaani.fi"},
                   {"nominees[0].municipality", "Kajaani"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), "/cases/case-1?done=paper_answer");
  EXPECT_EQ(seen.channel(), nm::CHANNEL_EMAIL);
  EXPECT_TRUE(seen.approved());
  ASSERT_EQ(seen.nominees_size(), 1);
  EXPECT_EQ(seen.nominees(0).email(), "eino@kajaani.fi");
  EXPECT_EQ(seen.decided_by(), "Kaisa Kainuulainen, johtaja");

  // The decision recorded from paper is shown as such.
  nm::Case decided = RegisteredCase("kainuu-koillismaa");
  decided.set_state(nm::CASE_STATE_APPROVED);
  decided.mutable_decision()->set_approved(true);
  decided.mutable_decision()->set_channel(nm::CHANNEL_LETTER);
  decided.mutable_decision()->set_decision_date("2027-01-20");
  decided.mutable_decision()->set_decided_at_area("Kaisa Kainuulainen, johtaja");
  ServeCase(decided, kKainuuSees, {});
  auto shown = Get("/cases/case-1", "keha");
  ASSERT_TRUE(shown);
  EXPECT_NE(shown->body.find("Kaisa Kainuulainen, johtaja"), std::string::npos) << shown->body;
  EXPECT_NE(shown->body.find("<dd>Kirje</dd>"), std::string::npos) << shown->body;
  EXPECT_EQ(shown->body.find(R"(action="/cases/case-1/paper-answer")"), std::string::npos);
}

}  // namespace
}  // namespace verkosto::gateway
