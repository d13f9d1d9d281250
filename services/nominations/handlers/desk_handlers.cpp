#include "nominations/handlers/desk_handlers.h"

#include "nominations/domain/desk.h"
#include "nominations/domain/permissions.h"
#include "nominations/storage/desk_queries.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

namespace {

constexpr uint32_t kDefaultLimit = 10;
constexpr uint32_t kMaxLimit = 50;

void Put(const DeskNetworkRow& n, pb::DeskNetwork* out) {
  out->set_network_code(n.code);
  out->set_name_fi(n.name_fi);
  out->set_name_sv(n.name_sv);
  out->set_status(n.status);
  out->set_term_start(n.term_start);
  out->set_term_end(n.term_end);
}

Result<pb::DeskResponse> DeskQuery(Context& ctx, const pb::DeskRequest& req, int term_notice_days) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kRead));
  if (req.limit() > kMaxLimit) {
    return Status::InvalidArgument("limit", "must be at most " + std::to_string(kMaxLimit));
  }
  const size_t limit = req.limit() == 0 ? kDefaultLimit : req.limit();
  const Actor& actor = ctx.actor();
  const Date today = HelsinkiDate(ctx.now());
  const std::optional<AreaCode> scope = DeskScope(actor);
  const bool leader = scope && actor.LeadsArea(*scope);
  const bool national = scope && scope->value().empty();

  pb::DeskResponse out;
  out.set_term_notice_days(static_cast<uint32_t>(term_notice_days));
  // A nominee (no scope) counts only the networks: every reader sees those.
  VERKOSTO_ASSIGN_OR_RETURN(DeskCounts counts,
                            ReadDeskCounts(ctx.db(), scope.value_or(AreaCode("-")), leader, today,
                                           term_notice_days, national && !req.counts_only()));
  if (scope) {
    out.set_awaiting_registration(counts.awaiting_registration);
    out.set_registered(counts.registered);
    out.set_approved(counts.approved);
    out.set_declined(counts.declined);
    out.set_withdrawn(counts.withdrawn);
    out.set_overdue(counts.overdue);
  }
  out.set_participation_pending(counts.participation_pending);
  out.set_terms_ending(counts.terms_ending);
  out.set_networks_proposed(counts.networks_proposed);
  out.set_networks_open(counts.networks_open);
  out.set_areas(counts.areas);
  out.set_current_memberships(counts.current_memberships);
  if (req.counts_only() || !scope) return out;

  const bool clerk = actor.role == Role::kRegistryClerk;
  if (clerk || leader) {
    VERKOSTO_ASSIGN_OR_RETURN(
        std::vector<DeskCaseRow> rows,
        ReadDeskCases(ctx.db(), *scope, clerk ? "awaiting_registration" : "registered"));
    std::vector<DeskCaseItem> order;
    order.reserve(rows.size());
    for (const DeskCaseRow& r : rows) order.push_back(r.item);
    OrderForDesk(order, limit);
    for (const DeskCaseItem& item : order) {
      for (const DeskCaseRow& r : rows) {
        if (r.item.case_id != item.case_id) continue;
        pb::DeskCase* c = out.add_cases();
        c->set_case_id(r.item.case_id);
        c->set_network_code(r.network_code);
        c->set_network_name_fi(r.network_name_fi);
        c->set_network_name_sv(r.network_name_sv);
        c->set_area_code(r.area_code);
        c->set_area_name_fi(r.area_name_fi);
        c->set_area_name_sv(r.area_name_sv);
        c->set_deadline(r.item.deadline ? FormatIsoDate(*r.item.deadline) : std::string());
        c->set_days_left(DaysLeft(today, r.item.deadline));
        c->set_sent_unix_us(r.item.sent_us);
        c->set_overdue(r.overdue);
        c->set_kind(r.kind);
        break;
      }
    }
  }
  if (leader) {
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<DeskNetworkRow> pending,
                              ReadPendingParticipation(ctx.db(), *scope, limit));
    for (const DeskNetworkRow& n : pending) Put(n, out.add_participation_pending_networks());
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<DeskMembershipRow> ending,
                              ReadTermsEnding(ctx.db(), *scope, today, term_notice_days, limit));
    for (const DeskMembershipRow& m : ending) {
      pb::DeskMembership* o = out.add_terms_ending_memberships();
      o->set_membership_id(m.id);
      o->set_name(m.name);
      o->set_seat(m.seat);
      o->set_network_code(m.network_code);
      o->set_network_name_fi(m.network_name_fi);
      o->set_network_name_sv(m.network_name_sv);
      o->set_term_end(FormatIsoDate(m.term_end));
      o->set_days_left(DaysLeft(today, m.term_end));
    }
  }
  if (national) {
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<DeskAreaRow> areas, ReadOverdueAreas(ctx.db(), limit));
    for (const DeskAreaRow& a : areas) {
      pb::DeskAreaCount* o = out.add_overdue_areas();
      o->set_area_code(a.code);
      o->set_area_name_fi(a.name_fi);
      o->set_area_name_sv(a.name_sv);
      o->set_count(a.count);
    }
  }
  if (actor.role == Role::kKehaCoordinator) {
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<DeskNetworkRow> proposals,
                              ReadProposals(ctx.db(), limit));
    for (const DeskNetworkRow& n : proposals) Put(n, out.add_proposals());
  }
  return out;
}

}  // namespace

void RegisterDeskHandlers(messaging::RpcServer& server, int term_notice_days) {
  server.AddQuery<pb::DeskRequest, pb::DeskResponse>(
      [term_notice_days](Context& ctx, const pb::DeskRequest& req) {
        return DeskQuery(ctx, req, term_notice_days);
      });
}

}  // namespace verkosto::nominations
