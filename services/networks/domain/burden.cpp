#include "networks/domain/burden.h"

namespace verkosto::networks {

Burden ComputeBurden(const AreaCode& area, const std::vector<Network>& networks,
                     const std::vector<ParticipationHistory>& histories) {
  Burden burden;
  burden.area = area;
  for (const Network& network : networks) {
    if (network.status != NetworkStatus::kProposed && network.status != NetworkStatus::kOpen) {
      continue;
    }
    bool takes_part = false;
    for (const ParticipationHistory& history : histories) {
      if (history.network == network.code() && history.area == area) {
        takes_part = TakesPart(history);
      }
    }
    if (!takes_part) continue;
    const NetworkDefinition& d = network.definition;
    BurdenLine line{network.code(),
                    d.names.fi,
                    d.seats_per_area.total(),
                    d.cadence.meetings_per_year,
                    d.cadence.hours_per_meeting_tenths,
                    0};
    line.hours_per_year_tenths =
        uint64_t{line.seats} * line.meetings_per_year * line.hours_per_meeting_tenths;
    burden.hours_per_year_tenths += line.hours_per_year_tenths;
    burden.lines.push_back(std::move(line));
  }
  burden.hours_per_month_tenths = (burden.hours_per_year_tenths + 6) / 12;
  return burden;
}

std::string FormatTenths(uint64_t tenths) {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

}  // namespace verkosto::networks
