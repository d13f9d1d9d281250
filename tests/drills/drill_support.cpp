#include "drill_support.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "config/config.h"
#include "gateway/domain/demo_accounts.h"
#include "testing/dates.h"
#include "verkosto/gateway/v1/api.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::drills {
namespace {

namespace net = networks::v1;
namespace nom = nominations::v1;

template <typename Message>
bool Parse(const std::string& json, Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  return google::protobuf::util::JsonStringToMessage(json, message, options).ok();
}

// A JSON string literal (the drill's own texts are plain ASCII).
std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

std::string Definition(const std::string& code) {
  return R"({"definition": {"code": )" + Quoted(code) +
         R"(, "names": {"fi": "Harjoitusverkosto", "sv": "Övningsnätverk", "en": "Drill network"},
  "kind": "NETWORK_KIND_WORKING_GROUP", "owner": "KEHA-keskus",
  "responsible": {"name": "Verkoston sihteeri", "email": "sihteeri@keha.example"},
  "goals": ["Harjoitus"],
  "term": {"start_date": )" +
         Quoted(testing::DaysFromToday(30)) + R"(, "end_date": )" +
         Quoted(testing::DaysFromToday(30 + 730)) + R"(},
  "communication_plan": {"audiences": ["johto"], "channels": ["muistio"],
                         "cadence": "kuukausittain", "responsible": "sihteeri"},
  "cadence": {"meetings_per_year": 4, "hours_per_meeting_tenths": 20},
  "seats_per_area": {"members": 1, "deputies": 0}}})";
}

bool Retryable(const Reply& reply) { return reply.status == 0 || reply.status >= 500; }

// A client's back-off between resends (5 ms doubling to 200 ms), so a
// service that is restarting is not flooded; it paces the load and is not
// how the drill waits for anything (each resend's answer decides).
void ResendPause(std::chrono::milliseconds* pause) {
  *pause =
      std::min(std::chrono::milliseconds(200), std::max(std::chrono::milliseconds(5), *pause * 2));
  std::this_thread::sleep_for(*pause);
}

std::string Describe(const std::string& what, const Reply& reply) {
  std::string text = what + ": ";
  if (reply.status == 0) return text + "no answer (" + reply.error + ")";
  return text + std::to_string(reply.status) + " " + reply.body.substr(0, 300);
}

}  // namespace

bool Full() {
  const char* full = std::getenv("VERKOSTO_DRILL_FULL");
  return full != nullptr && std::string(full) != "" && std::string(full) != "0";
}

std::string MissingPrerequisite(const std::vector<std::string>& tools) {
  if (geteuid() != 0) return "needs root (network namespaces, mounts)";
  for (const std::string& tool : tools) {
    if (Shell("command -v " + tool) != 0) return "needs the tool '" + tool + "'";
  }
  return {};
}

std::string Reply::Code() const {
  gateway::v1::ApiError api_error;
  return Parse(body, &api_error) ? api_error.code() : std::string();
}

ApiClient::ApiClient(std::string host, int port) : host_(std::move(host)), port_(port) {}

Reply ApiClient::Send(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& idempotency_key) {
  httplib::Client http(host_, port_);
  http.set_connection_timeout(std::chrono::seconds(5));
  // Longer than the gateway's own RPC deadline, so a slow service answers 503/504
  // rather than the client giving up on a command that may still be applied.
  http.set_read_timeout(std::chrono::seconds(60));
  http.set_write_timeout(std::chrono::seconds(10));
  httplib::Headers headers;
  if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
  if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
  httplib::Result result = method == "GET" ? http.Get(path, headers)
                                           : http.Post(path, headers, body, "application/json");
  Reply reply;
  if (!result) {
    reply.error = httplib::to_string(result.error());
    return reply;
  }
  reply.status = result->status;
  reply.body = result->body;
  return reply;
}

bool ApiClient::Login(const std::string& user, Clock::time_point deadline, Reply* last) {
  user_ = user;
  token_.clear();
  while (Clock::now() < deadline) {
    httplib::Client http(host_, port_);
    http.set_connection_timeout(std::chrono::seconds(5));
    http.set_read_timeout(std::chrono::seconds(60));
    const std::string login = R"({"username": )" + Quoted(user) + R"(, "password": )" +
                              Quoted(gateway::kDemoPassword) + "}";
    httplib::Result session = http.Post("/api/v1/session", login, "application/json");
    if (!session) {
      last->status = 0;
      last->error = httplib::to_string(session.error());
      continue;
    }
    last->status = session->status;
    last->body = session->body;
    if (session->status >= 500) continue;
    if (session->status != 200) return false;
    gateway::v1::ApiSessionResponse parsed;
    if (!Parse(session->body, &parsed)) return false;
    std::string cookie;
    for (const auto& [name, value] : session->headers) {
      if (name == "Set-Cookie" && value.rfind("vk_session=", 0) == 0) {
        cookie = value.substr(0, value.find(';'));
      }
    }
    httplib::Headers headers = {{"Cookie", cookie}, {"X-CSRF-Token", parsed.csrf_token()}};
    httplib::Result token =
        http.Post("/api/v1/tokens", headers, R"({"label": "drill"})", "application/json");
    if (!token) continue;
    last->status = token->status;
    last->body = token->body;
    if (token->status >= 500) continue;
    gateway::v1::ApiTokenResponse drawn;
    if (token->status != 200 || !Parse(token->body, &drawn)) return false;
    token_ = drawn.token();
    return true;
  }
  return false;
}

Reply ApiClient::Get(const std::string& path, Clock::time_point deadline) {
  Reply reply;
  do {
    reply = Send("GET", path, {});
  } while (Retryable(reply) && Clock::now() < deadline);
  return reply;
}

Reply ApiClient::Command(const std::string& method, const std::string& path,
                         const std::string& body, const std::string& key,
                         Clock::time_point deadline, int* attempts) {
  Reply reply;
  do {
    ++*attempts;
    reply = Send(method, path, body, key);
  } while (Retryable(reply) && Clock::now() < deadline);
  return reply;
}

void ChainTally::Fail(const std::string& what) {
  ++failures;
  const std::lock_guard lock(mutex);
  if (errors.size() < 10) errors.push_back(what);
}

bool ChainPeople::Login(Clock::time_point deadline, std::string* why) {
  Reply last;
  for (auto [client, user] :
       {std::pair{&keha, "keha.koordinaattori"}, std::pair{&clerk, "kainuu.kirjaamo"},
        std::pair{&director, "kainuu.johtaja"}}) {
    if (!client->Login(user, deadline, &last)) {
      *why = Describe(std::string("login as ") + user, last);
      return false;
    }
  }
  return true;
}

std::string NetworkCode(const std::string& run_id, int index) {
  return "drill-" + run_id + "-" + std::to_string(index);
}

namespace {

// One acknowledged command: resent with the same key (transport errors,
// 5xx); `refused_again` lets a definitive 409/404 be asked again under a new
// key (the event that makes it possible has not reached the service yet).
bool Acknowledged(ApiClient& who, const std::string& code, const std::string& step,
                  const std::string& path, const std::string& body, bool refused_again,
                  const std::string& run_id, std::chrono::milliseconds command_timeout,
                  ChainTally* tally, Reply* reply) {
  const auto deadline = Clock::now() + command_timeout;
  std::chrono::milliseconds pause{0};
  int round = 0;
  while (true) {
    int attempts = 0;
    const std::string key =
        "drill-" + run_id + "-" + code + "-" + step + "-" + std::to_string(round);
    while (true) {
      ++attempts;
      *reply = who.Send("POST", path, body, key);
      if (!reply->ok() && tally->on_error) tally->on_error(step, *reply);
      if (!Retryable(*reply) || Clock::now() >= deadline) break;
      ResendPause(&pause);
    }
    tally->retries += attempts - 1;
    if (reply->ok()) {
      ++tally->commands;
      const std::lock_guard lock(tally->mutex);
      ++tally->acked[step];
      tally->progressed.notify_all();
      return true;
    }
    if (refused_again && Clock::now() < deadline &&
        ((reply->status == 409 && reply->Code() == "failed_precondition") ||
         (reply->status == 404 && reply->Code() == "not_found"))) {
      ResendPause(&pause);
      ++tally->refusals;
      ++round;
      continue;
    }
    tally->Fail(Describe(code + " " + step + " as " + who.user(), *reply));
    return false;
  }
}

}  // namespace

bool OpenAndSend(ChainPeople& people, const std::string& code, const std::string& run_id,
                 std::chrono::milliseconds command_timeout, ChainTally* tally, SentChain* sent) {
  const auto command = [&](ApiClient& who, const std::string& step, const std::string& path,
                           const std::string& body, bool refused_again, Reply* reply) {
    return Acknowledged(who, code, step, path, body, refused_again, run_id, command_timeout, tally,
                        reply);
  };
  Reply reply;
  if (!command(people.keha, "create", "/api/v1/networks", Definition(code), false, &reply)) {
    return false;
  }
  if (!command(people.keha, "propose", "/api/v1/networks/" + code + "/propose", "{}", false,
               &reply)) {
    return false;
  }
  if (!command(people.keha, "open", "/api/v1/networks/" + code + "/open", "{}", false, &reply)) {
    return false;
  }
  {
    const std::lock_guard lock(tally->mutex);
    tally->networks.push_back(code);
  }
  const std::string send =
      R"({"area_codes": [)" + Quoted(kApprovingArea) + ", " + Quoted(kWithdrawingArea) +
      R"(], "seats": {"members": 1}, "deadline": )" + Quoted(testing::DaysFromToday(60)) +
      R"(, "covering_message": "Pyydämme nimeämään"})";
  // Nominations learns that the network is open from its event: until then
  // it refuses (404 or 409) and the drill asks again.
  if (!command(people.keha, "send", "/api/v1/networks/" + code + "/requests", send, true, &reply)) {
    return false;
  }
  nom::SendRequestResponse response;
  if (!Parse(reply.body, &response) || response.cases_size() != 2) {
    tally->Fail(code + " send: not two cases: " + reply.body.substr(0, 300));
    return false;
  }
  sent->code = code;
  for (const nom::Case& c : response.cases()) {
    (c.area_code() == kApprovingArea ? sent->approving : sent->withdrawing) = c.case_id();
  }
  return true;
}

bool Decide(ChainPeople& people, const SentChain& sent, const std::string& run_id,
            std::chrono::milliseconds command_timeout, ChainTally* tally) {
  const std::string& code = sent.code;
  const auto command = [&](ApiClient& who, const std::string& step, const std::string& path,
                           const std::string& body, Reply* reply) {
    return Acknowledged(who, code, step, path, body, false, run_id, command_timeout, tally, reply);
  };
  Reply reply;
  const std::string diary = "D" + run_id + "-" + code.substr(code.rfind('-') + 1);
  const std::string registration = R"({"diary_number": )" + Quoted(diary) +
                                   R"(, "date_received": )" + Quoted(testing::DaysFromToday(0)) +
                                   R"(, "organisation": "Kajaanin kaupunki"})";
  if (!command(people.clerk, "register", "/api/v1/cases/" + sent.approving + "/register",
               registration, &reply)) {
    return false;
  }
  const std::string approval =
      R"({"nominees": [{"name": "Anna Esimerkki", "title": "Kehittämispäällikkö", "email": )" +
      Quoted("anna." + code + "@kajaani.example") +
      R"(, "municipality": "Kajaani", "seat": "SEAT_KIND_MEMBER"}]})";
  if (!command(people.director, "approve", "/api/v1/cases/" + sent.approving + "/approve", approval,
               &reply)) {
    return false;
  }
  {
    const std::lock_guard lock(tally->mutex);
    tally->approved[sent.approving] = code;
  }
  if (!command(people.keha, "withdraw", "/api/v1/cases/" + sent.withdrawing + "/withdraw",
               R"({"reason": "Harjoitus"})", &reply)) {
    return false;
  }
  const std::lock_guard lock(tally->mutex);
  tally->withdrawn[sent.withdrawing] = code;
  return true;
}

bool RunChain(ChainPeople& people, const std::string& code, const std::string& run_id,
              std::chrono::milliseconds command_timeout, ChainTally* tally) {
  SentChain sent;
  return OpenAndSend(people, code, run_id, command_timeout, tally, &sent) &&
         Decide(people, sent, run_id, command_timeout, tally);
}

std::string IntegrityCheck(const std::string& database) {
  try {
    SQLite::Database db(database, SQLite::OPEN_READONLY);
    SQLite::Statement check(db, "PRAGMA integrity_check");
    std::string result;
    while (check.executeStep()) {
      if (!result.empty()) result += "; ";
      result += check.getColumn(0).getString();
    }
    return result;
  } catch (const std::exception& e) {
    return std::string("cannot check: ") + e.what();
  }
}

std::string IntegrityOfAll(const std::map<std::string, std::string>& databases) {
  std::string failed;
  for (const auto& [name, file] : databases) {
    const std::string result = IntegrityCheck(file);
    if (result == "ok") continue;
    if (!failed.empty()) failed += "; ";
    failed += name + ": " + result;
  }
  return failed.empty() ? "ok" : failed;
}

std::map<std::string, std::string> DatabasesIn(const std::string& data_dir) {
  std::map<std::string, std::string> databases;
  for (const std::string& name : config::ServiceNames()) {
    databases[name] = data_dir + "/" + name + ".db";
  }
  return databases;
}

void CheckChains(ApiClient& keha, const std::map<std::string, std::string>& databases,
                 ChainTally& tally, Clock::time_point deadline, Figures* figures,
                 std::vector<std::string>* problems) {
  const auto problem = [&](const std::string& what) {
    if (problems->size() < 20) problems->push_back(what);
  };
  // Through the API: every acknowledged network open, every case in its state.
  for (const std::string& code : tally.networks) {
    const Reply reply = keha.Get("/api/v1/networks/" + code, deadline);
    net::GetNetworkResponse network;
    if (!reply.ok() || !Parse(reply.body, &network)) {
      problem(Describe("GET network " + code, reply));
    } else if (network.network().status() != net::NETWORK_STATUS_OPEN) {
      problem(code + " is " + net::NetworkStatus_Name(network.network().status()));
    }
  }
  const auto expect_state = [&](const std::map<std::string, std::string>& cases,
                                nom::CaseState state) {
    for (const auto& [case_id, code] : cases) {
      const Reply reply = keha.Get("/api/v1/cases/" + case_id, deadline);
      nom::CaseResponse found;
      if (!reply.ok() || !Parse(reply.body, &found)) {
        problem(Describe("GET case " + case_id, reply));
      } else if (found.case_().state() != state) {
        problem(case_id + " is " + nom::CaseState_Name(found.case_().state()) + ", not " +
                nom::CaseState_Name(state));
      }
    }
  };
  expect_state(tally.approved, nom::CASE_STATE_APPROVED);
  expect_state(tally.withdrawn, nom::CASE_STATE_WITHDRAWN);

  // Exact counts in the databases: nothing doubled, nothing beside what was acknowledged.
  const std::string prefix = tally.networks.empty() ? std::string("drill-")
                                                    : tally.networks.front().substr(
                                                          0, tally.networks.front().rfind('-') + 1);
  try {
    SQLite::Database networks_db(databases.at("networks"), SQLite::OPEN_READONLY);
    SQLite::Statement count(
        networks_db, "SELECT count(*), sum(status = 'open') FROM networks WHERE code LIKE ?");
    count.bind(1, prefix + "%");
    count.executeStep();
    figures->networks = count.getColumn(0).getInt64();
    if (figures->networks < static_cast<int64_t>(tally.networks.size())) {
      problem("networks' database has " + std::to_string(figures->networks) + " drill networks, " +
              std::to_string(tally.networks.size()) + " were opened");
    }

    SQLite::Database nominations_db(databases.at("nominations"), SQLite::OPEN_READONLY);
    SQLite::Statement per_network(nominations_db,
                                  "SELECT network_code, count(*) FROM cases WHERE network_code "
                                  "LIKE ? GROUP BY network_code HAVING count(*) != 2");
    per_network.bind(1, prefix + "%");
    while (per_network.executeStep()) {
      problem(per_network.getColumn(0).getString() + " has " +
              std::to_string(per_network.getColumn(1).getInt()) + " cases, not 2");
    }
    SQLite::Statement cases(nominations_db, "SELECT count(*) FROM cases WHERE network_code LIKE ?");
    cases.bind(1, prefix + "%");
    cases.executeStep();
    figures->cases = cases.getColumn(0).getInt64();
    SQLite::Statement memberships(nominations_db,
                                  "SELECT network_code, count(*) FROM memberships WHERE "
                                  "network_code LIKE ? GROUP BY network_code");
    memberships.bind(1, prefix + "%");
    std::set<std::string> with_member;
    while (memberships.executeStep()) {
      ++figures->memberships;
      with_member.insert(memberships.getColumn(0).getString());
      if (memberships.getColumn(1).getInt() != 1) {
        problem(memberships.getColumn(0).getString() + " has " +
                std::to_string(memberships.getColumn(1).getInt()) + " memberships, not 1");
      }
    }
    for (const auto& [case_id, code] : tally.approved) {
      if (with_member.count(code) == 0) problem(code + ": the approval started no membership");
    }

    // Notifications: every (case, kind, recipient) once, and every case of a
    // kind with the same notices as the others (the same event makes the
    // same messages, so a missing or extra one shows as a difference).
    SQLite::Database notifications_db(databases.at("notifications"), SQLite::OPEN_READONLY);
    SQLite::Statement doubled(notifications_db,
                              "SELECT network_code || ' ' || case_id, event_type, mailbox, "
                              "count(*) FROM messages WHERE network_code LIKE ? "
                              "GROUP BY network_code, case_id, event_type, mailbox "
                              "HAVING count(*) > 1");
    doubled.bind(1, prefix + "%");
    while (doubled.executeStep()) {
      problem("notice " + doubled.getColumn(1).getString() + " of case '" +
              doubled.getColumn(0).getString() + "' to " + doubled.getColumn(2).getString() +
              " recorded " + std::to_string(doubled.getColumn(3).getInt()) + " times");
    }
    SQLite::Statement per_case(notifications_db,
                               "SELECT case_id, network_code, event_type, count(*) FROM messages "
                               "WHERE network_code LIKE ? GROUP BY case_id, network_code, "
                               "event_type ORDER BY case_id, event_type");
    per_case.bind(1, prefix + "%");
    std::map<std::string, std::string> signature;  // case id (or network code) -> its notices
    while (per_case.executeStep()) {
      const std::string case_id = per_case.getColumn(0).getString();
      const std::string key =
          case_id.empty() ? "network " + per_case.getColumn(1).getString() : case_id;
      signature[key] += per_case.getColumn(2).getString() + "x" +
                        std::to_string(per_case.getColumn(3).getInt()) + " ";
      figures->notifications += per_case.getColumn(3).getInt();
    }
    const auto same = [&](const std::string& kind, const std::vector<std::string>& keys) {
      std::string first;
      for (const std::string& key : keys) {
        const std::string& mine = signature[key];
        if (mine.empty()) {
          problem(kind + " " + key + ": no notification recorded");
        } else if (first.empty()) {
          first = mine;
        } else if (mine != first) {
          problem(kind + " " + key + ": notices " + mine + "differ from " + first);
        }
      }
    };
    std::vector<std::string> keys;
    keys.reserve(tally.approved.size());
    for (const auto& [case_id, code] : tally.approved) keys.push_back(case_id);
    same("approved case", keys);
    keys.clear();
    for (const auto& [case_id, code] : tally.withdrawn) keys.push_back(case_id);
    same("withdrawn case", keys);
    keys.clear();
    for (const std::string& code : tally.networks) keys.push_back("network " + code);
    same("network", keys);
    SQLite::Statement deliveries(notifications_db,
                                 "SELECT count(*), count(DISTINCT event_key || '|' || mailbox || "
                                 "'|' || channel || '|' || address) FROM deliveries");
    deliveries.executeStep();
    figures->deliveries = deliveries.getColumn(0).getInt64();
    if (deliveries.getColumn(0).getInt64() != deliveries.getColumn(1).getInt64()) {
      problem("a delivery is recorded twice");
    }
  } catch (const std::exception& e) {
    problem(std::string("reading the databases: ") + e.what());
  }
}

int Shell(const std::string& command, const std::string& log) {
  const std::string line = "(" + command + ") >" + log + " 2>&1";
  const int status = std::system(line.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace verkosto::drills
