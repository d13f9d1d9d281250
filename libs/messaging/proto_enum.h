#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace verkosto::messaging {

// The short, lower-case name of a protobuf enum value as people and scripts
// write it: NETWORK_STATUS_OPEN -> "open", NETWORK_KIND_SUB_COMMITTEE ->
// "sub_committee". Derived from the enum's descriptor (the prefix is the
// name of its *_UNSPECIFIED = 0 value without "UNSPECIFIED"), so a value
// added to the .proto needs no table here.
inline std::string ShortEnumValueName(const google::protobuf::EnumValueDescriptor& value) {
  const std::string& zero = value.type()->value(0)->name();  // e.g. NETWORK_STATUS_UNSPECIFIED
  constexpr std::string_view kUnspecified = "UNSPECIFIED";
  const size_t prefix = zero.size() >= kUnspecified.size() ? zero.size() - kUnspecified.size() : 0;
  std::string name = value.name().substr(std::min(prefix, value.name().size()));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// The same for a generated enum's value; an unknown number gives
// "unspecified".
template <typename E>
std::string EnumShortName(E value) {
  const google::protobuf::EnumDescriptor* descriptor = google::protobuf::GetEnumDescriptor<E>();
  const google::protobuf::EnumValueDescriptor* v =
      descriptor->FindValueByNumber(static_cast<int>(value));
  return v == nullptr ? "unspecified" : ShortEnumValueName(*v);
}

// The inverse of EnumShortName for the values other than *_UNSPECIFIED:
// "open" -> NETWORK_STATUS_OPEN; nullopt for anything else (also
// "unspecified").
template <typename E>
std::optional<E> EnumFromShortName(std::string_view name) {
  const google::protobuf::EnumDescriptor* descriptor = google::protobuf::GetEnumDescriptor<E>();
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const int number = descriptor->value(i)->number();
    if (number != 0 && EnumShortName(static_cast<E>(number)) == name) return static_cast<E>(number);
  }
  return std::nullopt;
}

}  // namespace verkosto::messaging
