#include "core/limits.h"

namespace verkosto::limits {

size_t Characters(std::string_view text) {
  size_t count = 0;
  for (const char c : text) {
    // Every byte but a UTF-8 continuation byte (10xxxxxx) starts a character.
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

Status CheckLength(std::string_view text, size_t max, const std::string& field) {
  // A quick exit for the usual case: no text of `max` bytes has more characters.
  if (text.size() <= max) return Status::Ok();
  const size_t characters = Characters(text);
  if (characters <= max) return Status::Ok();
  return Status::InvalidArgument(field, "is longer than " + std::to_string(max) +
                                            " characters (it has " + std::to_string(characters) +
                                            ")");
}

Status CheckList(const std::vector<std::string>& entries, size_t max_entries, size_t max_each,
                 const std::string& field) {
  if (entries.size() > max_entries) {
    return Status::InvalidArgument(field, "has more than " + std::to_string(max_entries) +
                                              " entries (it has " + std::to_string(entries.size()) +
                                              ")");
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    VERKOSTO_RETURN_IF_ERROR(
        CheckLength(entries[i], max_each, field + "[" + std::to_string(i) + "]"));
  }
  return Status::Ok();
}

}  // namespace verkosto::limits
