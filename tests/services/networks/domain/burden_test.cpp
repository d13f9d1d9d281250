#include "networks/domain/burden.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace verkosto::networks {
namespace {

using testing::CompleteDefinition;

Network MakeNetwork(const char* code, NetworkStatus status, uint32_t members, uint32_t deputies,
                    uint32_t meetings, uint32_t tenths) {
  Network network;
  network.definition = CompleteDefinition(code);
  network.definition.seats_per_area = {members, deputies};
  network.definition.cadence = {meetings, tenths};
  network.status = status;
  return network;
}

ParticipationHistory History(const char* network, const char* area,
                             std::vector<ParticipationChoice> choices) {
  ParticipationHistory history{NetworkCode(network), AreaCode(area), {}};
  for (ParticipationChoice choice : choices) {
    history.decisions.push_back({NetworkCode(network), AreaCode(area), choice, "", {}});
  }
  return history;
}

constexpr auto kTakes = ParticipationChoice::kTakesPart;
constexpr auto kDeclines = ParticipationChoice::kDeclines;

TEST(BurdenTest, SumsSeatsTimesMeetingsTimesHoursExactly) {
  // 2 seats × 6 meetings × 2.0 h = 24 h; 1 seat × 10 meetings × 1.5 h = 15 h.
  std::vector<Network> networks = {
      MakeNetwork("a-verkosto", NetworkStatus::kOpen, 1, 1, 6, 20),
      MakeNetwork("b-verkosto", NetworkStatus::kProposed, 1, 0, 10, 15)};
  std::vector<ParticipationHistory> histories = {History("a-verkosto", "kymppi", {kTakes}),
                                                 History("b-verkosto", "kymppi", {kTakes})};
  Burden burden = ComputeBurden(AreaCode("kymppi"), networks, histories);
  ASSERT_EQ(burden.lines.size(), 2u);
  EXPECT_EQ(burden.lines[0].seats, 2u);
  EXPECT_EQ(burden.lines[0].hours_per_year_tenths, 240u);
  EXPECT_EQ(burden.lines[1].hours_per_year_tenths, 150u);
  EXPECT_EQ(burden.hours_per_year_tenths, 390u);
  EXPECT_EQ(burden.hours_per_month_tenths, 33u);  // 39 h / 12 = 3.25 h -> 3.3 h
  EXPECT_EQ(FormatTenths(burden.hours_per_year_tenths), "39.0");
  EXPECT_EQ(FormatTenths(burden.hours_per_month_tenths), "3.3");
}

TEST(BurdenTest, MonthlyFigureRoundsHalfUp) {
  // 1 × 1 × 0.6 h = 6 tenths a year; /12 = 0.5 tenths -> 1 tenth.
  Burden half = ComputeBurden(AreaCode("kymppi"),
                              {MakeNetwork("a-verkosto", NetworkStatus::kOpen, 1, 0, 1, 6)},
                              {History("a-verkosto", "kymppi", {kTakes})});
  EXPECT_EQ(half.hours_per_month_tenths, 1u);
  Burden below = ComputeBurden(AreaCode("kymppi"),
                               {MakeNetwork("a-verkosto", NetworkStatus::kOpen, 1, 0, 1, 5)},
                               {History("a-verkosto", "kymppi", {kTakes})});
  EXPECT_EQ(below.hours_per_month_tenths, 0u);
}

TEST(BurdenTest, CountsOnlyCurrentTakesPartInProposedOrOpenNetworks) {
  std::vector<Network> networks = {
      MakeNetwork("open-takes", NetworkStatus::kOpen, 1, 0, 1, 10),
      MakeNetwork("open-declined-later", NetworkStatus::kOpen, 1, 0, 1, 100),
      MakeNetwork("open-no-answer", NetworkStatus::kOpen, 1, 0, 1, 100),
      MakeNetwork("closed-takes", NetworkStatus::kClosed, 1, 0, 1, 100),
      MakeNetwork("cancelled-takes", NetworkStatus::kCancelled, 1, 0, 1, 100),
      MakeNetwork("draft-takes", NetworkStatus::kDraft, 1, 0, 1, 100)};
  std::vector<ParticipationHistory> histories = {
      History("open-takes", "kymppi", {kDeclines, kTakes}),
      History("open-declined-later", "kymppi", {kTakes, kDeclines}),
      History("closed-takes", "kymppi", {kTakes}),
      History("cancelled-takes", "kymppi", {kTakes}),
      History("draft-takes", "kymppi", {kTakes}),
      History("open-no-answer", "helsinki", {kTakes})};  // another area's decision
  Burden burden = ComputeBurden(AreaCode("kymppi"), networks, histories);
  ASSERT_EQ(burden.lines.size(), 1u);
  EXPECT_EQ(burden.lines[0].network, NetworkCode("open-takes"));
  EXPECT_EQ(burden.hours_per_year_tenths, 10u);
}

TEST(BurdenTest, NoNetworksMeansNoBurden) {
  Burden burden = ComputeBurden(AreaCode("kymppi"), {}, {});
  EXPECT_TRUE(burden.lines.empty());
  EXPECT_EQ(burden.hours_per_year_tenths, 0u);
  EXPECT_EQ(burden.hours_per_month_tenths, 0u);
}

TEST(BurdenTest, LargestValuesDoNotOverflow) {
  // 40 seats × 365 meetings × 24.0 h = 350 400 h a year.
  Burden burden = ComputeBurden(AreaCode("kymppi"),
                                {MakeNetwork("a-verkosto", NetworkStatus::kOpen, 20, 20, 365, 240)},
                                {History("a-verkosto", "kymppi", {kTakes})});
  EXPECT_EQ(burden.hours_per_year_tenths, 3504000u);
  EXPECT_EQ(burden.hours_per_month_tenths, 292000u);
}

}  // namespace
}  // namespace verkosto::networks
