#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/page.h"
#include "core/result.h"

namespace verkosto::messaging {

// The most a list reply's items may take, serialized: a quarter of the frame
// limit (Limits::max_message_bytes, 4 MiB). A page ends at page_size items or
// at this many bytes, whichever comes first, so no list reply can come near
// the limit however large its items are (a page of 1000 networks with every
// field full would be 80 MB).
inline constexpr size_t kMaxPageBytes = size_t{1} << 20;

// Fills one page of a list reply from `rows` (read with page.fetch(), in the
// list's order): calls `add(row)` for each row that fits, which appends the
// row to the reply and returns the bytes it added (size_t, or Result<size_t>
// when adding can fail; 0 for a row it leaves out). Stops after page.size
// rows or once kMaxPageBytes are reached. Returns the next_page_token: the
// key (`key(row)`) of the last row added when more rows follow, else "".
template <typename Row, typename KeyFn, typename AddFn>
Result<std::string> FillPage(const std::vector<Row>& rows, const page::PageRequest& page,
                             std::string_view list, std::string_view filters, KeyFn key,
                             AddFn add) {
  size_t bytes = 0;
  for (size_t i = 0; i < rows.size() && i < page.size; ++i) {
    if constexpr (std::is_same_v<std::decay_t<decltype(add(rows[i]))>, size_t>) {
      bytes += add(rows[i]);
    } else {
      VERKOSTO_ASSIGN_OR_RETURN(size_t added, add(rows[i]));
      bytes += added;
    }
    const bool more = i + 1 < rows.size();
    if (more && (i + 1 == page.size || bytes >= kMaxPageBytes)) {
      return page::Token(list, filters, key(rows[i]));
    }
  }
  return std::string();
}

// FillPage for rows read with their keys (page::Keyed).
template <typename T, typename AddFn>
Result<std::string> FillPage(const std::vector<page::Keyed<T>>& rows, const page::PageRequest& page,
                             std::string_view list, std::string_view filters, AddFn add) {
  return FillPage(
      rows, page, list, filters, [](const page::Keyed<T>& row) { return row.key; },
      [&](const page::Keyed<T>& row) { return add(row.item); });
}

}  // namespace verkosto::messaging
