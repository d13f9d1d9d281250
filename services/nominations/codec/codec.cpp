#include "nominations/codec/codec.h"

#include "core/case_ids.h"
#include "messaging/envelope.h"
#include "nominations/domain/visibility.h"

namespace verkosto::nominations::codec {

namespace npb = ::verkosto::networks::v1;

pb::CaseState ToProto(CaseState state) {
  switch (state) {
    case CaseState::kAwaitingRegistration:
      return pb::CASE_STATE_AWAITING_REGISTRATION;
    case CaseState::kRegistered:
      return pb::CASE_STATE_REGISTERED;
    case CaseState::kApproved:
      return pb::CASE_STATE_APPROVED;
    case CaseState::kDeclined:
      return pb::CASE_STATE_DECLINED;
    case CaseState::kWithdrawn:
      return pb::CASE_STATE_WITHDRAWN;
  }
  return pb::CASE_STATE_UNSPECIFIED;
}

pb::Channel ToProto(Channel channel) {
  switch (channel) {
    case Channel::kSystem:
      return pb::CHANNEL_SYSTEM;
    case Channel::kEmail:
      return pb::CHANNEL_EMAIL;
    case Channel::kLetter:
      return pb::CHANNEL_LETTER;
    case Channel::kOther:
      return pb::CHANNEL_OTHER;
  }
  return pb::CHANNEL_UNSPECIFIED;
}

Result<Channel> FromProto(pb::Channel channel) {
  switch (channel) {
    case pb::CHANNEL_SYSTEM:
      return Channel::kSystem;
    case pb::CHANNEL_EMAIL:
      return Channel::kEmail;
    case pb::CHANNEL_LETTER:
      return Channel::kLetter;
    case pb::CHANNEL_OTHER:
      return Channel::kOther;
    default:
      break;
  }
  return Status::InvalidArgument("channel", "must be email, letter or other");
}

pb::CaseKind ToProto(CaseKind kind) {
  switch (kind) {
    case CaseKind::kReplacement:
      return pb::CASE_KIND_REPLACEMENT;
    case CaseKind::kConfirmation:
      return pb::CASE_KIND_CONFIRMATION;
    case CaseKind::kNomination:
      break;
  }
  return pb::CASE_KIND_NOMINATION;
}

pb::ConfirmationChoice ToProto(ConfirmationChoice choice) {
  switch (choice) {
    case ConfirmationChoice::kConfirm:
      return pb::CONFIRMATION_CHOICE_CONFIRM;
    case ConfirmationChoice::kReplace:
      return pb::CONFIRMATION_CHOICE_REPLACE;
    case ConfirmationChoice::kEnd:
      return pb::CONFIRMATION_CHOICE_END;
  }
  return pb::CONFIRMATION_CHOICE_UNSPECIFIED;
}

pb::SeatKind ToProto(SeatKind seat) {
  return seat == SeatKind::kDeputy ? pb::SEAT_KIND_DEPUTY : pb::SEAT_KIND_MEMBER;
}

pb::Stamp ToProto(const Stamp& stamp) {
  pb::Stamp out;
  out.set_user_id(stamp.user_id);
  out.set_name(stamp.name);
  out.set_on_behalf_of(stamp.on_behalf_of);
  out.set_at_unix_us(ToMicros(stamp.at));
  out.set_principal(stamp.principal);
  out.set_on_behalf_of_name(stamp.on_behalf_of_name);
  return out;
}

pb::Nominee ToProto(const Nominee& nominee) {
  pb::Nominee out;
  out.set_name(nominee.name);
  out.set_title(nominee.title);
  out.set_email(nominee.email);
  out.set_municipality(nominee.municipality);
  out.set_seat(ToProto(nominee.seat));
  out.set_language(messaging::ToProtoLanguage(nominee.language));
  out.set_gender(ToProto(nominee.gender));
  return out;
}

pb::Gender ToProto(Gender gender) {
  switch (gender) {
    case Gender::kWoman:
      return pb::GENDER_WOMAN;
    case Gender::kMan:
      return pb::GENDER_MAN;
    case Gender::kNotStated:
      return pb::GENDER_UNSPECIFIED;
  }
  return pb::GENDER_UNSPECIFIED;
}

Result<Gender> FromProto(pb::Gender gender, const std::string& field) {
  switch (gender) {
    case pb::GENDER_UNSPECIFIED:
      return Gender::kNotStated;
    case pb::GENDER_WOMAN:
      return Gender::kWoman;
    case pb::GENDER_MAN:
      return Gender::kMan;
    default:
      return Status::InvalidArgument(field, "must be woman, man or not stated (unspecified)");
  }
}

pb::BalanceVerdict ToProto(BalanceVerdict verdict) {
  switch (verdict) {
    case BalanceVerdict::kEmpty:
      return pb::BALANCE_VERDICT_EMPTY;
    case BalanceVerdict::kMeets:
      return pb::BALANCE_VERDICT_MEETS;
    case BalanceVerdict::kBreaks:
      return pb::BALANCE_VERDICT_BREAKS;
    case BalanceVerdict::kCannotBeAssessed:
      return pb::BALANCE_VERDICT_CANNOT_BE_ASSESSED;
  }
  return pb::BALANCE_VERDICT_UNSPECIFIED;
}

pb::GroupBalance ToProto(const GenderCounts& counts) {
  pb::GroupBalance out;
  out.set_women(counts.women);
  out.set_men(counts.men);
  out.set_not_stated(counts.not_stated);
  out.set_total(counts.total());
  out.set_women_percent(Percent(counts.women, counts.total()));
  out.set_men_percent(Percent(counts.men, counts.total()));
  out.set_not_stated_percent(Percent(counts.not_stated, counts.total()));
  out.set_required_each(RequiredEach(counts.total()));
  out.set_verdict(ToProto(Assess(counts)));
  return out;
}

void ClearGenders(google::protobuf::Message* message) {
  if (auto* nominee = dynamic_cast<pb::Nominee*>(message)) {
    nominee->clear_gender();
    return;
  }
  const google::protobuf::Reflection* reflection = message->GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(*message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      const int n = reflection->FieldSize(*message, field);
      for (int i = 0; i < n; ++i) {
        ClearGenders(reflection->MutableRepeatedMessage(message, field, i));
      }
    } else {
      ClearGenders(reflection->MutableMessage(message, field));
    }
  }
}

Result<Nominee> FromProto(const pb::Nominee& nominee, const std::string& field) {
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Language> language,
                            messaging::FromProtoLanguage(nominee.language(), field + ".language"));
  VERKOSTO_ASSIGN_OR_RETURN(Gender gender, FromProto(nominee.gender(), field + ".gender"));
  Nominee out{nominee.name(),    nominee.title(), nominee.email(), nominee.municipality(),
              SeatKind::kMember, language,        gender};
  switch (nominee.seat()) {
    case pb::SEAT_KIND_MEMBER:
      out.seat = SeatKind::kMember;
      break;
    case pb::SEAT_KIND_DEPUTY:
      out.seat = SeatKind::kDeputy;
      break;
    default:
      return Status::InvalidArgument(field + ".seat", "must be member or deputy");
  }
  return out;
}

Seats FromProto(const pb::SeatsAsked& seats) { return Seats{seats.members(), seats.deputies()}; }

pb::DeadlineWarning ToProto(const NonWorkingDeadline& warning) {
  pb::DeadlineWarning out;
  out.set_deadline(FormatIsoDate(warning.deadline));
  out.set_next_working_day(FormatIsoDate(warning.next_working_day));
  out.set_weekend(warning.weekend);
  out.set_holiday(std::string(warning.holiday));
  return out;
}

pb::ReminderStep ToProto(ReminderStep step) {
  switch (step) {
    case ReminderStep::kRegistration:
      return pb::REMINDER_STEP_REGISTRATION;
    case ReminderStep::kDecision:
      return pb::REMINDER_STEP_DECISION;
  }
  return pb::REMINDER_STEP_UNSPECIFIED;
}

pb::Case ToProto(const Case& c) {
  pb::Case out;
  out.set_case_id(c.id.value());
  out.set_request_id(c.request_id.value());
  out.set_network_code(c.network.value());
  out.set_area_code(c.area.value());
  out.set_kind(ToProto(c.kind));
  out.set_state(ToProto(c.state));
  out.mutable_seats()->set_members(c.seats.members);
  out.mutable_seats()->set_deputies(c.seats.deputies);
  if (c.deadline) out.set_deadline(FormatIsoDate(*c.deadline));
  out.set_short_deadline(c.short_deadline);
  out.set_overdue(c.overdue);
  out.set_covering_message(c.covering_message);
  out.set_keha_diary_number(c.keha_diary_number);
  if (c.sent) *out.mutable_sent() = ToProto(*c.sent);
  if (c.registration) {
    const Registration& r = *c.registration;
    pb::Registration* reg = out.mutable_registration();
    reg->set_diary_number(r.diary_number);
    reg->set_registered_by_organisation(r.organisation);
    reg->set_date_received(FormatIsoDate(r.date_received));
    *reg->mutable_registered() = ToProto(r.registered);
    reg->set_channel(ToProto(r.channel));
    reg->set_sender(r.sender);
    reg->set_subject(r.subject);
  }
  if (c.decision) {
    pb::Decision* d = out.mutable_decision();
    d->set_approved(c.decision->approved);
    d->set_reason(c.decision->reason);
    for (const Nominee& n : c.decision->nominees) *d->add_nominees() = ToProto(n);
    *d->mutable_decided() = ToProto(c.decision->decided);
    d->set_channel(ToProto(c.decision->channel));
    if (c.decision->decision_date) d->set_decision_date(FormatIsoDate(*c.decision->decision_date));
    d->set_decided_at_area(c.decision->decided_at_area);
    for (const ConfirmationAnswer& a : c.decision->answers) {
      pb::ConfirmationAnswer* answer = d->add_answers();
      answer->set_membership_id(a.membership.value());
      answer->set_choice(ToProto(a.choice));
      answer->set_reason(a.reason);
      answer->set_successor_membership_id(a.successor.value());
    }
  }
  if (c.withdrawn) *out.mutable_withdrawn() = ToProto(*c.withdrawn);
  out.set_withdraw_reason(c.withdraw_reason);
  out.set_replaced_membership_id(c.replaced_membership.value());
  if (c.reminder_7_fired) out.add_reminders_sent(7);
  if (c.reminder_2_fired) out.add_reminders_sent(2);
  out.set_started_by_area(c.started_by_area);
  if (c.next_term_start) out.set_next_term_start(FormatIsoDate(*c.next_term_start));
  if (c.next_term_end) out.set_next_term_end(FormatIsoDate(*c.next_term_end));
  for (size_t i = 0; i < c.sitting.size(); ++i) {
    pb::SittingMember* s = out.add_sitting();
    s->set_membership_id(c.sitting[i].value());
    if (i < c.sitting_names.size()) s->set_name(c.sitting_names[i]);
  }
  out.set_ask_woman_and_man(c.ask_woman_and_man);
  return out;
}

pb::EndReason ToProto(EndReason reason) {
  switch (reason) {
    case EndReason::kTermEnded:
      return pb::END_REASON_TERM_ENDED;
    case EndReason::kNetworkClosed:
      return pb::END_REASON_NETWORK_CLOSED;
    case EndReason::kReplaced:
      return pb::END_REASON_REPLACED;
    case EndReason::kResigned:
      return pb::END_REASON_RESIGNED;
    case EndReason::kRecalled:
      return pb::END_REASON_RECALLED;
    case EndReason::kNotRenewed:
      return pb::END_REASON_NOT_RENEWED;
  }
  return pb::END_REASON_UNSPECIFIED;
}

pb::Membership ToProto(const MembershipRecord& m) {
  pb::Membership out;
  out.set_membership_id(m.id.value());
  out.set_network_code(m.network.value());
  out.set_area_code(m.area.value());
  *out.mutable_person() = ToProto(m.current_person());
  out.set_case_id(m.case_id.value());
  out.set_diary_number(m.diary_number);
  *out.mutable_decided() = ToProto(m.decided);
  out.set_started(FormatIsoDate(m.started));
  if (m.ended) out.set_ended(FormatIsoDate(*m.ended));
  if (m.end_reason) out.set_end_reason(ToProto(*m.end_reason));
  out.set_replaced_by(m.replaced_by.value());
  out.set_end_note(m.end_note);
  if (m.contact) {
    pb::ContactCorrection* c = out.mutable_contact_corrected();
    c->set_title(m.contact->title);
    c->set_email(m.contact->email);
    c->set_language(messaging::ToProtoLanguage(m.contact->language));
    *c->mutable_corrected() = ToProto(m.contact->corrected);
  }
  return out;
}

pb::ResignationRequest ToProto(const ResignationRequest& r, const Nominee& person) {
  pb::ResignationRequest out;
  out.set_request_id(r.id.value());
  out.set_membership_id(r.membership.value());
  out.set_network_code(r.network.value());
  out.set_area_code(r.area.value());
  out.set_reason(r.reason);
  *out.mutable_requested() = ToProto(r.requested);
  out.set_state(r.state == ResignationRequestState::kPending
                    ? pb::RESIGNATION_REQUEST_STATE_PENDING
                    : pb::RESIGNATION_REQUEST_STATE_RECORDED);
  if (r.closed) *out.mutable_closed() = ToProto(*r.closed);
  // The leadership and the registry see these: no gender (visibility.h).
  *out.mutable_person() = ToProto(WithoutGender(person));
  return out;
}

Result<Date> ParseDate(const std::string& text, const std::string& field) {
  if (text.empty()) return Status::InvalidArgument(field, "is required");
  std::optional<Date> date = ParseIsoDate(text);
  if (!date) return Status::InvalidArgument(field, "must be a date YYYY-MM-DD");
  return *date;
}

namespace {

pb::Audit AuditProto(const Audit& audit) {
  pb::Audit out;
  out.set_actor(audit.user_id);
  out.set_actor_name(audit.display_name);
  out.set_on_behalf_of(audit.on_behalf_of);
  out.set_on_behalf_of_name(audit.on_behalf_of_name);
  out.set_reason(audit.reason);
  out.set_principal(audit.principal);
  return out;
}

template <typename Pb, typename Ev>
std::unique_ptr<google::protobuf::Message> CaseEvent(const Ev& e) {
  auto out = std::make_unique<Pb>();
  *out->mutable_case_() = ToProto(e.case_after);
  *out->mutable_audit() = AuditProto(e.audit);
  return out;
}

std::unique_ptr<google::protobuf::Message> Encode(const RequestSent& e) {
  return CaseEvent<pb::RequestSent>(e);
}
std::unique_ptr<google::protobuf::Message> Encode(const CaseRegistered& e) {
  return CaseEvent<pb::CaseRegistered>(e);
}
std::unique_ptr<google::protobuf::Message> Encode(const CaseLogged& e) {
  return CaseEvent<pb::CaseLogged>(e);
}
std::unique_ptr<google::protobuf::Message> Encode(const CaseApproved& e) {
  return CaseEvent<pb::CaseApproved>(e);
}
std::unique_ptr<google::protobuf::Message> Encode(const CaseDeclined& e) {
  return CaseEvent<pb::CaseDeclined>(e);
}
std::unique_ptr<google::protobuf::Message> Encode(const CaseWithdrawn& e) {
  return CaseEvent<pb::CaseWithdrawn>(e);
}
std::unique_ptr<google::protobuf::Message> Encode(const DeadlineExtended& e) {
  auto out = std::make_unique<pb::DeadlineExtended>();
  *out->mutable_case_() = ToProto(e.case_after);
  *out->mutable_audit() = AuditProto(e.audit);
  out->set_previous_deadline(FormatIsoDate(e.previous_deadline));
  return out;
}
std::unique_ptr<google::protobuf::Message> Encode(const ReminderDue& e) {
  auto out = std::make_unique<pb::ReminderDue>();
  *out->mutable_case_() = ToProto(e.case_after);
  out->set_working_days_left(static_cast<uint32_t>(std::max(0, e.working_days_left)));
  out->set_step(ToProto(e.step));
  out->set_threshold(static_cast<uint32_t>(std::max(0, e.threshold)));
  out->set_escalated(e.escalated);
  return out;
}
std::unique_ptr<google::protobuf::Message> Encode(const CaseOverdue& e) {
  auto out = std::make_unique<pb::CaseOverdue>();
  *out->mutable_case_() = ToProto(e.case_after);
  return out;
}
std::unique_ptr<google::protobuf::Message> Encode(const MembershipStarted& e) {
  auto out = std::make_unique<pb::MembershipStarted>();
  *out->mutable_membership() = ToProto(e.membership);
  *out->mutable_audit() = AuditProto(e.audit);
  return out;
}
std::unique_ptr<google::protobuf::Message> Encode(const MembershipEnded& e) {
  auto out = std::make_unique<pb::MembershipEnded>();
  *out->mutable_membership() = ToProto(e.membership);
  *out->mutable_audit() = AuditProto(e.audit);
  return out;
}

std::unique_ptr<google::protobuf::Message> Encode(const ContactCorrected& e) {
  auto out = std::make_unique<pb::ContactCorrected>();
  *out->mutable_membership() = ToProto(e.membership);
  *out->mutable_audit() = AuditProto(e.audit);
  *out->mutable_previous() = ToProto(e.previous);
  return out;
}
std::unique_ptr<google::protobuf::Message> Encode(const ResignationRequested& e) {
  auto out = std::make_unique<pb::ResignationRequested>();
  *out->mutable_request() = ToProto(e.request, e.membership.current_person());
  *out->mutable_membership() = ToProto(e.membership);
  *out->mutable_audit() = AuditProto(e.audit);
  return out;
}
std::unique_ptr<google::protobuf::Message> Encode(const ResignationRequestClosed& e) {
  auto out = std::make_unique<pb::ResignationRequestClosed>();
  *out->mutable_request() = ToProto(e.request, Nominee{});
  *out->mutable_audit() = AuditProto(e.audit);
  return out;
}

}  // namespace

std::unique_ptr<pb::RetentionApplied> ToProto(const RetentionApplied& e) {
  auto out = std::make_unique<pb::RetentionApplied>();
  out->set_run_date(FormatIsoDate(e.run_date));
  out->set_contact_years(static_cast<uint32_t>(std::max(0, e.contact_years)));
  for (const MembershipId& id : e.memberships) out->add_membership_ids(id.value());
  for (const CaseId& id : e.cases) out->add_case_ids(id.value());
  for (const std::string& field : e.fields) out->add_fields(field);
  out->set_memberships_count(static_cast<uint32_t>(e.memberships.size()));
  out->set_cases_count(static_cast<uint32_t>(e.cases.size()));
  *out->mutable_audit() = AuditProto(e.audit);
  return out;
}

namespace {

NetworkStatus StatusFrom(npb::NetworkStatus status) {
  switch (status) {
    case npb::NETWORK_STATUS_PROPOSED:
      return NetworkStatus::kProposed;
    case npb::NETWORK_STATUS_OPEN:
      return NetworkStatus::kOpen;
    case npb::NETWORK_STATUS_CLOSED:
      return NetworkStatus::kClosed;
    case npb::NETWORK_STATUS_CANCELLED:
      return NetworkStatus::kCancelled;
    default:
      return NetworkStatus::kDraft;
  }
}

}  // namespace

std::unique_ptr<google::protobuf::Message> ToProto(const Event& event) {
  std::unique_ptr<google::protobuf::Message> out = std::visit(
      [](const auto& e) -> std::unique_ptr<google::protobuf::Message> { return Encode(e); }, event);
  // Events reach the notifications service (e-mail) and every consumer: a
  // nominee's gender stays in the nominations service (visibility.h).
  ClearGenders(out.get());
  return out;
}

NetworkInfo FromNetworksProto(const npb::Network& network) {
  const npb::NetworkDefinition& d = network.definition();
  NetworkInfo info;
  info.code = NetworkCode(d.code());
  info.status = StatusFrom(network.status());
  info.term_start = ParseIsoDate(d.term().start_date());
  info.term_end = ParseIsoDate(d.term().end_date());
  info.name_fi = d.names().fi();
  info.name_sv = d.names().sv();
  info.seats = Seats{d.seats_per_area().members(), d.seats_per_area().deputies()};
  info.goals.assign(d.goals().begin(), d.goals().end());
  info.meetings_per_year = d.cadence().meetings_per_year();
  info.hours_per_meeting_tenths = d.cadence().hours_per_meeting_tenths();
  const npb::CommunicationPlan& plan = d.communication_plan();
  info.plan_audiences.assign(plan.audiences().begin(), plan.audiences().end());
  info.plan_channels.assign(plan.channels().begin(), plan.channels().end());
  info.plan_cadence = plan.cadence();
  info.plan_responsible = plan.responsible();
  if (network.has_next_term()) {
    info.next_term_start = ParseIsoDate(network.next_term().term().start_date());
    info.next_term_end = ParseIsoDate(network.next_term().term().end_date());
  }
  return info;
}

Result<ConfirmationAnswerCommand> FromProto(const pb::ConfirmationAnswer& answer) {
  ConfirmationAnswerCommand out;
  out.membership = MembershipId(UpgradeLegacyId(answer.membership_id()));
  const std::string field = "answers[" + answer.membership_id() + "]";
  switch (answer.choice()) {
    case pb::CONFIRMATION_CHOICE_CONFIRM:
      out.choice = ConfirmationChoice::kConfirm;
      break;
    case pb::CONFIRMATION_CHOICE_REPLACE: {
      out.choice = ConfirmationChoice::kReplace;
      VERKOSTO_ASSIGN_OR_RETURN(out.successor, FromProto(answer.successor(), field + ".successor"));
      break;
    }
    case pb::CONFIRMATION_CHOICE_END:
      out.choice = ConfirmationChoice::kEnd;
      break;
    default:
      return Status::InvalidArgument(field, "choose confirm, replace or end");
  }
  out.reason = answer.reason();
  return out;
}

Participation FromNetworksProto(npb::ParticipationDecision decision) {
  switch (decision) {
    case npb::PARTICIPATION_DECISION_TAKES_PART:
      return Participation::kTakesPart;
    case npb::PARTICIPATION_DECISION_DECLINES:
      return Participation::kDeclines;
    default:
      return Participation::kUndecided;
  }
}

AreaInfo FromNetworksProto(const npb::Area& area) {
  return AreaInfo{AreaCode(area.code()), area.name_fi(), area.name_sv(),
                  std::vector<std::string>(area.languages().begin(), area.languages().end())};
}

}  // namespace verkosto::nominations::codec
