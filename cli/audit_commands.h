#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto audit verify|witness|show` (operator commands; docs/architecture.md,
// "Tamper-evident audit"):
//  - verify [--data DIR]: opens every service's database read-only (running or
//    stopped system), recomputes every hash chain (each outbox, the gateway's
//    account_audit, each chain_witnesses), checks prune anchors against their
//    ChainPruned events, every witness row against the witnessed chain and
//    every consumer cursor against its producer's outbox. Prints one line per
//    chain; exit 0 when all is intact, else 4 with one line per problem naming
//    the database, table and first bad row.
//  - witness: asks every running service to witness the others' chain heads
//    now, and waits until each has recorded its round.
//  - show --case ID | --network CODE: the events of the networks, nominations
//    and notifications outboxes that concern it, in time order, each with its
//    service, type, actor, on whose behalf, principal and whether its chain
//    verified up to there.
void AddAuditCommands(CLI::App& app, CliContext& ctx);

// Exit code of `audit verify` when a chain or cross-reference is broken.
inline constexpr int kAuditBrokenExit = 4;

}  // namespace verkosto::cli
