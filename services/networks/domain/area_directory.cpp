#include "networks/domain/area_directory.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "core/email.h"
#include "core/language.h"
#include "core/limits.h"
#include "core/text.h"
#include "networks/domain/csv.h"
#include "networks/domain/permissions.h"
#include "networks/domain/problems.h"
#include "networks/domain/text_util.h"

namespace verkosto::networks {

namespace {

constexpr std::string_view kAreasFile = "employment_areas.csv";
constexpr std::string_view kMunicipalitiesFile = "municipalities.csv";

bool IsDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool ParseModel(std::string_view text, AreaModel* model) {
  for (AreaModel m : {AreaModel::kHostMunicipality, AreaModel::kOwn, AreaModel::kJointAuthority}) {
    if (AreaModelName(m) == text) {
      *model = m;
      return true;
    }
  }
  return false;
}

bool ParseConfidence(std::string_view text, Confidence* confidence) {
  for (Confidence c : {Confidence::kVerified, Confidence::kPartial, Confidence::kUnverified}) {
    if (ConfidenceName(c) == text) {
      *confidence = c;
      return true;
    }
  }
  return false;
}

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

bool IsAlandMunicipality(std::string_view code) {
  return std::find(std::begin(kAlandMunicipalityCodes), std::end(kAlandMunicipalityCodes), code) !=
         std::end(kAlandMunicipalityCodes);
}

std::string_view AreaModelName(AreaModel model) {
  switch (model) {
    case AreaModel::kHostMunicipality:
      return "host_municipality";
    case AreaModel::kOwn:
      return "own";
    case AreaModel::kJointAuthority:
      return "joint_authority";
    case AreaModel::kUnspecified:
      break;
  }
  return "unspecified";
}

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kVerified:
      return "verified";
    case Confidence::kPartial:
      return "partial";
    case Confidence::kUnverified:
      return "unverified";
  }
  return "unverified";
}

const std::string& AreaName(const Area& area, Language language) {
  if (language == Language::kSv && !area.name_sv.empty()) return area.name_sv;
  return area.name_fi;
}

Result<std::vector<AreaRow>> ParseEmploymentAreas(std::string_view csv) {
  VERKOSTO_ASSIGN_OR_RETURN(CsvTable table, ParseCsv(csv, kAreasFile));
  VERKOSTO_RETURN_IF_ERROR(
      ExpectHeader(table,
                   {"area_code", "name_fi", "name_sv", "model", "host_municipality",
                    "municipalities", "languages", "source", "confidence"},
                   kAreasFile));
  Problems problems;
  std::vector<AreaRow> rows;
  for (const CsvRecord& record : table.records) {
    const auto& f = record.fields;
    const std::string where = SourceLine(kAreasFile, record.line);
    AreaRow row;
    row.line = record.line;
    Area& area = row.area;
    const std::string_view code = text::Trim(f[0]);
    if (!IsSlug(code))
      problems.Add(where, "area_code " + Quoted(code) + " is not a slug (a-z, 0-9, -)");
    area.code = AreaCode(std::string(code));
    area.name_fi = std::string(text::Trim(f[1]));
    if (area.name_fi.empty()) problems.Add(where, "name_fi is empty");
    area.name_sv = std::string(text::Trim(f[2]));
    if (!ParseModel(text::Trim(f[3]), &area.model)) {
      problems.Add(where, "model " + Quoted(text::Trim(f[3])) +
                              " is not host_municipality, own or joint_authority");
    }
    area.host_municipality = std::string(text::Trim(f[4]));
    row.member_names = text::Split(f[5], ';');
    std::set<std::string> seen;
    for (const std::string& name : row.member_names) {
      if (name.empty()) {
        problems.Add(where, "municipalities has an empty entry");
      } else if (!seen.insert(text::FoldCase(name)).second) {
        problems.Add(where, "municipality " + Quoted(name) + " is listed twice");
      }
    }
    if (row.member_names.empty()) problems.Add(where, "municipalities is empty");
    if (!area.host_municipality.empty() && !seen.contains(text::FoldCase(area.host_municipality))) {
      problems.Add(where, "host_municipality " + Quoted(area.host_municipality) +
                              " is not one of the area's municipalities");
    }
    if (area.model == AreaModel::kOwn && row.member_names.size() != 1) {
      problems.Add(where, "an area of the 'own' model has exactly one municipality");
    }
    area.languages = text::Split(f[6], ';');
    if (area.languages.empty()) problems.Add(where, "languages is empty");
    for (const std::string& language : area.languages) {
      const std::optional<Language> parsed = LanguageFromCode(language);
      if (parsed != Language::kFi && parsed != Language::kSv) {
        problems.Add(where, "language " + Quoted(language) + " is not fi or sv");
      }
    }
    area.source = std::string(text::Trim(f[7]));
    if (!ParseConfidence(text::Trim(f[8]), &area.confidence)) {
      problems.Add(where, "confidence " + Quoted(text::Trim(f[8])) +
                              " is not verified, partial or unverified");
    }
    rows.push_back(std::move(row));
  }
  VERKOSTO_RETURN_IF_ERROR(problems.ToStatus());
  return rows;
}

Result<std::vector<MunicipalityRow>> ParseMunicipalities(std::string_view csv) {
  VERKOSTO_ASSIGN_OR_RETURN(CsvTable table, ParseCsv(csv, kMunicipalitiesFile));
  VERKOSTO_RETURN_IF_ERROR(ExpectHeader(table, {"code", "name_fi", "name_sv", "area_code", "note"},
                                        kMunicipalitiesFile));
  Problems problems;
  std::vector<MunicipalityRow> rows;
  for (const CsvRecord& record : table.records) {
    const auto& f = record.fields;
    const std::string where = SourceLine(kMunicipalitiesFile, record.line);
    MunicipalityRow row;
    row.line = record.line;
    Municipality& m = row.municipality;
    m.code = std::string(text::Trim(f[0]));
    if (m.code.size() != 3 || !IsDigits(m.code)) {
      problems.Add(where, "code " + Quoted(m.code) + " is not 3 digits");
    }
    m.name_fi = std::string(text::Trim(f[1]));
    if (m.name_fi.empty()) problems.Add(where, "name_fi is empty");
    m.name_sv = std::string(text::Trim(f[2]));
    const std::string_view area = text::Trim(f[3]);
    m.area = AreaCode(std::string(area));
    m.note = std::string(text::Trim(f[4]));
    if (IsAlandMunicipality(m.code)) {
      if (!area.empty()) {
        problems.Add(where, m.name_fi +
                                " is in Åland, outside the TE24 reform: area_code must be "
                                "empty");
      }
    } else if (area.empty()) {
      problems.Add(where, "area_code is empty (every mainland municipality belongs to an area)");
    } else if (!IsSlug(area)) {
      problems.Add(where, "area_code " + Quoted(area) + " is not a slug (a-z, 0-9, -)");
    }
    rows.push_back(std::move(row));
  }
  VERKOSTO_RETURN_IF_ERROR(problems.ToStatus());
  return rows;
}

Result<AreaDirectory> BuildAreaDirectory(const std::vector<AreaRow>& areas,
                                         const std::vector<MunicipalityRow>& municipalities,
                                         size_t expected_areas) {
  Problems problems;
  if (areas.size() != expected_areas) {
    problems.Add(std::string(kAreasFile), "expected " + std::to_string(expected_areas) +
                                              " areas, found " + std::to_string(areas.size()));
  }
  // Area code -> index into `areas`.
  std::map<AreaCode, size_t> area_index;
  for (size_t i = 0; i < areas.size(); ++i) {
    if (!area_index.emplace(areas[i].area.code, i).second) {
      problems.Add(SourceLine(kAreasFile, areas[i].line),
                   "area_code " + Quoted(areas[i].area.code.value()) + " repeats line " +
                       std::to_string(areas[area_index[areas[i].area.code]].line));
    }
  }
  // Municipality codes and folded names (fi and sv) -> index.
  std::map<std::string, size_t> by_code;
  std::map<std::string, size_t> by_name;
  for (size_t i = 0; i < municipalities.size(); ++i) {
    const MunicipalityRow& row = municipalities[i];
    const std::string where = SourceLine(kMunicipalitiesFile, row.line);
    if (!by_code.emplace(row.municipality.code, i).second) {
      problems.Add(where, "code " + row.municipality.code + " repeats line " +
                              std::to_string(municipalities[by_code[row.municipality.code]].line));
    }
    std::set<std::string> names = {text::FoldCase(row.municipality.name_fi)};
    if (!row.municipality.name_sv.empty()) names.insert(text::FoldCase(row.municipality.name_sv));
    for (const std::string& name : names) {
      auto [it, inserted] = by_name.emplace(name, i);
      if (!inserted) {
        problems.Add(where, "name " + Quoted(name) + " is already used on line " +
                                std::to_string(municipalities[it->second].line));
      }
    }
    if (!row.municipality.area.empty() && !area_index.contains(row.municipality.area)) {
      problems.Add(where, "area_code " + Quoted(row.municipality.area.value()) +
                              " is not an area of employment_areas.csv");
    }
  }
  // Each area's list against the mapping. `listed_by` records which area row
  // lists each municipality, to find mainland municipalities no area lists.
  std::map<size_t, size_t> listed_by;
  for (size_t a = 0; a < areas.size(); ++a) {
    const AreaRow& row = areas[a];
    for (const std::string& name : row.member_names) {
      auto it = by_name.find(text::FoldCase(name));
      if (it == by_name.end()) {
        problems.Add(SourceLine(kAreasFile, row.line),
                     "municipality " + Quoted(name) + " is not in municipalities.csv");
        continue;
      }
      const MunicipalityRow& m = municipalities[it->second];
      auto [prev, inserted] = listed_by.emplace(it->second, a);
      if (!inserted) {
        problems.Add(SourceLine(kAreasFile, row.line),
                     "municipality " + Quoted(name) + " is also listed by area " +
                         Quoted(areas[prev->second].area.code.value()) + " (line " +
                         std::to_string(areas[prev->second].line) + ")");
      }
      if (m.municipality.area != row.area.code) {
        problems.Add(SourceLine(kMunicipalitiesFile, m.line),
                     m.municipality.name_fi + " has area_code " +
                         Quoted(m.municipality.area.value()) + " but area " +
                         Quoted(row.area.code.value()) +
                         " lists it (employment_areas.csv:" + std::to_string(row.line) + ")");
      }
    }
  }
  for (size_t i = 0; i < municipalities.size(); ++i) {
    const MunicipalityRow& m = municipalities[i];
    if (!m.municipality.area.empty() && !listed_by.contains(i) &&
        area_index.contains(m.municipality.area)) {
      problems.Add(SourceLine(kMunicipalitiesFile, m.line),
                   m.municipality.name_fi + " has area_code " +
                       Quoted(m.municipality.area.value()) +
                       " but that area does not list it (employment_areas.csv:" +
                       std::to_string(areas[area_index[m.municipality.area]].line) + ")");
    }
  }
  VERKOSTO_RETURN_IF_ERROR(problems.ToStatus());

  AreaDirectory directory;
  for (const MunicipalityRow& row : municipalities)
    directory.municipalities.push_back(row.municipality);
  std::sort(directory.municipalities.begin(), directory.municipalities.end(),
            [](const Municipality& a, const Municipality& b) { return a.code < b.code; });
  for (const AreaRow& row : areas) {
    Area area = row.area;
    for (const Municipality& m : directory.municipalities) {
      if (m.area == area.code) area.municipalities.push_back(m.code);
    }
    directory.areas.push_back(std::move(area));
  }
  return directory;
}

Result<AreaDirectory> ParseAreaDirectory(std::string_view employment_areas_csv,
                                         std::string_view municipalities_csv,
                                         size_t expected_areas) {
  VERKOSTO_ASSIGN_OR_RETURN(auto areas, ParseEmploymentAreas(employment_areas_csv));
  VERKOSTO_ASSIGN_OR_RETURN(auto municipalities, ParseMunicipalities(municipalities_csv));
  return BuildAreaDirectory(areas, municipalities, expected_areas);
}

namespace {

void CompareField(const std::string& what, std::string_view name, const std::string& before,
                  const std::string& after, std::vector<std::string>* changes) {
  if (before != after) {
    changes->push_back(what + ": " + std::string(name) + " " + Quoted(before) + " -> " +
                       Quoted(after));
  }
}

// The differences between two versions of an area, contacts excluded.
std::vector<std::string> AreaChanges(const Area& a, const Area& b) {
  std::vector<std::string> changes;
  const std::string what = "area " + a.code.value();
  CompareField(what, "name_fi", a.name_fi, b.name_fi, &changes);
  CompareField(what, "name_sv", a.name_sv, b.name_sv, &changes);
  CompareField(what, "model", std::string(AreaModelName(a.model)),
               std::string(AreaModelName(b.model)), &changes);
  CompareField(what, "host_municipality", a.host_municipality, b.host_municipality, &changes);
  CompareField(what, "languages", text::Join(a.languages, ";"), text::Join(b.languages, ";"),
               &changes);
  CompareField(what, "municipalities", text::Join(a.municipalities, ";"),
               text::Join(b.municipalities, ";"), &changes);
  CompareField(what, "source", a.source, b.source, &changes);
  CompareField(what, "confidence", std::string(ConfidenceName(a.confidence)),
               std::string(ConfidenceName(b.confidence)), &changes);
  return changes;
}

std::vector<std::string> MunicipalityChanges(const Municipality& a, const Municipality& b) {
  std::vector<std::string> changes;
  const std::string what = "municipality " + a.code;
  CompareField(what, "name_fi", a.name_fi, b.name_fi, &changes);
  CompareField(what, "name_sv", a.name_sv, b.name_sv, &changes);
  CompareField(what, "area_code", a.area.value(), b.area.value(), &changes);
  CompareField(what, "note", a.note, b.note, &changes);
  return changes;
}

}  // namespace

AreaDirectoryDiff DiffAreaDirectory(const AreaDirectory& before, const AreaDirectory& after) {
  AreaDirectoryDiff diff;
  std::map<AreaCode, const Area*> old_areas;
  std::map<AreaCode, const Area*> new_areas;
  for (const Area& a : before.areas) old_areas[a.code] = &a;
  for (const Area& a : after.areas) new_areas[a.code] = &a;
  for (const auto& [code, area] : new_areas) {
    auto it = old_areas.find(code);
    if (it == old_areas.end()) {
      diff.areas_added.push_back(code);
      diff.changes.push_back("area " + code.value() + " added (" + area->name_fi + ")");
      continue;
    }
    auto changes = AreaChanges(*it->second, *area);
    if (!changes.empty()) {
      diff.areas_changed.push_back(code);
      diff.changes.insert(diff.changes.end(), changes.begin(), changes.end());
    }
  }
  for (const auto& [code, area] : old_areas) {
    if (!new_areas.contains(code)) {
      diff.areas_removed.push_back(code);
      diff.changes.push_back("area " + code.value() + " removed (" + area->name_fi + ")");
    }
  }
  std::map<std::string, const Municipality*> old_m;
  std::map<std::string, const Municipality*> new_m;
  for (const Municipality& m : before.municipalities) old_m[m.code] = &m;
  for (const Municipality& m : after.municipalities) new_m[m.code] = &m;
  for (const auto& [code, m] : new_m) {
    auto it = old_m.find(code);
    if (it == old_m.end()) {
      diff.municipalities_added.push_back(code);
      diff.changes.push_back("municipality " + code + " added (" + m->name_fi + ")");
      continue;
    }
    auto changes = MunicipalityChanges(*it->second, *m);
    if (!changes.empty()) {
      diff.municipalities_changed.push_back(code);
      diff.changes.insert(diff.changes.end(), changes.begin(), changes.end());
    }
  }
  for (const auto& [code, m] : old_m) {
    if (!new_m.contains(code)) {
      diff.municipalities_removed.push_back(code);
      diff.changes.push_back("municipality " + code + " removed (" + m->name_fi + ")");
    }
  }
  return diff;
}

namespace {

std::vector<AreaCode> TouchedAreas(const AreaDirectoryDiff& diff) {
  std::set<AreaCode> codes(diff.areas_added.begin(), diff.areas_added.end());
  codes.insert(diff.areas_changed.begin(), diff.areas_changed.end());
  codes.insert(diff.areas_removed.begin(), diff.areas_removed.end());
  return {codes.begin(), codes.end()};
}

}  // namespace

Result<AreaDirectoryUpdate> LoadReferenceData(const AreaDirectory& current,
                                              std::string_view employment_areas_csv,
                                              std::string_view municipalities_csv,
                                              const Actor& actor, TimePoint now,
                                              size_t expected_areas) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kLoadReferenceData));
  VERKOSTO_ASSIGN_OR_RETURN(
      AreaDirectory loaded,
      ParseAreaDirectory(employment_areas_csv, municipalities_csv, expected_areas));
  for (Area& area : loaded.areas) {
    const Area* existing = FindArea(current, area.code);
    area.contacts = existing != nullptr ? existing->contacts : DemoContacts(area.code);
  }
  AreaDirectoryUpdate update;
  update.diff = DiffAreaDirectory(current, loaded);
  update.directory = std::move(loaded);
  if (!update.diff.empty()) {
    update.events.push_back(AreaDirectoryChanged{TouchedAreas(update.diff), update.diff.changes,
                                                 MakeAudit(actor, now)});
  }
  return update;
}

namespace {

// Invented names; any likeness to a real person is accidental.
constexpr std::string_view kFirstNames[] = {"Aino",   "Eero",     "Helmi", "Juhani", "Kaisa",
                                            "Lauri",  "Marjatta", "Niilo", "Outi",   "Pentti",
                                            "Riikka", "Sakari",   "Tuula", "Veikko", "Elina",
                                            "Oskari", "Siiri",    "Toivo", "Hilkka", "Arvo"};
constexpr std::string_view kLastNames[] = {
    "Kivirinne",  "Pajuvaara",    "Kuusilahti",  "Lepokorpi",   "Harmaaoja", "Tuulirinta",
    "Sammalkivi", "Kaislaranta",  "Routamaa",    "Vuorenheimo", "Järvisalo", "Mäntyrinne",
    "Koivukumpu", "Haapaniemelä", "Rastaskorpi", "Sarajärvelä"};

// "järvisalo" -> "jarvisalo": e-mail local parts stay ASCII.
std::string EmailPart(std::string_view name) {
  const std::string folded = text::FoldCase(name);
  std::string out;
  for (size_t i = 0; i < folded.size(); ++i) {
    const auto byte = static_cast<unsigned char>(folded[i]);
    if (byte == 0xC3 && i + 1 < folded.size()) {
      const auto next = static_cast<unsigned char>(folded[++i]);
      if (next == 0xA4 || next == 0xA5)
        out += 'a';  // ä, å
      else if (next == 0xB6)
        out += 'o';  // ö
      else if (next == 0xBC)
        out += 'u';  // ü
    } else if (byte < 0x80) {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

Contact DemoPerson(uint64_t hash, size_t offset, const std::string& domain) {
  constexpr size_t kFirst = std::size(kFirstNames);
  constexpr size_t kLast = std::size(kLastNames);
  const std::string_view first = kFirstNames[(hash + offset * 7) % kFirst];
  const std::string_view last = kLastNames[((hash >> 16) + offset * 5) % kLast];
  return Contact{std::string(first) + " " + std::string(last),
                 EmailPart(first) + "." + EmailPart(last) + "@" + domain, ""};
}

}  // namespace

AreaContacts DemoContacts(const AreaCode& area) {
  const std::string domain = area.value() + ".example.fi";
  const uint64_t hash = text::StableHash(area.value());
  AreaContacts contacts;
  contacts.registry_office = Contact{"Kirjaamo", "kirjaamo@" + domain, ""};
  contacts.director = DemoPerson(hash, 0, domain);
  contacts.deputy = DemoPerson(hash, 1, domain);  // both offsets differ: never the same name
  return contacts;
}

namespace {

void CheckContact(const Contact& contact, const std::string& name, Problems* problems) {
  problems->Add(limits::CheckLength(contact.name, limits::kName, name + ".name"));
  problems->Add(limits::CheckLength(contact.email, limits::kEmail, name + ".email"));
  problems->Add(limits::CheckLength(contact.phone, limits::kPhone, name + ".phone"));
  if (!contact.email.empty() && !IsValidEmail(contact.email)) {
    problems->Add(name + ".email", "is not an e-mail address");
  }
  if (!contact.email.empty() && text::Trim(contact.name).empty()) {
    problems->Add(name + ".name", "is required with an e-mail address");
  }
}

std::string DescribeContact(const Contact& c) {
  return c.name + " <" + c.email + ">" + (c.phone.empty() ? "" : " " + c.phone);
}

}  // namespace

Result<AreaDirectoryUpdate> SetAreaContacts(const AreaDirectory& current, const AreaCode& area,
                                            const AreaContacts& contacts, const Actor& actor,
                                            TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kSetAreaContacts));
  if (FindArea(current, area) == nullptr) {
    return Status::NotFound("no employment area '" + area.value() + "'");
  }
  Problems problems;
  CheckContact(contacts.registry_office, "registry_office", &problems);
  CheckContact(contacts.director, "director", &problems);
  CheckContact(contacts.deputy, "deputy", &problems);
  VERKOSTO_RETURN_IF_ERROR(problems.ToStatus());

  AreaDirectoryUpdate update;
  update.directory = current;
  for (Area& a : update.directory.areas) {
    if (a.code != area) continue;
    const std::string what = "area " + area.value();
    CompareField(what, "registry_office", DescribeContact(a.contacts.registry_office),
                 DescribeContact(contacts.registry_office), &update.diff.changes);
    CompareField(what, "director", DescribeContact(a.contacts.director),
                 DescribeContact(contacts.director), &update.diff.changes);
    CompareField(what, "deputy", DescribeContact(a.contacts.deputy),
                 DescribeContact(contacts.deputy), &update.diff.changes);
    a.contacts = contacts;
  }
  if (!update.diff.empty()) {
    update.diff.areas_changed.push_back(area);
    update.events.push_back(
        AreaDirectoryChanged{{area}, update.diff.changes, MakeAudit(actor, now)});
  }
  return update;
}

const Area* FindArea(const AreaDirectory& directory, const AreaCode& code) {
  for (const Area& area : directory.areas) {
    if (area.code == code) return &area;
  }
  return nullptr;
}

Result<MunicipalityMatch> FindAreaOfMunicipality(const AreaDirectory& directory,
                                                 std::string_view name_or_code) {
  const std::string_view query = text::Trim(name_or_code);
  if (query.empty()) {
    return Status::InvalidArgument("municipality", "give a municipality's name or code");
  }
  const Municipality* found = nullptr;
  if (IsDigits(query)) {
    if (query.size() > 3) {
      return Status::InvalidArgument("municipality",
                                     "a municipality code has at most 3 digits, e.g. 005");
    }
    const std::string code = std::string(3 - query.size(), '0') + std::string(query);
    for (const Municipality& m : directory.municipalities) {
      if (m.code == code) found = &m;
    }
  } else {
    const std::string folded = text::FoldCase(query);
    for (const Municipality& m : directory.municipalities) {
      if (text::FoldCase(m.name_fi) == folded ||
          (!m.name_sv.empty() && text::FoldCase(m.name_sv) == folded)) {
        found = &m;
        break;
      }
    }
  }
  if (found == nullptr) {
    return Status::NotFound("no municipality " + Quoted(query));
  }
  if (found->area.empty()) {
    return Status::NotFound(found->name_fi + " (" + found->code +
                            ") is in Åland, outside the TE24 reform: it belongs to no employment "
                            "area");
  }
  const Area* area = FindArea(directory, found->area);
  if (area == nullptr) {
    return Status::NotFound("the area " + Quoted(found->area.value()) + " of " + found->name_fi +
                            " is not in the directory");
  }
  return MunicipalityMatch{*found, *area};
}

}  // namespace verkosto::networks
