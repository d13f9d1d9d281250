#pragma once

#include <string>
#include <string_view>

namespace verkosto::gateway {

// THE check of every redirect target a client chose (the login's `next`, the
// language switch's `back`, a link in an inbox message…): true when `target`
// is a path on this site, so that a redirect or link to it cannot leave the
// site. It must start with exactly one "/" (not "//" nor "/\"), and holds no
// backslash and no control character (tab, CR, LF… which browsers drop, so
// "/\t/evil.example" would become "//evil.example"). The same holds after
// each layer of percent-decoding ("/%2F…", "/%5C…", "/%09…" are refused);
// more than three layers are refused outright. Schemes ("https:…",
// "javascript:…") never start with "/".
bool IsLocalPath(std::string_view target);

// `target` when IsLocalPath(target), else "/": what every redirect whose
// target came from the client goes to.
std::string SafeBack(std::string_view target);

}  // namespace verkosto::gateway
