// verkosto: starts the system locally and offers its operations for scripts.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "audit_commands.h"
#include "backup_commands.h"
#include "cli_context.h"
#include "diag_commands.h"
#include "keys_commands.h"
#include "login_commands.h"
#include "networks_commands.h"
#include "nominations_commands.h"
#include "notifications_commands.h"
#include "seed_commands.h"
#include "system_commands.h"
#include "users_commands.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{"verkosto: national networks and nominations of Finland's employment areas",
               "verkosto"};
  app.require_subcommand(1);
  verkosto::cli::CliContext ctx;
  verkosto::cli::AddSystemCommands(app, ctx);
  verkosto::cli::AddAuditCommands(app, ctx);
  verkosto::cli::AddDiagCommands(app, ctx);
  verkosto::cli::AddKeysCommands(app, ctx);
  verkosto::cli::AddLoginCommands(app, ctx);
  verkosto::cli::AddNetworksCommands(app, ctx);
  verkosto::cli::AddNominationsCommands(app, ctx);
  verkosto::cli::AddNotificationsCommands(app, ctx);
  verkosto::cli::AddSeedCommands(app, ctx);
  verkosto::cli::AddUsersCommands(app, ctx);
  verkosto::cli::AddBackupCommands(app, ctx);  // issue 20: backup and restore
  CLI11_PARSE(app, argc, argv);
  return ctx.RunParsed();
}

}  // namespace

int main(int argc, char** argv) {
  // One catch-all at the edge: a command reports what went wrong and exits 1.
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "verkosto: %s\n", e.what());
    return 1;
  }
}
