#include "core/case_ids.h"

namespace verkosto {

namespace {

bool IsSlugChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string UpgradeLegacyId(std::string_view id) {
  if (id.find(kLegacyIdPartSeparator) == std::string_view::npos) return std::string(id);
  // Only the exact legacy shape is rewritten: text that is no id stays as it
  // was, so an error about it quotes what the caller sent.
  std::string upgraded;
  upgraded.reserve(id.size());
  int parts = 1;
  size_t part_length = 0;
  bool all_digits = true;
  for (const char c : id) {
    if (c == kLegacyIdPartSeparator || c == kIdPartSeparator) {
      if (part_length == 0) return std::string(id);
      ++parts;
      part_length = 0;
      all_digits = true;
      upgraded += kIdPartSeparator;
      continue;
    }
    if (!IsSlugChar(c)) return std::string(id);
    all_digits = all_digits && IsDigit(c);
    ++part_length;
    upgraded += c;
  }
  if (part_length == 0 || parts > 3 || (parts == 3 && !all_digits)) return std::string(id);
  return upgraded;
}

}  // namespace verkosto
