#include "core/page.h"

#include <charconv>

#include "core/text.h"

namespace verkosto::page {

namespace {

constexpr std::string_view kVersion = "p1";
constexpr char kSeparator = '\0';
constexpr char kHex[] = "0123456789abcdef";

// 64 bits of digest tell one filter set from another; the filters are not secret.
std::string Digest(std::string_view filters) { return std::to_string(text::StableHash(filters)); }

std::string Hex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

int Nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool Unhex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int high = Nibble(hex[i]);
    const int low = Nibble(hex[i + 1]);
    if (high < 0 || low < 0) return false;
    out += static_cast<char>((high << 4) | low);
  }
  return true;
}

std::vector<std::string_view> Parts(std::string_view record) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = record.find(kSeparator, start);
    parts.push_back(record.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

Status BadToken(std::string message) {
  return Status::InvalidArgument("page_token", std::move(message));
}

}  // namespace

Result<PageRequest> Read(uint32_t page_size, std::string_view page_token, std::string_view list,
                         std::string_view filters, size_t key_parts) {
  PageRequest page;
  if (page_size > kMaxPageSize) {
    return Status::InvalidArgument("page_size", "must be at most " + std::to_string(kMaxPageSize) +
                                                    " (it is " + std::to_string(page_size) + ")");
  }
  if (page_size > 0) page.size = page_size;
  if (page_token.empty()) return page;
  // A token is short; anything much longer is not one of ours.
  constexpr size_t kMaxToken = 4096;
  std::string record;
  if (page_token.size() > kMaxToken || !Unhex(page_token, record)) {
    return BadToken("is not a page token (pass the next_page_token of the previous page)");
  }
  const std::vector<std::string_view> parts = Parts(record);
  if (parts.size() != 3 + key_parts || parts[0] != kVersion || parts[1] != list) {
    return BadToken("belongs to another list (ask again without page_token)");
  }
  if (parts[2] != Hex(Digest(filters))) {
    return BadToken("was made with other filters (ask again without page_token)");
  }
  for (size_t i = 3; i < parts.size(); ++i) page.after.emplace_back(parts[i]);
  return page;
}

std::string Token(std::string_view list, std::string_view filters,
                  const std::vector<std::string>& key) {
  std::string record(kVersion);
  record += kSeparator;
  record += list;
  record += kSeparator;
  record += Hex(Digest(filters));
  for (const std::string& part : key) {
    record += kSeparator;
    record += part;
  }
  return Hex(record);
}

std::string FilterKey(const std::vector<std::string>& values) {
  std::string key;
  for (const std::string& value : values) {
    key += std::to_string(value.size());
    key += ':';
    key += value;
  }
  return key;
}

bool IntegerKey(const std::string& text, int64_t& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && !text.empty();
}

}  // namespace verkosto::page
