#pragma once

// The warning KEHA sees after sending a request or extending a deadline that
// is not a working day (Act 150/1930). The nominations service decides it
// (DeadlineWarning on the reply); the page only carries it across the
// redirect in the query and shows it in the notice beside "done".

#include <httplib.h>

#include <string>

#include "gateway/web/i18n.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

// "&deadline_warning=<date>&next_working_day=<date>" for a reply's warning,
// "" when `warning` is empty (the deadline is a working day).
std::string DeadlineWarningQuery(const ::verkosto::nominations::v1::DeadlineWarning& warning);

// The notice's text for the query DeadlineWarningQuery made, in `t`'s
// language; "" unless both parameters are valid dates (a hand-made link shows
// nothing odd).
std::string DeadlineWarningNotice(const Catalogue& t, const httplib::Request& req);

}  // namespace verkosto::gateway::web
