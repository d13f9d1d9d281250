#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace verkosto::networks {

// Collects every problem of a validation so that one error can list them all
// ("goals: at least one goal is required; term.end_date: ...").
class Problems {
 public:
  void Add(std::string field, std::string reason) {
    items_.push_back({std::move(field), std::move(reason)});
  }
  bool empty() const { return items_.empty(); }

  // Ok when empty; otherwise InvalidArgument whose message lists every
  // problem as "<field>: <reason>" joined by "; " (at most 50, then
  // "and N more"), and whose field is the first problem's field, or, with
  // `all_fields`, every distinct field joined by ",".
  Status ToStatus(bool all_fields = false) const;

 private:
  struct Item {
    std::string field;
    std::string reason;
  };
  std::vector<Item> items_;
};

}  // namespace verkosto::networks
