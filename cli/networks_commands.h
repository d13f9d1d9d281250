#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "cli_context.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::cli {

// `verkosto networks <subcommand>`: every operation of the networks service —
// areas (list, show, find, load, set-contacts), networks (list, show, create,
// update, propose, open, close, cancel), participate, comment, history,
// burden. Each prints a short summary, or the reply as JSON with --json. They
// act as the person logged in with `verkosto login` (or --token), through the
// gateway's JSON API; participation and comments are for that account's own
// area. `areas load` is the operator's (operator key, no login).
void AddNetworksCommands(CLI::App& app, CliContext& ctx);

// "12.5": tenths of an hour as hours with one decimal.
std::string Hours(uint64_t tenths);

// The human-readable forms printed without --json.
std::string FormatNetworkList(const networks::v1::ListNetworksResponse& list);
std::string FormatNetwork(const networks::v1::GetNetworkResponse& network);
std::string FormatBurden(const networks::v1::GetBurdenResponse& burden);

}  // namespace verkosto::cli
