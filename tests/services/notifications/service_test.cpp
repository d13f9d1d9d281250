// The notifications service over real sockets: networks, nominations and
// notifications runtimes in one process, each on its own loop thread, wired
// like the executables. A nomination chain gives the right inbox entries per
// mailbox, in the right languages, and e-mail through the transport seam.
// The consumers are driven deterministically (Sync) with the loop stopped.
#include "notifications/service.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "core/date.h"
#include "delivery/smtp_server.h"
#include "messaging/rpc_client.h"
#include "testing/keys.h"
#include "testing/network_definition.h"
#include "testing/peers.h"
#include "testing/temp_dir.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/events.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::notifications {
namespace {

namespace pb = ::verkosto::notifications::v1;
namespace mpb = ::verkosto::nominations::v1;
namespace npb = ::verkosto::networks::v1;

TimePoint Start() {
  return HelsinkiStartOfDay(*ParseIsoDate("2026-03-02")) + std::chrono::hours(9);
}

Actor Make(const std::string& id, Role role, std::string area = {}, std::string email = {}) {
  return Actor{id, "Name of " + id, role, AreaCode(std::move(area)), {}, std::move(email)};
}
const Actor kKeha = Make("keha-1", Role::kKehaCoordinator);
const Actor kAdmin = Make("admin", Role::kAdmin);
const Actor kClerkKainuu = Make("clerk-kainuu", Role::kRegistryClerk, "kainuu-koillismaa");
const Actor kClerkHelsinki = Make("clerk-hki", Role::kRegistryClerk, "helsinki");
const Actor kDirectorKainuu = Make("dir-kainuu", Role::kAreaDirector, "kainuu-koillismaa");
const Actor kClerkPietarsaari = Make("clerk-pie", Role::kRegistryClerk, "pietarsaari");
const Actor kDirectorPietarsaari = Make("dir-pie", Role::kAreaDirector, "pietarsaari");
const Actor kMaija = Make("maija", Role::kNominee, "", "maija.makela@kajaani.fi");
const Actor kObserver = Make("obs", Role::kObserver, "", "maija.makela@kajaani.fi");

constexpr char kNetwork[] = "testiverkosto";

npb::NetworkDefinition Complete() { return verkosto::testing::CompleteNetworkDefinition(kNetwork); }

class NotificationsServiceTest : public ::testing::Test {
 protected:
  NotificationsServiceTest() : clock_(Start()) {}

  void SetUp() override {
    system_ = config::DefaultSystemConfig(dir_->path(), dir_->path(), 0);
    ASSERT_TRUE(verkosto::testing::ProvisionKeys(system_));
    system_.demo_data = false;
    system_.notifications.web_base_url = "https://verkosto.example.fi";
    AdjustConfig(system_);
    networks_ = Create("networks", verkosto::testing::NetworksPeer().migrations);
    ASSERT_TRUE(verkosto::testing::NetworksPeer().wire(*networks_, system_).ok());
    nominations_ = Create("nominations", verkosto::testing::NominationsPeer().migrations);
    ASSERT_TRUE(verkosto::testing::NominationsPeer().wire(*nominations_, system_).ok());
    notifications_ = Create("notifications", Migrations());
    ASSERT_TRUE(WireWith(*notifications_, system_, wired_, DeliveryOptions{}).ok());
    for (auto* rt : {networks_.get(), nominations_.get(), notifications_.get()}) {
      ASSERT_TRUE(rt->Start().ok());
    }
    networks_thread_ = std::thread([this] { networks_->Run(); });
    nominations_thread_ = std::thread([this] { nominations_->Run(); });
    notifications_thread_ = std::thread([this] { notifications_->Run(); });
  }

  // A fixture's own settings, before the services are wired.
  virtual void AdjustConfig(config::SystemConfig&) {}

  void TearDown() override {
    Stop(notifications_.get(), notifications_thread_);
    Stop(nominations_.get(), nominations_thread_);
    Stop(networks_.get(), networks_thread_);
  }

  std::unique_ptr<runtime::ServiceRuntime> Create(const std::string& name,
                                                  const std::vector<storage::Migration>& m) {
    auto rt = runtime::ServiceRuntime::Create(zmq_, system_, name, m, clock_);
    EXPECT_TRUE(rt.ok()) << rt.status().ToString();
    return rt.ok() ? std::move(rt).value() : nullptr;
  }

  static void Stop(runtime::ServiceRuntime* rt, std::thread& thread) {
    if (thread.joinable()) {
      rt->Stop();
      thread.join();
    }
  }

  // Applies every event not applied yet by `rt`'s consumers, with its loop
  // stopped (one thread per socket), then restarts the loop.
  void Sync(runtime::ServiceRuntime* rt, std::thread& thread,
            const std::vector<std::string>& producers,
            const std::function<void()>& while_stopped = {}) {
    Stop(rt, thread);
    for (const std::string& producer : producers) {
      messaging::EventConsumer* consumer = rt->consumer(producer);
      ASSERT_NE(consumer, nullptr);
      for (int round = 0; round < 100; ++round) {
        auto applied = consumer->SyncOnce(std::chrono::seconds(5));
        ASSERT_TRUE(applied.ok()) << applied.status().ToString();
        if (*applied == 0) break;
      }
    }
    if (while_stopped) while_stopped();
    thread = std::thread([rt] { rt->Run(); });
  }
  void SyncNominations() { Sync(nominations_.get(), nominations_thread_, {"networks"}); }
  // Applies the events, then waits until the service (its delivery worker)
  // has handed every due e-mail to the transport and recorded the result.
  void SyncNotifications() {
    Sync(notifications_.get(), notifications_thread_, {"networks", "nominations"});
    EXPECT_TRUE(WaitUntilNothingDue());
  }

  // The pending deliveries that are due now, as the service reports them.
  int DueCount() {
    pb::ListDeliveriesRequest pending;
    pending.set_status(pb::DELIVERY_STATUS_PENDING);
    pending.set_page_size(1000);
    const auto r = Call<pb::ListDeliveriesResponse>("notifications", kKeha, pending);
    if (!r.ok()) return -1;
    int due = 0;
    for (const pb::Delivery& d : r->deliveries()) {
      due += d.next_attempt_unix_us() <= ToMicros(clock_.Now()) ? 1 : 0;
    }
    return due;
  }

  // Bounded: asks the running service until nothing is due (each question
  // is a round trip through its loop).
  bool WaitUntilNothingDue() {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < give_up) {
      if (DueCount() == 0) return true;
    }
    return false;
  }

  template <typename Resp>
  Result<Resp> Call(const std::string& service, const Actor& actor,
                    const google::protobuf::Message& request) {
    messaging::ClientOptions options;
    options.endpoint = system_.services.at(service).rpc_endpoint;
    options.curve = verkosto::testing::CurveFor(system_, service, actor);
    messaging::RpcClient client(zmq_, options);
    return client.Call<Resp>(actor, request);
  }
  template <typename Resp>
  Resp Must(const std::string& service, const Actor& actor,
            const google::protobuf::Message& request) {
    auto r = Call<Resp>(service, actor, request);
    EXPECT_TRUE(r.ok()) << request.GetTypeName() << ": " << r.status().ToString();
    return r.ok() ? *r : Resp{};
  }
  pb::ListInboxResponse Inbox(const Actor& actor) {
    return Must<pb::ListInboxResponse>("notifications", actor, pb::ListInboxRequest{});
  }

  void OpenNetwork() {
    npb::CreateNetworkRequest create;
    *create.mutable_definition() = Complete();
    Must<npb::NetworkResponse>("networks", kKeha, create);
    npb::ProposeNetworkRequest propose;
    propose.set_network_code(kNetwork);
    Must<npb::NetworkResponse>("networks", kKeha, propose);
    npb::OpenNetworkRequest open;
    open.set_network_code(kNetwork);
    Must<npb::NetworkResponse>("networks", kKeha, open);
  }

  // KEHA's request to Kainuu for one member, due 30.4.2026.
  static mpb::SendRequestRequest KainuuRequest() {
    mpb::SendRequestRequest send;
    send.set_network_code(kNetwork);
    send.add_area_codes("kainuu-koillismaa");
    send.mutable_seats()->set_members(1);
    send.set_deadline("2026-04-30");
    send.set_covering_message("Pyydämme nimeämään edustajat.");
    return send;
  }

  // KEHA sends to Kainuu, the clerk registers, the director approves `email`;
  // returns the case id.
  std::string ApproveChain(const std::string& email, const std::string& keha_diary = {}) {
    mpb::SendRequestRequest send = KainuuRequest();
    send.set_keha_diary_number(keha_diary);
    const auto sent = Must<mpb::SendRequestResponse>("nominations", kKeha, send);
    if (sent.cases_size() != 1) return {};
    std::string case_id = sent.cases(0).case_id();
    mpb::RegisterCaseRequest reg;
    reg.set_case_id(case_id);
    reg.set_diary_number("KAI/12/2026");
    reg.set_date_received("2026-03-02");
    reg.set_organisation("Kajaanin kaupunki");
    Must<mpb::CaseResponse>("nominations", kClerkKainuu, reg);
    mpb::ApproveCaseRequest approve;
    approve.set_case_id(case_id);
    mpb::Nominee* n = approve.add_nominees();
    n->set_name("Maija Mäkelä");
    n->set_title("Kehittämispäällikkö");
    n->set_email(email);
    n->set_municipality("Kajaani");
    n->set_seat(mpb::SEAT_KIND_MEMBER);
    Must<mpb::CaseResponse>("nominations", kDirectorKainuu, approve);
    return case_id;
  }

  // Runs the term notices with the notifications loop stopped.
  size_t TermNotices() {
    size_t count = 0;
    Sync(notifications_.get(), notifications_thread_, {"networks", "nominations"}, [&] {
      auto n = RunTermNotices(*notifications_, system_.notifications.term_notice_days,
                              system_.notifications.web_base_url);
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      count = *n;
    });
    return count;
  }

  std::unique_ptr<verkosto::testing::TempDir> dir_ = std::make_unique<verkosto::testing::TempDir>();
  zmq::context_t zmq_;
  FakeClock clock_;
  config::SystemConfig system_;
  std::shared_ptr<InMemoryTransport> transport_ = std::make_shared<InMemoryTransport>();
  // The transport the service is wired with (a derived fixture may change it).
  std::shared_ptr<MailTransport> wired_ = transport_;
  std::unique_ptr<runtime::ServiceRuntime> networks_;
  std::unique_ptr<runtime::ServiceRuntime> nominations_;
  std::unique_ptr<runtime::ServiceRuntime> notifications_;
  std::thread networks_thread_;
  std::thread nominations_thread_;
  std::thread notifications_thread_;
};

// The subjects of `inbox` (messages of one sync may share a creation time,
// so their order is not the point).
std::multiset<std::string> Subjects(const pb::ListInboxResponse& inbox) {
  std::multiset<std::string> out;
  for (const pb::InboxItem& item : inbox.items()) out.insert(item.subject());
  return out;
}

TEST_F(NotificationsServiceTest, NominationChainReachesEachMailboxInItsLanguage) {
  // Real contacts for Kainuu; the other areas have none (inbox only).
  npb::SetAreaContactsRequest contacts;
  contacts.set_area_code("kainuu-koillismaa");
  contacts.mutable_registry_office()->set_name("Kajaanin kirjaamo");
  contacts.mutable_registry_office()->set_email("kirjaamo@kainuu.example.fi");
  contacts.mutable_director()->set_name("Johanna Johtaja");
  contacts.mutable_director()->set_email("johtaja@kainuu.example.fi");
  contacts.mutable_deputy()->set_name("Ville Varajohtaja");
  contacts.mutable_deputy()->set_email("varajohtaja@kainuu.example.fi");
  Must<npb::SetAreaContactsResponse>("networks", kAdmin, contacts);
  // The KEHA coordinator reads their messages in English.
  pb::SetPreferencesRequest english;
  english.set_language(common::v1::LANGUAGE_EN);
  Must<pb::SetPreferencesResponse>("notifications", kKeha, english);
  // Maija reads Swedish (set on her account before she is nominated: it
  // covers the e-mail mailbox of her nominations too). The nominations
  // service does not keep Nominee.language yet, so the preference carries it.
  pb::SetPreferencesRequest swedish;
  swedish.set_language(common::v1::LANGUAGE_SV);
  Must<pb::SetPreferencesResponse>("notifications", kMaija, swedish);

  OpenNetwork();
  SyncNominations();
  const auto sent = Must<mpb::SendRequestResponse>("nominations", kKeha, KainuuRequest());
  ASSERT_EQ(sent.cases_size(), 1);
  const std::string kainuu_case = sent.cases(0).case_id();
  mpb::RegisterCaseRequest reg;
  reg.set_case_id(kainuu_case);
  reg.set_diary_number("KAI/12/2026");
  reg.set_date_received("2026-03-02");
  reg.set_organisation("Kajaanin kaupunki");
  Must<mpb::CaseResponse>("nominations", kClerkKainuu, reg);
  mpb::ApproveCaseRequest approve;
  approve.set_case_id(kainuu_case);
  mpb::Nominee* maija = approve.add_nominees();
  maija->set_name("Maija Mäkelä");
  maija->set_email("Maija.Makela@Kajaani.fi");
  maija->set_title("Kehittämispäällikkö");
  maija->set_municipality("Kajaani");
  maija->set_seat(mpb::SEAT_KIND_MEMBER);
  maija->set_language(common::v1::LANGUAGE_SV);
  Must<mpb::CaseResponse>("nominations", kDirectorKainuu, approve);
  SyncNotifications();

  // The registry of Kainuu: the request, in Finnish (the area's language).
  const auto clerk = Inbox(kClerkKainuu);
  ASSERT_EQ(clerk.items_size(), 1);
  EXPECT_EQ(clerk.items(0).subject(), "Nimeämispyyntö kirjattavaksi: Testiverkosto");
  EXPECT_EQ(clerk.items(0).event_type(), "verkosto.nominations.v1.RequestSent");
  EXPECT_EQ(clerk.items(0).case_id(), kainuu_case);
  EXPECT_EQ(clerk.items(0).link(), "/cases/" + kainuu_case);
  EXPECT_EQ(clerk.unread_count(), 1u);
  // Another area's registry: nothing.
  EXPECT_EQ(Inbox(kClerkHelsinki).items_size(), 0);
  // The leadership of Kainuu: the proposal and the opening (every area's is
  // told, by the standard communication plan) and the registered case.
  const auto director = Inbox(kDirectorKainuu);
  ASSERT_EQ(director.items_size(), 3);
  EXPECT_EQ(director.items(0).subject(), "Päätettävänä: nimeäminen verkostoon Testiverkosto");
  EXPECT_EQ(Subjects(director),
            (std::multiset<std::string>{"Päätettävänä: nimeäminen verkostoon Testiverkosto",
                                        "Verkosto avattu: Testiverkosto",
                                        "Uusi verkostoehdotus kommentoitavaksi: Testiverkosto"}));
  EXPECT_NE(director.items(0).body_text().find("KAI/12/2026"), std::string::npos);
  // KEHA: the approval, in English by their preference.
  const auto keha = Inbox(kKeha);
  ASSERT_EQ(keha.items_size(), 1);
  EXPECT_EQ(keha.items(0).subject(),
            "Nomination approved: Kainuu-Koillismaan työllisyysalue – Test network");
  EXPECT_NE(keha.items(0).body_text().find("Maija Mäkelä"), std::string::npos);
  // The nominee, by the e-mail of their nomination, in Swedish.
  const auto nominee = Inbox(kMaija);
  ASSERT_EQ(nominee.items_size(), 1);
  EXPECT_EQ(nominee.items(0).subject(), "Du har utsetts till nätverket Testnätverket");
  EXPECT_NE(nominee.items(0).body_text().find("Nätverkets mål:"), std::string::npos);
  EXPECT_NE(nominee.items(0).body_text().find("Nätverkets synpunkter och material"),
            std::string::npos);
  // An observer with the same e-mail sees only what is addressed to their account.
  EXPECT_EQ(Inbox(kObserver).items_size(), 0);

  // E-mail: to the addresses the areas' contacts and the nomination gave.
  std::set<std::pair<std::string, std::string>> mail;  // (to, subject)
  std::set<std::string> to;
  for (const OutgoingMail& m : transport_->sent()) {
    EXPECT_TRUE(mail.emplace(m.to, m.subject).second) << "twice: " << m.to << " " << m.subject;
    to.insert(m.to);
  }
  EXPECT_TRUE(
      mail.count({"kirjaamo@kainuu.example.fi", "Nimeämispyyntö kirjattavaksi: Testiverkosto"}));
  EXPECT_TRUE(mail.count(
      {"varajohtaja@kainuu.example.fi", "Päätettävänä: nimeäminen verkostoon Testiverkosto"}));
  EXPECT_TRUE(mail.count(
      {"johtaja@kainuu.example.fi", "Uusi verkostoehdotus kommentoitavaksi: Testiverkosto"}));
  EXPECT_TRUE(
      mail.count({"maija.makela@kajaani.fi", "Du har utsetts till nätverket Testnätverket"}));
  EXPECT_EQ(to.count("anna@keha.example.fi"), 0u);  // no participation decided
  // Every address got mail once per message: nobody else heard of Maija.
  size_t to_maija = 0;
  for (const OutgoingMail& m : transport_->sent()) to_maija += m.to == "maija.makela@kajaani.fi";
  EXPECT_EQ(to_maija, 1u);

  // Mark read: only one's own.
  pb::MarkReadRequest mark;
  mark.add_ids(nominee.items(0).id());
  EXPECT_EQ(Must<pb::MarkReadResponse>("notifications", kClerkKainuu, mark).marked(), 0u);
  EXPECT_EQ(Must<pb::MarkReadResponse>("notifications", kMaija, mark).marked(), 1u);
  pb::ListInboxRequest unread;
  unread.set_unread_only(true);
  const auto after = Must<pb::ListInboxResponse>("notifications", kMaija, unread);
  EXPECT_EQ(after.items_size(), 0);
  EXPECT_EQ(after.unread_count(), 0u);

  // The delivery log: KEHA sees all; the nominee only their own.
  const auto all =
      Must<pb::ListDeliveriesResponse>("notifications", kKeha, pb::ListDeliveriesRequest{});
  EXPECT_GT(all.deliveries_size(), 40);  // 45 proposal messages and the chain's
  const auto own =
      Must<pb::ListDeliveriesResponse>("notifications", kMaija, pb::ListDeliveriesRequest{});
  ASSERT_EQ(own.deliveries_size(), 1);
  EXPECT_EQ(own.deliveries(0).status(), pb::DELIVERY_STATUS_SENT);
  EXPECT_EQ(own.deliveries(0).address(), "maija.makela@kajaani.fi");
  ASSERT_EQ(own.deliveries(0).attempts_size(), 1);

  // Applying the streams again changes nothing.
  const size_t mails = transport_->sent().size();
  SyncNotifications();
  EXPECT_EQ(Inbox(kDirectorKainuu).items_size(), 3);
  EXPECT_EQ(transport_->sent().size(), mails);
}

// Issue 20: the networks and nominations streams are not ordered with each
// other. A case event applied before the networks event that made its
// network known waits (the events before it commit) instead of writing a
// notice that names the network by its code; once networks is applied, it is
// recorded, once.
TEST_F(NotificationsServiceTest, ACaseEventAheadOfItsNetworkWaitsForItAndIsToldOnce) {
  // Notifications applies nothing until the test drives its consumers.
  Stop(notifications_.get(), notifications_thread_);
  OpenNetwork();
  SyncNominations();
  const auto sent = Must<mpb::SendRequestResponse>("nominations", kKeha, KainuuRequest());
  ASSERT_EQ(sent.cases_size(), 1);

  // Nominations first: everything before the request is applied, then the
  // request waits, saying why.
  messaging::EventConsumer* nominations = notifications_->consumer("nominations");
  ASSERT_NE(nominations, nullptr);
  Result<size_t> applied = nominations->SyncOnce(std::chrono::seconds(5));
  for (int round = 0; round < 10 && applied.ok(); ++round) {
    applied = nominations->SyncOnce(std::chrono::seconds(5));
  }
  ASSERT_FALSE(applied.ok()) << "the request was applied without its network";
  EXPECT_EQ(applied.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(applied.status().message().find(
                "network 'testiverkosto' is not known yet: its networks events have not been "
                "applied"),
            std::string::npos)
      << applied.status().ToString();
  const uint64_t waiting_at = nominations->Cursor();
  {
    SQLite::Database db(system_.services.at("notifications").database, SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM messages").getInt64(), 0);
  }
  notifications_thread_ = std::thread([this] { notifications_->Run(); });

  // Networks, then nominations again: the request is told, by the network's name.
  SyncNotifications();
  EXPECT_GT(nominations->Cursor(), waiting_at);
  const auto clerk = Inbox(kClerkKainuu);
  ASSERT_EQ(clerk.items_size(), 1);
  EXPECT_EQ(clerk.items(0).subject(), "Nimeämispyyntö kirjattavaksi: Testiverkosto");
  EXPECT_EQ(clerk.items(0).case_id(), sent.cases(0).case_id());
}

// Pietarsaari lists Swedish first (sv;fi in the reference data): its
// registry's and leadership's messages are in Swedish, with no preference set.
TEST_F(NotificationsServiceTest, ASwedishMajorityAreasRegistryIsToldInSwedish) {
  OpenNetwork();
  SyncNominations();
  mpb::SendRequestRequest send;
  send.set_network_code(kNetwork);
  send.add_area_codes("pietarsaari");
  send.mutable_seats()->set_members(1);
  send.set_deadline("2026-04-30");
  send.set_covering_message("Pyydämme nimeämään edustajat.");
  const auto sent = Must<mpb::SendRequestResponse>("nominations", kKeha, send);
  ASSERT_EQ(sent.cases_size(), 1);
  SyncNotifications();
  const auto clerk = Inbox(kClerkPietarsaari);
  ASSERT_EQ(clerk.items_size(), 1);
  EXPECT_EQ(clerk.items(0).subject(), "Begäran om nominering att registrera: Testnätverket");
  EXPECT_NE(clerk.items(0).body_text().find("Bästa registratorskontor"), std::string::npos);
  // Kainuu (fi) is Finnish as before.
  EXPECT_EQ(Subjects(Inbox(kDirectorKainuu)),
            (std::multiset<std::string>{"Uusi verkostoehdotus kommentoitavaksi: Testiverkosto",
                                        "Verkosto avattu: Testiverkosto"}));
  EXPECT_EQ(Subjects(Inbox(kDirectorPietarsaari)),
            (std::multiset<std::string>{"Nytt nätverksförslag att kommentera: Testnätverket",
                                        "Nätverket har öppnats: Testnätverket"}));
}

// Reminders per step, the escalation of a late registration and the overdue
// notice, from the nominations timers on a fake clock to each mailbox.
TEST_F(NotificationsServiceTest, RemindersEscalationAndOverdueReachEachStepsPeople) {
  npb::SetAreaContactsRequest contacts;
  contacts.set_area_code("kainuu-koillismaa");
  contacts.mutable_registry_office()->set_name("Kajaanin kirjaamo");
  contacts.mutable_registry_office()->set_email("kirjaamo@kainuu.example.fi");
  contacts.mutable_director()->set_name("Johanna Johtaja");
  contacts.mutable_director()->set_email("johtaja@kainuu.example.fi");
  Must<npb::SetAreaContactsResponse>("networks", kAdmin, contacts);
  OpenNetwork();
  SyncNominations();
  // Deadline Friday 2026-03-20: reminders on 2026-03-11 and 2026-03-18.
  mpb::SendRequestRequest send;
  send.set_network_code(kNetwork);
  send.add_area_codes("kainuu-koillismaa");
  send.add_area_codes("pietarsaari");
  send.mutable_seats()->set_members(1);
  send.set_deadline("2026-03-20");
  send.set_covering_message("Pyydämme nimeämään edustajat.");
  const auto sent = Must<mpb::SendRequestResponse>("nominations", kKeha, send);
  ASSERT_EQ(sent.cases_size(), 2);
  // Pietarsaari registers at once; Kainuu never does.
  mpb::RegisterCaseRequest reg;
  reg.set_case_id(sent.cases(1).case_id());
  ASSERT_EQ(sent.cases(1).area_code(), "pietarsaari");
  reg.set_diary_number("JAK/7/2026");
  reg.set_date_received("2026-03-02");
  reg.set_organisation("Jakobstad");
  Must<mpb::CaseResponse>("nominations", kClerkPietarsaari, reg);

  size_t fired = 0;
  for (const char* day : {"2026-03-11", "2026-03-18", "2026-03-23"}) {
    clock_.Set(HelsinkiStartOfDay(*ParseIsoDate(day)) + std::chrono::hours(8));
    Sync(nominations_.get(), nominations_thread_, {}, [&] {
      auto n = verkosto::testing::RunNominationsTimers(*nominations_);
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      fired += *n;
    });
  }
  EXPECT_EQ(fired, 6u) << "two reminders and the overdue notice for each case";
  SyncNotifications();

  // Kainuu's registry: the request, both registration reminders, the overdue notice.
  EXPECT_EQ(Subjects(Inbox(kClerkKainuu)),
            (std::multiset<std::string>{
                "Määräaika ylittynyt: nimeäminen verkostoon Testiverkosto",
                "Muistutus: kirjatkaa nimeämispyyntö verkostoon Testiverkosto, 2 työpäivää "
                "jäljellä",
                "Muistutus: kirjatkaa nimeämispyyntö verkostoon Testiverkosto, 7 työpäivää "
                "jäljellä",
                "Nimeämispyyntö kirjattavaksi: Testiverkosto"}));
  // Kainuu's leadership: no decision reminder (nothing to decide), but the
  // escalation at two working days, and the overdue notice.
  EXPECT_EQ(
      Subjects(Inbox(kDirectorKainuu)),
      (std::multiset<std::string>{"Määräaika ylittynyt: nimeäminen verkostoon Testiverkosto",
                                  "Kirjaaminen myöhässä: nimeämispyyntö verkostoon Testiverkosto",
                                  "Uusi verkostoehdotus kommentoitavaksi: Testiverkosto",
                                  "Verkosto avattu: Testiverkosto"}));
  // Pietarsaari (registered): the leadership is reminded of the decision, in Swedish.
  EXPECT_EQ(Subjects(Inbox(kDirectorPietarsaari)),
            (std::multiset<std::string>{
                "Svarstiden har gått ut: nominering till Testnätverket",
                "Påminnelse: beslut om nominering till Testnätverket, 2 arbetsdagar kvar",
                "Påminnelse: beslut om nominering till Testnätverket, 7 arbetsdagar kvar",
                "För beslut: nominering till Testnätverket",
                "Nytt nätverksförslag att kommentera: Testnätverket",
                "Nätverket har öppnats: Testnätverket"}));
  EXPECT_EQ(Subjects(Inbox(kClerkPietarsaari)),
            (std::multiset<std::string>{"Svarstiden har gått ut: nominering till Testnätverket",
                                        "Begäran om nominering att registrera: Testnätverket"}));
  // KEHA: the overdue notice of each case.
  const auto keha = Inbox(kKeha);
  ASSERT_EQ(keha.items_size(), 2);
  for (const pb::InboxItem& item : keha.items()) {
    EXPECT_EQ(item.event_type(), "verkosto.nominations.v1.CaseOverdue");
  }
  // E-mail to the addresses of Kainuu's contacts.
  std::set<std::pair<std::string, std::string>> mail;
  for (const OutgoingMail& m : transport_->sent()) mail.emplace(m.to, m.subject);
  EXPECT_TRUE(mail.count({"johtaja@kainuu.example.fi",
                          "Kirjaaminen myöhässä: nimeämispyyntö verkostoon Testiverkosto"}));
  EXPECT_TRUE(mail.count(
      {"kirjaamo@kainuu.example.fi", "Määräaika ylittynyt: nimeäminen verkostoon Testiverkosto"}));
}

TEST_F(NotificationsServiceTest, TermEndingNoticeGoesToMembersAndTheirLeadershipOnce) {
  OpenNetwork();
  SyncNominations();
  ASSERT_FALSE(ApproveChain("maija.makela@kajaani.fi").empty());
  SyncNotifications();
  // Term ends 2026-12-31: nothing in March, a notice 60 days before, once.
  EXPECT_EQ(TermNotices(), 0u);
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-11-01")) + std::chrono::hours(9));
  EXPECT_EQ(TermNotices(), 1u);
  EXPECT_EQ(TermNotices(), 0u);
  const auto maija = Inbox(kMaija);
  ASSERT_EQ(maija.items_size(), 2);
  EXPECT_EQ(maija.items(0).subject(), "Toimikautesi päättyy 31.12.2026: Testiverkosto");
  EXPECT_NE(maija.items(0).body_text().find("60 päivän kuluttua"), std::string::npos)
      << maija.items(0).body_text();
  EXPECT_EQ(maija.items(0).event_type(), "verkosto.notifications.TermEnding");
  const auto director = Inbox(kDirectorKainuu);
  ASSERT_GE(director.items_size(), 1);
  EXPECT_EQ(director.items(0).subject(), "Toimikausi päättyy 31.12.2026: Testiverkosto");
  // Another area's leadership has no member there: not told.
  const Actor helsinki = Make("dir-hki", Role::kAreaDirector, "helsinki");
  const auto other = Inbox(helsinki);
  for (const pb::InboxItem& item : other.items()) {
    EXPECT_EQ(item.subject().find("Toimikausi"), std::string::npos);
  }

  // The term ends: networks closes the network, nominations ends the
  // membership, and the member and the leadership hear of it.
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2027-01-01")) + std::chrono::hours(9));
  Stop(networks_.get(), networks_thread_);
  auto closed = verkosto::testing::CloseExpiredNetworks(*networks_);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(*closed, 1u);
  networks_thread_ = std::thread([this] { networks_->Run(); });
  SyncNominations();
  SyncNotifications();
  const auto ended = Inbox(kMaija);
  ASSERT_EQ(ended.items_size(), 3);
  EXPECT_EQ(ended.items(0).subject(), "Toimikautesi päättyi: Testiverkosto");
  EXPECT_EQ(ended.items(0).event_type(), "verkosto.networks.v1.NetworkClosed");
  EXPECT_EQ(Inbox(kDirectorKainuu).items(0).subject(), "Toimikausi päättyi: Testiverkosto");
}

// Turns the id fields of `message` (and of the messages in it) into the
// legacy form nominations wrote before its ids changed: '/' between the parts.
void MakeIdsLegacy(google::protobuf::Message* message) {
  const google::protobuf::Descriptor* d = message->GetDescriptor();
  const google::protobuf::Reflection* r = message->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = d->field(i);
    if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int j = 0; j < r->FieldSize(*message, f); ++j) {
          MakeIdsLegacy(r->MutableRepeatedMessage(message, f, j));
        }
      } else if (r->HasField(*message, f)) {
        MakeIdsLegacy(r->MutableMessage(message, f));
      }
    } else if (!f->is_repeated() && f->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
               (f->name() == "case_id" || f->name() == "membership_id" ||
                f->name() == "replaced_membership_id" || f->name() == "replaced_by")) {
      std::string id = r->GetString(*message, f);
      std::replace(id.begin(), id.end(), '.', '/');
      r->SetString(message, f, id);
    }
  }
}

TEST_F(NotificationsServiceTest, EventsWrittenBeforeTheIdsChangedMakeRowsLaterEventsFind) {
  OpenNetwork();
  SyncNominations();
  const std::string case_id = ApproveChain("maija.makela@kajaani.fi");
  ASSERT_FALSE(case_id.empty());
  // Nominations' outbox as the old code wrote it: every id in the legacy form.
  Stop(nominations_.get(), nominations_thread_);
  {
    SQLite::Database db(system_.services.at("nominations").database, SQLite::OPEN_READWRITE);
    SQLite::Statement rows(db, "SELECT seq, type, payload FROM outbox");
    SQLite::Statement update(db, "UPDATE outbox SET payload = ? WHERE seq = ?");
    int rewritten = 0;
    while (rows.executeStep()) {
      const google::protobuf::Descriptor* type =
          google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
              rows.getColumn(1).getString());
      ASSERT_NE(type, nullptr) << rows.getColumn(1).getString();
      std::unique_ptr<google::protobuf::Message> event(
          google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
      const SQLite::Column payload = rows.getColumn(2);
      ASSERT_TRUE(event->ParseFromArray(payload.getBlob(), payload.getBytes()));
      const std::string before = event->SerializeAsString();
      MakeIdsLegacy(event.get());
      const std::string after = event->SerializeAsString();
      if (after == before) continue;
      update.reset();
      update.bind(1, after.data(), static_cast<int>(after.size()));
      update.bind(2, rows.getColumn(0).getInt64());
      update.exec();
      ++rewritten;
    }
    ASSERT_GE(rewritten, 3);  // sent, registered, approved, membership started
  }
  nominations_thread_ = std::thread([this] { nominations_->Run(); });
  SyncNotifications();

  // Then, with current ids, Maija resigns.
  mpb::RecordResignationRequest resign;
  resign.set_membership_id(case_id + ".1");
  resign.set_date("2026-03-02");
  resign.set_reason("Uusi työ");
  Must<mpb::MembershipResponse>("nominations", kDirectorKainuu, resign);
  SyncNotifications();

  SQLite::Database db(system_.services.at("notifications").database, SQLite::OPEN_READONLY);
  SQLite::Statement members(db, "SELECT membership_id, ended FROM memberships");
  ASSERT_TRUE(members.executeStep());
  EXPECT_EQ(members.getColumn(0).getString(), case_id + ".1");
  EXPECT_EQ(members.getColumn(1).getString(), "2026-03-02") << "the resignation found her row";
  EXPECT_FALSE(members.executeStep()) << "one membership, one row";
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM messages "
                          "WHERE instr(case_id, '/') > 0 OR link LIKE '/cases/%/%'")
                .getInt(),
            0);
  const auto clerk = Inbox(kClerkKainuu);
  ASSERT_GE(clerk.items_size(), 1);
  EXPECT_EQ(clerk.items(0).case_id(), case_id);
  EXPECT_EQ(clerk.items(0).link(), "/cases/" + case_id);
}

TEST_F(NotificationsServiceTest, BadRequestsNameTheField) {
  auto mark = Call<pb::MarkReadResponse>("notifications", kMaija, pb::MarkReadRequest{});
  EXPECT_EQ(mark.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(mark.status().field(), "ids");
  pb::MarkReadRequest bad_id;
  bad_id.add_ids("abc");
  EXPECT_EQ(Call<pb::MarkReadResponse>("notifications", kMaija, bad_id).status().field(), "ids");
  pb::SetPreferencesRequest german;
  german.set_language(static_cast<common::v1::Language>(9));  // a number no language has
  auto lang = Call<pb::SetPreferencesResponse>("notifications", kMaija, german);
  EXPECT_EQ(lang.status().field(), "language");
  pb::SetPreferencesRequest other;
  other.set_mailbox("registry:helsinki");
  other.set_language(common::v1::LANGUAGE_FI);
  EXPECT_EQ(Call<pb::SetPreferencesResponse>("notifications", kMaija, other).status().field(),
            "mailbox");
  pb::SetPreferencesRequest email;
  email.set_email("not an address");
  EXPECT_EQ(Call<pb::SetPreferencesResponse>("notifications", kKeha, email).status().field(),
            "email");
  pb::ListDeliveriesRequest others;
  others.set_mailbox("registry:helsinki");
  EXPECT_EQ(Call<pb::ListDeliveriesResponse>("notifications", kMaija, others).status().field(),
            "mailbox");
}

TEST_F(NotificationsServiceTest, PreferencesAreKeptPerMailbox) {
  pb::SetPreferencesRequest set;
  set.set_language(common::v1::LANGUAGE_SV);
  set.set_email_mode(pb::EMAIL_MODE_DAILY_DIGEST);
  set.set_email("Keha.One@Keha.example.fi");
  const auto changed = Must<pb::SetPreferencesResponse>("notifications", kKeha, set);
  ASSERT_EQ(changed.preferences_size(), 1);
  EXPECT_EQ(changed.preferences(0).mailbox(), "user:keha-1");
  EXPECT_EQ(changed.preferences(0).email(), "keha.one@keha.example.fi");
  const auto got =
      Must<pb::GetPreferencesResponse>("notifications", kKeha, pb::GetPreferencesRequest{});
  ASSERT_EQ(got.preferences_size(), 1);
  EXPECT_EQ(got.preferences(0).language(), common::v1::LANGUAGE_SV);
  EXPECT_EQ(got.preferences(0).email_mode(), pb::EMAIL_MODE_DAILY_DIGEST);
  // The nominee's personal mailboxes: the account and the e-mail.
  const auto nominee = Must<pb::SetPreferencesResponse>("notifications", kMaija, set);
  EXPECT_EQ(nominee.preferences_size(), 2);
}

// A transport whose sends wait, until the test releases them: a slow SMTP
// server, deterministically.
class HeldTransport final : public MailTransport {
 public:
  SendResult Send(const OutgoingMail& mail) override {
    std::unique_lock<std::mutex> lock(mu_);
    calls_.push_back(mail);
    ++in_send_;
    max_in_send_ = std::max(max_in_send_, in_send_);
    cv_.notify_all();
    cv_.wait(lock, [&] { return !held_; });
    --in_send_;
    ++returned_;
    cv_.notify_all();
    return {SendOutcome::kSent, "250 OK (held)"};
  }
  std::string Describe() const override { return "held"; }

  // Waits (bounded) until a send is in progress.
  bool WaitForSend() {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(30), [&] { return in_send_ > 0; });
  }
  // Waits (bounded) until `n` sends have returned.
  bool WaitReturned(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(30), [&] { return returned_ >= n; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    held_ = false;
    cv_.notify_all();
  }
  std::vector<OutgoingMail> calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  int max_in_send() const {
    std::lock_guard<std::mutex> lock(mu_);
    return max_in_send_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool held_ = true;
  int in_send_ = 0;
  int max_in_send_ = 0;
  size_t returned_ = 0;
  std::vector<OutgoingMail> calls_;
};

class NotificationsSlowMailTest : public NotificationsServiceTest {
 protected:
  NotificationsSlowMailTest() { wired_ = held_; }
  void TearDown() override {
    held_->Release();
    NotificationsServiceTest::TearDown();
  }

  // Kainuu's leadership has e-mail addresses (a proposal goes to every
  // area's leadership: many e-mails).
  void KainuuContacts() {
    npb::SetAreaContactsRequest contacts;
    contacts.set_area_code("kainuu-koillismaa");
    contacts.mutable_director()->set_name("Johanna Johtaja");
    contacts.mutable_director()->set_email("johtaja@kainuu.example.fi");
    contacts.mutable_deputy()->set_name("Ville Varajohtaja");
    contacts.mutable_deputy()->set_email("varajohtaja@kainuu.example.fi");
    Must<npb::SetAreaContactsResponse>("networks", kAdmin, contacts);
  }

  // Bounded: asks the running service until the director's inbox has `n` items.
  bool WaitForInbox(const Actor& actor, int n) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < give_up) {
      auto inbox = Call<pb::ListInboxResponse>("notifications", actor, pb::ListInboxRequest{});
      if (inbox.ok() && inbox->items_size() >= n) return true;
    }
    return false;
  }

  // Every e-mail delivery, from the service.
  std::vector<pb::Delivery> EmailDeliveries() {
    pb::ListDeliveriesRequest all;
    all.set_page_size(1000);
    const auto r = Must<pb::ListDeliveriesResponse>("notifications", kKeha, all);
    std::vector<pb::Delivery> out;
    for (const pb::Delivery& d : r.deliveries()) {
      if (!d.address().empty()) out.push_back(d);
    }
    return out;
  }

  std::shared_ptr<HeldTransport> held_ = std::make_shared<HeldTransport>();
};

TEST_F(NotificationsSlowMailTest, WhileASendIsStuckTheServiceStillAnswersAndAppliesEvents) {
  KainuuContacts();
  OpenNetwork();
  // The proposal's notices are recorded; the loop hands the first of its
  // e-mails to the worker, and the transport holds it.
  Sync(notifications_.get(), notifications_thread_, {"networks", "nominations"});
  ASSERT_TRUE(held_->WaitForSend());

  // The loop still answers queries (the proposal and, by the standard
  // communication plan, the opening)...
  const auto inbox = Inbox(kDirectorKainuu);
  ASSERT_EQ(inbox.items_size(), 2);
  const size_t per_proposal = EmailDeliveries().size();
  ASSERT_GE(per_proposal, 2u);
  // ...and applies events: a second network is proposed and opened and
  // reaches the director's inbox while the first e-mail is still stuck.
  npb::CreateNetworkRequest create;
  *create.mutable_definition() = verkosto::testing::CompleteNetworkDefinition("toinenverkosto");
  Must<npb::NetworkResponse>("networks", kKeha, create);
  npb::ProposeNetworkRequest propose;
  propose.set_network_code("toinenverkosto");
  Must<npb::NetworkResponse>("networks", kKeha, propose);
  npb::OpenNetworkRequest open;
  open.set_network_code("toinenverkosto");
  Must<npb::NetworkResponse>("networks", kKeha, open);
  ASSERT_TRUE(WaitForInbox(kDirectorKainuu, 4));
  EXPECT_EQ(EmailDeliveries().size(), 2 * per_proposal);
  // Nothing was recorded for the stuck e-mail, and nothing else was sent.
  for (const pb::Delivery& d : EmailDeliveries()) {
    EXPECT_EQ(d.status(), pb::DELIVERY_STATUS_PENDING);
    EXPECT_EQ(d.attempt_count(), 0u);
  }
  EXPECT_EQ(held_->calls().size(), 1u);

  // Released: every e-mail goes out once, one at a time, each outcome
  // recorded exactly once.
  held_->Release();
  ASSERT_TRUE(WaitUntilNothingDue());
  const auto deliveries = EmailDeliveries();
  ASSERT_EQ(deliveries.size(), 2 * per_proposal);
  for (const pb::Delivery& d : deliveries) {
    EXPECT_EQ(d.status(), pb::DELIVERY_STATUS_SENT) << d.address();
    EXPECT_EQ(d.attempt_count(), 1u);
    EXPECT_EQ(d.attempts_size(), 1);
  }
  const auto calls = held_->calls();
  EXPECT_EQ(calls.size(), 2 * per_proposal);
  std::set<std::string> ids;
  for (const OutgoingMail& m : calls) {
    EXPECT_TRUE(ids.insert(m.message_id).second) << "sent twice: " << m.message_id;
  }
  EXPECT_EQ(held_->max_in_send(), 1);
}

TEST_F(NotificationsSlowMailTest, ShutdownAbandonsTheSendInProgressAndARestartSendsItAgain) {
  KainuuContacts();
  OpenNetwork();
  Sync(notifications_.get(), notifications_thread_, {"networks", "nominations"});
  ASSERT_TRUE(held_->WaitForSend());
  const std::string stuck = held_->calls().at(0).message_id;
  const size_t mails = EmailDeliveries().size();

  // The service stops with the send in progress: stopping does not wait
  // for it.
  Stop(notifications_.get(), notifications_thread_);
  notifications_.reset();
  // The abandoned send returns after the service is gone; its result is dropped.
  held_->Release();
  ASSERT_TRUE(held_->WaitReturned(1));

  // Restarted (same database, another transport): the abandoned e-mail is
  // still pending and goes out again, with the same Message-ID (at least once);
  // each delivery has exactly the one attempt of the restarted service.
  wired_ = transport_;
  notifications_ = Create("notifications", Migrations());
  ASSERT_NE(notifications_, nullptr);
  ASSERT_TRUE(WireWith(*notifications_, system_, wired_, DeliveryOptions{}).ok());
  ASSERT_TRUE(notifications_->Start().ok());
  notifications_thread_ = std::thread([this] { notifications_->Run(); });
  ASSERT_TRUE(WaitUntilNothingDue());
  const auto deliveries = EmailDeliveries();
  ASSERT_EQ(deliveries.size(), mails);
  for (const pb::Delivery& d : deliveries) {
    EXPECT_EQ(d.status(), pb::DELIVERY_STATUS_SENT) << d.address();
    EXPECT_EQ(d.attempt_count(), 1u);
  }
  std::set<std::string> resent;
  for (const OutgoingMail& m : transport_->sent()) resent.insert(m.message_id);
  EXPECT_EQ(resent.size(), mails);
  EXPECT_EQ(transport_->sent().size(), mails);
  EXPECT_EQ(resent.count(stuck), 1u);
  EXPECT_EQ(held_->calls().size(), 1u);
}

// Retention over the running service (docs/retention.md): e-mail goes out as
// .eml files under the data directory's mail/, as with `verkosto up`; the
// job runs with the loop stopped, on the fake clock.
class NotificationsRetentionServiceTest : public NotificationsServiceTest {
 protected:
  NotificationsRetentionServiceTest() { wired_ = MakeEmlTransport(dir_->path() + "/mail"); }

  RetentionReport Retention() {
    RetentionReport report;
    Sync(notifications_.get(), notifications_thread_, {"networks", "nominations"}, [&] {
      auto r = RunRetention(*notifications_, RetentionPolicyOf(system_), MailDirOf(system_));
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      report = *r;
    });
    return report;
  }

  std::vector<std::string> MailFiles() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(MailDirOf(system_))) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::vector<pb::RetentionApplied> RetentionEvents() {
    SQLite::Database db(system_.services.at("notifications").database, SQLite::OPEN_READONLY);
    SQLite::Statement q(db,
                        "SELECT payload FROM outbox WHERE type = "
                        "'verkosto.notifications.v1.RetentionApplied' ORDER BY seq");
    std::vector<pb::RetentionApplied> events;
    while (q.executeStep()) {
      const SQLite::Column payload = q.getColumn(0);
      pb::RetentionApplied e;
      EXPECT_TRUE(e.ParseFromArray(payload.getBlob(), payload.getBytes()));
      events.push_back(std::move(e));
    }
    return events;
  }

  int DeliveryCount() {
    pb::ListDeliveriesRequest all;
    all.set_page_size(1000);
    return Must<pb::ListDeliveriesResponse>("notifications", kKeha, all).deliveries_size();
  }

  void Touch(const std::string& name) {
    std::ofstream(MailDirOf(system_) + "/" + name) << "not ours\n";
  }
};

TEST_F(NotificationsRetentionServiceTest, MailFilesThenMessagesAndDeliveriesGoInTimeAudited) {
  OpenNetwork();
  SyncNominations();
  ASSERT_FALSE(ApproveChain("maija.makela@kajaani.fi").empty());
  SyncNotifications();
  const std::vector<std::string> written = MailFiles();
  ASSERT_FALSE(written.empty());
  const int maija_messages = Inbox(kMaija).items_size();
  ASSERT_GE(maija_messages, 1);
  const int deliveries = DeliveryCount();
  ASSERT_GT(deliveries, 0);
  // Files the transport does not write stay; a mail of a delivery no longer
  // stored goes by its time like any other.
  Touch("notes.txt");
  const std::string stray = "20260302T070000-verkosto-99999-1_verkosto.invalid.eml";
  Touch(stray);

  EXPECT_TRUE(Retention().eml_files.empty()) << "nothing is 30 days old";
  clock_.Set(Start() + std::chrono::hours(24 * 29));
  EXPECT_TRUE(Retention().eml_files.empty());
  EXPECT_TRUE(RetentionEvents().empty()) << "a run that removed nothing records nothing";

  // 30 days after delivery the files go; the messages and deliveries stay.
  clock_.Set(Start() + std::chrono::hours(24 * 30));
  const RetentionReport files = Retention();
  std::vector<std::string> expected = written;
  expected.push_back(stray);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(files.eml_files, expected);
  EXPECT_EQ(files.rows, RemovedRows{});
  EXPECT_EQ(MailFiles(), std::vector<std::string>{"notes.txt"});
  EXPECT_EQ(Inbox(kMaija).items_size(), maija_messages);
  EXPECT_EQ(DeliveryCount(), deliveries);

  // Created 2026-03-02: kept through 2027-03-02, gone on 2027-03-03.
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2027-03-02")) + std::chrono::hours(9));
  EXPECT_EQ(Retention().rows.messages, 0u);
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2027-03-03")) + std::chrono::hours(9));
  const RetentionReport rows = Retention();
  EXPECT_TRUE(rows.ran);
  EXPECT_GT(rows.rows.messages, 0u);
  EXPECT_EQ(rows.rows.deliveries, static_cast<uint32_t>(deliveries));
  EXPECT_EQ(Inbox(kMaija).items_size(), 0);
  EXPECT_EQ(Inbox(kDirectorKainuu).items_size(), 0);
  EXPECT_EQ(Inbox(kClerkKainuu).items_size(), 0);
  EXPECT_EQ(DeliveryCount(), 0);
  EXPECT_FALSE(Retention().ran) << "once a day";

  // Each removal is in the audit trail, once.
  const std::vector<pb::RetentionApplied> events = RetentionEvents();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].run_date(), FormatIsoDate(HelsinkiDate(Start() + std::chrono::hours(720))));
  EXPECT_EQ(events[0].eml_files_count(), expected.size());
  EXPECT_EQ(std::vector<std::string>(events[0].eml_files().begin(), events[0].eml_files().end()),
            expected);
  EXPECT_EQ(events[0].messages_count(), 0u);
  EXPECT_EQ(events[1].run_date(), "2027-03-03");
  EXPECT_EQ(events[1].inbox_months(), 12u);
  EXPECT_EQ(events[1].messages_count(), rows.rows.messages);
  EXPECT_EQ(static_cast<uint32_t>(events[1].message_ids_size()), rows.rows.messages);
  EXPECT_EQ(events[1].deliveries_count(), rows.rows.deliveries);
  EXPECT_EQ(events[1].attempts_count(), rows.rows.attempts);
  EXPECT_EQ(events[1].cutoff_unix_us(), ToMicros(HelsinkiStartOfDay(*ParseIsoDate("2026-03-03"))));
  EXPECT_EQ(events[1].audit().actor(), "notifications");
  EXPECT_EQ(events[1].audit().principal(), "notifications");
}

TEST_F(NotificationsServiceTest, MemberCopiesLoseTheirContactDataWithNominationsRetention) {
  OpenNetwork();
  SyncNominations();
  ASSERT_FALSE(ApproveChain("maija.makela@kajaani.fi").empty());
  SyncNotifications();
  // The term ends 2026-12-31; two years later nominations removes the
  // member's contact data, and this service's copy follows its event.
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2027-01-01")) + std::chrono::hours(9));
  Stop(networks_.get(), networks_thread_);
  ASSERT_TRUE(verkosto::testing::CloseExpiredNetworks(*networks_).ok());
  networks_thread_ = std::thread([this] { networks_->Run(); });
  SyncNominations();
  SyncNotifications();
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2028-12-31")) + std::chrono::hours(9));
  Stop(nominations_.get(), nominations_thread_);
  auto removed = verkosto::testing::RunNominationsRetention(*nominations_, system_);
  nominations_thread_ = std::thread([this] { nominations_->Run(); });
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 1u);
  SyncNotifications();
  SQLite::Database db(system_.services.at("notifications").database, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT name, email, language, ended FROM memberships");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "Maija Mäkelä");
  EXPECT_EQ(q.getColumn(1).getString(), "");
  EXPECT_EQ(q.getColumn(2).getString(), "");
  EXPECT_EQ(q.getColumn(3).getString(), "2026-12-31");
  EXPECT_FALSE(q.executeStep());
}

// Issue 17: the communication plan acts. With the standard plan (no targets
// in the definition) each of the network's events reaches the plan's
// audiences: every area's leadership, the areas that take part (leadership
// and registry), the members, KEHA; each in their language.
TEST_F(NotificationsServiceTest, TheStandardPlanTellsEachAudienceOfTheNetworksLife) {
  const Actor director_helsinki = Make("dir-hki", Role::kAreaDirector, "helsinki");
  pb::SetPreferencesRequest swedish;
  swedish.set_language(common::v1::LANGUAGE_SV);
  Must<pb::SetPreferencesResponse>("notifications", kMaija, swedish);
  OpenNetwork();
  // Kainuu takes part; Pietarsaari comments.
  npb::DecideParticipationRequest part;
  part.set_network_code(kNetwork);
  part.set_area_code("kainuu-koillismaa");
  part.set_decision(npb::PARTICIPATION_DECISION_TAKES_PART);
  Must<npb::DecideParticipationResponse>("networks", kDirectorKainuu, part);
  npb::AddCommentRequest comment;
  comment.set_network_code(kNetwork);
  comment.set_area_code("pietarsaari");
  comment.set_text("Toivomme kokouksia myös ruotsiksi.");
  Must<npb::AddCommentResponse>("networks", kDirectorPietarsaari, comment);
  SyncNominations();
  ASSERT_FALSE(ApproveChain("maija.makela@kajaani.fi").empty());
  SyncNominations();
  SyncNotifications();
  // KEHA changes the open network, then closes it early.
  npb::UpdateNetworkRequest update;
  *update.mutable_definition() = Complete();
  update.mutable_definition()->add_goals("Yhtenäistää palveluja");
  update.set_reason("Tavoitteita tarkennettiin");
  Must<npb::NetworkResponse>("networks", kKeha, update);
  npb::CloseNetworkRequest close;
  close.set_network_code(kNetwork);
  close.set_reason("Tehtävä siirtyi toiselle verkostolle");
  Must<npb::NetworkResponse>("networks", kKeha, close);
  SyncNominations();
  SyncNotifications();

  // Kainuu takes part: its leadership and registry hear of the change and the closing.
  const auto kainuu = Subjects(Inbox(kDirectorKainuu));
  EXPECT_EQ(kainuu.count("Verkosto avattu: Testiverkosto"), 1u);
  EXPECT_EQ(kainuu.count("Verkoston tiedot muuttuivat: Testiverkosto"), 1u);
  EXPECT_EQ(kainuu.count("Verkosto lakkautettu ennen toimikauden loppua: Testiverkosto"), 1u);
  const auto clerk = Subjects(Inbox(kClerkKainuu));
  EXPECT_EQ(clerk.count("Verkoston tiedot muuttuivat: Testiverkosto"), 1u);
  EXPECT_EQ(clerk.count("Verkosto lakkautettu ennen toimikauden loppua: Testiverkosto"), 1u);
  EXPECT_EQ(clerk.count("Verkosto avattu: Testiverkosto"), 0u);  // not the registry's
  // Helsinki does not take part: the opening only.
  const auto helsinki = Subjects(Inbox(director_helsinki));
  EXPECT_EQ(helsinki.count("Verkosto avattu: Testiverkosto"), 1u);
  EXPECT_EQ(helsinki.count("Verkoston tiedot muuttuivat: Testiverkosto"), 0u);
  EXPECT_EQ(Inbox(kClerkHelsinki).items_size(), 0);
  // The member, in Swedish; the change names what changed and why.
  const auto maija = Inbox(kMaija);
  const pb::InboxItem* changed = nullptr;
  for (const pb::InboxItem& item : maija.items()) {
    if (item.subject() == "Nätverkets uppgifter har ändrats: Testnätverket") changed = &item;
  }
  ASSERT_NE(changed, nullptr);
  EXPECT_NE(changed->body_text().find("goals"), std::string::npos);
  EXPECT_NE(changed->body_text().find("Tavoitteita tarkennettiin"), std::string::npos);
  EXPECT_EQ(
      Subjects(maija).count("Nätverket har avslutats före mandatperiodens slut: Testnätverket"),
      1u);
  // KEHA (the creator): the comment, at the network's contact address too.
  const auto keha = Inbox(kKeha);
  const pb::InboxItem* commented = nullptr;
  for (const pb::InboxItem& item : keha.items()) {
    if (item.event_type() == "verkosto.networks.v1.CommentAdded") commented = &item;
  }
  ASSERT_NE(commented, nullptr);
  EXPECT_NE(commented->body_text().find("Toivomme kokouksia myös ruotsiksi."), std::string::npos);
  bool mailed = false;
  for (const OutgoingMail& m : transport_->sent()) {
    mailed = mailed || (m.to == "anna@keha.example.fi" && m.subject == commented->subject());
  }
  EXPECT_TRUE(mailed);
}

// A renewal is a plan event: the standard plan tells the member areas'
// leadership and the members (in their language), with the new term's dates;
// an area that does not take part hears nothing of it.
TEST_F(NotificationsServiceTest, ARenewalTellsTheMemberAreasAndTheMembersOfTheNewTerm) {
  const Actor director_helsinki = Make("dir-hki", Role::kAreaDirector, "helsinki");
  pb::SetPreferencesRequest swedish;
  swedish.set_language(common::v1::LANGUAGE_SV);
  Must<pb::SetPreferencesResponse>("notifications", kMaija, swedish);
  OpenNetwork();
  npb::DecideParticipationRequest part;
  part.set_network_code(kNetwork);
  part.set_area_code("kainuu-koillismaa");
  part.set_decision(npb::PARTICIPATION_DECISION_TAKES_PART);
  Must<npb::DecideParticipationResponse>("networks", kDirectorKainuu, part);
  SyncNominations();
  ASSERT_FALSE(ApproveChain("maija.makela@kajaani.fi").empty());
  SyncNominations();
  SyncNotifications();  // the membership is known before the renewal is told
  npb::RenewNetworkRequest renew;
  *renew.mutable_definition() = Complete();
  renew.mutable_definition()->mutable_term()->set_start_date("2027-01-01");
  renew.mutable_definition()->mutable_term()->set_end_date("2028-12-31");
  renew.set_reason("Toimikausi jatkuu");
  Must<npb::NetworkResponse>("networks", kKeha, renew);
  SyncNotifications();

  const std::string fi_subject = "Verkostolle uusi toimikausi: Testiverkosto";
  const pb::InboxItem* told = nullptr;
  const auto kainuu = Inbox(kDirectorKainuu);
  for (const pb::InboxItem& item : kainuu.items()) {
    if (item.subject() == fi_subject) told = &item;
  }
  ASSERT_NE(told, nullptr);
  EXPECT_EQ(told->event_type(), "verkosto.networks.v1.NetworkRenewed");
  EXPECT_NE(told->body_text().find("1.1.2027–31.12.2028"), std::string::npos) << told->body_text();
  EXPECT_NE(told->body_text().find("Toimikausi jatkuu"), std::string::npos);
  EXPECT_EQ(Subjects(Inbox(kMaija)).count("Ny mandatperiod för nätverket: Testnätverket"), 1u);
  EXPECT_EQ(Subjects(Inbox(director_helsinki)).count(fi_subject), 0u);
  EXPECT_EQ(Subjects(Inbox(kClerkKainuu)).count(fi_subject), 0u);  // not in the standard plan
}

// A plan of its own: only the audiences it names hear of the events it names.
TEST_F(NotificationsServiceTest, AGivenPlanReplacesTheStandardOne) {
  npb::CreateNetworkRequest create;
  *create.mutable_definition() = Complete();
  npb::PlanTarget* keha = create.mutable_definition()->mutable_communication_plan()->add_targets();
  keha->set_audience(npb::PLAN_AUDIENCE_KEHA);
  keha->set_channel(npb::PLAN_CHANNEL_INBOX_EMAIL);
  keha->add_events(npb::PLAN_EVENT_OPENED);
  Must<npb::NetworkResponse>("networks", kKeha, create);
  npb::ProposeNetworkRequest propose;
  propose.set_network_code(kNetwork);
  Must<npb::NetworkResponse>("networks", kKeha, propose);
  npb::OpenNetworkRequest open;
  open.set_network_code(kNetwork);
  const auto opened = Must<npb::NetworkResponse>("networks", kKeha, open);
  ASSERT_EQ(opened.network().effective_targets_size(), 1);
  SyncNotifications();
  // The leadership hears of the proposal (as always), not of the opening.
  EXPECT_EQ(Subjects(Inbox(kDirectorKainuu)),
            std::multiset<std::string>{"Uusi verkostoehdotus kommentoitavaksi: Testiverkosto"});
  EXPECT_EQ(Subjects(Inbox(kKeha)), std::multiset<std::string>{"Verkosto avattu: Testiverkosto"});
}

// A deadline extended reaches the case's own area (registry and leadership).
TEST_F(NotificationsServiceTest, ADeadlineExtendedIsToldToTheCasesArea) {
  OpenNetwork();
  SyncNominations();
  const auto sent = Must<mpb::SendRequestResponse>("nominations", kKeha, KainuuRequest());
  ASSERT_EQ(sent.cases_size(), 1);
  mpb::ExtendDeadlineRequest extend;
  extend.set_case_id(sent.cases(0).case_id());
  extend.set_deadline("2026-05-15");
  Must<mpb::CaseResponse>("nominations", kKeha, extend);
  SyncNotifications();
  const auto clerk = Inbox(kClerkKainuu);
  const pb::InboxItem* extended = nullptr;
  for (const pb::InboxItem& item : clerk.items()) {
    if (item.event_type() == "verkosto.nominations.v1.DeadlineExtended") extended = &item;
  }
  ASSERT_NE(extended, nullptr);
  EXPECT_EQ(extended->subject(), "Määräaikaa jatkettu 15.5.2026 asti: Testiverkosto");
  EXPECT_NE(extended->body_text().find("30.4.2026"), std::string::npos);
  EXPECT_EQ(
      Subjects(Inbox(kDirectorKainuu)).count("Määräaikaa jatkettu 15.5.2026 asti: Testiverkosto"),
      1u);
  EXPECT_EQ(Subjects(Inbox(kDirectorPietarsaari))
                .count("Tidsfristen har förlängts till 15.5.2026: Testnätverket"),
            0u);
}

// The cadence reminder: every notes interval from the term's start, to the
// plan's responsible address and KEHA, once per due date.
TEST_F(NotificationsServiceTest, NotesDueRemindsTheResponsibleOncePerDueDate) {
  npb::CreateNetworkRequest create;
  *create.mutable_definition() = Complete();
  create.mutable_definition()->mutable_communication_plan()->set_notes_every_days(30);
  create.mutable_definition()->mutable_communication_plan()->set_responsible_email(
      "Sihteeri@Keha.example.fi");
  Must<npb::NetworkResponse>("networks", kKeha, create);
  npb::ProposeNetworkRequest propose;
  propose.set_network_code(kNetwork);
  Must<npb::NetworkResponse>("networks", kKeha, propose);
  npb::OpenNetworkRequest open;
  open.set_network_code(kNetwork);
  Must<npb::NetworkResponse>("networks", kKeha, open);
  const Actor secretary = Make("sihteeri", Role::kNominee, "", "sihteeri@keha.example.fi");
  auto run = [&] {
    size_t count = 0;
    Sync(notifications_.get(), notifications_thread_, {"networks", "nominations"}, [&] {
      auto n = RunNotesDue(*notifications_, system_.notifications.web_base_url);
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      count = *n;
    });
    return count;
  };
  // The term starts 2026-03-01: the first notes are due 2026-03-31.
  EXPECT_EQ(run(), 0u);
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-03-31")) + std::chrono::hours(9));
  EXPECT_EQ(run(), 1u);
  EXPECT_EQ(run(), 0u);  // once per due date
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-04-10")) + std::chrono::hours(9));
  EXPECT_EQ(run(), 0u);
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-04-30")) + std::chrono::hours(9));
  EXPECT_EQ(run(), 1u);
  EXPECT_EQ(Subjects(Inbox(secretary)),
            (std::multiset<std::string>{"Julkaise kokousmuistiot: Testiverkosto",
                                        "Julkaise kokousmuistiot: Testiverkosto"}));
  EXPECT_EQ(Subjects(Inbox(kKeha)).count("Julkaise kokousmuistiot: Testiverkosto"), 2u);
  const auto inbox = Inbox(secretary);
  ASSERT_GE(inbox.items_size(), 1);
  EXPECT_NE(inbox.items(0).body_text().find("30.4.2026"), std::string::npos);
}

// The plan's "public" audience: the public catalogue's announcements, per
// language, newest first, paged; no e-mail, and anyone may read them.
TEST_F(NotificationsServiceTest, ThePublicCatalogueListsTheNetworksAnnouncements) {
  OpenNetwork();
  npb::UpdateNetworkRequest update;
  *update.mutable_definition() = Complete();
  update.mutable_definition()->add_goals("Yhtenäistää palveluja");
  update.set_reason("Tavoitteita tarkennettiin");
  Must<npb::NetworkResponse>("networks", kKeha, update);
  SyncNotifications();
  const Actor anyone = Make("web:public", Role::kObserver);
  pb::ListAnnouncementsRequest fi;
  fi.set_network_code(kNetwork);
  fi.set_page_size(1);
  const auto first = Must<pb::ListAnnouncementsResponse>("notifications", anyone, fi);
  ASSERT_EQ(first.items_size(), 1);
  EXPECT_EQ(first.items(0).subject(), "Verkoston tiedot muuttuivat: Testiverkosto");
  ASSERT_FALSE(first.next_page_token().empty());
  fi.set_page_token(first.next_page_token());
  const auto second = Must<pb::ListAnnouncementsResponse>("notifications", anyone, fi);
  ASSERT_EQ(second.items_size(), 1);
  EXPECT_EQ(second.items(0).subject(), "Verkosto avattu: Testiverkosto");
  EXPECT_TRUE(second.next_page_token().empty());
  pb::ListAnnouncementsRequest sv;
  sv.set_network_code(kNetwork);
  sv.set_language(common::v1::LANGUAGE_SV);
  const auto swedish = Must<pb::ListAnnouncementsResponse>("notifications", anyone, sv);
  ASSERT_EQ(swedish.items_size(), 2);
  EXPECT_EQ(swedish.items(1).subject(), "Nätverket har öppnats: Testnätverket");
  // Another network has none; the network code is required.
  pb::ListAnnouncementsRequest other;
  other.set_network_code("toinen");
  EXPECT_EQ(Must<pb::ListAnnouncementsResponse>("notifications", anyone, other).items_size(), 0);
  const auto missing =
      Call<pb::ListAnnouncementsResponse>("notifications", anyone, pb::ListAnnouncementsRequest{});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "network_code");
  // The catalogue is not e-mailed.
  const auto all =
      Must<pb::ListDeliveriesResponse>("notifications", kKeha, pb::ListDeliveriesRequest{});
  for (const pb::Delivery& d : all.deliveries()) {
    EXPECT_NE(d.mailbox().rfind("public:", 0), 0u) << d.mailbox();
  }
}

// Issue 18, item 4: with neither [http] public_url nor the deprecated
// web_base_url set, the links in the .eml files written for `verkosto up`
// are absolute, on the gateway's bound address.
class NotificationsEmlLinkTest : public NotificationsServiceTest {
 protected:
  NotificationsEmlLinkTest() { wired_ = MakeEmlTransport(dir_->path() + "/mail"); }
  void AdjustConfig(config::SystemConfig& system) override {
    system.notifications.web_base_url.clear();
    system.http_public_url.clear();
    system.http_host = "127.0.0.1";
    system.http_port = 18765;
  }
};

// Decodes the base64 parts of a MIME message (the .eml bodies).
std::string DecodedBodies(const std::string& eml) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::istringstream lines(eml);
  std::string line;
  bool in_body = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find("Content-Transfer-Encoding: base64") == 0) {
      in_body = false;
      std::getline(lines, line);  // the blank line
      in_body = true;
      continue;
    }
    if (!in_body) continue;
    if (line.empty() || line.rfind("--", 0) == 0) {
      in_body = false;
      out += "\n";
      continue;
    }
    uint32_t bits = 0;
    int count = 0;
    for (const char c : line) {
      const size_t v = kAlphabet.find(c);
      if (v == std::string::npos) break;  // '=' padding
      bits = (bits << 6) | static_cast<uint32_t>(v);
      count += 6;
      if (count >= 8) {
        count -= 8;
        out.push_back(static_cast<char>((bits >> count) & 0xFF));
      }
    }
  }
  return out;
}

TEST_F(NotificationsEmlLinkTest, EveryLinkInADeliveredEmlIsAbsolute) {
  OpenNetwork();
  SyncNominations();
  ASSERT_FALSE(ApproveChain("maija.makela@kajaani.fi").empty());
  SyncNotifications();
  const std::string base = "http://127.0.0.1:18765/";
  int files = 0;
  int maija = 0;
  for (const auto& entry : std::filesystem::directory_iterator(MailDirOf(system_))) {
    std::ifstream in(entry.path());
    std::stringstream raw;
    raw << in.rdbuf();
    const std::string text = DecodedBodies(raw.str());
    ++files;
    EXPECT_NE(text.find(base), std::string::npos) << entry.path() << "\n" << text;
    EXPECT_EQ(text.find("href=\"/"), std::string::npos) << "a relative link\n" << text;
    EXPECT_EQ(text.find(": /"), std::string::npos) << "a relative link\n" << text;
    if (raw.str().find("maija.makela@kajaani.fi") != std::string::npos) {
      ++maija;
      EXPECT_NE(text.find(base + "me/memberships"), std::string::npos) << text;
    }
  }
  EXPECT_GT(files, 0);
  EXPECT_GE(maija, 1) << "the nominee is told of the approval";
}

// Issue 19: the act's formal letter rides on its e-mail. Nominations emits
// CaseLetterWritten (with the PDF) before the act's event; notifications keeps
// it and the .eml of the act carries it as an application/pdf attachment.
class NotificationsEmlLetterTest : public NotificationsRetentionServiceTest {
 protected:
  // The letters nominations stored: (filename, pdf) by "<kind>-<language>".
  std::map<std::string, std::pair<std::string, std::string>> StoredLetters(
      const std::string& case_id) {
    SQLite::Database db(system_.services.at("nominations").database, SQLite::OPEN_READONLY);
    SQLite::Statement q(db,
                        "SELECT kind, language, sha256, pdf FROM case_letters WHERE case_id = ?");
    q.bind(1, case_id);
    std::map<std::string, std::pair<std::string, std::string>> out;
    while (q.executeStep()) {
      const SQLite::Column pdf = q.getColumn(3);
      out[q.getColumn(0).getString() + "-" + q.getColumn(1).getString()] = {
          q.getColumn(2).getString(), std::string(static_cast<const char*>(pdf.getBlob()),
                                                  static_cast<size_t>(pdf.getBytes()))};
    }
    return out;
  }

  int64_t Count(const std::string& sql) {
    SQLite::Database db(system_.services.at("notifications").database, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, sql);
    return q.executeStep() ? q.getColumn(0).getInt64() : -1;
  }

  // Every attachment of every .eml written: filename -> decoded bytes, and
  // how many e-mails carried each.
  std::map<std::string, std::string> Attachments(std::map<std::string, int>* carried) {
    std::map<std::string, std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(MailDirOf(system_))) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream raw;
      raw << in.rdbuf();
      const testing::ParsedMessage m = testing::Parse(raw.str());
      if (m.Header("Content-Type").rfind("multipart/mixed", 0) != 0) continue;
      for (const testing::ParsedMessage& part : testing::RawParts(m)) {
        const std::string disposition = part.Header("Content-Disposition");
        if (disposition.rfind("attachment", 0) != 0) continue;
        EXPECT_EQ(part.Header("Content-Type").rfind("application/pdf", 0), 0u);
        const size_t f = disposition.find("filename=\"");
        const std::string name = disposition.substr(f + 10, disposition.find('"', f + 10) - f - 10);
        out[name] = testing::Base64Decode(part.body);
        ++(*carried)[name];
      }
    }
    return out;
  }

  // Output of `command` run on `bytes` written to a file (then `after`).
  std::string Run(const std::string& command, const std::string& bytes,
                  const std::string& after = {}) {
    const std::string file = dir_->File("attachment.pdf");
    std::ofstream(file, std::ios::binary) << bytes;
    std::string out;
    FILE* p = popen((command + " '" + file + "'" + after + " 2>&1").c_str(), "r");
    if (p == nullptr) return out;
    char buf[4096];
    size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
  }

  // Restarts the notifications service with its nominations cursor at 0, so
  // every nominations event is delivered to it again.
  void RedeliverNominationsEvents() {
    Stop(notifications_.get(), notifications_thread_);
    notifications_.reset();
    {
      SQLite::Database db(system_.services.at("notifications").database, SQLite::OPEN_READWRITE);
      db.exec("UPDATE consumer_cursors SET cursor = 0 WHERE producer = 'nominations'");
    }
    notifications_ = Create("notifications", Migrations());
    ASSERT_TRUE(WireWith(*notifications_, system_, wired_, DeliveryOptions{}).ok());
    ASSERT_TRUE(notifications_->Start().ok());
    notifications_thread_ = std::thread([this] { notifications_->Run(); });
  }
};

TEST_F(NotificationsEmlLetterTest, EachActsEmlCarriesItsLetterOnceAndRetentionClearsThem) {
  OpenNetwork();
  SyncNominations();
  const std::string case_id = ApproveChain("maija.makela@kajaani.fi", "KEHA/345/2026");
  ASSERT_FALSE(case_id.empty());
  SyncNotifications();

  const auto stored = StoredLetters(case_id);
  ASSERT_EQ(stored.size(), 3u) << "request, acknowledgement and decision in Finnish";
  std::map<std::string, int> carried;
  const std::map<std::string, std::string> attached = Attachments(&carried);
  for (const auto& [key, letter] : stored) {
    const std::string name = case_id + "-" + key + ".pdf";
    ASSERT_EQ(attached.count(name), 1u) << name << " is attached to its act's e-mail";
    const std::string& bytes = attached.at(name);
    EXPECT_EQ(bytes, letter.second) << name;
    EXPECT_EQ(Run("sha256sum", bytes).substr(0, 64), letter.first) << name;
    const std::string pdf_text = Run("pdftotext", bytes, " -");
    EXPECT_NE(pdf_text.find("KEHA/345/2026"), std::string::npos) << name << "\n" << pdf_text;
    if (key != "request-fi") {
      EXPECT_NE(pdf_text.find("KAI/12/2026"), std::string::npos) << name << "\n" << pdf_text;
    }
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_letters"), 3);

  // Delivered again, the events record nothing twice: no letter, message,
  // delivery or e-mail more.
  const int64_t messages = Count("SELECT COUNT(*) FROM messages");
  const int64_t deliveries = Count("SELECT COUNT(*) FROM deliveries");
  const size_t files = MailFiles().size();
  RedeliverNominationsEvents();
  SyncNotifications();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_letters"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM messages"), messages);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM deliveries"), deliveries);
  EXPECT_EQ(MailFiles().size(), files);

  // The letters go with the case's e-mails (docs/retention.md).
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2027-03-02")) + std::chrono::hours(9));
  Retention();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_letters"), 3) << "kept while its messages are";
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2027-03-03")) + std::chrono::hours(9));
  EXPECT_GT(Retention().rows.messages, 0u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM messages WHERE case_id = '" + case_id + "'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_letters"), 0);
}
}  // namespace
}  // namespace verkosto::notifications
