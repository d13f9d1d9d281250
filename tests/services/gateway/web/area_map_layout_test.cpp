// The map's layout (issue 18, item 5) on the real data/reference/area_positions.csv:
// every area placed, no two marks overlapping, inside the view box, north up,
// the same layout every time.
#include "gateway/web/area_map_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace verkosto::gateway::web {
namespace {

std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(VERKOSTO_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<AreaPosition> RealPositions() {
  Result<std::vector<AreaPosition>> parsed =
      ParseAreaPositions(ReadSourceFile("data/reference/area_positions.csv"));
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : std::vector<AreaPosition>{};
}

std::map<std::string, MapMark> ByCode(const std::vector<MapMark>& marks) {
  std::map<std::string, MapMark> by_code;
  for (const MapMark& m : marks) by_code[m.area_code] = m;
  return by_code;
}

TEST(AreaMapLayoutTest, ThePositionsNameEveryAreaOfTheDirectoryOnce) {
  const std::vector<AreaPosition> positions = RealPositions();
  ASSERT_EQ(positions.size(), 45u);
  // The same 45 codes as the area directory (employment_areas.csv).
  std::set<std::string> directory;
  std::istringstream areas(ReadSourceFile("data/reference/employment_areas.csv"));
  std::string line;
  std::getline(areas, line);  // header
  while (std::getline(areas, line)) {
    if (!line.empty()) directory.insert(line.substr(0, line.find(',')));
  }
  std::set<std::string> placed;
  for (const AreaPosition& p : positions) placed.insert(p.area_code);
  EXPECT_EQ(placed, directory);
}

TEST(AreaMapLayoutTest, PlacesAllFortyFiveAreasWithoutOverlap) {
  const MapLayoutOptions options;
  const std::vector<MapMark> marks = LayOutAreaMap(RealPositions(), options);
  ASSERT_EQ(marks.size(), 45u);
  // Distance between centres at least a mark's diameter (plus the gap).
  EXPECT_GE(SmallestSeparation(marks), 2 * options.mark_radius + options.gap - 1e-9);
}

TEST(AreaMapLayoutTest, KeepsEveryMarkInsideTheViewBox) {
  const MapLayoutOptions options;
  for (const MapMark& m : LayOutAreaMap(RealPositions(), options)) {
    EXPECT_GE(m.x - options.mark_radius, 0) << m.area_code;
    EXPECT_LE(m.x + options.mark_radius, options.width) << m.area_code;
    EXPECT_GE(m.y - options.mark_radius, 0) << m.area_code;
    EXPECT_LE(m.y + options.mark_radius, options.height) << m.area_code;
  }
}

TEST(AreaMapLayoutTest, IsTheSameWhateverTheInputOrder) {
  std::vector<AreaPosition> positions = RealPositions();
  const std::vector<MapMark> first = LayOutAreaMap(positions);
  std::reverse(positions.begin(), positions.end());
  const std::vector<MapMark> again = LayOutAreaMap(positions);
  ASSERT_EQ(first.size(), again.size());
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].area_code, again[i].area_code);
    EXPECT_EQ(first[i].x, again[i].x) << first[i].area_code;
    EXPECT_EQ(first[i].y, again[i].y) << first[i].area_code;
  }
}

TEST(AreaMapLayoutTest, KeepsNorthUpAndWestLeft) {
  const std::map<std::string, MapMark> at = ByCode(LayOutAreaMap(RealPositions()));
  // Lapland above Oulu above Tampere above the capital region.
  for (const char* lapland : {"tunturi-lappi-pello", "pohjois-ja-ita-lappi", "rovaseutu"}) {
    for (const char* uusimaa : {"helsinki", "vantaa", "espoo-kauniainen", "kerava-sipoo",
                                "keski-uusimaa", "porvoo", "raasepori-hanko-inkoo"}) {
      EXPECT_LT(at.at(lapland).y, at.at(uusimaa).y) << lapland << " / " << uusimaa;
    }
    EXPECT_LT(at.at(lapland).y, at.at("oulu").y) << lapland;
  }
  EXPECT_LT(at.at("oulu").y, at.at("tampere").y);
  EXPECT_LT(at.at("tampere").y, at.at("helsinki").y);
  // Vaasa west of Joensuu, Turku west of Helsinki, Helsinki west of Porvoo.
  EXPECT_LT(at.at("pohjanmaa").x, at.at("pohjois-karjala").x);
  EXPECT_LT(at.at("turku").x, at.at("helsinki").x);
  EXPECT_LT(at.at("helsinki").x, at.at("porvoo").x);
  // The capital region stays near Helsinki: within a few marks of it.
  for (const char* near : {"vantaa", "espoo-kauniainen", "kerava-sipoo", "keski-uusimaa"}) {
    EXPECT_LT(std::hypot(at.at(near).x - at.at("helsinki").x, at.at(near).y - at.at("helsinki").y),
              60)
        << near;
  }
}

TEST(AreaMapLayoutTest, PartsMarksAtTheSamePlace) {
  const std::vector<AreaPosition> same = {
      {"a", "A", 60.0, 25.0}, {"b", "B", 60.0, 25.0}, {"c", "C", 60.0, 25.0}};
  const MapLayoutOptions options;
  const std::vector<MapMark> marks = LayOutAreaMap(same, options);
  ASSERT_EQ(marks.size(), 3u);
  EXPECT_GE(SmallestSeparation(marks), 2 * options.mark_radius + options.gap - 1e-9);
}

TEST(AreaMapLayoutTest, EmptyInputGivesNoMarks) { EXPECT_TRUE(LayOutAreaMap({}).empty()); }

TEST(AreaMapLayoutTest, ParsesTheHeaderAndCrlfLines) {
  Result<std::vector<AreaPosition>> parsed =
      ParseAreaPositions("area_code,town,lat,lon\r\nhelsinki,Helsinki,60.17,24.94\r\n\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].area_code, "helsinki");
  EXPECT_EQ((*parsed)[0].town, "Helsinki");
  EXPECT_DOUBLE_EQ((*parsed)[0].lat, 60.17);
  EXPECT_DOUBLE_EQ((*parsed)[0].lon, 24.94);
}

TEST(AreaMapLayoutTest, RefusesABadFileNamingTheLine) {
  const std::map<std::string, std::string> bad = {
      {"", "area_positions.csv:1"},
      {"code,town,lat,lon\n", "area_positions.csv:1"},
      {"area_code,town,lat,lon\nhelsinki,Helsinki,60.17\n", "area_positions.csv:2"},
      {"area_code,town,lat,lon\n,Helsinki,60.17,24.94\n", "area_positions.csv:2"},
      {"area_code,town,lat,lon\nhelsinki,Helsinki,sixty,24.94\n", "area_positions.csv:2"},
      {"area_code,town,lat,lon\nhelsinki,Helsinki,60.17,240\n", "area_positions.csv:2"},
      {"area_code,town,lat,lon\na,A,60,25\na,A,61,25\n", "area_positions.csv:3"},
  };
  for (const auto& [text, field] : bad) {
    Result<std::vector<AreaPosition>> parsed = ParseAreaPositions(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument) << text;
    EXPECT_EQ(parsed.status().field(), field) << text;
  }
}

}  // namespace
}  // namespace verkosto::gateway::web
