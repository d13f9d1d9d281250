// The networks service over real sockets: a runtime wired like the
// executable, driven through RpcClient as KEHA, area leadership, clerks,
// observers and admins.
#include "networks/service.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "core/date.h"
#include "messaging/rpc_client.h"
#include "networks/domain/disclaimer.h"
#include "networks/storage/sqlite_network_repository.h"
#include "testing/keys.h"
#include "testing/network_definition.h"
#include "testing/temp_dir.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::networks {
namespace {

namespace pb = ::verkosto::networks::v1;
using std::chrono::hours;

// 2026-03-02 09:00 Helsinki on the fake business clock. Request deadlines
// are transport time (the real clock), so any date works here.
TimePoint Start() { return HelsinkiStartOfDay(*ParseIsoDate("2026-03-02")) + hours(9); }

const Actor kKeha{"keha-1", "Kaisa KEHA", Role::kKehaCoordinator, {}, {}};
const Actor kDirector{
    "dir-kainuu", "Johtaja Kainuu", Role::kAreaDirector, AreaCode("kainuu-koillismaa"), {}};
const Actor kDeputy{"dep-kainuu", "Varajohtaja Kainuu", Role::kAreaDeputy,
                    AreaCode("kainuu-koillismaa"), "dir-kainuu"};
const Actor kOtherDirector{
    "dir-hki", "Johtaja Helsinki", Role::kAreaDirector, AreaCode("helsinki"), {}};
const Actor kObserver{"obs", "Observer", Role::kObserver, {}, {}};
const Actor kAdmin{"admin", "Admin", Role::kAdmin, {}, {}};

pb::NetworkDefinition Complete(const std::string& code) {
  return testing::CompleteNetworkDefinition(code, "2026-06-30");
}

class NetworksServiceTest : public ::testing::Test {
 protected:
  NetworksServiceTest() : clock_(Start()) {}

  void SetUp() override { Boot(/*demo_data=*/false); }
  void TearDown() override { Halt(); }

  void Boot(bool demo_data) {
    system_ = config::DefaultSystemConfig(dir_->path(), dir_->path(), 0);
    ASSERT_TRUE(verkosto::testing::ProvisionKeys(system_));
    system_.demo_data = demo_data;
    auto rt = runtime::ServiceRuntime::Create(zmq_, system_, "networks", Migrations(), clock_);
    ASSERT_TRUE(rt.ok()) << rt.status().ToString();
    runtime_ = std::move(rt).value();
    ASSERT_TRUE(Wire(*runtime_, system_).ok());
    ASSERT_TRUE(runtime_->Start().ok());
    thread_ = std::thread([this] { runtime_->Run(); });
  }

  void Halt() {
    if (thread_.joinable()) {
      runtime_->Stop();
      thread_.join();
    }
  }

  template <typename Resp>
  Result<Resp> Call(const Actor& actor, const google::protobuf::Message& request) {
    messaging::ClientOptions options;
    options.endpoint = system_.services.at("networks").rpc_endpoint;
    options.curve = verkosto::testing::CurveFor(system_, "networks", actor);
    messaging::RpcClient client(zmq_, options);
    return client.Call<Resp>(actor, request);
  }

  Result<pb::NetworkResponse> Create(const pb::NetworkDefinition& d, const Actor& as = kKeha) {
    pb::CreateNetworkRequest req;
    *req.mutable_definition() = d;
    return Call<pb::NetworkResponse>(as, req);
  }
  template <typename Req>
  Result<pb::NetworkResponse> Step(const std::string& code, const Actor& as = kKeha,
                                   const std::string& reason = {}) {
    Req req;
    req.set_network_code(code);
    if constexpr (requires { req.set_reason(reason); }) req.set_reason(reason);
    return Call<pb::NetworkResponse>(as, req);
  }
  Result<pb::DecideParticipationResponse> Decide(const Actor& as, const std::string& network,
                                                 const std::string& area,
                                                 pb::ParticipationDecision decision,
                                                 const std::string& reason = {}) {
    pb::DecideParticipationRequest req;
    req.set_network_code(network);
    req.set_area_code(area);
    req.set_decision(decision);
    req.set_reason(reason);
    return Call<pb::DecideParticipationResponse>(as, req);
  }
  // An open network (created, proposed, opened).
  void OpenNetwork(const std::string& code) {
    ASSERT_TRUE(Create(Complete(code)).ok());
    ASSERT_TRUE(Step<pb::ProposeNetworkRequest>(code).ok());
    ASSERT_TRUE(Step<pb::OpenNetworkRequest>(code).ok());
  }

  // Event types in the outbox, read through a connection of the test's own
  // (the service's connection belongs to its loop thread).
  std::vector<std::string> OutboxTypes() {
    std::vector<std::string> types;
    SQLite::Database db(system_.services.at("networks").database, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT type FROM outbox ORDER BY seq");
    while (q.executeStep()) types.push_back(q.getColumn(0).getString());
    return types;
  }

  std::unique_ptr<verkosto::testing::TempDir> dir_ = std::make_unique<verkosto::testing::TempDir>();
  zmq::context_t zmq_;
  FakeClock clock_;
  config::SystemConfig system_;
  std::unique_ptr<runtime::ServiceRuntime> runtime_;
  std::thread thread_;
};

TEST_F(NetworksServiceTest, BootstrapLoadsTheAreaDirectoryOnce) {
  auto areas = Call<pb::ListAreasResponse>(kObserver, pb::ListAreasRequest());
  ASSERT_TRUE(areas.ok()) << areas.status().ToString();
  EXPECT_EQ(areas->areas_size(), 45);
  EXPECT_EQ(areas->areas(0).code(), "helsinki");
  EXPECT_FALSE(areas->areas(0).director().email().empty()) << "demo contacts are set";

  pb::FindAreaRequest find;
  find.set_municipality("Esbo");
  auto esbo = Call<pb::FindAreaResponse>(kObserver, find);
  ASSERT_TRUE(esbo.ok()) << esbo.status().ToString();
  EXPECT_EQ(esbo->area().code(), "espoo-kauniainen");
  find.set_municipality("5");
  EXPECT_EQ(Call<pb::FindAreaResponse>(kObserver, find)->municipality().name_fi(), "Alajärvi");

  pb::GetAreaRequest get;
  get.set_area_code("kainuu-koillismaa");
  auto kainuu = Call<pb::GetAreaResponse>(kObserver, get);
  ASSERT_TRUE(kainuu.ok());
  EXPECT_GT(kainuu->area().municipalities_size(), 5);
  get.set_area_code("atlantis");
  EXPECT_EQ(Call<pb::GetAreaResponse>(kObserver, get).status().code(), ErrorCode::kNotFound);

  // A restart loads nothing again.
  Halt();
  runtime_.reset();
  Boot(false);
  EXPECT_EQ(OutboxTypes(), std::vector<std::string>{"verkosto.networks.v1.AreaDirectoryChanged"});
}

TEST_F(NetworksServiceTest, ReferenceDataReloadIsIdempotentAndABadRowChangesNothing) {
  pb::LoadReferenceDataRequest req;
  req.set_employment_areas_csv(std::string(EmbeddedEmploymentAreasCsv()));
  req.set_municipalities_csv(std::string(EmbeddedMunicipalitiesCsv()));
  auto same = Call<pb::LoadReferenceDataResponse>(kAdmin, req);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->changes_size(), 0);

  req.set_municipalities_csv(std::string(EmbeddedMunicipalitiesCsv()) + "999,,,nowhere,\n");
  auto bad = Call<pb::LoadReferenceDataResponse>(kAdmin, req);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field().rfind("municipalities.csv:", 0), 0u) << bad.status().field();
  EXPECT_EQ(Call<pb::ListAreasResponse>(kObserver, pb::ListAreasRequest())->areas_size(), 45);

  EXPECT_EQ(Call<pb::LoadReferenceDataResponse>(kKeha, req).status().code(),
            ErrorCode::kPermissionDenied);
}

TEST_F(NetworksServiceTest,
       ANetworkWithoutGoalsTermOrPlanCannotBeProposedAndTheErrorNamesEachField) {
  pb::NetworkDefinition draft = Complete("keskeneraiset");
  draft.clear_goals();
  draft.mutable_term()->clear_end_date();
  draft.clear_communication_plan();
  ASSERT_TRUE(Create(draft).ok());
  auto refused = Step<pb::ProposeNetworkRequest>("keskeneraiset");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
  const Status status = refused.status();  // by value: keep it alive for the loop
  std::vector<std::string> fields;
  for (const FieldViolation& v : status.violations()) fields.push_back(v.field);
  for (const char* field :
       {"goals", "term.end_date", "communication_plan.audiences", "communication_plan.channels"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
  }
  EXPECT_EQ(refused.status().field(), "goals");  // the first
  for (const std::string& field : fields) {
    EXPECT_NE(refused.status().message().find(field), std::string::npos);
  }

  pb::UpdateNetworkRequest fix;
  *fix.mutable_definition() = Complete("keskeneraiset");
  ASSERT_TRUE(Call<pb::NetworkResponse>(kKeha, fix).ok());
  auto proposed = Step<pb::ProposeNetworkRequest>("keskeneraiset");
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  EXPECT_EQ(proposed->network().status(), pb::NETWORK_STATUS_PROPOSED);
  EXPECT_EQ(proposed->network().disclaimer().fi(), kDisclaimerFi);
  EXPECT_EQ(proposed->network().disclaimer().sv(), kDisclaimerSv);
  EXPECT_EQ(proposed->network().disclaimer().en(), kDisclaimerEn);
}

TEST_F(NetworksServiceTest, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  pb::NetworkDefinition bad_date = Complete("x-verkosto");
  bad_date.mutable_term()->set_end_date("31.12.2026");
  auto refused = Create(bad_date);
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "term.end_date");

  ASSERT_TRUE(Create(Complete("x-verkosto")).ok());
  auto duplicate = Create(Complete("x-verkosto"));
  EXPECT_EQ(duplicate.status().code(), ErrorCode::kAlreadyExists);

  EXPECT_EQ(Step<pb::OpenNetworkRequest>("nonexistent").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Step<pb::OpenNetworkRequest>("x-verkosto").status().code(),
            ErrorCode::kFailedPrecondition)
      << "a draft opens only after it was proposed";
  // One created network, one event: the refusals left nothing behind.
  const std::vector<std::string> types = OutboxTypes();
  EXPECT_EQ(types, (std::vector<std::string>{"verkosto.networks.v1.AreaDirectoryChanged",
                                             "verkosto.networks.v1.NetworkCreated"}));
}

TEST_F(NetworksServiceTest, OnlyKehaDefinesNetworksAndDraftsStayHiddenFromAreas) {
  for (const Actor& actor : {kDirector, kObserver, kAdmin}) {
    EXPECT_EQ(Create(Complete("kielletty"), actor).status().code(), ErrorCode::kPermissionDenied)
        << actor.user_id;
  }
  ASSERT_TRUE(Create(Complete("luonnos")).ok());
  pb::GetNetworkRequest get;
  get.set_network_code("luonnos");
  EXPECT_TRUE(Call<pb::GetNetworkResponse>(kKeha, get).ok());
  EXPECT_EQ(Call<pb::GetNetworkResponse>(kDirector, get).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Call<pb::ListNetworksResponse>(kDirector, pb::ListNetworksRequest())->networks_size(),
            0);
  EXPECT_EQ(Call<pb::ListNetworksResponse>(kKeha, pb::ListNetworksRequest())->networks_size(), 1);
  EXPECT_EQ(Call<pb::ListNetworksResponse>(Actor{"x", "x", Role::kUnspecified, {}, {}, {}},
                                           pb::ListNetworksRequest())
                .status()
                .code(),
            ErrorCode::kPermissionDenied);
}

TEST_F(NetworksServiceTest, AreasDecideParticipationForThemselvesOnlyAndHistoryIsKept) {
  OpenNetwork("osallistuminen");
  auto declined = Decide(kDirector, "osallistuminen", "kainuu-koillismaa",
                         pb::PARTICIPATION_DECISION_DECLINES, "Ei resursseja tänä vuonna");
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  EXPECT_EQ(
      Decide(kDirector, "osallistuminen", "kainuu-koillismaa", pb::PARTICIPATION_DECISION_DECLINES)
          .status()
          .field(),
      "reason");
  EXPECT_EQ(Decide(kOtherDirector, "osallistuminen", "kainuu-koillismaa",
                   pb::PARTICIPATION_DECISION_TAKES_PART)
                .status()
                .code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      Decide(kKeha, "osallistuminen", "kainuu-koillismaa", pb::PARTICIPATION_DECISION_TAKES_PART)
          .status()
          .code(),
      ErrorCode::kPermissionDenied)
      << "rule 5: only the area decides";
  clock_.Advance(hours(24));
  auto takes_part =
      Decide(kDeputy, "osallistuminen", "kainuu-koillismaa", pb::PARTICIPATION_DECISION_TAKES_PART);
  ASSERT_TRUE(takes_part.ok()) << takes_part.status().ToString();
  EXPECT_EQ(takes_part->participation().decided_by(), "dep-kainuu");
  EXPECT_EQ(takes_part->participation().on_behalf_of(), "dir-kainuu");

  pb::GetParticipationHistoryRequest history;
  history.set_network_code("osallistuminen");
  history.set_area_code("kainuu-koillismaa");
  auto decisions = Call<pb::GetParticipationHistoryResponse>(kObserver, history);
  ASSERT_TRUE(decisions.ok());
  ASSERT_EQ(decisions->decisions_size(), 2);
  EXPECT_EQ(decisions->decisions(0).decision(), pb::PARTICIPATION_DECISION_DECLINES);
  EXPECT_EQ(decisions->decisions(0).reason(), "Ei resursseja tänä vuonna");
  EXPECT_EQ(decisions->decisions(1).decision(), pb::PARTICIPATION_DECISION_TAKES_PART);

  pb::GetNetworkRequest get;
  get.set_network_code("osallistuminen");
  auto network = Call<pb::GetNetworkResponse>(kObserver, get);
  ASSERT_TRUE(network.ok());
  ASSERT_EQ(network->participation_size(), 45);
  int answered = 0;
  for (const auto& row : network->participation()) {
    if (row.current().decision() == pb::PARTICIPATION_DECISION_UNSPECIFIED) continue;
    ++answered;
    EXPECT_EQ(row.area_code(), "kainuu-koillismaa");
    EXPECT_EQ(row.current().decision(), pb::PARTICIPATION_DECISION_TAKES_PART);
  }
  EXPECT_EQ(answered, 1);
  const std::vector<std::string> types = OutboxTypes();
  EXPECT_EQ(std::count(types.begin(), types.end(), "verkosto.networks.v1.ParticipationDecided"), 2);
}

// Each stored audit names, beside the person, the principal that carried
// the request: the gateway, whose CURVE key the transport admitted.
TEST_F(NetworksServiceTest, StoredAuditRecordsThePrincipalThatCarriedTheRequest) {
  OpenNetwork("kirjattu");
  pb::UpdateNetworkRequest change;
  *change.mutable_definition() = Complete("kirjattu");
  change.mutable_definition()->add_goals("Seurata vaikutuksia");
  change.set_reason("Tavoite lisätty");
  auto changed = Call<pb::NetworkResponse>(kKeha, change);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  ASSERT_TRUE(
      Decide(kDeputy, "kirjattu", "kainuu-koillismaa", pb::PARTICIPATION_DECISION_TAKES_PART).ok());
  pb::AddCommentRequest comment;
  comment.set_network_code("kirjattu");
  comment.set_area_code("kainuu-koillismaa");
  comment.set_text("Hyvä ehdotus");
  auto commented = Call<pb::AddCommentResponse>(kDirector, comment);
  ASSERT_TRUE(commented.ok()) << commented.status().ToString();

  SQLite::Database db(system_.services.at("networks").database, SQLite::OPEN_READONLY);
  SqliteNetworkRepository repo(db);
  const NetworkCode code("kirjattu");
  uint32_t total = 0;
  auto versions = repo.NewestVersions(code, 100, &total);
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ(versions->front().audit.user_id, "keha-1");
  EXPECT_EQ(versions->front().audit.reason, "Tavoite lisätty");
  EXPECT_EQ(versions->front().audit.principal, "gateway");
  auto history = repo.History(code, AreaCode("kainuu-koillismaa"));
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->decisions.size(), 1u);
  EXPECT_EQ(history->decisions[0].audit.user_id, "dep-kainuu");
  EXPECT_EQ(history->decisions[0].audit.principal, "gateway");
  auto comments = repo.NewestComments(code, 100, &total);
  ASSERT_TRUE(comments.ok()) << comments.status().ToString();
  ASSERT_EQ(comments->size(), 1u);
  EXPECT_EQ(comments->front().audit.user_id, "dir-kainuu");
  EXPECT_EQ(comments->front().audit.principal, "gateway");
}

TEST_F(NetworksServiceTest, BurdenSumsSeatsMeetingsAndHoursOfNetworksTheAreaTakesPartIn) {
  OpenNetwork("yksi");
  pb::NetworkDefinition second = Complete("kaksi");
  second.mutable_cadence()->set_meetings_per_year(10);
  second.mutable_cadence()->set_hours_per_meeting_tenths(20);
  second.mutable_seats_per_area()->set_deputies(0);
  ASSERT_TRUE(Create(second).ok());
  ASSERT_TRUE(Step<pb::ProposeNetworkRequest>("kaksi").ok());
  ASSERT_TRUE(
      Decide(kDirector, "yksi", "kainuu-koillismaa", pb::PARTICIPATION_DECISION_TAKES_PART).ok());
  ASSERT_TRUE(
      Decide(kDirector, "kaksi", "kainuu-koillismaa", pb::PARTICIPATION_DECISION_TAKES_PART).ok());
  pb::GetBurdenRequest req;
  req.set_area_code("kainuu-koillismaa");
  auto burden = Call<pb::GetBurdenResponse>(kDirector, req);
  ASSERT_TRUE(burden.ok()) << burden.status().ToString();
  ASSERT_EQ(burden->lines_size(), 2);
  // yksi: 2 seats × 6 × 1.5 h = 18 h; kaksi: 1 seat × 10 × 2 h = 20 h.
  EXPECT_EQ(burden->hours_per_year_tenths(), 380u);
  EXPECT_EQ(burden->hours_per_month_tenths(), 32u);  // 38 / 12 = 3.17 -> 3.2 h
  req.set_area_code("helsinki");
  EXPECT_EQ(Call<pb::GetBurdenResponse>(kDirector, req)->hours_per_year_tenths(), 0u);
}

TEST_F(NetworksServiceTest, TermEndClosesTheNetworkWithAnEventAlsoAfterDowntime) {
  OpenNetwork("lyhyt");
  Halt();
  // The service was down over the end date (2026-06-30): start-up catches up.
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-07-01")) + hours(1));
  runtime_.reset();
  Boot(false);
  Halt();  // read the database and run the check directly, in this thread
  auto found = SqliteNetworkRepository(runtime_->db().sqlite()).FindNetwork(NetworkCode("lyhyt"));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->status, NetworkStatus::kClosed);
  EXPECT_TRUE((*found)->closed_by_term_end);
  EXPECT_EQ(OutboxTypes().back(), "verkosto.networks.v1.NetworkClosed");
  // The periodic check finds nothing more to do.
  EXPECT_EQ(*CloseExpiredNetworks(*runtime_), 0u);
}

TEST_F(NetworksServiceTest, TheTimerClosesANetworkWhoseTermEndsWhileRunning) {
  OpenNetwork("ajastettu");
  Halt();
  EXPECT_EQ(*CloseExpiredNetworks(*runtime_), 0u) << "still within its term";
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-06-30")) + hours(23));
  EXPECT_EQ(*CloseExpiredNetworks(*runtime_), 0u) << "the end date itself is part of the term";
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-07-01")));
  EXPECT_EQ(*CloseExpiredNetworks(*runtime_), 1u);
  EXPECT_EQ(OutboxTypes().back(), "verkosto.networks.v1.NetworkClosed");
}

TEST_F(NetworksServiceTest, DemoDataCreatesTheCatalogueOnce) {
  Halt();
  runtime_.reset();
  dir_ = std::make_unique<verkosto::testing::TempDir>();  // a new, empty data directory
  Boot(/*demo_data=*/true);
  auto networks = Call<pb::ListNetworksResponse>(kKeha, pb::ListNetworksRequest());
  ASSERT_TRUE(networks.ok());
  EXPECT_EQ(networks->networks_size(), 19);
  int proposed = 0;
  for (const auto& n : networks->networks()) {
    if (n.status() == pb::NETWORK_STATUS_PROPOSED) ++proposed;
  }
  EXPECT_EQ(proposed, 17);
  Halt();
  runtime_.reset();
  Boot(true);
  EXPECT_EQ(Call<pb::ListNetworksResponse>(kKeha, pb::ListNetworksRequest())->networks_size(), 19);
}

TEST_F(NetworksServiceTest, RenewalKeepsTheTermThenRollsToTheNextInsteadOfClosing) {
  OpenNetwork("uusittava");
  pb::RenewNetworkRequest renew;
  *renew.mutable_definition() = Complete("uusittava");
  renew.mutable_definition()->mutable_term()->set_start_date("2026-06-30");
  renew.mutable_definition()->mutable_term()->set_end_date("2027-06-30");
  renew.set_reason("Toimikausi jatkuu");
  auto refused = Call<pb::NetworkResponse>(kKeha, renew);
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "term.start_date");
  EXPECT_EQ(Call<pb::NetworkResponse>(kDirector, renew).status().code(),
            ErrorCode::kPermissionDenied);
  renew.mutable_definition()->mutable_term()->set_start_date("2026-07-01");
  auto renewed = Call<pb::NetworkResponse>(kKeha, renew);
  ASSERT_TRUE(renewed.ok()) << renewed.status().ToString();
  EXPECT_EQ(renewed->network().definition().term().end_date(), "2026-06-30");
  EXPECT_EQ(renewed->network().next_term().term().start_date(), "2026-07-01");
  EXPECT_EQ(OutboxTypes().back(), "verkosto.networks.v1.NetworkRenewed");
  // A second renewal while one is pending is refused.
  EXPECT_EQ(Call<pb::NetworkResponse>(kKeha, renew).status().code(),
            ErrorCode::kFailedPrecondition);
  // The renewal survives a restart and the history says "renewed".
  pb::GetNetworkRequest get;
  get.set_network_code("uusittava");
  auto got = Call<pb::GetNetworkResponse>(kObserver, get);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->network().next_term().term().end_date(), "2027-06-30");
  ASSERT_GT(got->versions_size(), 0);
  EXPECT_EQ(got->versions(got->versions_size() - 1).changed_fields(0), "renewed");
  EXPECT_EQ(got->versions(got->versions_size() - 1).reason(), "Toimikausi jatkuu");

  Halt();
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-07-01")) + hours(1));
  EXPECT_EQ(*CloseExpiredNetworks(*runtime_), 1u);
  auto found =
      SqliteNetworkRepository(runtime_->db().sqlite()).FindNetwork(NetworkCode("uusittava"));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->status, NetworkStatus::kOpen);
  EXPECT_EQ(FormatIsoDate(*(*found)->definition.term.end_date), "2027-06-30");
  EXPECT_FALSE((*found)->next_term.has_value());
  EXPECT_EQ(OutboxTypes().back(), "verkosto.networks.v1.NetworkTermStarted");
  EXPECT_EQ(*CloseExpiredNetworks(*runtime_), 0u) << "the new term runs";
}

}  // namespace
}  // namespace verkosto::networks
