#include "networks/domain/demo_networks.h"

#include <set>

#include "core/text.h"
#include "networks/domain/csv.h"
#include "networks/domain/problems.h"
#include "networks/domain/text_util.h"

namespace verkosto::networks {

namespace {

constexpr std::string_view kFile = "keha_networks.csv";

struct SwedishName {
  std::string_view code;
  std::string_view name_sv;
};

// Unofficial translations for the demo.
constexpr SwedishName kSwedishNames[] = {
    {"opastajaverkosto", "Nätverket för vägledare"},
    {"maksajaverkosto", "Nätverket för utbetalare"},
    {"tyottomyysturvaverkosto", "Nätverket för arbetslöshetsskydd"},
    {"osaamisverkosto", "Kompetensnätverket"},
    {"tietojarjestelmien-kehittamisverkosto", "Nätverket för utveckling av informationssystem"},
    {"tym-verkosto", "TYM-nätverket"},
    {"tyollisyyden-ja-kotoutumisen-johtamisverkosto",
     "Ledningsnätverket för sysselsättning och integration"},
    {"kotoutumispalveluiden-kehittamisverkosto",
     "Nätverket för utveckling av arbetskraftsmyndighetens integrationstjänster"},
    {"maahanmuuttajien-neuvontapalvelut-verkosto",
     "Nätverket för kommunernas informations-, rådgivnings- och etableringstjänster för "
     "invandrare"},
    {"tiedolla-johtamisen-verkosto", "Nätverket för kunskapsbaserad ledning"},
    {"tyokykyosaamisen-verkosto", "Nätverket för kompetens inom arbetsförmåga"},
    {"onni-verkosto", "Onni-nätverket"},
    {"eures-verkosto", "EURES-nätverket"},
    {"tyonvk", "Den riksomfattande delegationen för främjande av sysselsättningen"},
    {"tyonvk-kuntajaosto", "Kommunsektionen"},
    {"tyonvk-tietojaosto", "Informationssektionen"},
    {"tyonvk-yhdyspintajaosto", "Sektionen för gränsytor"},
    {"c6", "C6 (sexstäderna)"},
    {"c23", "C23"},
};

std::string SwedishNameOf(std::string_view code) {
  for (const SwedishName& entry : kSwedishNames) {
    if (entry.code == code) return std::string(entry.name_sv);
  }
  return {};
}

// The invented parts shared by every demo network.
void FillInventedParts(NetworkDefinition* d, const Date& today) {
  d->goals = {"Jakaa tietoa ja hyviä käytäntöjä työllisyysalueiden kesken",
              "Tunnistaa yhteiset kehittämistarpeet ja viedä ne päätöksentekijöiden tietoon"};
  d->term = {today, AddDays(today, kDemoTermDays)};
  d->communication_plan = {
      {"työllisyysalueiden johto", "verkoston jäsenet"},
      {"verkoston Teams-kanava", "kokousmuistiot työllisyysalueiden kirjaamoihin"},
      "muistio kahden viikon kuluessa kokouksesta",
      "verkoston sihteeri",
      {},                // the standard plan
      0,                 // notes reminder from the meeting cadence
      {}};               // to the network's responsible contact
  d->cadence = {4, 20};  // four two-hour meetings a year
  d->seats_per_area = {1, 1};
}

}  // namespace

Result<std::vector<DemoNetwork>> ParseDemoNetworks(std::string_view keha_networks_csv,
                                                   const Date& today) {
  VERKOSTO_ASSIGN_OR_RETURN(CsvTable table, ParseCsv(keha_networks_csv, kFile));
  VERKOSTO_RETURN_IF_ERROR(
      ExpectHeader(table, {"code", "name_fi", "name_en", "kind", "description", "source"}, kFile));
  Problems problems;
  std::set<std::string> codes;
  std::vector<DemoNetwork> networks;
  for (const CsvRecord& record : table.records) {
    const auto& f = record.fields;
    const std::string where = SourceLine(kFile, record.line);
    DemoNetwork demo;
    NetworkDefinition& d = demo.definition;
    const std::string code(text::Trim(f[0]));
    if (!IsSlug(code)) problems.Add(where, "code '" + code + "' is not a slug (a-z, 0-9, -)");
    if (!codes.insert(code).second) problems.Add(where, "code '" + code + "' repeats");
    d.code = NetworkCode(code);
    d.names = {std::string(text::Trim(f[1])), SwedishNameOf(code), std::string(text::Trim(f[2]))};
    if (d.names.fi.empty()) problems.Add(where, "name_fi is empty");
    d.description = std::string(text::Trim(f[4]));
    FillInventedParts(&d, today);
    const std::string_view kind = text::Trim(f[3]);
    if (kind == "keha_run" || kind == "nomination_request") {
      d.kind = NetworkKind::kNetwork;
      d.owner = "KEHA-keskus";
      demo.status = NetworkStatus::kProposed;
    } else if (kind == "advisory_board" || kind == "subcommittee") {
      d.kind = kind == "advisory_board" ? NetworkKind::kAdvisoryBoard : NetworkKind::kSubCommittee;
      d.owner = "Työ- ja elinkeinoministeriö";
      d.statutory = true;
      demo.status = NetworkStatus::kProposed;
    } else if (kind == "city_network") {
      d.kind = NetworkKind::kNetwork;
      d.owner = d.names.fi + " -kaupungit";
      demo.status = NetworkStatus::kDraft;
    } else {
      problems.Add(where, "kind '" + std::string(kind) +
                              "' is not keha_run, nomination_request, advisory_board, "
                              "subcommittee or city_network");
    }
    d.responsible = {"Verkoston sihteeri", "verkostot@keha.example.fi", ""};
    // A name without a translation stays a draft: it cannot be proposed.
    if (d.names.sv.empty()) demo.status = NetworkStatus::kDraft;
    networks.push_back(std::move(demo));
  }
  VERKOSTO_RETURN_IF_ERROR(problems.ToStatus());
  return networks;
}

}  // namespace verkosto::networks
