// The retention job of the nominations service on a fake clock, over real
// sockets: networks and nominations runtimes wired like the executables; a
// membership ends with its network's term, and years later its contact data
// goes while ListMemberships and GetCase still show the public record.
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <thread>

#include "core/date.h"
#include "messaging/rpc_client.h"
#include "nominations/service.h"
#include "testing/keys.h"
#include "testing/network_definition.h"
#include "testing/peers.h"
#include "testing/temp_dir.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/events.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::nominations {
namespace {

namespace pb = ::verkosto::nominations::v1;
namespace npb = ::verkosto::networks::v1;
using std::chrono::hours;

constexpr char kNetwork[] = "testiverkosto";  // term 2026-03-01 .. 2026-12-31

TimePoint Day(const std::string& iso) { return HelsinkiStartOfDay(*ParseIsoDate(iso)) + hours(9); }

Actor Make(const std::string& id, Role role, std::string area = {}) {
  return Actor{id, "Name of " + id, role, AreaCode(std::move(area)), {}, {}};
}
const Actor kKeha = Make("keha-1", Role::kKehaCoordinator);
const Actor kClerk = Make("clerk-kainuu", Role::kRegistryClerk, "kainuu-koillismaa");
const Actor kDirector = Make("dir-kainuu", Role::kAreaDirector, "kainuu-koillismaa");

pb::Nominee Person(const std::string& name, pb::SeatKind seat, common::v1::Language language) {
  pb::Nominee n;
  n.set_name(name);
  n.set_title("Kehittämispäällikkö");
  n.set_email(name + "@kajaani.fi");
  n.set_municipality("Kajaani");
  n.set_seat(seat);
  n.set_language(language);
  return n;
}

class NominationsRetentionTest : public ::testing::Test {
 protected:
  NominationsRetentionTest() : clock_(Day("2026-03-02")) {}

  void SetUp() override {
    system_ = config::DefaultSystemConfig(dir_->path(), dir_->path(), 0);
    ASSERT_TRUE(verkosto::testing::ProvisionKeys(system_));
    system_.retention.contact_years = 2;
    auto net = runtime::ServiceRuntime::Create(
        zmq_, system_, "networks", verkosto::testing::NetworksPeer().migrations, clock_);
    ASSERT_TRUE(net.ok()) << net.status().ToString();
    networks_ = std::move(net).value();
    ASSERT_TRUE(verkosto::testing::NetworksPeer().wire(*networks_, system_).ok());
    ASSERT_TRUE(networks_->Start().ok());
    networks_thread_ = std::thread([this] { networks_->Run(); });
    auto nom = runtime::ServiceRuntime::Create(zmq_, system_, "nominations", Migrations(), clock_);
    ASSERT_TRUE(nom.ok()) << nom.status().ToString();
    nominations_ = std::move(nom).value();
    ASSERT_TRUE(Wire(*nominations_, system_).ok());
    ASSERT_TRUE(nominations_->Start().ok());
    nominations_thread_ = std::thread([this] { nominations_->Run(); });
  }

  void TearDown() override {
    StopNominations();
    StopNetworks();
  }
  void StopNominations() {
    if (nominations_thread_.joinable()) {
      nominations_->Stop();
      nominations_thread_.join();
    }
  }
  void StopNetworks() {
    if (networks_thread_.joinable()) {
      networks_->Stop();
      networks_thread_.join();
    }
  }

  // Applies the networks events with the nominations loop stopped.
  void SyncNetworks() {
    StopNominations();
    messaging::EventConsumer* consumer = nominations_->consumer("networks");
    ASSERT_NE(consumer, nullptr);
    for (int round = 0; round < 100; ++round) {
      auto applied = consumer->SyncOnce(std::chrono::seconds(5));
      ASSERT_TRUE(applied.ok()) << applied.status().ToString();
      if (*applied == 0) break;
    }
    nominations_thread_ = std::thread([this] { nominations_->Run(); });
  }

  // One retention run on the loop's behalf (the loop stopped meanwhile).
  size_t Retention() {
    StopNominations();
    auto removed = RunRetention(*nominations_, RetentionPolicyOf(system_));
    nominations_thread_ = std::thread([this] { nominations_->Run(); });
    EXPECT_TRUE(removed.ok()) << removed.status().ToString();
    return removed.ok() ? *removed : 0;
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

  // Anna (member, Swedish) and Ben (deputy) approved in Kainuu-Koillismaa;
  // returns the case id.
  std::string ApprovedCase() {
    npb::CreateNetworkRequest create;
    *create.mutable_definition() = verkosto::testing::CompleteNetworkDefinition(kNetwork);
    EXPECT_TRUE(Call<npb::NetworkResponse>("networks", kKeha, create).ok());
    npb::ProposeNetworkRequest propose;
    propose.set_network_code(kNetwork);
    EXPECT_TRUE(Call<npb::NetworkResponse>("networks", kKeha, propose).ok());
    npb::OpenNetworkRequest open;
    open.set_network_code(kNetwork);
    EXPECT_TRUE(Call<npb::NetworkResponse>("networks", kKeha, open).ok());
    SyncNetworks();
    pb::SendRequestRequest send;
    send.set_network_code(kNetwork);
    send.add_area_codes("kainuu-koillismaa");
    send.mutable_seats()->set_members(1);
    send.mutable_seats()->set_deputies(1);
    send.set_deadline("2026-04-30");
    send.set_covering_message("Pyydämme nimeämään edustajat.");
    auto sent = Call<pb::SendRequestResponse>("nominations", kKeha, send);
    EXPECT_TRUE(sent.ok()) << sent.status().ToString();
    if (!sent.ok()) return {};
    std::string case_id = sent->cases(0).case_id();
    pb::RegisterCaseRequest reg;
    reg.set_case_id(case_id);
    reg.set_diary_number("KAI-843/2026");
    reg.set_date_received("2026-03-02");
    reg.set_organisation("Kajaanin kaupunki");
    EXPECT_TRUE(Call<pb::CaseResponse>("nominations", kClerk, reg).ok());
    pb::ApproveCaseRequest approve;
    approve.set_case_id(case_id);
    *approve.add_nominees() = Person("anna", pb::SEAT_KIND_MEMBER, common::v1::LANGUAGE_SV);
    *approve.add_nominees() = Person("ben", pb::SEAT_KIND_DEPUTY, common::v1::LANGUAGE_UNSPECIFIED);
    auto approved = Call<pb::CaseResponse>("nominations", kDirector, approve);
    EXPECT_TRUE(approved.ok()) << approved.status().ToString();
    return case_id;
  }

  // The networks service closes the network by its term end (its own check,
  // run with its loop stopped) and nominations applies it.
  void TermEnds(const std::string& day) {
    clock_.Set(Day(day));
    StopNetworks();
    auto closed = verkosto::testing::CloseExpiredNetworks(*networks_);
    ASSERT_TRUE(closed.ok()) << closed.status().ToString();
    networks_thread_ = std::thread([this] { networks_->Run(); });
    SyncNetworks();
  }

  std::vector<pb::Membership> Memberships() {
    pb::ListMembershipsRequest req;
    req.set_network_code(kNetwork);
    req.set_include_ended(true);
    auto listed = Call<pb::ListMembershipsResponse>("nominations", kKeha, req);
    EXPECT_TRUE(listed.ok()) << listed.status().ToString();
    if (!listed.ok()) return {};
    return {listed->memberships().begin(), listed->memberships().end()};
  }

  std::vector<pb::RetentionApplied> RetentionEvents() {
    SQLite::Database db(system_.services.at("nominations").database, SQLite::OPEN_READONLY);
    SQLite::Statement q(db,
                        "SELECT payload FROM outbox WHERE type = "
                        "'verkosto.nominations.v1.RetentionApplied' ORDER BY seq");
    std::vector<pb::RetentionApplied> events;
    while (q.executeStep()) {
      const SQLite::Column payload = q.getColumn(0);
      pb::RetentionApplied e;
      EXPECT_TRUE(e.ParseFromArray(payload.getBlob(), payload.getBytes()));
      events.push_back(std::move(e));
    }
    return events;
  }

  std::unique_ptr<verkosto::testing::TempDir> dir_ = std::make_unique<verkosto::testing::TempDir>();
  zmq::context_t zmq_;
  FakeClock clock_;
  config::SystemConfig system_;
  std::unique_ptr<runtime::ServiceRuntime> networks_;
  std::unique_ptr<runtime::ServiceRuntime> nominations_;
  std::thread networks_thread_;
  std::thread nominations_thread_;
};

TEST_F(NominationsRetentionTest, ContactDataOfEndedMembershipsGoesYearsLaterOnceAndAudited) {
  const std::string case_id = ApprovedCase();
  ASSERT_FALSE(case_id.empty());
  EXPECT_EQ(Retention(), 0u) << "already ran today (at start), and nothing has ended";

  TermEnds("2027-01-04");  // both memberships end on 2026-12-31
  std::vector<pb::Membership> before = Memberships();
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[0].ended(), "2026-12-31");
  EXPECT_EQ(before[0].person().email(), "anna@kajaani.fi");

  // The day before the removal day: nothing is due.
  clock_.Set(Day("2028-12-30"));
  EXPECT_EQ(Retention(), 0u);
  EXPECT_TRUE(RetentionEvents().empty());

  clock_.Set(Day("2028-12-31"));
  EXPECT_EQ(Retention(), 2u);
  EXPECT_EQ(Retention(), 0u) << "once a day";
  clock_.Set(Day("2029-01-01"));
  EXPECT_EQ(Retention(), 0u) << "nothing newly due: idempotent";

  // The public record stays: name, title, area, seat, decision, diary number.
  const std::vector<pb::Membership> after = Memberships();
  ASSERT_EQ(after.size(), 2u);
  for (size_t i = 0; i < after.size(); ++i) {
    const pb::Membership& m = after[i];
    SCOPED_TRACE(m.membership_id());
    EXPECT_EQ(m.person().email(), "");
    EXPECT_EQ(m.person().language(), common::v1::LANGUAGE_UNSPECIFIED);
    EXPECT_EQ(m.person().name(), before[i].person().name());
    EXPECT_EQ(m.person().title(), "Kehittämispäällikkö");
    EXPECT_EQ(m.person().municipality(), "Kajaani");
    EXPECT_EQ(m.person().seat(), before[i].person().seat());
    EXPECT_EQ(m.area_code(), "kainuu-koillismaa");
    EXPECT_EQ(m.diary_number(), "KAI-843/2026");
    EXPECT_EQ(m.decided().user_id(), "dir-kainuu");
    EXPECT_EQ(m.started(), before[i].started());
    EXPECT_EQ(m.ended(), "2026-12-31");
    EXPECT_EQ(m.end_reason(), pb::END_REASON_TERM_ENDED);
  }
  pb::GetCaseRequest get;
  get.set_case_id(case_id);
  auto c = Call<pb::CaseResponse>("nominations", kKeha, get);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->case_().decision().nominees_size(), 2);
  for (const pb::Nominee& n : c->case_().decision().nominees()) {
    EXPECT_EQ(n.email(), "");
    EXPECT_EQ(n.language(), common::v1::LANGUAGE_UNSPECIFIED);
    EXPECT_FALSE(n.name().empty());
  }
  EXPECT_EQ(c->case_().registration().diary_number(), "KAI-843/2026");

  // What it removed is in the audit trail, once.
  const std::vector<pb::RetentionApplied> events = RetentionEvents();
  ASSERT_EQ(events.size(), 1u);
  const pb::RetentionApplied& e = events[0];
  EXPECT_EQ(e.run_date(), "2028-12-31");
  EXPECT_EQ(e.contact_years(), 2u);
  EXPECT_EQ(e.memberships_count(), 2u);
  ASSERT_EQ(e.membership_ids_size(), 2);
  EXPECT_EQ(e.membership_ids(0), before[0].membership_id());
  EXPECT_EQ(e.cases_count(), 1u);
  EXPECT_EQ(e.case_ids(0), case_id);
  EXPECT_EQ(std::vector<std::string>(e.fields().begin(), e.fields().end()),
            (std::vector<std::string>{"email", "language", "gender"}));
  EXPECT_EQ(e.audit().actor(), "system");
  EXPECT_EQ(e.audit().principal(), "nominations");
}

TEST_F(NominationsRetentionTest, ActiveMembershipsKeepTheirContactDataForever) {
  ASSERT_FALSE(ApprovedCase().empty());
  // The last day of the term: active, so nothing is due (the domain test
  // shows an active membership is never due, however old).
  clock_.Set(Day("2026-12-31"));
  EXPECT_EQ(Retention(), 0u);
  const std::vector<pb::Membership> listed = Memberships();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].person().email(), "anna@kajaani.fi");
  EXPECT_EQ(listed[0].person().language(), common::v1::LANGUAGE_SV);
  EXPECT_TRUE(RetentionEvents().empty());
}

}  // namespace
}  // namespace verkosto::nominations
