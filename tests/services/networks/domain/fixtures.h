#pragma once

// Shared test data for the networks domain tests.

#include <string>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "networks/domain/area_directory.h"
#include "networks/domain/network.h"

namespace verkosto::networks::testing {

inline Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

// Noon in Helsinki on the given date.
inline TimePoint At(int y, unsigned m, unsigned d) {
  return HelsinkiStartOfDay(D(y, m, d)) + std::chrono::hours(12);
}

inline Actor MakeActor(Role role, std::string area = {}, std::string user = "u1") {
  Actor actor;
  actor.user_id = std::move(user);
  actor.display_name = "Testi Käyttäjä";
  actor.role = role;
  actor.area = AreaCode(std::move(area));
  if (role == Role::kAreaDeputy) actor.on_behalf_of = "director-of-" + actor.area.value();
  return actor;
}

// The fields of `status`'s violations, in order.
inline std::vector<std::string> ViolatedFields(const Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : status.violations()) fields.push_back(v.field);
  return fields;
}

inline Actor Coordinator() { return MakeActor(Role::kKehaCoordinator, {}, "keha-1"); }
inline Actor Admin() { return MakeActor(Role::kAdmin, {}, "admin-1"); }
inline Actor Director(const std::string& area) {
  return MakeActor(Role::kAreaDirector, area, "dir-" + area);
}
inline Actor Deputy(const std::string& area) {
  return MakeActor(Role::kAreaDeputy, area, "dep-" + area);
}

// A definition complete enough to propose and open.
inline NetworkDefinition CompleteDefinition(std::string code = "opastajaverkosto") {
  NetworkDefinition d;
  d.code = NetworkCode(std::move(code));
  d.names = {"Opastajaverkosto", "Nätverket för vägledare", "Guides network"};
  d.kind = NetworkKind::kNetwork;
  d.owner = "KEHA-keskus";
  d.responsible = {"Verkoston koordinaattori", "koordinaattori@keha.example.fi", ""};
  d.goals = {"Yhtenäistää asiakasohjauksen käytännöt"};
  d.term = {D(2025, 3, 1), D(2026, 12, 31)};
  d.communication_plan = {{"työllisyysalueiden johto"},
                          {"Teams-kanava", "muistiot kirjaamon kautta"},
                          "kokousten jälkeen, kahden viikon sisällä",
                          "verkoston sihteeri",
                          {},
                          0,
                          {}};
  d.cadence = {6, 20};  // six two-hour meetings a year
  d.seats_per_area = {1, 1};
  d.description = "Valtakunnallinen verkosto opastajille.";
  return d;
}

// A small consistent directory: three areas, five municipalities, one of
// them in Åland.
inline constexpr const char* kSmallAreasCsv =
    "area_code,name_fi,name_sv,model,host_municipality,municipalities,languages,source,confidence\n"
    "helsinki,Helsingin kaupunki,Helsingfors stad,own,Helsinki,Helsinki,fi;sv,src,verified\n"
    "espoo-kauniainen,Espoon ja Kauniaisten työllisyysalue,,host_municipality,Espoo,"
    "Espoo;Kauniainen,fi;sv,src,verified\n"
    "kymppi,Kuntayhtymä Kymppi,,joint_authority,Kauhava,Kauhava;Alajärvi,fi,src,partial\n";
inline constexpr const char* kSmallMunicipalitiesCsv =
    "code,name_fi,name_sv,area_code,note\n"
    "005,Alajärvi,,kymppi,\n"
    "049,Espoo,Esbo,espoo-kauniainen,\n"
    "091,Helsinki,Helsingfors,helsinki,\n"
    "233,Kauhava,,kymppi,\n"
    "235,Kauniainen,Grankulla,espoo-kauniainen,\n"
    "478,Maarianhamina,Mariehamn,,Åland: outside the TE24 reform (no employment area)\n";

inline AreaDirectory SmallDirectory() {
  auto directory = ParseAreaDirectory(kSmallAreasCsv, kSmallMunicipalitiesCsv, 3);
  return directory.ok() ? directory.value() : AreaDirectory{};
}

}  // namespace verkosto::networks::testing
