#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace verkosto::gateway::web {

// Every embedded file as (path relative to services/gateway/web, content),
// e.g. ("templates/layout.mustache", "<!DOCTYPE html>…"). Generated at build time.
const std::vector<std::pair<std::string_view, std::string_view>>& AllAssets();

// The content of the embedded file `name`, or empty when there is none.
std::string_view Asset(std::string_view name);

}  // namespace verkosto::gateway::web
