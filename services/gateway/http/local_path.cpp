#include "gateway/http/local_path.h"

#include <utility>

namespace verkosto::gateway {

namespace {

// The layers of percent-encoding a local target carries: a page's target
// (a `back` or `next` parameter, which httplib has decoded once) keeps its
// query's own escapes, one layer; a typed text that looks like an escape
// ("%41") adds one.
constexpr int kMaxEncodingLayers = 3;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `s` with every "%XX" decoded ("+" stays: it is a space only in a query).
std::string PercentDecoded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = HexValue(s[i + 1]);
      const int lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// One layer: starts with a single "/", no backslash, no control character.
bool LooksLocal(std::string_view s) {
  if (s.empty() || s[0] != '/') return false;
  if (s.size() > 1 && (s[1] == '/' || s[1] == '\\')) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') return false;
  }
  return true;
}

}  // namespace

bool IsLocalPath(std::string_view target) {
  std::string layer(target);
  for (int decoded = 0; decoded <= kMaxEncodingLayers; ++decoded) {
    if (!LooksLocal(layer)) return false;
    std::string next = PercentDecoded(layer);
    if (next == layer) return true;
    layer = std::move(next);
  }
  return false;
}

std::string SafeBack(std::string_view target) {
  return IsLocalPath(target) ? std::string(target) : std::string("/");
}

}  // namespace verkosto::gateway
