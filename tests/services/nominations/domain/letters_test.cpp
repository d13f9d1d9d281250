// The formal letters' content (letters.h): each kind in Finnish and Swedish
// holds what a registry files.
#include "nominations/domain/letters.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace verkosto::nominations {
namespace {

using fixtures::At;
using fixtures::D;

// Everything a document says, as one text.
std::string AllText(const pdf::Document& d) {
  std::string out = d.title + "\n" + d.organisation + "\n" + d.subject + "\n" + d.footer + "\n";
  for (const auto& l : d.sender) out += l + "\n";
  for (const auto& l : d.addressee) out += l + "\n";
  for (const auto& r : d.meta) out += r.label + ": " + r.value + "\n";
  for (const auto& s : d.sections) {
    out += s.heading + "\n";
    for (const auto& p : s.paragraphs) out += p + "\n";
    for (const auto& i : s.items) out += "* " + i + "\n";
  }
  for (const auto& l : d.signer) out += l + "\n";
  return out;
}

void ExpectHas(const std::string& text, std::initializer_list<const char*> parts) {
  for (const char* p : parts) EXPECT_NE(text.find(p), std::string::npos) << p << " in\n" << text;
}

LetterInput Input() {
  LetterInput in;
  Case& c = in.c;
  c.id = CaseId("r-0123456789ab.helsinki");
  c.network = fixtures::kNetwork;
  c.area = fixtures::kHelsinki;
  c.seats = Seats{2, 1};
  c.deadline = D(2026, 4, 30);
  c.keha_diary_number = "KEHA/12/2026";
  c.covering_message = "Pyydämme nimeämään edustajat.";
  Stamp sent;
  sent.user_id = "keha-1";
  sent.name = "Kaisa Koordinaattori";
  sent.at = At(2026, 3, 2);
  c.sent = sent;
  in.network.code = c.network;
  in.network.name_fi = "Työllisyysverkosto";
  in.network.name_sv = "Sysselsättningsnätverket";
  in.network.term_start = D(2026, 1, 1);
  in.network.term_end = D(2027, 12, 31);
  in.network.goals = {"Tavoite yksi", "Tavoite kaksi"};
  in.network.meetings_per_year = 4;
  in.area = AreaInfo{c.area, "Helsingin kaupunki", "Helsingfors stad", {"fi", "sv"}};
  return in;
}

LetterInput Registered() {
  LetterInput in = Input();
  Registration r;
  r.diary_number = "HEL/77/2026";
  r.date_received = D(2026, 3, 3);
  r.channel = Channel::kSystem;
  r.registered.user_id = "clerk-hki";
  r.registered.name = "Riitta Rekisteri";
  r.registered.at = At(2026, 3, 4);
  in.c.registration = r;
  in.c.state = CaseState::kRegistered;
  return in;
}

TEST(LettersTest, RequestHoldsBothBlocksDiaryNumbersSeatsDeadlineGoalsRule6AndSigner) {
  auto fi = ComposeLetter(LetterKind::kRequest, "fi", Input());
  ASSERT_TRUE(fi.ok()) << fi.status().ToString();
  EXPECT_EQ(fi->language, "fi");
  EXPECT_EQ(fi->title, "NIMEÄMISPYYNTÖ");
  ExpectHas(AllText(*fi),
            {"KEHA-keskus", "KEHA-keskus pyytää, että Helsingin kaupunki nimeää", "Kirjaamo",
             "KEHA/12/2026", "Alueen dnro: —", "Päivämäärä: 2.3.2026", "Määräaika: 30.4.2026",
             "2 jäsentä ja 1 varajäsenen", "viimeistään 30.4.2026", "Työllisyysverkosto",
             "1.1.2026–31.12.2027", "* Tavoite yksi", "4 kertaa vuodessa", "sääntö 6",
             "eivät ole työllisyysalueiden virallisia kannanottoja", "Kaisa Koordinaattori",
             "Pyydämme nimeämään edustajat.", "r-0123456789ab.helsinki"});
  EXPECT_EQ(
      fi->created_unix_s,
      std::chrono::duration_cast<std::chrono::seconds>(At(2026, 3, 2).time_since_epoch()).count());

  auto sv = ComposeLetter(LetterKind::kRequest, "sv", Input());
  ASSERT_TRUE(sv.ok());
  EXPECT_EQ(sv->title, "BEGÄRAN OM NOMINERING");
  ExpectHas(AllText(*sv),
            {"KEHA-centret", "KEHA-centret ber att Helsingfors stad utser", "Registratorskontoret",
             "KEHA-centrets dnr: KEHA/12/2026", "Områdets dnr: —", "Datum: 2.3.2026",
             "Tidsfrist: 30.4.2026", "2 ledamöter och 1 ersättare", "senast 30.4.2026",
             "Sysselsättningsnätverket", "regel 6", "inte sysselsättningsområdenas officiella",
             "Med vänlig hälsning", "Kaisa Koordinaattori"});
}

TEST(LettersTest, AcknowledgementHoldsTheAreasNumberDateReceivedChannelAndWhoRegistered) {
  auto fi = ComposeLetter(LetterKind::kAcknowledgement, "fi", Registered());
  ASSERT_TRUE(fi.ok()) << fi.status().ToString();
  ExpectHas(AllText(*fi),
            {"VASTAANOTTOILMOITUS", "Alueen dnro: HEL/77/2026", "Vastaanotettu: 3.3.2026",
             "Saapumistapa: verkosto-järjestelmä", "KEHA-keskuksen dnro: KEHA/12/2026",
             "Kirjaaja: Riitta Rekisteri", "Päivämäärä: 4.3.2026"});
  auto sv = ComposeLetter(LetterKind::kAcknowledgement, "sv", Registered());
  ASSERT_TRUE(sv.ok());
  ExpectHas(AllText(*sv), {"MOTTAGNINGSBEVIS", "Områdets dnr: HEL/77/2026", "Mottagen: 3.3.2026",
                           "Ankomstsätt: verkosto-systemet", "Registrerad av: Riitta Rekisteri"});
}

TEST(LettersTest, DecisionNamesTheNomineesOrTheReasonAndWhoDecidedOnWhoseBehalf) {
  LetterInput in = Registered();
  Decision d;
  d.approved = true;
  d.nominees = {Nominee{"Anna Aalto", "Kehittämispäällikkö", "a@x.fi", "Helsinki",
                        SeatKind::kMember, std::nullopt},
                Nominee{"Bo Berg", "", "b@x.fi", "Helsinki", SeatKind::kDeputy, std::nullopt}};
  d.decided.user_id = "dep-hki";
  d.decided.name = "Dan Deputy";
  d.decided.on_behalf_of = "dir-hki";
  d.decided.at = At(2026, 3, 13);
  in.c.decision = d;
  in.c.state = CaseState::kApproved;
  auto fi = ComposeLetter(LetterKind::kDecision, "fi", in);
  ASSERT_TRUE(fi.ok()) << fi.status().ToString();
  const std::string fi_text = AllText(*fi);
  ExpectHas(fi_text, {"PÄÄTÖS", "Edustajien nimeäminen verkostoon Työllisyysverkosto",
                      "Päätöspäivä: 13.3.2026", "Alueen dnro: HEL/77/2026",
                      "* Anna Aalto, Kehittämispäällikkö (jäsen)", "* Bo Berg (varajäsen)",
                      "Dan Deputy", "työllisyysjohtajan (dir-hki) puolesta"});
  EXPECT_EQ(fi_text.find("a@x.fi"), std::string::npos) << "no e-mail in a letter";
  auto sv = ComposeLetter(LetterKind::kDecision, "sv", in);
  ASSERT_TRUE(sv.ok());
  ExpectHas(AllText(*sv), {"BESLUT", "Beslutsdatum: 13.3.2026", "(ledamot)", "(ersättare)",
                           "för sysselsättningsdirektören (dir-hki)"});

  in.c.decision->approved = false;
  in.c.decision->nominees.clear();
  in.c.decision->reason = "Ei resursseja tällä kaudella";
  in.c.state = CaseState::kDeclined;
  auto declined = ComposeLetter(LetterKind::kDecision, "fi", in);
  ASSERT_TRUE(declined.ok());
  ExpectHas(AllText(*declined),
            {"ei nimeä edustajia", "Perustelut", "Ei resursseja tällä kaudella"});
  auto declined_sv = ComposeLetter(LetterKind::kDecision, "sv", in);
  ASSERT_TRUE(declined_sv.ok());
  ExpectHas(AllText(*declined_sv), {"utser inte representanter", "Motivering"});

  // A paper answer: KEHA recorded it; the area's decider signs.
  in.c.decision->channel = Channel::kLetter;
  in.c.decision->decision_date = D(2026, 3, 10);
  in.c.decision->decided_at_area = "Terttu Johtaja, työllisyysjohtaja";
  auto paper = ComposeLetter(LetterKind::kDecision, "fi", in);
  ASSERT_TRUE(paper.ok());
  ExpectHas(AllText(*paper), {"Päätöspäivä: 10.3.2026", "Terttu Johtaja, työllisyysjohtaja",
                              "Vastaus saapui KEHA-keskukseen (kirje)"});
}

TEST(LettersTest, ALetterTheCaseHasNotReachedOrAnotherLanguageIsRefused) {
  EXPECT_EQ(ComposeLetter(LetterKind::kDecision, "fi", Input()).status().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ComposeLetter(LetterKind::kAcknowledgement, "fi", Input()).status().code(),
            ErrorCode::kFailedPrecondition);
  auto en = ComposeLetter(LetterKind::kRequest, "en", Input());
  EXPECT_EQ(en.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(en.status().field(), "language");
  LetterInput logged = Registered();
  logged.c.sent.reset();
  EXPECT_FALSE(CaseHasLetter(logged.c, LetterKind::kRequest)) << "a logged case has no KEHA letter";
}

TEST(LettersTest, EventsMakeTheirLettersAndLanguagesFollowTheArea) {
  LetterInput in = Registered();
  EXPECT_EQ(LetterOf(Event{RequestSent{in.c, {}}}), LetterKind::kRequest);
  EXPECT_EQ(LetterOf(Event{CaseRegistered{in.c, {}}}), LetterKind::kAcknowledgement);
  EXPECT_EQ(LetterOf(Event{CaseLogged{in.c, {}}}), LetterKind::kAcknowledgement);
  EXPECT_EQ(LetterOf(Event{CaseApproved{in.c, {}}}), LetterKind::kDecision);
  EXPECT_EQ(LetterOf(Event{CaseDeclined{in.c, {}}}), LetterKind::kDecision);
  EXPECT_EQ(LetterOf(Event{CaseWithdrawn{in.c, {}}}), std::nullopt);
  EXPECT_EQ(LetterLanguages({"fi", "sv"}), (std::vector<std::string>{"fi", "sv"}));
  EXPECT_EQ(LetterLanguages({"sv", "fi"}), (std::vector<std::string>{"sv", "fi"}));
  EXPECT_EQ(LetterLanguages({}), (std::vector<std::string>{"fi"}));
  EXPECT_EQ(LetterLanguages({"se"}), (std::vector<std::string>{"fi"}));
  EXPECT_EQ(LetterDate(D(2026, 12, 6)), "6.12.2026");
  EXPECT_EQ(LetterKindFromName("acknowledgement"), LetterKind::kAcknowledgement);
  EXPECT_EQ(LetterKindFromName("x"), std::nullopt);
}

}  // namespace
}  // namespace verkosto::nominations
