#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.h"
#include "networks/domain/network.h"
#include "networks/domain/participation.h"

namespace verkosto::networks {

// What taking part costs an area (rule 7): staff hours a year.
//
// A network counts when the area's current decision is takes_part and the
// network is proposed or open: a proposed network's figure is what the area
// has committed to once it opens, and an area deciding on a proposal wants to
// see it; closed and cancelled networks cost nothing any more, and drafts
// are invisible to areas.
//
// Arithmetic is exact, in integer tenths of an hour (the unit of
// MeetingCadence::hours_per_meeting_tenths):
//   line  = (members + deputies) × meetings_per_year × hours_per_meeting_tenths
//   year  = Σ lines
//   month = year / 12, rounded half up to a tenth (the only rounding).
// Deputies count as full seats: a deputy is named, briefed and must be able
// to attend, so the area reserves the time.

struct BurdenLine {
  NetworkCode network;
  std::string network_name_fi;
  uint32_t seats = 0;  // members + deputies per area
  uint32_t meetings_per_year = 0;
  uint32_t hours_per_meeting_tenths = 0;
  uint64_t hours_per_year_tenths = 0;  // seats × meetings × tenths

  friend bool operator==(const BurdenLine&, const BurdenLine&) = default;
};

struct Burden {
  AreaCode area;
  std::vector<BurdenLine> lines;  // in the order of `networks`
  uint64_t hours_per_year_tenths = 0;
  uint64_t hours_per_month_tenths = 0;  // year / 12, rounded half up
};

// The burden of `area` from `networks` and the participation histories (of
// any networks and areas; the ones of `area` are used). Never fails.
Burden ComputeBurden(const AreaCode& area, const std::vector<Network>& networks,
                     const std::vector<ParticipationHistory>& histories);

// "12.5": tenths of an hour as decimal hours, for display.
std::string FormatTenths(uint64_t tenths);

}  // namespace verkosto::networks
