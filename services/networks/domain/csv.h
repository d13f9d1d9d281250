#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace verkosto::networks {

// One record of a CSV file. `line` is the 1-based line on which the record
// starts (the header is line 1); a quoted field may span several lines.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// A parsed CSV file: its header and its data records.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> records;
};

// Parses RFC 4180 CSV: fields separated by commas, records by LF or CRLF;
// a field may be quoted with '"', and then contain commas, line breaks and
// doubled quotes ("" stands for "). A UTF-8 byte-order mark and blank lines
// are skipped. Fields are not trimmed.
//
// `source` names the file in errors. Returns InvalidArgument, with field
// "<source>:<line>" and the reason in the message, when
//   - the text has no header line,
//   - a quoted field is not closed before the end of the text,
//   - a quote appears inside an unquoted field, or text follows a closing quote,
//   - a record has a different number of fields than the header.
Result<CsvTable> ParseCsv(std::string_view text, std::string_view source);

// Checks that `table.header` is exactly `expected`, in order. InvalidArgument
// with field "<source>:1" otherwise.
Status ExpectHeader(const CsvTable& table, const std::vector<std::string>& expected,
                    std::string_view source);

// "<source>:<line>", the field name used for errors in a data file.
std::string SourceLine(std::string_view source, int line);

}  // namespace verkosto::networks
