#include "nominations/domain/visibility.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "nominations/domain/permissions.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

constexpr char kNelli[] = "nelli.nimitetty@kainuu.example.fi";

Actor WithEmail(Actor actor, std::string email) {
  actor.email = std::move(email);
  return actor;
}

Nominee Nelli() {
  Nominee n;
  n.name = "Nelli Nimitetty";
  n.title = "Verkostovastaava";
  n.email = kNelli;
  n.municipality = "Kajaani";
  n.language = Language::kFi;
  return n;
}

MembershipRecord NellisSeat() {
  MembershipRecord m;
  m.id = MembershipId("r-1.kainuu-koillismaa.1");
  m.network = kNetwork;
  m.area = kKainuu;
  m.person = Nelli();
  m.diary_number = "KAI/1/2026";
  m.end_note = "Uusi työ";
  return m;
}

TEST(VisibilityTest, ContactDataIsSeenByKehaTheOwnAreaAndThePersonOnly) {
  EXPECT_TRUE(MaySeeContact(Keha(), kKainuu, kNelli));
  EXPECT_TRUE(MaySeeContact(MakeActor("s", Role::kSystem), kKainuu, kNelli));
  for (const Actor& own : {Clerk(kKainuu), Director(kKainuu), Deputy(kKainuu)}) {
    EXPECT_TRUE(MaySeeContact(own, kKainuu, kNelli)) << own.user_id;
  }
  for (const Actor& other : {Clerk(kHelsinki), Director(kHelsinki), Deputy(kHelsinki)}) {
    EXPECT_FALSE(MaySeeContact(other, kKainuu, kNelli)) << other.user_id;
  }
  // A clerk without an area serves none.
  EXPECT_FALSE(MaySeeContact(Clerk(AreaCode()), AreaCode(), kNelli));
  EXPECT_TRUE(
      MaySeeContact(WithEmail(MakeActor("n", Role::kNominee), "Nelli.Nimitetty@kainuu.example.fi"),
                    kKainuu, kNelli));
  EXPECT_FALSE(
      MaySeeContact(WithEmail(MakeActor("o", Role::kNominee), "olli@example.fi"), kKainuu, kNelli));
  EXPECT_FALSE(MaySeeContact(MakeActor("n", Role::kNominee), kKainuu, ""));  // no e-mail, no match
  for (Role role : {Role::kObserver, Role::kAdmin, Role::kOperator, Role::kUnspecified}) {
    EXPECT_FALSE(MaySeeContact(MakeActor("x", role), kKainuu, kNelli)) << RoleName(role);
  }
}

TEST(VisibilityTest, AMembershipLosesOnlyItsContactPart) {
  const MembershipRecord seen = VisibleTo(Observer(), NellisSeat());
  EXPECT_EQ(seen.person.name, "Nelli Nimitetty");
  EXPECT_EQ(seen.person.municipality, "Kajaani");
  EXPECT_EQ(seen.area, kKainuu);
  EXPECT_EQ(seen.diary_number, "KAI/1/2026");  // the public record
  EXPECT_TRUE(seen.person.email.empty());
  EXPECT_TRUE(seen.person.title.empty());
  EXPECT_FALSE(seen.person.language.has_value());
  EXPECT_TRUE(seen.end_note.empty());
  EXPECT_EQ(VisibleTo(Director(kKainuu), NellisSeat()), NellisSeat());

  // A correction the member made is contact data too, and names them as well.
  MembershipRecord corrected = NellisSeat();
  corrected.contact = ContactCorrection{};
  corrected.contact->email = "nelli@uusi.example.fi";
  corrected.contact->title = "Päällikkö";
  EXPECT_FALSE(VisibleTo(Observer(), corrected).contact.has_value());
  EXPECT_EQ(VisibleTo(Observer(), corrected).current_person().email, "");
  EXPECT_EQ(
      VisibleTo(WithEmail(MakeActor("n", Role::kNominee), "nelli@uusi.example.fi"), corrected),
      corrected);
}

TEST(VisibilityTest, ACasesNomineesLoseTheirContactPartUnlessTheReaderNeedsIt) {
  Case c;
  c.area = kKainuu;
  c.covering_message = "Saate";
  c.decision = Decision{};
  c.decision->approved = true;
  c.decision->nominees = {Nelli()};
  EXPECT_TRUE(VisibleTo(Observer(), c).decision->nominees[0].email.empty());
  EXPECT_EQ(VisibleTo(Observer(), c).covering_message, "Saate");
  EXPECT_EQ(VisibleTo(Keha(), c), c);
}

TEST(VisibilityTest, StateOnlyKeepsTheStateAndDropsTheContent) {
  Case c;
  c.id = CaseId("r-1.kainuu-koillismaa");
  c.area = kKainuu;
  c.network = kNetwork;
  c.state = CaseState::kDeclined;
  c.deadline = ParseIsoDate("2026-04-30");
  c.overdue = true;
  c.covering_message = "Saate";
  c.keha_diary_number = "KEHA/1";
  c.decision = Decision{};
  c.decision->reason = "Ei resursseja";
  const Case s = StateOnly(c);
  EXPECT_EQ(s.state, CaseState::kDeclined);
  EXPECT_EQ(s.deadline, c.deadline);
  EXPECT_TRUE(s.overdue);
  EXPECT_TRUE(s.id.empty());
  EXPECT_TRUE(s.covering_message.empty());
  EXPECT_TRUE(s.keha_diary_number.empty());
  EXPECT_FALSE(s.decision.has_value());
}

TEST(VisibilityTest, LookingUpByEmailIsForThoseWhoMaySeeContactData) {
  EXPECT_TRUE(MayFilterByEmail(Keha(), kNelli));
  EXPECT_TRUE(MayFilterByEmail(Clerk(kHelsinki), kNelli));  // limited to Helsinki by the service
  EXPECT_TRUE(MayFilterByEmail(WithEmail(MakeActor("n", Role::kNominee), kNelli), kNelli));
  EXPECT_FALSE(
      MayFilterByEmail(WithEmail(MakeActor("n", Role::kNominee), kNelli), "olli@example.fi"));
  EXPECT_FALSE(MayFilterByEmail(Observer(), kNelli));
  EXPECT_FALSE(MayFilterByEmail(MakeActor("a", Role::kAdmin), kNelli));
  EXPECT_FALSE(MayFilterByEmail(MakeActor("o", Role::kOperator), kNelli));
}

}  // namespace
}  // namespace verkosto::nominations
