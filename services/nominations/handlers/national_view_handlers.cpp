#include "nominations/handlers/national_view_handlers.h"

#include "core/page.h"
#include "messaging/page_reply.h"
#include "nominations/domain/national_view.h"
#include "nominations/domain/permissions.h"
#include "nominations/storage/national_view_queries.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

namespace {

// The people listed on the first page at most.
constexpr size_t kMaxLoads = 100;

Result<pb::NationalViewResponse> NationalViewQuery(Context& ctx, const pb::NationalViewRequest& req,
                                                   uint32_t load_warning_networks) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kRead));
  ViewFilter filter;
  if (!req.status().empty()) {
    const std::optional<NetworkStatus> status = NetworkStatusFromName(req.status());
    if (!status) {
      return Status::InvalidArgument("status",
                                     "must be draft, proposed, open, closed or cancelled, not '" +
                                         req.status().substr(0, 40) + "'");
    }
    filter.statuses.push_back(*status);
  }
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<AreaInfo> areas, repo.ListAreas());
  if (!req.area_code().empty()) {
    bool known = false;
    for (const AreaInfo& a : areas) known = known || a.code.value() == req.area_code();
    if (!known) {
      return Status::InvalidArgument("area_code",
                                     "unknown area '" + req.area_code().substr(0, 80) + "'");
    }
    filter.area = AreaCode(req.area_code());
  }
  constexpr std::string_view kList = "national.view";
  const std::string filters = page::FilterKey({req.status(), req.area_code()});
  VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                            page::Read(req.page_size(), req.page_token(), kList, filters, 2));

  VERKOSTO_ASSIGN_OR_RETURN(std::vector<ViewNetwork> networks, ReadViewNetworks(ctx.db()));
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<ViewOpenCase> open, ReadOpenCases(ctx.db()));
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<ViewMembership> active,
                            ReadActiveMemberships(ctx.db(), /*current_only=*/false));
  const NationalView view = BuildNationalView(networks, areas, open, active, filter);

  pb::NationalViewResponse response;
  response.set_load_warning_networks(load_warning_networks);
  if (page.first()) {
    for (const AreaLoad& b : view.burdens) {
      pb::AreaBurden* out = response.add_burdens();
      out->set_area_code(b.area.value());
      for (const AreaInfo& a : areas) {
        if (a.code != b.area) continue;
        out->set_area_name_fi(a.name_fi);
        out->set_area_name_sv(a.name_sv);
      }
      out->set_memberships(b.memberships);
      out->set_hours_per_year_tenths(b.hours_per_year_tenths);
    }
    response.set_national_hours_per_year_tenths(view.national_hours_per_year_tenths);
    response.set_national_memberships(view.national_memberships);
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<ViewMembership> current,
                              ReadActiveMemberships(ctx.db(), /*current_only=*/true));
    for (const PersonNetworks& p : BusiestPeople(PersonLoads(current), 2, kMaxLoads)) {
      pb::PersonLoad* out = response.add_loads();
      out->set_name(p.name);
      out->set_area_code(p.area.value());
      out->set_networks(p.networks);
    }
  }

  // The cells after the page's key, in (network code, area position) order.
  std::vector<page::Keyed<const ViewCell*>> rows;
  for (const ViewCell& cell : view.cells) {
    std::vector<std::string> key = {cell.network.value(),
                                    page::KeyOf(static_cast<int64_t>(cell.area_index))};
    if (!page.first()) {
      int64_t after_area = 0;
      if (!page::IntegerKey(page.after[1], after_area)) {
        return Status::InvalidArgument("page_token", "is not a token of this list");
      }
      const bool after = cell.network.value() > page.after[0] ||
                         (cell.network.value() == page.after[0] &&
                          static_cast<int64_t>(cell.area_index) > after_area);
      if (!after) continue;
    }
    rows.push_back({std::move(key), &cell});
    if (rows.size() >= page.fetch()) break;
  }
  VERKOSTO_ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      messaging::FillPage(rows, page, kList, filters, [&](const ViewCell* cell) -> size_t {
        const ViewNetwork& n = networks[cell->network_index];
        const AreaInfo& a = areas[cell->area_index];
        pb::NationalViewCell* out = response.add_cells();
        out->set_network_code(n.code.value());
        out->set_network_name_fi(n.name_fi);
        out->set_network_name_sv(n.name_sv);
        out->set_network_status(std::string(NetworkStatusName(n.status)));
        out->set_area_code(a.code.value());
        out->set_area_name_fi(a.name_fi);
        out->set_area_name_sv(a.name_sv);
        out->set_participation(std::string(ParticipationName(cell->participation)));
        for (const std::string& name : cell->members) out->add_members(name);
        out->set_open_requests(cell->open_requests);
        out->set_overdue(cell->overdue);
        out->set_hours_per_year_tenths(cell->hours_per_year_tenths);
        return out->ByteSizeLong();
      }));
  return response;
}

}  // namespace

void RegisterNationalViewHandlers(messaging::RpcServer& server, uint32_t load_warning_networks) {
  server.AddQuery<pb::NationalViewRequest, pb::NationalViewResponse>(
      [load_warning_networks](Context& ctx, const pb::NationalViewRequest& req) {
        return NationalViewQuery(ctx, req, load_warning_networks);
      });
}

Status AddLoadWarnings(Context& ctx, const std::vector<Membership>& started, uint32_t threshold,
                       pb::CaseResponse* reply) {
  if (threshold == 0 || started.empty()) return Status::Ok();
  std::vector<ViewMembership> named;
  named.reserve(started.size());
  for (const Membership& m : started) {
    const MembershipRecord& r = m.record();
    named.push_back(ViewMembership{r.network, r.area, r.person.name, r.person.email,
                                   r.person.seat == SeatKind::kDeputy});
  }
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<ViewMembership> current,
                            ReadCurrentMembershipsOf(ctx.db(), named));
  for (const LoadWarningLine& w : LoadWarnings(named, current, threshold)) {
    pb::LoadWarning* out = reply->add_load_warnings();
    out->set_name(w.name);
    out->set_email(w.email);
    out->set_networks(w.networks);
    out->set_threshold(threshold);
  }
  return Status::Ok();
}

}  // namespace verkosto::nominations
