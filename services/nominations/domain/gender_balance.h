#pragma once

#include <cstdint>
#include <vector>

#include "core/actor.h"
#include "nominations/domain/membership.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// The Equality Act (609/1986) 4 a §: in state committees, advisory boards and
// similar bodies women and men shall each be at least 40 % unless there are
// special reasons otherwise (docs/nominations.md, "Gender balance (Equality
// Act 4 a §)").
//
// Reading applied here:
//   - Members and deputies are assessed separately, each group on its own
//     (the ministry's guidance applies the quota to the members and to the
//     deputies separately); the body meets the rule when both groups do.
//   - At least 40 % means ceil(0.4 × n) of each, computed on integers so no
//     rounding of percentages can turn 39.9 % into 40 %. A group too small
//     to split 40/60 needs only the most even split it can have (at most
//     n / 2 of each): 1 + 2 of 3 meets it, a group of one always does.
//   - Not stated counts as unknown: the group meets the rule when it does
//     whatever the not-stated are, breaks it when it does whatever they are,
//     and otherwise "cannot be assessed".

// What a group's counts say about the rule.
enum class BalanceVerdict { kEmpty, kMeets, kBreaks, kCannotBeAssessed };

// "empty", "meets", "breaks", "cannot_be_assessed".
std::string_view BalanceVerdictName(BalanceVerdict verdict);

struct GenderCounts {
  uint32_t women = 0;
  uint32_t men = 0;
  uint32_t not_stated = 0;

  uint32_t total() const { return women + men + not_stated; }
  void Add(Gender g);

  friend bool operator==(const GenderCounts&, const GenderCounts&) = default;
};

// How many women and how many men a group of `total` needs: ceil(0.4 ×
// total), at most total / 2.
uint32_t RequiredEach(uint32_t total);

// `part` of `total` in whole percents, rounded half up; 0 when total is 0.
uint32_t Percent(uint32_t part, uint32_t total);

// The verdict on one group (see above).
BalanceVerdict Assess(const GenderCounts& counts);

// Two groups' verdicts as the body's: kBreaks if either breaks; else
// kCannotBeAssessed if either cannot be; else kEmpty if both are; else kMeets.
BalanceVerdict Combine(BalanceVerdict members, BalanceVerdict deputies);

struct GenderBalance {
  GenderCounts members;
  GenderCounts deputies;
  BalanceVerdict members_verdict = BalanceVerdict::kEmpty;
  BalanceVerdict deputies_verdict = BalanceVerdict::kEmpty;
  BalanceVerdict verdict = BalanceVerdict::kEmpty;
};

// The balance of a body whose memberships are `memberships`: the active ones
// count, by seat; ended ones are skipped.
GenderBalance BalanceOf(const std::vector<MembershipRecord>& memberships);

// May `actor` see the whole body's balance (GenderBalanceRequest)? KEHA, the
// system, and the leadership (director, deputy) of an area. Aggregate counts
// only; no one else.
bool MaySeeBalance(const Actor& actor);

}  // namespace verkosto::nominations
