#include "seed_commands.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "core/date.h"
#include "messaging/rpc_client.h"
#include "runtime/credentials.h"
#include "seed_plan.h"
#include "verkosto/common/v1/health.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::cli {

namespace {

namespace fs = std::filesystem;
namespace netpb = ::verkosto::networks::v1;
namespace nompb = ::verkosto::nominations::v1;
using Steady = std::chrono::steady_clock;

constexpr char kProgressFile[] = "seed.progress";
// A command may wait behind many others in a group commit on a busy machine.
constexpr std::chrono::milliseconds kCallTimeout{120000};

// One area as the seed needs it: who acts for it and where nominees work.
struct SeedArea {
  std::string code;
  std::string name_fi;
  std::string municipality;
  Actor clerk;
  Actor director;
};

// What one finished network added.
struct NetworkCounts {
  int64_t cases = 0;
  int64_t memberships = 0;
};

// DATA/seed.progress: a header naming the scale, then "done <index> <cases>
// <memberships>" per finished network, each line fsynced. Held under an
// exclusive flock for the run, so two seeds cannot interleave.
class ProgressFile {
 public:
  ~ProgressFile() {
    if (fd_ >= 0) close(fd_);
  }

  // Opens (creating) `path` for a seed of `header`; reads the finished
  // networks. Errors: failed_precondition for another scale's file or a
  // seed already running; internal for I/O.
  Status Open(const std::string& path, const std::string& header) {
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd_ < 0) return Status::Internal("cannot open " + path);
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      return Status::FailedPrecondition("another `verkosto seed` is running on " + path);
    }
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line)) return Append(header);
    if (line != header) {
      return Status::FailedPrecondition(path + " belongs to a seed of \"" + line +
                                        "\": resume it with that scale, or seed a fresh system");
    }
    while (std::getline(in, line)) {
      int index = 0;
      long long cases = 0;
      long long memberships = 0;
      if (std::sscanf(line.c_str(), "done %d %lld %lld", &index, &cases, &memberships) == 3) {
        done_[index] = NetworkCounts{cases, memberships};
      }
    }
    return Status::Ok();
  }

  // The finished networks; read it only while no thread calls Done.
  const std::map<int, NetworkCounts>& done() const { return done_; }

  Status Done(int index, const NetworkCounts& counts) {
    const std::lock_guard lock(mutex_);
    done_[index] = counts;
    return Append("done " + std::to_string(index) + " " + std::to_string(counts.cases) + " " +
                  std::to_string(counts.memberships));
  }

 private:
  Status Append(const std::string& line) {
    const std::string text = line + "\n";
    if (write(fd_, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
        fsync(fd_) != 0) {
      return Status::Internal("cannot write the seed's progress file");
    }
    return Status::Ok();
  }

  int fd_ = -1;
  std::mutex mutex_;
  std::map<int, NetworkCounts> done_;
};

struct SeedOptions {
  double scale = 0;
  int jobs = 16;
  int64_t stop_after = 0;  // 0: never
};

Actor Person(std::string user_id, std::string name, Role role, const std::string& area) {
  Actor actor;
  actor.user_id = std::move(user_id);
  actor.display_name = std::move(name);
  actor.role = role;
  actor.area = AreaCode(area);
  return actor;
}

Actor GatewayItself() { return Person("gateway", "gateway", Role::kSystem, ""); }

// Everything the workers share.
class Seeder {
 public:
  Seeder(config::SystemConfig system, messaging::Credentials credentials, SeedOptions options)
      : system_(std::move(system)),
        credentials_(std::move(credentials)),
        options_(options),
        plan_(MakeSeedPlan(options.scale)) {}

  int Run(const std::string& data);

  // Business "today": the services' clock is the real one moved by [clock]
  // offset_days; read anew for each command, as a long run may pass midnight.
  Date Today() const {
    return HelsinkiDate(SystemClock::Instance().Now() +
                        std::chrono::hours(24) * system_.clock_offset_days);
  }

  messaging::ClientOptions ClientFor(const std::string& service, const std::string& client_id) {
    messaging::ClientOptions options;
    options.endpoint = system_.services.at(service).rpc_endpoint;
    options.client_id = client_id;
    options.timeout = kCallTimeout;
    options.curve = credentials_.ClientOf(service);
    return options;
  }

  // Counts one answered command; ends the process as a kill would at --stop-after.
  void Answered() {
    const int64_t n = ++commands_;
    if (options_.stop_after > 0 && n >= options_.stop_after) {
      std::fprintf(stderr, "\nverkosto seed: stopped after %" PRId64 " commands (--stop-after)\n",
                   n);
      std::_Exit(4);
    }
  }
  void CaseDone() { ++cases_done_; }

  zmq::context_t& zmq() { return zmq_; }
  const SeedPlan& plan() const { return plan_; }
  const std::vector<SeedArea>& areas() const { return areas_; }
  const Actor& keha() const { return keha_; }
  std::string ClientId(int index) const {
    return "seed-" + scale_text_ + "-" + std::to_string(index);
  }

  // One client per service for health queries (a random client id: queries
  // store no reply).
  std::map<std::string, messaging::RpcClient> HealthClients() {
    std::map<std::string, messaging::RpcClient> clients;
    for (const std::string& service : config::ServiceNames()) {
      clients.try_emplace(service, zmq_,
                          ClientFor(service, "seed-health-" + messaging::RandomId()));
    }
    return clients;
  }

  // Waits until `consumer` has applied what `producer` had written when
  // called. Uses `clients` (one per service, this thread's).
  Status WaitForConsumer(std::map<std::string, messaging::RpcClient>& clients,
                         const std::string& consumer, const std::string& producer);

 private:
  Status LoadAreas();
  void Work();
  Status SeedNetwork(int index, std::map<std::string, messaging::RpcClient>& health,
                     NetworkCounts* counts);
  void Report(bool final_line) const;
  Status WaitForQuiet(std::map<std::string, messaging::RpcClient>& health, int64_t* events,
                      std::string* heads);

  config::SystemConfig system_;
  messaging::Credentials credentials_;
  SeedOptions options_;
  SeedPlan plan_;
  std::string scale_text_;
  zmq::context_t zmq_;
  std::vector<SeedArea> areas_;
  Actor keha_ = Person("seed.keha", "Kaisa Koordinaattori", Role::kKehaCoordinator, "");
  ProgressFile progress_;

  std::atomic<int> next_network_{0};
  std::atomic<int64_t> commands_{0};
  std::atomic<int64_t> cases_done_{0};
  std::atomic<int> networks_done_{0};
  std::atomic<bool> failed_{false};
  std::mutex failure_mutex_;
  Status failure_;
  Steady::time_point started_ = Steady::now();
  // Finished by earlier runs (progress_.done() grows while workers run).
  std::set<int> done_before_;
  int64_t cases_before_ = 0;
  bool tty_ = false;
};

// One network's commands: its own clients with the network's fixed client id
// and the network's request-id sequence.
class NetworkRun {
 public:
  NetworkRun(Seeder& seeder, int index)
      : seeder_(seeder),
        index_(index),
        networks_(seeder.zmq(), seeder.ClientFor("networks", seeder.ClientId(index))),
        nominations_(seeder.zmq(), seeder.ClientFor("nominations", seeder.ClientId(index))) {}

  template <typename Resp>
  Result<Resp> Networks(const Actor& actor, const google::protobuf::Message& request) {
    return Send<Resp>(networks_, actor, request);
  }
  template <typename Resp>
  Result<Resp> Nominations(const Actor& actor, const google::protobuf::Message& request) {
    return Send<Resp>(nominations_, actor, request);
  }

 private:
  template <typename Resp>
  Result<Resp> Send(messaging::RpcClient& client, const Actor& actor,
                    const google::protobuf::Message& request) {
    char id[17];
    std::snprintf(id, sizeof id, "%016" PRIx64, ++next_id_);
    Result<Resp> reply = client.Call<Resp>(actor, request, id);
    seeder_.Answered();
    if (!reply.ok()) {
      return Status(reply.status().code(), "network " + std::to_string(index_) + ", " +
                                               request.GetDescriptor()->name() + ": " +
                                               reply.status().ToString());
    }
    return reply;
  }

  Seeder& seeder_;
  int index_;
  messaging::RpcClient networks_;
  messaging::RpcClient nominations_;
  uint64_t next_id_ = 0;
};

netpb::NetworkDefinition Definition(const NetworkPlan& plan, const Date& term_end) {
  netpb::NetworkDefinition d;
  d.set_code(plan.code);
  d.mutable_names()->set_fi(plan.names.fi);
  d.mutable_names()->set_sv(plan.names.sv);
  d.mutable_names()->set_en(plan.names.en);
  d.set_kind(plan.index % 7 == 3 ? netpb::NETWORK_KIND_WORKING_GROUP : netpb::NETWORK_KIND_NETWORK);
  d.set_owner("KEHA-keskus");
  d.mutable_responsible()->set_name("Verkoston sihteeri");
  d.mutable_responsible()->set_email("sihteeri." + std::to_string(plan.index) + "@keha.example");
  d.add_goals("Yhtenäiset käytännöt työllisyysalueiden välillä");
  d.add_goals("Tieto kulkee alueilta KEHA-keskukseen ja takaisin");
  d.mutable_term()->set_start_date(FormatIsoDate(plan.term_start));
  d.mutable_term()->set_end_date(FormatIsoDate(term_end));
  netpb::CommunicationPlan* comms = d.mutable_communication_plan();
  comms->add_audiences("työllisyysalueiden johto");
  comms->add_audiences("jäsenalueiden henkilöstö");
  comms->add_channels("muistio kirjaamoihin");
  comms->add_channels("verkoston työtila");
  comms->set_cadence("jokaisen kokouksen jälkeen");
  comms->set_responsible("verkoston sihteeri");
  d.mutable_cadence()->set_meetings_per_year(4 + static_cast<uint32_t>(plan.index % 7));
  d.mutable_cadence()->set_hours_per_meeting_tenths(20);
  d.mutable_seats_per_area()->set_members(2);
  d.mutable_seats_per_area()->set_deputies(2);
  d.set_description("Kymmenen vuoden historia (verkosto seed).");
  return d;
}

Status Seeder::LoadAreas() {
  messaging::RpcClient client(zmq_, ClientFor("networks", "seed-areas-" + messaging::RandomId()));
  Result<netpb::ListAreasResponse> listed =
      client.Call<netpb::ListAreasResponse>(keha_, netpb::ListAreasRequest());
  if (!listed.ok()) return listed.status();
  for (const netpb::Area& a : listed->areas()) {
    SeedArea area;
    area.code = a.code();
    area.name_fi = a.name_fi();
    area.municipality = a.host_municipality().empty() ? a.name_fi() : a.host_municipality();
    area.clerk = Person(
        "seed.kirjaamo." + a.code(),
        a.registry_office().name().empty() ? "Kirjaamo " + a.name_fi() : a.registry_office().name(),
        Role::kRegistryClerk, a.code());
    area.director =
        Person("seed.johtaja." + a.code(),
               a.director().name().empty() ? "Johtaja " + a.name_fi() : a.director().name(),
               Role::kAreaDirector, a.code());
    areas_.push_back(std::move(area));
  }
  if (areas_.empty()) {
    return Status::FailedPrecondition("the networks service has no areas: load reference data");
  }
  return Status::Ok();
}

Status Seeder::WaitForConsumer(std::map<std::string, messaging::RpcClient>& clients,
                               const std::string& consumer, const std::string& producer) {
  Result<common::v1::HealthResponse> head = clients.at(producer).Call<common::v1::HealthResponse>(
      GatewayItself(), common::v1::HealthRequest());
  if (!head.ok()) return head.status();
  for (;;) {
    Result<common::v1::HealthResponse> health =
        clients.at(consumer).Call<common::v1::HealthResponse>(GatewayItself(),
                                                              common::v1::HealthRequest());
    if (!health.ok()) return health.status();
    for (const common::v1::ConsumerStatus& c : health->consumers()) {
      if (c.producer() == producer && c.cursor() >= head->outbox_head()) return Status::Ok();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// What the plan says for a network, as commands. Each step's error ends the
// network (and the run), except those a history may meet (see below).
Status Seeder::SeedNetwork(int index, std::map<std::string, messaging::RpcClient>& health,
                           NetworkCounts* counts) {
  const NetworkPlan plan = PlanNetwork(plan_, index, Today());
  NetworkRun run(*this, index);
  // A network whose term already ended is opened with a term that still runs
  // (OpenNetwork refuses an ended one), and given its real end before it closes.
  const Date open_end = plan.fate == NetworkFate::kClosed ? AddDays(Today(), 365) : plan.term_end;

  netpb::CreateNetworkRequest create;
  *create.mutable_definition() = Definition(plan, open_end);
  VERKOSTO_RETURN_IF_ERROR(run.Networks<netpb::NetworkResponse>(keha_, create).status());
  if (plan.fate == NetworkFate::kDraft) return Status::Ok();

  netpb::ProposeNetworkRequest propose;
  propose.set_network_code(plan.code);
  VERKOSTO_RETURN_IF_ERROR(run.Networks<netpb::NetworkResponse>(keha_, propose).status());
  if (plan.fate == NetworkFate::kCancelled) {
    netpb::CancelNetworkRequest cancel;
    cancel.set_network_code(plan.code);
    cancel.set_reason("Tarve katettiin toisen verkoston kautta");
    return run.Networks<netpb::NetworkResponse>(keha_, cancel).status();
  }

  // Rule 5: every area decides; rule 7: a few comment on the proposal.
  std::vector<const SeedArea*> taking_part;
  for (size_t a = 0; a < areas_.size(); ++a) {
    const SeedArea& area = areas_[a];
    const bool declines = AreaDeclines(index, static_cast<int>(a));
    netpb::DecideParticipationRequest decide;
    decide.set_network_code(plan.code);
    decide.set_area_code(area.code);
    decide.set_decision(declines ? netpb::PARTICIPATION_DECISION_DECLINES
                                 : netpb::PARTICIPATION_DECISION_TAKES_PART);
    if (declines) decide.set_reason("Ei henkilöresursseja tällä toimikaudella");
    VERKOSTO_RETURN_IF_ERROR(
        run.Networks<netpb::DecideParticipationResponse>(area.director, decide).status());
    if (!declines) taking_part.push_back(&area);
    if ((a + static_cast<size_t>(index)) % 15 == 0) {
      netpb::AddCommentRequest comment;
      comment.set_network_code(plan.code);
      comment.set_area_code(area.code);
      comment.set_text("Toivomme kokouksia myös etäyhteydellä.");
      VERKOSTO_RETURN_IF_ERROR(
          run.Networks<netpb::AddCommentResponse>(area.director, comment).status());
    }
  }
  if (plan.fate == NetworkFate::kProposed) return Status::Ok();

  netpb::OpenNetworkRequest open;
  open.set_network_code(plan.code);
  VERKOSTO_RETURN_IF_ERROR(run.Networks<netpb::NetworkResponse>(keha_, open).status());
  // Nominations refuses a request for a network its read model does not
  // know open yet: wait for it to apply the network's events.
  VERKOSTO_RETURN_IF_ERROR(WaitForConsumer(health, "nominations", "networks"));

  const auto deadline = [this](int days) { return FormatIsoDate(AddDays(Today(), days)); };
  std::vector<nompb::Membership> started;
  int number = 0;
  // Registers case `number` and approves, declines or withdraws it as planned.
  // A replacement is always registered and approved with one successor.
  const auto decide_case = [&](const nompb::Case& c, const SeedArea& area, int n) -> Status {
    const bool replacement = c.kind() == nompb::CASE_KIND_REPLACEMENT;
    const CasePlan cp = PlanCase(index, n);
    if (cp.deadline_extended) {
      nompb::ExtendDeadlineRequest extend;
      extend.set_case_id(c.case_id());
      const std::optional<Date> current = ParseIsoDate(c.deadline());
      extend.set_deadline(FormatIsoDate(AddDays(current ? *current : Today(), 14)));
      VERKOSTO_RETURN_IF_ERROR(run.Nominations<nompb::CaseResponse>(keha_, extend).status());
    }
    nompb::WithdrawCaseRequest withdraw;
    withdraw.set_case_id(c.case_id());
    withdraw.set_reason("Pyyntö lähetettiin väärällä paikkamäärällä");
    if (!replacement && cp.fate == CaseFate::kWithdrawnUnregistered) {
      return run.Nominations<nompb::CaseResponse>(keha_, withdraw).status();
    }
    nompb::RegisterCaseRequest reg;
    reg.set_case_id(c.case_id());
    reg.set_diary_number("TYO/" + std::to_string(index) + "/" + std::to_string(n));
    reg.set_date_received(FormatIsoDate(Today()));
    reg.set_organisation(area.municipality + " (kirjaamo)");
    VERKOSTO_RETURN_IF_ERROR(run.Nominations<nompb::CaseResponse>(area.clerk, reg).status());
    if (!replacement && cp.fate == CaseFate::kWithdrawnRegistered) {
      return run.Nominations<nompb::CaseResponse>(keha_, withdraw).status();
    }
    if (!replacement && cp.fate == CaseFate::kDeclined) {
      nompb::DeclineCaseRequest decline;
      decline.set_case_id(c.case_id());
      decline.set_reason("Alueella ei ole nyt sopivaa henkilöä");
      return run.Nominations<nompb::CaseResponse>(area.director, decline).status();
    }
    nompb::ApproveCaseRequest approve;
    approve.set_case_id(c.case_id());
    const int count = replacement ? 1 : cp.nominees;
    for (int p = 0; p < count; ++p) {
      const SeedPerson person = PlanPerson(index, n, p, area.code);
      nompb::Nominee* nominee = approve.add_nominees();
      nominee->set_name(person.name);
      nominee->set_title(person.title);
      nominee->set_email(person.email);
      nominee->set_municipality(area.municipality);
      // Members first; a replacement asks for the one seat it replaces.
      const bool member = replacement ? c.seats().members() > 0 : p < 2;
      nominee->set_seat(member ? nompb::SEAT_KIND_MEMBER : nompb::SEAT_KIND_DEPUTY);
    }
    Result<nompb::CaseResponse> approved =
        run.Nominations<nompb::CaseResponse>(area.director, approve);
    if (!approved.ok()) return approved.status();
    for (const nompb::Membership& m : approved->memberships_started()) started.push_back(m);
    return Status::Ok();
  };
  std::map<std::string, const SeedArea*> by_code;
  for (const SeedArea& area : areas_) by_code[area.code] = &area;

  // Nomination requests, round after round to the areas taking part, the
  // last round to as many as the plan has cases left.
  const int nominations = plan.cases - plan.replacement_cases;
  for (int round = 0; number < nominations && !taking_part.empty(); ++round) {
    nompb::SendRequestRequest send;
    send.set_network_code(plan.code);
    const size_t wanted =
        std::min<size_t>(taking_part.size(), static_cast<size_t>(nominations - number));
    for (size_t k = 0; k < wanted; ++k) {
      send.add_area_codes(
          taking_part[(k + static_cast<size_t>(round) * 7) % taking_part.size()]->code);
    }
    send.mutable_seats()->set_members(2);
    send.mutable_seats()->set_deputies(2);
    send.set_deadline(deadline(PlanCase(index, number).deadline_days));
    send.set_covering_message("Pyydämme nimeämään alueen edustajat verkostoon " + plan.names.fi +
                              ".");
    send.set_keha_diary_number("KEHA/" + std::to_string(index) + "/" + std::to_string(round));
    Result<nompb::SendRequestResponse> sent =
        run.Nominations<nompb::SendRequestResponse>(keha_, send);
    if (!sent.ok()) return sent.status();
    for (const nompb::Case& c : sent->cases()) {
      VERKOSTO_RETURN_IF_ERROR(decide_case(c, *by_code.at(c.area_code()), number));
      ++number;
      ++counts->cases;
      CaseDone();
    }
  }
  // Replacements of the first members named: one successor each.
  for (int r = 0; r < plan.replacement_cases && r < static_cast<int>(started.size()); ++r) {
    const nompb::Membership replaced = started[static_cast<size_t>(r)];
    nompb::RequestReplacementRequest replace;
    replace.set_membership_id(replaced.membership_id());
    replace.set_deadline(deadline(30));
    replace.set_covering_message("Jäsen on siirtynyt muihin tehtäviin: pyydämme seuraajaa.");
    Result<nompb::CaseResponse> asked = run.Nominations<nompb::CaseResponse>(keha_, replace);
    if (!asked.ok()) return asked.status();
    VERKOSTO_RETURN_IF_ERROR(
        decide_case(asked->case_(), *by_code.at(replaced.area_code()), number));
    ++number;
    ++counts->cases;
    CaseDone();
  }
  counts->memberships = static_cast<int64_t>(started.size());

  if (plan.fate == NetworkFate::kClosed) {
    netpb::UpdateNetworkRequest update;
    *update.mutable_definition() = Definition(plan, plan.term_end);
    update.set_reason("Toimikauden päättymispäivä kirjattu");
    VERKOSTO_RETURN_IF_ERROR(run.Networks<netpb::NetworkResponse>(keha_, update).status());
    netpb::CloseNetworkRequest close;
    close.set_network_code(plan.code);
    close.set_reason("Toimikausi päättyi");
    // The networks service closes an ended term itself every minute; if it
    // came first, the network is closed all the same.
    Result<netpb::NetworkResponse> closed = run.Networks<netpb::NetworkResponse>(keha_, close);
    if (!closed.ok() && closed.status().code() != ErrorCode::kFailedPrecondition) {
      return closed.status();
    }
  }
  return Status::Ok();
}

void Seeder::Work() {
  std::map<std::string, messaging::RpcClient> health = HealthClients();
  while (!failed_) {
    const int index = next_network_++;
    if (index >= plan_.networks) return;
    if (done_before_.count(index) > 0) continue;
    NetworkCounts counts;
    Status st = SeedNetwork(index, health, &counts);
    if (st.ok()) st = progress_.Done(index, counts);
    if (!st.ok()) {
      const std::lock_guard lock(failure_mutex_);
      if (!failed_) failure_ = st;
      failed_ = true;
      return;
    }
    ++networks_done_;
  }
}

void Seeder::Report(bool final_line) const {
  const double seconds = std::chrono::duration<double>(Steady::now() - started_).count();
  const int64_t cases = cases_before_ + cases_done_;
  const int networks = networks_done_ + static_cast<int>(done_before_.size());
  const double fraction = plan_.cases > 0
                              ? static_cast<double>(cases) / static_cast<double>(plan_.cases)
                              : static_cast<double>(networks) / plan_.networks;
  const double rate = seconds > 0 ? static_cast<double>(commands_) / seconds : 0;
  // The time left at this run's pace of cases.
  const double case_rate = seconds > 0 ? static_cast<double>(cases_done_) / seconds : 0;
  const double left = case_rate > 0 ? static_cast<double>(plan_.cases - cases) / case_rate : 0;
  char line[256];
  std::snprintf(
      line, sizeof line,
      "networks %d/%d  cases %" PRId64 "/%" PRId64 "  %.0f commands/s  %.0f s, ~%.0f s left",
      std::min(networks, plan_.networks), plan_.networks, cases, plan_.cases, rate, seconds, left);
  if (tty_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(std::min(1.0, fraction) * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r[%s] %3.0f%%  %s", bar.c_str(), std::min(1.0, fraction) * 100, line);
    if (final_line) std::fputc('\n', stderr);
  } else {
    std::fprintf(stderr, "seed: %3.0f%%  %s\n", std::min(1.0, fraction) * 100, line);
  }
  std::fflush(stderr);
}

Status Seeder::WaitForQuiet(std::map<std::string, messaging::RpcClient>& health, int64_t* events,
                            std::string* heads) {
  // Each consumer against its producer's head, until a pass finds every one
  // caught up with heads that no longer move.
  for (;;) {
    std::map<std::string, uint64_t> head;
    std::map<std::string, common::v1::HealthResponse> seen;
    for (auto& [service, client] : health) {
      Result<common::v1::HealthResponse> h =
          client.Call<common::v1::HealthResponse>(GatewayItself(), common::v1::HealthRequest());
      if (!h.ok()) return h.status();
      head[service] = h->outbox_head();
      seen[service] = *h;
    }
    bool quiet = true;
    for (const auto& [service, h] : seen) {
      for (const common::v1::ConsumerStatus& c : h.consumers()) {
        if (head.count(c.producer()) > 0 && c.cursor() < head[c.producer()]) quiet = false;
      }
    }
    if (quiet) {
      *events = 0;
      heads->clear();
      for (const auto& [service, h] : head) {
        *events += static_cast<int64_t>(h);
        *heads += "events." + service + " " + std::to_string(h) + "\n";
      }
      return Status::Ok();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

int Seeder::Run(const std::string& data) {
  char scale[32];
  std::snprintf(scale, sizeof scale, "%g", options_.scale);
  scale_text_ = scale;
  const std::string header = std::string("verkosto seed scale ") + scale + " networks " +
                             std::to_string(plan_.networks) + " cases " +
                             std::to_string(plan_.cases);
  const std::string path = (fs::path(data) / kProgressFile).string();
  if (Status st = progress_.Open(path, header); !st.ok()) return CliContext::Fail(st);
  if (Status st = LoadAreas(); !st.ok()) return CliContext::Fail(st);
  for (const auto& [index, counts] : progress_.done()) {
    done_before_.insert(index);
    cases_before_ += counts.cases;
  }
  tty_ = isatty(STDERR_FILENO) != 0;
  std::fprintf(stderr,
               "seed: scale %s: %d networks, %" PRId64 " cases, about %" PRId64
               " memberships over %zu areas; %zu networks done before\n",
               scale, plan_.networks, plan_.cases, plan_.expected_memberships, areas_.size(),
               done_before_.size());

  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(options_.jobs));
  for (int j = 0; j < options_.jobs; ++j) workers.emplace_back([this] { Work(); });
  std::atomic<bool> finished{false};
  std::thread reporter([this, &finished] {
    const auto every = tty_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(10000);
    auto next = Steady::now() + every;
    while (!finished) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (Steady::now() >= next) {
        Report(false);
        next += every;
      }
    }
  });
  for (std::thread& worker : workers) worker.join();
  finished = true;
  reporter.join();
  Report(true);
  if (failed_) return CliContext::Fail(failure_);

  std::map<std::string, messaging::RpcClient> health = HealthClients();
  int64_t events = 0;
  std::string heads;
  if (Status st = WaitForQuiet(health, &events, &heads); !st.ok()) return CliContext::Fail(st);
  int64_t cases = 0;
  int64_t memberships = 0;
  for (const auto& [index, counts] : progress_.done()) {
    cases += counts.cases;
    memberships += counts.memberships;
  }
  const double seconds = std::chrono::duration<double>(Steady::now() - started_).count();
  std::printf("networks %d\ncases %" PRId64 "\nmemberships %" PRId64 "\n%sevents %" PRId64
              "\ncommands %" PRId64 "\nseconds %.1f\n",
              plan_.networks, cases, memberships, heads.c_str(), events, commands_.load(), seconds);
  return 0;
}

}  // namespace

void AddSeedCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand(
      "seed", "Write years of invented history into a running system (load tests, benchmarks)");
  ctx.AddOperatorOptions(cmd);
  auto options = std::make_shared<SeedOptions>();
  cmd->add_option("--scale", options->scale,
                  "1 = ten years: 500 networks, 100 000 cases, ~300 000 memberships; "
                  "linear, fractions allowed (0.01)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--jobs", options->jobs, "Networks seeded at once (threads)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_option("--stop-after", options->stop_after,
                  "For tests: exit at once (as a kill would) after this many commands");
  ctx.OnRun(cmd, [&ctx, options] {
    Result<config::SystemConfig> system = LoadRunningConfig(ctx.config_path(), ctx.data());
    if (!system.ok()) return CliContext::Fail(system.status());
    // The gateway's key: only its principal may speak for people.
    Result<messaging::Credentials> credentials = runtime::LoadCredentials(*system, "gateway");
    if (!credentials.ok()) return CliContext::Fail(credentials.status());
    Seeder seeder(*system, *credentials, *options);
    return seeder.Run(system->data_dir);
  });
}

}  // namespace verkosto::cli
