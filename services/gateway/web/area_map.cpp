#include "gateway/web/area_map.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace verkosto::gateway::web {

namespace {

// data/reference/area_positions.csv, built in (CMakeLists.txt).
constexpr char kAreaPositionsCsv[] = {
#include "area_positions.csv.inc"
};

// `v` with one decimal, as SVG coordinates need no more.
std::string Num(double v) {
  std::array<char, 32> buf{};
  const auto [end, ec] =
      std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed, 1);
  if (ec != std::errc()) return "0";
  return {buf.data(), end};
}

// The shape of `kind` centred on (x, y), as one SVG path inside a circle of
// radius 8 (the layout's mark_radius): circle, diamond, triangle, square, bar
// or ring, so that no kind is told by its colour alone.
std::string ShapePath(MapKind kind, double x, double y) {
  const auto circle = [&](double r) {
    return "M" + Num(x - r) + "," + Num(y) + "a" + Num(r) + "," + Num(r) + " 0 1,0 " + Num(2 * r) +
           ",0a" + Num(r) + "," + Num(r) + " 0 1,0 " + Num(-2 * r) + ",0Z";
  };
  const auto diamond = [&] {
    return "M" + Num(x) + "," + Num(y - 8) + "L" + Num(x + 8) + "," + Num(y) + "L" + Num(x) + "," +
           Num(y + 8) + "L" + Num(x - 8) + "," + Num(y) + "Z";
  };
  const auto square = [&] { return "M" + Num(x - 5.6) + "," + Num(y - 5.6) + "h11.2v11.2h-11.2Z"; };
  switch (kind) {
    case MapKind::kMembers:
    case MapKind::kCount1:
      return circle(7);
    case MapKind::kOpen:
    case MapKind::kCount3:
      return diamond();
    case MapKind::kOverdue:
      return "M" + Num(x) + "," + Num(y - 8) + "L" + Num(x + 6.9) + "," + Num(y + 4) + "L" +
             Num(x - 6.9) + "," + Num(y + 4) + "Z";
    case MapKind::kDeclined:
    case MapKind::kCount6:
      return square();
    case MapKind::kNotTakingPart:  // a bar, as a "no entry" sign
      return "M" + Num(x - 8) + "," + Num(y - 3) + "h16v6h-16Z";
    case MapKind::kNone:
    case MapKind::kCount0:
      return circle(6);  // drawn as a ring (style.css)
  }
  return circle(6);
}

Data Shape(MapKind kind, double x, double y) {
  Data d = Object();
  d.set("kind", MapKindName(kind));
  d.set("d", ShapePath(kind, x, y));
  return d;
}

}  // namespace

std::string MapKindName(MapKind kind) {
  switch (kind) {
    case MapKind::kMembers:
      return "members";
    case MapKind::kOpen:
      return "open";
    case MapKind::kOverdue:
      return "overdue";
    case MapKind::kDeclined:
      return "declined";
    case MapKind::kNotTakingPart:
      return "not_taking_part";
    case MapKind::kNone:
      return "none";
    case MapKind::kCount0:
      return "count_0";
    case MapKind::kCount1:
      return "count_1";
    case MapKind::kCount3:
      return "count_3";
    case MapKind::kCount6:
      return "count_6";
  }
  return "none";
}

MapKind CountKind(unsigned memberships) {
  if (memberships == 0) return MapKind::kCount0;
  if (memberships <= 2) return MapKind::kCount1;
  if (memberships <= 5) return MapKind::kCount3;
  return MapKind::kCount6;
}

const std::vector<MapMark>& BuiltInAreaMap() {
  static const std::vector<MapMark> kMarks = [] {
    Result<std::vector<AreaPosition>> positions =
        ParseAreaPositions(std::string_view(kAreaPositionsCsv, sizeof(kAreaPositionsCsv) - 1));
    // The file is checked by the map's tests; a broken one draws no map.
    return positions.ok() ? LayOutAreaMap(*positions) : std::vector<MapMark>{};
  }();
  return kMarks;
}

Data AreaMapData(const Catalogue& t, const std::string& label,
                 const std::map<std::string, MapEntry>& entries, MapKind missing,
                 const std::vector<MapKind>& legend) {
  std::vector<const MapMark*> order;
  order.reserve(BuiltInAreaMap().size());
  for (const MapMark& m : BuiltInAreaMap()) order.push_back(&m);
  // North to south, then west to east: the reading order of the list.
  std::stable_sort(order.begin(), order.end(), [](const MapMark* a, const MapMark* b) {
    if (a->y != b->y) return a->y < b->y;
    return a->x < b->x;
  });
  std::map<MapKind, int> counts;
  Data marks = List();
  for (const MapMark* m : order) {
    const auto found = entries.find(m->area_code);
    MapEntry e;
    if (found != entries.end()) {
      e = found->second;
    } else {
      e.kind = missing;
    }
    ++counts[e.kind];
    std::string title =
        (e.name.empty() ? m->town : e.name) + ": " + t.Get("map_" + MapKindName(e.kind));
    if (!e.detail.empty()) title += " (" + e.detail + ")";
    Data d = Shape(e.kind, m->x, m->y);
    d.set("code", m->area_code);
    d.set("title", title);
    d.set("href", e.href);
    d.set("has_href", !e.href.empty());
    marks.push_back(d);
  }
  Data keys = List();
  for (MapKind kind : legend) {
    Data d = Shape(kind, 0, 0);
    d.set("label", t.Get("map_" + MapKindName(kind)));
    d.set("count", std::to_string(counts[kind]));
    keys.push_back(d);
  }
  Data map = Object();
  map.set("label", label);
  map.set("marks", marks);
  map.set("legend", keys);
  map.set("count", std::to_string(order.size()));
  return map;
}

}  // namespace verkosto::gateway::web
