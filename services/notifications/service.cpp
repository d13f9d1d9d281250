#include "notifications/service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <system_error>

#include "core/case_ids.h"
#include "core/date.h"
#include "notifications/codec/codec.h"
#include "notifications/delivery/mail_worker.h"
#include "notifications/domain/plan_policy.h"
#include "notifications/handlers/notification_handlers.h"
#include "notifications/storage/delivery_gauges.h"
#include "notifications/storage/sqlite_notification_repository.h"
#include "verkosto/networks/v1/events.pb.h"
#include "verkosto/nominations/v1/events.pb.h"
#include "verkosto/notifications/v1/events.pb.h"

namespace verkosto::notifications {

namespace {

namespace npb = ::verkosto::networks::v1;
namespace mpb = ::verkosto::nominations::v1;
using messaging::Context;

constexpr char kTermEndingEvent[] = "verkosto.notifications.TermEnding";

// The e-mail state a new delivery starts in, by the mailbox's preference.
DeliveryStatus InitialStatus(const std::optional<MailboxPreferences>& prefs) {
  if (!prefs) return DeliveryStatus::kPending;
  switch (prefs->email_mode) {
    case EmailMode::kDailyDigest:
      return DeliveryStatus::kDigest;
    case EmailMode::kNone:
      return DeliveryStatus::kSkipped;
    case EmailMode::kImmediate:
      break;
  }
  return DeliveryStatus::kPending;
}

// The network a nominations event is about, from the read model the networks
// events keep. The two streams are not ordered with each other: nominations
// may be applied ahead of the networks event that made the network known. A
// notice written then would name the network by its code, so the event waits
// instead: unavailable is EventConsumer's "not yet" (the events before it
// commit; it is tried again shortly).
Result<NetworkInfo> KnownNetwork(SqliteNotificationRepository& repo, const std::string& code) {
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NetworkInfo> network, repo.FindNetwork(code));
  if (!network) {
    return Status::Unavailable("network '" + code +
                               "' is not known yet: its networks events have not been applied");
  }
  return std::move(*network);
}

// Adds the network (from the read model) to a case notice and records it.
template <typename CaseEvent>
Status RecordCase(Context& ctx, const std::string& link_base, Topic topic, const CaseEvent& e,
                  const std::string& actor_name) {
  Notice notice;
  notice.topic = topic;
  notice.event_type = CaseEvent::descriptor()->full_name();
  notice.case_info = codec::FromProto(e.case_());
  notice.actor_name = actor_name;
  SqliteNotificationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(notice.network, KnownNetwork(repo, notice.case_info->network_code));
  VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
  return RecordNotice(ctx.db(), *templates, ctx.request_id(), notice, ctx.now(), link_base)
      .status();
}

Status UpsertNetwork(Context& ctx, const npb::Network& network,
                     const std::string& created_by = {}) {
  SqliteNotificationRepository repo(ctx.db());
  return repo.UpsertNetwork(codec::FromProto(network, created_by));
}

// The members a term notice goes to: active ones, and those whose
// membership ended with the network (the streams of networks and
// nominations are not ordered with respect to each other).
std::vector<MembershipInfo> TermMembers(std::vector<MembershipInfo> all) {
  std::erase_if(all, [](const MembershipInfo& m) {
    return !m.ended.empty() && m.end_reason != EndReason::kTermEnded &&
           m.end_reason != EndReason::kNetworkClosed;
  });
  return all;
}

// What the plan's audiences need of a network notice: the areas that take
// part and the network's members (plan_policy.h).
Status AddPlanContext(SqliteNotificationRepository& repo, Notice& notice) {
  if (!notice.network) return Status::Ok();
  const std::string& code = notice.network->code;
  VERKOSTO_ASSIGN_OR_RETURN(notice.network_members, repo.MembershipsOf(code));
  VERKOSTO_ASSIGN_OR_RETURN(notice.member_areas, repo.MemberAreasOf(code));
  for (const MembershipInfo& m : notice.network_members) {
    if (IsPlanMember(notice, m) && std::find(notice.member_areas.begin(), notice.member_areas.end(),
                                             m.area) == notice.member_areas.end()) {
      notice.member_areas.push_back(m.area);
    }
  }
  return Status::Ok();
}

// Records a notice about network `code` (as the read model has it) to the
// audiences of its plan; `fill` adds the topic's own facts.
template <typename Event, typename Fill>
Status RecordPlanNotice(Context& ctx, const std::string& link_base, Topic topic,
                        const std::string& code, Fill fill) {
  SqliteNotificationRepository repo(ctx.db());
  Notice notice;
  notice.topic = topic;
  notice.event_type = Event::descriptor()->full_name();
  VERKOSTO_ASSIGN_OR_RETURN(notice.network, repo.FindNetwork(code));
  if (!notice.network) return Status::Ok();  // a network not known (yet): no plan
  fill(notice);
  VERKOSTO_RETURN_IF_ERROR(AddPlanContext(repo, notice));
  VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
  return RecordNotice(ctx.db(), *templates, ctx.request_id(), notice, ctx.now(), link_base)
      .status();
}

void RegisterNetworkAppliers(messaging::EventConsumer& consumer, const std::string& link_base) {
  consumer.On<npb::NetworkCreated>([](Context& ctx, const npb::NetworkCreated& e) {
    return UpsertNetwork(ctx, e.network(), e.audit().actor());
  });
  consumer.On<npb::NetworkProposed>([link_base](Context& ctx,
                                                const npb::NetworkProposed& e) -> Status {
    VERKOSTO_RETURN_IF_ERROR(UpsertNetwork(ctx, e.network()));
    SqliteNotificationRepository repo(ctx.db());
    Notice notice;
    notice.topic = Topic::kNetworkProposed;
    notice.event_type = npb::NetworkProposed::descriptor()->full_name();
    VERKOSTO_ASSIGN_OR_RETURN(notice.network, repo.FindNetwork(e.network().definition().code()));
    notice.actor_name = e.audit().actor_name();
    VERKOSTO_RETURN_IF_ERROR(AddPlanContext(repo, notice));
    VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
    return RecordNotice(ctx.db(), *templates, ctx.request_id(), notice, ctx.now(), link_base)
        .status();
  });
  // The communication plan's events: told to the plan's audiences (policy.h).
  consumer.On<npb::NetworkOpened>([link_base](Context& ctx, const npb::NetworkOpened& e) -> Status {
    VERKOSTO_RETURN_IF_ERROR(UpsertNetwork(ctx, e.network()));
    return RecordPlanNotice<npb::NetworkOpened>(
        ctx, link_base, Topic::kNetworkOpened, e.network().definition().code(),
        [&e](Notice& n) { n.actor_name = e.audit().actor_name(); });
  });
  consumer.On<npb::NetworkChanged>([link_base](Context& ctx,
                                               const npb::NetworkChanged& e) -> Status {
    VERKOSTO_RETURN_IF_ERROR(UpsertNetwork(ctx, e.network()));
    // A draft is KEHA's own work: nobody else has seen it yet.
    if (e.network().status() == npb::NETWORK_STATUS_DRAFT) return Status::Ok();
    return RecordPlanNotice<npb::NetworkChanged>(
        ctx, link_base, Topic::kNetworkChanged, e.network().definition().code(), [&e](Notice& n) {
          n.actor_name = e.audit().actor_name();
          n.reason = e.audit().reason();
          n.changed_fields.assign(e.changed_fields().begin(), e.changed_fields().end());
        });
  });
  consumer.On<npb::NetworkCancelled>([link_base](Context& ctx,
                                                 const npb::NetworkCancelled& e) -> Status {
    VERKOSTO_RETURN_IF_ERROR(UpsertNetwork(ctx, e.network()));
    return RecordPlanNotice<npb::NetworkCancelled>(
        ctx, link_base, Topic::kNetworkCancelled, e.network().definition().code(), [&e](Notice& n) {
          n.actor_name = e.audit().actor_name();
          n.reason = e.network().end_reason();
        });
  });
  consumer.On<npb::CommentAdded>([link_base](Context& ctx, const npb::CommentAdded& e) -> Status {
    return RecordPlanNotice<npb::CommentAdded>(ctx, link_base, Topic::kCommentAdded,
                                               e.comment().network_code(), [&e](Notice& n) {
                                                 n.area = AreaCode(e.comment().area_code());
                                                 n.actor_name = e.comment().author_name();
                                                 n.reason = e.comment().text();
                                               });
  });
  // Renewal (issue 17): the plan's audiences hear of the new term; the copy
  // follows the network into it when it starts.
  consumer.On<npb::NetworkRenewed>([link_base](Context& ctx,
                                               const npb::NetworkRenewed& e) -> Status {
    VERKOSTO_RETURN_IF_ERROR(UpsertNetwork(ctx, e.network()));
    return RecordPlanNotice<npb::NetworkRenewed>(
        ctx, link_base, Topic::kNetworkRenewed, e.network().definition().code(), [&e](Notice& n) {
          n.actor_name = e.audit().actor_name();
          n.reason = e.audit().reason();
          n.next_term_start = e.network().next_term().term().start_date();
          n.next_term_end = e.network().next_term().term().end_date();
        });
  });
  consumer.On<npb::NetworkTermStarted>([](Context& ctx, const npb::NetworkTermStarted& e) {
    return UpsertNetwork(ctx, e.network());
  });
  consumer.On<npb::NetworkClosed>([link_base](Context& ctx, const npb::NetworkClosed& e) -> Status {
    VERKOSTO_RETURN_IF_ERROR(UpsertNetwork(ctx, e.network()));
    if (!e.by_term_end()) {
      return RecordPlanNotice<npb::NetworkClosed>(ctx, link_base, Topic::kNetworkClosedEarly,
                                                  e.network().definition().code(), [&e](Notice& n) {
                                                    n.actor_name = e.audit().actor_name();
                                                    n.reason = e.network().end_reason();
                                                  });
    }
    SqliteNotificationRepository repo(ctx.db());
    Notice notice;
    notice.topic = Topic::kTermEnded;
    notice.event_type = npb::NetworkClosed::descriptor()->full_name();
    const std::string code = e.network().definition().code();
    VERKOSTO_ASSIGN_OR_RETURN(notice.network, repo.FindNetwork(code));
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<MembershipInfo> members, repo.MembershipsOf(code));
    notice.members = TermMembers(std::move(members));
    VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
    return RecordNotice(ctx.db(), *templates, ctx.request_id(), notice, ctx.now(), link_base)
        .status();
  });
  consumer.On<npb::ParticipationDecided>(
      [link_base](Context& ctx, const npb::ParticipationDecided& e) -> Status {
        const npb::Participation& p = e.participation();
        SqliteNotificationRepository repo(ctx.db());
        Notice notice;
        notice.topic = Topic::kParticipationDecided;
        notice.event_type = npb::ParticipationDecided::descriptor()->full_name();
        VERKOSTO_ASSIGN_OR_RETURN(notice.network, repo.FindNetwork(p.network_code()));
        if (!notice.network) {
          NetworkInfo bare;
          bare.code = p.network_code();
          notice.network = bare;
        }
        notice.area = AreaCode(p.area_code());
        notice.takes_part = p.decision() == npb::PARTICIPATION_DECISION_TAKES_PART;
        VERKOSTO_RETURN_IF_ERROR(
            repo.SetParticipation(p.network_code(), notice.area, notice.takes_part));
        notice.reason = p.reason();
        notice.actor_name = p.decided_by_name();
        VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
        return RecordNotice(ctx.db(), *templates, ctx.request_id(), notice, ctx.now(), link_base)
            .status();
      });
  consumer.On<npb::AreaDirectoryChanged>(
      [](Context& ctx, const npb::AreaDirectoryChanged& e) -> Status {
        std::vector<AreaInfo> areas;
        for (const npb::Area& area : e.areas()) areas.push_back(codec::FromProto(area));
        SqliteNotificationRepository repo(ctx.db());
        return repo.UpsertAreas(areas);
      });
}

void RegisterNominationAppliers(messaging::EventConsumer& consumer, const std::string& link_base) {
  // Issue 19: the act's formal letter comes just before the act's event; it
  // is kept to be attached to the act's e-mail (deliverer.cpp). A letter that
  // cannot be one is logged and skipped (a retry would not make it valid).
  consumer.On<mpb::CaseLetterWritten>([](Context& ctx, const mpb::CaseLetterWritten& e) -> Status {
    CaseLetterFile letter;
    letter.case_id = UpgradeLegacyId(e.letter().case_id());
    switch (e.letter().kind()) {
      case mpb::LETTER_KIND_REQUEST:
        letter.kind = "request";
        break;
      case mpb::LETTER_KIND_ACKNOWLEDGEMENT:
        letter.kind = "acknowledgement";
        break;
      case mpb::LETTER_KIND_DECISION:
        letter.kind = "decision";
        break;
      default:
        break;
    }
    letter.language = e.letter().language();
    letter.sha256 = e.letter().sha256();
    letter.filename = e.letter().filename();
    letter.pdf = e.pdf();
    letter.received_us = ToMicros(ctx.now());
    if (letter.case_id.empty() || letter.kind.empty() ||
        (letter.language != "fi" && letter.language != "sv") || letter.pdf.empty() ||
        letter.pdf.size() > kMaxLetterBytes || letter.filename.empty() ||
        letter.filename.size() > 255) {
      spdlog::warn("notifications: skipped a CaseLetterWritten that is not a letter (case '{}')",
                   letter.case_id);
      return Status::Ok();
    }
    SqliteNotificationRepository repo(ctx.db());
    return repo.PutCaseLetter(letter);
  });
  consumer.On<mpb::RequestSent>([link_base](Context& ctx, const mpb::RequestSent& e) {
    return RecordCase(ctx, link_base, Topic::kRequestSent, e, e.audit().actor_name());
  });
  consumer.On<mpb::CaseRegistered>([link_base](Context& ctx, const mpb::CaseRegistered& e) {
    return RecordCase(ctx, link_base, Topic::kCaseRegistered, e, e.audit().actor_name());
  });
  // A request that came by e-mail or letter is registered as it is logged.
  consumer.On<mpb::CaseLogged>([link_base](Context& ctx, const mpb::CaseLogged& e) {
    return RecordCase(ctx, link_base, Topic::kCaseRegistered, e, e.audit().actor_name());
  });
  consumer.On<mpb::CaseApproved>([link_base](Context& ctx, const mpb::CaseApproved& e) {
    return RecordCase(ctx, link_base, Topic::kCaseApproved, e, e.audit().actor_name());
  });
  consumer.On<mpb::CaseDeclined>([link_base](Context& ctx, const mpb::CaseDeclined& e) {
    return RecordCase(ctx, link_base, Topic::kCaseDeclined, e, e.audit().actor_name());
  });
  consumer.On<mpb::CaseWithdrawn>([link_base](Context& ctx, const mpb::CaseWithdrawn& e) {
    return RecordCase(ctx, link_base, Topic::kCaseWithdrawn, e, e.audit().actor_name());
  });
  consumer.On<mpb::CaseOverdue>([link_base](Context& ctx, const mpb::CaseOverdue& e) {
    return RecordCase(ctx, link_base, Topic::kCaseOverdue, e, std::string());
  });
  consumer.On<mpb::ReminderDue>([link_base](Context& ctx, const mpb::ReminderDue& e) -> Status {
    Notice notice;
    notice.topic = Topic::kReminderDue;
    notice.event_type = mpb::ReminderDue::descriptor()->full_name();
    notice.case_info = codec::FromProto(e.case_());
    notice.working_days_left = e.working_days_left();
    notice.reminder_step = codec::FromProto(e.step());
    notice.escalated = e.escalated();
    SqliteNotificationRepository repo(ctx.db());
    VERKOSTO_ASSIGN_OR_RETURN(notice.network, KnownNetwork(repo, notice.case_info->network_code));
    VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
    return RecordNotice(ctx.db(), *templates, ctx.request_id(), notice, ctx.now(), link_base)
        .status();
  });
  consumer.On<mpb::DeadlineExtended>(
      [link_base](Context& ctx, const mpb::DeadlineExtended& e) -> Status {
        const CaseInfo info = codec::FromProto(e.case_());
        {
          SqliteNotificationRepository repo(ctx.db());
          VERKOSTO_RETURN_IF_ERROR(KnownNetwork(repo, info.network_code).status());
        }
        return RecordPlanNotice<mpb::DeadlineExtended>(
            ctx, link_base, Topic::kDeadlineExtended, info.network_code, [&](Notice& n) {
              n.case_info = info;
              n.actor_name = e.audit().actor_name();
              n.previous_deadline = e.previous_deadline();
              n.reason = e.audit().reason();
            });
      });
  consumer.On<mpb::MembershipStarted>([](Context& ctx, const mpb::MembershipStarted& e) {
    SqliteNotificationRepository repo(ctx.db());
    return repo.UpsertMembership(codec::FromProto(e.membership()));
  });
  // A change of members the leadership made (replaced, recalled, resigned)
  // is told to the member, the area's leadership and KEHA (policy.h).
  consumer.On<mpb::MembershipEnded>(
      [link_base](Context& ctx, const mpb::MembershipEnded& e) -> Status {
        SqliteNotificationRepository repo(ctx.db());
        const MembershipInfo member = codec::FromProto(e.membership());
        VERKOSTO_RETURN_IF_ERROR(repo.UpsertMembership(member));
        Notice notice;
        notice.topic = Topic::kMembershipEnded;
        notice.event_type = mpb::MembershipEnded::descriptor()->full_name();
        notice.area = member.area;
        notice.reason = e.membership().end_note();
        notice.actor_name = e.audit().actor_name();
        VERKOSTO_ASSIGN_OR_RETURN(notice.network, KnownNetwork(repo, member.network_code));
        notice.members = {member};
        if (Recipients(notice, {}).empty()) return Status::Ok();  // a term end: told elsewhere
        VERKOSTO_RETURN_IF_ERROR(AddPlanContext(repo, notice));
        VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
        return RecordNotice(ctx.db(), *templates, ctx.request_id(), notice, ctx.now(), link_base)
            .status();
      });
  // Nominations removed these members' contact data: so does our copy.
  consumer.On<mpb::RetentionApplied>([](Context& ctx, const mpb::RetentionApplied& e) -> Status {
    SqliteNotificationRepository repo(ctx.db());
    for (const std::string& id : e.membership_ids()) {
      VERKOSTO_RETURN_IF_ERROR(repo.RemoveMembershipContact(UpgradeLegacyId(id)));
    }
    return Status::Ok();
  });
  // The member's corrected e-mail and language are where their messages go.
  consumer.On<mpb::ContactCorrected>([](Context& ctx, const mpb::ContactCorrected& e) {
    SqliteNotificationRepository repo(ctx.db());
    return repo.UpsertMembership(codec::FromProto(e.membership()));
  });
  consumer.On<mpb::ResignationRequested>(
      [link_base](Context& ctx, const mpb::ResignationRequested& e) -> Status {
        SqliteNotificationRepository repo(ctx.db());
        Notice notice;
        notice.topic = Topic::kResignationRequested;
        notice.event_type = mpb::ResignationRequested::descriptor()->full_name();
        const MembershipInfo member = codec::FromProto(e.membership());
        notice.area = member.area;
        notice.reason = e.request().reason();
        notice.actor_name = e.audit().actor_name();
        VERKOSTO_ASSIGN_OR_RETURN(notice.network, KnownNetwork(repo, member.network_code));
        notice.members = {member};
        VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
        return RecordNotice(ctx.db(), *templates, ctx.request_id(), notice, ctx.now(), link_base)
            .status();
      });
}

Status TermNotices(Context& ctx, int notice_days, const std::string& link_base, size_t* count) {
  SqliteNotificationRepository repo(ctx.db());
  const Date today = HelsinkiDate(ctx.now());
  VERKOSTO_ASSIGN_OR_RETURN(auto networks, repo.OpenNetworksWithTermEnd());
  VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
  for (auto& [network, notice_for] : networks) {
    const std::optional<Date> end = ParseIsoDate(network.term_end);
    if (!end || notice_for == network.term_end) continue;
    const int days_left = DaysBetween(today, *end);
    if (days_left < 0 || days_left > notice_days) continue;
    Notice notice;
    notice.topic = Topic::kTermEnding;
    notice.event_type = kTermEndingEvent;
    notice.days_left = days_left;
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<MembershipInfo> members,
                              repo.MembershipsOf(network.code));
    std::erase_if(members, [](const MembershipInfo& m) { return !m.ended.empty(); });
    notice.members = std::move(members);
    const std::string key = "term-notice:" + network.code + ":" + network.term_end;
    notice.network = std::move(network);
    VERKOSTO_RETURN_IF_ERROR(
        RecordNotice(ctx.db(), *templates, key, notice, ctx.now(), link_base).status());
    VERKOSTO_RETURN_IF_ERROR(repo.SetTermNoticeFor(notice.network->code, notice.network->term_end));
    ++*count;
  }
  return Status::Ok();
}

constexpr char kNotesDueEvent[] = "verkosto.notifications.NotesDue";

// The cadence reminders due today (plan_policy.h NotesDueOn), each once per
// due date (networks.notes_due_for; the event key "notes-due:<code>:<date>").
Status NotesDue(Context& ctx, const std::string& link_base, size_t* count) {
  SqliteNotificationRepository repo(ctx.db());
  const Date today = HelsinkiDate(ctx.now());
  VERKOSTO_ASSIGN_OR_RETURN(auto networks, repo.OpenNetworksWithNotes());
  VERKOSTO_ASSIGN_OR_RETURN(const TemplateSet* templates, BuiltInTemplates());
  for (auto& [network, due_for] : networks) {
    const std::optional<Date> due =
        NotesDueOn(ParseIsoDate(network.term_start), ParseIsoDate(network.term_end),
                   network.notes_every_days, today);
    if (!due || FormatIsoDate(*due) == due_for) continue;
    Notice notice;
    notice.topic = Topic::kNotesDue;
    notice.event_type = kNotesDueEvent;
    notice.due_date = FormatIsoDate(*due);
    const std::string key = "notes-due:" + network.code + ":" + notice.due_date;
    notice.network = std::move(network);
    VERKOSTO_RETURN_IF_ERROR(AddPlanContext(repo, notice));
    VERKOSTO_RETURN_IF_ERROR(
        RecordNotice(ctx.db(), *templates, key, notice, ctx.now(), link_base).status());
    VERKOSTO_RETURN_IF_ERROR(repo.SetNotesDueFor(notice.network->code, notice.due_date));
    ++*count;
  }
  return Status::Ok();
}

constexpr char kRetentionJob[] = "retention";
const Actor& ServiceActor() {
  static const Actor kActor{"notifications", "notifications", Role::kSystem, {}, {}, {},
                            "notifications"};
  return kActor;
}

// The .eml files under `mail_dir` due at `now`: by the time in their name,
// and only once the delivery they carry (if still stored) is finished.
Result<std::vector<std::string>> EmlFilesDue(SqliteNotificationRepository& repo,
                                             const std::string& mail_dir, TimePoint now,
                                             const RetentionPolicy& policy) {
  std::vector<std::string> due;
  std::error_code error;
  std::filesystem::directory_iterator it(mail_dir, error);
  if (error) return due;  // no directory (yet): no files
  for (const std::filesystem::directory_entry& entry : it) {
    if (!entry.is_regular_file(error)) continue;
    const std::string name = entry.path().filename().string();
    const std::optional<EmlName> eml = ParseEmlName(name);
    if (!eml || !EmlDue(eml->written, now, policy)) continue;
    if (eml->delivery_id) {
      VERKOSTO_ASSIGN_OR_RETURN(std::optional<bool> finished,
                                repo.DeliveryFinishedById(*eml->delivery_id));
      if (finished && !*finished) continue;  // written, not yet recorded: still under way
    }
    due.push_back(name);
  }
  std::sort(due.begin(), due.end());
  return due;
}

Status ApplyRetention(Context& ctx, const RetentionPolicy& policy, const std::string& mail_dir,
                      RetentionReport* report) {
  SqliteNotificationRepository repo(ctx.db());
  const Date today = HelsinkiDate(ctx.now());
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Date> last, repo.LastDailyRun(kRetentionJob));
  if (last && *last >= today) return Status::Ok();
  report->ran = true;
  const TimePoint cutoff = InboxCutoff(today, policy);
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<MessageAge> old,
                            repo.MessagesCreatedBefore(ToMicros(cutoff)));
  const std::vector<int64_t> due = MessagesDue(old, today, policy);
  VERKOSTO_ASSIGN_OR_RETURN(report->rows, repo.DeleteMessages(due));
  VERKOSTO_ASSIGN_OR_RETURN(report->digest_records,
                            repo.DeleteDigestsSentBefore(FormatIsoDate(HelsinkiDate(cutoff))));
  VERKOSTO_ASSIGN_OR_RETURN(report->eml_files, EmlFilesDue(repo, mail_dir, ctx.now(), policy));
  if (!due.empty() || report->digest_records > 0 || !report->eml_files.empty()) {
    ::verkosto::notifications::v1::RetentionApplied event;
    event.set_run_date(FormatIsoDate(today));
    event.set_inbox_months(static_cast<uint32_t>(policy.inbox_months));
    event.set_eml_days(static_cast<uint32_t>(policy.eml_days));
    event.set_cutoff_unix_us(ToMicros(cutoff));
    for (int64_t id : due) event.add_message_ids(id);
    event.set_messages_count(report->rows.messages);
    event.set_deliveries_count(report->rows.deliveries);
    event.set_attempts_count(report->rows.attempts);
    event.set_digest_records_count(report->digest_records);
    for (const std::string& file : report->eml_files) event.add_eml_files(file);
    event.set_eml_files_count(static_cast<uint32_t>(report->eml_files.size()));
    const Actor& actor = ServiceActor();
    event.mutable_audit()->set_actor(actor.user_id);
    event.mutable_audit()->set_actor_name(actor.display_name);
    event.mutable_audit()->set_principal(actor.principal);
    event.mutable_audit()->set_reason(
        "retention: " + std::to_string(report->rows.messages) + " messages older than " +
        std::to_string(policy.inbox_months) + " months, " +
        std::to_string(report->eml_files.size()) + " .eml files older than " +
        std::to_string(policy.eml_days) + " days");
    VERKOSTO_RETURN_IF_ERROR(ctx.Emit(event));
  }
  return repo.SetLastDailyRun(kRetentionJob, today);
}

// E-mail off the loop's thread: the loop picks due deliveries and digests
// (as jobs), the worker sends one at a time, and each result comes back to
// the loop (through the worker's eventfd) to be recorded in its own
// transaction. Loop thread only, but for the worker's sending. A delivery is
// picked again only once no delivery job is queued or in flight, so at most
// one attempt per delivery is ever under way; likewise for digests.
class Dispatcher {
 public:
  Dispatcher(runtime::ServiceRuntime& runtime, std::shared_ptr<MailTransport> transport,
             DeliveryOptions options)
      : rt_(&runtime), worker_(std::move(transport)), options_(std::move(options)) {}

  int fd() const { return worker_.fd(); }

  // Every second: the due deliveries, if none are on their way.
  void Deliveries() {
    if (deliveries_ == 0) Enqueue(DueDeliveryJobs(rt_->db().sqlite(), rt_->clock(), options_));
    Pump();
  }

  // Every minute: today's digests, if none are on their way.
  void Digests() {
    if (digests_ == 0) Enqueue(DigestJobs(rt_->db().sqlite(), rt_->clock(), options_));
    Pump();
  }

  // The worker's result is ready: record it, send the next.
  void OnResult() {
    std::optional<SendResult> result = worker_.TakeResult();
    if (!result || queue_.empty()) return;
    MailJob job = std::move(queue_.front());
    queue_.pop_front();
    --(job.digest ? digests_ : deliveries_);
    const Status recorded = job.record(*result);
    if (!recorded.ok()) {
      // Not recorded: the delivery stays as it was and is sent again.
      spdlog::error("{}: {}", job.digest ? "digests" : "delivery", recorded.ToString());
      failed_ = true;
    }
    // A burst drains without waiting for the next second (unless storage
    // fails: then the periodic run retries, not a tight loop).
    if (deliveries_ == 0 && !failed_) {
      Enqueue(DueDeliveryJobs(rt_->db().sqlite(), rt_->clock(), options_));
    }
    Pump();
  }

 private:
  void Enqueue(Result<std::vector<MailJob>> jobs) {
    failed_ = false;
    if (!jobs.ok()) {
      spdlog::error("delivery: {}", jobs.status().ToString());
      failed_ = true;
      return;
    }
    for (MailJob& job : *jobs) {
      ++(job.digest ? digests_ : deliveries_);
      queue_.push_back(std::move(job));
    }
  }

  // Hands the front job to the worker when it is free.
  void Pump() {
    if (!worker_.busy() && !queue_.empty()) worker_.Start(queue_.front().mail);
  }

  runtime::ServiceRuntime* rt_;
  MailWorker worker_;
  DeliveryOptions options_;
  std::deque<MailJob> queue_;  // front = the one being sent, when the worker is busy
  size_t deliveries_ = 0;      // delivery jobs queued or in flight
  size_t digests_ = 0;         // digest jobs queued or in flight
  bool failed_ = false;
};

}  // namespace

Result<const TemplateSet*> BuiltInTemplates() {
  static const Result<TemplateSet> kTemplates = TemplateSet::Embedded();
  if (!kTemplates.ok()) return kTemplates.status();
  return &*kTemplates;
}

Result<size_t> RecordNotice(SQLite::Database& db, const TemplateSet& templates,
                            const std::string& event_key, const Notice& notice, TimePoint now,
                            const std::string& link_base) {
  SqliteNotificationRepository repo(db);
  VERKOSTO_ASSIGN_OR_RETURN(AreaMap areas, repo.LoadAreas());
  size_t created = 0;
  for (const Recipient& r : Recipients(notice, areas)) {
    VERKOSTO_ASSIGN_OR_RETURN(std::optional<MailboxPreferences> prefs,
                              repo.GetPreferences(r.mailbox));
    const std::optional<Language> preferred = prefs ? prefs->language : std::nullopt;
    const Language language = ResolveLanguage(preferred, r, areas);
    const View view = BuildView(notice, r, language, areas, link_base);
    VERKOSTO_ASSIGN_OR_RETURN(RenderedMessage rendered,
                              templates.Render(r.template_name, language, view));
    MessageRow m;
    m.event_key = event_key;
    m.mailbox = r.mailbox;
    m.template_name = r.template_name;
    m.language = std::string(LanguageCode(language));
    m.subject = rendered.subject;
    m.body_text = rendered.text;
    m.body_html = rendered.html;
    m.link = LinkOf(notice);
    m.event_type = notice.event_type;
    m.network_code = view.values.at("network_code");
    m.case_id = notice.case_info ? notice.case_info->case_id : std::string();
    m.created_us = ToMicros(now);
    VERKOSTO_ASSIGN_OR_RETURN(int64_t message_id, repo.InsertMessage(m));
    ++created;
    if (IsPublicMailbox(r.mailbox)) continue;  // the public catalogue: no e-mail

    std::vector<std::string> addresses = r.emails;
    if (prefs && !prefs->email.empty() &&
        std::find(addresses.begin(), addresses.end(), prefs->email) == addresses.end()) {
      addresses.push_back(prefs->email);
    }
    DeliveryRow d;
    d.message_id = message_id;
    d.event_key = event_key;
    d.mailbox = r.mailbox;
    d.created_us = ToMicros(now);
    d.next_attempt_us = ToMicros(now);
    if (addresses.empty()) {
      d.status = DeliveryStatus::kSkipped;
      d.last_reply = "no e-mail address known for this mailbox (inbox only)";
      VERKOSTO_RETURN_IF_ERROR(repo.InsertDelivery(d));
      continue;
    }
    for (const std::string& address : addresses) {
      d.address = address;
      d.status = InitialStatus(prefs);
      d.last_reply = d.status == DeliveryStatus::kSkipped ? "the recipient chose inbox only" : "";
      VERKOSTO_RETURN_IF_ERROR(repo.InsertDelivery(d));
    }
  }
  return created;
}

void RegisterAppliers(runtime::ServiceRuntime& runtime, const std::string& link_base) {
  if (messaging::EventConsumer* networks = runtime.consumer("networks")) {
    RegisterNetworkAppliers(*networks, link_base);
  }
  if (messaging::EventConsumer* nominations = runtime.consumer("nominations")) {
    RegisterNominationAppliers(*nominations, link_base);
  }
}

RetentionPolicy RetentionPolicyOf(const config::SystemConfig& system) {
  RetentionPolicy policy;
  policy.inbox_months = system.retention.inbox_months;
  policy.eml_days = system.retention.eml_days;
  return policy;
}

std::string MailDirOf(const config::SystemConfig& system) {
  const std::string& dir = system.notifications.mail_dir;
  return dir.empty() ? system.data_dir + "/mail" : dir;
}

Result<RetentionReport> RunRetention(runtime::ServiceRuntime& runtime,
                                     const RetentionPolicy& policy, const std::string& mail_dir) {
  RetentionReport report;
  Status status = runtime.RunInTransaction(ServiceActor(), "retention", [&](Context& ctx) {
    report = RetentionReport{};
    return ApplyRetention(ctx, policy, mail_dir, &report);
  });
  if (!status.ok()) return status;
  // Only now: the event naming them is committed.
  for (const std::string& name : report.eml_files) {
    std::error_code error;
    std::filesystem::remove(std::filesystem::path(mail_dir) / name, error);
    if (error) spdlog::warn("retention: cannot remove {}/{}: {}", mail_dir, name, error.message());
  }
  if (report.rows.messages > 0 || !report.eml_files.empty()) {
    spdlog::info("retention: {} messages, {} deliveries, {} .eml files removed",
                 report.rows.messages, report.rows.deliveries, report.eml_files.size());
  }
  return report;
}

Result<size_t> RunTermNotices(runtime::ServiceRuntime& runtime, int notice_days,
                              const std::string& link_base) {
  size_t count = 0;
  Status status =
      runtime.RunInTransaction(Actor{"notifications", "notifications", Role::kSystem, {}, {}, {}},
                               "term-notices", [&](Context& ctx) {
                                 count = 0;
                                 return TermNotices(ctx, notice_days, link_base, &count);
                               });
  if (!status.ok()) return status;
  return count;
}

Result<size_t> RunNotesDue(runtime::ServiceRuntime& runtime, const std::string& link_base) {
  size_t count = 0;
  Status status = runtime.RunInTransaction(ServiceActor(), "notes-due", [&](Context& ctx) {
    count = 0;
    return NotesDue(ctx, link_base, &count);
  });
  if (!status.ok()) return status;
  return count;
}

Status WireWith(runtime::ServiceRuntime& runtime, const config::SystemConfig& system,
                std::shared_ptr<MailTransport> transport, const DeliveryOptions& options) {
  for (const char* producer : {"networks", "nominations"}) {
    // A partial system (e.g. the crash test's) runs without one of them.
    if (runtime.consumer(producer) == nullptr) {
      spdlog::warn("not consuming {}: its notifications are not sent", producer);
    }
  }
  VERKOSTO_RETURN_IF_ERROR(BuiltInTemplates().status());
  // Every link in an e-mail is absolute: [http] public_url, or its default
  // (config::PublicUrl).
  const std::string link_base = config::PublicUrl(system);
  const int notice_days = system.notifications.term_notice_days;
  RegisterNotificationHandlers(runtime.server());
  RegisterAppliers(runtime, link_base);
  // GET /metrics: the e-mails pending and failed.
  runtime.AddMetrics([](messaging::Context& ctx, common::v1::MetricsResponse& out) {
    return AddDeliveryGauges(ctx.db(), out);
  });
  spdlog::info("e-mail goes to {}", transport->Describe());
  // The dispatcher (and its worker) is kept by the runtime: destroyed before
  // the loop, after Run() has returned.
  auto dispatcher = std::make_shared<Dispatcher>(runtime, std::move(transport), options);
  runtime.Keep(dispatcher);
  Dispatcher* d = dispatcher.get();
  runtime::ServiceRuntime* rt = &runtime;
  runtime.loop().AddReadable(d->fd(), [d] { d->OnResult(); });
  runtime.loop().AddPeriodic(std::chrono::seconds(1), [d] { d->Deliveries(); });
  const RetentionPolicy retention = RetentionPolicyOf(system);
  const std::string mail_dir = MailDirOf(system);
  runtime.loop().AddPeriodic(std::chrono::minutes(1),
                             [rt, d, notice_days, link_base, retention, mail_dir] {
                               auto notices = RunTermNotices(*rt, notice_days, link_base);
                               if (!notices.ok())
                                 spdlog::error("term notices: {}", notices.status().ToString());
                               auto notes = RunNotesDue(*rt, link_base);
                               if (!notes.ok())
                                 spdlog::error("notes due: {}", notes.status().ToString());
                               d->Digests();
                               auto removed = RunRetention(*rt, retention, mail_dir);
                               if (!removed.ok())
                                 spdlog::error("retention: {}", removed.status().ToString());
                             });
  return Status::Ok();
}

Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system) {
  VERKOSTO_ASSIGN_OR_RETURN(std::unique_ptr<MailTransport> transport, MakeTransport(system));
  DeliveryOptions options;
  options.from = system.notifications.smtp_from;
  return WireWith(runtime, system, std::shared_ptr<MailTransport>(std::move(transport)), options);
}

}  // namespace verkosto::notifications
