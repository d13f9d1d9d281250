// The national view (issue 17, item 5): 45 areas x every network, filtered by
// the network's status and by area, paged; the burden of each area from its
// actual memberships x the network's cadence with the national total; the
// people in several networks; and the whole view as CSV, streamed page by page.
#include <memory>

#include "gateway/web/area_map.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/national_view_csv.h"
#include "gateway/web/page.h"
#include "gateway/web/render.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

namespace nm = ::verkosto::nominations::v1;
using httplib::Request;
using httplib::Response;

namespace {

constexpr const char* kStatuses[] = {"open", "proposed", "closed", "cancelled"};

std::string ParticipationKey(const std::string& participation) {
  if (participation == "takes_part") return "takes_part";
  if (participation == "declines") return "declines";
  return "participation_undecided";
}

nm::NationalViewRequest FilterOf(const Request& req) {
  nm::NationalViewRequest r;
  r.set_status(Param(req, "status"));
  r.set_area_code(Param(req, "area"));
  return r;
}

// The CSV, page after page of the service's answer, as the browser reads it.
void StreamCsv(Page& page, const nm::NationalViewRequest& filter) {
  auto next = std::make_shared<std::string>();
  auto done = std::make_shared<bool>(false);
  GatewayContext* ctx = &page.ctx;
  const Actor actor = page.actor();
  page.res.set_header("Content-Disposition", "attachment; filename=\"national-view.csv\"");
  page.res.set_chunked_content_provider(
      "text/csv; charset=utf-8",
      [ctx, actor, filter, next, done](size_t offset, httplib::DataSink& sink) {
        if (*done) {
          sink.done();
          return true;
        }
        nm::NationalViewRequest r = filter;
        r.set_page_size(1000);
        r.set_page_token(*next);
        nm::NationalViewResponse reply;
        if (Status st = ctx->Call("nominations", actor, r, &reply); !st.ok()) {
          return false;  // ends the response early: the download is incomplete
        }
        std::string chunk = offset == 0 ? NationalViewCsvHeader() : std::string();
        for (const nm::NationalViewCell& cell : reply.cells()) chunk += NationalViewCsvRow(cell);
        if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
        *next = reply.next_page_token();
        if (next->empty()) *done = true;
        return true;
      });
}

}  // namespace

void NationalViewPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res,
                    {Role::kKehaCoordinator, Role::kAdmin, Role::kObserver, Role::kAreaDirector,
                     Role::kAreaDeputy, Role::kRegistryClerk});
  if (!page) return;
  const nm::NationalViewRequest filter = FilterOf(req);
  const bool csv = req.path.size() > 4 && req.path.compare(req.path.size() - 4, 4, ".csv") == 0;
  if (csv) {
    // Check the filters once before the download starts (a wrong one is a page).
    nm::NationalViewRequest probe = filter;
    probe.set_page_size(1);
    nm::NationalViewResponse ignored;
    if (Status st = page->Call("nominations", probe, &ignored); !st.ok()) {
      return page->ServiceError(st);
    }
    return StreamCsv(*page, filter);
  }
  nm::NationalViewRequest r = filter;
  r.set_page_token(page->PageToken());
  nm::NationalViewResponse view;
  if (Status st = page->Call("nominations", r, &view); !st.ok()) return page->ServiceError(st);

  const Catalogue& t = page->t();
  const Language lang = page->frame.lang;
  const AreaNames areas = LoadAreas(ctx, page->actor(), lang);
  Data statuses = List();
  {
    Data any = Object();
    any.set("value", "");
    any.set("label", t.Get("national_status_current"));
    any.set("selected", filter.status().empty());
    statuses.push_back(any);
  }
  for (const char* status : kStatuses) {
    Data o = Object();
    o.set("value", status);
    o.set("label", t.Get(std::string("status_") + status));
    o.set("selected", filter.status() == status);
    statuses.push_back(o);
  }
  Data area_options = List();
  for (const std::string& code : areas.codes) {
    Data o = Object();
    o.set("value", code);
    o.set("label", areas.Name(code));
    o.set("selected", filter.area_code() == code);
    area_options.push_back(o);
  }
  Data cells = List();
  for (const nm::NationalViewCell& cell : view.cells()) {
    Data c = Object();
    c.set("network",
          NameIn(lang, cell.network_name_fi(), cell.network_name_sv(), cell.network_code()));
    c.set("network_code", cell.network_code());
    c.set("area", NameIn(lang, cell.area_name_fi(), cell.area_name_sv(), cell.area_code()));
    c.set("participation", t.Get(ParticipationKey(cell.participation())));
    std::string members;
    for (const std::string& name : cell.members()) {
      if (!members.empty()) members += ", ";
      members += name;
    }
    c.set("members", members);
    c.set("open_requests", std::to_string(cell.open_requests()));
    c.set("overdue", std::to_string(cell.overdue()));
    c.set("has_overdue", cell.overdue() > 0);
    c.set("hours", Tenths(cell.hours_per_year_tenths(), lang));
    cells.push_back(c);
  }
  Data burdens = List();
  std::map<std::string, MapEntry> marks;
  for (const nm::AreaBurden& b : view.burdens()) {
    Data o = Object();
    const std::string area = NameIn(lang, b.area_name_fi(), b.area_name_sv(), b.area_code());
    o.set("area", area);
    // The map (issue 18): a mark leads to the view of that one area.
    marks[b.area_code()] = {.kind = CountKind(b.memberships()),
                            .name = area,
                            .detail = ShowNumber(static_cast<int64_t>(b.memberships()), lang),
                            .href = "/national-view?status=" + UrlEncode(filter.status()) +
                                    "&area=" + UrlEncode(b.area_code())};
    o.set("memberships", ShowNumber(static_cast<int64_t>(b.memberships()), lang));
    o.set("hours", Tenths(b.hours_per_year_tenths(), lang));
    burdens.push_back(o);
  }
  Data loads = List();
  for (const nm::PersonLoad& l : view.loads()) {
    Data o = Object();
    o.set("name", l.name());
    o.set("area", areas.Name(l.area_code()));
    o.set("networks", std::to_string(l.networks()));
    o.set("over", view.load_warning_networks() > 0 && l.networks() >= view.load_warning_networks());
    loads.push_back(o);
  }
  Data d = Object();
  d.set("statuses", statuses);
  d.set("areas", area_options);
  d.set("cells", cells);
  d.set("has_cells", view.cells_size() > 0);
  d.set("first_page", page->PageToken().empty());
  // The country at a glance: on the first page of every area (the burdens
  // name every area of the filter only there).
  if (page->PageToken().empty() && filter.area_code().empty()) {
    d.set("map",
          AreaMapData(t, t.Get("map_national_label"), marks, MapKind::kCount0,
                      {MapKind::kCount0, MapKind::kCount1, MapKind::kCount3, MapKind::kCount6}));
  }
  d.set("burdens", burdens);
  d.set("national_hours", Tenths(view.national_hours_per_year_tenths(), lang));
  d.set("national_memberships",
        ShowNumber(static_cast<int64_t>(view.national_memberships()), lang));
  d.set("loads", loads);
  d.set("has_loads", view.loads_size() > 0);
  d.set("threshold", std::to_string(view.load_warning_networks()));
  d.set("csv_query",
        "status=" + UrlEncode(filter.status()) + "&area=" + UrlEncode(filter.area_code()));
  page->PutPager(d, view.next_page_token());
  page->Html(200, "national_title", "national_view", d);
}

}  // namespace verkosto::gateway::web
