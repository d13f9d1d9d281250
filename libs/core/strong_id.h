#pragma once

#include <compare>
#include <functional>
#include <string>
#include <utility>

namespace verkosto {

// A string identifier that cannot be mixed up with another kind of id
// (userver's StrongTypedef). `Tag` is an empty struct naming the kind:
//   struct NetworkIdTag {};
//   using NetworkId = StrongId<NetworkIdTag>;
template <typename Tag>
class StrongId {
 public:
  StrongId() = default;
  explicit StrongId(std::string value) : value_(std::move(value)) {}

  const std::string& value() const { return value_; }
  bool empty() const { return value_.empty(); }

  // clang-tidy 14 reports the comparison category's literal 0 in a defaulted <=>.
  friend auto operator<=>(const StrongId&,
                          const StrongId&) = default;  // NOLINT(modernize-use-nullptr)

 private:
  std::string value_;
};

}  // namespace verkosto

template <typename Tag>
struct std::hash<verkosto::StrongId<Tag>> {
  size_t operator()(const verkosto::StrongId<Tag>& id) const noexcept {
    return std::hash<std::string>()(id.value());
  }
};
