// The national view's pure computations (domain/national_view.h): cells of
// areas x networks, burden from actual memberships x cadence, the national
// total, per-person loads and the approval warning.
#include "nominations/domain/national_view.h"

#include <gtest/gtest.h>

namespace verkosto::nominations {
namespace {

const AreaCode kKainuu("kainuu");
const AreaCode kHelsinki("helsinki");
const AreaCode kOulu("oulu");

std::vector<AreaInfo> Areas() {
  return {{kHelsinki, "Helsinki", "Helsingfors"},
          {kKainuu, "Kainuu", "Kajanaland"},
          {kOulu, "Oulu", "Uleåborg"}};
}

ViewNetwork Network(const std::string& code, NetworkStatus status, uint32_t meetings,
                    uint32_t tenths) {
  ViewNetwork n;
  n.code = NetworkCode(code);
  n.name_fi = code;
  n.status = status;
  n.meetings_per_year = meetings;
  n.hours_per_meeting_tenths = tenths;
  return n;
}

ViewMembership Member(const std::string& network, const AreaCode& area, const std::string& name,
                      const std::string& email, bool deputy = false) {
  return ViewMembership{NetworkCode(network), area, name, email, deputy};
}

TEST(NationalViewTest, OneCellPerCurrentNetworkAndAreaWithParticipationAndCounts) {
  ViewNetwork a = Network("a-verkosto", NetworkStatus::kOpen, 4, 20);
  a.participation[kKainuu] = Participation::kTakesPart;
  a.participation[kOulu] = Participation::kDeclines;
  const ViewNetwork closed = Network("b-verkosto", NetworkStatus::kClosed, 4, 20);
  const ViewNetwork proposed = Network("c-verkosto", NetworkStatus::kProposed, 2, 10);
  const std::vector<ViewOpenCase> open = {{NetworkCode("a-verkosto"), kKainuu, false},
                                          {NetworkCode("a-verkosto"), kHelsinki, true},
                                          {NetworkCode("b-verkosto"), kHelsinki, true}};
  const NationalView view =
      BuildNationalView({a, closed, proposed}, Areas(), open, {}, ViewFilter{});
  // Closed networks are left out by default: 2 networks x 3 areas.
  ASSERT_EQ(view.cells.size(), 6u);
  EXPECT_EQ(view.cells[0].network, NetworkCode("a-verkosto"));
  EXPECT_EQ(view.cells[0].area, kHelsinki);
  EXPECT_EQ(view.cells[0].participation, Participation::kUndecided);
  EXPECT_EQ(view.cells[0].open_requests, 1u);
  EXPECT_EQ(view.cells[0].overdue, 1u);
  EXPECT_EQ(view.cells[1].participation, Participation::kTakesPart);
  EXPECT_EQ(view.cells[1].open_requests, 1u);
  EXPECT_EQ(view.cells[1].overdue, 0u);
  EXPECT_EQ(view.cells[2].participation, Participation::kDeclines);
  EXPECT_EQ(view.cells[3].network, NetworkCode("c-verkosto"));
}

TEST(NationalViewTest, FiltersByStatusAndArea) {
  const ViewNetwork open = Network("a-verkosto", NetworkStatus::kOpen, 4, 20);
  const ViewNetwork closed = Network("b-verkosto", NetworkStatus::kClosed, 4, 20);
  ViewFilter filter;
  filter.statuses = {NetworkStatus::kClosed};
  filter.area = kOulu;
  const NationalView view = BuildNationalView({open, closed}, Areas(), {}, {}, filter);
  ASSERT_EQ(view.cells.size(), 1u);
  EXPECT_EQ(view.cells[0].network, NetworkCode("b-verkosto"));
  EXPECT_EQ(view.cells[0].area, kOulu);
  EXPECT_EQ(view.cells[0].area_index, 2u);
  ASSERT_EQ(view.burdens.size(), 1u);
  EXPECT_EQ(view.burdens[0].area, kOulu);
}

TEST(NationalViewTest, BurdenIsActualMembershipsTimesCadenceWithANationalTotal) {
  // 4 meetings x 2.0 h = 8.0 h a year per membership; 2 x 1.5 h = 3.0 h.
  const ViewNetwork a = Network("a-verkosto", NetworkStatus::kOpen, 4, 20);
  const ViewNetwork b = Network("b-verkosto", NetworkStatus::kOpen, 2, 15);
  const std::vector<ViewMembership> members = {
      Member("a-verkosto", kKainuu, "Nelli", "nelli@k.fi"),
      Member("a-verkosto", kKainuu, "Kari", "kari@k.fi", /*deputy=*/true),
      Member("b-verkosto", kKainuu, "Nelli", "nelli@k.fi"),
      Member("b-verkosto", kHelsinki, "Hanna", "hanna@h.fi")};
  const NationalView view = BuildNationalView({a, b}, Areas(), {}, members, ViewFilter{});
  ASSERT_EQ(view.burdens.size(), 3u);
  EXPECT_EQ(view.burdens[0], (AreaLoad{kHelsinki, 1, 30}));
  EXPECT_EQ(view.burdens[1], (AreaLoad{kKainuu, 3, 80 + 80 + 30}));
  EXPECT_EQ(view.burdens[2], (AreaLoad{kOulu, 0, 0}));
  EXPECT_EQ(view.national_memberships, 4u);
  EXPECT_EQ(view.national_hours_per_year_tenths, 30u + 190u);
  // Kainuu's cell of a-verkosto: members first, then deputies; 2 x 8.0 h.
  const ViewCell& cell = view.cells[1];
  EXPECT_EQ(cell.area, kKainuu);
  EXPECT_EQ(cell.members, (std::vector<std::string>{"Nelli", "Kari"}));
  EXPECT_EQ(cell.hours_per_year_tenths, 160u);
}

TEST(NationalViewTest, MembershipsOfFilteredOutNetworksCostNothing) {
  const ViewNetwork closed = Network("b-verkosto", NetworkStatus::kClosed, 4, 20);
  const NationalView view = BuildNationalView(
      {closed}, Areas(), {}, {Member("b-verkosto", kKainuu, "Nelli", "nelli@k.fi")}, ViewFilter{});
  EXPECT_TRUE(view.cells.empty());
  EXPECT_EQ(view.national_hours_per_year_tenths, 0u);
}

TEST(NationalViewTest, PersonLoadCountsDistinctNetworksByEmailCaseInsensitively) {
  const std::vector<ViewMembership> members = {
      Member("a-verkosto", kKainuu, "Nelli", "Nelli@K.fi"),
      Member("a-verkosto", kKainuu, "Nelli", "nelli@k.fi", true),  // same network twice
      Member("b-verkosto", kKainuu, "Nelli N.", "nelli@k.fi"),
      Member("c-verkosto", kHelsinki, "Hanna", ""), Member("d-verkosto", kHelsinki, "Hanna", "")};
  const auto loads = PersonLoads(members);
  ASSERT_EQ(loads.size(), 2u);
  EXPECT_EQ(loads.at("nelli@k.fi").networks, 2u);
  EXPECT_EQ(loads.at("nelli@k.fi").name, "Nelli");
  EXPECT_EQ(loads.at("Hanna|helsinki").networks, 2u);
  const std::vector<PersonNetworks> busiest = BusiestPeople(loads, 2, 1);
  ASSERT_EQ(busiest.size(), 1u);
  EXPECT_EQ(busiest[0].name, "Hanna");  // a tie: by name
}

TEST(NationalViewTest, ApprovalWarnsAtTheThresholdAndNeverBelowOrWhenOff) {
  std::vector<ViewMembership> current = {Member("a-verkosto", kKainuu, "Nelli", "nelli@k.fi"),
                                         Member("b-verkosto", kKainuu, "Nelli", "nelli@k.fi"),
                                         Member("a-verkosto", kKainuu, "Kari", "kari@k.fi")};
  const std::vector<ViewMembership> started = {
      Member("c-verkosto", kKainuu, "Nelli", "nelli@k.fi"),
      Member("c-verkosto", kKainuu, "Kari", "kari@k.fi", true)};
  current.insert(current.end(), started.begin(), started.end());
  const std::vector<LoadWarningLine> warnings = LoadWarnings(started, current, 3);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], (LoadWarningLine{"Nelli", "nelli@k.fi", 3}));
  EXPECT_TRUE(LoadWarnings(started, current, 4).empty());
  EXPECT_TRUE(LoadWarnings(started, current, 0).empty());
  EXPECT_EQ(LoadWarnings(started, current, 2).size(), 2u);
}

TEST(NationalViewTest, StatusNamesRoundTrip) {
  for (const NetworkStatus s :
       {NetworkStatus::kDraft, NetworkStatus::kProposed, NetworkStatus::kOpen,
        NetworkStatus::kClosed, NetworkStatus::kCancelled}) {
    EXPECT_EQ(NetworkStatusFromName(NetworkStatusName(s)), s);
  }
  EXPECT_FALSE(NetworkStatusFromName("avoin").has_value());
  EXPECT_EQ(ParticipationName(Participation::kTakesPart), "takes_part");
}

}  // namespace
}  // namespace verkosto::nominations
