#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto seed --scale N [--jobs J] [--data DIR | --config FILE]`: writes a
// realistic history into a running system through the services' own RPC
// commands (never SQL), for load tests and benchmarks. At N = 1 that is ten
// years of activity: 500 networks (drafts, cancelled, proposed, open and
// closed), every area's participation decision, 100 000 cases (sent, logged by
// the registry with diary numbers, approved with nominees or declined, some
// withdrawn, some deadlines extended, some members replaced), about 300 000
// memberships; everything scales linearly with N (0.001 is fine). The plan
// is seed_plan.h.
//
// Who acts: the seed speaks for invented people (a KEHA coordinator, each
// area's registry clerk and director), which only the gateway's principal
// may do (messaging/principal_policy.h: the operator principal carries the
// operator's actor alone, and no service lets the operator act in a person's
// role). So it loads the gateway's CURVE key from the system's keys
// directory: only whoever may read that key — the account the system runs
// as — can seed.
//
// Resumable: networks run in parallel (J at a time, one thread and client
// pair each). Each network's commands carry a fixed client id
// ("seed-<scale>-<index>") and ascending request ids from 1, so a command
// repeated by a resumed run is answered from the reply the service stored the
// first time (design.md, "Idempotency") and has no second effect; the
// services keep stored replies a day. DATA/seed.progress records the
// finished networks (fsynced), and a second run skips them and repeats the
// rest — after Ctrl-C or kill -9 alike; a run with another scale there is
// refused. --stop-after K (for tests) exits at once, as a kill would, after
// the K-th command of this run was answered.
//
// Progress on stderr: a bar redrawn in place on a terminal, otherwise a
// plain line every 10 s. At the end it waits until every consumer has
// applied every event and prints the totals (networks, cases, memberships,
// each service's outbox head and their sum as "events").
void AddSeedCommands(CLI::App& app, CliContext& ctx);

}  // namespace verkosto::cli
