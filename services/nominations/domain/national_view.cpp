#include "nominations/domain/national_view.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/text.h"

namespace verkosto::nominations {

namespace {

bool IsCurrent(NetworkStatus status) {
  return status == NetworkStatus::kProposed || status == NetworkStatus::kOpen;
}

bool Passes(const ViewFilter& filter, NetworkStatus status) {
  if (filter.statuses.empty()) return IsCurrent(status);
  return std::find(filter.statuses.begin(), filter.statuses.end(), status) != filter.statuses.end();
}

uint64_t HoursOf(const ViewNetwork& n) {
  return static_cast<uint64_t>(n.meetings_per_year) * n.hours_per_meeting_tenths;
}

}  // namespace

NationalView BuildNationalView(const std::vector<ViewNetwork>& networks,
                               const std::vector<AreaInfo>& areas,
                               const std::vector<ViewOpenCase>& open_cases,
                               const std::vector<ViewMembership>& memberships,
                               const ViewFilter& filter) {
  NationalView view;
  std::map<std::pair<NetworkCode, AreaCode>, size_t> at;
  std::map<AreaCode, size_t> burden_at;
  for (const AreaInfo& area : areas) {
    if (filter.area && area.code != *filter.area) continue;
    burden_at[area.code] = view.burdens.size();
    view.burdens.push_back(AreaLoad{area.code, 0, 0});
  }
  std::map<NetworkCode, const ViewNetwork*> by_code;
  for (size_t n = 0; n < networks.size(); ++n) {
    const ViewNetwork& network = networks[n];
    if (!Passes(filter, network.status)) continue;
    by_code[network.code] = &network;
    for (size_t a = 0; a < areas.size(); ++a) {
      if (filter.area && areas[a].code != *filter.area) continue;
      ViewCell cell;
      cell.network = network.code;
      cell.area = areas[a].code;
      cell.network_index = n;
      cell.area_index = a;
      const auto p = network.participation.find(areas[a].code);
      cell.participation = p == network.participation.end() ? Participation::kUndecided : p->second;
      at[{network.code, areas[a].code}] = view.cells.size();
      view.cells.push_back(std::move(cell));
    }
  }
  for (const ViewOpenCase& c : open_cases) {
    const auto it = at.find({c.network, c.area});
    if (it == at.end()) continue;
    ViewCell& cell = view.cells[it->second];
    ++cell.open_requests;
    if (c.overdue) ++cell.overdue;
  }
  // Members first, then deputies: two passes keep the input order in each.
  for (const bool deputies : {false, true}) {
    for (const ViewMembership& m : memberships) {
      if (m.deputy != deputies) continue;
      const auto it = at.find({m.network, m.area});
      if (it == at.end()) continue;
      ViewCell& cell = view.cells[it->second];
      cell.members.push_back(m.name);
      const uint64_t hours = HoursOf(*by_code.at(m.network));
      cell.hours_per_year_tenths += hours;
      AreaLoad& burden = view.burdens[burden_at.at(m.area)];
      ++burden.memberships;
      burden.hours_per_year_tenths += hours;
      ++view.national_memberships;
      view.national_hours_per_year_tenths += hours;
    }
  }
  return view;
}

std::string PersonKey(const ViewMembership& m) {
  if (!m.email.empty()) return text::AsciiLower(m.email);
  return m.name + "|" + m.area.value();
}

std::map<std::string, PersonNetworks> PersonLoads(const std::vector<ViewMembership>& memberships) {
  std::map<std::string, std::set<NetworkCode>> networks;
  std::map<std::string, PersonNetworks> loads;
  for (const ViewMembership& m : memberships) {
    const std::string key = PersonKey(m);
    networks[key].insert(m.network);
    PersonNetworks& load = loads[key];
    if (load.name.empty()) {
      load.name = m.name;
      load.area = m.area;
    }
  }
  for (auto& [key, load] : loads) load.networks = static_cast<uint32_t>(networks[key].size());
  return loads;
}

std::vector<PersonNetworks> BusiestPeople(const std::map<std::string, PersonNetworks>& loads,
                                          uint32_t at_least, size_t limit) {
  std::vector<PersonNetworks> out;
  for (const auto& [key, load] : loads) {
    if (load.networks >= at_least) out.push_back(load);
  }
  std::stable_sort(out.begin(), out.end(), [](const PersonNetworks& a, const PersonNetworks& b) {
    if (a.networks != b.networks) return a.networks > b.networks;
    return a.name < b.name;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<LoadWarningLine> LoadWarnings(const std::vector<ViewMembership>& started,
                                          const std::vector<ViewMembership>& current,
                                          uint32_t threshold) {
  std::vector<LoadWarningLine> out;
  if (threshold == 0) return out;
  const std::map<std::string, PersonNetworks> loads = PersonLoads(current);
  std::set<std::string> warned;
  for (const ViewMembership& m : started) {
    const std::string key = PersonKey(m);
    if (!warned.insert(key).second) continue;
    const auto it = loads.find(key);
    // The new membership counts even if `current` missed it.
    const uint32_t networks = it == loads.end() ? 1 : it->second.networks;
    if (networks >= threshold) out.push_back(LoadWarningLine{m.name, m.email, networks});
  }
  return out;
}

std::string_view NetworkStatusName(NetworkStatus status) {
  switch (status) {
    case NetworkStatus::kDraft:
      return "draft";
    case NetworkStatus::kProposed:
      return "proposed";
    case NetworkStatus::kOpen:
      return "open";
    case NetworkStatus::kClosed:
      return "closed";
    case NetworkStatus::kCancelled:
      return "cancelled";
  }
  return "draft";
}

std::optional<NetworkStatus> NetworkStatusFromName(std::string_view name) {
  for (const NetworkStatus s :
       {NetworkStatus::kDraft, NetworkStatus::kProposed, NetworkStatus::kOpen,
        NetworkStatus::kClosed, NetworkStatus::kCancelled}) {
    if (NetworkStatusName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view ParticipationName(Participation participation) {
  switch (participation) {
    case Participation::kUndecided:
      return "undecided";
    case Participation::kTakesPart:
      return "takes_part";
    case Participation::kDeclines:
      return "declines";
  }
  return "undecided";
}

}  // namespace verkosto::nominations
