#include "seed_plan.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace verkosto::cli {

namespace {

// splitmix64: a well-mixed, portable hash, so a plan never depends on the
// standard library's random engines.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t Hash(uint64_t a, uint64_t b) { return Mix(Mix(a) ^ (b * uint64_t{0x100000001b3})); }

struct Theme {
  const char* slug;
  NetworkNames names;
};

// The subjects of KEHA's real networks (data/reference/keha_networks.csv);
// each seeded network is one term of one of them.
const std::array<Theme, 8>& Themes() {
  static const std::array<Theme, 8> kThemes = {{
      {"osaaminen", {"Osaamisverkosto", "Kompetensnätverket", "Skills network"}},
      {"maksajat", {"Maksajaverkosto", "Betalarnätverket", "Payers network"}},
      {"tyottomyysturva",
       {"Työttömyysturvaverkosto", "Nätverket för utkomstskydd", "Unemployment security network"}},
      {"tiedolla-johtaminen",
       {"Tiedolla johtamisen verkosto", "Nätverket för kunskapsbaserad ledning",
        "Knowledge-based management network"}},
      {"tyokyky",
       {"Työkykyosaamisen verkosto", "Nätverket för arbetsförmåga", "Work ability network"}},
      {"eures", {"EURES-verkosto", "EURES-nätverket", "EURES network"}},
      {"opastajat", {"Opastajaverkosto", "Vägledarnätverket", "Guides network"}},
      {"kotoutuminen",
       {"Kotoutumispalveluiden kehittämisverkosto", "Nätverket för integrationstjänster",
        "Integration services network"}},
  }};
  return kThemes;
}

// Invented people: common Finnish first names and surnames, with the ASCII
// form an e-mail address takes.
struct Name {
  const char* text;
  const char* ascii;
};
constexpr std::array<Name, 16> kFirstNames = {{
    {"Aino", "aino"},
    {"Eino", "eino"},
    {"Helmi", "helmi"},
    {"Juhani", "juhani"},
    {"Kaisa", "kaisa"},
    {"Lauri", "lauri"},
    {"Maija", "maija"},
    {"Niilo", "niilo"},
    {"Outi", "outi"},
    {"Pekka", "pekka"},
    {"Riikka", "riikka"},
    {"Sami", "sami"},
    {"Tuula", "tuula"},
    {"Ville", "ville"},
    {"Ylva", "ylva"},
    {"Äijö", "aijo"},
}};
constexpr std::array<Name, 16> kSurnames = {{
    {"Korhonen", "korhonen"},
    {"Virtanen", "virtanen"},
    {"Mäkinen", "makinen"},
    {"Nieminen", "nieminen"},
    {"Mäkelä", "makela"},
    {"Hämäläinen", "hamalainen"},
    {"Laine", "laine"},
    {"Heikkinen", "heikkinen"},
    {"Koskinen", "koskinen"},
    {"Järvinen", "jarvinen"},
    {"Lehtonen", "lehtonen"},
    {"Lehtinen", "lehtinen"},
    {"Saarinen", "saarinen"},
    {"Salminen", "salminen"},
    {"Heinonen", "heinonen"},
    {"Lindqvist", "lindqvist"},
}};
constexpr std::array<const char*, 6> kTitles = {"Asiantuntija",        "Palvelupäällikkö",
                                                "Kehittämispäällikkö", "Työllisyyskoordinaattori",
                                                "Yksikön päällikkö",   "Suunnittelija"};

// Every 20th network of each kind that never opens, at these positions.
constexpr int kCycle = 20;
constexpr int kDraftSlot = 17;
constexpr int kCancelledSlot = 18;  // and 19: proposed

constexpr int kYearDays = 365;
constexpr int kHistoryDays = 10 * kYearDays;

bool Opens(int index) { return index % kCycle < kDraftSlot; }

int CountOpened(int networks) {
  int opened = 0;
  for (int i = 0; i < networks; ++i) opened += Opens(i) ? 1 : 0;
  return opened;
}

}  // namespace

SeedPlan MakeSeedPlan(double scale) {
  SeedPlan plan;
  plan.scale = scale;
  plan.networks = std::max(1, static_cast<int>(std::lround(kNetworksAtScale1 * scale)));
  plan.cases = std::llround(static_cast<double>(kCasesAtScale1) * scale);
  plan.opened_networks = CountOpened(plan.networks);
  // Index 0 always opens, so opened_networks >= 1. The cases of a network
  // do not depend on the day, so any day gives the totals.
  const Date any_day{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}};
  for (int i = 0; i < plan.networks; ++i) {
    plan.expected_memberships += PlannedMemberships(PlanNetwork(plan, i, any_day));
  }
  return plan;
}

NetworkPlan PlanNetwork(const SeedPlan& plan, int index, const Date& today) {
  NetworkPlan n;
  n.index = index;
  const uint64_t h = Hash(static_cast<uint64_t>(index), 0);
  const Theme& theme = Themes()[h % Themes().size()];
  n.names = theme.names;
  if (Opens(index)) {
    // Starts spread over the ten years before today, oldest first.
    const int start_back =
        kHistoryDays - static_cast<int>(static_cast<int64_t>(index) * kHistoryDays / plan.networks);
    n.term_start = AddDays(today, -start_back);
    n.term_end = AddDays(n.term_start, (2 + static_cast<int>((h >> 8) % 3)) * kYearDays - 1);
    n.fate = DaysBetween(today, n.term_end) < 0 ? NetworkFate::kClosed : NetworkFate::kOpen;
    // The cases spread evenly over the opened networks, the first ones
    // taking the remainder; opened network k is the k-th index that opens.
    const int k = index / kCycle * kDraftSlot + index % kCycle;
    const int64_t base = plan.cases / plan.opened_networks;
    const int64_t extra = plan.cases % plan.opened_networks;
    n.cases = static_cast<int>(base + (k < extra ? 1 : 0));
    n.replacement_cases = n.cases / 20;
  } else {
    n.term_start = AddDays(today, 30 + (index % 5) * 30);
    n.term_end = AddDays(n.term_start, 2 * kYearDays - 1);
    const int slot = index % kCycle;
    n.fate = slot == kDraftSlot       ? NetworkFate::kDraft
             : slot == kCancelledSlot ? NetworkFate::kCancelled
                                      : NetworkFate::kProposed;
  }
  const std::string years = " " + std::to_string(static_cast<int>(n.term_start.year())) + "–" +
                            std::to_string(static_cast<int>(n.term_end.year()));
  for (std::string* name : {&n.names.fi, &n.names.sv, &n.names.en}) *name += years;
  n.code = std::string(theme.slug) + "-" + std::to_string(index);
  return n;
}

CasePlan PlanCase(int index, int number) {
  const uint64_t h =
      Hash(static_cast<uint64_t>(index), uint64_t{1000000} + static_cast<uint64_t>(number));
  CasePlan c;
  const int fate = static_cast<int>(h % 100);
  c.fate = fate < 3    ? CaseFate::kWithdrawnUnregistered
           : fate < 5  ? CaseFate::kWithdrawnRegistered
           : fate < 13 ? CaseFate::kDeclined
                       : CaseFate::kApproved;
  // 58 % of approvals fill all four seats: about 3 memberships per case over
  // the whole seed (300 000 at scale 1).
  c.nominees = c.fate == CaseFate::kApproved ? ((h >> 8) % 100 < 58 ? 4 : 3) : 0;
  c.deadline_extended = (h >> 16) % 100 < 25 && c.fate != CaseFate::kWithdrawnUnregistered;
  c.deadline_days = 21 + static_cast<int>((h >> 24) % 40);
  return c;
}

bool AreaDeclines(int index, int area) {
  return Hash(static_cast<uint64_t>(index), uint64_t{2000000} + static_cast<uint64_t>(area)) % 100 <
         8;
}

int64_t PlannedMemberships(const NetworkPlan& plan) {
  int64_t started = 0;
  const int nominations = plan.cases - plan.replacement_cases;
  for (int c = 0; c < nominations; ++c) started += PlanCase(plan.index, c).nominees;
  // A replacement needs a membership to replace; the seed replaces the
  // first ones its approvals started, never more than there are.
  return started + std::min<int64_t>(plan.replacement_cases, started);
}

SeedPerson PlanPerson(int index, int number, int n, const std::string& area) {
  const uint64_t h = Hash(Hash(static_cast<uint64_t>(index), static_cast<uint64_t>(number)),
                          uint64_t{3000000} + static_cast<uint64_t>(n));
  const Name& first = kFirstNames[h % kFirstNames.size()];
  const Name& last = kSurnames[(h >> 8) % kSurnames.size()];
  SeedPerson p;
  p.name = std::string(first.text) + " " + last.text;
  p.email = std::string(first.ascii) + "." + last.ascii + "." + std::to_string(index) + "-" +
            std::to_string(number) + "-" + std::to_string(n) + "@" + area + ".example";
  p.title = kTitles[(h >> 16) % kTitles.size()];
  return p;
}

}  // namespace verkosto::cli
