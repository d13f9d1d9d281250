#pragma once

// Open data (issue 19, item 2; docs/open-data.md): the published networks and
// their decided composition as JSON and CSV under /open-data/v1/, CC BY 4.0.
// What is published, how each item reads in JSON and CSV, and the HTTP
// validators (ETag, Last-Modified) — the rules, without the HTTP or the RPCs
// (open_data_routes.cpp does those).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web::open_data {

inline constexpr char kLicenceName[] = "CC BY 4.0";
inline constexpr char kLicenceUrl[] = "https://creativecommons.org/licenses/by/4.0/";
inline constexpr char kPublisher[] = "KEHA-keskus / verkosto";
inline constexpr char kAttribution[] =
    "Source: KEHA-keskus, verkosto open data (national networks of the employment areas), "
    "licensed under CC BY 4.0";
inline constexpr char kSchemaPath[] = "/open-data/v1/schema.json";
// The Cache-Control of every answer: anyone may cache it, for five minutes.
inline constexpr char kCacheControl[] = "public, max-age=300";
// Items per page: page_size 0 or absent = kDefaultPageSize, at most kMaxPageSize.
inline constexpr uint32_t kDefaultPageSize = 100;
inline constexpr uint32_t kMaxPageSize = 500;

// The lists, each as .json and .csv: "/open-data/v1/<list>.<format>".
enum class List { kNetworks, kMembers };
enum class Format { kJson, kCsv };
std::string Path(List list, Format format);

// One route for the OpenAPI document (api_routes.cpp adds them under the tag
// "open-data"): GET, no login, page_size and page_token (not for the schema).
struct RouteDoc {
  std::string path;
  std::string content_type;  // of the 200 answer
  bool paged = true;
  std::string summary;
  std::string description;
};
const std::vector<RouteDoc>& RouteDocs();

// A network is published while proposed, open or closed: drafts are KEHA's
// unfinished work (seen by KEHA only), a cancelled network never became a
// body (withdrawn before it opened).
bool IsPublished(networks::v1::NetworkStatus status);

// `text` with every whitespace-delimited word holding an '@' (an e-mail
// address, however written) replaced by "[…]": free texts (goals, plan,
// description) are published as KEHA wrote them, minus contact addresses.
std::string WithoutEmailAddresses(std::string_view text);

// page_size as asked ("" = kDefaultPageSize); nullopt unless 0..kMaxPageSize
// in decimal digits (0 = kDefaultPageSize).
std::optional<uint32_t> ParsePageSize(std::string_view text);

// The JSON object of one item (docs/open-data.md, schema.json), and the
// document of a page: {licence, schema, items, next_page_token, next}.
std::string NetworkJson(const networks::v1::Network& n);
std::string MemberJson(const nominations::v1::Membership& m);
std::string DocumentJson(const std::vector<std::string>& items, const std::string& next_page_token,
                         const std::string& next);

// The CSV (UTF-8, CRLF, RFC 4180): a header row, then one row per item.
std::string NetworksCsvHeader();
std::string NetworkCsvRow(const networks::v1::Network& n);
std::string MembersCsvHeader();
std::string MemberCsvRow(const nominations::v1::Membership& m);

// When an item last changed (µs since the epoch): a network's last update
// (its creation when never updated); a membership's decision.
int64_t ChangedAt(const networks::v1::Network& n);
int64_t ChangedAt(const nominations::v1::Membership& m);

// The strong ETag of a body: its BLAKE2b-256 content hash, quoted.
std::string StrongETag(const std::string& body);

// An instant as an HTTP date (RFC 9110 IMF-fixdate), e.g. "Sun, 06 Dec 2026 03:00:00 GMT",
// to the second; and back (nullopt when `text` is no IMF-fixdate).
std::string HttpDate(int64_t unix_us);
std::optional<int64_t> ParseHttpDate(std::string_view text);

// Whether the client's copy is current (answer 304): when If-None-Match is
// sent, it decides alone (one of its entity tags, or "*", matches `etag`,
// weakly compared); otherwise If-Modified-Since at or after `last_modified_us`
// (to the second). Nothing sent, or no Last-Modified: not current.
bool NotModified(const std::optional<std::string>& if_none_match,
                 const std::optional<std::string>& if_modified_since, const std::string& etag,
                 std::optional<int64_t> last_modified_us);

}  // namespace verkosto::gateway::web::open_data
