#pragma once

// The map of the 45 areas on a page (issue 18, item 5): the marks of
// area_map_layout.h, placed from the built-in data/reference/area_positions.csv,
// each drawn as a shape that says its kind (not by colour alone), named by a
// <title> and linking to the area's row or page; with a legend. The page's
// table stays the text alternative. Rendered by templates/_area_map.mustache
// under the data key "map".

#include <map>
#include <string>
#include <vector>

#include "gateway/web/area_map_layout.h"
#include "gateway/web/i18n.h"
#include "gateway/web/page.h"

namespace verkosto::gateway::web {

// What a mark says. Each kind has its own shape and colour (style.css,
// `.mk-<name>`), and a message key `map_<name>` naming it.
enum class MapKind {
  // A network's matrix: the area's latest case.
  kMembers,        // members named (active memberships)
  kOpen,           // a request awaiting registration or a decision
  kOverdue,        // an open request past its deadline
  kDeclined,       // the leadership declined
  kNotTakingPart,  // the area decided not to take part in the network (rule 5)
  kNone,           // no request (or withdrawn)
  // The national view: memberships the area has named.
  kCount0,
  kCount1,  // 1-2
  kCount3,  // 3-5
  kCount6,  // 6 or more
};

// "members", "count_3", ...: the CSS class suffix and message key suffix.
std::string MapKindName(MapKind kind);

// The national view's kind for an area's number of memberships.
MapKind CountKind(unsigned memberships);

// One area's mark as the page wants it: its kind, the text after the area's
// name in its accessible name (e.g. the case's state), and its link (empty:
// none).
struct MapEntry {
  MapKind kind = MapKind::kNone;
  std::string name;    // the area's name in the page's language; empty: the town
  std::string detail;  // appended as "<name>: <kind> (<detail>)" when not empty
  std::string href;
};

// The marks of the built-in positions, laid out once (45 areas).
const std::vector<MapMark>& BuiltInAreaMap();

// The data of _area_map.mustache: `label` names the map; every built-in area
// gets a mark, `entries` by area code say what it shows (areas missing
// there show `missing`); `legend` lists the kinds to explain, in order, each
// with how many marks show it. Marks are listed north to south.
Data AreaMapData(const Catalogue& t, const std::string& label,
                 const std::map<std::string, MapEntry>& entries, MapKind missing,
                 const std::vector<MapKind>& legend);

}  // namespace verkosto::gateway::web
