#include "nominations/service.h"

#include <spdlog/spdlog.h>

#include "nominations/codec/codec.h"
#include "nominations/domain/workflow.h"
#include "nominations/handlers/case_history.h"
#include "nominations/handlers/desk_handlers.h"
#include "nominations/handlers/gender_balance_handlers.h"
#include "nominations/handlers/national_view_handlers.h"
#include "nominations/handlers/nomination_handlers.h"
#include "nominations/handlers/records_export_handlers.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {

namespace {

namespace npb = ::verkosto::networks::v1;
using messaging::Context;

Status ApplyNetwork(Context& ctx, const npb::Network& network) {
  SqliteNominationRepository repo(ctx.db());
  return repo.UpsertNetwork(codec::FromNetworksProto(network));
}

// The network ended (closed, by term end or early, or cancelled): so do its
// memberships (rule 2).
Status ApplyNetworkEnd(Context& ctx, const npb::Network& network, bool by_term_end) {
  SqliteNominationRepository repo(ctx.db());
  const NetworkInfo info = codec::FromNetworksProto(network);
  VERKOSTO_RETURN_IF_ERROR(repo.UpsertNetwork(info));
  MembershipFilter filter;
  filter.network = info.code;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> active, repo.ListMemberships(filter));
  if (active.empty()) return Status::Ok();
  // The day it ended as the networks service saw it, not when we consumed it.
  const TimePoint closed_at =
      network.updated_unix_us() > 0 ? FromMicros(network.updated_unix_us()) : ctx.now();
  const Date end_date = by_term_end && info.term_end ? *info.term_end : HelsinkiDate(closed_at);
  VERKOSTO_ASSIGN_OR_RETURN(
      MembershipsOutcome outcome,
      EndNetworkMemberships(info.code, std::move(active), end_date,
                            by_term_end ? EndReason::kTermEnded : EndReason::kNetworkClosed,
                            ctx.now()));
  for (const Membership& m : outcome.memberships) {
    VERKOSTO_RETURN_IF_ERROR(repo.UpdateMembership(m.record()));
  }
  spdlog::info("network {} ended: {} memberships ended", info.code.value(), outcome.events.size());
  return RecordAndEmit(ctx, outcome.events);
}

Status ProcessAllTimers(Context& ctx, size_t* emitted) {
  SqliteNominationRepository repo(ctx.db());
  const Date today = HelsinkiDate(ctx.now());
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Date> last, repo.LastTimerDate());
  // The first run covers today only; a clock set back covers nothing new.
  const Date last_processed = last ? *last : AddDays(today, -1);
  CaseFilter filter;
  filter.with_deadline_open_only = true;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Case> cases, repo.ListCases(filter));
  for (const Case& c : cases) {
    TimerOutcome outcome = ProcessTimers(c, last_processed, ctx.now());
    if (outcome.case_after == c) continue;
    VERKOSTO_RETURN_IF_ERROR(repo.SaveCase(outcome.case_after));
    VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
    *emitted += outcome.events.size();
  }
  if (!last || *last < today) VERKOSTO_RETURN_IF_ERROR(repo.SetLastTimerDate(today));
  return Status::Ok();
}

constexpr char kRetentionJob[] = "retention";

Status ApplyRetention(Context& ctx, const RetentionPolicy& policy, size_t* removed) {
  SqliteNominationRepository repo(ctx.db());
  const Date today = HelsinkiDate(ctx.now());
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Date> last, repo.LastDailyRun(kRetentionJob));
  if (last && *last >= today) return Status::Ok();
  MembershipFilter filter;
  filter.include_ended = true;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> all, repo.ListMemberships(filter));
  std::vector<MembershipRecord> records;
  records.reserve(all.size());
  for (const Membership& m : all) records.push_back(m.record());
  const std::vector<MembershipRecord> due = DueForContactRemoval(records, today, policy);
  for (const MembershipRecord& m : due) VERKOSTO_RETURN_IF_ERROR(repo.RemoveContactData(m.id));
  if (std::optional<RetentionApplied> event =
          ContactDataRemoved(due, today, policy, SystemActor(), ctx.now())) {
    VERKOSTO_RETURN_IF_ERROR(ctx.Emit(*codec::ToProto(*event)));
  }
  *removed = due.size();
  return repo.SetLastDailyRun(kRetentionJob, today);
}

}  // namespace

void RegisterNetworkAppliers(messaging::EventConsumer& consumer) {
  consumer.On<npb::NetworkCreated>(
      [](Context& ctx, const npb::NetworkCreated& e) { return ApplyNetwork(ctx, e.network()); });
  consumer.On<npb::NetworkProposed>(
      [](Context& ctx, const npb::NetworkProposed& e) { return ApplyNetwork(ctx, e.network()); });
  consumer.On<npb::NetworkOpened>(
      [](Context& ctx, const npb::NetworkOpened& e) { return ApplyNetwork(ctx, e.network()); });
  consumer.On<npb::NetworkChanged>(
      [](Context& ctx, const npb::NetworkChanged& e) { return ApplyNetwork(ctx, e.network()); });
  consumer.On<npb::NetworkClosed>([](Context& ctx, const npb::NetworkClosed& e) {
    return ApplyNetworkEnd(ctx, e.network(), e.by_term_end());
  });
  consumer.On<npb::NetworkCancelled>([](Context& ctx, const npb::NetworkCancelled& e) {
    return ApplyNetworkEnd(ctx, e.network(), false);
  });
  consumer.On<npb::NetworkRenewed>(
      [](Context& ctx, const npb::NetworkRenewed& e) { return ApplyNetwork(ctx, e.network()); });
  // The renewed term started: what the leadership did not confirm ends (rule 3).
  consumer.On<npb::NetworkTermStarted>([](Context& ctx, const npb::NetworkTermStarted& e) {
    const NetworkInfo info = codec::FromNetworksProto(e.network());
    const std::optional<Date> old_end = ParseIsoDate(e.previous_term().end_date());
    const Date end = old_end ? *old_end : AddDays(info.term_start.value_or(Date{}), -1);
    return ApplyTermStart(ctx, info, end);
  });
  consumer.On<npb::ParticipationDecided>(
      [](Context& ctx, const npb::ParticipationDecided& e) -> Status {
        SqliteNominationRepository repo(ctx.db());
        const npb::Participation& p = e.participation();
        return repo.SetParticipation(NetworkCode(p.network_code()), AreaCode(p.area_code()),
                                     codec::FromNetworksProto(p.decision()), ctx.now());
      });
  consumer.On<npb::AreaDirectoryChanged>(
      [](Context& ctx, const npb::AreaDirectoryChanged& e) -> Status {
        SqliteNominationRepository repo(ctx.db());
        std::vector<AreaInfo> areas;
        for (const npb::Area& area : e.areas()) areas.push_back(codec::FromNetworksProto(area));
        return repo.UpsertAreas(areas);
      });
}

Result<size_t> RunTimers(runtime::ServiceRuntime& runtime) {
  size_t emitted = 0;
  Status status = runtime.RunInTransaction(SystemActor(), "timers", [&](Context& ctx) {
    emitted = 0;
    return ProcessAllTimers(ctx, &emitted);
  });
  if (!status.ok()) return status;
  return emitted;
}

RetentionPolicy RetentionPolicyOf(const config::SystemConfig& system) {
  RetentionPolicy policy;
  policy.contact_years = system.retention.contact_years;
  return policy;
}

Result<size_t> RunRetention(runtime::ServiceRuntime& runtime, const RetentionPolicy& policy) {
  size_t removed = 0;
  Status status = runtime.RunInTransaction(SystemActor(), "retention", [&](Context& ctx) {
    removed = 0;
    return ApplyRetention(ctx, policy, &removed);
  });
  if (!status.ok()) return status;
  if (removed > 0) spdlog::info("retention: contact data of {} ended memberships removed", removed);
  return removed;
}

Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system) {
  const auto load_warning_networks =
      static_cast<uint32_t>(system.nominations.load_warning_networks);
  RegisterNominationHandlers(runtime.server(), load_warning_networks);
  RegisterNationalViewHandlers(runtime.server(), load_warning_networks);
  RegisterGenderBalanceHandlers(runtime.server());  // issue 19: equality
  RegisterDeskHandlers(runtime.server(), system.notifications.term_notice_days);
  RegisterRecordsExportHandlers(runtime.server());  // issue 19: export
  messaging::EventConsumer* networks = runtime.consumer("networks");
  if (networks == nullptr) {
    return Status::FailedPrecondition("nominations must consume the networks service's events");
  }
  RegisterNetworkAppliers(*networks);
  VERKOSTO_ASSIGN_OR_RETURN(size_t caught_up, RunTimers(runtime));
  if (caught_up > 0) spdlog::info("timers caught up: {} events", caught_up);
  const RetentionPolicy retention = RetentionPolicyOf(system);
  VERKOSTO_RETURN_IF_ERROR(RunRetention(runtime, retention).status());
  runtime.loop().AddPeriodic(std::chrono::minutes(1), [&runtime, retention] {
    auto fired = RunTimers(runtime);
    if (!fired.ok()) spdlog::error("timers: {}", fired.status().ToString());
    auto removed = RunRetention(runtime, retention);
    if (!removed.ok()) spdlog::error("retention: {}", removed.status().ToString());
  });
  return Status::Ok();
}

}  // namespace verkosto::nominations
