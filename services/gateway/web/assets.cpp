#include "gateway/web/assets.h"

namespace verkosto::gateway::web {

std::string_view Asset(std::string_view name) {
  for (const auto& [path, content] : AllAssets()) {
    if (path == name) return content;
  }
  return {};
}

}  // namespace verkosto::gateway::web
