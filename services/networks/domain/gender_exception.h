#pragma once

#include <string_view>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "networks/domain/network.h"

namespace verkosto::networks {

// The Equality Act (609/1986) 4 a § (issue 19, item 4; docs/networks.md,
// "Gender balance (Equality Act 4 a §)"): women and men each at least 40 %
// "unless there are special reasons otherwise". The balance is counted by the
// nominations service (it holds the nominees); this records KEHA's special
// reasons when a body does not meet it.
//
// Records `reason` as the network's gender_exception (a new one replaces the
// old): version + 1, GenderBalanceExceptionRecorded whose version lists
// "gender_balance_exception". Errors:
//   PermissionDenied    not a KEHA coordinator;
//   FailedPrecondition  not proposed or open (a draft has no body yet;
//                       a closed or cancelled one no longer);
//   InvalidArgument     "reason" blank or too long (limits::kReason).
Result<NetworkUpdate> RecordGenderBalanceException(const Network& network, std::string_view reason,
                                                   const Actor& actor, TimePoint now);

}  // namespace verkosto::networks
