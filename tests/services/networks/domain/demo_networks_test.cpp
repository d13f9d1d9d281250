#include "networks/domain/demo_networks.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace verkosto::networks {
namespace {

const Date kToday{std::chrono::year(2031), std::chrono::March, std::chrono::day(14)};

std::string ReadKehaNetworks() {
  std::ifstream in(std::string(VERKOSTO_SOURCE_DIR) + "/data/reference/keha_networks.csv",
                   std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(DemoNetworksTest, RealFileGivesValidDefinitionsAndPublishableProposals) {
  auto demo = ParseDemoNetworks(ReadKehaNetworks(), kToday);
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  EXPECT_EQ(demo->size(), 19u);
  std::set<NetworkCode> codes;
  size_t proposed = 0;
  for (const DemoNetwork& network : *demo) {
    const NetworkDefinition& d = network.definition;
    EXPECT_TRUE(codes.insert(d.code).second) << d.code.value();
    EXPECT_TRUE(ValidateDefinition(d).ok()) << d.code.value();
    if (network.status == NetworkStatus::kProposed) {
      ++proposed;
      EXPECT_TRUE(CheckReadyToPublish(d).ok()) << d.code.value();
    }
    EXPECT_FALSE(d.names.sv.empty()) << d.code.value();
  }
  EXPECT_EQ(proposed, 17u);  // all but the C6 and C23 city networks
}

TEST(DemoNetworksTest, MapsKindsAndOwners) {
  auto demo = ParseDemoNetworks(ReadKehaNetworks(), kToday);
  ASSERT_TRUE(demo.ok());
  for (const DemoNetwork& network : *demo) {
    const NetworkDefinition& d = network.definition;
    if (d.code.value() == "tyonvk") {
      EXPECT_EQ(d.kind, NetworkKind::kAdvisoryBoard);
      EXPECT_TRUE(d.statutory);
    } else if (d.code.value() == "tyonvk-kuntajaosto") {
      EXPECT_EQ(d.kind, NetworkKind::kSubCommittee);
    } else if (d.code.value() == "c6") {
      EXPECT_EQ(network.status, NetworkStatus::kDraft);
      EXPECT_NE(d.owner, "KEHA-keskus");
    } else if (d.code.value() == "opastajaverkosto") {
      EXPECT_EQ(d.kind, NetworkKind::kNetwork);
      EXPECT_EQ(d.owner, "KEHA-keskus");
      EXPECT_EQ(d.names.en, "Guides network");
    }
  }
}

TEST(DemoNetworksTest, RefusesUnknownKindAndRepeatedCodeWithLineNumbers) {
  auto demo = ParseDemoNetworks(
      "code,name_fi,name_en,kind,description,source\n"
      "a-verkosto,A,A,keha_run,,\n"
      "b-verkosto,B,B,club,,\n"
      "a-verkosto,A2,A2,keha_run,,\n",
      kToday);
  ASSERT_FALSE(demo.ok());
  EXPECT_EQ(demo.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(demo.status().field(), "keha_networks.csv:3");
  EXPECT_NE(demo.status().message().find("keha_networks.csv:4: code 'a-verkosto' repeats"),
            std::string::npos);
}

TEST(DemoNetworksTest, UntranslatedNetworkStaysDraft) {
  auto demo = ParseDemoNetworks(
      "code,name_fi,name_en,kind,description,source\n"
      "uusi-verkosto,Uusi,New,keha_run,,\n",
      kToday);
  ASSERT_TRUE(demo.ok());
  EXPECT_EQ(demo->at(0).status, NetworkStatus::kDraft);
}

TEST(DemoNetworksTest, TermsRunFromTheFirstStartForTwoYears) {
  auto demo = ParseDemoNetworks(ReadKehaNetworks(), kToday);
  ASSERT_TRUE(demo.ok());
  for (const DemoNetwork& network : *demo) {
    EXPECT_EQ(network.definition.term.start_date, kToday) << network.definition.code.value();
    EXPECT_EQ(network.definition.term.end_date, AddDays(kToday, kDemoTermDays));
  }
}

}  // namespace
}  // namespace verkosto::networks
