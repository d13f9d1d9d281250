#include "gateway/web/national_view_csv.h"

#include <vector>

namespace verkosto::gateway::web {

namespace {

std::string Quoted(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Line(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += Quoted(fields[i]);
  }
  return line + "\r\n";
}

}  // namespace

std::string NationalViewCsvHeader() {
  return Line({"network", "network_name_fi", "network_status", "area_code", "area_name_fi",
               "participation", "members", "open_requests", "overdue", "hours_per_year"});
}

std::string NationalViewCsvRow(const nominations::v1::NationalViewCell& cell) {
  std::string members;
  for (const std::string& name : cell.members()) {
    if (!members.empty()) members += "; ";
    members += name;
  }
  return Line({cell.network_code(), cell.network_name_fi(), cell.network_status(), cell.area_code(),
               cell.area_name_fi(), cell.participation(), members,
               std::to_string(cell.open_requests()), std::to_string(cell.overdue()),
               FormatTenthsText(cell.hours_per_year_tenths())});
}

std::string FormatTenthsText(uint64_t tenths) {
  std::string text = std::to_string(tenths / 10);
  if (tenths % 10 != 0) text += "." + std::to_string(tenths % 10);
  return text;
}

}  // namespace verkosto::gateway::web
