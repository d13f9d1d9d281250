#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nominations/domain/read_models.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// The national view (issue 17, item 5): every area x every network, with the
// area's participation decision, the members it named, its open requests and
// the overdue ones; the burden of each area from its ACTUAL memberships and
// the network's meeting cadence, with a national total; and each person's
// load (how many current networks they sit in). Pure: the handler reads the
// inputs from the read model and the cases, and pages the cells.
//
// Burden arithmetic is exact, in tenths of an hour (the unit of the network's
// cadence): a membership costs meetings_per_year x hours_per_meeting_tenths
// a year; a deputy counts as a full membership (named, briefed and able to
// attend, as in the networks service's seat-based figure).
// "Current" networks are the proposed and open ones: closed and cancelled
// ones cost nothing any more.

// A network as the view needs it.
struct ViewNetwork {
  NetworkCode code;
  std::string name_fi;
  std::string name_sv;
  NetworkStatus status = NetworkStatus::kDraft;
  uint32_t meetings_per_year = 0;
  uint32_t hours_per_meeting_tenths = 0;
  std::map<AreaCode, Participation> participation;  // areas absent = undecided
};

// An undecided case, as counted.
struct ViewOpenCase {
  NetworkCode network;
  AreaCode area;
  bool overdue = false;
};

// An active membership.
struct ViewMembership {
  NetworkCode network;
  AreaCode area;
  std::string name;
  std::string email;  // may be empty (removed by retention, or a letter without one)
  bool deputy = false;
};

struct ViewFilter {
  // Empty: proposed and open.
  std::vector<NetworkStatus> statuses;
  std::optional<AreaCode> area;
};

struct ViewCell {
  NetworkCode network;
  AreaCode area;
  size_t network_index = 0;  // into the networks given
  size_t area_index = 0;     // into the areas given (the directory's order)
  Participation participation = Participation::kUndecided;
  std::vector<std::string> members;  // members first, then deputies, in input order
  uint32_t open_requests = 0;
  uint32_t overdue = 0;
  uint64_t hours_per_year_tenths = 0;

  friend bool operator==(const ViewCell&, const ViewCell&) = default;
};

struct AreaLoad {
  AreaCode area;
  uint32_t memberships = 0;
  uint64_t hours_per_year_tenths = 0;

  friend bool operator==(const AreaLoad&, const AreaLoad&) = default;
};

struct PersonNetworks {
  std::string name;
  AreaCode area;
  uint32_t networks = 0;

  friend bool operator==(const PersonNetworks&, const PersonNetworks&) = default;
};

struct NationalView {
  // Networks (in the order given, filtered) x areas (directory order, filtered).
  std::vector<ViewCell> cells;
  // Every area of the filter, in directory order, with its burden.
  std::vector<AreaLoad> burdens;
  uint64_t national_hours_per_year_tenths = 0;
  uint32_t national_memberships = 0;
};

// The cells and burdens of the networks and areas that pass `filter`.
NationalView BuildNationalView(const std::vector<ViewNetwork>& networks,
                               const std::vector<AreaInfo>& areas,
                               const std::vector<ViewOpenCase>& open_cases,
                               const std::vector<ViewMembership>& memberships,
                               const ViewFilter& filter);

// Who a membership's person is: the lower-cased e-mail, or (without one)
// "name|area".
std::string PersonKey(const ViewMembership& m);

// The number of distinct current networks each person sits in, keyed by
// PersonKey. `memberships` must be the active ones of current networks.
std::map<std::string, PersonNetworks> PersonLoads(const std::vector<ViewMembership>& memberships);

// The people in at least `at_least` networks, most first (then by name),
// at most `limit`.
std::vector<PersonNetworks> BusiestPeople(const std::map<std::string, PersonNetworks>& loads,
                                          uint32_t at_least, size_t limit);

// The approval warning: for each nominee just named in `network` (given by
// the memberships the approval started), the number of distinct current
// networks they now sit in, counting `network`; a warning when that reaches
// `threshold` (0 = never warn). `current` are the active memberships of
// current networks, the new ones included.
struct LoadWarningLine {
  std::string name;
  std::string email;
  uint32_t networks = 0;

  friend bool operator==(const LoadWarningLine&, const LoadWarningLine&) = default;
};
std::vector<LoadWarningLine> LoadWarnings(const std::vector<ViewMembership>& started,
                                          const std::vector<ViewMembership>& current,
                                          uint32_t threshold);

// "draft", "proposed", ...: NetworkStatus and Participation as the API names them.
std::string_view NetworkStatusName(NetworkStatus status);
std::optional<NetworkStatus> NetworkStatusFromName(std::string_view name);
std::string_view ParticipationName(Participation participation);

}  // namespace verkosto::nominations
