#pragma once

#include <string>
#include <string_view>

namespace verkosto {

// The ids of the nominations service, as every service, page and link shows
// them: a case id is "<request id>.<area code>" (e.g.
// "r-4657d17f15bb.kainuu-koillismaa") and a membership id "<case id>.<n>"
// ("r-4657d17f15bb.kainuu-koillismaa.1"). Request ids ("r-<hex>") and area
// codes (a-z, 0-9, -) hold no separator, and '.' is unreserved in URLs, so an
// id is one URL path segment as it is.
inline constexpr char kIdPartSeparator = '.';

// The separator of ids made before it was '.': "r-…/kainuu-koillismaa" and
// "r-…/kainuu-koillismaa/1". Such ids are still accepted wherever an id is
// read (links in e-mails already sent, scripts, un-consumed events).
inline constexpr char kLegacyIdPartSeparator = '/';

// `id` in the current form. A case or membership id in the legacy form — two
// or three non-empty parts of a-z, 0-9 and '-' (the third all digits)
// separated by '/' (or, mixed, by '/' and '.') — comes back with every
// separator '.'; anything else, including an id already in the current form,
// comes back unchanged (an unknown id then stays unknown). Pure; never fails.
// The migrations that rewrote stored ids (all of that shape, as MakeCaseId
// made them) replaced every '/' of an id in SQL: the same result.
std::string UpgradeLegacyId(std::string_view id);

}  // namespace verkosto
