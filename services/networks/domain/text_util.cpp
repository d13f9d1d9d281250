#include "networks/domain/text_util.h"

namespace verkosto::networks {

bool IsSlug(std::string_view text) {
  if (text.size() < 2 || text.size() > 64) return false;
  if (text.front() == '-' || text.back() == '-') return false;
  char previous = '\0';
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

}  // namespace verkosto::networks
