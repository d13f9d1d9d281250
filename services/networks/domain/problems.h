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
    violations_.push_back({std::move(field), std::move(reason)});
  }
  // Adds `status`'s violation when it is an error (e.g. a limits::CheckLength).
  void Add(const Status& status) {
    if (!status.ok()) Add(status.field(), status.message());
  }
  bool empty() const { return violations_.empty(); }

  // Ok when empty; otherwise InvalidArgument with one field violation per
  // problem, in the order added (at most 50), and a message listing them as
  // "<field>: <reason>" joined by "; " (then "and N more").
  Status ToStatus() const;

 private:
  std::vector<FieldViolation> violations_;
};

}  // namespace verkosto::networks
