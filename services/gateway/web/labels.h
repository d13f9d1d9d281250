#pragma once

// The words of the pages: the message keys of the services' enums, names in
// the user's language, times, seats and hours as text, and the pieces of a
// network or membership every page shows the same way.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/language.h"
#include "gateway/web/i18n.h"
#include "gateway/web/page.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

// `text` in `lang`, Finnish when that language has none.
std::string Localized(const networks::v1::LocalizedText& text, Language lang);

// A service's Finnish and Swedish names of `code` in `lang`: Finnish when the
// language has none, `code` when there is no name at all.
std::string NameIn(Language lang, const std::string& fi, const std::string& sv,
                   const std::string& code);

// The case's network and area named in `lang` from the names the nominations
// service sends with the case: Finnish when that language has none, the code
// when the service does not know the name.
std::string CaseNetworkName(const nominations::v1::Case& c, Language lang);
std::string CaseAreaName(const nominations::v1::Case& c, Language lang);
// The same for a membership (as ListMemberships replies carry it) and for a
// pending resignation request's network.
std::string MembershipNetworkName(const nominations::v1::Membership& m, Language lang);
std::string MembershipAreaName(const nominations::v1::Membership& m, Language lang);
std::string RequestNetworkName(const nominations::v1::ResignationRequest& r, Language lang);

// The areas of the directory by code, named in the user's language.
struct AreaNames {
  std::map<std::string, std::string> by_code;
  std::vector<std::string> codes;  // directory order
  // The area's name; the code itself for an unknown area.
  std::string Name(const std::string& code) const;
};
AreaNames LoadAreas(GatewayContext& ctx, const Actor& actor, Language lang);

// Every open network's name in `lang`, by code (empty when networks does not answer).
std::map<std::string, std::string> OpenNetworkNames(GatewayContext& ctx, const Actor& actor,
                                                    Language lang);

// m[key], or `key` itself when absent.
std::string Lookup(const std::map<std::string, std::string>& m, const std::string& key);

// Message keys and form values of the services' enums.
std::string StatusKey(networks::v1::NetworkStatus s);      // "status_open"
std::string KindValue(networks::v1::NetworkKind k);        // "working_group"
networks::v1::NetworkKind KindFrom(const std::string& v);  // back; "network" when unknown
std::string StateKey(nominations::v1::CaseState s);        // "state_registered"
std::string ChannelKey(nominations::v1::Channel c);        // "channel_letter"
std::string SeatKey(nominations::v1::SeatKind s);          // "seat_member"

// "1,5" or "1.5" hours as tenths (15), or nullopt (empty gives 0).
std::optional<uint32_t> ParseTenths(const std::string& s);
// Tenths as "1,5" ("1.5" in English): locale::FormatTenths.
std::string Tenths(uint64_t tenths, Language lang);

// An instant in Europe/Helsinki as the language writes it, "3.1.2027 klo
// 14.05" (locale::FormatDateTime); empty for 0 or less.
std::string FormatTime(int64_t unix_us, Language lang);

// A count as the language groups it: "1 000" (fi, sv), "1,000" (en).
std::string ShowNumber(int64_t n, Language lang);

// An ISO date "YYYY-MM-DD" as the language writes it, "3.1.2027"
// (locale::FormatIsoDate); other text, also empty, unchanged.
std::string ShowDate(const std::string& iso_date, Language lang);

// "4 meetings a year, 1,5 hours each" and "1 member, 1 deputy", in the
// catalogue's language, with its plural rules (the catalogue's values are ICU
// MessageFormat patterns, docs/web.md "Formats").
std::string CadenceText(const Catalogue& t, const networks::v1::Cadence& c);
std::string SeatsText(const Catalogue& t, uint32_t members, uint32_t deputies);

// One membership as a row of the members tables, its area named `area`.
Data MemberData(const Catalogue& t, const nominations::v1::Membership& m, const std::string& area);

// The fields every page showing a network's definition uses.
void PutDefinition(const Catalogue& t, const networks::v1::Network& n, Data& d);

}  // namespace verkosto::gateway::web
