#include "demo_activity.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/file_util.h"
#include "core/text.h"
#include "gateway/domain/demo_accounts.h"
#include "messaging/rpc_client.h"
#include "runtime/credentials.h"
#include "verkosto/common/v1/health.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::cli {

namespace {

namespace fs = std::filesystem;
namespace netpb = ::verkosto::networks::v1;
namespace nompb = ::verkosto::nominations::v1;

constexpr char kClientId[] = "demo-activity";
constexpr std::chrono::milliseconds kCallTimeout{10000};
// Short, so that a stop is noticed soon while the services start.
constexpr std::chrono::milliseconds kHealthTimeout{2000};

Actor DemoAccount(const std::string& user_id) {
  for (const gateway::AccountRecord& a : gateway::DemoAccounts()) {
    if (a.user_id == user_id) return a.ToActor();
  }
  return {};
}

Actor Invented(std::string user_id, std::string name, Role role, const std::string& area) {
  Actor actor;
  actor.user_id = std::move(user_id);
  actor.display_name = std::move(name);
  actor.role = role;
  actor.area = AreaCode(area);
  return actor;
}

Actor GatewayItself() { return Invented("gateway", "gateway", Role::kSystem, ""); }

// One area of the story: who decides participation and cases, who registers.
struct DemoArea {
  std::string code;
  std::string organisation;  // the registry's organisation
  std::string municipality;  // where its nominees work
  Actor director;
  Actor clerk;
  std::string declines_reason;  // in the area's language
  std::string decline_case_reason;
};

std::vector<DemoArea> Areas() {
  return {
      {"kainuu-koillismaa", "Kainuun hyvinvointialue (kirjaamo)", "Kajaani",
       DemoAccount("kainuu.johtaja"), DemoAccount("kainuu.kirjaamo"),
       "Ei henkilöresursseja tällä toimikaudella", "Alueella ei ole nyt sopivaa henkilöä"},
      {"helsinki", "Helsingin kaupunki (kirjaamo)", "Helsinki", DemoAccount("helsinki.johtaja"),
       DemoAccount("helsinki.kirjaamo"), "Ei henkilöresursseja tällä toimikaudella",
       "Alueella ei ole nyt sopivaa henkilöä"},
      {"pohjanmaa", "Vasa stad (registratur)", "Vaasa", DemoAccount("pohjanmaa.direktor"),
       DemoAccount("pohjanmaa.registrator"), "Inga personalresurser under den här mandatperioden",
       "Området har ingen lämplig person just nu"},
      {"tampere", "Tampereen kaupunki (kirjaamo)", "Tampere",
       Invented("demo.tampere.johtaja", "Tiina Tammisto", Role::kAreaDirector, "tampere"),
       Invented("demo.tampere.kirjaamo", "Kirjaamo, Tampere", Role::kRegistryClerk, "tampere"),
       "Ei henkilöresursseja tällä toimikaudella", "Alueella ei ole nyt sopivaa henkilöä"},
      {"oulu", "Oulun kaupunki (kirjaamo)", "Oulu",
       Invented("demo.oulu.johtaja", "Olavi Oksanen", Role::kAreaDirector, "oulu"),
       Invented("demo.oulu.kirjaamo", "Kirjaamo, Oulu", Role::kRegistryClerk, "oulu"),
       "Ei henkilöresursseja tällä toimikaudella",
       "Alueen työllisyyspalvelut ovat uudelleenjärjestelyssä: nimeämme edustajan myöhemmin"},
  };
}

struct Person {
  std::string name;
  std::string title;
  std::string email;
  bool deputy = false;
};

// What becomes of one area's case in a network.
enum class Fate { kAwaitingRegistration, kRegistered, kApproved, kDeclined };

struct AreaStory {
  std::string area;
  Fate fate = Fate::kAwaitingRegistration;
  std::vector<Person> nominees;  // kApproved
};

struct NetworkStory {
  std::string code;
  std::string short_name;  // for diary numbers
  int deadline_days = 30;
  std::vector<std::string> take_part;
  std::vector<std::string> decline;
  std::vector<AreaStory> cases;  // the areas sent a request, with their fate
  // An area whose registry logs a late letter: overdue.
  std::string overdue_area;
};

const Person kNelli{"Nelli Nimitetty", "Työllisyysasiantuntija",
                    "nelli.nimitetty@kainuu.example.fi", false};
const Person kHanna{"Hanna Helminen", "Palvelupäällikkö", "hanna.helminen@helsinki.example.fi",
                    false};

std::vector<NetworkStory> Story() {
  return {
      {"opastajaverkosto",
       "OPAS",
       30,
       {"kainuu-koillismaa", "helsinki", "pohjanmaa", "tampere", "oulu"},
       {},
       {{"kainuu-koillismaa",
         Fate::kApproved,
         {kNelli, {"Kari Korpela", "Työvalmentaja", "kari.korpela@kainuu.example.fi", true}}},
        {"helsinki", Fate::kApproved, {kHanna}},
        {"pohjanmaa", Fate::kAwaitingRegistration, {}},
        {"tampere", Fate::kRegistered, {}},
        {"oulu", Fate::kDeclined, {}}},
       ""},
      {"osaamisverkosto",
       "OSAA",
       21,
       {"kainuu-koillismaa", "helsinki", "pohjanmaa", "tampere"},
       {"oulu"},
       {{"kainuu-koillismaa", Fate::kAwaitingRegistration, {}},
        {"pohjanmaa",
         Fate::kApproved,
         {{"Sofia Sjöberg", "Sysselsättningsexpert", "sofia.sjoberg@pohjanmaa.example.fi", false}}},
        {"tampere",
         Fate::kApproved,
         {{"Timo Tuominen", "Osaamiskoordinaattori", "timo.tuominen@tampere.example.fi", false}}}},
       "helsinki"},
      {"tiedolla-johtamisen-verkosto",
       "TIETO",
       45,
       {"kainuu-koillismaa", "helsinki", "tampere"},
       {"pohjanmaa"},
       {{"kainuu-koillismaa", Fate::kApproved, {kNelli}},
        {"helsinki", Fate::kApproved, {kHanna}},
        {"tampere", Fate::kAwaitingRegistration, {}}},
       ""},
  };
}

class Runner {
 public:
  Runner(const config::SystemConfig& system, messaging::Credentials credentials,
         const std::atomic<bool>& stop)
      : system_(system), credentials_(std::move(credentials)), stop_(stop) {
    for (const DemoArea& area : Areas()) areas_[area.code] = area;
  }

  Status Run();

 private:
  Date Today() const {
    return HelsinkiDate(SystemClock::Instance().Now() +
                        std::chrono::hours(24) * system_.clock_offset_days);
  }

  messaging::ClientOptions ClientFor(const std::string& service, const std::string& client_id,
                                     std::chrono::milliseconds timeout) const {
    messaging::ClientOptions options;
    options.endpoint = system_.services.at(service).rpc_endpoint;
    options.client_id = client_id;
    options.timeout = timeout;
    options.curve = credentials_.ClientOf(service);
    return options;
  }

  messaging::RpcClient& Client(const std::string& service) {
    auto it = clients_.find(service);
    if (it == clients_.end()) {
      it = clients_.try_emplace(service, zmq_, ClientFor(service, kClientId, kCallTimeout)).first;
    }
    return it->second;
  }

  // A command whose request id is fixed by `step` (unique in the story), so
  // that a repeated run repeats each command under the same id.
  template <typename Resp>
  Result<Resp> Command(const std::string& service, const Actor& actor,
                       const google::protobuf::Message& request, const std::string& step) {
    if (stop_) return Status::Unavailable("demo activity stopped");
    char id[17];
    std::snprintf(id, sizeof id, "%016" PRIx64, text::StableHash("demo/" + step));
    Result<Resp> reply = Client(service).Call<Resp>(actor, request, id);
    if (!reply.ok()) {
      return Status(reply.status().code(), std::string(request.GetDescriptor()->name()) + " as " +
                                               actor.user_id + ": " + reply.status().ToString());
    }
    return reply;
  }

  Result<common::v1::HealthResponse> Health(const std::string& service) {
    messaging::RpcClient client(
        zmq_, ClientFor(service, "demo-health-" + messaging::RandomId(), kHealthTimeout));
    return client.Call<common::v1::HealthResponse>(GatewayItself(), common::v1::HealthRequest());
  }

  Status WaitUntilUp();
  Status WaitForConsumer(const std::string& consumer, const std::string& producer);
  Status PlayNetwork(const NetworkStory& story);

  const config::SystemConfig& system_;
  messaging::Credentials credentials_;
  const std::atomic<bool>& stop_;
  zmq::context_t zmq_;
  std::map<std::string, messaging::RpcClient> clients_;
  std::map<std::string, DemoArea> areas_;
  Actor keha_ = DemoAccount("keha.koordinaattori");
};

Status Runner::WaitUntilUp() {
  for (const std::string service : {"networks", "nominations", "notifications"}) {
    for (;;) {
      if (stop_) return Status::Unavailable("demo activity stopped");
      Result<common::v1::HealthResponse> health = Health(service);
      if (health.ok()) break;
    }
  }
  return Status::Ok();
}

Status Runner::WaitForConsumer(const std::string& consumer, const std::string& producer) {
  Result<common::v1::HealthResponse> head = Health(producer);
  if (!head.ok()) return head.status();
  for (;;) {
    if (stop_) return Status::Unavailable("demo activity stopped");
    Result<common::v1::HealthResponse> health = Health(consumer);
    if (!health.ok()) return health.status();
    for (const common::v1::ConsumerStatus& c : health->consumers()) {
      if (c.producer() == producer && c.cursor() >= head->outbox_head()) return Status::Ok();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Status Runner::PlayNetwork(const NetworkStory& story) {
  const Date today = Today();
  // Rule 5: each area decides whether it takes part.
  const auto decide = [&](const std::string& code, bool takes_part) -> Status {
    const DemoArea& area = areas_.at(code);
    netpb::DecideParticipationRequest request;
    request.set_network_code(story.code);
    request.set_area_code(code);
    request.set_decision(takes_part ? netpb::PARTICIPATION_DECISION_TAKES_PART
                                    : netpb::PARTICIPATION_DECISION_DECLINES);
    if (!takes_part) request.set_reason(area.declines_reason);
    return Command<netpb::DecideParticipationResponse>("networks", area.director, request,
                                                       story.code + "/participation/" + code)
        .status();
  };
  // A network opened by an earlier run (its stored replies may be gone after
  // a day) is not played again: nothing is sent twice.
  netpb::GetNetworkRequest get;
  get.set_network_code(story.code);
  Result<netpb::GetNetworkResponse> current =
      Client("networks").Call<netpb::GetNetworkResponse>(keha_, get);
  if (!current.ok()) return current.status();
  const netpb::NetworkStatus status = current->network().status();
  if (status == netpb::NETWORK_STATUS_OPEN) {
    nompb::NetworkMatrixRequest matrix_request;
    matrix_request.set_network_code(story.code);
    Result<nompb::NetworkMatrixResponse> matrix =
        Client("nominations").Call<nompb::NetworkMatrixResponse>(keha_, matrix_request);
    if (!matrix.ok()) return matrix.status();
    for (const nompb::MatrixRow& row : matrix->rows()) {
      if (row.has_latest_case()) return Status::Ok();  // requests went out before
    }
  } else if (status != netpb::NETWORK_STATUS_PROPOSED) {
    spdlog::info("demo activity: {} is neither proposed nor open, left as it is", story.code);
    return Status::Ok();
  } else {
    for (const std::string& code : story.take_part) VERKOSTO_RETURN_IF_ERROR(decide(code, true));
    for (const std::string& code : story.decline) VERKOSTO_RETURN_IF_ERROR(decide(code, false));
    netpb::OpenNetworkRequest open;
    open.set_network_code(story.code);
    VERKOSTO_RETURN_IF_ERROR(
        Command<netpb::NetworkResponse>("networks", keha_, open, story.code + "/open").status());
  }
  // Nominations refuses a request for a network it does not know open yet.
  VERKOSTO_RETURN_IF_ERROR(WaitForConsumer("nominations", "networks"));

  nompb::SendRequestRequest send;
  send.set_network_code(story.code);
  for (const AreaStory& c : story.cases) send.add_area_codes(c.area);
  send.mutable_seats()->set_members(1);
  send.mutable_seats()->set_deputies(1);
  send.set_deadline(FormatIsoDate(AddDays(today, story.deadline_days)));
  send.set_covering_message(
      "Pyydämme työllisyysalueen johtoa nimeämään alueen edustajan ja varaedustajan verkostoon. "
      "Nimeäminen kirjataan alueen kirjaamossa ennen päätöstä.");
  send.set_keha_diary_number("KEHA/DEMO/" + story.short_name);
  Result<nompb::SendRequestResponse> sent =
      Command<nompb::SendRequestResponse>("nominations", keha_, send, story.code + "/send");
  if (!sent.ok()) return sent.status();

  for (const nompb::Case& c : sent->cases()) {
    const AreaStory* plan = nullptr;
    for (const AreaStory& s : story.cases) {
      if (s.area == c.area_code()) plan = &s;
    }
    if (plan == nullptr || plan->fate == Fate::kAwaitingRegistration) continue;
    const DemoArea& area = areas_.at(c.area_code());
    nompb::RegisterCaseRequest reg;
    reg.set_case_id(c.case_id());
    reg.set_diary_number("DEMO-" + story.short_name + "-1");
    reg.set_date_received(FormatIsoDate(today));
    reg.set_organisation(area.organisation);
    const std::string step = story.code + "/" + area.code;
    VERKOSTO_RETURN_IF_ERROR(
        Command<nompb::CaseResponse>("nominations", area.clerk, reg, step + "/register").status());
    if (plan->fate == Fate::kDeclined) {
      nompb::DeclineCaseRequest decline;
      decline.set_case_id(c.case_id());
      decline.set_reason(area.decline_case_reason);
      VERKOSTO_RETURN_IF_ERROR(
          Command<nompb::CaseResponse>("nominations", area.director, decline, step + "/decline")
              .status());
    } else if (plan->fate == Fate::kApproved) {
      nompb::ApproveCaseRequest approve;
      approve.set_case_id(c.case_id());
      for (const Person& p : plan->nominees) {
        nompb::Nominee* nominee = approve.add_nominees();
        nominee->set_name(p.name);
        nominee->set_title(p.title);
        nominee->set_email(p.email);
        nominee->set_municipality(area.municipality);
        nominee->set_seat(p.deputy ? nompb::SEAT_KIND_DEPUTY : nompb::SEAT_KIND_MEMBER);
      }
      VERKOSTO_RETURN_IF_ERROR(
          Command<nompb::CaseResponse>("nominations", area.director, approve, step + "/approve")
              .status());
    }
  }

  if (!story.overdue_area.empty()) {
    const DemoArea& area = areas_.at(story.overdue_area);
    nompb::LogIncomingRequestRequest logged;
    logged.set_network_code(story.code);
    logged.set_area_code(area.code);
    logged.set_channel(nompb::CHANNEL_LETTER);
    logged.set_sender("KEHA-keskus");
    logged.set_subject("Nimeämispyyntö verkostoon (kirje)");
    logged.set_date_received(FormatIsoDate(AddDays(today, -40)));
    logged.set_diary_number("DEMO-" + story.short_name + "-KIRJE");
    logged.set_organisation(area.organisation);
    logged.mutable_seats()->set_members(1);
    logged.set_deadline(FormatIsoDate(AddDays(today, -10)));
    VERKOSTO_RETURN_IF_ERROR(Command<nompb::CaseResponse>("nominations", area.clerk, logged,
                                                          story.code + "/" + area.code + "/letter")
                                 .status());
  }
  return Status::Ok();
}

Status Runner::Run() {
  VERKOSTO_RETURN_IF_ERROR(WaitUntilUp());
  for (const NetworkStory& story : Story()) VERKOSTO_RETURN_IF_ERROR(PlayNetwork(story));
  // Done once the others have applied it all (the pages show it then).
  VERKOSTO_RETURN_IF_ERROR(WaitForConsumer("notifications", "nominations"));
  VERKOSTO_RETURN_IF_ERROR(WaitForConsumer("notifications", "networks"));
  return Status::Ok();
}

}  // namespace

Status RunDemoActivity(const config::SystemConfig& system, const std::atomic<bool>& stop) {
  const std::string done = (fs::path(system.data_dir) / kDemoActivityDone).string();
  std::error_code ec;
  if (fs::exists(done, ec)) return Status::Ok();
  Result<messaging::Credentials> credentials = runtime::LoadCredentials(system, "gateway");
  if (!credentials.ok()) return credentials.status();
  Runner runner(system, *credentials, stop);
  VERKOSTO_RETURN_IF_ERROR(runner.Run());
  spdlog::info("demo activity: 3 networks opened, cases in every state (see README)");
  return WriteFileAtomically(done, "done\n");
}

}  // namespace verkosto::cli
