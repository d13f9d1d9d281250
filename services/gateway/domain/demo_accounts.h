#pragma once

#include <vector>

#include "gateway/domain/accounts.h"

namespace verkosto::gateway {

// The password of every demo account (demo data only; never in production).
inline constexpr char kDemoPassword[] = "verkosto-demo-2026";

// The invented demo accounts the gateway creates on first start when demo
// data is on: a KEHA coordinator; a director, a deputy and a registry clerk
// for kainuu-koillismaa, helsinki and the Swedish-speaking pohjanmaa (Vaasa);
// an observer; an admin; and a nominee whose e-mail
// (nelli.nimitetty@kainuu.example.fi) the demo can approve as a nominee.
// Invented names only. Without password hashes or times.
const std::vector<AccountRecord>& DemoAccounts();

}  // namespace verkosto::gateway
