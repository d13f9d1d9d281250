#include "networks/domain/problems.h"

#include <algorithm>

namespace verkosto::networks {

Status Problems::ToStatus(bool all_fields) const {
  if (items_.empty()) return Status::Ok();
  constexpr size_t kMaxListed = 50;
  std::string message;
  std::vector<std::string> fields;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (std::find(fields.begin(), fields.end(), items_[i].field) == fields.end()) {
      fields.push_back(items_[i].field);
    }
    if (i < kMaxListed) {
      if (i > 0) message += "; ";
      message += items_[i].field + ": " + items_[i].reason;
    }
  }
  if (items_.size() > kMaxListed) {
    message += "; and " + std::to_string(items_.size() - kMaxListed) + " more";
  }
  std::string field = items_.front().field;
  if (all_fields) {
    field.clear();
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) field += ",";
      field += fields[i];
    }
  }
  return Status::InvalidArgument(std::move(field), std::move(message));
}

}  // namespace verkosto::networks
