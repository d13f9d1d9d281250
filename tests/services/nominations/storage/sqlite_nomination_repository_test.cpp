#include "nominations/storage/sqlite_nomination_repository.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "../domain/fixtures.h"
#include "core/text.h"
#include "nominations/domain/retention.h"
#include "nominations/service.h"
#include "nominations/storage/letter_store.h"
#include "nominations/storage/national_view_queries.h"
#include "storage/database.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

// `actor` as carried by `principal` (the transport sets it from the CURVE key).
Actor Via(Actor actor, std::string principal) {
  actor.principal = std::move(principal);
  return actor;
}

class SqliteNominationRepositoryTest : public ::testing::Test {
 protected:
  SqliteNominationRepositoryTest() {
    db_ = std::move(storage::Database::Open(":memory:", Migrations())).value();
    repo_ = std::make_unique<SqliteNominationRepository>(db_->sqlite());
  }

  // The fixtures' open network in the read model.
  void LoadReadModel() {
    const NetworkView view = OpenNetwork();
    std::vector<AreaInfo> areas;
    for (const auto& [code, participation] : view.areas) {
      areas.push_back({code, "fi " + code.value(), "sv " + code.value()});
    }
    ASSERT_TRUE(repo_->UpsertAreas(areas).ok());
    NetworkInfo info{view.code,  view.status, view.term_start, view.term_end,
                     "Verkosto", "Nätverk",   Seats{2, 1}};
    ASSERT_TRUE(repo_->UpsertNetwork(info).ok());
    for (const auto& [code, participation] : view.areas) {
      if (participation == Participation::kUndecided) continue;
      ASSERT_TRUE(repo_->SetParticipation(view.code, code, participation, SentAt()).ok());
    }
  }

  void SaveRequest(const Case& c) {
    auto st = repo_->InsertRequest(
        {c.request_id, c.network, c.kind, Channel::kSystem, MakeStamp(Keha(), SentAt())});
    ASSERT_TRUE(st.ok() || st.code() == ErrorCode::kAlreadyExists) << st.ToString();
  }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqliteNominationRepository> repo_;
};

TEST_F(SqliteNominationRepositoryTest, ReadModelGivesTheDomainItsNetworkView) {
  LoadReadModel();
  auto found = repo_->FindNetwork(kNetwork);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, OpenNetwork());
  auto missing = repo_->FindNetwork(NetworkCode("nope"));
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(SqliteNominationRepositoryTest, AnAreaDirectoryChangeOfOneAreaKeepsTheOthers) {
  // AreaDirectoryChanged names only the changed areas: setting Kainuu's
  // contacts must not make every other area unknown.
  const std::vector<AreaInfo> all = {{AreaCode("helsinki"), "Helsinki", "Helsingfors"},
                                     {AreaCode("kainuu-koillismaa"), "Kainuu-Koillismaa", ""},
                                     {AreaCode("vantaa"), "Vantaa", "Vanda"}};
  ASSERT_TRUE(repo_->UpsertAreas(all).ok());
  ASSERT_TRUE(repo_->UpsertAreas({{AreaCode("kainuu-koillismaa"), "Kainuu", "Kajanaland"}}).ok());
  ASSERT_TRUE(repo_->UpsertAreas({{AreaCode("espoo-kauniainen"), "Espoo", "Esbo"}}).ok());
  auto areas = repo_->ListAreas();
  ASSERT_TRUE(areas.ok()) << areas.status().ToString();
  std::vector<std::string> codes;
  for (const AreaInfo& a : *areas) codes.push_back(a.code.value());
  EXPECT_EQ(codes, (std::vector<std::string>{"helsinki", "kainuu-koillismaa", "vantaa",
                                             "espoo-kauniainen"}));
  EXPECT_EQ((*areas)[1].name_fi, "Kainuu");
  EXPECT_EQ((*areas)[1].name_sv, "Kajanaland");
}

TEST_F(SqliteNominationRepositoryTest, FindAreaGivesOneAreasNamesOrNothing) {
  ASSERT_TRUE(repo_->UpsertAreas({{AreaCode("vantaa"), "Vantaa", "Vanda"}}).ok());
  auto found = repo_->FindArea(AreaCode("vantaa"));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->code.value(), "vantaa");
  EXPECT_EQ((*found)->name_fi, "Vantaa");
  EXPECT_EQ((*found)->name_sv, "Vanda");
  auto unknown = repo_->FindArea(AreaCode("no-such-area"));
  ASSERT_TRUE(unknown.ok()) << unknown.status().ToString();
  EXPECT_FALSE(unknown->has_value());
}

TEST_F(SqliteNominationRepositoryTest, CasesRoundTripInEveryState) {
  LoadReadModel();
  const Case sent = SentCase(kVantaa);
  const Case registered = RegisteredCase(kHelsinki);
  Nominee ben = Person("ben");
  ben.language = Language::kSv;  // stored with the nominee, so messages reach ben in Swedish
  const ApprovalOutcome approved = Approve(registered, {Person("anna"), ben});
  SaveRequest(sent);
  SaveRequest(registered);
  for (const Case& c : {sent, registered, approved.case_after}) {
    ASSERT_TRUE(repo_->SaveCase(c).ok());
    auto loaded = repo_->FindCase(c.id);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    ASSERT_TRUE(loaded->has_value());
    EXPECT_EQ(**loaded, c);
  }
}

TEST_F(SqliteNominationRepositoryTest, AnUnknownStoredNameIsInternalNeverADefault) {
  // Once a case in an unknown state read as awaiting_registration.
  LoadReadModel();
  const Case sent = SentCase(kVantaa);
  SaveRequest(sent);
  ASSERT_TRUE(repo_->SaveCase(sent).ok());
  db_->sqlite().exec("PRAGMA ignore_check_constraints = ON");
  db_->sqlite().exec("UPDATE cases SET state = 'reopened'");
  auto loaded = repo_->FindCase(sent.id);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kInternal);
  EXPECT_NE(loaded.status().message().find("case state 'reopened'"), std::string::npos);
  db_->sqlite().exec("UPDATE participation SET decision = 'maybe'");
  auto view = repo_->FindNetwork(kNetwork);
  ASSERT_FALSE(view.ok());
  EXPECT_EQ(view.status().code(), ErrorCode::kInternal);
}

TEST_F(SqliteNominationRepositoryTest, DiaryNumberIsUniqueWithinTheArea) {
  LoadReadModel();
  const Case first = RegisteredCase(kHelsinki);
  SaveRequest(first);
  ASSERT_TRUE(repo_->SaveCase(first).ok());
  EXPECT_TRUE(*repo_->DiaryNumberInUse(kHelsinki, first.registration->diary_number));
  EXPECT_FALSE(*repo_->DiaryNumberInUse(kVantaa, first.registration->diary_number));

  // Another case of the same area with the same number is refused by storage too.
  Case second = first;
  second.id = CaseId("other.helsinki");
  EXPECT_EQ(repo_->SaveCase(second).code(), ErrorCode::kAlreadyExists);
  // The same number in another area is fine.
  Case elsewhere = RegisteredCase(kVantaa);
  SaveRequest(elsewhere);
  EXPECT_TRUE(repo_->SaveCase(elsewhere).ok());
}

TEST_F(SqliteNominationRepositoryTest, MembershipsRestoreWithTheirCaseAndFilter) {
  LoadReadModel();
  const Case registered = RegisteredCase(kHelsinki);
  SaveRequest(registered);
  Nominee ben = Person("ben", SeatKind::kDeputy);
  ben.language = Language::kEn;
  ApprovalOutcome approved = Approve(registered, {Person("anna"), ben});
  ASSERT_TRUE(repo_->SaveCase(approved.case_after).ok());
  for (const Membership& m : approved.started) {
    ASSERT_TRUE(repo_->InsertMembership(m.record()).ok());
  }
  EXPECT_EQ(repo_->InsertMembership(approved.started[0].record()).code(),
            ErrorCode::kAlreadyExists);

  auto found = repo_->FindMembership(approved.started[1].id());
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, approved.started[1]);
  EXPECT_EQ((*found)->record().diary_number, registered.registration->diary_number);

  MembershipFilter by_email;
  by_email.email = "ANNA@hel.fi";
  EXPECT_EQ(repo_->ListMemberships(by_email)->size(), 1u);
  MembershipFilter by_area;
  by_area.area = kVantaa;
  EXPECT_TRUE(repo_->ListMemberships(by_area)->empty());

  // Ended memberships drop out unless asked for.
  auto ended = RecordResignation(approved.started[0], ResignationCommand{D(2026, 6, 4), "moved"},
                                 Director(kHelsinki), At(2026, 6, 5));
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  ASSERT_TRUE(repo_->UpdateMembership(ended->membership.record()).ok());
  MembershipFilter all;
  EXPECT_EQ(repo_->ListMemberships(all)->size(), 1u);
  all.include_ended = true;
  auto everything = repo_->ListMemberships(all);
  ASSERT_EQ(everything->size(), 2u);
  EXPECT_EQ((*everything)[0], ended->membership);
}

TEST_F(SqliteNominationRepositoryTest, UpdatingAnUnknownMembershipIsNotFound) {
  LoadReadModel();
  const ApprovalOutcome approved = Approve(RegisteredCase(kHelsinki), {Person("anna")});
  EXPECT_EQ(repo_->UpdateMembership(approved.started[0].record()).code(), ErrorCode::kNotFound);
}

TEST_F(SqliteNominationRepositoryTest, JournalSearchMatchesDiaryNumberAndNetwork) {
  LoadReadModel();
  const Case registered = RegisteredCase(kHelsinki);
  SaveRequest(registered);
  ASSERT_TRUE(repo_->SaveCase(registered).ok());
  const Case sent = SentCase(kVantaa);
  ASSERT_TRUE(repo_->SaveCase(sent).ok());

  CaseFilter journal;
  journal.registered_only = true;
  journal.search = "14.07";
  EXPECT_EQ(repo_->ListCases(journal)->size(), 1u);
  journal.search = "c6-tyo";
  EXPECT_EQ(repo_->ListCases(journal)->size(), 1u);
  journal.search = "100%";
  EXPECT_TRUE(repo_->ListCases(journal)->empty());

  CaseFilter inbox;
  inbox.area = kVantaa;
  inbox.states = {CaseState::kAwaitingRegistration};
  auto cases = repo_->ListCases(inbox);
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ((*cases)[0].id, sent.id);
}

// The matrix loads each area's newest case of the network, not every case
// the network ever had (issue 16: a network with 200 cases).
TEST_F(SqliteNominationRepositoryTest, LatestPerAreaGivesEachAreasNewestCaseOnly) {
  LoadReadModel();
  const Case older = RegisteredCase(kHelsinki);
  SaveRequest(older);
  ASSERT_TRUE(repo_->SaveCase(older).ok());
  const Case vantaa = SentCase(kVantaa);
  ASSERT_TRUE(repo_->SaveCase(vantaa).ok());
  SendRequestCommand again = RequestTo({kHelsinki});
  again.request_id = RequestId("req-2");
  auto sent = SendRequest(OpenNetwork(), again, Keha(), SentAt());
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  const Case newer = sent->cases.at(0);
  SaveRequest(newer);
  ASSERT_TRUE(repo_->SaveCase(newer).ok());

  CaseFilter latest;
  latest.network = OpenNetwork().code;
  latest.latest_per_area_only = true;
  auto cases = repo_->ListCases(latest);
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  ASSERT_EQ(cases->size(), 2u);
  EXPECT_EQ((*cases)[0].id, newer.id);
  EXPECT_EQ((*cases)[1].id, vantaa.id);
  // Without the network: the newest per (network, area) all the same.
  latest.network.reset();
  EXPECT_EQ(repo_->ListCases(latest)->size(), 2u);
  CaseFilter every;
  every.network = OpenNetwork().code;
  EXPECT_EQ(repo_->ListCases(every)->size(), 3u);
}

// A nominee's memberships are found by the e-mail in force in any case: the
// approval's until the member corrects it, then the correction's only.
TEST_F(SqliteNominationRepositoryTest, MembershipsByEmailFollowTheEmailInForce) {
  LoadReadModel();
  const Case registered = RegisteredCase(kHelsinki);
  SaveRequest(registered);
  ApprovalOutcome approved = Approve(registered, {Person("anna"), Person("ben")});
  ASSERT_TRUE(repo_->SaveCase(approved.case_after).ok());
  for (const Membership& m : approved.started) {
    ASSERT_TRUE(repo_->InsertMembership(m.record()).ok());
  }
  MembershipFilter anna;
  anna.email = "Anna@HEL.fi";
  EXPECT_EQ(repo_->ListMemberships(anna)->size(), 1u);
  auto own = repo_->ListOwnMemberships("anna@hel.fi", "");
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->size(), 1u);

  ContactCorrection corrected;
  corrected.title = "Asiantuntija";
  corrected.email = "Anna.K@hel.fi";
  corrected.language = Language::kFi;
  corrected.corrected = MakeStamp(MakeActor("nominee-anna", Role::kNominee), At(2026, 6, 3));
  ASSERT_TRUE(repo_->SaveMembershipContact(approved.started[0].id(), corrected).ok());
  EXPECT_TRUE(repo_->ListMemberships(anna)->empty());
  EXPECT_TRUE(repo_->ListOwnMemberships("anna@hel.fi", "")->empty());
  anna.email = "anna.k@hel.fi";
  EXPECT_EQ(repo_->ListMemberships(anna)->size(), 1u);
  EXPECT_EQ(repo_->ListOwnMemberships("ANNA.K@hel.fi", "")->size(), 1u);
  // The account that corrected it finds it by its user id, whatever the e-mail.
  EXPECT_EQ(repo_->ListOwnMemberships("", "nominee-anna")->size(), 1u);
  MembershipFilter ben;
  ben.email = "ben@hel.fi";
  EXPECT_EQ(repo_->ListMemberships(ben)->size(), 1u);
}

// The approval's load warning reads the memberships of the people it names,
// found through the lower(email) index, not every membership.
TEST_F(SqliteNominationRepositoryTest, CurrentMembershipsOfPeopleReadOnlyThosePeople) {
  LoadReadModel();
  const Case registered = RegisteredCase(kHelsinki);
  SaveRequest(registered);
  ApprovalOutcome approved = Approve(registered, {Person("anna"), Person("ben")});
  ASSERT_TRUE(repo_->SaveCase(approved.case_after).ok());
  for (const Membership& m : approved.started) {
    ASSERT_TRUE(repo_->InsertMembership(m.record()).ok());
  }
  ViewMembership asked;
  asked.name = "anna";
  asked.area = kHelsinki;
  asked.email = "ANNA@hel.fi";
  auto anna = ReadCurrentMembershipsOf(db_->sqlite(), {asked, asked});
  ASSERT_TRUE(anna.ok()) << anna.status().ToString();
  ASSERT_EQ(anna->size(), 1u);  // asked twice, read once; Ben is not read
  EXPECT_EQ(text::AsciiLower(anna->front().email), "anna@hel.fi");
  EXPECT_EQ(anna->front().network, OpenNetwork().code);

  asked.email = "nobody@hel.fi";
  EXPECT_TRUE(ReadCurrentMembershipsOf(db_->sqlite(), {asked})->empty());

  SQLite::Statement plan(db_->sqlite(),
                         "EXPLAIN QUERY PLAN SELECT m.id FROM memberships m "
                         "JOIN networks n ON n.code = m.network_code WHERE m.ended IS NULL AND "
                         "n.status IN ('proposed', 'open') AND lower(m.email) = lower('x')");
  std::string details;
  while (plan.executeStep()) details += plan.getColumn(3).getString() + "\n";
  EXPECT_NE(details.find("memberships_by_lower_email"), std::string::npos) << details;
}

// Every stamp keeps the principal that carried its request, in a column of
// its own: a different principal per stamp catches crossed columns.
TEST_F(SqliteNominationRepositoryTest, EveryStampKeepsItsPrincipal) {
  LoadReadModel();
  auto sent =
      SendRequest(OpenNetwork(), RequestTo({kHelsinki, kVantaa}), Via(Keha(), "p-sent"), SentAt());
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_EQ(sent->cases.size(), 2u);
  const Case& helsinki = sent->cases[0].area == kHelsinki ? sent->cases[0] : sent->cases[1];
  const Case& vantaa = sent->cases[0].area == kHelsinki ? sent->cases[1] : sent->cases[0];
  ASSERT_TRUE(repo_
                  ->InsertRequest({helsinki.request_id, helsinki.network, helsinki.kind,
                                   Channel::kSystem, MakeStamp(Via(Keha(), "p-request"), SentAt())})
                  .ok());
  auto registered = RegisterCase(helsinki, Registration1(), NoDiaryNumbers(),
                                 Via(Clerk(kHelsinki), "p-registered"), At(2026, 6, 2));
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  auto approved =
      ApproveCase(registered->case_after, OpenNetwork(), ApproveCommand{{Person("anna")}}, nullptr,
                  Via(Director(kHelsinki), "p-decided"), At(2026, 6, 3));
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  auto withdrawn = WithdrawCase(vantaa, WithdrawCommand{"Sent by mistake"},
                                Via(Keha(), "p-withdrawn"), At(2026, 6, 3));
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  // Saved state by state, as the service does: the updates carry principals too.
  for (const Case& c :
       {helsinki, registered->case_after, approved->case_after, vantaa, withdrawn->case_after}) {
    ASSERT_TRUE(repo_->SaveCase(c).ok()) << c.id.value();
  }

  auto decided = repo_->FindCase(helsinki.id);
  ASSERT_TRUE(decided.ok() && decided->has_value()) << decided.status().ToString();
  EXPECT_EQ(**decided, approved->case_after);
  EXPECT_EQ((*decided)->sent->principal, "p-sent");
  EXPECT_EQ((*decided)->registration->registered.principal, "p-registered");
  EXPECT_EQ((*decided)->decision->decided.principal, "p-decided");
  auto taken_back = repo_->FindCase(vantaa.id);
  ASSERT_TRUE(taken_back.ok() && taken_back->has_value()) << taken_back.status().ToString();
  EXPECT_EQ(**taken_back, withdrawn->case_after);
  EXPECT_EQ((*taken_back)->withdrawn->principal, "p-withdrawn");
  SQLite::Statement request(db_->sqlite(), "SELECT principal FROM requests WHERE id = ?");
  request.bind(1, helsinki.request_id.value());
  ASSERT_TRUE(request.executeStep());
  EXPECT_EQ(request.getColumn(0).getString(), "p-request");

  const Membership& anna = approved->started.at(0);
  ASSERT_TRUE(repo_->InsertMembership(anna.record()).ok());
  auto resigned = RecordResignation(anna, ResignationCommand{D(2026, 6, 4), "moved"},
                                    Via(Director(kHelsinki), "p-ended"), At(2026, 6, 5));
  ASSERT_TRUE(resigned.ok()) << resigned.status().ToString();
  ASSERT_TRUE(repo_->UpdateMembership(resigned->membership.record()).ok());
  auto found = repo_->FindMembership(anna.id());
  ASSERT_TRUE(found.ok() && found->has_value()) << found.status().ToString();
  EXPECT_EQ((*found)->record(), resigned->membership.record());
  EXPECT_EQ((*found)->record().decided.principal, "p-decided");
  ASSERT_TRUE((*found)->record().ended_by.has_value());
  EXPECT_EQ((*found)->record().ended_by->principal, "p-ended");
}

TEST_F(SqliteNominationRepositoryTest, RemembersTheLastTimerDate) {
  EXPECT_FALSE(repo_->LastTimerDate()->has_value());
  ASSERT_TRUE(repo_->SetLastTimerDate(D(2026, 6, 1)).ok());
  ASSERT_TRUE(repo_->SetLastTimerDate(D(2026, 6, 2)).ok());
  EXPECT_EQ(**repo_->LastTimerDate(), D(2026, 6, 2));
}

TEST_F(SqliteNominationRepositoryTest, RemembersEachDailyJobsLastRun) {
  EXPECT_FALSE(repo_->LastDailyRun("retention")->has_value());
  ASSERT_TRUE(repo_->SetLastDailyRun("retention", D(2026, 6, 1)).ok());
  ASSERT_TRUE(repo_->SetLastDailyRun("retention", D(2026, 6, 2)).ok());
  EXPECT_EQ(**repo_->LastDailyRun("retention"), D(2026, 6, 2));
  EXPECT_FALSE(repo_->LastDailyRun("other")->has_value());
}

TEST_F(SqliteNominationRepositoryTest, RemovingContactDataKeepsThePublicRecordOnBothCopies) {
  LoadReadModel();
  const Case registered = RegisteredCase(kHelsinki);
  SaveRequest(registered);
  Nominee ben = Person("ben", SeatKind::kDeputy);
  ben.language = Language::kSv;
  ApprovalOutcome approved = Approve(registered, {Person("anna"), ben});
  ASSERT_TRUE(repo_->SaveCase(approved.case_after).ok());
  for (const Membership& m : approved.started) {
    ASSERT_TRUE(repo_->InsertMembership(m.record()).ok());
  }

  const MembershipId& ben_id = approved.started[1].id();
  ASSERT_TRUE(repo_->RemoveContactData(ben_id).ok());
  ASSERT_TRUE(repo_->RemoveContactData(ben_id).ok()) << "clearing cleared data changes nothing";

  // It still restores against its case: both copies changed together.
  auto found = repo_->FindMembership(ben_id);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  MembershipRecord expected = approved.started[1].record();
  expected.person = WithoutContactData(expected.person);
  EXPECT_EQ((*found)->record(), expected);
  EXPECT_EQ((*found)->record().diary_number, registered.registration->diary_number);

  auto c = repo_->FindCase(registered.id);
  ASSERT_TRUE(c.ok() && c->has_value());
  const Decision& decision = *(*c)->decision;
  EXPECT_EQ(decision.nominees[1], WithoutContactData(ben));
  EXPECT_EQ(decision.nominees[0], Person("anna")) << "the other nominee keeps hers";
  EXPECT_EQ(decision.memberships, approved.case_after.decision->memberships);

  // The e-mail no longer finds the membership.
  MembershipFilter by_email;
  by_email.email = "ben@hel.fi";
  EXPECT_TRUE(repo_->ListMemberships(by_email)->empty());

  EXPECT_EQ(repo_->RemoveContactData(MembershipId("nope.helsinki.1")).code(), ErrorCode::kNotFound);
}

// Issue 19: the letters of a case (what the records export lists as its
// documents) come without their bytes, in kind then language order, and
// none for a case without letters.
TEST_F(SqliteNominationRepositoryTest, TheLetterStoreListsACasesLettersInKindThenLanguageOrder) {
  LoadReadModel();
  const Case c = SentCase();
  SaveRequest(c);
  ASSERT_TRUE(repo_->SaveCase(c).ok());
  LetterStore letters(db_->sqlite());
  auto none = letters.List(c.id);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
  for (const char* row : {"'decision', 'sv', 'cc', 30, 3", "'request', 'fi', 'aa', 10, 1",
                          "'decision', 'fi', 'bb', 20, 2"}) {
    db_->sqlite().exec(
        "INSERT INTO case_letters (case_id, kind, language, sha256, size_bytes, created_at_us, "
        "pdf) VALUES ('" +
        c.id.value() + "', " + row + ", X'25504446')");
  }
  auto listed = letters.List(c.id);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].kind, LetterKind::kRequest);
  EXPECT_EQ((*listed)[0].language, "fi");
  EXPECT_EQ((*listed)[0].sha256, "aa");
  EXPECT_EQ((*listed)[0].size_bytes, 10);
  EXPECT_EQ((*listed)[0].created_at_us, 1);
  EXPECT_TRUE((*listed)[0].pdf.empty()) << "a list carries no bytes";
  EXPECT_EQ((*listed)[1].kind, LetterKind::kDecision);
  EXPECT_EQ((*listed)[1].language, "fi");
  EXPECT_EQ((*listed)[2].kind, LetterKind::kDecision);
  EXPECT_EQ((*listed)[2].language, "sv");
  EXPECT_TRUE(letters.List(CaseId("r-000000000000.helsinki"))->empty());
}

}  // namespace
}  // namespace verkosto::nominations
