#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

// Pagination of every list query (docs/api.md, "Pages"). A list answers at
// most `page_size` items (0 = kDefaultPageSize, at most kMaxPageSize) in a
// stable order and, when more follow, a `next_page_token` to ask for them.
// The order is a unique sort key (e.g. the network code; the case's sequence
// number; created time and id). The token carries the last item's key, so
// the next page starts right after it however many rows were added or
// removed meanwhile (keyset paging: no item is skipped or repeated because of
// an insert before it, and a late page costs what the first one does).
//
// The token is opaque to clients: lower-case hex of a versioned record of
// the list's name, a digest of its filters and the key. It needs no URL
// encoding. A token only works for the list and filters it came from: a
// token of another list, or with the filters changed, is invalid_argument
// on "page_token" — the caller starts again without one. A token carries no
// authority: the next page applies the caller's permissions and filters
// again, so a forged key only moves where a permitted list starts.
namespace verkosto::page {

inline constexpr uint32_t kDefaultPageSize = 100;
inline constexpr uint32_t kMaxPageSize = 1000;

// One page to read.
struct PageRequest {
  // Items on the page, 1..kMaxPageSize.
  uint32_t size = kDefaultPageSize;
  // The sort key of the previous page's last item; empty for the first page.
  std::vector<std::string> after;

  bool first() const { return after.empty(); }
  // Rows to fetch: one more than the page holds tells whether another follows.
  uint32_t fetch() const { return size + 1; }
};

// Reads a request's page_size and page_token. `list` names the query (e.g.
// "networks.list"); `filters` is the query's filters written canonically
// (FilterKey). `key_parts` is how many values the list's sort key has.
// Errors: invalid_argument on "page_size" (over kMaxPageSize) or
// "page_token" (malformed, or of another list or other filters).
Result<PageRequest> Read(uint32_t page_size, std::string_view page_token, std::string_view list,
                         std::string_view filters, size_t key_parts);

// The token that continues `list` with `filters` after the item whose sort
// key is `key`.
std::string Token(std::string_view list, std::string_view filters,
                  const std::vector<std::string>& key);

// The filters of a query as one canonical text for Read and Token.
std::string FilterKey(const std::vector<std::string>& values);

// An item read with its sort key (the reply's next_page_token is made from
// the key of the last item a page holds: messaging::FillPage).
template <typename T>
struct Keyed {
  std::vector<std::string> key;
  T item;
};

// The key value of an integer column.
inline std::string KeyOf(int64_t value) { return std::to_string(value); }
// Reads a key value written by KeyOf; false when it is not an integer.
bool IntegerKey(const std::string& text, int64_t& value);

}  // namespace verkosto::page
