#pragma once

#include <string_view>

namespace verkosto::networks {

// Networks' own text rule; the general helpers (trim, fold case, split,
// join) are verkosto::text in core/text.h.

// True for a slug: 2 to 64 characters of a-z, 0-9 and single inner hyphens
// ("kainuu-koillismaa", "opastajaverkosto").
bool IsSlug(std::string_view text);

}  // namespace verkosto::networks
