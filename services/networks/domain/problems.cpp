#include "networks/domain/problems.h"

namespace verkosto::networks {

Status Problems::ToStatus() const {
  if (violations_.empty()) return Status::Ok();
  constexpr size_t kMaxListed = 50;
  std::string message;
  std::vector<FieldViolation> listed;
  for (size_t i = 0; i < violations_.size() && i < kMaxListed; ++i) {
    if (i > 0) message += "; ";
    message += violations_[i].field + ": " + violations_[i].message;
    listed.push_back(violations_[i]);
  }
  if (violations_.size() > kMaxListed) {
    message += "; and " + std::to_string(violations_.size() - kMaxListed) + " more";
  }
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(listed));
}

}  // namespace verkosto::networks
