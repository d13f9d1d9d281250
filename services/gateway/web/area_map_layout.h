#pragma once

// The schematic map of the 45 employment areas (issue 18, item 5): where each
// area's mark goes in the SVG. Pure: no I/O, no HTML; the pages colour and
// draw the marks (area_map.h).
//
// The layout is a projected dot layout: each area's main town (lat, lon) is
// projected equirectangularly (longitude shortened by the cosine of the
// middle latitude, north up) into the view box, then a deterministic
// relaxation pushes apart every two marks closer than a mark's diameter plus
// a gap (the capital region's areas are a few kilometres apart), keeping the
// marks inside the view box.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace verkosto::gateway::web {

// One area's main town (a row of data/reference/area_positions.csv).
struct AreaPosition {
  std::string area_code;
  std::string town;
  double lat = 0;
  double lon = 0;
};

// Parses area_positions.csv: the header `area_code,town,lat,lon`, then one
// area a line (LF or CRLF; no quoted fields). InvalidArgument, with field
// "area_positions.csv:<line>", when the header differs, a line has not four
// fields, a code is empty or repeated, or a coordinate is not a number in
// range (lat -90..90, lon -180..180).
Result<std::vector<AreaPosition>> ParseAreaPositions(std::string_view csv);

struct MapLayoutOptions {
  double width = 360;
  double height = 640;
  // Free space between the projected extremes and the view box's edge.
  double padding = 24;
  // A mark fits in a circle of this radius around its centre.
  double mark_radius = 8;
  // The least free space between two marks.
  double gap = 3;
  int max_iterations = 2000;
};

// One placed mark: the centre of the area's mark in view-box units.
struct MapMark {
  std::string area_code;
  std::string town;
  double x = 0;
  double y = 0;
};

// Places one mark per position. The result is sorted by area code and does
// not depend on the order of `positions`. When there is room (the 45 areas in
// the default 360 x 640 box), no two centres are closer than
// 2 * mark_radius + gap and every mark lies inside [0, width] x [0, height].
// Empty input gives an empty layout.
std::vector<MapMark> LayOutAreaMap(const std::vector<AreaPosition>& positions,
                                   const MapLayoutOptions& options = {});

// The least distance between two marks' centres (infinity for fewer than two).
double SmallestSeparation(const std::vector<MapMark>& marks);

}  // namespace verkosto::gateway::web
