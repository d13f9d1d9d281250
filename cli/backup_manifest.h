#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "verkosto/common/v1/backup.pb.h"
#include "verkosto/common/v1/health.pb.h"

namespace verkosto::cli {

// What `verkosto backup` writes and `verkosto restore` checks: the
// manifest's rules and the consistency of a set of database copies, without
// files or sockets (backup_commands.cpp does the I/O).

// The layout version of a backup this program writes and restores.
inline constexpr uint32_t kBackupFormatVersion = 1;
// The manifest's name inside a backup directory.
inline constexpr char kManifestFile[] = "manifest.json";

// The manifest as indented JSON (protobuf's JSON mapping).
std::string ManifestJson(const common::v1::BackupManifest& manifest);

// Parses and checks a manifest: the format version this program knows,
// every file path relative and inside the backup (no "..", not absolute),
// listed once, with a 64-digit lower-case hex SHA-256, no secret key file
// (*.key); every database named once and its path among the files.
// Errors: invalid_argument naming the field ("manifest.json: files[2].sha256").
Result<common::v1::BackupManifest> ParseManifest(const std::string& json);

// Why the set of database copies in `manifest` would not start consistent:
// a consumer's cursor ahead of its producer's copied outbox head (its
// events would be missing), or a witness of a peer's chain row the peer's
// copy does not have yet (audit verify would call the history truncated).
// Producers not in the set and cursors of another epoch are not compared.
// Empty when consistent.
std::vector<std::string> ConsistencyProblems(const common::v1::BackupManifest& manifest);

// What the operator must do about one service's database.
struct Advice {
  std::string service;  // whose database it is (the producer)
  std::string text;     // one sentence, naming the consumer and the numbers
};

// For `verkosto status`: one piece of advice per stream whose producer is
// behind what its consumer already applied (same epoch, cursor > the
// producer's outbox head) or whose producer's database was replaced
// (another epoch). Only reachable services are compared. Empty when no
// service looks restored on its own.
std::vector<Advice> RestoreAdvice(const common::v1::SystemHealth& health);

}  // namespace verkosto::cli
