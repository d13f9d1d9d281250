#include "gateway/domain/demo_accounts.h"

namespace verkosto::gateway {

namespace {

AccountRecord Demo(std::string user_id, std::string name, Role role, std::string area,
                   std::string email, Language language = Language::kFi,
                   std::string on_behalf_of = {}) {
  AccountRecord a;
  a.user_id = std::move(user_id);
  a.display_name = std::move(name);
  a.role = role;
  a.area = AreaCode(std::move(area));
  a.email = std::move(email);
  a.language = language;
  a.on_behalf_of = std::move(on_behalf_of);
  return a;
}

std::vector<AccountRecord> MakeDemoAccounts() {
  return {
      Demo("keha.koordinaattori", "Kaisa Koordinaattori", Role::kKehaCoordinator, "",
           "kaisa.koordinaattori@keha.example.fi"),
      Demo("kainuu.johtaja", "Juho Johtaja", Role::kAreaDirector, "kainuu-koillismaa",
           "juho.johtaja@kainuu.example.fi"),
      Demo("kainuu.varajohtaja", "Veera Varanen", Role::kAreaDeputy, "kainuu-koillismaa",
           "veera.varanen@kainuu.example.fi", Language::kFi, "kainuu.johtaja"),
      Demo("kainuu.kirjaamo", "Kalle Kirjaaja", Role::kRegistryClerk, "kainuu-koillismaa",
           "kirjaamo@kainuu.example.fi"),
      Demo("helsinki.johtaja", "Helka Hallinto", Role::kAreaDirector, "helsinki",
           "helka.hallinto@helsinki.example.fi"),
      Demo("helsinki.varajohtaja", "Ville Vara", Role::kAreaDeputy, "helsinki",
           "ville.vara@helsinki.example.fi", Language::kFi, "helsinki.johtaja"),
      Demo("helsinki.kirjaamo", "Kirsi Kirjuri", Role::kRegistryClerk, "helsinki",
           "kirjaamo@helsinki.example.fi"),
      Demo("pohjanmaa.direktor", "Stina Strandberg", Role::kAreaDirector, "pohjanmaa",
           "stina.strandberg@pohjanmaa.example.fi", Language::kSv),
      Demo("pohjanmaa.ersattare", "Erik Ersättare", Role::kAreaDeputy, "pohjanmaa",
           "erik.ersattare@pohjanmaa.example.fi", Language::kSv, "pohjanmaa.direktor"),
      Demo("pohjanmaa.registrator", "Rut Registrator", Role::kRegistryClerk, "pohjanmaa",
           "registratur@pohjanmaa.example.fi", Language::kSv),
      Demo("tarkkailija", "Olli Observoija", Role::kObserver, "", "olli.observoija@example.fi",
           Language::kEn),
      Demo("yllapito", "Ylva Ylläpitäjä", Role::kAdmin, "", "yllapito@keha.example.fi"),
      Demo("nelli.nimitetty", "Nelli Nimitetty", Role::kNominee, "",
           "nelli.nimitetty@kainuu.example.fi"),
  };
}

}  // namespace

const std::vector<AccountRecord>& DemoAccounts() {
  static const std::vector<AccountRecord> kAccounts = MakeDemoAccounts();
  return kAccounts;
}

}  // namespace verkosto::gateway
