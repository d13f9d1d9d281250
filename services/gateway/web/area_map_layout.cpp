#include "gateway/web/area_map_layout.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numbers>
#include <set>

namespace verkosto::gateway::web {

namespace {

constexpr std::string_view kSource = "area_positions.csv";

Status LineError(int line, std::string message) {
  return Status::InvalidArgument(std::string(kSource) + ":" + std::to_string(line),
                                 std::move(message));
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

bool ParseNumber(std::string_view text, double min, double max, double* out) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return false;
  if (!(value >= min && value <= max)) return false;
  *out = value;
  return true;
}

}  // namespace

Result<std::vector<AreaPosition>> ParseAreaPositions(std::string_view csv) {
  std::vector<AreaPosition> positions;
  std::set<std::string, std::less<>> seen;
  int line_number = 0;
  bool header_seen = false;
  size_t start = 0;
  while (start < csv.size()) {
    size_t end = csv.find('\n', start);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (!header_seen) {
      if (line != "area_code,town,lat,lon") {
        return LineError(line_number, "the header must be area_code,town,lat,lon");
      }
      header_seen = true;
      continue;
    }
    const std::vector<std::string_view> fields = SplitFields(line);
    if (fields.size() != 4) return LineError(line_number, "a line has four fields");
    AreaPosition p;
    p.area_code = std::string(fields[0]);
    p.town = std::string(fields[1]);
    if (p.area_code.empty()) return LineError(line_number, "area_code is empty");
    if (!seen.insert(p.area_code).second) {
      return LineError(line_number, "area_code " + p.area_code + " is repeated");
    }
    if (!ParseNumber(fields[2], -90, 90, &p.lat)) {
      return LineError(line_number, "lat is not a latitude");
    }
    if (!ParseNumber(fields[3], -180, 180, &p.lon)) {
      return LineError(line_number, "lon is not a longitude");
    }
    positions.push_back(std::move(p));
  }
  if (!header_seen) return LineError(1, "the header must be area_code,town,lat,lon");
  return positions;
}

std::vector<MapMark> LayOutAreaMap(const std::vector<AreaPosition>& positions,
                                   const MapLayoutOptions& options) {
  std::vector<AreaPosition> sorted = positions;
  std::sort(sorted.begin(), sorted.end(),
            [](const AreaPosition& a, const AreaPosition& b) { return a.area_code < b.area_code; });
  std::vector<MapMark> marks;
  if (sorted.empty()) return marks;
  marks.reserve(sorted.size());

  // Equirectangular projection around the middle latitude, north up, the
  // extremes fitted into the box less its padding and centred.
  double min_lat = sorted.front().lat;
  double max_lat = min_lat;
  double min_lon = sorted.front().lon;
  double max_lon = min_lon;
  for (const AreaPosition& p : sorted) {
    min_lat = std::min(min_lat, p.lat);
    max_lat = std::max(max_lat, p.lat);
    min_lon = std::min(min_lon, p.lon);
    max_lon = std::max(max_lon, p.lon);
  }
  const double shrink = std::cos((min_lat + max_lat) / 2 * std::numbers::pi / 180);
  const double span_x = (max_lon - min_lon) * shrink;
  const double span_y = max_lat - min_lat;
  const double inner_w = std::max(0.0, options.width - 2 * options.padding);
  const double inner_h = std::max(0.0, options.height - 2 * options.padding);
  double scale = std::numeric_limits<double>::max();
  if (span_x > 0) scale = std::min(scale, inner_w / span_x);
  if (span_y > 0) scale = std::min(scale, inner_h / span_y);
  if (scale == std::numeric_limits<double>::max()) scale = 0;  // one place only
  for (const AreaPosition& p : sorted) {
    MapMark m;
    m.area_code = p.area_code;
    m.town = p.town;
    m.x = options.width / 2 + ((p.lon - min_lon) * shrink - span_x / 2) * scale;
    m.y = options.height / 2 + ((max_lat - p.lat) - span_y / 2) * scale;
    marks.push_back(std::move(m));
  }

  // Relaxation: every pair closer than `least` moves apart along the line
  // between them, each half the shortfall (and a hair more, so that the loop
  // ends), in a fixed order; coincident marks part in a direction fixed by
  // their index. Only overlapping marks move, so the rest keep their place.
  const double r = options.mark_radius;
  const double least = 2 * r + options.gap;
  const auto clamp = [&](MapMark& m) {
    m.x = std::clamp(m.x, r, std::max(r, options.width - r));
    m.y = std::clamp(m.y, r, std::max(r, options.height - r));
  };
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    bool moved = false;
    for (size_t i = 0; i < marks.size(); ++i) {
      for (size_t j = i + 1; j < marks.size(); ++j) {
        MapMark& a = marks[i];
        MapMark& b = marks[j];
        double dx = b.x - a.x;
        double dy = b.y - a.y;
        const double d = std::hypot(dx, dy);
        if (d >= least) continue;
        if (d < 1e-9) {
          const double angle = static_cast<double>(j) * 2.399963229728653;  // golden angle
          dx = std::cos(angle);
          dy = std::sin(angle);
        } else {
          dx /= d;
          dy /= d;
        }
        const double push = (least - d) / 2 + 1e-3;
        a.x -= dx * push;
        a.y -= dy * push;
        b.x += dx * push;
        b.y += dy * push;
        clamp(a);
        clamp(b);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return marks;
}

double SmallestSeparation(const std::vector<MapMark>& marks) {
  double least = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < marks.size(); ++i) {
    for (size_t j = i + 1; j < marks.size(); ++j) {
      least = std::min(least, std::hypot(marks[j].x - marks[i].x, marks[j].y - marks[i].y));
    }
  }
  return least;
}

}  // namespace verkosto::gateway::web
