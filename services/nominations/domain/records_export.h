#pragma once

#include <string>
#include <string_view>

#include "core/actor.h"
#include "core/date.h"
#include "core/result.h"
#include "core/status.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// The records export (issue 19, item 3; docs/records-export.md): a case's
// record for the area's own case management (JHS 191 / SÄHKE2 metadata).
// The pure rules: who may export, which period, and the fixed metadata.

// The longest period one area export covers, in days (from and to
// included): a year, leap day included. A longer one is refused naming
// `to`, so one export stays one year's records.
inline constexpr int kMaxExportPeriodDays = 366;

// Julkisuusluokka of every exported case record: "public" (julkinen).
// A nomination request, its registration and the area's decision naming
// members to a national network are public documents under the Act on the
// Openness of Government Activities (621/1999, 1 §); the export leaves out
// what is not the record (nominees' e-mail, municipality and language:
// contact data kept for the membership only, GDPR art. 5(1)(c)).
inline constexpr std::string_view kRecordPublicityClass = "public";

// Säilytysaika in years, counted from the end of the year the case closed.
// verkosto's default for a nomination case (a decision naming members of a
// body for a fixed term): 10 years, the common retention of such
// nomination decisions in the areas' information management plans; the
// area's own plan (tiedonohjaussuunnitelma) prevails when it imports.
inline constexpr int kRecordRetentionYears = 10;
inline constexpr std::string_view kRecordRetentionBasis =
    "verkosto default for nomination decisions: 10 years from the end of the year the case "
    "closed; the area's information management plan prevails";

// A period of an area export: cases whose opened date (Case::opened, the
// sending day, or the receipt day of a logged case) lies in [from, to].
struct ExportPeriod {
  Date from{};
  Date to{};

  friend bool operator==(const ExportPeriod&, const ExportPeriod&) = default;
};

// Reads "YYYY-MM-DD" `from` and `to`. InvalidArgument naming the field:
// "from"/"to" when missing or not a date, "to" when before from or when
// the period is longer than kMaxExportPeriodDays.
Result<ExportPeriod> ParseExportPeriod(std::string_view from, std::string_view to);

// True when `day` lies in `period` (both ends included).
bool InPeriod(const ExportPeriod& period, const Date& day);

// May `actor` export the records of `area`? KEHA coordinators: any area;
// the area's registry clerk, director and deputy: their own area only.
// Everyone else (observer, admin, nominee, system, operator) is denied:
// the export is the area's filing, not a read for anyone who may look.
// PermissionDenied naming the role otherwise.
Status AuthorizeExport(const Actor& actor, const AreaCode& area);

// The record's title (asia), in Finnish as the area files it: the logged
// letter's subject when the case came outside verkosto, else by kind:
// "Nimeämispyyntö: <network>", "Seuraajan nimeäminen: <network>",
// "Jäsenten jatkon vahvistaminen: <network>". `network_name` falls back to
// the network's code when empty.
std::string RecordTitle(const Case& c, std::string_view network_name);

}  // namespace verkosto::nominations
