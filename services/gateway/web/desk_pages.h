#pragma once

// The desk (issue 18): each person's home page, "Työpöytä" / "Skrivbord" /
// "Desk", where they land after logging in, and the counts it puts beside
// the navigation's links on every page (docs/web.md, "Desk").

#include "gateway/web/page.h"
#include "gateway/web/render.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

// The navigation's counts of `frame`'s user from the nominations service's
// desk counts: a registry clerk's requests to register (on /desk and
// /registry), a director's or deputy's cases to decide (/director) and
// pending participation decisions (/area) and their sum (/desk), KEHA's
// overdue requests (/desk). Other roles get none.
void PutNavCounts(PageFrame& frame, const nominations::v1::DeskResponse& counts);

// Once per page, for the roles that have counts: one DeskRequest
// (counts_only, one COUNT per figure in the service) and PutNavCounts. A
// failed call leaves the navigation without counts; the page still shows.
void ReadNavCounts(Page& page);

// "3 päivää jäljellä", "määräaika tänään", "2 päivää myöhässä", or "ei
// määräaikaa" when `has_deadline` is false: a desk's words for `days` left.
std::string DaysLeftText(const Catalogue& t, bool has_deadline, int days);

}  // namespace verkosto::gateway::web
