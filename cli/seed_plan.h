#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"

namespace verkosto::cli {

// What `verkosto seed --scale N` writes, decided before anything is sent and
// the same on every run: the plan of each network is a function of the scale,
// the network's index and "today" only, and the fate of each case a hash of
// (network index, case number). A resumed run therefore repeats exactly the
// commands of the interrupted one (see seed_commands.h for how a repeated
// command is answered without a second effect).

// The totals of scale 1, "ten years of activity" (issue 16, item 2).
inline constexpr int kNetworksAtScale1 = 500;
inline constexpr int64_t kCasesAtScale1 = 100000;

// What happens to a network in the history.
enum class NetworkFate {
  kDraft,      // created, never published
  kCancelled,  // proposed, then cancelled
  kProposed,   // proposed, the areas decided participation, not opened yet
  kOpen,       // opened, its term runs on past today; cases decided
  kClosed,     // opened, cases decided, its term ended before today: closed
};

// Names of one network (Finnish, Swedish, English).
struct NetworkNames {
  std::string fi;
  std::string sv;
  std::string en;
};

struct NetworkPlan {
  int index = 0;
  NetworkFate fate = NetworkFate::kDraft;
  // "<theme>-<start year>-<index>", a slug unique within the seed.
  std::string code;
  NetworkNames names;
  Date term_start{};
  Date term_end{};
  // Cases this network's requests create in all (opened networks only),
  // replacement cases included.
  int cases = 0;
  // Of `cases`, how many are replacements of a member named earlier.
  int replacement_cases = 0;
};

// What one case of a nomination request comes to.
enum class CaseFate {
  kWithdrawnUnregistered,  // KEHA withdraws it before the registry logs it
  kWithdrawnRegistered,    // registered, then withdrawn before a decision
  kDeclined,               // registered, declined by the leadership
  kApproved,               // registered, approved with nominees
};

struct CasePlan {
  CaseFate fate = CaseFate::kApproved;
  // KEHA moves the deadline later once before the registry logs the case.
  bool deadline_extended = false;
  // Nominees of an approval: 2 members and 1 or 2 deputies (4 seats asked).
  int nominees = 0;
  // Days from the day it is sent to its deadline (21..60).
  int deadline_days = 0;
};

// The whole seed at one scale.
struct SeedPlan {
  double scale = 0;
  int networks = 0;
  int64_t cases = 0;
  // Expected totals over all networks (what the services must hold after a
  // complete run, resumed or not).
  int64_t expected_memberships = 0;
  int opened_networks = 0;
};

// The plan at `scale` (> 0): networks = round(500 N), at least 1; cases =
// round(100 000 N), spread evenly over the networks that open.
SeedPlan MakeSeedPlan(double scale);

// Network `index` of `plan` as seen on `today` (Helsinki): every 20th is a
// draft, a cancelled or a proposed one; the others open, with terms of two
// to four years starting spread over the ten years before today, so most have
// ended (closed) and the latest still run (open).
NetworkPlan PlanNetwork(const SeedPlan& plan, int index, const Date& today);

// Case `number` (from 0, in the order the network's requests create them) of
// network `index`.
CasePlan PlanCase(int index, int number);

// True when area number `area` (0..44, in the directory's order) declines to
// take part in network `index` (about 8 %).
bool AreaDeclines(int index, int area);

// Memberships that network `plan` starts in all: its approved nominations'
// nominees and one per replacement.
int64_t PlannedMemberships(const NetworkPlan& plan);

// An invented person for nominee `n` of case `number` of network `index`:
// a name, a work e-mail at `area` ("first.last.<index>-<number>-<n>@<area>.example"),
// unique across the seed.
struct SeedPerson {
  std::string name;
  std::string email;
  std::string title;
};
SeedPerson PlanPerson(int index, int number, int n, const std::string& area);

}  // namespace verkosto::cli
