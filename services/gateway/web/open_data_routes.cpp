// Open data (issue 19, item 2; docs/open-data.md): GET /open-data/v1/
// networks.json|csv, members.json|csv and schema.json, without a login, asked
// of the services as the anonymous public ("web:public", as the catalogue).
#include <httplib.h>

#include <set>

#include "gateway/http/http_errors.h"
#include "gateway/web/assets.h"
#include "gateway/web/handlers.h"
#include "gateway/web/open_data.h"
#include "gateway/web/page.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
namespace od = open_data;
using httplib::Request;
using httplib::Response;

namespace {

// One page of a list: the body's parts, the newest change of what it lists,
// and the token of the next page.
struct OpenPage {
  std::vector<std::string> json_items;
  std::string csv;
  std::optional<int64_t> last_modified_us;
  std::string next_page_token;

  void Changed(int64_t at) {
    if (at > 0 && (!last_modified_us || at > *last_modified_us)) last_modified_us = at;
  }
};

Status NetworksPage(GatewayContext& ctx, uint32_t size, const std::string& token, OpenPage& out) {
  nw::ListNetworksRequest lr;
  lr.set_page_size(size);
  lr.set_page_token(token);
  nw::ListNetworksResponse list;
  VERKOSTO_RETURN_IF_ERROR(ctx.Call("networks", PublicActor(), lr, &list));
  out.csv = od::NetworksCsvHeader();
  for (const nw::Network& n : list.networks()) {
    if (!od::IsPublished(n.status())) continue;
    out.json_items.push_back(od::NetworkJson(n));
    out.csv += od::NetworkCsvRow(n);
    out.Changed(od::ChangedAt(n));
  }
  out.next_page_token = list.next_page_token();
  return Status::Ok();
}

Status MembersPage(GatewayContext& ctx, uint32_t size, const std::string& token, OpenPage& out) {
  // The published networks (a few dozen): members of others are not listed.
  std::set<std::string> published;
  VERKOSTO_RETURN_IF_ERROR(ForEachPage<nw::ListNetworksResponse>(
      [&](const nw::ListNetworksRequest& r, nw::ListNetworksResponse* reply) {
        return ctx.Call("networks", PublicActor(), r, reply);
      },
      nw::ListNetworksRequest(),
      [&](const nw::ListNetworksResponse& reply) {
        for (const nw::Network& n : reply.networks()) {
          if (od::IsPublished(n.status())) published.insert(n.definition().code());
        }
      }));
  // Current memberships (not ended), by network, area and id; the public
  // reader gets them without the contact part (nominations' VisibleTo).
  nm::ListMembershipsRequest mr;
  mr.set_page_size(size);
  mr.set_page_token(token);
  nm::ListMembershipsResponse list;
  VERKOSTO_RETURN_IF_ERROR(ctx.Call("nominations", PublicActor(), mr, &list));
  out.csv = od::MembersCsvHeader();
  for (const nm::Membership& m : list.memberships()) {
    if (published.count(m.network_code()) == 0) continue;
    out.json_items.push_back(od::MemberJson(m));
    out.csv += od::MemberCsvRow(m);
    out.Changed(od::ChangedAt(m));
  }
  out.next_page_token = list.next_page_token();
  return Status::Ok();
}

std::optional<std::string> Header(const Request& req, const char* name) {
  if (!req.has_header(name)) return std::nullopt;
  return req.get_header_value(name);
}

// Answers `body` with the validators, or 304 when the client's copy is current.
void Answer(const Request& req, Response& res, const std::string& body, const std::string& type,
            std::optional<int64_t> last_modified_us, const std::string& next) {
  const std::string etag = od::StrongETag(body);
  res.set_header("ETag", etag);
  if (last_modified_us) res.set_header("Last-Modified", od::HttpDate(*last_modified_us));
  res.set_header("Cache-Control", od::kCacheControl);
  std::string link = std::string("<") + od::kLicenceUrl + ">; rel=\"license\", <" +
                     od::kSchemaPath + ">; rel=\"describedby\"";
  if (!next.empty()) link += ", <" + next + ">; rel=\"next\"";
  res.set_header("Link", link);
  res.set_header("Access-Control-Allow-Origin", "*");
  if (od::NotModified(Header(req, "If-None-Match"), Header(req, "If-Modified-Since"), etag,
                      last_modified_us)) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(body, type);
}

}  // namespace

void OpenDataList(GatewayContext& ctx, const Request& req, Response& res) {
  const od::List list =
      req.matches[1].str() == "networks" ? od::List::kNetworks : od::List::kMembers;
  const od::Format format = req.matches[2].str() == "json" ? od::Format::kJson : od::Format::kCsv;
  const std::optional<uint32_t> size = od::ParsePageSize(Param(req, "page_size"));
  if (!size) {
    return ReplyError(
        res,
        Status::InvalidArgument(
            "page_size", "must be a whole number from 0 to " + std::to_string(od::kMaxPageSize) +
                             " (0 or none = " + std::to_string(od::kDefaultPageSize) + ")"));
  }
  const std::string token = Param(req, "page_token");
  OpenPage page;
  const Status st = list == od::List::kNetworks ? NetworksPage(ctx, *size, token, page)
                                                : MembersPage(ctx, *size, token, page);
  if (!st.ok()) return ReplyError(res, st);
  std::string next;
  if (!page.next_page_token.empty()) {
    next = od::Path(list, format) + "?page_size=" + std::to_string(*size) +
           "&page_token=" + httplib::detail::encode_query_param(page.next_page_token);
  }
  if (format == od::Format::kJson) {
    Answer(req, res, od::DocumentJson(page.json_items, page.next_page_token, next),
           "application/json; charset=utf-8", page.last_modified_us, next);
  } else {
    Answer(req, res, page.csv, "text/csv; charset=utf-8; header=present", page.last_modified_us,
           next);
  }
}

void OpenDataSchema(GatewayContext& /*ctx*/, const Request& req, Response& res) {
  Answer(req, res, std::string(Asset("static/open-data-schema.json")), "application/schema+json",
         std::nullopt, "");
}

}  // namespace verkosto::gateway::web
