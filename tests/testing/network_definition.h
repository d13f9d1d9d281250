#pragma once

#include <cstddef>
#include <string>

#include "core/limits.h"
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

// `n` characters after a readable `prefix` (counted in), each added one four
// bytes in UTF-8 (U+1D538, a double-struck A): the most bytes a text of `n`
// characters can take.
inline std::string FullText(const std::string& prefix, size_t n) {
  std::string out = prefix;
  while (limits::Characters(out) < n) out += "\xF0\x9D\x94\xB8";
  return out;
}

// CompleteNetworkDefinition with every text at its limit (libs/core/limits.h)
// in four-byte characters, every list full and 20 + 20 seats: the largest
// definition the networks service accepts (docs/limits.md), about 80 KB.
inline networks::v1::NetworkDefinition LargestNetworkDefinition(const std::string& code) {
  networks::v1::NetworkDefinition d = CompleteNetworkDefinition(code);
  d.mutable_names()->set_fi(FullText("Suurin ", limits::kName));
  d.mutable_names()->set_sv(FullText("Största ", limits::kName));
  d.mutable_names()->set_en(FullText("Largest ", limits::kName));
  d.set_owner(FullText("KEHA ", limits::kName));
  d.set_description(FullText("Kuvaus ", limits::kText));
  d.mutable_responsible()->set_name(FullText("Vastaava ", limits::kName));
  d.mutable_responsible()->set_phone(std::string(limits::kPhone, '0'));
  d.clear_goals();
  networks::v1::CommunicationPlan* plan = d.mutable_communication_plan();
  plan->clear_audiences();
  plan->clear_channels();
  for (size_t i = 0; i < limits::kListEntries; ++i) {
    d.add_goals(FullText("Tavoite " + std::to_string(i) + " ", limits::kLine));
    plan->add_audiences(FullText("Kohderyhmä " + std::to_string(i) + " ", limits::kLine));
    plan->add_channels(FullText("Kanava " + std::to_string(i) + " ", limits::kLine));
  }
  plan->set_cadence(FullText("Rytmi ", limits::kLine));
  plan->set_responsible(FullText("Viestijä ", limits::kName));
  d.mutable_seats_per_area()->set_members(20);
  d.mutable_seats_per_area()->set_deputies(20);
  return d;
}

}  // namespace verkosto::testing
