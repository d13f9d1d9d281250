#include "notifications/codec/codec.h"

#include "core/case_ids.h"
#include "core/text.h"
#include "messaging/envelope.h"
#include "messaging/proto_enum.h"

namespace verkosto::notifications::codec {

namespace npb = ::verkosto::networks::v1;
namespace mpb = ::verkosto::nominations::v1;
namespace pb = ::verkosto::notifications::v1;

AreaInfo FromProto(const npb::Area& area) {
  AreaInfo a;
  a.code = AreaCode(area.code());
  a.name_fi = area.name_fi();
  a.name_sv = area.name_sv();
  for (const std::string& l : area.languages()) a.languages.push_back(l);
  a.registry_email = text::AsciiLower(area.registry_office().email());
  a.director_email = text::AsciiLower(area.director().email());
  a.deputy_email = text::AsciiLower(area.deputy().email());
  return a;
}

namespace {

// A language number this build does not know (a newer nominations) is read
// as "not given": the message goes in the area's language rather than the
// event stopping the stream.
std::optional<Language> LanguageOf(common::v1::Language language) {
  Result<std::optional<Language>> known = messaging::FromProtoLanguage(language, "language");
  return known.ok() ? *known : std::nullopt;
}

Person FromProto(const mpb::Nominee& n) {
  return Person{n.name(), text::AsciiLower(n.email()), LanguageOf(n.language()),
                n.seat() == mpb::SEAT_KIND_DEPUTY};
}

std::optional<EndReason> FromProto(mpb::EndReason reason) {
  switch (reason) {
    case mpb::END_REASON_TERM_ENDED:
      return EndReason::kTermEnded;
    case mpb::END_REASON_NETWORK_CLOSED:
      return EndReason::kNetworkClosed;
    case mpb::END_REASON_REPLACED:
      return EndReason::kReplaced;
    case mpb::END_REASON_RESIGNED:
      return EndReason::kResigned;
    case mpb::END_REASON_RECALLED:
      return EndReason::kRecalled;
    case mpb::END_REASON_NOT_RENEWED:
      return EndReason::kNotRenewed;
    default:
      return std::nullopt;
  }
}

}  // namespace

NetworkInfo FromProto(const npb::Network& network, const std::string& created_by) {
  const npb::NetworkDefinition& d = network.definition();
  NetworkInfo n;
  n.code = d.code();
  // The read model knows no "unspecified": such a network counts as a draft.
  n.status = network.status() == npb::NETWORK_STATUS_UNSPECIFIED
                 ? "draft"
                 : messaging::EnumShortName(network.status());
  n.name_fi = d.names().fi();
  n.name_sv = d.names().sv();
  n.name_en = d.names().en();
  for (const std::string& g : d.goals()) n.goals.push_back(g);
  n.term_start = d.term().start_date();
  n.term_end = d.term().end_date();
  for (const std::string& a : d.communication_plan().audiences()) n.audiences.push_back(a);
  for (const std::string& c : d.communication_plan().channels()) n.channels.push_back(c);
  n.cadence = d.communication_plan().cadence();
  n.responsible = d.communication_plan().responsible();
  n.contact_name = d.responsible().name();
  n.contact_email = text::AsciiLower(d.responsible().email());
  n.created_by = created_by;
  n.disclaimer_fi = network.disclaimer().fi();
  n.disclaimer_sv = network.disclaimer().sv();
  n.disclaimer_en = network.disclaimer().en();
  for (const npb::PlanTarget& t : network.effective_targets()) {
    const int audience = static_cast<int>(t.audience());
    // PLAN_AUDIENCE_* 1..6 are PlanAudience's values in order; others are skipped.
    if (audience < npb::PLAN_AUDIENCE_ALL_AREAS_LEADERSHIP ||
        audience > npb::PLAN_AUDIENCE_PUBLIC) {
      continue;
    }
    PlanTargetInfo target;
    target.audience = static_cast<PlanAudience>(audience - 1);
    for (int e : t.events()) {
      if (e >= npb::PLAN_EVENT_PROPOSED && e <= npb::PLAN_EVENT_RENEWED) {
        target.events.push_back(static_cast<PlanEvent>(e - 1));
      }
    }
    n.targets.push_back(std::move(target));
  }
  n.notes_every_days = network.effective_notes_every_days();
  n.responsible_email = text::AsciiLower(network.effective_responsible_email());
  return n;
}

CaseInfo FromProto(const mpb::Case& c) {
  CaseInfo out;
  out.case_id = UpgradeLegacyId(c.case_id());
  out.network_code = c.network_code();
  out.area = AreaCode(c.area_code());
  out.approved = c.state() == mpb::CASE_STATE_APPROVED;
  out.awaiting_registration = c.state() == mpb::CASE_STATE_AWAITING_REGISTRATION;
  out.replacement = c.kind() == mpb::CASE_KIND_REPLACEMENT;
  out.ask_woman_and_man = c.ask_woman_and_man();
  out.deadline = c.deadline();
  out.sender_user_id = c.sent().user_id();
  out.sender_name = c.sent().name();
  out.diary_number = c.registration().diary_number();
  out.decided_by_name = c.decision().decided().name();
  out.on_behalf_of = c.decision().decided().on_behalf_of();
  out.reason = c.state() == mpb::CASE_STATE_WITHDRAWN ? c.withdraw_reason() : c.decision().reason();
  for (const mpb::Nominee& n : c.decision().nominees()) out.nominees.push_back(FromProto(n));
  out.confirmation = c.kind() == mpb::CASE_KIND_CONFIRMATION;
  out.next_term_start = c.next_term_start();
  for (const mpb::SittingMember& m : c.sitting()) out.sitting.push_back(m.name());
  return out;
}

ReminderStep FromProto(mpb::ReminderStep step) {
  switch (step) {
    case mpb::REMINDER_STEP_REGISTRATION:
      return ReminderStep::kRegistration;
    case mpb::REMINDER_STEP_DECISION:
      return ReminderStep::kDecision;
    default:
      return ReminderStep::kUnspecified;
  }
}

MembershipInfo FromProto(const mpb::Membership& m) {
  MembershipInfo out;
  out.membership_id = UpgradeLegacyId(m.membership_id());
  out.network_code = m.network_code();
  out.area = AreaCode(m.area_code());
  out.person = FromProto(m.person());
  out.started = m.started();
  out.ended = m.ended();
  // nullopt also for a reason this build does not know (a newer nominations).
  out.end_reason = FromProto(m.end_reason());
  return out;
}

pb::InboxItem ToProto(const MessageRow& m) {
  pb::InboxItem item;
  item.set_id(std::to_string(m.id));
  item.set_created_unix_us(m.created_us);
  item.set_subject(m.subject);
  item.set_body_text(m.body_text);
  item.set_link(m.link);
  item.set_read(m.read);
  item.set_event_type(m.event_type);
  item.set_network_code(m.network_code);
  item.set_case_id(m.case_id);
  return item;
}

namespace {

// One domain value and its proto value: the one table per enum below.
template <typename Domain, typename Proto>
struct EnumPair {
  Domain domain;
  Proto proto;
};

constexpr EnumPair<EmailMode, pb::EmailMode> kEmailModes[] = {
    {EmailMode::kImmediate, pb::EMAIL_MODE_IMMEDIATE},
    {EmailMode::kDailyDigest, pb::EMAIL_MODE_DAILY_DIGEST},
    {EmailMode::kNone, pb::EMAIL_MODE_NONE},
};

constexpr EnumPair<DeliveryStatus, pb::DeliveryStatus> kDeliveryStatuses[] = {
    {DeliveryStatus::kPending, pb::DELIVERY_STATUS_PENDING},
    {DeliveryStatus::kSent, pb::DELIVERY_STATUS_SENT},
    {DeliveryStatus::kFailed, pb::DELIVERY_STATUS_FAILED},
    {DeliveryStatus::kDigest, pb::DELIVERY_STATUS_DIGEST},
    {DeliveryStatus::kSkipped, pb::DELIVERY_STATUS_SKIPPED},
};

// The proto value of `value`; `Proto{}` (UNSPECIFIED) if the table lacks it.
template <typename Domain, typename Proto, size_t N>
Proto ProtoOf(const EnumPair<Domain, Proto> (&table)[N], Domain value) {
  for (const auto& pair : table) {
    if (pair.domain == value) return pair.proto;
  }
  return Proto{};
}

// The domain value of `value`; nullopt for UNSPECIFIED or an unknown number.
template <typename Domain, typename Proto, size_t N>
std::optional<Domain> DomainOf(const EnumPair<Domain, Proto> (&table)[N], Proto value) {
  for (const auto& pair : table) {
    if (pair.proto == value) return pair.domain;
  }
  return std::nullopt;
}

}  // namespace

pb::EmailMode ToProto(EmailMode mode) { return ProtoOf(kEmailModes, mode); }
std::optional<EmailMode> FromProto(pb::EmailMode mode) { return DomainOf(kEmailModes, mode); }
pb::DeliveryStatus ToProto(DeliveryStatus status) { return ProtoOf(kDeliveryStatuses, status); }
std::optional<DeliveryStatus> FromProto(pb::DeliveryStatus status) {
  return DomainOf(kDeliveryStatuses, status);
}

pb::Delivery ToProto(const DeliveryRow& d) {
  pb::Delivery out;
  out.set_id(std::to_string(d.id));
  out.set_message_id(std::to_string(d.message_id));
  out.set_mailbox(d.mailbox);
  out.set_channel(d.channel);
  out.set_address(d.address);
  out.set_status(ToProto(d.status));
  out.set_attempt_count(d.attempt_count);
  out.set_next_attempt_unix_us(d.status == DeliveryStatus::kPending ? d.next_attempt_us : 0);
  out.set_last_reply(d.last_reply);
  out.set_created_unix_us(d.created_us);
  out.set_updated_unix_us(d.updated_us);
  out.set_subject(d.subject);
  out.set_event_type(d.event_type);
  out.set_network_code(d.network_code);
  out.set_case_id(d.case_id);
  out.set_email_message_id(d.email_message_id);
  for (const AttemptRow& a : d.attempts) {
    pb::DeliveryAttempt* attempt = out.add_attempts();
    attempt->set_at_unix_us(a.at_us);
    attempt->set_ok(a.ok);
    attempt->set_reply(a.reply);
  }
  return out;
}

pb::Preferences ToProto(const MailboxPreferences& p) {
  pb::Preferences out;
  out.set_mailbox(p.mailbox);
  out.set_language(messaging::ToProtoLanguage(p.language));
  out.set_email_mode(ToProto(p.email_mode));
  out.set_email(p.email);
  return out;
}

}  // namespace verkosto::notifications::codec
