#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// The read model of what networks decides, fed by its events: the codec
// builds these from networks' messages and the storage layer keeps them
// (storage/nomination_repository.h).

// What the read model keeps of one network (fed by networks events).
struct NetworkInfo {
  NetworkCode code;
  NetworkStatus status = NetworkStatus::kDraft;
  std::optional<Date> term_start;
  std::optional<Date> term_end;
  std::string name_fi;
  std::string name_sv;
  Seats seats;                       // per area, as the network defines them
  std::vector<std::string> goals{};  // in the network's order
  // The meeting cadence (the national view's burden, schema/0013).
  uint32_t meetings_per_year = 0;
  uint32_t hours_per_meeting_tenths = 0;
  // A pending renewal's next term (schema/0014); unset when none is pending.
  std::optional<Date> next_term_start{};
  std::optional<Date> next_term_end{};
  // The communication plan (schema/0020; the request letter states it): who
  // is informed, through which channels, how often and who keeps it.
  std::vector<std::string> plan_audiences{};
  std::vector<std::string> plan_channels{};
  std::string plan_cadence{};
  std::string plan_responsible{};
};

// One area of the directory, as the read model keeps it.
struct AreaInfo {
  AreaCode code;
  std::string name_fi;
  std::string name_sv;
  // Official languages in the directory's order, e.g. {"fi", "sv"}
  // (schema/0018; the formal letters' languages, letters.h).
  std::vector<std::string> languages{};
};

}  // namespace verkosto::nominations
