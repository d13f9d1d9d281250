#pragma once

#include <string>
#include <string_view>

#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway {

// The records export's files (issue 19, item 3; docs/records-export.md):
// an ExportCaseRecordsResponse written as the documented JSON
// (docs/records-export.schema.json) or XML (docs/records-export.xsd, the
// namespace kRecordsExportNamespace, element names from the SÄHKE2 /
// JHS 191 metadata concepts). One library for the JSON API, the registry's
// export page and the CLI, so all three write the same file.

inline constexpr std::string_view kRecordsExportNamespace = "urn:verkosto:records-export:1";
inline constexpr int kRecordsExportVersion = 1;

// "json" or "xml"; anything else is not a format.
enum class RecordsFormat { kJson, kXml };

// The download path of a letter: "/api/v1/cases/<case id>/letters/<kind>-<language>.pdf"
// (served by the letters of item 1).
std::string LetterDownloadPath(const verkosto::nominations::v1::CaseLetter& letter);

// "request", "acknowledgement", "decision" ("" for UNSPECIFIED).
std::string_view LetterKindText(verkosto::nominations::v1::LetterKind kind);

std::string RecordsToJson(const verkosto::nominations::v1::ExportCaseRecordsResponse& reply);
std::string RecordsToXml(const verkosto::nominations::v1::ExportCaseRecordsResponse& reply);
std::string RecordsTo(RecordsFormat format,
                      const verkosto::nominations::v1::ExportCaseRecordsResponse& reply);

// "application/json; charset=utf-8" or "application/xml; charset=utf-8".
std::string_view RecordsContentType(RecordsFormat format);
// "json" or "xml".
std::string_view RecordsExtension(RecordsFormat format);

// Text made safe for XML 1.0 character data and attribute values: & < > " '
// escaped, characters XML 1.0 forbids (controls other than tab, LF, CR)
// dropped.
std::string XmlEscape(std::string_view text);
// A JSON string literal of `text`, quotes included.
std::string JsonString(std::string_view text);

}  // namespace verkosto::gateway
