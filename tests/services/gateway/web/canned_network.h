#pragma once

// Canned data for the page tests and the preview server (both answer
// GatewayContext calls with it): users, the areas directory, an open network
// and a registered case.
#include <string>
#include <vector>

#include "gateway/http/gateway_context.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::testing {

inline networks::v1::Network CannedOpenNetwork(const std::string& code, const std::string& name_fi,
                                               const std::string& name_sv) {
  networks::v1::Network n;
  networks::v1::NetworkDefinition* d = n.mutable_definition();
  d->set_code(code);
  d->mutable_names()->set_fi(name_fi);
  d->mutable_names()->set_sv(name_sv);
  d->set_owner("KEHA-keskus");
  d->add_goals("Jakaa hyviä käytäntöjä");
  d->mutable_term()->set_start_date("2027-01-01");
  d->mutable_term()->set_end_date("2028-12-31");
  d->mutable_communication_plan()->add_audiences("työllisyysjohtajat");
  d->mutable_communication_plan()->add_channels("uutiskirje");
  d->mutable_communication_plan()->set_cadence("kokousten jälkeen");
  d->mutable_communication_plan()->set_responsible("KEHA-keskus");
  d->mutable_cadence()->set_meetings_per_year(4);
  d->mutable_cadence()->set_hours_per_meeting_tenths(15);
  d->mutable_seats_per_area()->set_members(1);
  d->mutable_seats_per_area()->set_deputies(1);
  n.set_status(networks::v1::NETWORK_STATUS_OPEN);
  n.mutable_disclaimer()->set_fi("Verkostot eivät edusta alueiden virallista kantaa.");
  n.mutable_disclaimer()->set_sv("Nätverken representerar inte områdenas officiella ståndpunkt.");
  n.mutable_disclaimer()->set_en("Networks do not represent the areas' official positions.");
  return n;
}

// A user of `role` (and `area`) named "Test <id>", CSRF token "token-<id>".
inline RequestUser User(const std::string& id, Role role, const std::string& area = {}) {
  RequestUser u;
  u.actor.user_id = id;
  u.actor.display_name = "Test " + id;
  u.actor.role = role;
  u.actor.area = AreaCode(area);
  u.csrf_token = "token-" + id;
  return u;
}

// The areas directory: Kainuu-Koillismaa (no Swedish name) and Helsinki.
inline std::vector<networks::v1::Area> CannedAreaList() {
  std::vector<networks::v1::Area> areas(2);
  areas[0].set_code("kainuu-koillismaa");
  areas[0].set_name_fi("Kainuun ja Koillismaan työllisyysalue");
  areas[1].set_code("helsinki");
  areas[1].set_name_fi("Helsingin työllisyysalue");
  areas[1].set_name_sv("Helsingfors sysselsättningsområde");
  return areas;
}

// The networks service's answer to ListAreas: CannedAreaList.
inline Status CannedAreas(const Actor& /*actor*/, const networks::v1::ListAreasRequest& /*req*/,
                          networks::v1::ListAreasResponse* r) {
  for (const networks::v1::Area& a : CannedAreaList()) *r->add_areas() = a;
  return Status::Ok();
}

// `code`'s entry of CannedAreaList (only the code for an unknown area).
inline networks::v1::Area CannedArea(const std::string& code) {
  for (const networks::v1::Area& a : CannedAreaList()) {
    if (a.code() == code) return a;
  }
  networks::v1::Area unknown;
  unknown.set_code(code);
  return unknown;
}

// The names of osaamisverkosto as the nominations service sends them with its
// cases, memberships and resignation requests.
inline constexpr char kCaseNetworkFi[] = "Osaamisverkosto";
inline constexpr char kCaseNetworkSv[] = "Kompetensnätverket";

// `item` (a Case or a Membership) of osaamisverkosto in `area`, with the names
// of both as the nominations service sends them in its replies.
template <typename Item>
void InNamed(Item& item, const std::string& area) {
  item.set_network_code("osaamisverkosto");
  item.set_network_name_fi(kCaseNetworkFi);
  item.set_network_name_sv(kCaseNetworkSv);
  item.set_area_code(area);
  item.set_area_name_fi(CannedArea(area).name_fi());
  item.set_area_name_sv(CannedArea(area).name_sv());
}

// How a page in Finnish (no cookie) and in Swedish names osaamisverkosto and
// Helsinki from those names.
struct NamesShown {
  std::string cookie;
  std::string network;
  std::string area;
};
inline std::vector<NamesShown> HelsinkiNamesShown() {
  return {{"", kCaseNetworkFi, "Helsingin työllisyysalue"},
          {"lang=sv", kCaseNetworkSv, "Helsingfors sysselsättningsområde"}};
}

// Case "case-1" of osaamisverkosto for `area`, registered ("KK/123/2027"),
// with the names of its network and area (CannedAreaList) as the service sends them.
inline nominations::v1::Case RegisteredCase(const std::string& area) {
  nominations::v1::Case c;
  c.set_case_id("case-1");
  InNamed(c, area);
  c.set_state(nominations::v1::CASE_STATE_REGISTERED);
  c.mutable_seats()->set_members(1);
  c.mutable_seats()->set_deputies(1);
  c.set_deadline("2027-02-01");
  c.mutable_registration()->set_diary_number("KK/123/2027");
  return c;
}

// `person`'s membership of osaamisverkosto in `area` (a member), with the names
// of its network and area as the service's ListMemberships replies send them.
inline nominations::v1::Membership NamedMembership(const std::string& area,
                                                   const std::string& person) {
  nominations::v1::Membership m;
  InNamed(m, area);
  m.mutable_person()->set_name(person);
  m.mutable_person()->set_seat(nominations::v1::SEAT_KIND_MEMBER);
  return m;
}

}  // namespace verkosto::gateway::testing
