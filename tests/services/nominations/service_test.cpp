// The nominations service over real sockets: a networks runtime and a
// nominations runtime, each on its own loop thread, wired like the
// executables. The read model of nominations is fed by the networks events;
// the test drives the consumer deterministically (SyncNetworks).
#include "nominations/service.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <thread>

#include "core/date.h"
#include "messaging/rpc_client.h"
#include "testing/keys.h"
#include "testing/network_definition.h"
#include "testing/pdf_tools.h"
#include "testing/peers.h"
#include "testing/temp_dir.h"
#include "verkosto/common/v1/chain.pb.h"
#include "verkosto/common/v1/diagnostics.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/events.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::nominations {
namespace {

namespace pb = ::verkosto::nominations::v1;
namespace npb = ::verkosto::networks::v1;
using std::chrono::hours;

// 2026-03-02 09:00 Helsinki (a Monday) on the fake business clock. Request
// deadlines are transport time (the real clock), so any date works here.
TimePoint Start() { return HelsinkiStartOfDay(*ParseIsoDate("2026-03-02")) + hours(9); }

Actor Make(const std::string& id, Role role, std::string area = {}, std::string on_behalf_of = {}) {
  return Actor{id, "Name of " + id, role, AreaCode(std::move(area)), std::move(on_behalf_of), {}};
}
const Actor kKeha = Make("keha-1", Role::kKehaCoordinator);
const Actor kObserver = Make("obs", Role::kObserver);
const Actor kClerkKainuu = Make("clerk-kainuu", Role::kRegistryClerk, "kainuu-koillismaa");
const Actor kClerkHelsinki = Make("clerk-hki", Role::kRegistryClerk, "helsinki");
const Actor kDirectorKainuu = Make("dir-kainuu", Role::kAreaDirector, "kainuu-koillismaa");
const Actor kDirectorLahti = Make("dir-lahti", Role::kAreaDirector, "lahti");
const Actor kDeputyHelsinki = Make("dep-hki", Role::kAreaDeputy, "helsinki", "dir-hki");
const Actor kDirectorHelsinki = Make("dir-hki", Role::kAreaDirector, "helsinki");

constexpr char kNetwork[] = "testiverkosto";

npb::NetworkDefinition Complete(const std::string& code) {
  return testing::CompleteNetworkDefinition(code);
}

pb::Nominee Person(const std::string& name, pb::SeatKind seat = pb::SEAT_KIND_MEMBER) {
  pb::Nominee n;
  n.set_name(name);
  n.set_title("Kehittämispäällikkö");
  n.set_email(name + "@kajaani.fi");
  n.set_municipality("Kajaani");
  n.set_seat(seat);
  return n;
}

class NominationsServiceTest : public ::testing::Test {
 protected:
  NominationsServiceTest() : clock_(Start()) {}

  void SetUp() override {
    system_ = config::DefaultSystemConfig(dir_->path(), dir_->path(), 0);
    ASSERT_TRUE(verkosto::testing::ProvisionKeys(system_));
    system_.demo_data = false;
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
    StartNominations();
  }

  void TearDown() override {
    StopNominations();
    if (networks_thread_.joinable()) {
      networks_->Stop();
      networks_thread_.join();
    }
  }

  void StartNominations() {
    nominations_thread_ = std::thread([this] { nominations_->Run(); });
  }
  void StopNominations() {
    if (nominations_thread_.joinable()) {
      nominations_->Stop();
      nominations_thread_.join();
    }
  }

  // Applies every networks event not applied yet, with the nominations loop
  // stopped (one thread per socket), then restarts it.
  void SyncNetworks() {
    StopNominations();
    messaging::EventConsumer* consumer = nominations_->consumer("networks");
    ASSERT_NE(consumer, nullptr);
    for (int round = 0; round < 100; ++round) {
      auto applied = consumer->SyncOnce(std::chrono::seconds(5));
      ASSERT_TRUE(applied.ok()) << applied.status().ToString();
      if (*applied == 0) break;
    }
    StartNominations();
  }

  // Runs the timers with the loop stopped (RunTimers belongs to the loop's thread).
  size_t Timers() {
    StopNominations();
    auto fired = RunTimers(*nominations_);
    StartNominations();
    EXPECT_TRUE(fired.ok()) << fired.status().ToString();
    return fired.ok() ? *fired : 0;
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
  Result<Resp> Nom(const Actor& actor, const google::protobuf::Message& request) {
    return Call<Resp>("nominations", actor, request);
  }

  // KEHA opens `code` on networks.
  void OpenNetwork(const std::string& code) {
    npb::CreateNetworkRequest create;
    *create.mutable_definition() = Complete(code);
    ASSERT_TRUE(Call<npb::NetworkResponse>("networks", kKeha, create).ok());
    npb::ProposeNetworkRequest propose;
    propose.set_network_code(code);
    ASSERT_TRUE(Call<npb::NetworkResponse>("networks", kKeha, propose).ok());
    npb::OpenNetworkRequest open;
    open.set_network_code(code);
    ASSERT_TRUE(Call<npb::NetworkResponse>("networks", kKeha, open).ok());
  }
  void Declines(const Actor& director, const std::string& network) {
    npb::DecideParticipationRequest req;
    req.set_network_code(network);
    req.set_area_code(director.area.value());
    req.set_decision(npb::PARTICIPATION_DECISION_DECLINES);
    req.set_reason("Ei resursseja");
    auto r = Call<npb::DecideParticipationResponse>("networks", director, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  Result<pb::SendRequestResponse> Send(const std::vector<std::string>& areas,
                                       const std::string& deadline = "2026-04-30") {
    pb::SendRequestRequest req;
    req.set_network_code(kNetwork);
    for (const std::string& a : areas) req.add_area_codes(a);
    req.mutable_seats()->set_members(1);
    req.mutable_seats()->set_deputies(1);
    req.set_deadline(deadline);
    req.set_covering_message("Pyydämme nimeämään edustajat.");
    req.set_keha_diary_number("KEHA/12/2026");
    return Nom<pb::SendRequestResponse>(kKeha, req);
  }
  Result<pb::CaseResponse> Register(const Actor& clerk, const std::string& case_id,
                                    const std::string& diary_number) {
    pb::RegisterCaseRequest req;
    req.set_case_id(case_id);
    req.set_diary_number(diary_number);
    req.set_date_received("2026-03-02");
    req.set_organisation("Kajaanin kaupunki");
    return Nom<pb::CaseResponse>(clerk, req);
  }
  Result<pb::CaseResponse> Approve(const Actor& director, const std::string& case_id,
                                   std::vector<pb::Nominee> nominees) {
    pb::ApproveCaseRequest req;
    req.set_case_id(case_id);
    for (pb::Nominee& n : nominees) *req.add_nominees() = std::move(n);
    return Nom<pb::CaseResponse>(director, req);
  }
  Result<pb::CaseResponse> LogLetter(const Actor& clerk, const std::string& diary_number) {
    pb::LogIncomingRequestRequest req;
    req.set_network_code(kNetwork);
    req.set_area_code(clerk.area.value());
    req.set_channel(pb::CHANNEL_LETTER);
    req.set_sender("KEHA-keskus");
    req.set_subject("Nimeämispyyntö kirjeitse");
    req.set_date_received("2026-03-02");
    req.set_diary_number(diary_number);
    req.set_organisation("Kajaanin kaupunki");
    req.mutable_seats()->set_members(1);
    req.set_deadline("2026-04-30");
    return Nom<pb::CaseResponse>(clerk, req);
  }

  // Rows of the nominations database, read through a connection of the
  // test's own (WAL lets it read while the loop thread writes).
  int64_t Count(const std::string& sql) {
    SQLite::Database db(system_.services.at("nominations").database, SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
  }
  int64_t Events(const std::string& type) {
    return Count("SELECT COUNT(*) FROM outbox WHERE type = 'verkosto.nominations.v1." + type + "'");
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

// The names of kNetwork's Helsinki case as the read model knows them.
void ExpectNamed(const pb::Case& c) {
  EXPECT_EQ(c.network_name_fi(), "Testiverkosto") << c.case_id();
  EXPECT_EQ(c.network_name_sv(), "Testnätverket") << c.case_id();
  EXPECT_EQ(c.area_name_fi(), "Helsingin kaupunki") << c.case_id();
  EXPECT_EQ(c.area_name_sv(), "Helsingfors stad") << c.case_id();
}

// Every reply carrying a case, the matrix, the memberships list and the
// pending resignation requests name their network and area in Finnish and
// Swedish from the read model, so a page needs no list to name them; the
// events carry the codes only.
TEST_F(NominationsServiceTest, RepliesNameTheCasesNetworkAndArea) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"helsinki", "kainuu-koillismaa"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_EQ(sent->cases_size(), 2);
  ExpectNamed(sent->cases(0));
  EXPECT_EQ(sent->cases(1).network_name_fi(), "Testiverkosto");
  EXPECT_EQ(sent->cases(1).area_name_fi(), "Kainuu-Koillismaan työllisyysalue");
  EXPECT_EQ(sent->cases(1).area_name_sv(), "") << "the directory has no Swedish name for it";
  const std::string id = sent->cases(0).case_id();

  auto registered = Register(kClerkHelsinki, id, "HEL/1/2026");
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  ExpectNamed(registered->case_());

  auto inbox = Nom<pb::CaseListResponse>(kDirectorHelsinki, pb::DirectorInboxRequest());
  ASSERT_TRUE(inbox.ok()) << inbox.status().ToString();
  ASSERT_EQ(inbox->cases_size(), 1);
  ExpectNamed(inbox->cases(0));

  pb::GetCaseRequest get;
  get.set_case_id(id);
  auto got = Nom<pb::CaseResponse>(kDirectorHelsinki, get);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectNamed(got->case_());

  auto approved = Approve(kDirectorHelsinki, id, {Person("anna")});
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  ExpectNamed(approved->case_());
  EXPECT_EQ(approved->memberships_started_size(), 1);

  pb::NetworkMatrixRequest matrix;
  matrix.set_network_code(kNetwork);
  auto rows = Nom<pb::NetworkMatrixResponse>(kObserver, matrix);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  // The matrix names its network and each row's area.
  EXPECT_EQ(rows->network_name_fi(), "Testiverkosto");
  EXPECT_EQ(rows->network_name_sv(), "Testnätverket");
  bool saw_helsinki = false;
  for (const pb::MatrixRow& row : rows->rows()) {
    if (row.area_code() != "helsinki") continue;
    saw_helsinki = true;
    ExpectNamed(row.latest_case());
    EXPECT_EQ(row.area_name_fi(), "Helsingin kaupunki");
    EXPECT_EQ(row.area_name_sv(), "Helsingfors stad");
  }
  EXPECT_TRUE(saw_helsinki);

  // The memberships list names each membership's network and area.
  pb::ListMembershipsRequest list;
  list.set_area_code("helsinki");
  auto members = Nom<pb::ListMembershipsResponse>(kDirectorHelsinki, list);
  ASSERT_TRUE(members.ok()) << members.status().ToString();
  ASSERT_EQ(members->memberships_size(), 1);
  const pb::Membership& member = members->memberships(0);
  EXPECT_EQ(member.network_name_fi(), "Testiverkosto");
  EXPECT_EQ(member.network_name_sv(), "Testnätverket");
  EXPECT_EQ(member.area_name_fi(), "Helsingin kaupunki");
  EXPECT_EQ(member.area_name_sv(), "Helsingfors stad");

  // A pending resignation request names its network.
  Actor anna = Make("anna", Role::kNominee);
  anna.email = "anna@kajaani.fi";
  pb::RequestResignationRequest resign;
  resign.set_membership_id(member.membership_id());
  resign.set_reason("Uusi työ");
  ASSERT_TRUE(Nom<pb::ResignationRequestResponse>(anna, resign).ok());
  auto pending =
      Nom<pb::PendingResignationsResponse>(kDirectorHelsinki, pb::PendingResignationsRequest());
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  ASSERT_EQ(pending->requests_size(), 1);
  EXPECT_EQ(pending->requests(0).network_name_fi(), "Testiverkosto");
  EXPECT_EQ(pending->requests(0).network_name_sv(), "Testnätverket");

  // The events carry the codes only.
  SQLite::Database db(system_.services.at("nominations").database, SQLite::OPEN_READONLY);
  auto payload_of = [&db](const std::string& type, google::protobuf::Message* event) {
    SQLite::Statement q(
        db, "SELECT payload FROM outbox WHERE type = 'verkosto.nominations.v1." + type + "'");
    ASSERT_TRUE(q.executeStep()) << type;
    const SQLite::Column payload = q.getColumn(0);
    ASSERT_TRUE(event->ParseFromArray(payload.getBlob(), payload.getBytes())) << type;
  };
  pb::CaseApproved approved_event;
  payload_of("CaseApproved", &approved_event);
  EXPECT_EQ(approved_event.case_().case_id(), id);
  EXPECT_EQ(approved_event.case_().network_name_fi(), "");
  EXPECT_EQ(approved_event.case_().area_name_fi(), "");
  pb::MembershipStarted started_event;
  payload_of("MembershipStarted", &started_event);
  EXPECT_EQ(started_event.membership().network_code(), kNetwork);
  EXPECT_EQ(started_event.membership().network_name_fi(), "");
  EXPECT_EQ(started_event.membership().area_name_fi(), "");
  pb::ResignationRequested requested_event;
  payload_of("ResignationRequested", &requested_event);
  EXPECT_EQ(requested_event.request().network_code(), kNetwork);
  EXPECT_EQ(requested_event.request().network_name_fi(), "");
  EXPECT_EQ(requested_event.membership().network_name_fi(), "");
}

TEST_F(NominationsServiceTest, FullChainFromKehaThroughRegistryAndLeadershipToMemberships) {
  OpenNetwork(kNetwork);
  Declines(kDirectorLahti, kNetwork);
  SyncNetworks();

  // A declined area is refused, and the error names it; nothing is sent.
  auto refused = Send({"helsinki", "kainuu-koillismaa", "lahti"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().field(), "area_codes");
  EXPECT_NE(refused.status().message().find("lahti"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cases"), 0);

  auto sent = Send({"helsinki", "kainuu-koillismaa"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_EQ(sent->cases_size(), 2);
  EXPECT_FALSE(sent->short_deadline());
  const std::string helsinki_case = sent->cases(0).case_id();
  const std::string kainuu_case = sent->cases(1).case_id();
  EXPECT_EQ(sent->cases(1).area_code(), "kainuu-koillismaa");
  EXPECT_EQ(sent->cases(1).state(), pb::CASE_STATE_AWAITING_REGISTRATION);

  // The registry inbox shows it; leadership cannot act before registration.
  auto inbox = Nom<pb::CaseListResponse>(kClerkKainuu, pb::RegistryInboxRequest());
  ASSERT_TRUE(inbox.ok()) << inbox.status().ToString();
  ASSERT_EQ(inbox->cases_size(), 1);
  EXPECT_EQ(inbox->cases(0).case_id(), kainuu_case);
  auto early = Approve(kDirectorKainuu, kainuu_case, {Person("anna")});
  EXPECT_EQ(early.status().code(), ErrorCode::kFailedPrecondition);

  // Only the area's own registry registers.
  EXPECT_EQ(Register(kClerkHelsinki, kainuu_case, "843/14.07.00/2026").status().code(),
            ErrorCode::kPermissionDenied);
  auto registered = Register(kClerkKainuu, kainuu_case, "843/14.07.00/2026");
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->case_().state(), pb::CASE_STATE_REGISTERED);
  EXPECT_EQ(registered->case_().registration().registered().user_id(), "clerk-kainuu");
  ASSERT_TRUE(Register(kClerkHelsinki, helsinki_case, "843/14.07.00/2026").ok())
      << "the same number in another area is another area's business";

  // A letter logged with a number already used in the area is refused.
  auto duplicate = LogLetter(kClerkKainuu, "843/14.07.00/2026");
  EXPECT_EQ(duplicate.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(duplicate.status().field(), "diary_number");

  auto director_inbox = Nom<pb::CaseListResponse>(kDirectorKainuu, pb::DirectorInboxRequest());
  ASSERT_TRUE(director_inbox.ok());
  ASSERT_EQ(director_inbox->cases_size(), 1);

  // A language number no language has (a newer client) is refused naming the
  // nominee's field, and nothing is decided.
  pb::Nominee unknown_language = Person("anna");
  unknown_language.set_language(static_cast<common::v1::Language>(9));
  auto odd = Approve(kDirectorKainuu, kainuu_case, {unknown_language});
  EXPECT_EQ(odd.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(odd.status().field(), "nominees[0].language");

  // The director approves two nominees: two memberships pointing to the case.
  auto approved =
      Approve(kDirectorKainuu, kainuu_case, {Person("anna"), Person("ben", pb::SEAT_KIND_DEPUTY)});
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->case_().state(), pb::CASE_STATE_APPROVED);
  ASSERT_EQ(approved->memberships_started_size(), 2);
  for (const pb::Membership& m : approved->memberships_started()) {
    EXPECT_EQ(m.case_id(), kainuu_case);
    EXPECT_EQ(m.diary_number(), "843/14.07.00/2026");
    EXPECT_EQ(m.decided().user_id(), "dir-kainuu");
  }

  // More nominees than seats, then the deputy on the director's behalf.
  auto too_many = Approve(kDeputyHelsinki, helsinki_case, {Person("cecilia"), Person("daniel")});
  EXPECT_EQ(too_many.status().code(), ErrorCode::kInvalidArgument);
  auto by_deputy = Approve(kDeputyHelsinki, helsinki_case, {Person("cecilia")});
  ASSERT_TRUE(by_deputy.ok()) << by_deputy.status().ToString();
  EXPECT_EQ(by_deputy->case_().decision().decided().user_id(), "dep-hki");
  EXPECT_EQ(by_deputy->case_().decision().decided().on_behalf_of(), "dir-hki");

  // A case is decided once.
  pb::DeclineCaseRequest decline;
  decline.set_case_id(kainuu_case);
  decline.set_reason("Muutimme mielemme");
  EXPECT_EQ(Nom<pb::CaseResponse>(kDirectorKainuu, decline).status().code(),
            ErrorCode::kFailedPrecondition);

  // KEHA extends and withdraws another, undecided case.
  auto second = Send({"kainuu-koillismaa"}, "2026-03-06");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->short_deadline());
  const std::string second_case = second->cases(0).case_id();
  pb::ExtendDeadlineRequest extend;
  extend.set_case_id(second_case);
  extend.set_deadline("2026-05-29");
  auto extended = Nom<pb::CaseResponse>(kKeha, extend);
  ASSERT_TRUE(extended.ok()) << extended.status().ToString();
  EXPECT_EQ(extended->case_().deadline(), "2026-05-29");
  EXPECT_FALSE(extended->case_().short_deadline());
  pb::WithdrawCaseRequest withdraw;
  withdraw.set_case_id(second_case);
  withdraw.set_reason("Lähetetty vahingossa");
  auto withdrawn = Nom<pb::CaseResponse>(kKeha, withdraw);
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  EXPECT_EQ(withdrawn->case_().state(), pb::CASE_STATE_WITHDRAWN);
  EXPECT_EQ(withdrawn->case_().withdrawn().principal(), "gateway");
  EXPECT_EQ(Nom<pb::CaseResponse>(kKeha, withdraw).status().code(), ErrorCode::kFailedPrecondition);

  // The matrix: every area, with its latest case and nominees; and its CSV.
  pb::NetworkMatrixRequest matrix_req;
  matrix_req.set_network_code(kNetwork);
  auto matrix = Nom<pb::NetworkMatrixResponse>(kObserver, matrix_req);
  ASSERT_TRUE(matrix.ok()) << matrix.status().ToString();
  EXPECT_EQ(matrix->rows_size(), 45);
  int with_members = 0;
  for (const pb::MatrixRow& row : matrix->rows()) {
    if (row.area_code() == "kainuu-koillismaa") {
      EXPECT_EQ(row.latest_case().case_id(), second_case) << "the latest case";
      EXPECT_EQ(row.active_memberships_size(), 2);
    }
    // Each area's participation decision (the matrix's map, issue 18).
    EXPECT_EQ(row.participation(), row.area_code() == "lahti" ? "declines" : "undecided")
        << row.area_code();
    with_members += row.active_memberships_size() > 0 ? 1 : 0;
  }
  EXPECT_EQ(with_members, 2);
  const std::string& csv = matrix->csv();
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 46) << "header + one row per area";
  // An observer sees the composition, not the members' addresses (docs/authorization.md).
  EXPECT_NE(csv.find("anna"), std::string::npos);
  EXPECT_EQ(csv.find("anna@kajaani.fi"), std::string::npos);

  // The journal: registered cases with numbers, searchable.
  pb::RegistryJournalRequest journal_req;
  journal_req.set_search("14.07");
  auto journal = Nom<pb::CaseListResponse>(kClerkKainuu, journal_req);
  ASSERT_TRUE(journal.ok()) << journal.status().ToString();
  ASSERT_EQ(journal->cases_size(), 1);
  EXPECT_EQ(journal->cases(0).registration().diary_number(), "843/14.07.00/2026");
  journal_req.set_search("no such number");
  EXPECT_EQ(Nom<pb::CaseListResponse>(kClerkKainuu, journal_req)->cases_size(), 0);

  pb::ListMembershipsRequest list;
  list.set_network_code(kNetwork);
  EXPECT_EQ(Nom<pb::ListMembershipsResponse>(kObserver, list)->memberships_size(), 3);
  pb::GetCaseRequest get;
  get.set_case_id(kainuu_case);
  auto got = Nom<pb::CaseResponse>(kObserver, get);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->memberships_started_size(), 2);
  // Every stored stamp names the principal that carried its request: the
  // gateway, whose CURVE key the transport admitted, for people.
  EXPECT_EQ(got->case_().sent().principal(), "gateway");
  EXPECT_EQ(got->case_().registration().registered().principal(), "gateway");
  EXPECT_EQ(got->case_().decision().decided().principal(), "gateway");
  EXPECT_EQ(got->memberships_started(0).decided().principal(), "gateway");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM requests WHERE principal = 'gateway'"), 2);
  // Another area's director learns nothing of the case, not even that it exists.
  EXPECT_TRUE(Nom<pb::CaseResponse>(kDirectorKainuu, get).ok());
  EXPECT_EQ(Nom<pb::CaseResponse>(kDirectorLahti, get).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Nom<pb::CaseResponse>(kClerkHelsinki, get).status().code(), ErrorCode::kNotFound);

  // Networks closes the network: after consuming, the memberships ended.
  npb::CloseNetworkRequest close;
  close.set_network_code(kNetwork);
  close.set_reason("Tehtävä tehty");
  auto closed = Call<npb::NetworkResponse>("networks", kKeha, close);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  SyncNetworks();
  EXPECT_EQ(Nom<pb::ListMembershipsResponse>(kObserver, list)->memberships_size(), 0);
  list.set_include_ended(true);
  auto all = Nom<pb::ListMembershipsResponse>(kObserver, list);
  ASSERT_EQ(all->memberships_size(), 3);
  for (const pb::Membership& m : all->memberships()) {
    EXPECT_EQ(m.ended(), "2026-03-02");
    EXPECT_EQ(m.end_reason(), pb::END_REASON_NETWORK_CLOSED);
  }
  EXPECT_EQ(Events("MembershipEnded"), 3);
  EXPECT_EQ(Events("MembershipStarted"), 3);
  // The service itself ended them, applying the networks event: its stamps say so.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE ended_principal = 'nominations'"), 3);
  // And a closed network takes no more requests.
  EXPECT_EQ(Send({"helsinki"}).status().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(NominationsServiceTest, SettingOneAreasContactsKeepsEveryAreaReachable) {
  // networks publishes AreaDirectoryChanged with only the changed area; the
  // read model must not forget the other 44.
  OpenNetwork(kNetwork);
  npb::SetAreaContactsRequest contacts;
  contacts.set_area_code("kainuu-koillismaa");
  contacts.mutable_registry_office()->set_name("Kajaanin kirjaamo");
  contacts.mutable_registry_office()->set_email("kirjaamo@kajaani.example");
  ASSERT_TRUE(
      Call<npb::SetAreaContactsResponse>("networks", Make("admin", Role::kAdmin), contacts).ok());
  SyncNetworks();
  auto sent = Send({"helsinki", "kainuu-koillismaa"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_EQ(sent->cases_size(), 2);
  pb::NetworkMatrixRequest matrix;
  matrix.set_network_code(kNetwork);
  auto rows = Nom<pb::NetworkMatrixResponse>(kObserver, matrix);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->rows_size(), 45);
}

TEST_F(NominationsServiceTest, OnlyTheApprovalCreatesMemberships) {
  OpenNetwork(kNetwork);
  SyncNetworks();

  // Every command the service accepts; a new one must be added here.
  std::set<std::string> commands;
  for (const auto& [name, is_command] : nominations_->server().Operations()) {
    if (is_command) commands.insert(name);
  }
  const std::set<std::string> expected = {
      "verkosto.nominations.v1.SendRequestRequest",
      "verkosto.nominations.v1.RequestReplacementRequest",
      "verkosto.nominations.v1.RegisterCaseRequest",
      "verkosto.nominations.v1.LogIncomingRequestRequest",
      "verkosto.nominations.v1.ApproveCaseRequest",
      "verkosto.nominations.v1.DeclineCaseRequest",
      "verkosto.nominations.v1.WithdrawCaseRequest",
      "verkosto.nominations.v1.ExtendDeadlineRequest",
      "verkosto.nominations.v1.RecordResignationRequest",
      "verkosto.nominations.v1.CorrectMyContactRequest",
      "verkosto.nominations.v1.RequestResignationRequest",
      "verkosto.nominations.v1.ReplaceMemberRequest",
      "verkosto.nominations.v1.RecallMemberRequest",
      "verkosto.nominations.v1.RecordPaperAnswerRequest",
      "verkosto.nominations.v1.SendConfirmationRequestsRequest",
      "verkosto.nominations.v1.DecideConfirmationRequest",
      "verkosto.common.v1.RecordPingRequest",
      "verkosto.common.v1.WitnessPeersRequest",
  };
  EXPECT_EQ(commands, expected);

  std::set<std::string> created_memberships;
  std::set<std::string> ran;
  auto run = [&](const std::string& name, auto&& step) {
    const int64_t rows = Count("SELECT COUNT(*) FROM memberships");
    const int64_t started = Events("MembershipStarted");
    step();
    ran.insert(name);
    if (Count("SELECT COUNT(*) FROM memberships") != rows ||
        Events("MembershipStarted") != started) {
      created_memberships.insert(name);
    }
  };
  const std::string ns = "verkosto.nominations.v1.";
  std::string case_id;
  std::string helsinki_case;
  std::string membership_id;
  std::string replacement_case;
  run(ns + "SendRequestRequest", [&] {
    auto sent = Send({"kainuu-koillismaa", "helsinki"});
    ASSERT_TRUE(sent.ok()) << sent.status().ToString();
    helsinki_case = sent->cases(0).case_id();
    case_id = sent->cases(1).case_id();
  });
  run(ns + "RegisterCaseRequest",
      [&] { ASSERT_TRUE(Register(kClerkKainuu, case_id, "KAI-1").ok()); });
  run(ns + "ApproveCaseRequest", [&] {
    auto approved = Approve(kDirectorKainuu, case_id, {Person("anna")});
    ASSERT_TRUE(approved.ok()) << approved.status().ToString();
    membership_id = approved->memberships_started(0).membership_id();
  });
  run(ns + "RequestReplacementRequest", [&] {
    pb::RequestReplacementRequest req;
    req.set_membership_id(membership_id);
    req.set_deadline("2026-04-30");
    req.set_covering_message("Nimetkää seuraaja.");
    auto replacement = Nom<pb::CaseResponse>(kKeha, req);
    ASSERT_TRUE(replacement.ok()) << replacement.status().ToString();
    replacement_case = replacement->case_().case_id();
    EXPECT_EQ(replacement->case_().kind(), pb::CASE_KIND_REPLACEMENT);
  });
  run(ns + "LogIncomingRequestRequest", [&] {
    auto logged = LogLetter(kClerkKainuu, "KAI-2");
    ASSERT_TRUE(logged.ok()) << logged.status().ToString();
    pb::DeclineCaseRequest decline;
    decline.set_case_id(logged->case_().case_id());
    decline.set_reason("Ei osallistuta");
    run(ns + "DeclineCaseRequest",
        [&] { ASSERT_TRUE(Nom<pb::CaseResponse>(kDirectorKainuu, decline).ok()); });
  });
  run(ns + "ExtendDeadlineRequest", [&] {
    pb::ExtendDeadlineRequest req;
    req.set_case_id(replacement_case);
    req.set_deadline("2026-05-29");
    ASSERT_TRUE(Nom<pb::CaseResponse>(kKeha, req).ok());
  });
  run(ns + "WithdrawCaseRequest", [&] {
    pb::WithdrawCaseRequest req;
    req.set_case_id(helsinki_case);
    req.set_reason("Turha");
    auto r = Nom<pb::CaseResponse>(kKeha, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  });
  // The member herself: she corrects her contact and asks to resign; neither
  // starts nor ends a membership, and only the director's record below ends it.
  Actor anna = Make("anna.nimetty", Role::kNominee);
  anna.email = "ANNA@kajaani.fi";
  run(ns + "CorrectMyContactRequest", [&] {
    pb::CorrectMyContactRequest req;
    req.set_title("Tiiminvetäjä");
    req.set_language(common::v1::LANGUAGE_SV);
    auto r = Nom<pb::CorrectMyContactResponse>(anna, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->memberships_size(), 1);
    EXPECT_EQ(r->memberships(0).person().title(), "Tiiminvetäjä");
    EXPECT_EQ(r->memberships(0).contact_corrected().corrected().user_id(), "anna.nimetty");
    // Another role, or a title too long, is refused naming why.
    EXPECT_EQ(Nom<pb::CorrectMyContactResponse>(kObserver, req).status().code(),
              ErrorCode::kPermissionDenied);
    req.set_title(std::string(201, 'x'));
    EXPECT_EQ(Nom<pb::CorrectMyContactResponse>(anna, req).status().field(), "title");
  });
  EXPECT_EQ(Events("ContactCorrected"), 1);
  run(ns + "RequestResignationRequest", [&] {
    pb::RequestResignationRequest req;
    req.set_membership_id(membership_id);
    req.set_reason("Uusi työ");
    Actor other = Make("bertil", Role::kNominee);
    other.email = "bertil@kajaani.fi";
    EXPECT_EQ(Nom<pb::ResignationRequestResponse>(other, req).status().code(),
              ErrorCode::kPermissionDenied);
    auto r = Nom<pb::ResignationRequestResponse>(anna, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->request().state(), pb::RESIGNATION_REQUEST_STATE_PENDING);
    auto pending =
        Nom<pb::PendingResignationsResponse>(kDirectorKainuu, pb::PendingResignationsRequest());
    ASSERT_TRUE(pending.ok()) << pending.status().ToString();
    ASSERT_EQ(pending->requests_size(), 1);
    EXPECT_EQ(pending->requests(0).person().title(), "Tiiminvetäjä");
    EXPECT_EQ(Nom<pb::PendingResignationsResponse>(kDirectorLahti, pb::PendingResignationsRequest())
                  ->requests_size(),
              0);
    // The member cannot record it herself (rule 3).
    pb::RecordResignationRequest self;
    self.set_membership_id(membership_id);
    self.set_date("2026-03-02");
    EXPECT_EQ(Nom<pb::MembershipResponse>(anna, self).status().code(),
              ErrorCode::kPermissionDenied);
  });
  run(ns + "RecordResignationRequest", [&] {
    pb::RecordResignationRequest req;
    req.set_membership_id(membership_id);
    req.set_date("2026-03-02");
    req.set_reason("Uusi työ");
    auto r = Nom<pb::MembershipResponse>(kDirectorKainuu, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->membership().end_reason(), pb::END_REASON_RESIGNED);
  });
  EXPECT_EQ(Events("ResignationRequestClosed"), 1);
  {
    auto mine = Nom<pb::ListMyMembershipsResponse>(anna, pb::ListMyMembershipsRequest());
    ASSERT_TRUE(mine.ok()) << mine.status().ToString();
    ASSERT_EQ(mine->memberships_size(), 1);
    EXPECT_EQ(mine->memberships(0).membership().diary_number(), "KAI-1");
    EXPECT_EQ(mine->memberships(0).term_end(), "2026-12-31");
    EXPECT_GT(mine->memberships(0).goals_size(), 0);
    EXPECT_EQ(mine->memberships(0).resignation_request().state(),
              pb::RESIGNATION_REQUEST_STATE_RECORDED);
  }
  run("verkosto.common.v1.RecordPingRequest", [&] {
    // Diagnostics belong to the operator (and the services), not to people.
    EXPECT_EQ(Nom<common::v1::RecordPingResponse>(kObserver, common::v1::RecordPingRequest())
                  .status()
                  .code(),
              ErrorCode::kPermissionDenied);
    ASSERT_TRUE(Nom<common::v1::RecordPingResponse>(verkosto::testing::TestOperator(),
                                                    common::v1::RecordPingRequest())
                    .ok());
  });
  run("verkosto.common.v1.WitnessPeersRequest", [&] {
    // Witnessing the other services' audit chains is the operator's.
    EXPECT_EQ(Nom<common::v1::WitnessPeersResponse>(kObserver, common::v1::WitnessPeersRequest())
                  .status()
                  .code(),
              ErrorCode::kPermissionDenied);
    ASSERT_TRUE(Nom<common::v1::WitnessPeersResponse>(verkosto::testing::TestOperator(),
                                                      common::v1::WitnessPeersRequest())
                    .ok());
  });
  // The replacement too goes through the registry and the leadership: its
  // approval is again the one path that creates a membership.
  const int64_t before = Count("SELECT COUNT(*) FROM memberships");
  ASSERT_TRUE(Register(kClerkKainuu, replacement_case, "KAI-3").ok());
  ASSERT_TRUE(Approve(kDirectorKainuu, replacement_case, {Person("erkki")}).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships"), before + 1);

  // The leadership's other decisions that name people (issue 17): the area
  // replacing its member itself, and its approval received on paper, which
  // KEHA records. A recall ends a membership and starts none.
  std::string erkki;
  {
    pb::ListMembershipsRequest list;
    list.set_area_code("kainuu-koillismaa");
    auto members = Nom<pb::ListMembershipsResponse>(kDirectorKainuu, list);
    ASSERT_TRUE(members.ok()) << members.status().ToString();
    ASSERT_EQ(members->memberships_size(), 1);
    erkki = members->memberships(0).membership_id();
  }
  std::string frida;
  run(ns + "ReplaceMemberRequest", [&] {
    pb::ReplaceMemberRequest req;
    req.set_membership_id(erkki);
    *req.mutable_successor() = Person("frida");
    req.set_reason("Erkki siirtyi muihin tehtäviin");
    req.set_diary_number("KAI-4");
    auto r = Nom<pb::CaseResponse>(kDirectorKainuu, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->memberships_started_size(), 1);
    frida = r->memberships_started(0).membership_id();
  });
  run(ns + "RecallMemberRequest", [&] {
    pb::RecallMemberRequest req;
    req.set_membership_id(frida);
    req.set_reason("Tehtävä lakkautettiin");
    ASSERT_TRUE(Nom<pb::MembershipResponse>(kDirectorKainuu, req).ok());
  });
  auto to_helsinki = Send({"helsinki"});
  ASSERT_TRUE(to_helsinki.ok()) << to_helsinki.status().ToString();
  run(ns + "RecordPaperAnswerRequest", [&] {
    pb::RecordPaperAnswerRequest req;
    req.set_case_id(to_helsinki->cases(0).case_id());
    req.set_channel(pb::CHANNEL_LETTER);
    req.set_approved(true);
    *req.add_nominees() = Person("greta");
    req.set_diary_number("HEL/5/2026");
    req.set_decision_date("2026-03-02");
    req.set_decided_by("Helena Helsinki, johtaja");
    ASSERT_TRUE(Nom<pb::CaseResponse>(kKeha, req).ok());
  });
  // Renewal (issue 17): asking for confirmations starts nothing; the
  // leadership's decision naming a successor does.
  npb::RenewNetworkRequest renew;
  *renew.mutable_definition() = Complete(kNetwork);
  renew.mutable_definition()->mutable_term()->set_start_date("2027-01-01");
  renew.mutable_definition()->mutable_term()->set_end_date("2028-12-31");
  renew.set_reason("Jatkuu");
  ASSERT_TRUE(Call<npb::NetworkResponse>("networks", kKeha, renew).ok());
  SyncNetworks();
  std::string confirmation_case;
  run(ns + "SendConfirmationRequestsRequest", [&] {
    pb::SendConfirmationRequestsRequest req;
    req.set_network_code(kNetwork);
    req.set_deadline("2026-04-30");
    auto r = Nom<pb::SendRequestResponse>(kKeha, req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->cases_size(), 1);
    confirmation_case = r->cases(0).case_id();
  });
  pb::ConfirmationAnswer answer;
  {
    ASSERT_TRUE(Register(kClerkHelsinki, confirmation_case, "HEL-6").ok());
    pb::GetCaseRequest get;
    get.set_case_id(confirmation_case);
    auto got = Nom<pb::CaseResponse>(kDirectorHelsinki, get);
    ASSERT_TRUE(got.ok() && got->case_().sitting_size() == 1);
    answer.set_membership_id(got->case_().sitting(0).membership_id());
  }
  run(ns + "DecideConfirmationRequest", [&] {
    pb::DecideConfirmationRequest req;
    req.set_case_id(confirmation_case);
    answer.set_choice(pb::CONFIRMATION_CHOICE_REPLACE);
    *answer.mutable_successor() = Person("hanna");
    *req.add_answers() = answer;
    ASSERT_TRUE(Nom<pb::CaseResponse>(kDirectorHelsinki, req).ok());
  });

  EXPECT_EQ(ran, expected);
  EXPECT_EQ(
      created_memberships,
      (std::set<std::string>{ns + "ApproveCaseRequest", ns + "ReplaceMemberRequest",
                             ns + "RecordPaperAnswerRequest", ns + "DecideConfirmationRequest"}));
}

TEST_F(NominationsServiceTest, TimersFireRemindersAndOverdueAndCatchUpAfterDowntime) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  // Deadline Friday 2026-03-20: 7 working days before is 2026-03-11, 2 before 2026-03-18.
  auto sent = Send({"kainuu-koillismaa"}, "2026-03-20");
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_FALSE(sent->short_deadline()) << "14 working days";
  EXPECT_EQ(Timers(), 0u);

  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-03-11")) + hours(8));
  EXPECT_EQ(Timers(), 1u);
  EXPECT_EQ(Timers(), 0u) << "a second run on the same day fires nothing";
  EXPECT_EQ(Events("ReminderDue"), 1);

  // Down from the 12th until after the deadline: one overdue, no stale reminder.
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-03-24")) + hours(8));
  EXPECT_EQ(Timers(), 1u);
  EXPECT_EQ(Events("ReminderDue"), 1);
  EXPECT_EQ(Events("CaseOverdue"), 1);
  pb::GetCaseRequest get;
  get.set_case_id(sent->cases(0).case_id());
  auto c = Nom<pb::CaseResponse>(kObserver, get);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->case_().overdue());
}

// Per-step reminders over the real service with a fake clock: the case
// still awaiting registration is reminded about registration (and escalated
// at two working days), the registered one about the decision.
TEST_F(NominationsServiceTest, TimersRemindEachStepAndEscalateALateRegistration) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  // Deadline Friday 2026-03-20: 7 working days before is 2026-03-11, 2 before 2026-03-18.
  auto sent = Send({"helsinki", "kainuu-koillismaa"}, "2026-03-20");
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_EQ(sent->cases_size(), 2);
  const std::string helsinki = sent->cases(0).case_id();
  const std::string kainuu = sent->cases(1).case_id();
  ASSERT_TRUE(Register(kClerkHelsinki, helsinki, "HEL/1/2026").ok());

  // The reminders in the outbox, by case id, in the order emitted.
  auto reminders = [this] {
    std::vector<pb::ReminderDue> out;
    SQLite::Database db(system_.services.at("nominations").database, SQLite::OPEN_READONLY);
    SQLite::Statement q(db,
                        "SELECT payload FROM outbox WHERE type = "
                        "'verkosto.nominations.v1.ReminderDue' ORDER BY seq");
    while (q.executeStep()) {
      const SQLite::Column payload = q.getColumn(0);
      pb::ReminderDue e;
      EXPECT_TRUE(e.ParseFromArray(payload.getBlob(), payload.getBytes()));
      out.push_back(e);
    }
    return out;
  };
  auto of = [](const std::vector<pb::ReminderDue>& all, const std::string& case_id,
               uint32_t threshold) {
    for (const pb::ReminderDue& e : all) {
      if (e.case_().case_id() == case_id && e.threshold() == threshold) return e;
    }
    ADD_FAILURE() << "no " << threshold << "-day reminder for " << case_id;
    return pb::ReminderDue();
  };

  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-03-11")) + hours(8));
  EXPECT_EQ(Timers(), 2u);
  auto all = reminders();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(of(all, kainuu, 7).step(), pb::REMINDER_STEP_REGISTRATION);
  EXPECT_FALSE(of(all, kainuu, 7).escalated());
  EXPECT_EQ(of(all, helsinki, 7).step(), pb::REMINDER_STEP_DECISION);
  EXPECT_EQ(of(all, helsinki, 7).working_days_left(), 7u);

  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-03-18")) + hours(8));
  EXPECT_EQ(Timers(), 2u);
  EXPECT_EQ(Timers(), 0u) << "a second run on the same day fires nothing";
  all = reminders();
  ASSERT_EQ(all.size(), 4u);
  const pb::ReminderDue late = of(all, kainuu, 2);
  EXPECT_EQ(late.step(), pb::REMINDER_STEP_REGISTRATION);
  EXPECT_TRUE(late.escalated()) << "still unregistered two working days before the deadline";
  EXPECT_EQ(late.case_().state(), pb::CASE_STATE_AWAITING_REGISTRATION);
  EXPECT_EQ(of(all, helsinki, 2).step(), pb::REMINDER_STEP_DECISION);
  EXPECT_FALSE(of(all, helsinki, 2).escalated());
}

// Act 150/1930: a deadline on a weekend or holiday is sent as asked, but the
// reply warns and names the next working day.
TEST_F(NominationsServiceTest, ADeadlineOnADayOffIsWarnedWithTheNextWorkingDay) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto weekday = Send({"helsinki"}, "2026-04-30");  // Thursday, May Day Eve
  ASSERT_TRUE(weekday.ok()) << weekday.status().ToString();
  EXPECT_FALSE(weekday->has_deadline_warning());

  auto saturday = Send({"kainuu-koillismaa"}, "2026-04-25");
  ASSERT_TRUE(saturday.ok()) << saturday.status().ToString();
  ASSERT_TRUE(saturday->has_deadline_warning());
  EXPECT_EQ(saturday->deadline_warning().deadline(), "2026-04-25");
  EXPECT_EQ(saturday->deadline_warning().next_working_day(), "2026-04-27");
  EXPECT_TRUE(saturday->deadline_warning().weekend());
  EXPECT_EQ(saturday->cases(0).deadline(), "2026-04-25") << "a warning, not a change";

  pb::ExtendDeadlineRequest extend;
  extend.set_case_id(saturday->cases(0).case_id());
  extend.set_deadline("2026-06-19");  // Midsummer Eve
  auto extended = Nom<pb::CaseResponse>(kKeha, extend);
  ASSERT_TRUE(extended.ok()) << extended.status().ToString();
  EXPECT_EQ(extended->case_().deadline(), "2026-06-19");
  ASSERT_TRUE(extended->has_deadline_warning());
  EXPECT_EQ(extended->deadline_warning().holiday(), "Midsummer Eve");
  EXPECT_FALSE(extended->deadline_warning().weekend());
  EXPECT_EQ(extended->deadline_warning().next_working_day(), "2026-06-22");

  extend.set_deadline("2026-06-22");
  auto working = Nom<pb::CaseResponse>(kKeha, extend);
  ASSERT_TRUE(working.ok()) << working.status().ToString();
  EXPECT_FALSE(working->has_deadline_warning());
}

TEST_F(NominationsServiceTest, TermEndEndsMembershipsOnTheTermsLastDay) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"kainuu-koillismaa"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  const std::string case_id = sent->cases(0).case_id();
  ASSERT_TRUE(Register(kClerkKainuu, case_id, "KAI-9").ok());
  ASSERT_TRUE(Approve(kDirectorKainuu, case_id, {Person("anna")}).ok());

  // Networks closes it by term end after the last day (its own term-end
  // check, run here on the networks loop's behalf with the loop stopped).
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2027-01-04")) + hours(8));
  networks_->Stop();
  networks_thread_.join();
  auto closed = verkosto::testing::CloseExpiredNetworks(*networks_);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(*closed, 1u);
  networks_thread_ = std::thread([this] { networks_->Run(); });
  SyncNetworks();

  // Read from the database: the clock is now past the wall clock, so the
  // service would see every client's deadline as passed.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE ended = '2026-12-31' AND "
                  "end_reason = 'term_ended' AND ended_user_id = 'system'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE ended IS NULL"), 0);
  EXPECT_EQ(Events("MembershipEnded"), 1);
}

TEST_F(NominationsServiceTest, QueriesAreScopedToTheActorsRoleAndArea) {
  EXPECT_EQ(Nom<pb::CaseListResponse>(kDirectorKainuu, pb::RegistryInboxRequest()).status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Nom<pb::CaseListResponse>(kClerkKainuu, pb::DirectorInboxRequest()).status().code(),
            ErrorCode::kPermissionDenied);
  pb::GetCaseRequest get;
  get.set_case_id("nope.helsinki");
  EXPECT_EQ(Nom<pb::CaseResponse>(kObserver, get).status().code(), ErrorCode::kNotFound);
  pb::NetworkMatrixRequest matrix;
  matrix.set_network_code("unknown");
  EXPECT_EQ(Nom<pb::NetworkMatrixResponse>(kObserver, matrix).status().code(),
            ErrorCode::kNotFound);
  (void)kDirectorHelsinki;
}

// GetCase says whether the caller may decide the case: the pages show the
// decision form by it and never recompute the rule.
TEST_F(NominationsServiceTest, GetCaseSaysWhetherTheCallerMayDecideIt) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"kainuu-koillismaa"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  const std::string case_id = sent->cases(0).case_id();
  pb::GetCaseRequest get;
  get.set_case_id(case_id);
  auto may_decide = [&](const Actor& actor) {
    auto got = Nom<pb::CaseResponse>(actor, get);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() && got->may_decide();
  };
  EXPECT_FALSE(may_decide(kDirectorKainuu)) << "not registered yet";
  ASSERT_TRUE(Register(kClerkKainuu, case_id, "KAI-1").ok());
  EXPECT_TRUE(may_decide(kDirectorKainuu)) << "registered, own area";
  EXPECT_FALSE(may_decide(kClerkKainuu)) << "the registry does not decide";
  EXPECT_FALSE(may_decide(kKeha));
  EXPECT_FALSE(may_decide(kObserver));
  ASSERT_TRUE(Approve(kDirectorKainuu, case_id, {Person("anna")}).ok());
  EXPECT_FALSE(may_decide(kDirectorKainuu)) << "already decided";
}

// An id as it was before migration 5: '/' between the parts.
std::string LegacyForm(std::string id) {
  std::replace(id.begin(), id.end(), '.', '/');
  return id;
}

TEST_F(NominationsServiceTest, IdsAreOneUrlSegmentAndTheLegacyFormStillNamesTheSameThing) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"kainuu-koillismaa"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  const std::string case_id = sent->cases(0).case_id();
  EXPECT_EQ(case_id, sent->request_id() + ".kainuu-koillismaa");
  const std::string legacy_case = LegacyForm(case_id);
  ASSERT_NE(legacy_case, case_id);

  // Links in e-mails already sent and scripts carry the legacy form.
  pb::GetCaseRequest get;
  get.set_case_id(legacy_case);
  auto got = Nom<pb::CaseResponse>(kObserver, get);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->case_().case_id(), case_id);
  ASSERT_TRUE(Register(kClerkKainuu, legacy_case, "843/14.07.00/2026").ok());
  auto approved =
      Approve(kDirectorKainuu, legacy_case, {Person("anna"), Person("ben", pb::SEAT_KIND_DEPUTY)});
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->case_().case_id(), case_id);
  ASSERT_EQ(approved->memberships_started_size(), 2);
  const std::string anna = approved->memberships_started(0).membership_id();
  const std::string ben = approved->memberships_started(1).membership_id();
  EXPECT_EQ(anna, case_id + ".1");
  EXPECT_EQ(ben, case_id + ".2");

  pb::RecordResignationRequest resign;
  resign.set_membership_id(LegacyForm(anna));
  resign.set_date("2026-03-02");
  resign.set_reason("Uusi työ");
  auto resigned = Nom<pb::MembershipResponse>(kDirectorKainuu, resign);
  ASSERT_TRUE(resigned.ok()) << resigned.status().ToString();
  EXPECT_EQ(resigned->membership().membership_id(), anna);

  pb::RequestReplacementRequest replace;
  replace.set_membership_id(LegacyForm(ben));
  replace.set_deadline("2026-04-30");
  replace.set_covering_message("Nimetkää seuraaja");
  auto replacement = Nom<pb::CaseResponse>(kKeha, replace);
  ASSERT_TRUE(replacement.ok()) << replacement.status().ToString();
  EXPECT_EQ(replacement->case_().replaced_membership_id(), ben);
  pb::WithdrawCaseRequest withdraw;
  withdraw.set_case_id(LegacyForm(replacement->case_().case_id()));
  withdraw.set_reason("Ben jatkaa");
  auto withdrawn = Nom<pb::CaseResponse>(kKeha, withdraw);
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  EXPECT_EQ(withdrawn->case_().state(), pb::CASE_STATE_WITHDRAWN);

  // An unknown id stays unknown, and the error quotes it as it was sent.
  get.set_case_id("r-000000000000/kainuu-koillismaa");
  auto unknown = Nom<pb::CaseResponse>(kObserver, get);
  EXPECT_EQ(unknown.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("r-000000000000/kainuu-koillismaa"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cases WHERE instr(id, '/') > 0"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE instr(id, '/') > 0"), 0);
}

// Issue 17, item 4: the area's leadership replaces its own member by naming
// the successor (one transaction: the old membership ends, the new one
// starts, through an approved replacement case of the area's own), or
// recalls them; another area's leadership is refused naming why.
TEST_F(NominationsServiceTest, AreaLeadershipReplacesAndRecallsItsOwnMembers) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"helsinki"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  const std::string case_id = sent->cases(0).case_id();
  ASSERT_TRUE(Register(kClerkHelsinki, case_id, "HEL/1/2026").ok());
  auto approved =
      Approve(kDirectorHelsinki, case_id, {Person("anna"), Person("bertil", pb::SEAT_KIND_DEPUTY)});
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  const std::string anna = approved->memberships_started(0).membership_id();
  const std::string bertil = approved->memberships_started(1).membership_id();
  const int64_t ended_before = Events("MembershipEnded");
  const int64_t started_before = Events("MembershipStarted");

  pb::ReplaceMemberRequest replace;
  replace.set_membership_id(anna);
  *replace.mutable_successor() = Person("cecilia");
  replace.set_reason("Anna siirtyi toiseen tehtävään");
  replace.set_diary_number("HEL/2/2026");
  // Another area's director: permission denied, naming both areas.
  auto other = Nom<pb::CaseResponse>(kDirectorKainuu, replace);
  ASSERT_EQ(other.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(other.status().message().find("'kainuu-koillismaa', not 'helsinki'"), std::string::npos)
      << other.status().message();
  EXPECT_EQ(Nom<pb::CaseResponse>(kKeha, replace).status().code(), ErrorCode::kPermissionDenied);
  // A wrong field is named, nothing is written.
  pb::ReplaceMemberRequest bad = replace;
  bad.mutable_successor()->set_seat(pb::SEAT_KIND_DEPUTY);
  EXPECT_EQ(Nom<pb::CaseResponse>(kDeputyHelsinki, bad).status().field(), "successor.seat");
  bad = replace;
  bad.set_diary_number("HEL/1/2026");  // the approval's
  EXPECT_EQ(Nom<pb::CaseResponse>(kDeputyHelsinki, bad).status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Events("MembershipEnded"), ended_before);

  // The deputy, for the director.
  auto replaced = Nom<pb::CaseResponse>(kDeputyHelsinki, replace);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  const pb::Case& c = replaced->case_();
  EXPECT_EQ(c.kind(), pb::CASE_KIND_REPLACEMENT);
  EXPECT_EQ(c.state(), pb::CASE_STATE_APPROVED);
  EXPECT_TRUE(c.started_by_area());
  EXPECT_EQ(c.replaced_membership_id(), anna);
  EXPECT_EQ(c.decision().reason(), "Anna siirtyi toiseen tehtävään");
  EXPECT_EQ(c.decision().decided().user_id(), "dep-hki");
  EXPECT_EQ(c.decision().decided().on_behalf_of(), "dir-hki");
  ExpectNamed(c);
  ASSERT_EQ(replaced->memberships_started_size(), 1);
  const pb::Membership& cecilia = replaced->memberships_started(0);
  EXPECT_EQ(cecilia.person().name(), "cecilia");
  EXPECT_EQ(cecilia.diary_number(), "HEL/2/2026");
  EXPECT_EQ(Events("MembershipEnded"), ended_before + 1);
  EXPECT_EQ(Events("MembershipStarted"), started_before + 1);

  // Stored: the case reads back as the area's own, the old membership ended.
  pb::GetCaseRequest get;
  get.set_case_id(c.case_id());
  auto got = Nom<pb::CaseResponse>(kObserver, get);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(got->case_().started_by_area());
  pb::ListMembershipsRequest list;
  list.set_area_code("helsinki");
  list.set_include_ended(true);
  auto members = Nom<pb::ListMembershipsResponse>(kDirectorHelsinki, list);
  ASSERT_TRUE(members.ok()) << members.status().ToString();
  bool saw_anna = false;
  for (const pb::Membership& m : members->memberships()) {
    if (m.membership_id() != anna) continue;
    saw_anna = true;
    EXPECT_EQ(m.end_reason(), pb::END_REASON_REPLACED);
    EXPECT_EQ(m.replaced_by(), cecilia.membership_id());
  }
  EXPECT_TRUE(saw_anna);
  // Replacing her again: she has ended.
  EXPECT_EQ(Nom<pb::CaseResponse>(kDirectorHelsinki, replace).status().code(),
            ErrorCode::kFailedPrecondition);

  // The recall.
  pb::RecallMemberRequest recall;
  recall.set_membership_id(bertil);
  EXPECT_EQ(Nom<pb::MembershipResponse>(kDirectorHelsinki, recall).status().field(), "reason");
  recall.set_reason("Varajäsenyys ei ole enää tarpeen");
  EXPECT_EQ(Nom<pb::MembershipResponse>(kDirectorKainuu, recall).status().code(),
            ErrorCode::kPermissionDenied);
  auto recalled = Nom<pb::MembershipResponse>(kDirectorHelsinki, recall);
  ASSERT_TRUE(recalled.ok()) << recalled.status().ToString();
  EXPECT_EQ(recalled->membership().end_reason(), pb::END_REASON_RECALLED);
  EXPECT_EQ(recalled->membership().ended(), "2026-03-02");
  EXPECT_EQ(Events("MembershipEnded"), ended_before + 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE end_reason = 'recalled' AND "
                  "end_note = 'Varajäsenyys ei ole enää tarpeen' AND ended_user_id = 'dir-hki'"),
            1);
}

// Issue 17, item 6: KEHA records an area's answer that came by letter; the
// memberships start as an approval starts them, and the case says so.
TEST_F(NominationsServiceTest, KehaRecordsAnAnswerReceivedOnPaper) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"helsinki", "kainuu-koillismaa"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  const std::string helsinki = sent->cases(0).case_id();
  const std::string kainuu = sent->cases(1).case_id();

  pb::RecordPaperAnswerRequest req;
  req.set_case_id(kainuu);
  req.set_channel(pb::CHANNEL_LETTER);
  req.set_approved(true);
  *req.add_nominees() = Person("eino");
  req.set_diary_number("KAI/77/2026");
  req.set_decision_date("2026-03-02");
  req.set_decided_by("Kaisa Kainuulainen, johtaja");
  // Only KEHA; the fields are named.
  EXPECT_EQ(Nom<pb::CaseResponse>(kDirectorKainuu, req).status().code(),
            ErrorCode::kPermissionDenied);
  pb::RecordPaperAnswerRequest bad = req;
  bad.set_decision_date("2026-03-03");
  EXPECT_EQ(Nom<pb::CaseResponse>(kKeha, bad).status().field(), "decision_date");
  bad = req;
  bad.clear_diary_number();
  EXPECT_EQ(Nom<pb::CaseResponse>(kKeha, bad).status().field(), "diary_number");
  bad = req;
  bad.set_channel(pb::CHANNEL_UNSPECIFIED);
  EXPECT_EQ(Nom<pb::CaseResponse>(kKeha, bad).status().field(), "channel");
  bad = req;
  bad.mutable_nominees(0)->set_email("x");
  EXPECT_EQ(Nom<pb::CaseResponse>(kKeha, bad).status().field(), "nominees[0].email");
  EXPECT_EQ(Events("MembershipStarted"), 0);

  auto recorded = Nom<pb::CaseResponse>(kKeha, req);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->case_().state(), pb::CASE_STATE_APPROVED);
  EXPECT_EQ(recorded->case_().decision().channel(), pb::CHANNEL_LETTER);
  EXPECT_EQ(recorded->case_().registration().diary_number(), "KAI/77/2026");
  ASSERT_EQ(recorded->memberships_started_size(), 1);
  EXPECT_EQ(recorded->memberships_started(0).diary_number(), "KAI/77/2026");
  EXPECT_EQ(Events("CaseApproved"), 1);
  EXPECT_EQ(Events("MembershipStarted"), 1);
  // A second answer to the same case: decided already.
  EXPECT_EQ(Nom<pb::CaseResponse>(kKeha, req).status().code(), ErrorCode::kFailedPrecondition);

  // Shown as such: the case and the matrix carry the channel, date and decider.
  pb::GetCaseRequest get;
  get.set_case_id(kainuu);
  auto got = Nom<pb::CaseResponse>(kDirectorKainuu, get);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->case_().decision().channel(), pb::CHANNEL_LETTER);
  EXPECT_EQ(got->case_().decision().decision_date(), "2026-03-02");
  EXPECT_EQ(got->case_().decision().decided_at_area(), "Kaisa Kainuulainen, johtaja");
  EXPECT_EQ(got->case_().decision().decided().user_id(), "keha-1");
  pb::NetworkMatrixRequest matrix;
  matrix.set_network_code(kNetwork);
  auto rows = Nom<pb::NetworkMatrixResponse>(kObserver, matrix);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  bool saw = false;
  for (const pb::MatrixRow& row : rows->rows()) {
    if (row.area_code() != "kainuu-koillismaa") continue;
    saw = true;
    EXPECT_EQ(row.latest_case().decision().channel(), pb::CHANNEL_LETTER);
    EXPECT_EQ(row.active_memberships_size(), 1);
  }
  EXPECT_TRUE(saw);

  // A decline by e-mail, for a case the area's registry had registered.
  ASSERT_TRUE(Register(kClerkHelsinki, helsinki, "HEL/9/2026").ok());
  pb::RecordPaperAnswerRequest decline;
  decline.set_case_id(helsinki);
  decline.set_channel(pb::CHANNEL_EMAIL);
  decline.set_diary_number("HEL/9/2026");
  decline.set_decision_date("2026-03-02");
  decline.set_decided_by("Helena Helsinki, johtaja");
  EXPECT_EQ(Nom<pb::CaseResponse>(kKeha, decline).status().field(), "reason");
  decline.set_reason("Ei resursseja");
  auto declined = Nom<pb::CaseResponse>(kKeha, decline);
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  EXPECT_EQ(declined->case_().state(), pb::CASE_STATE_DECLINED);
  EXPECT_EQ(declined->case_().decision().channel(), pb::CHANNEL_EMAIL);
  EXPECT_EQ(Events("CaseDeclined"), 1);
  EXPECT_EQ(Events("MembershipStarted"), 1);
}

// Issue 17, item 3: a renewed network's sitting members are confirmed,
// replaced or ended by their area's leadership through the registry; at the
// new term whatever was not confirmed ends with the old term.
TEST_F(NominationsServiceTest, RenewalConfirmationsDecideWhoCarriesOverToTheNewTerm) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"helsinki", "kainuu-koillismaa"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  for (const pb::Case& c : sent->cases()) {
    const bool hki = c.area_code() == "helsinki";
    ASSERT_TRUE(
        Register(hki ? kClerkHelsinki : kClerkKainuu, c.case_id(), hki ? "HKI-1" : "KAI-1").ok());
    auto approved = hki ? Approve(kDirectorHelsinki, c.case_id(), {Person("hanna")})
                        : Approve(kDirectorKainuu, c.case_id(),
                                  {Person("anna"), Person("bert", pb::SEAT_KIND_DEPUTY)});
    ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  }

  pb::SendConfirmationRequestsRequest confirm;
  confirm.set_network_code(kNetwork);
  confirm.set_deadline("2026-04-30");
  auto too_early = Nom<pb::SendRequestResponse>(kKeha, confirm);
  EXPECT_EQ(too_early.status().code(), ErrorCode::kFailedPrecondition) << "not renewed yet";

  npb::RenewNetworkRequest renew;
  *renew.mutable_definition() = Complete(kNetwork);
  renew.mutable_definition()->mutable_term()->set_start_date("2027-01-01");
  renew.mutable_definition()->mutable_term()->set_end_date("2028-12-31");
  renew.set_reason("Toimikausi jatkuu");
  auto renewed = Call<npb::NetworkResponse>("networks", kKeha, renew);
  ASSERT_TRUE(renewed.ok()) << renewed.status().ToString();
  SyncNetworks();

  auto asked = Nom<pb::SendRequestResponse>(kKeha, confirm);
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  ASSERT_EQ(asked->cases_size(), 2);
  std::string kainuu_case;
  for (const pb::Case& c : asked->cases()) {
    EXPECT_EQ(c.kind(), pb::CASE_KIND_CONFIRMATION);
    EXPECT_EQ(c.next_term_start(), "2027-01-01");
    if (c.area_code() == "kainuu-koillismaa") kainuu_case = c.case_id();
  }
  ASSERT_FALSE(kainuu_case.empty());
  EXPECT_EQ(Events("RequestSent"), 4);
  // Sending again asks nobody twice.
  EXPECT_EQ(Nom<pb::SendRequestResponse>(kKeha, confirm).status().code(),
            ErrorCode::kFailedPrecondition);

  pb::GetCaseRequest get;
  get.set_case_id(kainuu_case);
  auto got = Nom<pb::CaseResponse>(kDirectorKainuu, get);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->case_().sitting_size(), 2);
  EXPECT_EQ(got->case_().sitting(0).name(), "anna");
  EXPECT_EQ(got->case_().sitting(1).seat(), pb::SEAT_KIND_DEPUTY);
  const std::string anna = got->case_().sitting(0).membership_id();
  const std::string bert = got->case_().sitting(1).membership_id();

  pb::DecideConfirmationRequest decide;
  decide.set_case_id(kainuu_case);
  pb::ConfirmationAnswer* keep = decide.add_answers();
  keep->set_membership_id(anna);
  keep->set_choice(pb::CONFIRMATION_CHOICE_CONFIRM);
  // Rule 4: the registry first.
  EXPECT_EQ(Nom<pb::CaseResponse>(kDirectorKainuu, decide).status().code(),
            ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(Register(kClerkKainuu, kainuu_case, "KAI-2").ok());
  auto unanswered = Nom<pb::CaseResponse>(kDirectorKainuu, decide);
  EXPECT_EQ(unanswered.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(unanswered.status().field(), "answers[" + bert + "]");
  pb::ConfirmationAnswer* swap = decide.add_answers();
  swap->set_membership_id(bert);
  swap->set_choice(pb::CONFIRMATION_CHOICE_REPLACE);
  *swap->mutable_successor() = Person("cecilia", pb::SEAT_KIND_DEPUTY);
  EXPECT_EQ(Nom<pb::CaseResponse>(kDirectorLahti, decide).status().code(),
            ErrorCode::kPermissionDenied);
  auto decided = Nom<pb::CaseResponse>(kDirectorKainuu, decide);
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(decided->case_().state(), pb::CASE_STATE_APPROVED);
  ASSERT_EQ(decided->memberships_started_size(), 1);
  EXPECT_EQ(decided->memberships_started(0).started(), "2027-01-01");
  ASSERT_EQ(decided->case_().decision().answers_size(), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE ended IS NULL"), 4)
      << "everyone serves the old term out; the successor waits for the new one";

  // The old term ends; networks rolls the network to the renewed term.
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2027-01-04")) + hours(8));
  networks_->Stop();
  networks_thread_.join();
  auto rolled = verkosto::testing::CloseExpiredNetworks(*networks_);
  ASSERT_TRUE(rolled.ok()) << rolled.status().ToString();
  EXPECT_EQ(*rolled, 1u);
  networks_thread_ = std::thread([this] { networks_->Run(); });
  SyncNetworks();

  // Read from the database (the clock is past the wall clock).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE ended IS NULL AND name IN "
                  "('anna', 'cecilia')"),
            2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE name = 'bert' AND ended = "
                  "'2026-12-31' AND end_reason = 'replaced' AND replaced_by <> ''"),
            1);
  // Helsinki never decided: no membership carries over without a decision.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE name = 'hanna' AND ended = "
                  "'2026-12-31' AND end_reason = 'not_renewed' AND ended_user_id = 'system'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cases WHERE area_code = 'helsinki' AND "
                  "next_term_start IS NOT NULL AND state = 'withdrawn' AND overdue = 1"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM networks WHERE term_start = '2027-01-01' AND "
                  "next_term_start IS NULL"),
            1);
}

std::vector<std::string> CaseIds(const pb::DeskResponse& desk) {
  std::vector<std::string> ids;
  for (const pb::DeskCase& c : desk.cases()) ids.push_back(c.case_id());
  return ids;
}

// The desk (issue 18): each role's counts in its own scope, and the clerk's
// and the leadership's cases nearest deadline first, over the real socket.
TEST_F(NominationsServiceTest, TheDeskCountsAndListsWhatNeedsEachRoleInItsScope) {
  constexpr char kOther[] = "toinenverkosto";
  OpenNetwork(kNetwork);
  OpenNetwork(kOther);
  SyncNetworks();
  auto later = Send({"kainuu-koillismaa"}, "2026-04-30");
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  pb::SendRequestRequest send;
  send.set_network_code(kOther);
  send.add_area_codes("kainuu-koillismaa");
  send.add_area_codes("helsinki");
  send.mutable_seats()->set_members(1);
  send.set_deadline("2026-04-15");
  send.set_covering_message("Pyydämme nimeämään edustajan.");
  send.set_keha_diary_number("KEHA/13/2026");
  auto sooner = Nom<pb::SendRequestResponse>(kKeha, send);
  ASSERT_TRUE(sooner.ok()) << sooner.status().ToString();
  const std::string later_id = later->cases(0).case_id();
  std::string sooner_id;
  for (const pb::Case& c : sooner->cases()) {
    if (c.area_code() == "kainuu-koillismaa") sooner_id = c.case_id();
  }

  pb::DeskRequest desk;
  auto clerk = Nom<pb::DeskResponse>(kClerkKainuu, desk);
  ASSERT_TRUE(clerk.ok()) << clerk.status().ToString();
  EXPECT_EQ(clerk->awaiting_registration(), 2u) << "Helsinki's case is not Kainuu's";
  EXPECT_EQ(CaseIds(*clerk), (std::vector<std::string>{sooner_id, later_id}));
  ASSERT_EQ(clerk->cases_size(), 2);
  EXPECT_EQ(clerk->cases(0).deadline(), "2026-04-15");
  EXPECT_EQ(clerk->cases(0).days_left(), 44);  // from 2026-03-02
  EXPECT_EQ(clerk->cases(0).network_code(), kOther);
  EXPECT_EQ(clerk->cases(0).network_name_fi(), "Testiverkosto");  // the definition's name
  EXPECT_EQ(clerk->cases(0).area_name_fi(), "Kainuu-Koillismaan työllisyysalue");
  EXPECT_EQ(clerk->cases(0).kind(), "nomination");
  EXPECT_EQ(clerk->networks_open(), 2u);

  // The navigation's call: the counts, no lists.
  pb::DeskRequest counts;
  counts.set_counts_only(true);
  auto nav = Nom<pb::DeskResponse>(kClerkKainuu, counts);
  ASSERT_TRUE(nav.ok());
  EXPECT_EQ(nav->awaiting_registration(), 2u);
  EXPECT_EQ(nav->cases_size(), 0);

  // The director: both networks' participation is undecided; after the
  // registry registers one case, it is the one to decide.
  ASSERT_TRUE(Register(kClerkKainuu, later_id, "KAI-21").ok());
  auto director = Nom<pb::DeskResponse>(kDirectorKainuu, desk);
  ASSERT_TRUE(director.ok()) << director.status().ToString();
  EXPECT_EQ(director->registered(), 1u);
  EXPECT_EQ(director->awaiting_registration(), 1u);
  EXPECT_EQ(CaseIds(*director), (std::vector<std::string>{later_id}));
  EXPECT_EQ(director->participation_pending(), 2u);
  ASSERT_EQ(director->participation_pending_networks_size(), 2);
  EXPECT_EQ(director->participation_pending_networks(0).network_code(), kNetwork);  // by code
  Declines(kDirectorKainuu, kOther);
  SyncNetworks();
  director = Nom<pb::DeskResponse>(kDirectorKainuu, desk);
  ASSERT_TRUE(director.ok());
  EXPECT_EQ(director->participation_pending(), 1u);
  EXPECT_EQ(director->terms_ending(), 0u) << "the term ends 2026-12-31, not within 60 days";

  // KEHA counts every area; a nominee no cases at all.
  auto keha = Nom<pb::DeskResponse>(kKeha, desk);
  ASSERT_TRUE(keha.ok()) << keha.status().ToString();
  EXPECT_EQ(keha->awaiting_registration(), 2u);
  EXPECT_EQ(keha->registered(), 1u);
  EXPECT_EQ(keha->areas(), static_cast<uint32_t>(Count("SELECT COUNT(*) FROM areas")));
  EXPECT_EQ(keha->cases_size(), 0);
  const Actor nominee = Make("nelli", Role::kNominee);
  auto mine = Nom<pb::DeskResponse>(nominee, desk);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->awaiting_registration(), 0u);
  EXPECT_EQ(mine->networks_open(), 2u);

  // Once approved, the member's term (ending 2026-12-31) is in the
  // director's window of term_notice_days (60) from 2026-11-15.
  auto approved = Approve(kDirectorKainuu, later_id, {Person("anna")});
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-11-15")) + hours(9));
  director = Nom<pb::DeskResponse>(kDirectorKainuu, desk);
  ASSERT_TRUE(director.ok()) << director.status().ToString();
  EXPECT_EQ(director->terms_ending(), 1u);
  ASSERT_EQ(director->terms_ending_memberships_size(), 1);
  EXPECT_EQ(director->terms_ending_memberships(0).name(), "anna");
  EXPECT_EQ(director->terms_ending_memberships(0).term_end(), "2026-12-31");
  EXPECT_EQ(director->terms_ending_memberships(0).days_left(), 46);
  EXPECT_EQ(director->terms_ending_memberships(0).membership_id(),
            approved->memberships_started(0).membership_id());

  pb::DeskRequest too_many;
  too_many.set_limit(51);
  EXPECT_EQ(Nom<pb::DeskResponse>(kKeha, too_many).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Nom<pb::DeskResponse>(Make("operator:x", Role::kOperator), desk).status().code(),
            ErrorCode::kPermissionDenied);
}

// Issue 18, item 2: a case's history over the real sockets. Send, register,
// a reminder, an extension and a deputy's approval come back in order with
// who, role, on whose behalf, when and both diary numbers; paged; another
// area's staff cannot read it.
TEST_F(NominationsServiceTest, CaseHistoryListsEveryActInOrderWithStampsAndDiaryNumbers) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"helsinki"}, "2026-03-20");
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  const std::string id = sent->cases(0).case_id();
  const TimePoint sent_at = Start();

  clock_.Set(Start() + hours(1));
  ASSERT_TRUE(Register(kClerkHelsinki, id, "HEL/77/2026").ok());

  // 7 working days before 2026-03-20: the decision reminder.
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-03-11")) + hours(8));
  EXPECT_EQ(Timers(), 1u);

  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-03-12")) + hours(10));
  pb::ExtendDeadlineRequest extend;
  extend.set_case_id(id);
  extend.set_deadline("2026-04-30");
  ASSERT_TRUE(Nom<pb::CaseResponse>(kKeha, extend).ok());

  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-03-13")) + hours(11));
  const TimePoint approved_at = clock_.Now();
  // The gateway names the director whose mandate it checked.
  Actor deputy = kDeputyHelsinki;
  deputy.on_behalf_of_name = "Helena Johtaja";
  auto approved = Approve(deputy, id, {Person("anna")});
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();

  pb::ListCaseHistoryRequest req;
  req.set_case_id(id);
  auto history = Nom<pb::ListCaseHistoryResponse>(kDirectorHelsinki, req);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  std::vector<std::string> kinds;
  for (const pb::CaseAct& a : history->acts()) kinds.push_back(a.kind());
  EXPECT_EQ(kinds, (std::vector<std::string>{"sent", "registered", "reminder", "deadline_extended",
                                             "approved"}));
  ASSERT_EQ(history->acts_size(), 5);
  EXPECT_TRUE(history->next_page_token().empty());

  const pb::CaseAct& first = history->acts(0);
  EXPECT_EQ(first.by().user_id(), "keha-1");
  EXPECT_EQ(first.role(), common::v1::ROLE_KEHA_COORDINATOR);
  EXPECT_EQ(first.by().at_unix_us(), ToMicros(sent_at));
  EXPECT_EQ(first.keha_diary_number(), "KEHA/12/2026") << "KEHA's number, shown to the area";

  const pb::CaseAct& registered = history->acts(1);
  EXPECT_EQ(registered.by().user_id(), "clerk-hki");
  EXPECT_EQ(registered.diary_number(), "HEL/77/2026");
  EXPECT_EQ(registered.date_received(), "2026-03-02");
  EXPECT_EQ(registered.channel(), pb::CHANNEL_SYSTEM);

  EXPECT_EQ(history->acts(2).reminder_days(), 7u);
  EXPECT_EQ(history->acts(2).by().user_id(), "system");

  EXPECT_EQ(history->acts(3).previous_deadline(), "2026-03-20");
  EXPECT_EQ(history->acts(3).deadline(), "2026-04-30");

  const pb::CaseAct& decided = history->acts(4);
  EXPECT_EQ(decided.by().user_id(), "dep-hki");
  EXPECT_EQ(decided.role(), common::v1::ROLE_AREA_DEPUTY);
  EXPECT_EQ(decided.by().on_behalf_of(), "dir-hki");
  EXPECT_EQ(decided.by().on_behalf_of_name(), "Helena Johtaja");
  EXPECT_EQ(decided.by().at_unix_us(), ToMicros(approved_at));
  EXPECT_EQ(decided.diary_number(), "HEL/77/2026");
  EXPECT_EQ(decided.keha_diary_number(), "KEHA/12/2026");
  ASSERT_EQ(decided.names_size(), 1);
  EXPECT_EQ(decided.names(0), "anna");
  for (int i = 0; i + 1 < history->acts_size(); ++i) {
    EXPECT_LE(history->acts(i).by().at_unix_us(), history->acts(i + 1).by().at_unix_us());
  }
  // Names only: no e-mail in the history table.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_acts WHERE names LIKE '%@%'"), 0);

  // Paged: two at a time, in the same order.
  pb::ListCaseHistoryRequest paged;
  paged.set_case_id(id);
  paged.set_page_size(2);
  std::vector<std::string> walked;
  for (int i = 0; i < 5; ++i) {
    auto p = Nom<pb::ListCaseHistoryResponse>(kKeha, paged);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    for (const pb::CaseAct& a : p->acts()) walked.push_back(a.kind());
    if (p->next_page_token().empty()) break;
    paged.set_page_token(p->next_page_token());
  }
  EXPECT_EQ(walked, kinds);

  // Visible as GetCase is: the observer sees it, another area does not.
  EXPECT_TRUE(Nom<pb::ListCaseHistoryResponse>(kObserver, req).ok());
  auto other = Nom<pb::ListCaseHistoryResponse>(kDirectorKainuu, req);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), ErrorCode::kNotFound);
  pb::ListCaseHistoryRequest unknown;
  unknown.set_case_id("r-000000000000.helsinki");
  EXPECT_EQ(Nom<pb::ListCaseHistoryResponse>(kKeha, unknown).status().code(), ErrorCode::kNotFound);
}

// Issue 19: the formal letters, written with the acts that make them, in
// the area's first language; the other of a bilingual area's languages on
// request; the same bytes every time.
TEST_F(NominationsServiceTest, FormalLettersAreWrittenWithTheirActsAndReturnedUnchanged) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"helsinki", "kainuu-koillismaa"}, "2026-04-30");
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  std::string hki;
  std::string kainuu;
  for (const pb::Case& c : sent->cases())
    (c.area_code() == "helsinki" ? hki : kainuu) = c.case_id();
  const std::string dir = dir_->path();
  auto get = [&](const Actor& actor, const std::string& id, pb::LetterKind kind,
                 const std::string& language = {}) {
    pb::GetCaseLetterRequest req;
    req.set_case_id(id);
    req.set_kind(kind);
    req.set_language(language);
    return Nom<pb::CaseLetterResponse>(actor, req);
  };
  // VERKOSTO_LETTERS_DIR=<dir> keeps each letter read here, to look at
  // (pdftoppm -png -r 60).
  const char* keep = std::getenv("VERKOSTO_LETTERS_DIR");
  auto text_of = [&](const pb::CaseLetterResponse& r) {
    if (keep != nullptr) verkosto::testing::WritePdf(keep, r.letter().filename(), r.pdf());
    return verkosto::testing::PdfTool("pdftotext", dir, r.pdf());
  };
  auto expect_has = [](const std::string& text, std::initializer_list<const char*> parts) {
    for (const char* p : parts) EXPECT_NE(text.find(p), std::string::npos) << p << " in\n" << text;
  };

  // Sent: the request in Finnish, Helsinki's first language.
  pb::ListCaseLettersRequest list;
  list.set_case_id(hki);
  auto listed = Nom<pb::ListCaseLettersResponse>(kClerkHelsinki, list);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->letters_size(), 1);
  EXPECT_EQ(listed->letters(0).kind(), pb::LETTER_KIND_REQUEST);
  EXPECT_EQ(listed->letters(0).language(), "fi");
  EXPECT_EQ(listed->letters(0).filename(), hki + "-request-fi.pdf");

  auto request = get(kClerkHelsinki, hki, pb::LETTER_KIND_REQUEST);
  ASSERT_TRUE(request.ok()) << request.status().ToString();
  EXPECT_EQ(request->letter().language(), "fi");
  EXPECT_EQ(request->letter().sha256(), listed->letters(0).sha256());
  EXPECT_EQ(request->letter().size_bytes(), request->pdf().size());
  const std::string path = verkosto::testing::WritePdf(dir, "request.pdf", request->pdf());
  EXPECT_EQ(verkosto::testing::RunCommand("sha256sum '" + path + "' | cut -c1-64"),
            request->letter().sha256() + "\n");
  expect_has(text_of(*request),
             {"NIMEÄMISPYYNTÖ", "Sivu 1 (", "KEHA-keskus", "Helsingin kaupunki", "KEHA/12/2026",
              "2.3.2026", "30.4.2026", "1 jäsenen ja 1 varajäsenen", "Testiverkosto", "sääntö 6",
              "Name of keha-1", "Pyydämme nimeämään edustajat.", "Viestintäsuunnitelma",
              "Kohderyhmät: työllisyysalueiden johto.", "Kanavat: muistiot kirjaamoon.",
              "Aikataulu: kokousten jälkeen.", "Vastuu: sihteeri."});
  const std::string info = verkosto::testing::PdfTool("pdfinfo", dir, request->pdf());
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  EXPECT_NE(info.find("Pages:"), std::string::npos) << info;
  const std::string fonts = verkosto::testing::PdfTool("pdffonts", dir, request->pdf());
  EXPECT_NE(fonts.find("DejaVu"), std::string::npos) << fonts;
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << "every font embedded:\n" << fonts;

  // The same bytes every time.
  auto again = get(kKeha, hki, pb::LETTER_KIND_REQUEST, "fi");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->pdf(), request->pdf());

  // Swedish on request for the bilingual area, then kept.
  auto sv = get(kClerkHelsinki, hki, pb::LETTER_KIND_REQUEST, "sv");
  ASSERT_TRUE(sv.ok()) << sv.status().ToString();
  expect_has(text_of(*sv), {"BEGÄRAN OM NOMINERING", "Sida 1 (", "Helsingfors stad", "KEHA/12/2026",
                            "30.4.2026", "1 ledamot och 1 ersättare", "regel 6",
                            "Kommunikationsplan", "Målgrupper: työllisyysalueiden johto."});
  clock_.Set(Start() + hours(3));
  auto sv_again = get(kKeha, hki, pb::LETTER_KIND_REQUEST, "sv");
  ASSERT_TRUE(sv_again.ok());
  EXPECT_EQ(sv_again->pdf(), sv->pdf());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_letters WHERE case_id = '" + hki + "'"), 2);
  // Kainuu is Finnish only; a letter the case has not reached is not found.
  EXPECT_EQ(get(kKeha, kainuu, pb::LETTER_KIND_REQUEST, "sv").status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(get(kKeha, kainuu, pb::LETTER_KIND_REQUEST, "en").status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(get(kKeha, kainuu, pb::LETTER_KIND_ACKNOWLEDGEMENT).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(get(kKeha, kainuu, pb::LETTER_KIND_UNSPECIFIED).status().code(),
            ErrorCode::kInvalidArgument);
  // Visible as GetCase is.
  EXPECT_EQ(get(kDirectorKainuu, hki, pb::LETTER_KIND_REQUEST).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(Nom<pb::ListCaseLettersResponse>(kDirectorKainuu, list).status().code(),
            ErrorCode::kNotFound);

  // Registered: the acknowledgement.
  clock_.Set(Start() + hours(4));
  ASSERT_TRUE(Register(kClerkHelsinki, hki, "HEL/77/2026").ok());
  auto ack = get(kKeha, hki, pb::LETTER_KIND_ACKNOWLEDGEMENT);
  ASSERT_TRUE(ack.ok()) << ack.status().ToString();
  expect_has(text_of(*ack),
             {"VASTAANOTTOILMOITUS", "HEL/77/2026", "KEHA/12/2026", "Vastaanotettu: 2.3.2026",
              "verkosto-järjestelmä", "Name of clerk-hki", "Sivu 1 (1)"});
  auto ack_sv = get(kKeha, hki, pb::LETTER_KIND_ACKNOWLEDGEMENT, "sv");
  ASSERT_TRUE(ack_sv.ok());
  expect_has(text_of(*ack_sv), {"MOTTAGNINGSBEVIS", "HEL/77/2026", "Mottagen: 2.3.2026",
                                "Registrerad av: Name of clerk-hki", "Sida 1 (1)"});

  // Decided: the decision, by a deputy on the director's behalf.
  clock_.Set(Start() + hours(26));
  auto anna = Person("anna");
  anna.set_name("Anna Aalto");
  auto bo = Person("bo", pb::SEAT_KIND_DEPUTY);
  bo.set_name("Bo Berg");
  // The gateway names the director whose mandate it checked.
  Actor deputy = kDeputyHelsinki;
  deputy.on_behalf_of_name = "Helena Johtaja";
  ASSERT_TRUE(Approve(deputy, hki, {anna, bo}).ok());
  auto decision = get(kKeha, hki, pb::LETTER_KIND_DECISION);
  ASSERT_TRUE(decision.ok()) << decision.status().ToString();
  const std::string decided = text_of(*decision);
  expect_has(decided, {"PÄÄTÖS", "Päätöspäivä", "3.3.2026", "HEL/77/2026", "Anna Aalto",
                       "Kehittämispäällikkö", "(jäsen)", "Bo Berg", "(varajäsen)",
                       "Name of dep-hki", "(Helena Johtaja) puolesta"});
  EXPECT_EQ(decided.find("dir-hki"), std::string::npos) << "the director by name, not by id";
  EXPECT_EQ(decided.find("@kajaani.fi"), std::string::npos) << "no e-mail in a letter";
  auto decision_sv = get(kKeha, hki, pb::LETTER_KIND_DECISION, "sv");
  ASSERT_TRUE(decision_sv.ok());
  expect_has(text_of(*decision_sv),
             {"BESLUT", "Beslutsdatum", "Anna Aalto", "(ledamot)", "(ersättare)", "Sida 1 (",
              "sysselsättningsdirektören (Helena Johtaja)"});

  // A decline: the reason.
  ASSERT_TRUE(Register(kClerkKainuu, kainuu, "KAI/5/2026").ok());
  pb::DeclineCaseRequest decline;
  decline.set_case_id(kainuu);
  decline.set_reason("Ei resursseja tällä kaudella");
  ASSERT_TRUE(Nom<pb::CaseResponse>(kDirectorKainuu, decline).ok());
  auto declined = get(kDirectorKainuu, kainuu, pb::LETTER_KIND_DECISION);
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  expect_has(text_of(*declined), {"PÄÄTÖS", "KAI/5/2026", "ei nimeä edustajia", "Perustelut",
                                  "Ei resursseja tällä kaudella", "Name of dir-kainuu"});

  pb::ListCaseLettersRequest all;
  all.set_case_id(hki);
  auto letters = Nom<pb::ListCaseLettersResponse>(kObserver, all);
  ASSERT_TRUE(letters.ok());
  std::vector<std::string> names;
  for (const pb::CaseLetter& l : letters->letters()) names.push_back(l.filename());
  EXPECT_EQ(names, (std::vector<std::string>{hki + "-request-fi.pdf", hki + "-request-sv.pdf",
                                             hki + "-acknowledgement-fi.pdf",
                                             hki + "-acknowledgement-sv.pdf",
                                             hki + "-decision-fi.pdf", hki + "-decision-sv.pdf"}));
  // One letter each; a request logged by the registry has no KEHA letter.
  auto logged = LogLetter(kClerkKainuu, "KAI/6/2026");
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  pb::ListCaseLettersRequest logged_list;
  logged_list.set_case_id(logged->case_().case_id());
  auto logged_letters = Nom<pb::ListCaseLettersResponse>(kKeha, logged_list);
  ASSERT_TRUE(logged_letters.ok());
  ASSERT_EQ(logged_letters->letters_size(), 1);
  EXPECT_EQ(logged_letters->letters(0).kind(), pb::LETTER_KIND_ACKNOWLEDGEMENT);
}

// Issue 19, item 3: the records export over the real sockets. A case's
// record has both diary numbers, the parties (nominees by name and title,
// never e-mail), every act, the decision, publicity and retention, and the
// letters stored in case_letters; an area's period is paged; another area's
// staff get not_found for a case and permission_denied for a period.
TEST_F(NominationsServiceTest, RecordsExportGivesTheCaseRecordWithActsDecisionAndLetters) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"helsinki"});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  const std::string id = sent->cases(0).case_id();
  clock_.Set(Start() + hours(1));
  ASSERT_TRUE(Register(kClerkHelsinki, id, "HEL/77/2026").ok());
  clock_.Set(Start() + hours(2));
  ASSERT_TRUE(Approve(kDeputyHelsinki, id, {Person("anna")}).ok());

  // The letters item 1 wrote with the acts: the request, the registry's
  // acknowledgement and the decision.
  pb::ListCaseLettersRequest list;
  list.set_case_id(id);
  auto letters = Nom<pb::ListCaseLettersResponse>(kClerkHelsinki, list);
  ASSERT_TRUE(letters.ok()) << letters.status().ToString();
  ASSERT_EQ(letters->letters_size(), 3);

  pb::ExportCaseRecordsRequest one;
  one.set_case_id(id);
  auto exported = Nom<pb::ExportCaseRecordsResponse>(kClerkHelsinki, one);
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  ASSERT_EQ(exported->records_size(), 1);
  const pb::CaseRecord& r = exported->records(0);
  EXPECT_EQ(r.case_id(), id);
  EXPECT_EQ(r.title(), "Nimeämispyyntö: Testiverkosto");
  EXPECT_EQ(r.keha_diary_number(), "KEHA/12/2026");
  EXPECT_EQ(r.diary_number(), "HEL/77/2026");
  EXPECT_EQ(r.opened(), "2026-03-02");
  EXPECT_EQ(r.state(), "approved");
  EXPECT_EQ(r.publicity_class(), "public");
  EXPECT_EQ(r.retention_years(), 10u);
  std::vector<std::string> kinds;
  for (const pb::CaseAct& a : r.actions()) kinds.push_back(a.kind());
  EXPECT_EQ(kinds, (std::vector<std::string>{"sent", "registered", "approved"}));
  ASSERT_TRUE(r.has_decision());
  EXPECT_TRUE(r.decision().approved());
  EXPECT_EQ(r.decision().decider_user_id(), "dep-hki");
  EXPECT_EQ(r.decision().on_behalf_of(), "dir-hki");
  EXPECT_EQ(r.decision().decision_date(), "2026-03-02");
  ASSERT_EQ(r.decision().nominees_size(), 1);
  EXPECT_EQ(r.decision().nominees(0).name(), "anna");
  EXPECT_EQ(r.decision().nominees(0).title(), "Kehittämispäällikkö");
  EXPECT_EQ(r.decision().nominees(0).seat(), "member");
  std::vector<std::string> roles;
  for (const pb::RecordParty& p : r.parties()) roles.push_back(p.role());
  EXPECT_EQ(roles, (std::vector<std::string>{"sender", "recipient", "nominee"}));
  EXPECT_EQ(r.parties(1).name(), "Helsingin kaupunki");
  EXPECT_EQ(exported->DebugString().find('@'), std::string::npos) << "never an e-mail";
  ASSERT_EQ(r.documents_size(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(r.documents(i).kind(), letters->letters(i).kind());
    EXPECT_EQ(r.documents(i).language(), "fi");
    EXPECT_EQ(r.documents(i).filename(), letters->letters(i).filename());
    EXPECT_EQ(r.documents(i).sha256(), letters->letters(i).sha256());
    EXPECT_EQ(r.documents(i).size_bytes(), letters->letters(i).size_bytes());
  }
  EXPECT_EQ(r.documents(2).filename(), id + "-decision-fi.pdf");

  // Who: KEHA any; the area's director too; an observer sees the case but
  // files nothing; another area's staff do not learn the case exists.
  EXPECT_TRUE(Nom<pb::ExportCaseRecordsResponse>(kKeha, one).ok());
  EXPECT_TRUE(Nom<pb::ExportCaseRecordsResponse>(kDirectorHelsinki, one).ok());
  EXPECT_EQ(Nom<pb::ExportCaseRecordsResponse>(kObserver, one).status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Nom<pb::ExportCaseRecordsResponse>(kClerkKainuu, one).status().code(),
            ErrorCode::kNotFound);

  // An area's period, paged one record at a time: three more cases.
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(Send({"helsinki"}).ok());
  pb::ExportCaseRecordsRequest area;
  area.set_area_code("helsinki");
  area.set_from("2026-03-01");
  area.set_to("2026-03-31");
  area.set_page_size(1);
  std::set<std::string> seen;
  for (int i = 0; i < 5; ++i) {
    auto page = Nom<pb::ExportCaseRecordsResponse>(kClerkHelsinki, area);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    ASSERT_LE(page->records_size(), 1);
    for (const pb::CaseRecord& rec : page->records()) seen.insert(rec.case_id());
    if (page->next_page_token().empty()) break;
    area.set_page_token(page->next_page_token());
  }
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen.count(id), 1u);

  pb::ExportCaseRecordsRequest later = area;
  later.clear_page_token();
  later.set_from("2026-04-01");
  later.set_to("2026-04-30");
  auto none = Nom<pb::ExportCaseRecordsResponse>(kKeha, later);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->records_size(), 0) << "the period is of the opened date";

  pb::ExportCaseRecordsRequest first = area;
  first.clear_page_token();
  EXPECT_EQ(Nom<pb::ExportCaseRecordsResponse>(kClerkKainuu, first).status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Nom<pb::ExportCaseRecordsResponse>(kObserver, first).status().code(),
            ErrorCode::kPermissionDenied);

  const auto field = [&](pb::ExportCaseRecordsRequest bad) {
    auto r2 = Nom<pb::ExportCaseRecordsResponse>(kKeha, bad);
    EXPECT_EQ(r2.status().code(), ErrorCode::kInvalidArgument) << r2.status().ToString();
    return r2.status().field();
  };
  pb::ExportCaseRecordsRequest bad = first;
  bad.set_to("2026-02-01");
  EXPECT_EQ(field(bad), "to");
  bad = first;
  bad.set_from("1.3.2026");
  EXPECT_EQ(field(bad), "from");
  bad = first;
  bad.set_format("pdf");
  EXPECT_EQ(field(bad), "format");
  bad = first;
  bad.set_page_size(101);
  EXPECT_EQ(field(bad), "page_size");
  EXPECT_EQ(field(pb::ExportCaseRecordsRequest()), "case_id");
  bad = first;
  bad.set_case_id(id);
  EXPECT_EQ(field(bad), "area_code");
}

// Issue 19, item 4 (Equality Act 4 a §): a request asks for a woman and a
// man; the approval records each nominee's gender; only KEHA and the area's
// leadership get it back over the sockets — not the registry clerk, other
// areas, observers, the nominee, or the events — and the network's balance
// is an aggregate for KEHA and the leadership only.
TEST_F(NominationsServiceTest, GenderIsSeenOnlyByKehaAndTheAreasLeadership) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  pb::SendRequestRequest send;
  send.set_network_code(kNetwork);
  send.add_area_codes("helsinki");
  send.mutable_seats()->set_members(1);
  send.mutable_seats()->set_deputies(1);
  send.set_deadline("2026-04-30");
  send.set_covering_message("Pyydämme nimeämään edustajat.");
  send.set_ask_woman_and_man(true);
  auto sent = Nom<pb::SendRequestResponse>(kKeha, send);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_EQ(sent->cases_size(), 1);
  EXPECT_TRUE(sent->cases(0).ask_woman_and_man());
  const std::string id = sent->cases(0).case_id();
  ASSERT_TRUE(Register(kClerkHelsinki, id, "HEL/19/2026").ok());
  pb::Nominee aino = Person("aino");
  aino.set_gender(pb::GENDER_WOMAN);
  pb::Nominee bertil = Person("bertil", pb::SEAT_KIND_DEPUTY);
  bertil.set_gender(pb::GENDER_MAN);
  auto approved = Approve(kDeputyHelsinki, id, {aino, bertil});
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  ASSERT_EQ(approved->case_().decision().nominees_size(), 2);
  EXPECT_EQ(approved->case_().decision().nominees(0).gender(), pb::GENDER_WOMAN);

  pb::GetCaseRequest get;
  get.set_case_id(id);
  for (const Actor& reader : {kKeha, kDirectorHelsinki, kDeputyHelsinki}) {
    auto c = Nom<pb::CaseResponse>(reader, get);
    ASSERT_TRUE(c.ok()) << reader.user_id << ": " << c.status().ToString();
    EXPECT_TRUE(c->case_().ask_woman_and_man());
    EXPECT_EQ(c->case_().decision().nominees(0).gender(), pb::GENDER_WOMAN) << reader.user_id;
    EXPECT_EQ(c->case_().decision().nominees(1).gender(), pb::GENDER_MAN) << reader.user_id;
    ASSERT_EQ(c->memberships_started_size(), 2);
    EXPECT_EQ(c->memberships_started(0).person().gender(), pb::GENDER_WOMAN) << reader.user_id;
  }
  // The registry clerk sees the case, not the gender.
  auto clerk = Nom<pb::CaseResponse>(kClerkHelsinki, get);
  ASSERT_TRUE(clerk.ok()) << clerk.status().ToString();
  EXPECT_EQ(clerk->case_().decision().nominees(0).gender(), pb::GENDER_UNSPECIFIED);
  EXPECT_EQ(clerk->memberships_started(0).person().gender(), pb::GENDER_UNSPECIFIED);

  // The membership list: KEHA yes; the clerk, another area, an observer no.
  pb::ListMembershipsRequest list;
  list.set_network_code(kNetwork);
  auto keha_list = Nom<pb::ListMembershipsResponse>(kKeha, list);
  ASSERT_TRUE(keha_list.ok()) << keha_list.status().ToString();
  ASSERT_EQ(keha_list->memberships_size(), 2);
  int women = 0;
  for (const pb::Membership& m : keha_list->memberships()) {
    women += m.person().gender() == pb::GENDER_WOMAN ? 1 : 0;
  }
  EXPECT_EQ(women, 1);
  for (const Actor& reader : {kClerkHelsinki, kDirectorLahti, kObserver}) {
    auto others = Nom<pb::ListMembershipsResponse>(reader, list);
    ASSERT_TRUE(others.ok()) << reader.user_id << ": " << others.status().ToString();
    for (const pb::Membership& m : others->memberships()) {
      EXPECT_EQ(m.person().gender(), pb::GENDER_UNSPECIFIED) << reader.user_id;
    }
  }
  // The nominee herself does not get it back either.
  Actor self = Make("aino", Role::kNominee);
  self.email = "aino@kajaani.fi";
  auto mine = Nom<pb::ListMyMembershipsResponse>(self, pb::ListMyMembershipsRequest());
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->memberships_size(), 1);
  EXPECT_EQ(mine->memberships(0).membership().person().email(), "aino@kajaani.fi");
  EXPECT_EQ(mine->memberships(0).membership().person().gender(), pb::GENDER_UNSPECIFIED);

  // The events (e-mail is written from them) carry no gender; the request's
  // ask does ride along for the e-mail text.
  SQLite::Database db(system_.services.at("nominations").database, SQLite::OPEN_READONLY);
  SQLite::Statement q(db,
                      "SELECT payload FROM outbox WHERE type = "
                      "'verkosto.nominations.v1.CaseApproved'");
  ASSERT_TRUE(q.executeStep());
  pb::CaseApproved event;
  const SQLite::Column payload = q.getColumn(0);
  ASSERT_TRUE(event.ParseFromArray(payload.getBlob(), payload.getBytes()));
  ASSERT_EQ(event.case_().decision().nominees_size(), 2);
  EXPECT_EQ(event.case_().decision().nominees(0).gender(), pb::GENDER_UNSPECIFIED);
  EXPECT_EQ(event.case_().decision().nominees(1).gender(), pb::GENDER_UNSPECIFIED);
  EXPECT_TRUE(event.case_().ask_woman_and_man());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM memberships WHERE gender = 'woman'"), 1);

  // The balance: one woman member, one man deputy; each group of one meets it.
  pb::GenderBalanceRequest balance;
  balance.set_network_code(kNetwork);
  for (const Actor& reader : {kKeha, kDirectorLahti}) {
    auto b = Nom<pb::GenderBalanceResponse>(reader, balance);
    ASSERT_TRUE(b.ok()) << reader.user_id << ": " << b.status().ToString();
    EXPECT_EQ(b->members().women(), 1U);
    EXPECT_EQ(b->members().total(), 1U);
    EXPECT_EQ(b->members().women_percent(), 100U);
    EXPECT_EQ(b->deputies().men(), 1U);
    EXPECT_EQ(b->verdict(), pb::BALANCE_VERDICT_MEETS);
  }
  for (const Actor& reader : {kClerkHelsinki, kObserver, self}) {
    auto denied = Nom<pb::GenderBalanceResponse>(reader, balance);
    ASSERT_FALSE(denied.ok()) << reader.user_id;
    EXPECT_EQ(denied.status().code(), ErrorCode::kPermissionDenied) << reader.user_id;
  }
  pb::GenderBalanceRequest unknown;
  unknown.set_network_code("no-such-network");
  EXPECT_EQ(Nom<pb::GenderBalanceResponse>(kKeha, unknown).status().code(), ErrorCode::kNotFound);
  auto blank = Nom<pb::GenderBalanceResponse>(kKeha, pb::GenderBalanceRequest());
  ASSERT_FALSE(blank.ok());
  EXPECT_NE(blank.status().ToString().find("network_code"), std::string::npos);
}

// Issue 19 (mail): each letter written with an act goes to the outbox as
// CaseLetterWritten, with the stored PDF, just before the act's own event.
TEST_F(NominationsServiceTest, EachActsLetterIsEmittedWithItsBytesBeforeTheActsEvent) {
  OpenNetwork(kNetwork);
  SyncNetworks();
  auto sent = Send({"helsinki", "kainuu-koillismaa"}, "2026-04-30");
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_EQ(sent->cases_size(), 2);
  SQLite::Database db(system_.services.at("nominations").database, SQLite::OPEN_READONLY);
  SQLite::Statement q(db,
                      "SELECT seq, type, payload FROM outbox WHERE type IN "
                      "('verkosto.nominations.v1.CaseLetterWritten', "
                      "'verkosto.nominations.v1.RequestSent') ORDER BY seq");
  std::map<std::string, int64_t> letter_seq;
  int letters = 0;
  while (q.executeStep()) {
    const SQLite::Column payload = q.getColumn(2);
    if (q.getColumn(1).getString() == "verkosto.nominations.v1.CaseLetterWritten") {
      pb::CaseLetterWritten e;
      ASSERT_TRUE(e.ParseFromArray(payload.getBlob(), payload.getBytes()));
      ++letters;
      EXPECT_EQ(e.letter().kind(), pb::LETTER_KIND_REQUEST);
      EXPECT_EQ(e.letter().filename(),
                e.letter().case_id() + "-request-" + e.letter().language() + ".pdf");
      EXPECT_EQ(e.letter().size_bytes(), e.pdf().size());
      SQLite::Statement stored(db,
                               "SELECT pdf, sha256 FROM case_letters WHERE case_id = ? AND "
                               "kind = 'request' AND language = ?");
      stored.bind(1, e.letter().case_id());
      stored.bind(2, e.letter().language());
      ASSERT_TRUE(stored.executeStep());
      const SQLite::Column pdf = stored.getColumn(0);
      EXPECT_EQ(e.pdf(), std::string(static_cast<const char*>(pdf.getBlob()),
                                     static_cast<size_t>(pdf.getBytes())));
      EXPECT_EQ(e.letter().sha256(), stored.getColumn(1).getString());
      letter_seq[e.letter().case_id()] = q.getColumn(0).getInt64();
    } else {
      pb::RequestSent e;
      ASSERT_TRUE(e.ParseFromArray(payload.getBlob(), payload.getBytes()));
      ASSERT_EQ(letter_seq.count(e.case_().case_id()), 1u) << "the letter comes first";
      EXPECT_LT(letter_seq[e.case_().case_id()], q.getColumn(0).getInt64());
    }
  }
  EXPECT_EQ(letters, 2);
}

}  // namespace
}  // namespace verkosto::nominations
