// The notifications database: migrations, the inbox scoped by mailbox, the
// read model, and RecordNotice (one row per event and recipient, in the
// recipient's language, by their e-mail preference).
#include "notifications/storage/sqlite_notification_repository.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "delivery/delivery_fixture.h"
#include "domain/fixtures.h"
#include "notifications/service.h"
#include "testing/migrations.h"

namespace verkosto::notifications {
namespace {

using testing::DeliveryFixture;

class NotificationRepositoryTest : public DeliveryFixture {
 protected:
  void SetUp() override {
    std::vector<AreaInfo> areas;
    for (const auto& [code, area] : testing::Areas()) areas.push_back(area);
    ASSERT_TRUE(Repo().UpsertAreas(areas).ok());
    ASSERT_TRUE(Repo().UpsertNetwork(testing::Network()).ok());
  }

  size_t Record(const std::string& key, const Notice& notice) {
    auto templates = BuiltInTemplates();
    EXPECT_TRUE(templates.ok());
    auto created = RecordNotice(db_->sqlite(), **templates, key, notice, clock_.Now(), "");
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : 0;
  }

  std::vector<MessageRow> Inbox(const std::string& mailbox) {
    auto rows = Repo().ListInbox({mailbox}, false, page::PageRequest{});
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<MessageRow>{};
  }

  std::vector<DeliveryRow> Deliveries(const std::string& mailbox) {
    DeliveryFilter filter;
    filter.mailboxes = std::vector<std::string>{mailbox};
    auto rows = Repo().ListDeliveries(filter);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<DeliveryRow>{};
  }

  // The id of the one delivery of message `message_id`.
  int64_t OnlyDeliveryOf(int64_t message_id) {
    DeliveryFilter filter;
    filter.message_id = message_id;
    auto rows = Repo().ListDeliveries(filter);
    EXPECT_TRUE(rows.ok() && rows->size() == 1u);
    return rows.ok() && !rows->empty() ? rows->front().id : 0;
  }

  static Notice Approved() {
    CaseInfo c = testing::Case("pohjanmaa");
    c.approved = true;
    c.decided_by_name = "Johanna";
    c.nominees = {testing::Nominee("maija"), testing::Nominee("pekka", Language::kEn)};
    return testing::CaseNotice(Topic::kCaseApproved, c);
  }
};

TEST(NotificationMigrationsTest, MigratesFromEveryVersion) {
  verkosto::testing::ExpectMigratesFromEveryVersion(Migrations());
}

// Migration 3: the copies of nominations' ids that a version-2 database
// holds in the legacy form ("…/…", "…/…/n") get the current one ("….…").
TEST(NotificationMigrationsTest, LegacyCaseAndMembershipIdsAreRewritten) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 3u);
  auto db = storage::Database::Open(":memory:", std::span(migrations).first(2));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  SqliteNotificationRepository repo((*db)->sqlite());
  std::vector<AreaInfo> areas;
  for (const auto& [code, area] : testing::Areas()) areas.push_back(area);
  ASSERT_TRUE(repo.UpsertAreas(areas).ok());
  // The network as a version-2 database holds it (the repository of today
  // writes the rule-6 note of migration 6 too).
  (*db)->sqlite().exec(
      "INSERT INTO networks (code, status, name_fi, name_sv, name_en, goals, term_start, "
      "term_end, audiences, channels, cadence, responsible, contact_name, contact_email, "
      "created_by) VALUES ('osaamisverkosto', 'open', 'Osaamisverkosto', '', '', '', '', '', '', "
      "'', '', '', '', '', 'keha-anna')");
  CaseInfo c = testing::Case("kainuu");
  c.case_id = "r-4657d17f15bb/kainuu";
  const Notice notice = testing::CaseNotice(Topic::kCaseRegistered, c);
  auto templates = BuiltInTemplates();
  ASSERT_TRUE(templates.ok());
  auto recorded = RecordNotice((*db)->sqlite(), **templates, "nominations:1", notice,
                               testing::Noon(), "https://verkosto.example.fi");
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  ASSERT_GT(*recorded, 0u);
  MembershipInfo anna;
  anna.membership_id = "r-4657d17f15bb/kainuu/1";
  anna.network_code = "osaamisverkosto";
  anna.area = AreaCode("kainuu");
  anna.person = testing::Nominee("anna");
  anna.started = "2026-03-02";
  MembershipInfo ben = anna;
  ben.membership_id = "r-4657d17f15bb/kainuu/2";
  ben.person = testing::Nominee("ben");
  // Ben's end came with the current id before the migration ran: that row wins.
  MembershipInfo ben_ended = ben;
  ben_ended.membership_id = "r-4657d17f15bb.kainuu.2";
  ben_ended.ended = "2026-05-31";
  ben_ended.end_reason = EndReason::kResigned;
  for (const MembershipInfo& m : {anna, ben, ben_ended}) {
    ASSERT_TRUE(repo.UpsertMembership(m).ok());
  }

  ASSERT_TRUE(storage::Migrate((*db)->sqlite(), migrations).ok());
  auto members = repo.MembershipsOf("osaamisverkosto");
  ASSERT_TRUE(members.ok()) << members.status().ToString();
  anna.membership_id = "r-4657d17f15bb.kainuu.1";
  EXPECT_EQ(*members, (std::vector<MembershipInfo>{anna, ben_ended}));
  SQLite::Statement q((*db)->sqlite(), "SELECT case_id, link, body_text, body_html FROM messages");
  int messages = 0;
  while (q.executeStep()) {
    ++messages;
    EXPECT_EQ(q.getColumn(0).getString(), "r-4657d17f15bb.kainuu");
    EXPECT_EQ(q.getColumn(1).getString(), "/cases/r-4657d17f15bb.kainuu");
    for (int body : {2, 3}) {
      const std::string text = q.getColumn(body).getString();
      EXPECT_NE(text.find("https://verkosto.example.fi/cases/r-4657d17f15bb.kainuu"),
                std::string::npos)
          << text;
      EXPECT_EQ(text.find("r-4657d17f15bb/kainuu"), std::string::npos) << text;
    }
  }
  EXPECT_EQ(messages, static_cast<int>(*recorded));
}

TEST_F(NotificationRepositoryTest, ReadModelRoundTrips) {
  auto areas = Repo().LoadAreas();
  ASSERT_TRUE(areas.ok());
  EXPECT_EQ(*areas, testing::Areas());
  auto network = Repo().FindNetwork("osaamisverkosto");
  ASSERT_TRUE(network.ok() && network->has_value());
  EXPECT_EQ(**network, testing::Network());
  // A later event without the creator keeps it.
  NetworkInfo changed = testing::Network();
  changed.created_by.clear();
  changed.status = "closed";
  ASSERT_TRUE(Repo().UpsertNetwork(changed).ok());
  EXPECT_EQ((*Repo().FindNetwork("osaamisverkosto"))->created_by, "keha-anna");
}

TEST_F(NotificationRepositoryTest, SameEventTwiceIsRecordedOnce) {
  const Notice notice = Approved();
  EXPECT_EQ(Record("nominations:7", notice), 3u);
  EXPECT_EQ(Record("nominations:7", notice), 3u);
  EXPECT_EQ(Inbox("email:maija@kajaani.fi").size(), 1u);
  EXPECT_EQ(Deliveries("email:maija@kajaani.fi").size(), 1u);
  EXPECT_EQ(Inbox("user:keha-anna").size(), 1u);
}

TEST_F(NotificationRepositoryTest, LanguageIsThePersonsElseTheAreasAndPreferencesWin) {
  ASSERT_TRUE(
      Repo().SetPreferences({"user:keha-anna", Language::kEn, EmailMode::kImmediate, ""}, 1).ok());
  Record("nominations:7", Approved());
  // pohjanmaa is Swedish-speaking in the fixture.
  const auto maija = Inbox("email:maija@kajaani.fi");
  ASSERT_EQ(maija.size(), 1u);
  EXPECT_EQ(maija[0].language, "sv");
  EXPECT_EQ(maija[0].subject, "Du har utsetts till nätverket Kompetensnätverket");
  EXPECT_EQ(maija[0].link, "/cases/c-1");
  EXPECT_EQ(maija[0].case_id, "c-1");
  EXPECT_EQ(maija[0].network_code, "osaamisverkosto");
  EXPECT_EQ(Inbox("email:pekka@kajaani.fi")[0].language, "en");
  EXPECT_EQ(Inbox("user:keha-anna")[0].language, "en");
}

TEST_F(NotificationRepositoryTest, EmailFollowsThePreferenceAndUnknownAddressesAreInboxOnly) {
  ASSERT_TRUE(
      Repo()
          .SetPreferences({"email:maija@kajaani.fi", std::nullopt, EmailMode::kDailyDigest, ""}, 1)
          .ok());
  ASSERT_TRUE(Repo()
                  .SetPreferences({"email:pekka@kajaani.fi", std::nullopt, EmailMode::kNone, ""}, 1)
                  .ok());
  Record("nominations:7", Approved());
  EXPECT_EQ(Deliveries("email:maija@kajaani.fi")[0].status, DeliveryStatus::kDigest);
  EXPECT_EQ(Deliveries("email:pekka@kajaani.fi")[0].status, DeliveryStatus::kSkipped);
  const auto keha = Deliveries("user:keha-anna");
  ASSERT_EQ(keha.size(), 1u);
  EXPECT_EQ(keha[0].status, DeliveryStatus::kSkipped);
  EXPECT_EQ(keha[0].address, "");

  // With an address in the preferences, the coordinator gets e-mail too.
  ASSERT_TRUE(
      Repo()
          .SetPreferences(
              {"user:keha-anna", std::nullopt, EmailMode::kImmediate, "anna@keha.example.fi"}, 2)
          .ok());
  Notice declined = testing::CaseNotice(Topic::kCaseDeclined);
  Record("nominations:8", declined);
  const auto after = Deliveries("user:keha-anna");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].address, "anna@keha.example.fi");
  EXPECT_EQ(after[0].status, DeliveryStatus::kPending);
}

TEST_F(NotificationRepositoryTest, InboxIsScopedToTheMailboxes) {
  Record("nominations:7", Approved());
  const int64_t maija = Inbox("email:maija@kajaani.fi")[0].id;
  const int64_t keha = Inbox("user:keha-anna")[0].id;
  EXPECT_EQ(*Repo().UnreadCount({"email:maija@kajaani.fi", "user:nobody"}), 1u);
  // Someone else's id is not marked.
  EXPECT_EQ(*Repo().MarkRead({"email:maija@kajaani.fi"}, {keha}, false, 5), 0u);
  EXPECT_EQ(*Repo().MarkRead({"email:maija@kajaani.fi"}, {maija}, false, 5), 1u);
  EXPECT_EQ(*Repo().MarkRead({"email:maija@kajaani.fi"}, {maija}, false, 6), 0u);
  EXPECT_EQ(*Repo().UnreadCount({"email:maija@kajaani.fi"}), 0u);
  EXPECT_EQ(*Repo().UnreadCount({"user:keha-anna"}), 1u);
  EXPECT_TRUE(Repo().ListInbox({"email:maija@kajaani.fi"}, true, page::PageRequest{})->empty());
  EXPECT_EQ(*Repo().MarkRead({"user:keha-anna"}, {}, true, 7), 1u);
}

// An inbox of several mailboxes (KEHA: its own and its address) pages newest
// first across all of them: each mailbox is read on its index and the pages
// merge, with every message once, in (created_us, id) order (issue 16).
TEST_F(NotificationRepositoryTest, InboxOfSeveralMailboxesPagesNewestFirstAcrossThem) {
  for (int i = 0; i < 7; ++i) {
    Record("nominations:" + std::to_string(100 + i), Approved());
    clock_.Advance(std::chrono::seconds(i % 2 == 0 ? 0 : 1));
  }
  const std::vector<std::string> mailboxes{"user:keha-anna", "email:maija@kajaani.fi",
                                           "user:nobody"};
  for (const bool unread_only : {false, true}) {
    if (unread_only) {
      const int64_t newest_maija = Inbox("email:maija@kajaani.fi")[0].id;
      ASSERT_EQ(*Repo().MarkRead({"email:maija@kajaani.fi"}, {newest_maija}, false, 5), 1u);
    }
    std::vector<MessageRow> all;
    page::PageRequest request;
    request.size = 3;
    for (int pages = 0; pages < 10; ++pages) {
      auto rows = Repo().ListInbox(mailboxes, unread_only, request);
      ASSERT_TRUE(rows.ok()) << rows.status().ToString();
      // fetch() asks one more than the page, to tell whether another follows.
      const bool more = rows->size() > request.size;
      if (more) rows->pop_back();
      all.insert(all.end(), rows->begin(), rows->end());
      if (!more) break;
      request.after = {page::KeyOf(all.back().created_us), page::KeyOf(all.back().id)};
    }
    ASSERT_EQ(all.size(), unread_only ? 13u : 14u);
    std::set<int64_t> ids;
    for (size_t i = 0; i < all.size(); ++i) {
      EXPECT_TRUE(ids.insert(all[i].id).second) << "message " << all[i].id << " twice";
      EXPECT_NE(all[i].mailbox, "user:nobody");
      if (i > 0) {
        EXPECT_TRUE(std::pair(all[i - 1].created_us, all[i - 1].id) >
                    std::pair(all[i].created_us, all[i].id))
            << "out of order at " << i;
      }
    }
  }
}

// The unread count is kept by triggers (migration 0008): it follows each
// new message, a message read, a repeated event and a message removed.
TEST_F(NotificationRepositoryTest, UnreadCountFollowsInsertsReadsAndRemovals) {
  const std::vector<std::string> keha{"user:keha-anna", "user:nobody"};
  EXPECT_EQ(*Repo().UnreadCount(keha), 0u);
  Record("nominations:1", Approved());
  Record("nominations:2", Approved());
  Record("nominations:2", Approved());  // the same event again: recorded once
  EXPECT_EQ(*Repo().UnreadCount(keha), 2u);
  EXPECT_EQ(*Repo().UnreadCount({"email:maija@kajaani.fi"}), 2u);
  const std::vector<MessageRow> inbox = Inbox("user:keha-anna");
  ASSERT_EQ(inbox.size(), 2u);
  EXPECT_EQ(*Repo().MarkRead(keha, {inbox[0].id}, false, 5), 1u);
  EXPECT_EQ(*Repo().UnreadCount(keha), 1u);
  EXPECT_EQ(*Repo().MarkRead(keha, {inbox[0].id}, false, 6), 0u);  // read already
  EXPECT_EQ(*Repo().UnreadCount(keha), 1u);
  auto removed = Repo().DeleteMessages({inbox[0].id, inbox[1].id});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*Repo().UnreadCount(keha), 0u);
  EXPECT_EQ(*Repo().UnreadCount({"email:maija@kajaani.fi"}), 2u);
  EXPECT_EQ(*Repo().MarkRead({"email:maija@kajaani.fi"}, {}, true, 7), 2u);
  EXPECT_EQ(*Repo().UnreadCount({"email:maija@kajaani.fi"}), 0u);
}

TEST_F(NotificationRepositoryTest, TermNoticeGoesOutOncePerTermEnd) {
  ASSERT_TRUE(Repo().SetTermNoticeFor("osaamisverkosto", "2026-12-31").ok());
  auto open = Repo().OpenNetworksWithTermEnd();
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().second, "2026-12-31");
}

TEST_F(NotificationRepositoryTest, RetentionFindsOldMessagesAndDeletesThemWithTheirDeliveries) {
  const int64_t sent = AddMail("nominations:1", "maija@kajaani.fi", DeliveryStatus::kSent);
  const int64_t pending = AddMail("nominations:2", "pekka@kajaani.fi", DeliveryStatus::kPending);
  const int64_t digest = AddMail("nominations:3", "liisa@kajaani.fi", DeliveryStatus::kDigest);
  ASSERT_TRUE(Repo()
                  .RecordAttempt(OnlyDeliveryOf(sent), {ToMicros(clock_.Now()), true, "250 OK"},
                                 DeliveryStatus::kSent, 0, "id-1")
                  .ok());
  clock_.Advance(std::chrono::hours(1));
  const int64_t newer = AddMail("nominations:4", "maija@kajaani.fi", DeliveryStatus::kSkipped);

  auto old = Repo().MessagesCreatedBefore(ToMicros(clock_.Now()));
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ASSERT_EQ(old->size(), 3u) << "the newer one is not older than the cutoff";
  EXPECT_EQ((*old)[0], (MessageAge{sent, testing::Noon(), true}));
  EXPECT_EQ((*old)[1], (MessageAge{pending, testing::Noon(), false}));
  EXPECT_EQ((*old)[2], (MessageAge{digest, testing::Noon(), false})) << "no digest carried it yet";

  auto removed = Repo().DeleteMessages({sent, 999});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, (RemovedRows{1, 1, 1}));
  EXPECT_TRUE(Inbox("email:maija@kajaani.fi").size() == 1u &&
              Inbox("email:maija@kajaani.fi")[0].id == newer);
  EXPECT_EQ(Deliveries("email:maija@kajaani.fi").size(), 1u);
  EXPECT_EQ(db_->sqlite().execAndGet("SELECT COUNT(*) FROM delivery_attempts").getInt(), 0);
  EXPECT_EQ(*Repo().DeleteMessages({sent}), RemovedRows{}) << "gone is gone";
}

TEST_F(NotificationRepositoryTest, RetentionKnowsWhichDeliveriesAreFinished) {
  AddMail("nominations:1", "maija@kajaani.fi", DeliveryStatus::kPending);
  const int64_t id = Deliveries("email:maija@kajaani.fi")[0].id;
  EXPECT_EQ(*Repo().DeliveryFinishedById(id), std::optional<bool>(false));
  ASSERT_TRUE(
      Repo().RecordAttempt(id, {1, false, "554 no"}, DeliveryStatus::kFailed, 0, "id-1").ok());
  EXPECT_EQ(*Repo().DeliveryFinishedById(id), std::optional<bool>(true));
  EXPECT_EQ(*Repo().DeliveryFinishedById(id + 100), std::nullopt);
}

TEST_F(NotificationRepositoryTest, AnUnknownStoredStatusOrModeIsInternalNotADefault) {
  AddMail("nominations:1", "maija@kajaani.fi", DeliveryStatus::kPending);
  ASSERT_TRUE(
      Repo().SetPreferences({"user:keha-anna", std::nullopt, EmailMode::kNone, ""}, 1).ok());
  // As a newer program might have written them (past the schema's CHECKs).
  db_->sqlite().exec("PRAGMA ignore_check_constraints = ON");
  db_->sqlite().exec("UPDATE deliveries SET status = 'bounced'");
  db_->sqlite().exec("UPDATE preferences SET email_mode = 'weekly'");
  DeliveryFilter filter;
  const auto deliveries = Repo().ListDeliveries(filter);
  ASSERT_FALSE(deliveries.ok());
  EXPECT_EQ(deliveries.status().code(), ErrorCode::kInternal);
  EXPECT_NE(deliveries.status().message().find("bounced"), std::string::npos);
  const auto prefs = Repo().GetPreferences("user:keha-anna");
  ASSERT_FALSE(prefs.ok());
  EXPECT_EQ(prefs.status().code(), ErrorCode::kInternal);
}

TEST_F(NotificationRepositoryTest, RetentionDeletesOldDigestRecordsAndMemberContacts) {
  AddMail("nominations:1", "maija@kajaani.fi", DeliveryStatus::kDigest);
  const int64_t id = Deliveries("email:maija@kajaani.fi")[0].id;
  ASSERT_TRUE(Repo()
                  .MarkDigested("email:maija@kajaani.fi", "maija@kajaani.fi", {id}, "2026-03-02",
                                {1, true, "250"})
                  .ok());
  EXPECT_EQ(*Repo().DeleteDigestsSentBefore("2026-03-02"), 0u);
  EXPECT_EQ(*Repo().DeleteDigestsSentBefore("2026-03-03"), 1u);
  EXPECT_FALSE(*Repo().DigestSentOn("email:maija@kajaani.fi", "maija@kajaani.fi", "2026-03-02"));

  MembershipInfo m;
  m.membership_id = "r-1.pohjanmaa.1";
  m.network_code = "osaamisverkosto";
  m.area = AreaCode("pohjanmaa");
  m.person.name = "Maija";
  m.person.email = "maija@kajaani.fi";
  m.person.language = Language::kSv;
  m.started = "2026-03-01";
  m.ended = "2026-12-31";
  m.end_reason = EndReason::kTermEnded;
  ASSERT_TRUE(Repo().UpsertMembership(m).ok());
  ASSERT_TRUE(Repo().RemoveMembershipContact("r-1.pohjanmaa.1").ok());
  ASSERT_TRUE(Repo().RemoveMembershipContact("unknown").ok());
  auto members = Repo().MembershipsOf("osaamisverkosto");
  ASSERT_TRUE(members.ok() && members->size() == 1u);
  EXPECT_EQ((*members)[0].person.email, "");
  EXPECT_EQ((*members)[0].person.language, std::nullopt);
  EXPECT_EQ((*members)[0].end_reason, EndReason::kTermEnded);
  EXPECT_EQ((*members)[0].person.name, "Maija");
}

TEST_F(NotificationRepositoryTest, RemembersEachDailyJobsLastRun) {
  EXPECT_FALSE(Repo().LastDailyRun("retention")->has_value());
  ASSERT_TRUE(Repo().SetLastDailyRun("retention", *ParseIsoDate("2026-03-02")).ok());
  ASSERT_TRUE(Repo().SetLastDailyRun("retention", *ParseIsoDate("2026-03-03")).ok());
  EXPECT_EQ(**Repo().LastDailyRun("retention"), *ParseIsoDate("2026-03-03"));
}

}  // namespace
}  // namespace verkosto::notifications
