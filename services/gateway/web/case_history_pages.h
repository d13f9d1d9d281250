#pragma once

// A case's history on its page (issue 18, item 2): the acts the
// nominations service recorded (ListCaseHistory), oldest first.

#include <string>

#include "gateway/web/page.h"

namespace verkosto::gateway::web {

// Puts `has_history` and one row per act (`history`: time, act, who, role,
// on_behalf_of, details) into the case page's data `d`. A failed read leaves
// the section out: the rest of the case page still shows.
void PutCaseHistory(Page& page, const std::string& case_id, Data& d);

}  // namespace verkosto::gateway::web
