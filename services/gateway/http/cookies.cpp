#include "gateway/http/cookies.h"

#include <httplib.h>

#include "core/text.h"

namespace verkosto::gateway {

std::string CookieValue(const httplib::Request& req, std::string_view name) {
  const size_t count = req.get_header_value_count("Cookie");
  for (size_t i = 0; i < count; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    for (const std::string& pair : text::Split(header, ';')) {
      const size_t eq = pair.find('=');
      if (eq != std::string::npos && std::string_view(pair).substr(0, eq) == name) {
        return pair.substr(eq + 1);
      }
    }
  }
  return {};
}

}  // namespace verkosto::gateway
