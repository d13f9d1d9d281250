#include "backup_commands.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "backup_manifest.h"
#include "core/file_util.h"
#include "gateway/storage/sqlite_account_repository.h"
#include "messaging/schema.h"
#include "storage/database.h"

namespace verkosto::cli {

namespace {

namespace fs = std::filesystem;
namespace pb = common::v1;

// How often backup takes the set of snapshots again when one came out
// inconsistent (a producer wrote between two snapshots' starts).
constexpr int kBackupAttempts = 5;

// SHA-256 of a whole file as lower-case hex, streamed.
Result<std::string> Sha256File(const std::string& path, uint64_t* size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot be read");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> buffer(1 << 16);
  *size = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                              static_cast<unsigned long long>(got));
    *size += static_cast<uint64_t>(got);
  }
  if (in.bad()) return Status::Unavailable(path + ": read failed");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::array<char, (crypto_hash_sha256_BYTES * 2) + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

// fsync of a file or directory; a backup or restore that says "done" is on disk.
Status SyncPath(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Unavailable("cannot open " + path + ": " + std::strerror(errno));
  const int rc = fsync(fd);
  close(fd);
  if (rc != 0) return Status::Unavailable("cannot sync " + path + ": " + std::strerror(errno));
  return Status::Ok();
}

Status CopyFile(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) return Status::Unavailable("cannot copy " + from + " to " + to + ": " + ec.message());
  return SyncPath(to);
}

// The order to take snapshots in: each consumer before the producers it
// consumes, so a cursor is read no later than its producer's head (cycles,
// which the default config has none of, fall back to the config's order;
// the consistency check after the copy catches what slips through).
std::vector<std::string> SnapshotOrder(const config::SystemConfig& system) {
  std::vector<std::string> names;
  for (const std::string& name : config::ServiceNames()) {
    if (system.services.count(name) != 0) names.push_back(name);
  }
  std::vector<std::string> order;
  std::set<std::string> taken;
  while (order.size() < names.size()) {
    bool progressed = false;
    for (const std::string& name : names) {
      if (taken.count(name) != 0) continue;
      // Ready when every service consuming `name` was taken already.
      bool ready = true;
      for (const auto& [other, service] : system.services) {
        const bool consumes = std::find(service.consumes.begin(), service.consumes.end(), name) !=
                              service.consumes.end();
        if (consumes && other != name && taken.count(other) == 0) ready = false;
      }
      if (!ready) continue;
      order.push_back(name);
      taken.insert(name);
      progressed = true;
    }
    if (!progressed) {  // a cycle: the rest in the config's order
      for (const std::string& name : names) {
        if (taken.insert(name).second) order.push_back(name);
      }
    }
  }
  return order;
}

std::vector<storage::ChainTable> ChainsOf(const std::string& service) {
  std::vector<storage::ChainTable> chains = {messaging::OutboxChainTable(),
                                             messaging::WitnessChainTable()};
  if (service == "gateway") chains.push_back(gateway::AccountAuditChainTable());
  return chains;
}

uint64_t ChainHeadOf(SQLite::Database& db, const storage::ChainTable& table) {
  SQLite::Statement q(db, "SELECT COALESCE(MAX(" + table.key +
                              "), (SELECT through FROM chain_anchors WHERE chain = ?), 0) FROM " +
                              table.table);
  q.bind(1, table.chain);
  q.executeStep();
  return static_cast<uint64_t>(q.getColumn(0).getInt64());
}

// What the manifest says of one database copy, read from the copy.
Result<pb::BackupDatabase> DescribeCopy(const std::string& service, const std::string& file,
                                        const std::string& relative) {
  pb::BackupDatabase out;
  Status st = storage::Guard([&]() -> Status {
    SQLite::Database db(file, SQLite::OPEN_READWRITE);
    out.set_service(service);
    out.set_path(relative);
    out.set_epoch(db.execAndGet("SELECT value FROM meta WHERE key = 'epoch'").getString());
    out.set_schema_version(db.execAndGet("PRAGMA user_version").getInt());
    for (const storage::ChainTable& table : ChainsOf(service)) {
      pb::BackupChainHead* head = out.add_chain_heads();
      head->set_chain(table.chain);
      head->set_head(ChainHeadOf(db, table));
      if (table.chain == messaging::OutboxChainTable().chain) out.set_outbox_head(head->head());
    }
    SQLite::Statement c(db,
                        "SELECT producer, epoch, cursor FROM consumer_cursors ORDER BY producer");
    while (c.executeStep()) {
      pb::BackupCursor* cursor = out.add_cursors();
      cursor->set_producer(c.getColumn(0).getString());
      cursor->set_epoch(c.getColumn(1).getString());
      cursor->set_cursor(static_cast<uint64_t>(c.getColumn(2).getInt64()));
    }
    SQLite::Statement w(db,
                        "SELECT peer, peer_epoch, peer_chain, MAX(peer_seq) FROM chain_witnesses "
                        "GROUP BY peer, peer_epoch, peer_chain ORDER BY peer, peer_chain");
    while (w.executeStep()) {
      pb::BackupWitnessed* seen = out.add_witnessed();
      seen->set_peer(w.getColumn(0).getString());
      seen->set_peer_epoch(w.getColumn(1).getString());
      seen->set_chain(w.getColumn(2).getString());
      seen->set_seq(static_cast<uint64_t>(w.getColumn(3).getInt64()));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st.WithMessage(file + ": " + st.message());
  return out;
}

// Copies every database into `dir`/db as one consistent set; fills
// `manifest`'s databases. Each source's read transaction starts in
// SnapshotOrder and stays open until all are copied, so each copy is its
// database as of its snapshot's start, whatever is written meanwhile.
Status CopyDatabases(const config::SystemConfig& system, const fs::path& dir,
                     pb::BackupManifest* manifest) {
  const std::vector<std::string> order = SnapshotOrder(system);
  std::vector<std::string> problems;
  for (int attempt = 1; attempt <= kBackupAttempts; ++attempt) {
    manifest->clear_databases();
    Status st = storage::Guard([&]() -> Status {
      std::vector<std::unique_ptr<SQLite::Database>> sources;
      for (const std::string& name : order) {
        const std::string& path = system.services.at(name).database;
        if (!fs::exists(path)) {
          return Status::NotFound(name + "'s database " + path + " does not exist");
        }
        auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY);
        db->setBusyTimeout(5000);
        db->exec("BEGIN");
        // A read starts the snapshot (BEGIN alone takes none).
        (void)db->execAndGet("SELECT COUNT(*) FROM sqlite_master").getInt();
        sources.push_back(std::move(db));
      }
      for (size_t i = 0; i < order.size(); ++i) {
        const std::string target = (dir / "db" / (order[i] + ".db")).string();
        VERKOSTO_RETURN_IF_ERROR(storage::OnlineBackup(*sources[i], target));
      }
      for (auto& db : sources) db->exec("COMMIT");
      return Status::Ok();
    });
    VERKOSTO_RETURN_IF_ERROR(st);
    for (const std::string& name : config::ServiceNames()) {
      if (system.services.count(name) == 0) continue;
      const std::string relative = "db/" + name + ".db";
      auto described = DescribeCopy(name, (dir / relative).string(), relative);
      if (!described.ok()) return described.status();
      *manifest->add_databases() = *described;
    }
    problems = ConsistencyProblems(*manifest);
    if (problems.empty()) return Status::Ok();
  }
  return Status::Unavailable("no consistent set of copies in " + std::to_string(kBackupAttempts) +
                             " attempts: " + problems.front());
}

// Every regular file under `dir` (relative paths, sorted) but the manifest.
std::vector<std::string> FilesUnder(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = fs::relative(entry.path(), dir).string();
    if (relative != kManifestFile) files.push_back(relative);
  }
  std::sort(files.begin(), files.end());
  return files;
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status Backup(const config::SystemConfig& system, const std::string& config_file,
              const std::string& to) {
  const fs::path target = fs::absolute(to).lexically_normal();
  std::error_code ec;
  if (fs::exists(target, ec)) {
    if (!fs::is_directory(target, ec) || !fs::is_empty(target, ec)) {
      return Status::FailedPrecondition(
          "to", target.string() + " exists and is not an empty directory: choose a new one");
    }
  }
  fs::create_directories(target.parent_path(), ec);
  if (ec) return Status::Unavailable("cannot create " + target.parent_path().string());
  // Beside the target (same filesystem, so the final rename is atomic); a
  // cut-off backup leaves only this ".partial-" directory.
  std::string pattern = target.string() + ".partial-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return Status::Unavailable("cannot create a directory beside " + target.string() + ": " +
                               std::strerror(errno));
  }
  const fs::path temp(pattern);
  Status st = [&]() -> Status {
    for (const char* sub : {"db", "keys"}) {
      std::error_code mkdir_ec;
      fs::create_directories(temp / sub, mkdir_ec);
      if (mkdir_ec) {
        return Status::Unavailable("cannot create " + (temp / sub).string() + ": " +
                                   mkdir_ec.message());
      }
    }
    pb::BackupManifest manifest;
    manifest.set_format_version(kBackupFormatVersion);
    manifest.set_created_unix_us(NowMicros());
    manifest.set_created_by("verkosto");
    VERKOSTO_RETURN_IF_ERROR(CopyDatabases(system, temp, &manifest));
    VERKOSTO_RETURN_IF_ERROR(CopyFile(config_file, (temp / "verkosto.toml").string()));
    // The keys' public halves only: a secret key never leaves its host this way.
    std::error_code key_ec;
    if (!system.keys_dir.empty() && fs::is_directory(system.keys_dir, key_ec)) {
      for (const auto& entry : fs::directory_iterator(system.keys_dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".pub") continue;
        VERKOSTO_RETURN_IF_ERROR(
            CopyFile(entry.path().string(), (temp / "keys" / entry.path().filename()).string()));
      }
    }
    for (const std::string& relative : FilesUnder(temp)) {
      pb::BackupFile* file = manifest.add_files();
      file->set_path(relative);
      uint64_t size = 0;
      auto sha = Sha256File((temp / relative).string(), &size);
      if (!sha.ok()) return sha.status();
      file->set_sha256(*sha);
      file->set_size_bytes(size);
      VERKOSTO_RETURN_IF_ERROR(SyncPath((temp / relative).string()));
    }
    VERKOSTO_RETURN_IF_ERROR(
        WriteFileAtomically((temp / kManifestFile).string(), ManifestJson(manifest)));
    VERKOSTO_RETURN_IF_ERROR(SyncPath((temp / "db").string()));
    VERKOSTO_RETURN_IF_ERROR(SyncPath((temp / "keys").string()));
    VERKOSTO_RETURN_IF_ERROR(SyncPath(temp.string()));
    // rename(2) replaces an empty directory, never a full one.
    if (std::rename(temp.c_str(), target.c_str()) != 0) {
      return Status::Unavailable("cannot rename " + temp.string() + " to " + target.string() +
                                 ": " + std::strerror(errno));
    }
    VERKOSTO_RETURN_IF_ERROR(SyncPath(target.parent_path().string()));
    for (const pb::BackupDatabase& db : manifest.databases()) {
      std::printf("%-14s outbox head %llu", db.service().c_str(),
                  static_cast<unsigned long long>(db.outbox_head()));
      for (const pb::BackupCursor& c : db.cursors()) {
        std::printf("  %s@%llu", c.producer().c_str(), static_cast<unsigned long long>(c.cursor()));
      }
      std::printf("\n");
    }
    std::printf("backup: %d files in %s\n", manifest.files_size(), target.string().c_str());
    return Status::Ok();
  }();
  if (!st.ok()) fs::remove_all(temp, ec);
  return st;
}

// Reads and checks a backup: the manifest, then every file's size and
// checksum. Errors: invalid_argument / data_loss-like failed_precondition
// naming the file.
Result<pb::BackupManifest> VerifyBackup(const fs::path& from) {
  const std::string manifest_path = (from / kManifestFile).string();
  std::ifstream in(manifest_path, std::ios::binary);
  if (!in) {
    return Status::NotFound(manifest_path + " does not exist: not a verkosto backup");
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto manifest = ParseManifest(text);
  if (!manifest.ok()) {
    return manifest.status().WithMessage(from.string() + ": " + manifest.status().message());
  }
  for (const pb::BackupFile& file : manifest->files()) {
    const std::string path = (from / file.path()).string();
    uint64_t size = 0;
    auto sha = Sha256File(path, &size);
    if (!sha.ok()) {
      return Status::FailedPrecondition(path + ": is missing (the manifest lists it)");
    }
    if (size != file.size_bytes()) {
      return Status::FailedPrecondition(
          path + ": has " + std::to_string(size) + " bytes, the manifest says " +
          std::to_string(file.size_bytes()) + " (the file is damaged or was changed)");
    }
    if (*sha != file.sha256()) {
      return Status::FailedPrecondition(path + ": its SHA-256 is " + *sha + ", the manifest says " +
                                        file.sha256() + " (the file is damaged or was changed)");
    }
  }
  const std::vector<std::string> problems = ConsistencyProblems(*manifest);
  if (!problems.empty()) {
    return Status::FailedPrecondition(from.string() +
                                      ": not a consistent set: " + problems.front());
  }
  return manifest;
}

// The config whose database paths a restore fills: --config, else
// DATA/verkosto.toml, else (a fresh data directory) the layout `verkosto up`
// makes there.
Result<config::SystemConfig> RestoreTarget(const std::string& config_path,
                                           const std::string& data) {
  auto loaded = LoadRunningConfig(config_path, data);
  if (loaded.ok() || !config_path.empty() || loaded.status().code() != ErrorCode::kNotFound) {
    return loaded;
  }
  VERKOSTO_RETURN_IF_ERROR(EnsurePrivateDirectory(data, /*tighten=*/false));
  return config::DefaultSystemConfig(fs::absolute(data).lexically_normal().string(), "", 0);
}

Status Restore(const config::SystemConfig& system, const std::string& lock_dir,
               const std::string& from, const std::string& only) {
  const fs::path source = fs::absolute(from).lexically_normal();
  auto manifest = VerifyBackup(source);
  if (!manifest.ok()) return manifest.status();
  std::vector<const pb::BackupDatabase*> chosen;
  for (const std::string& name : config::ServiceNames()) {
    if (system.services.count(name) == 0 || (!only.empty() && name != only)) continue;
    const pb::BackupDatabase* found = nullptr;
    for (const pb::BackupDatabase& db : manifest->databases()) {
      if (db.service() == name) found = &db;
    }
    if (found == nullptr) {
      return Status::FailedPrecondition(source.string() + ": has no database of " + name);
    }
    chosen.push_back(found);
  }
  if (chosen.empty()) {
    return Status::InvalidArgument("only", "'" + only + "' is not a service of this system");
  }
  // Nothing may run on these files: `verkosto up`'s lock of the data
  // directory, then each service's own lock of its database (a service
  // started by systemd or by hand holds only that one). Held until done, so
  // nothing starts meanwhile.
  FileLock data_lock;
  if (Status st = FileLock::Acquire((fs::path(lock_dir) / "verkosto.lock").string(),
                                    "data directory " + lock_dir, &data_lock);
      !st.ok()) {
    return st.WithMessage(st.message() + ": the system is running; stop it before a restore");
  }
  std::vector<FileLock> db_locks;
  // Every service's, also with --only: the others must not run on a set
  // that changes under them either.
  for (const auto& [name, service] : system.services) {
    std::error_code ec;
    fs::create_directories(fs::path(service.database).parent_path(), ec);
    FileLock lock;
    if (Status st =
            FileLock::Acquire(service.database + ".lock", "database " + service.database, &lock);
        !st.ok()) {
      return st.WithMessage(st.message() + ": " + name + " is running; stop it before a restore");
    }
    db_locks.push_back(std::move(lock));
  }
  // First every copy beside its target, checked again; only then the renames,
  // so a failure before them leaves every database as it was.
  std::vector<std::pair<std::string, std::string>> staged;  // (staged, target)
  for (const pb::BackupDatabase* db : chosen) {
    const std::string target = system.services.at(db->service()).database;
    const std::string staging = target + ".restoring";
    VERKOSTO_RETURN_IF_ERROR(CopyFile((source / db->path()).string(), staging));
    chmod(staging.c_str(), 0600);
    uint64_t size = 0;
    auto sha = Sha256File(staging, &size);
    if (!sha.ok()) return sha.status();
    for (const pb::BackupFile& file : manifest->files()) {
      if (file.path() == db->path() && file.sha256() != *sha) {
        std::error_code ec;
        fs::remove(staging, ec);
        return Status::Unavailable(staging + ": the copy differs from the backup's " + db->path());
      }
    }
    staged.emplace_back(staging, target);
  }
  for (const auto& [staging, target] : staged) {
    // A -wal left from the old file would be replayed into the new one.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      std::error_code ec;
      fs::remove(target + suffix, ec);
      if (ec) return Status::Unavailable("cannot remove " + target + suffix + ": " + ec.message());
    }
    if (std::rename(staging.c_str(), target.c_str()) != 0) {
      return Status::Unavailable("cannot rename " + staging + " to " + target + ": " +
                                 std::strerror(errno));
    }
    VERKOSTO_RETURN_IF_ERROR(SyncPath(fs::path(target).parent_path().string()));
  }
  for (const pb::BackupDatabase* db : chosen) {
    std::printf("restored %-14s %s (epoch %s, outbox head %llu)\n", db->service().c_str(),
                system.services.at(db->service()).database.c_str(), db->epoch().c_str(),
                static_cast<unsigned long long>(db->outbox_head()));
  }
  if (!only.empty()) {
    std::printf(
        "only %s was restored: if the backup is older than the other databases, `verkosto "
        "status` will report it; restore the whole set from one backup then\n",
        only.c_str());
  }
  return Status::Ok();
}

}  // namespace

void AddBackupCommands(CLI::App& app, CliContext& ctx) {
  auto to = std::make_shared<std::string>();
  CLI::App* backup = app.add_subcommand(
      "backup", "Copy every service's database (online), the config and the public keys to DIR");
  backup->add_option("--to", *to, "A new (or empty) directory for the backup")->required();
  ctx.AddOperatorOptions(backup);
  ctx.OnRun(backup, [&ctx, to] {
    auto system = LoadRunningConfig(ctx.config_path(), ctx.data());
    if (!system.ok()) return CliContext::Fail(system.status());
    const std::string config_file = ctx.config_path().empty()
                                        ? (fs::path(ctx.data()) / kGeneratedConfig).string()
                                        : ctx.config_path();
    RestrictNewFilesToOwner();
    if (Status st = Backup(*system, config_file, *to); !st.ok()) return CliContext::Fail(st);
    return 0;
  });

  auto from = std::make_shared<std::string>();
  auto only = std::make_shared<std::string>();
  CLI::App* restore = app.add_subcommand(
      "restore", "Put the databases of a backup in place (the system must be stopped)");
  restore->add_option("--from", *from, "A directory written by `verkosto backup --to`")->required();
  restore->add_option("--only", *only,
                      "Restore this service's database alone (networks, nominations, "
                      "notifications, gateway)");
  ctx.AddOperatorOptions(restore);
  ctx.OnRun(restore, [&ctx, from, only] {
    auto system = RestoreTarget(ctx.config_path(), ctx.data());
    if (!system.ok()) return CliContext::Fail(system.status());
    const std::string lock_dir = ctx.config_path().empty() ? ctx.data() : system->data_dir;
    RestrictNewFilesToOwner();
    if (Status st = Restore(*system, lock_dir, *from, *only); !st.ok()) {
      return CliContext::Fail(st);
    }
    return 0;
  });
}

}  // namespace verkosto::cli
