#pragma once

#include <string_view>

namespace verkosto {

// The one e-mail address check of the system, used wherever an address is
// accepted (accounts, area contacts, nominees, self-service corrections) so
// that every address one service stores is one every other will deliver to.
// A plain addr-spec: local@domain, at most 254 bytes, a local part of 1..64
// bytes with no leading, trailing or doubled dot, a domain of two or more
// non-empty dot-separated labels, and no spaces, control characters or
// ()<>,;:\"[] anywhere.
bool IsValidEmail(std::string_view email);

}  // namespace verkosto
