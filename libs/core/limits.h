#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

// The length limits of the free text people and programs send, in one place;
// docs/limits.md lists every field of every request with its limit. Each
// service's domain checks its fields with CheckLength/CheckList before it
// writes anything, so a text over its limit is invalid_argument naming the
// field.
//
// Why these numbers: a message over the 4 MiB frame limit
// (messaging::Limits::max_message_bytes) is dropped by ZeroMQ, so the
// largest event or reply one command can produce must stay far below it. The
// largest single thing is a network definition with every field full (names,
// owner, description, 20 goals, the communication plan, the responsible
// person): about 20 000 characters, at most 4 bytes each in UTF-8, 80 KB — 2 %
// of the frame; a case with every text full is smaller. Lists of many things
// are bounded by paging, not here.
namespace verkosto::limits {

// A name or title: a person's, a network's, a municipality, an organisation,
// a network's owner.
inline constexpr size_t kName = 200;
// One line of text: a subject, a sender, a goal, an audience, a channel, a
// cadence, a search.
inline constexpr size_t kLine = 500;
// A reference: a diary number, a token's label.
inline constexpr size_t kReference = 100;
// Why something was done: a decline, withdrawal, closing, cancelling, change,
// resignation or participation decision.
inline constexpr size_t kReason = 2000;
// Running text: a network's description, a covering message, a comment.
inline constexpr size_t kText = 4000;
// An e-mail address (RFC 5321's path limit).
inline constexpr size_t kEmail = 254;
// A telephone number.
inline constexpr size_t kPhone = 50;
// Entries of a list of texts: goals, audiences, channels.
inline constexpr size_t kListEntries = 20;

// Characters of UTF-8 `text` (code points; a malformed byte counts as one).
size_t Characters(std::string_view text);

// Errors: invalid_argument naming `field` when `text` has more than `max`
// characters ("is longer than 200 characters (it has 201)").
Status CheckLength(std::string_view text, size_t max, const std::string& field);

// At most `max_entries` entries (error on `field`), each at most `max_each`
// characters (error on "field[i]").
Status CheckList(const std::vector<std::string>& entries, size_t max_entries, size_t max_each,
                 const std::string& field);

}  // namespace verkosto::limits
