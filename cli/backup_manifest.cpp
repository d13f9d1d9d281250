#include "backup_manifest.h"

#include <google/protobuf/util/json_util.h>

#include <map>
#include <set>
#include <utility>

namespace verkosto::cli {

namespace {

namespace pb = common::v1;

bool IsSha256Hex(const std::string& text) {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Relative, inside the backup: no empty, "." or ".." component, no leading "/".
bool IsInsidePath(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    const std::string part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

bool EndsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

Status Bad(const std::string& field, const std::string& message) {
  return Status::InvalidArgument(std::string(kManifestFile) + ": " + field, message);
}

}  // namespace

std::string ManifestJson(const pb::BackupManifest& manifest) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(manifest, &json, options);
  return json;
}

Result<pb::BackupManifest> ParseManifest(const std::string& json) {
  pb::BackupManifest manifest;
  const auto parsed = google::protobuf::util::JsonStringToMessage(json, &manifest);
  if (!parsed.ok()) {
    return Status::InvalidArgument(kManifestFile,
                                   "is not a backup manifest: " + std::string(parsed.message()));
  }
  if (manifest.format_version() != kBackupFormatVersion) {
    return Bad("format_version", "is " + std::to_string(manifest.format_version()) +
                                     "; this program restores format " +
                                     std::to_string(kBackupFormatVersion));
  }
  std::set<std::string> paths;
  for (int i = 0; i < manifest.files_size(); ++i) {
    const pb::BackupFile& file = manifest.files(i);
    const std::string field = "files[" + std::to_string(i) + "]";
    if (!IsInsidePath(file.path())) {
      return Bad(field + ".path", "'" + file.path() + "' is not a path inside the backup");
    }
    if (EndsWith(file.path(), ".key")) {
      return Bad(field + ".path",
                 "'" + file.path() + "' is a secret key file; a backup holds none");
    }
    if (!paths.insert(file.path()).second) {
      return Bad(field + ".path", "'" + file.path() + "' is listed twice");
    }
    if (!IsSha256Hex(file.sha256())) {
      return Bad(field + ".sha256", "is not 64 lower-case hex digits");
    }
  }
  std::set<std::string> services;
  for (int i = 0; i < manifest.databases_size(); ++i) {
    const pb::BackupDatabase& db = manifest.databases(i);
    const std::string field = "databases[" + std::to_string(i) + "]";
    if (db.service().empty()) return Bad(field + ".service", "is required");
    if (!services.insert(db.service()).second) {
      return Bad(field + ".service", "'" + db.service() + "' is listed twice");
    }
    if (paths.count(db.path()) == 0) {
      return Bad(field + ".path", "'" + db.path() + "' is not among the files");
    }
    if (db.epoch().empty()) return Bad(field + ".epoch", "is required");
  }
  return manifest;
}

std::vector<std::string> ConsistencyProblems(const pb::BackupManifest& manifest) {
  std::map<std::string, const pb::BackupDatabase*> by_service;
  for (const pb::BackupDatabase& db : manifest.databases()) by_service[db.service()] = &db;
  std::vector<std::string> problems;
  for (const pb::BackupDatabase& db : manifest.databases()) {
    for (const pb::BackupCursor& cursor : db.cursors()) {
      const auto producer = by_service.find(cursor.producer());
      if (producer == by_service.end() || producer->second->epoch() != cursor.epoch()) continue;
      if (cursor.cursor() > producer->second->outbox_head()) {
        problems.push_back(db.service() + " applied " + cursor.producer() + "'s events through " +
                           std::to_string(cursor.cursor()) + ", but the copy of " +
                           cursor.producer() + " ends at " +
                           std::to_string(producer->second->outbox_head()));
      }
    }
    for (const pb::BackupWitnessed& seen : db.witnessed()) {
      const auto peer = by_service.find(seen.peer());
      if (peer == by_service.end() || peer->second->epoch() != seen.peer_epoch()) continue;
      uint64_t head = 0;
      for (const pb::BackupChainHead& chain : peer->second->chain_heads()) {
        if (chain.chain() == seen.chain()) head = chain.head();
      }
      if (seen.seq() > head) {
        problems.push_back(db.service() + " witnessed row " + std::to_string(seen.seq()) + " of " +
                           seen.peer() + "'s chain " + seen.chain() + ", but the copy of " +
                           seen.peer() + " ends at " + std::to_string(head));
      }
    }
  }
  return problems;
}

std::vector<Advice> RestoreAdvice(const pb::SystemHealth& health) {
  std::map<std::string, const pb::HealthResponse*> reachable;
  for (const pb::ServiceHealth& s : health.services()) {
    if (s.reachable()) reachable[s.name()] = &s.health();
  }
  std::vector<Advice> advice;
  for (const pb::ServiceHealth& s : health.services()) {
    if (!s.reachable()) continue;
    for (const pb::ConsumerStatus& c : s.health().consumers()) {
      const auto producer = reachable.find(c.producer());
      if (producer == reachable.end() || c.epoch().empty()) continue;
      const pb::HealthResponse& p = *producer->second;
      if (p.epoch().empty()) continue;
      if (p.epoch() != c.epoch()) {
        advice.push_back(
            {c.producer(),
             c.producer() + ": its database (epoch " + p.epoch() + ") is not the one " + s.name() +
                 " applied events from (epoch " + c.epoch() +
                 "): it was replaced. If it came from a backup, restore the whole set "
                 "from that one backup (verkosto restore --from DIR); see deploy/README.md, "
                 "Backup and restore"});
      } else if (p.outbox_head() < c.cursor()) {
        advice.push_back(
            {c.producer(),
             c.producer() + ": its outbox head " + std::to_string(p.outbox_head()) + " is behind " +
                 s.name() + "'s cursor " + std::to_string(c.cursor()) +
                 ": restored from an older backup? Stop the system and restore the whole "
                 "set from one backup (verkosto restore --from DIR), or restore " +
                 c.producer() +
                 " from a backup at least as new; see deploy/README.md, Backup and "
                 "restore"});
      }
    }
  }
  return advice;
}

}  // namespace verkosto::cli
