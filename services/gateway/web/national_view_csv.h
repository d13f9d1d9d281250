#pragma once

#include <cstdint>
#include <string>

#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

// The national view's CSV (UTF-8, CRLF, RFC 4180 quoting): a header row, then
// one row per cell, members joined by "; ".
std::string NationalViewCsvHeader();
std::string NationalViewCsvRow(const nominations::v1::NationalViewCell& cell);

// Tenths of an hour as decimal hours: 125 -> "12.5", 40 -> "4".
std::string FormatTenthsText(uint64_t tenths);

}  // namespace verkosto::gateway::web
