#pragma once

#include "notifications/domain/policy.h"

namespace verkosto::notifications::testing {

inline AreaInfo Area(const std::string& code, std::vector<std::string> languages = {"fi"}) {
  AreaInfo a;
  a.code = AreaCode(code);
  a.name_fi = "Alue " + code;
  a.name_sv = "Området " + code;
  a.languages = std::move(languages);
  a.registry_email = "kirjaamo@" + code + ".fi";
  a.director_email = "johtaja@" + code + ".fi";
  a.deputy_email = "varajohtaja@" + code + ".fi";
  return a;
}

inline AreaMap Areas() {
  AreaMap areas;
  for (const AreaInfo& a : {Area("kainuu"), Area("pohjanmaa", {"sv", "fi"}), Area("lahti")}) {
    areas.emplace(a.code, a);
  }
  return areas;
}

inline NetworkInfo Network() {
  NetworkInfo n;
  n.code = "osaamisverkosto";
  n.status = "open";
  n.name_fi = "Osaamisverkosto";
  n.name_sv = "Kompetensnätverket";
  n.name_en = "Skills network";
  n.goals = {"Jakaa hyviä käytäntöjä", "Yhtenäistää palveluja"};
  n.term_start = "2026-03-01";
  n.term_end = "2026-12-31";
  n.audiences = {"työllisyysalueiden johto"};
  n.channels = {"sähköposti"};
  n.cadence = "kokousten jälkeen";
  n.responsible = "sihteeri";
  n.contact_email = "verkosto@keha.fi";
  n.created_by = "keha-anna";
  // The networks events' rule-6 note; the test's own wording.
  n.disclaimer_fi = "Verkoston näkemykset eivät sido alueita (testi).";
  n.disclaimer_sv = "Nätverkets synpunkter binder inte områdena (test).";
  n.disclaimer_en = "The views of networks do not bind the areas (test).";
  return n;
}

inline Person Nominee(const std::string& name, std::optional<Language> language = {}) {
  return Person{name, name + "@kajaani.fi", language, false};
}

inline CaseInfo Case(const std::string& area = "kainuu") {
  CaseInfo c;
  c.case_id = "c-1";
  c.network_code = "osaamisverkosto";
  c.area = AreaCode(area);
  c.deadline = "2026-04-30";
  c.sender_user_id = "keha-anna";
  c.sender_name = "Anna KEHA";
  return c;
}

inline Notice CaseNotice(Topic topic, CaseInfo c = Case()) {
  Notice n;
  n.topic = topic;
  n.event_type = "test";
  n.case_info = std::move(c);
  n.network = Network();
  return n;
}

}  // namespace verkosto::notifications::testing
