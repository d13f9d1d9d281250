#include "networks/domain/gender_exception.h"

#include <string>

#include "core/limits.h"
#include "core/text.h"
#include "networks/domain/permissions.h"

namespace verkosto::networks {

Result<NetworkUpdate> RecordGenderBalanceException(const Network& network, std::string_view reason,
                                                   const Actor& actor, TimePoint now) {
  // The body's composition is KEHA's to run, as editing the network is.
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kEditNetwork));
  if (network.status != NetworkStatus::kProposed && network.status != NetworkStatus::kOpen) {
    return Status::FailedPrecondition(
        "cannot record a gender balance exception for network '" + network.code().value() +
        "': it is " + std::string(NetworkStatusName(network.status)) + ", not proposed or open");
  }
  if (text::Trim(reason).empty()) {
    return Status::InvalidArgument(
        "reason", "is required: the special reasons why the body departs from the 40 % rule");
  }
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(reason, limits::kReason, "reason"));
  Network next = network;
  next.version = network.version + 1;
  next.updated_at = now;
  next.gender_exception = MakeAudit(actor, now, std::string(text::Trim(reason)));
  NetworkVersion version{next.version, *next.gender_exception, {"gender_balance_exception"}};
  return NetworkUpdate{next, {GenderBalanceExceptionRecorded{next, std::move(version)}}};
}

}  // namespace verkosto::networks
