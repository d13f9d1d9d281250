#pragma once

// An open network as the networks service would return it, for the page tests
// and the preview server (both answer GatewayContext calls with canned data).
#include <string>

#include "verkosto/networks/v1/networks.pb.h"

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

}  // namespace verkosto::gateway::testing
