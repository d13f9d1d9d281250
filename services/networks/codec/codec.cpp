#include "networks/codec/codec.h"

#include <algorithm>

#include "networks/domain/disclaimer.h"

namespace verkosto::networks::codec {

namespace {

std::string DateText(const std::optional<Date>& date) {
  return date ? FormatIsoDate(*date) : std::string();
}

Result<std::optional<Date>> ParseOptionalDate(const std::string& text, const std::string& field) {
  if (text.empty()) return std::optional<Date>();
  const std::optional<Date> date = ParseIsoDate(text);
  if (!date) return Status::InvalidArgument(field, "'" + text + "' is not a date (YYYY-MM-DD)");
  return date;
}

pb::LocalizedText ToProto(const LocalizedText& text) {
  pb::LocalizedText out;
  out.set_fi(text.fi);
  out.set_sv(text.sv);
  out.set_en(text.en);
  return out;
}

LocalizedText FromProto(const pb::LocalizedText& text) { return {text.fi(), text.sv(), text.en()}; }

pb::AreaModel ToProto(AreaModel model) {
  switch (model) {
    case AreaModel::kHostMunicipality:
      return pb::AREA_MODEL_HOST_MUNICIPALITY;
    case AreaModel::kOwn:
      return pb::AREA_MODEL_OWN;
    case AreaModel::kJointAuthority:
      return pb::AREA_MODEL_JOINT_AUTHORITY;
    case AreaModel::kUnspecified:
      break;
  }
  return pb::AREA_MODEL_UNSPECIFIED;
}

template <typename Event>
std::unique_ptr<google::protobuf::Message> NetworkEventProto(const Network& network,
                                                             const Audit& audit) {
  auto out = std::make_unique<Event>();
  *out->mutable_network() = codec::ToProto(network);
  *out->mutable_audit() = codec::ToProto(audit);
  return out;
}

}  // namespace

pb::Contact ToProto(const Contact& contact) {
  pb::Contact out;
  out.set_name(contact.name);
  out.set_email(contact.email);
  out.set_phone(contact.phone);
  return out;
}

Contact FromProto(const pb::Contact& contact) {
  return {contact.name(), contact.email(), contact.phone()};
}

pb::Municipality ToProto(const Municipality& municipality) {
  pb::Municipality out;
  out.set_code(municipality.code);
  out.set_name_fi(municipality.name_fi);
  out.set_name_sv(municipality.name_sv);
  out.set_area_code(municipality.area.value());
  out.set_note(municipality.note);
  return out;
}

pb::Area ToProto(const Area& area, const AreaDirectory* with_municipalities) {
  pb::Area out;
  out.set_code(area.code.value());
  out.set_name_fi(area.name_fi);
  out.set_name_sv(area.name_sv);
  out.set_model(ToProto(area.model));
  out.set_host_municipality(area.host_municipality);
  for (const std::string& language : area.languages) out.add_languages(language);
  *out.mutable_registry_office() = ToProto(area.contacts.registry_office);
  *out.mutable_director() = ToProto(area.contacts.director);
  *out.mutable_deputy() = ToProto(area.contacts.deputy);
  out.set_source(area.source);
  out.set_confidence(std::string(ConfidenceName(area.confidence)));
  if (with_municipalities != nullptr) {
    for (const Municipality& m : with_municipalities->municipalities) {
      if (m.area == area.code) *out.add_municipalities() = ToProto(m);
    }
  }
  return out;
}

AreaContacts ContactsFromProto(const pb::SetAreaContactsRequest& request) {
  return {FromProto(request.registry_office()), FromProto(request.director()),
          FromProto(request.deputy())};
}

pb::NetworkKind ToProto(NetworkKind kind) {
  return static_cast<pb::NetworkKind>(static_cast<int>(kind));
}

NetworkKind FromProto(pb::NetworkKind kind) {
  const int value = static_cast<int>(kind);
  return value >= 0 && value <= 4 ? static_cast<NetworkKind>(value) : NetworkKind::kUnspecified;
}

pb::NetworkStatus ToProto(NetworkStatus status) {
  return static_cast<pb::NetworkStatus>(static_cast<int>(status));
}

NetworkStatus FromProto(pb::NetworkStatus status) {
  const int value = static_cast<int>(status);
  return value >= 0 && value <= 5 ? static_cast<NetworkStatus>(value) : NetworkStatus::kUnspecified;
}

pb::PlanTarget ToProto(const PlanTarget& target) {
  pb::PlanTarget out;
  out.set_audience(static_cast<pb::PlanAudience>(static_cast<int>(target.audience)));
  out.set_channel(static_cast<pb::PlanChannel>(static_cast<int>(target.channel)));
  for (PlanEvent e : target.events) out.add_events(static_cast<pb::PlanEvent>(static_cast<int>(e)));
  return out;
}

PlanTarget FromProto(const pb::PlanTarget& target) {
  // Numbers the domain does not know become unspecified, which validation refuses.
  PlanTarget out;
  const int audience = static_cast<int>(target.audience());
  out.audience = audience >= 0 && audience <= 6 ? static_cast<PlanAudience>(audience)
                                                : PlanAudience::kUnspecified;
  const int channel = static_cast<int>(target.channel());
  out.channel =
      channel >= 0 && channel <= 2 ? static_cast<PlanChannel>(channel) : PlanChannel::kUnspecified;
  for (int e : target.events()) {
    out.events.push_back(e >= 0 && e <= 10 ? static_cast<PlanEvent>(e) : PlanEvent::kUnspecified);
  }
  return out;
}

pb::NetworkDefinition ToProto(const NetworkDefinition& d) {
  pb::NetworkDefinition out;
  out.set_code(d.code.value());
  *out.mutable_names() = ToProto(d.names);
  out.set_kind(ToProto(d.kind));
  out.set_owner(d.owner);
  *out.mutable_responsible() = ToProto(d.responsible);
  for (const std::string& goal : d.goals) out.add_goals(goal);
  out.mutable_term()->set_start_date(DateText(d.term.start_date));
  out.mutable_term()->set_end_date(DateText(d.term.end_date));
  auto* plan = out.mutable_communication_plan();
  for (const std::string& a : d.communication_plan.audiences) plan->add_audiences(a);
  for (const std::string& c : d.communication_plan.channels) plan->add_channels(c);
  plan->set_cadence(d.communication_plan.cadence);
  plan->set_responsible(d.communication_plan.responsible);
  for (const PlanTarget& t : d.communication_plan.targets) *plan->add_targets() = ToProto(t);
  plan->set_notes_every_days(d.communication_plan.notes_every_days);
  plan->set_responsible_email(d.communication_plan.responsible_email);
  out.mutable_cadence()->set_meetings_per_year(d.cadence.meetings_per_year);
  out.mutable_cadence()->set_hours_per_meeting_tenths(d.cadence.hours_per_meeting_tenths);
  out.mutable_seats_per_area()->set_members(d.seats_per_area.members);
  out.mutable_seats_per_area()->set_deputies(d.seats_per_area.deputies);
  out.set_statutory(d.statutory);
  out.set_description(d.description);
  return out;
}

Result<NetworkDefinition> FromProto(const pb::NetworkDefinition& d) {
  NetworkDefinition out;
  out.code = NetworkCode(d.code());
  out.names = FromProto(d.names());
  out.kind = FromProto(d.kind());
  out.owner = d.owner();
  out.responsible = FromProto(d.responsible());
  out.goals.assign(d.goals().begin(), d.goals().end());
  VERKOSTO_ASSIGN_OR_RETURN(out.term.start_date,
                            ParseOptionalDate(d.term().start_date(), "term.start_date"));
  VERKOSTO_ASSIGN_OR_RETURN(out.term.end_date,
                            ParseOptionalDate(d.term().end_date(), "term.end_date"));
  const auto& plan = d.communication_plan();
  out.communication_plan.audiences.assign(plan.audiences().begin(), plan.audiences().end());
  out.communication_plan.channels.assign(plan.channels().begin(), plan.channels().end());
  out.communication_plan.cadence = plan.cadence();
  out.communication_plan.responsible = plan.responsible();
  for (const pb::PlanTarget& t : plan.targets()) {
    out.communication_plan.targets.push_back(FromProto(t));
  }
  out.communication_plan.notes_every_days = plan.notes_every_days();
  out.communication_plan.responsible_email = plan.responsible_email();
  out.cadence.meetings_per_year = d.cadence().meetings_per_year();
  out.cadence.hours_per_meeting_tenths = d.cadence().hours_per_meeting_tenths();
  out.seats_per_area.members = d.seats_per_area().members();
  out.seats_per_area.deputies = d.seats_per_area().deputies();
  out.statutory = d.statutory();
  out.description = d.description();
  return out;
}

pb::Network ToProto(const Network& network) {
  pb::Network out;
  *out.mutable_definition() = ToProto(network.definition);
  out.set_status(ToProto(network.status));
  out.set_version(network.version);
  out.set_end_reason(network.end_reason);
  out.mutable_disclaimer()->set_fi(std::string(kDisclaimerFi));
  out.mutable_disclaimer()->set_sv(std::string(kDisclaimerSv));
  out.mutable_disclaimer()->set_en(std::string(kDisclaimerEn));
  out.set_created_unix_us(ToMicros(network.created_at));
  out.set_updated_unix_us(ToMicros(network.updated_at));
  const CommunicationPlan& plan = network.definition.communication_plan;
  for (const PlanTarget& t : EffectiveTargets(plan)) *out.add_effective_targets() = ToProto(t);
  out.set_effective_notes_every_days(
      EffectiveNotesEveryDays(plan, network.definition.cadence.meetings_per_year));
  out.set_effective_responsible_email(
      EffectiveResponsibleEmail(plan, network.definition.responsible.email));
  if (network.next_term) *out.mutable_next_term() = ToProto(*network.next_term);
  if (network.gender_exception) {
    pb::GenderBalanceException* g = out.mutable_gender_balance_exception();
    g->set_reason(network.gender_exception->reason);
    g->set_recorded_by(network.gender_exception->user_id);
    g->set_recorded_by_name(network.gender_exception->display_name);
    g->set_recorded_unix_us(ToMicros(network.gender_exception->at));
  }
  return out;
}

pb::ParticipationDecision ToProto(ParticipationChoice choice) {
  return static_cast<pb::ParticipationDecision>(static_cast<int>(choice));
}

ParticipationChoice FromProto(pb::ParticipationDecision choice) {
  const int value = static_cast<int>(choice);
  return value >= 0 && value <= 2 ? static_cast<ParticipationChoice>(value)
                                  : ParticipationChoice::kUnspecified;
}

pb::Participation ToProto(const ParticipationDecision& decision) {
  pb::Participation out;
  out.set_network_code(decision.network.value());
  out.set_area_code(decision.area.value());
  out.set_decision(ToProto(decision.choice));
  out.set_reason(decision.reason);
  out.set_decided_by(decision.audit.user_id);
  out.set_decided_by_name(decision.audit.display_name);
  out.set_on_behalf_of(decision.audit.on_behalf_of);
  out.set_decided_unix_us(ToMicros(decision.audit.at));
  return out;
}

pb::ParticipationRow ToProto(const ParticipationRow& row) {
  pb::ParticipationRow out;
  out.set_area_code(row.area.value());
  out.set_area_name_fi(row.area_name_fi);
  out.set_area_name_sv(row.area_name_sv);
  if (row.current) *out.mutable_current() = ToProto(*row.current);
  return out;
}

pb::Comment ToProto(const Comment& comment) {
  pb::Comment out;
  out.set_network_code(comment.network.value());
  out.set_area_code(comment.area.value());
  out.set_text(comment.text);
  out.set_author(comment.audit.user_id);
  out.set_author_name(comment.audit.display_name);
  out.set_on_behalf_of(comment.audit.on_behalf_of);
  out.set_created_unix_us(ToMicros(comment.audit.at));
  return out;
}

pb::NetworkVersion ToProto(const NetworkVersion& version) {
  pb::NetworkVersion out;
  out.set_version(version.version);
  out.set_changed_by(version.audit.user_id);
  out.set_reason(version.audit.reason);
  for (const std::string& f : version.changed_fields) out.add_changed_fields(f);
  out.set_changed_unix_us(ToMicros(version.audit.at));
  return out;
}

pb::BurdenLine ToProto(const BurdenLine& line) {
  pb::BurdenLine l;
  l.set_network_code(line.network.value());
  l.set_network_name_fi(line.network_name_fi);
  l.set_seats(line.seats);
  l.set_meetings_per_year(line.meetings_per_year);
  l.set_hours_per_meeting_tenths(line.hours_per_meeting_tenths);
  l.set_hours_per_year_tenths(line.hours_per_year_tenths);
  return l;
}

pb::GetBurdenResponse ToProto(const Burden& burden) {
  pb::GetBurdenResponse out;
  out.set_area_code(burden.area.value());
  for (const BurdenLine& line : burden.lines) *out.add_lines() = ToProto(line);
  out.set_hours_per_year_tenths(burden.hours_per_year_tenths);
  out.set_hours_per_month_tenths(burden.hours_per_month_tenths);
  return out;
}

pb::Audit ToProto(const Audit& audit) {
  pb::Audit out;
  out.set_actor(audit.user_id);
  out.set_actor_name(audit.display_name);
  out.set_on_behalf_of(audit.on_behalf_of);
  out.set_reason(audit.reason);
  out.set_principal(audit.principal);
  return out;
}

std::unique_ptr<google::protobuf::Message> ToProto(const NetworkEvent& event) {
  struct Visitor {
    std::unique_ptr<google::protobuf::Message> operator()(const NetworkCreated& e) const {
      return NetworkEventProto<pb::NetworkCreated>(e.network, e.audit);
    }
    std::unique_ptr<google::protobuf::Message> operator()(const NetworkProposed& e) const {
      return NetworkEventProto<pb::NetworkProposed>(e.network, e.audit);
    }
    std::unique_ptr<google::protobuf::Message> operator()(const NetworkOpened& e) const {
      return NetworkEventProto<pb::NetworkOpened>(e.network, e.audit);
    }
    std::unique_ptr<google::protobuf::Message> operator()(const NetworkChanged& e) const {
      auto out = std::make_unique<pb::NetworkChanged>();
      *out->mutable_network() = ToProto(e.network);
      *out->mutable_audit() = ToProto(e.version.audit);
      for (const std::string& f : e.version.changed_fields) out->add_changed_fields(f);
      return out;
    }
    std::unique_ptr<google::protobuf::Message> operator()(const NetworkClosed& e) const {
      auto out = std::make_unique<pb::NetworkClosed>();
      *out->mutable_network() = ToProto(e.network);
      *out->mutable_audit() = ToProto(e.audit);
      out->set_by_term_end(e.by_term_end);
      return out;
    }
    std::unique_ptr<google::protobuf::Message> operator()(const NetworkCancelled& e) const {
      return NetworkEventProto<pb::NetworkCancelled>(e.network, e.audit);
    }
    std::unique_ptr<google::protobuf::Message> operator()(const NetworkRenewed& e) const {
      auto out = std::make_unique<pb::NetworkRenewed>();
      *out->mutable_network() = ToProto(e.network);
      *out->mutable_audit() = ToProto(e.version.audit);
      for (const std::string& f : e.version.changed_fields) out->add_changed_fields(f);
      return out;
    }
    std::unique_ptr<google::protobuf::Message> operator()(const NetworkTermStarted& e) const {
      auto out = std::make_unique<pb::NetworkTermStarted>();
      *out->mutable_network() = ToProto(e.network);
      *out->mutable_audit() = ToProto(e.version.audit);
      out->mutable_previous_term()->set_start_date(DateText(e.previous_term.start_date));
      out->mutable_previous_term()->set_end_date(DateText(e.previous_term.end_date));
      for (const std::string& f : e.version.changed_fields) out->add_changed_fields(f);
      return out;
    }
    std::unique_ptr<google::protobuf::Message> operator()(
        const GenderBalanceExceptionRecorded& e) const {
      return NetworkEventProto<pb::GenderBalanceExceptionRecorded>(e.network, e.version.audit);
    }
  };
  return std::visit(Visitor{}, event);
}

std::unique_ptr<google::protobuf::Message> ToProto(const ParticipationDecided& event) {
  auto out = std::make_unique<pb::ParticipationDecided>();
  *out->mutable_participation() = ToProto(event.decision);
  *out->mutable_audit() = ToProto(event.decision.audit);
  return out;
}

std::unique_ptr<google::protobuf::Message> ToProto(const CommentAdded& event) {
  auto out = std::make_unique<pb::CommentAdded>();
  *out->mutable_comment() = ToProto(event.comment);
  *out->mutable_audit() = ToProto(event.comment.audit);
  return out;
}

std::unique_ptr<google::protobuf::Message> ToProto(const AreaDirectoryChanged& event,
                                                   const AreaDirectory& directory) {
  auto out = std::make_unique<pb::AreaDirectoryChanged>();
  for (const AreaCode& code : event.areas) {
    if (const Area* area = FindArea(directory, code)) *out->add_areas() = ToProto(*area);
  }
  *out->mutable_audit() = ToProto(event.audit);
  for (const std::string& change : event.changes) out->add_changes(change);
  return out;
}

}  // namespace verkosto::networks::codec
