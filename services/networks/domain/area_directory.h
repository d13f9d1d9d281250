#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/language.h"
#include "core/result.h"
#include "networks/domain/types.h"

namespace verkosto::networks {

// The area directory: the 45 employment areas of the TE24 reform and the
// municipalities they consist of, parsed from the reference files shipped in
// data/reference/ (employment_areas.csv, municipalities.csv).
//
// Decisions about the data (checked against the files in the repository):
//  - municipalities.csv lists 309 municipalities: the 293 of mainland Finland,
//    each with an area_code, and the 16 municipalities of Åland, which are
//    outside the TE24 reform and have an empty area_code (their note says
//    so). The Åland municipalities are identified by their Statistics Finland
//    codes (kAlandMunicipalityCodes, stable since 2009), not by the note: an
//    Åland row must have no area, and every other row must have one; any other
//    combination is a bad row. They are kept in the directory (area empty) so
//    that looking one up gives a clear answer instead of "unknown".
//  - Both files list the membership: an area's `municipalities` column (names)
//    and each municipality's `area_code`. They must agree exactly; every
//    disagreement is an error naming the municipalities.csv line (and the
//    employment_areas.csv line of the area that lists it). Nothing is loaded
//    while any error remains.
//  - name_sv is empty for most areas (the sources give no official Swedish
//    name). The directory keeps it empty — it does not invent names — and
//    AreaName() falls back to the Finnish name for Swedish display.
//  - host_municipality is empty for three areas: Suupohja (a joint municipal
//    authority, which has no host municipality) and Meri-Lappi and Pohjois- ja
//    Itä-Lappi (host model, host not confirmed by the sources). An empty host
//    is therefore allowed for any model; a given host must be a member.
//  - An area of the `own` model has exactly one municipality.
//  - `confidence` (verified / partial / unverified) and `source` are kept with
//    each area so the product can show how certain a row is; the
//    municipalities' `note` is kept verbatim.
//  - The CSV files carry no contacts. A newly loaded area gets invented demo
//    contacts (DemoContacts); an area already in the directory keeps its
//    contacts when the reference data is reloaded.

inline constexpr size_t kAreaCount = 45;
inline constexpr size_t kMainlandMunicipalityCount = 293;

// Statistics Finland codes of the 16 municipalities of Åland.
inline constexpr std::string_view kAlandMunicipalityCodes[] = {
    "035", "043", "060", "062", "065", "076", "170", "295",
    "318", "417", "438", "478", "736", "766", "771", "941"};

// True when `code` (3 digits) is an Åland municipality.
bool IsAlandMunicipality(std::string_view code);

enum class AreaModel {
  kUnspecified = 0,
  kHostMunicipality = 1,  // vastuukuntamalli
  kOwn = 2,               // a city organising alone
  kJointAuthority = 3,    // kuntayhtymä
};
// "host_municipality", "own", "joint_authority" (the CSV spelling).
std::string_view AreaModelName(AreaModel model);

enum class Confidence { kVerified, kPartial, kUnverified };
// "verified", "partial", "unverified" (the CSV spelling).
std::string_view ConfidenceName(Confidence confidence);

// An area's registry office (kirjaamo) and employment leadership.
struct AreaContacts {
  Contact registry_office;
  Contact director;
  Contact deputy;

  friend bool operator==(const AreaContacts&, const AreaContacts&) = default;
};

struct Area {
  AreaCode code;
  std::string name_fi;
  std::string name_sv;  // may be empty: see AreaName()
  AreaModel model = AreaModel::kUnspecified;
  std::string host_municipality;            // a member's Finnish name; may be empty
  std::vector<std::string> languages;       // LanguageCode()s: "fi", or "fi" and "sv"
  std::vector<std::string> municipalities;  // Statistics Finland codes, ascending
  std::string source;
  Confidence confidence = Confidence::kUnverified;
  AreaContacts contacts;

  friend bool operator==(const Area&, const Area&) = default;
};

struct Municipality {
  std::string code;  // 3 digits, e.g. "005"
  std::string name_fi;
  std::string name_sv;  // may be empty (no separate Swedish name)
  AreaCode area;        // empty for Åland
  std::string note;

  friend bool operator==(const Municipality&, const Municipality&) = default;
};

// The whole directory. Areas in file order, municipalities by code.
struct AreaDirectory {
  std::vector<Area> areas;
  std::vector<Municipality> municipalities;

  friend bool operator==(const AreaDirectory&, const AreaDirectory&) = default;
};

// The area's name in `language`: the Swedish name, or the Finnish one when
// there is no Swedish name; Finnish otherwise.
const std::string& AreaName(const Area& area, Language language);

// One data row of employment_areas.csv after row-level checks.
struct AreaRow {
  int line = 0;
  Area area;                              // municipalities not yet resolved
  std::vector<std::string> member_names;  // the `municipalities` column
};

// One data row of municipalities.csv after row-level checks.
struct MunicipalityRow {
  int line = 0;
  Municipality municipality;
};

// Parses employment_areas.csv (columns area_code, name_fi, name_sv, model,
// host_municipality, municipalities, languages, source, confidence).
// InvalidArgument with field "employment_areas.csv:<line>" for a CSV syntax
// error, a wrong header, or a bad row: area_code not a slug, empty name_fi,
// unknown model or confidence, languages other than fi/sv, no municipalities,
// a municipality listed twice, a host that is not a member, or an `own` area
// with more than one municipality. All bad rows are reported in one message
// ("line 7: ...; line 9: ..."); `field` names the first.
Result<std::vector<AreaRow>> ParseEmploymentAreas(std::string_view csv);

// Parses municipalities.csv (columns code, name_fi, name_sv, area_code, note).
// InvalidArgument with field "municipalities.csv:<line>" for a CSV syntax
// error, a wrong header, or a bad row: code not 3 digits, empty name_fi,
// area_code not a slug, an Åland municipality with an area, or a mainland
// municipality without one. All bad rows are reported, as above.
Result<std::vector<MunicipalityRow>> ParseMunicipalities(std::string_view csv);

// Checks the two files against each other and builds the directory (with
// empty contacts). InvalidArgument, every problem listed and `field` naming
// the first, when: the number of areas is not `expected_areas`; an area code,
// municipality code or municipality name (fi or sv, case-insensitive) repeats;
// a municipality names an area that does not exist; an area lists a name that
// is not a municipality; or the two files disagree on a membership.
Result<AreaDirectory> BuildAreaDirectory(const std::vector<AreaRow>& areas,
                                         const std::vector<MunicipalityRow>& municipalities,
                                         size_t expected_areas = kAreaCount);

// ParseEmploymentAreas + ParseMunicipalities + BuildAreaDirectory.
Result<AreaDirectory> ParseAreaDirectory(std::string_view employment_areas_csv,
                                         std::string_view municipalities_csv,
                                         size_t expected_areas = kAreaCount);

// What differs between two directories. Contacts are not compared (the
// reference files carry none). Codes ascending.
struct AreaDirectoryDiff {
  std::vector<AreaCode> areas_added;
  std::vector<AreaCode> areas_changed;
  std::vector<AreaCode> areas_removed;
  std::vector<std::string> municipalities_added;  // codes
  std::vector<std::string> municipalities_changed;
  std::vector<std::string> municipalities_removed;
  // One human-readable line per change, e.g.
  // "area turku: name_sv '' -> 'Åbo'", "municipality 478 added (Maarianhamina)".
  std::vector<std::string> changes;

  bool empty() const { return changes.empty(); }
};

AreaDirectoryDiff DiffAreaDirectory(const AreaDirectory& before, const AreaDirectory& after);

// Event: the directory changed (reference data loaded, or contacts set).
struct AreaDirectoryChanged {
  std::vector<AreaCode> areas;  // the areas added, changed or removed
  std::vector<std::string> changes;
  Audit audit;
};

struct AreaDirectoryUpdate {
  AreaDirectory directory;
  AreaDirectoryDiff diff;
  std::vector<AreaDirectoryChanged> events;  // empty when nothing changed
};

// Loads the reference data over `current`. Idempotent: loading the same files
// again changes nothing and yields no event. Areas already present keep their
// contacts; new areas get DemoContacts(). Errors, and nothing is changed:
//   PermissionDenied  unless Authorize(actor, kLoadReferenceData);
//   InvalidArgument   as ParseAreaDirectory.
Result<AreaDirectoryUpdate> LoadReferenceData(const AreaDirectory& current,
                                              std::string_view employment_areas_csv,
                                              std::string_view municipalities_csv,
                                              const Actor& actor, TimePoint now,
                                              size_t expected_areas = kAreaCount);

// Invented, deterministic demo contacts for `area`: registry office
// "Kirjaamo" <kirjaamo@<code>.example.fi>, a director and a different deputy
// with invented Finnish names picked from fixed lists by a hash of the code,
// e-mails <first.last@<code>.example.fi>. Never real people; the example.fi
// addresses cannot receive mail.
AreaContacts DemoContacts(const AreaCode& area);

// Sets an area's contacts (replacing the demo ones). Errors:
//   PermissionDenied  unless Authorize(actor, kSetAreaContacts) (admins);
//   NotFound          no such area;
//   InvalidArgument   an e-mail IsValidEmail rejects ("registry_office.email",
//                     "director.email", "deputy.email"), or a contact with an
//                     e-mail but no name ("director.name", ...).
// Setting the same contacts again yields no event.
Result<AreaDirectoryUpdate> SetAreaContacts(const AreaDirectory& current, const AreaCode& area,
                                            const AreaContacts& contacts, const Actor& actor,
                                            TimePoint now);

// The area with `code`, or nullptr.
const Area* FindArea(const AreaDirectory& directory, const AreaCode& code);

struct MunicipalityMatch {
  Municipality municipality;
  Area area;
};

// The area of a municipality given by name (Finnish or Swedish,
// case-insensitive, surrounding spaces ignored) or by Statistics Finland code
// (1 to 3 digits; "5" means "005"). Errors:
//   InvalidArgument  (field "municipality") empty query, or more than 3 digits;
//   NotFound         no such municipality, or an Åland municipality (outside
//                    the TE24 reform: it belongs to no employment area).
Result<MunicipalityMatch> FindAreaOfMunicipality(const AreaDirectory& directory,
                                                 std::string_view name_or_code);

}  // namespace verkosto::networks
