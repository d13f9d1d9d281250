// The real reference files shipped in data/reference/ load completely.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "networks/domain/area_directory.h"

namespace verkosto::networks {
namespace {

std::string ReadFile(const std::string& relative) {
  std::ifstream in(std::string(VERKOSTO_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Result<AreaDirectory> LoadReal() {
  return ParseAreaDirectory(ReadFile("data/reference/employment_areas.csv"),
                            ReadFile("data/reference/municipalities.csv"));
}

TEST(ReferenceDataTest, LoadsExactly45Areas) {
  auto directory = LoadReal();
  ASSERT_TRUE(directory.ok()) << directory.status().ToString();
  EXPECT_EQ(directory->areas.size(), kAreaCount);
  std::map<AreaModel, int> models;
  for (const Area& area : directory->areas) ++models[area.model];
  EXPECT_EQ(models[AreaModel::kHostMunicipality], 39);
  EXPECT_EQ(models[AreaModel::kOwn], 4);
  EXPECT_EQ(models[AreaModel::kJointAuthority], 2);
}

TEST(ReferenceDataTest, Has293MainlandMunicipalitiesEachInExactlyOneArea) {
  auto directory = LoadReal();
  ASSERT_TRUE(directory.ok()) << directory.status().ToString();
  std::map<std::string, int> memberships;
  for (const Area& area : directory->areas) {
    EXPECT_FALSE(area.municipalities.empty()) << area.code.value();
    for (const std::string& code : area.municipalities) ++memberships[code];
  }
  size_t mainland = 0;
  for (const Municipality& m : directory->municipalities) {
    if (IsAlandMunicipality(m.code)) {
      EXPECT_TRUE(m.area.empty()) << m.name_fi;
      EXPECT_EQ(memberships.count(m.code), 0u) << m.name_fi;
      continue;
    }
    ++mainland;
    EXPECT_EQ(memberships[m.code], 1) << m.name_fi;
    ASSERT_NE(FindArea(*directory, m.area), nullptr) << m.name_fi;
  }
  EXPECT_EQ(mainland, kMainlandMunicipalityCount);
  EXPECT_EQ(memberships.size(), kMainlandMunicipalityCount);
  EXPECT_EQ(directory->municipalities.size(), kMainlandMunicipalityCount + 16);
}

TEST(ReferenceDataTest, KnownMunicipalitiesFindTheirAreas) {
  auto directory = LoadReal();
  ASSERT_TRUE(directory.ok());
  EXPECT_EQ(FindAreaOfMunicipality(*directory, "Kuusamo")->area.code,
            AreaCode("kainuu-koillismaa"));
  EXPECT_EQ(FindAreaOfMunicipality(*directory, "Pedersöre")->area.code, AreaCode("pietarsaari"));
  EXPECT_EQ(FindAreaOfMunicipality(*directory, "åbo")->area.code, AreaCode("turku"));
  EXPECT_EQ(FindAreaOfMunicipality(*directory, "5")->area.code, AreaCode("kymppi"));
  EXPECT_EQ(FindAreaOfMunicipality(*directory, "ÄÄNEKOSKI")->area.code,
            AreaCode("pohjoinen-keski-suomi"));
  EXPECT_EQ(FindAreaOfMunicipality(*directory, "Maarianhamina").status().code(),
            ErrorCode::kNotFound);
}

TEST(ReferenceDataTest, AreasWithoutHostAreTheDocumentedThree) {
  auto directory = LoadReal();
  ASSERT_TRUE(directory.ok());
  std::vector<std::string> without_host;
  for (const Area& area : directory->areas) {
    if (area.host_municipality.empty()) without_host.push_back(area.code.value());
  }
  EXPECT_EQ(without_host,
            (std::vector<std::string>{"suupohja", "meri-lappi", "pohjois-ja-ita-lappi"}));
}

// The majority language comes first: the two Swedish-majority areas list
// Swedish first (shared/data/employment_areas.csv), so their messages are in
// Swedish; every other area's first language is Finnish.
TEST(ReferenceDataTest, SwedishMajorityAreasListSwedishFirst) {
  auto directory = LoadReal();
  ASSERT_TRUE(directory.ok());
  std::vector<std::string> swedish_first;
  for (const Area& area : directory->areas) {
    ASSERT_FALSE(area.languages.empty()) << area.code.value();
    if (area.languages.front() == "sv") swedish_first.push_back(area.code.value());
  }
  EXPECT_EQ(swedish_first, (std::vector<std::string>{"raasepori-hanko-inkoo", "pietarsaari"}));
  EXPECT_EQ(FindArea(*directory, AreaCode("pietarsaari"))->languages,
            (std::vector<std::string>{"sv", "fi"}));
}

}  // namespace
}  // namespace verkosto::networks
