#include "audit_commands.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gateway/storage/sqlite_account_repository.h"
#include "messaging/schema.h"
#include "storage/hash_chain.h"
#include "verkosto/common/v1/chain.pb.h"
#include "verkosto/networks/v1/events.pb.h"
#include "verkosto/nominations/v1/events.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::cli {

namespace {

namespace pb = google::protobuf;

// One service's database, opened read-only.
struct ServiceDb {
  std::string service;
  std::string path;
  std::unique_ptr<SQLite::Database> db;
  std::string epoch;
  std::map<std::string, storage::ChainReport> chains;  // by chain name
};

std::vector<storage::ChainTable> ChainsOf(const std::string& service) {
  std::vector<storage::ChainTable> chains = {messaging::OutboxChainTable(),
                                             messaging::WitnessChainTable()};
  if (service == "gateway") chains.push_back(gateway::AccountAuditChainTable());
  return chains;
}

const storage::ChainTable* FindChain(const std::string& service, const std::string& chain) {
  static const std::vector<storage::ChainTable> kAll = ChainsOf("gateway");
  for (const storage::ChainTable& table : kAll) {
    if (table.chain == chain && (service == "gateway" || chain != "account_audit")) return &table;
  }
  return nullptr;
}

std::string Short(const std::string& hash) { return hash.substr(0, 12); }

std::string Time(int64_t us) {
  const std::time_t secs = us / 1000000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// The newest ChainPruned event of `chain` in the outbox of `db`, if any.
std::optional<common::v1::ChainPruned> LatestPrune(SQLite::Database& db, const std::string& chain) {
  SQLite::Statement q(db,
                      "SELECT payload FROM outbox WHERE type = 'verkosto.common.v1.ChainPruned' "
                      "ORDER BY seq DESC");
  while (q.executeStep()) {
    common::v1::ChainPruned pruned;
    const SQLite::Column payload = q.getColumn(0);
    if (pruned.ParseFromArray(payload.getBlob(), payload.getBytes()) && pruned.chain() == chain) {
      return pruned;
    }
  }
  return std::nullopt;
}

// Opens and verifies every service's chains; appends problems.
std::vector<ServiceDb> VerifyAll(const config::SystemConfig& system,
                                 std::vector<std::string>& problems) {
  std::vector<ServiceDb> dbs;
  for (const std::string& name : config::ServiceNames()) {
    const auto it = system.services.find(name);
    if (it == system.services.end()) continue;
    ServiceDb s{name, it->second.database, nullptr, {}, {}};
    try {
      s.db = std::make_unique<SQLite::Database>(s.path, SQLite::OPEN_READONLY);
      s.epoch = s.db->execAndGet("SELECT value FROM meta WHERE key = 'epoch'").getString();
    } catch (const std::exception& e) {
      problems.push_back(s.path + ": cannot be read: " + e.what());
      continue;
    }
    for (const storage::ChainTable& table : ChainsOf(name)) {
      auto report = storage::VerifyChain(*s.db, table);
      if (!report.ok()) {
        problems.push_back(s.path + ": table " + table.table + ": " + report.status().ToString());
        continue;
      }
      if (!report->ok()) problems.push_back(s.path + ": " + report->error);
      if (report->ok() && report->anchor) {
        // The anchor must be the one the chain's own ChainPruned event names.
        const auto pruned = LatestPrune(*s.db, table.chain);
        if (!pruned && table.chain == "outbox") {
          problems.push_back(s.path + ": table chain_anchors: row chain=" + table.chain +
                             ": no ChainPruned event in the outbox confirms it");
        } else if (pruned && (static_cast<int64_t>(pruned->through()) != report->anchor->through ||
                              pruned->through_hash() != report->anchor->hash)) {
          problems.push_back(s.path + ": table chain_anchors: row chain=" + table.chain +
                             ": differs from the ChainPruned event (through " +
                             std::to_string(pruned->through()) + ")");
        }
      }
      s.chains[table.chain] = *report;
    }
    dbs.push_back(std::move(s));
  }
  return dbs;
}

ServiceDb* Find(std::vector<ServiceDb>& dbs, const std::string& service) {
  for (ServiceDb& s : dbs) {
    if (s.service == service) return &s;
  }
  return nullptr;
}

// Checks that `seq` of `chain` in `peer` still has `hash`; returns the problem or "".
std::string CheckWitnessed(ServiceDb& peer, const std::string& chain, int64_t seq,
                           const std::string& hash, const std::string& by) {
  const storage::ChainTable* table = FindChain(peer.service, chain);
  if (table == nullptr || seq == 0) return {};
  const auto report = peer.chains.find(chain);
  if (report != peer.chains.end() && report->second.anchor) {
    const auto& anchor = *report->second.anchor;
    if (seq < anchor.through) return {};  // pruned: nothing left to compare
    if (seq == anchor.through) {
      return anchor.hash == hash ? std::string()
                                 : peer.path + ": table chain_anchors: row chain=" + chain +
                                       ": its hash is not the one " + by + " witnessed";
    }
  }
  SQLite::Statement q(*peer.db,
                      "SELECT hash FROM " + table->table + " WHERE " + table->key + " = ?");
  q.bind(1, seq);
  const std::string row = peer.path + ": table " + table->table + ": first bad row " + table->key +
                          "=" + std::to_string(seq);
  if (!q.executeStep()) {
    return row + ": is missing, but " + by + " witnessed it (the history was truncated)";
  }
  if (q.getColumn(0).getString() != hash) {
    return row + ": its hash " + Short(q.getColumn(0).getString()) + " is not the " + Short(hash) +
           " " + by + " witnessed (the history was rewritten)";
  }
  return {};
}

void CrossCheck(std::vector<ServiceDb>& dbs, std::vector<std::string>& problems) {
  for (ServiceDb& s : dbs) {
    // Witnesses: the heads of the others this service saw must still be there.
    SQLite::Statement w(*s.db,
                        "SELECT id, peer, peer_epoch, peer_chain, peer_seq, peer_hash, "
                        "witnessed_us FROM chain_witnesses ORDER BY id");
    std::map<std::string, bool> epoch_reported;
    while (w.executeStep()) {
      const std::string peer_name = w.getColumn(1).getString();
      ServiceDb* peer = Find(dbs, peer_name);
      if (peer == nullptr) continue;
      const std::string by = s.service +
                             " (chain_witnesses id=" + std::to_string(w.getColumn(0).getInt64()) +
                             ", " + Time(w.getColumn(6).getInt64()) + ")";
      if (w.getColumn(2).getString() != peer->epoch) {
        if (!epoch_reported[peer_name]) {
          problems.push_back(peer->path + ": table meta: row key=epoch: is " + peer->epoch +
                             ", but " + by + " witnessed epoch " + w.getColumn(2).getString() +
                             " (the database was replaced)");
        }
        epoch_reported[peer_name] = true;
        continue;
      }
      const std::string problem =
          CheckWitnessed(*peer, w.getColumn(3).getString(), w.getColumn(4).getInt64(),
                         w.getColumn(5).getString(), by);
      if (!problem.empty() &&
          std::find(problems.begin(), problems.end(), problem) == problems.end()) {
        problems.push_back(problem);
      }
    }
    // Consumers: a producer cannot be behind what was applied from it.
    SQLite::Statement c(*s.db, "SELECT producer, epoch, cursor FROM consumer_cursors");
    while (c.executeStep()) {
      ServiceDb* producer = Find(dbs, c.getColumn(0).getString());
      if (producer == nullptr || c.getColumn(1).getString() != producer->epoch) continue;
      const auto report = producer->chains.find("outbox");
      if (report == producer->chains.end() || !report->second.ok()) continue;
      const int64_t cursor = c.getColumn(2).getInt64();
      if (report->second.head.key < cursor) {
        problems.push_back(producer->path + ": table outbox: first bad row seq=" +
                           std::to_string(report->second.head.key + 1) + ": is missing, but " +
                           s.service + " applied the events through seq=" + std::to_string(cursor) +
                           " (the history was truncated)");
      }
    }
  }
}

int Verify(const config::SystemConfig& system) {
  std::vector<std::string> problems;
  std::vector<ServiceDb> dbs = VerifyAll(system, problems);
  try {
    CrossCheck(dbs, problems);
  } catch (const std::exception& e) {
    problems.push_back(std::string("cross-check failed: ") + e.what());
  }
  for (const ServiceDb& s : dbs) {
    for (const auto& [chain, r] : s.chains) {
      std::printf("%-13s %-15s %6lld rows  head %lld %s  %s\n", s.service.c_str(), chain.c_str(),
                  static_cast<long long>(r.rows), static_cast<long long>(r.head.key),
                  Short(r.head.hash).c_str(), r.ok() ? "ok" : "BROKEN");
    }
  }
  if (problems.empty()) {
    std::printf("audit: every chain and cross-reference is intact\n");
    return 0;
  }
  for (const std::string& problem : problems) {
    std::fprintf(stderr, "verkosto: audit: %s\n", problem.c_str());
  }
  return kAuditBrokenExit;
}

// --- show -------------------------------------------------------------------

std::unique_ptr<pb::Message> Decode(const std::string& type, const void* data, int size) {
  // Naming one message of each events file links it (a static library's
  // object comes only when used), so the generated pool knows its types.
  static const bool kLinked = networks::v1::Audit::descriptor() != nullptr &&
                              nominations::v1::Audit::descriptor() != nullptr &&
                              notifications::v1::InboxItem::descriptor() != nullptr;
  if (!kLinked) return nullptr;
  const pb::Descriptor* descriptor =
      pb::DescriptorPool::generated_pool()->FindMessageTypeByName(type);
  if (descriptor == nullptr) return nullptr;
  const pb::Message* prototype = pb::MessageFactory::generated_factory()->GetPrototype(descriptor);
  if (prototype == nullptr) return nullptr;
  std::unique_ptr<pb::Message> message(prototype->New());
  if (!message->ParseFromArray(data, size)) return nullptr;
  return message;
}

// True when some string field (at any depth) of `message` equals `id`.
bool Mentions(const pb::Message& message, const std::string& id) {
  const pb::Reflection* reflection = message.GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const pb::FieldDescriptor* field : fields) {
    if (field->type() == pb::FieldDescriptor::TYPE_STRING) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          if (reflection->GetRepeatedString(message, field, i) == id) return true;
        }
      } else if (reflection->GetString(message, field) == id) {
        return true;
      }
    } else if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          if (Mentions(reflection->GetRepeatedMessage(message, field, i), id)) return true;
        }
      } else if (Mentions(reflection->GetMessage(message, field), id)) {
        return true;
      }
    }
  }
  return false;
}

std::string AuditField(const pb::Message& event, const std::string& name) {
  const pb::FieldDescriptor* audit = event.GetDescriptor()->FindFieldByName("audit");
  if (audit == nullptr || audit->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE ||
      audit->is_repeated()) {
    return {};
  }
  const pb::Message& a = event.GetReflection()->GetMessage(event, audit);
  const pb::FieldDescriptor* field = a.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->type() != pb::FieldDescriptor::TYPE_STRING) return {};
  return a.GetReflection()->GetString(a, field);
}

struct HistoryLine {
  int64_t at_us;
  std::string service;
  int64_t seq;
  std::string type;
  std::string actor;
  std::string on_behalf_of;
  std::string principal;
  bool verified;
};

int Show(const config::SystemConfig& system, const std::string& id) {
  std::vector<std::string> problems;
  std::vector<ServiceDb> dbs = VerifyAll(system, problems);
  std::vector<HistoryLine> lines;
  for (ServiceDb& s : dbs) {
    if (s.service == "gateway") continue;  // accounts, not cases or networks
    const auto report = s.chains.find("outbox");
    // Rows before the first bad one verified; from there on they are suspect.
    const int64_t bad = report == s.chains.end() || report->second.ok()
                            ? INT64_MAX
                            : std::max<int64_t>(report->second.bad_key, 1);
    SQLite::Statement q(*s.db, "SELECT seq, type, payload, occurred_us FROM outbox ORDER BY seq");
    while (q.executeStep()) {
      const std::string type = q.getColumn(1).getString();
      const SQLite::Column payload = q.getColumn(2);
      auto event = Decode(type, payload.getBlob(), payload.getBytes());
      if (event == nullptr || !Mentions(*event, id)) continue;
      const int64_t seq = q.getColumn(0).getInt64();
      lines.push_back(HistoryLine{q.getColumn(3).getInt64(), s.service, seq,
                                  type.substr(type.rfind('.') + 1), AuditField(*event, "actor"),
                                  AuditField(*event, "on_behalf_of"),
                                  AuditField(*event, "principal"), seq < bad});
    }
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const HistoryLine& a, const HistoryLine& b) { return a.at_us < b.at_us; });
  if (lines.empty()) {
    std::fprintf(stderr, "verkosto: audit: no event mentions %s\n", id.c_str());
    return 1;
  }
  std::printf("%-20s  %-13s  %6s  %-28s  %-24s  %-16s  %-13s  %s\n", "time (UTC)", "service", "seq",
              "event", "actor", "on behalf of", "principal", "hash");
  for (const HistoryLine& l : lines) {
    std::printf("%-20s  %-13s  %6lld  %-28s  %-24s  %-16s  %-13s  %s\n", Time(l.at_us).c_str(),
                l.service.c_str(), static_cast<long long>(l.seq), l.type.c_str(),
                l.actor.empty() ? "-" : l.actor.c_str(),
                l.on_behalf_of.empty() ? "-" : l.on_behalf_of.c_str(),
                l.principal.empty() ? "-" : l.principal.c_str(),
                l.verified ? "verified" : "NOT VERIFIED");
  }
  for (const std::string& problem : problems) {
    std::fprintf(stderr, "verkosto: audit: %s\n", problem.c_str());
  }
  return problems.empty() ? 0 : kAuditBrokenExit;
}

// --- witness ----------------------------------------------------------------

int Witness(CliContext& ctx, const config::SystemConfig& system) {
  std::map<std::string, uint64_t> rounds;
  for (const auto& [name, service] : system.services) {
    common::v1::WitnessPeersResponse reply;
    if (Status st = ctx.Call(name, common::v1::WitnessPeersRequest(), &reply); !st.ok()) {
      return CliContext::Fail(st);
    }
    rounds[name] = reply.round();
  }
  // Each round runs in its service's background; wait for all of them.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (const auto& [name, round] : rounds) {
    for (;;) {
      common::v1::ChainHeadsResponse heads;
      if (Status st = ctx.Call(name, common::v1::ChainHeadsRequest(), &heads); !st.ok()) {
        return CliContext::Fail(st);
      }
      if (heads.witness_round() >= round) break;
      if (std::chrono::steady_clock::now() > give_up) {
        return CliContext::Fail(Status::Unavailable(name + " did not finish its witness round"));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::printf("%s witnessed the others (round %llu)\n", name.c_str(),
                static_cast<unsigned long long>(round));
  }
  return 0;
}

}  // namespace

void AddAuditCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* audit = app.add_subcommand(
      "audit", "Tamper-evident audit: verify the services' hash chains, show a history");
  audit->require_subcommand(1);

  CLI::App* verify = audit->add_subcommand(
      "verify", "Recompute every audit chain and cross-reference (read-only; exit 4 if broken)");
  ctx.AddOperatorOptions(verify);
  ctx.OnRun(verify, [&ctx] {
    auto system = LoadRunningConfig(ctx.config_path(), ctx.data());
    if (!system.ok()) return CliContext::Fail(system.status());
    return Verify(*system);
  });

  CLI::App* witness = audit->add_subcommand(
      "witness", "Make every running service record the others' chain heads now");
  ctx.AddOperatorOptions(witness);
  ctx.OnRun(witness, [&ctx] {
    auto system = LoadRunningConfig(ctx.config_path(), ctx.data());
    if (!system.ok()) return CliContext::Fail(system.status());
    return Witness(ctx, *system);
  });

  CLI::App* show = audit->add_subcommand(
      "show", "One history across services of a nomination case or a network");
  ctx.AddOperatorOptions(show);
  auto case_id = std::make_shared<std::string>();
  auto network = std::make_shared<std::string>();
  auto* by_case = show->add_option("--case", *case_id, "Nomination case id");
  auto* by_network = show->add_option("--network", *network, "Network code");
  by_case->excludes(by_network);
  ctx.OnRun(show, [&ctx, case_id, network] {
    if (case_id->empty() == network->empty()) {
      return CliContext::Fail(Status::InvalidArgument("case", "give --case ID or --network CODE"));
    }
    auto system = LoadRunningConfig(ctx.config_path(), ctx.data());
    if (!system.ok()) return CliContext::Fail(system.status());
    return Show(*system, case_id->empty() ? *network : *case_id);
  });
}

}  // namespace verkosto::cli
