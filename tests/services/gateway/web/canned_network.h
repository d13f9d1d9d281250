#pragma once

// Canned data for the page tests and the preview server (both answer
// GatewayContext calls with it): users, the areas directory, an open network
// and a registered case.
#include <string>

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

// The networks service's answer to ListAreas: Kainuu-Koillismaa and Helsinki.
inline Status CannedAreas(const Actor& /*actor*/, const networks::v1::ListAreasRequest& /*req*/,
                          networks::v1::ListAreasResponse* r) {
  auto* a = r->add_areas();
  a->set_code("kainuu-koillismaa");
  a->set_name_fi("Kainuun ja Koillismaan työllisyysalue");
  auto* b = r->add_areas();
  b->set_code("helsinki");
  b->set_name_fi("Helsingin työllisyysalue");
  b->set_name_sv("Helsingfors sysselsättningsområde");
  return Status::Ok();
}

// Case "case-1" of osaamisverkosto for `area`, registered ("KK/123/2027").
inline nominations::v1::Case RegisteredCase(const std::string& area) {
  nominations::v1::Case c;
  c.set_case_id("case-1");
  c.set_network_code("osaamisverkosto");
  c.set_area_code(area);
  c.set_state(nominations::v1::CASE_STATE_REGISTERED);
  c.mutable_seats()->set_members(1);
  c.mutable_seats()->set_deputies(1);
  c.set_deadline("2027-02-01");
  c.mutable_registration()->set_diary_number("KK/123/2027");
  return c;
}

}  // namespace verkosto::gateway::testing
