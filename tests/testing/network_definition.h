#pragma once

#include <string>

#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::testing {

// A network definition that may be proposed and opened (rule 2: goals, a
// term, a communication plan), as the service tests send it: a working group
// with 1 member and 1 deputy per area, 6 meetings of 1.5 h a year, term from
// 2026-03-01 to `end_date`.
inline networks::v1::NetworkDefinition CompleteNetworkDefinition(
    const std::string& code, const std::string& end_date = "2026-12-31") {
  networks::v1::NetworkDefinition d;
  d.set_code(code);
  d.mutable_names()->set_fi("Testiverkosto");
  d.mutable_names()->set_sv("Testnätverket");
  d.mutable_names()->set_en("Test network");
  d.set_kind(networks::v1::NETWORK_KIND_WORKING_GROUP);
  d.set_owner("KEHA-keskus");
  d.mutable_responsible()->set_name("Anna");
  d.mutable_responsible()->set_email("anna@keha.example.fi");
  d.add_goals("Jakaa hyviä käytäntöjä");
  d.mutable_term()->set_start_date("2026-03-01");
  d.mutable_term()->set_end_date(end_date);
  d.mutable_communication_plan()->add_audiences("työllisyysalueiden johto");
  d.mutable_communication_plan()->add_channels("muistiot kirjaamoon");
  d.mutable_communication_plan()->set_cadence("kokousten jälkeen");
  d.mutable_communication_plan()->set_responsible("sihteeri");
  d.mutable_cadence()->set_meetings_per_year(6);
  d.mutable_cadence()->set_hours_per_meeting_tenths(15);
  d.mutable_seats_per_area()->set_members(1);
  d.mutable_seats_per_area()->set_deputies(1);
  return d;
}

}  // namespace verkosto::testing
