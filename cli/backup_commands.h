#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto backup --to DIR` and `verkosto restore --from DIR` (deploy/README.md,
// "Backup and restore"):
//  - backup copies every service's database online with SQLite's backup API,
//    as one consistent set (no consumer's cursor ahead of its producer's copy,
//    no witness of a row its peer's copy lacks), plus the config and the
//    keys' public halves (never a secret *.key), and writes manifest.json with
//    each file's size and SHA-256 and each database's epoch, outbox head and
//    cursors. It writes into a temporary directory beside DIR and renames it
//    at the end: a cut-off backup leaves nothing named DIR.
//  - restore refuses a running system (the data directory's lock and each
//    database's), checks the manifest and every checksum before it touches
//    anything, then replaces each database file atomically (stale -wal/-shm
//    removed). --only SERVICE restores one database.
void AddBackupCommands(CLI::App& app, CliContext& ctx);

}  // namespace verkosto::cli
