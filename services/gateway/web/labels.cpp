#include "gateway/web/labels.h"

#include "core/text.h"
#include "gateway/web/page.h"
#include "gateway/web/plan_form.h"
#include "locale/format.h"
#include "messaging/proto_enum.h"

namespace verkosto::gateway::web {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;

std::string Localized(const nw::LocalizedText& text, Language lang) {
  if (lang == Language::kSv && !text.sv().empty()) return text.sv();
  if (lang == Language::kEn && !text.en().empty()) return text.en();
  return text.fi();
}

std::string NameIn(Language lang, const std::string& fi, const std::string& sv,
                   const std::string& code) {
  if (lang == Language::kSv && !sv.empty()) return sv;
  return fi.empty() ? code : fi;
}

std::string CaseNetworkName(const nm::Case& c, Language lang) {
  return NameIn(lang, c.network_name_fi(), c.network_name_sv(), c.network_code());
}

std::string CaseAreaName(const nm::Case& c, Language lang) {
  return NameIn(lang, c.area_name_fi(), c.area_name_sv(), c.area_code());
}

std::string MembershipNetworkName(const nm::Membership& m, Language lang) {
  return NameIn(lang, m.network_name_fi(), m.network_name_sv(), m.network_code());
}

std::string MembershipAreaName(const nm::Membership& m, Language lang) {
  return NameIn(lang, m.area_name_fi(), m.area_name_sv(), m.area_code());
}

std::string RequestNetworkName(const nm::ResignationRequest& r, Language lang) {
  return NameIn(lang, r.network_name_fi(), r.network_name_sv(), r.network_code());
}

std::string AreaNames::Name(const std::string& code) const { return Lookup(by_code, code); }

AreaNames LoadAreas(GatewayContext& ctx, const Actor& actor, Language lang) {
  AreaNames names;
  (void)ForEachPage<nw::ListAreasResponse>(
      [&](const nw::ListAreasRequest& request, nw::ListAreasResponse* reply) {
        return ctx.Call("networks", actor, request, reply);
      },
      nw::ListAreasRequest(),
      [&](const nw::ListAreasResponse& areas) {
        for (const nw::Area& a : areas.areas()) {
          names.by_code[a.code()] = NameIn(lang, a.name_fi(), a.name_sv(), a.code());
          names.codes.push_back(a.code());
        }
      });
  return names;
}

std::map<std::string, std::string> OpenNetworkNames(GatewayContext& ctx, const Actor& actor,
                                                    Language lang) {
  std::map<std::string, std::string> names;
  nw::ListNetworksRequest request;
  request.set_status(nw::NETWORK_STATUS_OPEN);
  (void)ForEachPage<nw::ListNetworksResponse>(
      [&](const nw::ListNetworksRequest& r, nw::ListNetworksResponse* reply) {
        return ctx.Call("networks", actor, r, reply);
      },
      request,
      [&](const nw::ListNetworksResponse& list) {
        for (const nw::Network& n : list.networks()) {
          names[n.definition().code()] = Localized(n.definition().names(), lang);
        }
      });
  return names;
}

std::string Lookup(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? key : it->second;
}

std::string StatusKey(nw::NetworkStatus s) {
  return s == nw::NETWORK_STATUS_UNSPECIFIED ? "unknown" : "status_" + messaging::EnumShortName(s);
}

std::string KindValue(nw::NetworkKind k) {
  return k == nw::NETWORK_KIND_UNSPECIFIED ? "network" : messaging::EnumShortName(k);
}

nw::NetworkKind KindFrom(const std::string& v) {
  return messaging::EnumFromShortName<nw::NetworkKind>(v).value_or(nw::NETWORK_KIND_NETWORK);
}

std::string StateKey(nm::CaseState s) {
  return s == nm::CASE_STATE_UNSPECIFIED ? "state_none" : "state_" + messaging::EnumShortName(s);
}

std::string ChannelKey(nm::Channel c) {
  return c == nm::CHANNEL_UNSPECIFIED ? "channel_other" : "channel_" + messaging::EnumShortName(c);
}

std::string SeatKey(nm::SeatKind s) {
  return s == nm::SEAT_KIND_DEPUTY ? "seat_deputy" : "seat_member";
}

std::optional<uint32_t> ParseTenths(const std::string& s) {
  if (s.empty()) return 0U;
  const size_t sep = s.find_first_of(".,");
  std::optional<uint32_t> whole = ParseUint(s.substr(0, sep));
  if (!whole) return std::nullopt;
  uint32_t tenths = 0;
  if (sep != std::string::npos) {
    const std::string frac = s.substr(sep + 1);
    if (frac.size() != 1 || frac[0] < '0' || frac[0] > '9') return std::nullopt;
    tenths = static_cast<uint32_t>(frac[0] - '0');
  }
  return *whole * 10 + tenths;
}

std::string Tenths(uint64_t tenths, Language lang) { return locale::FormatTenths(tenths, lang); }

std::string FormatTime(int64_t unix_us, Language lang) {
  return locale::FormatDateTime(unix_us, lang);
}

std::string ShowNumber(int64_t n, Language lang) { return locale::FormatNumber(n, lang); }

std::string ShowDate(const std::string& iso_date, Language lang) {
  return locale::FormatIsoDate(iso_date, lang);
}

std::string CadenceText(const Catalogue& t, const nw::Cadence& c) {
  // Hours always show one decimal ("1,0"), which every language's rules
  // put in the plural: only the meetings need a plural pattern.
  return t.Plural("cadence_meetings_per_year", c.meetings_per_year()) + ", " +
         Tenths(c.hours_per_meeting_tenths(), t.language()) + " " + t.Get("hours_per_meeting_unit");
}

std::string SeatsText(const Catalogue& t, uint32_t members, uint32_t deputies) {
  return t.Plural("seats_members_count", members) + ", " +
         t.Plural("seats_deputies_count", deputies);
}

Data MemberData(const Catalogue& t, const nm::Membership& m, const std::string& area) {
  Data d = Object();
  d.set("area", area);
  d.set("person", m.person().name());
  d.set("title", m.person().title());
  d.set("email", m.person().email());
  d.set("municipality", m.person().municipality());
  d.set("seat", t.Get(SeatKey(m.person().seat())));
  d.set("started", ShowDate(m.started(), t.language()));
  return d;
}

void PutDefinition(const Catalogue& t, const nw::Network& n, Data& d) {
  const nw::NetworkDefinition& def = n.definition();
  d.set("code", def.code());
  d.set("name", Localized(def.names(), t.language()));
  d.set("status", t.Get(StatusKey(n.status())));
  d.set("kind", t.Get("kind_" + KindValue(def.kind())));
  d.set("owner", def.owner());
  d.set("term_start", ShowDate(def.term().start_date(), t.language()));
  d.set("term_end", ShowDate(def.term().end_date(), t.language()));
  d.set("cadence", CadenceText(t, def.cadence()));
  d.set("seats", SeatsText(t, def.seats_per_area().members(), def.seats_per_area().deputies()));
  if (!def.description().empty()) d.set("description", def.description());
  Data goals = List();
  for (const std::string& g : def.goals()) goals.push_back(Data(g));
  d.set("goals", goals);
  const nw::CommunicationPlan& plan = def.communication_plan();
  d.set("audiences", text::Join(plan.audiences(), ", "));
  d.set("channels", text::Join(plan.channels(), ", "));
  d.set("plan_cadence", plan.cadence());
  d.set("plan_responsible", plan.responsible());
  d.set("plan_effective", EffectivePlanData(t, n));
  d.set("disclaimer", Localized(n.disclaimer(), t.language()));
}

}  // namespace verkosto::gateway::web
