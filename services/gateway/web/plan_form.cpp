#include "gateway/web/plan_form.h"

#include "core/text.h"
#include "messaging/proto_enum.h"

namespace verkosto::gateway::web {

namespace nw = ::verkosto::networks::v1;

namespace {

constexpr nw::PlanAudience kAudiences[] = {nw::PLAN_AUDIENCE_ALL_AREAS_LEADERSHIP,
                                           nw::PLAN_AUDIENCE_MEMBER_AREAS_LEADERSHIP,
                                           nw::PLAN_AUDIENCE_MEMBER_AREAS_REGISTRY,
                                           nw::PLAN_AUDIENCE_MEMBERS,
                                           nw::PLAN_AUDIENCE_KEHA,
                                           nw::PLAN_AUDIENCE_PUBLIC};
constexpr nw::PlanEvent kEvents[] = {
    nw::PLAN_EVENT_PROPOSED,          nw::PLAN_EVENT_OPENED,
    nw::PLAN_EVENT_CHANGED,           nw::PLAN_EVENT_CANCELLED,
    nw::PLAN_EVENT_CLOSED_EARLY,      nw::PLAN_EVENT_MEMBERSHIP_ENDED,
    nw::PLAN_EVENT_DEADLINE_EXTENDED, nw::PLAN_EVENT_COMMENT_ADDED,
    nw::PLAN_EVENT_NOTES_DUE,         nw::PLAN_EVENT_RENEWED};

// What the public catalogue may announce (networks' ValidatePlanTargets):
// never a person, one area's case, a comment or a reminder to people.
bool Offered(nw::PlanAudience audience, nw::PlanEvent event) {
  if (audience != nw::PLAN_AUDIENCE_PUBLIC) return true;
  return event != nw::PLAN_EVENT_MEMBERSHIP_ENDED && event != nw::PLAN_EVENT_DEADLINE_EXTENDED &&
         event != nw::PLAN_EVENT_COMMENT_ADDED && event != nw::PLAN_EVENT_NOTES_DUE;
}

nw::PlanChannel ChannelOf(nw::PlanAudience audience) {
  return audience == nw::PLAN_AUDIENCE_PUBLIC ? nw::PLAN_CHANNEL_PUBLIC_CATALOGUE
                                              : nw::PLAN_CHANNEL_INBOX_EMAIL;
}

const nw::PlanTarget* TargetOf(const google::protobuf::RepeatedPtrField<nw::PlanTarget>& targets,
                               nw::PlanAudience audience) {
  for (const nw::PlanTarget& t : targets) {
    if (t.audience() == audience) return &t;
  }
  return nullptr;
}

bool Lists(const nw::PlanTarget* target, nw::PlanEvent event) {
  if (target == nullptr) return false;
  for (int e : target->events()) {
    if (e == event) return true;
  }
  return false;
}

std::string AudienceLabel(const Catalogue& t, nw::PlanAudience a) {
  return t.Get("plan_audience_" + messaging::EnumShortName(a));
}
std::string EventLabel(const Catalogue& t, nw::PlanEvent e) {
  return t.Get("plan_event_" + messaging::EnumShortName(e));
}
std::string ChannelLabel(const Catalogue& t, nw::PlanChannel c) {
  return t.Get("plan_channel_" + messaging::EnumShortName(c));
}

}  // namespace

Data PlanTableData(const Catalogue& t, const nw::CommunicationPlan& plan) {
  Data d = Object();
  d.set("standard", plan.targets().empty());
  Data heads = List();
  for (nw::PlanEvent e : kEvents) heads.push_back(Data(EventLabel(t, e)));
  d.set("events", heads);
  Data rows = List();
  for (nw::PlanAudience a : kAudiences) {
    const nw::PlanTarget* target = TargetOf(plan.targets(), a);
    Data row = Object();
    row.set("audience", AudienceLabel(t, a));
    row.set("channel", ChannelLabel(t, ChannelOf(a)));
    Data cells = List();
    for (nw::PlanEvent e : kEvents) {
      Data cell = Object();
      const std::string name =
          "plan." + messaging::EnumShortName(a) + "." + messaging::EnumShortName(e);
      cell.set("name", name);
      cell.set("id", "plan-" + messaging::EnumShortName(a) + "-" + messaging::EnumShortName(e));
      cell.set("offered", Offered(a, e));
      cell.set("checked", Lists(target, e));
      cell.set("label", AudienceLabel(t, a) + ": " + EventLabel(t, e));
      cells.push_back(cell);
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  d.set("rows", rows);
  return d;
}

void ReadPlanTargets(const httplib::Request& req, nw::CommunicationPlan* plan) {
  plan->clear_targets();
  if (!Param(req, "plan.standard").empty()) return;
  for (nw::PlanAudience a : kAudiences) {
    nw::PlanTarget target;
    target.set_audience(a);
    target.set_channel(ChannelOf(a));
    for (nw::PlanEvent e : kEvents) {
      const std::string name =
          "plan." + messaging::EnumShortName(a) + "." + messaging::EnumShortName(e);
      if (!Param(req, name).empty()) target.add_events(e);
    }
    if (target.events_size() > 0) *plan->add_targets() = std::move(target);
  }
}

Data EffectivePlanData(const Catalogue& t, const nw::Network& network) {
  Data d = Object();
  d.set("standard", network.definition().communication_plan().targets().empty());
  Data lines = List();
  for (const nw::PlanTarget& target : network.effective_targets()) {
    std::vector<std::string> events;
    for (int e : target.events()) events.push_back(EventLabel(t, static_cast<nw::PlanEvent>(e)));
    Data line = Object();
    line.set("text", AudienceLabel(t, target.audience()) + " (" +
                         ChannelLabel(t, target.channel()) + "): " + text::Join(events, ", "));
    lines.push_back(line);
  }
  d.set("lines", lines);
  const uint32_t every = network.effective_notes_every_days();
  d.set("has_notes", every > 0);
  d.set("notes_every_days", std::to_string(every));
  d.set("notes_to", network.effective_responsible_email());
  d.set("has_notes_to", !network.effective_responsible_email().empty());
  return d;
}

}  // namespace verkosto::gateway::web
