#pragma once

// Renewal and confirmation requests on the pages (confirmation_pages.cpp):
// the forms and the case page's part shared with case_pages.cpp and
// network_pages.cpp.

#include <httplib.h>

#include "gateway/web/forms.h"
#include "gateway/web/page.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

// KEHA's form sending confirmation requests (deadline, covering message).
Form ConfirmationsForm(const Catalogue& t, const httplib::Request* req);

// A confirmation case's decision form: per sitting member the successor's
// fields and the reason (the choice is a radio group in the template).
Form ConfirmationForm(const Catalogue& t, const nominations::v1::Case& c,
                      const httplib::Request* req);

// Puts `confirmation`, the new term, `confirmation_decidable` and one row per
// sitting member (`sitting`) into the case page's data `d`; nothing else for
// another kind of case. `form`: a refused decision to show again.
void PutConfirmation(const Catalogue& t, const nominations::v1::Case& c, bool may_decide,
                     const Form* form, const httplib::Request* req, kainjow::mustache::data& d);

// Sends the leadership's answers of the form `req` for `c`.
Status DecideConfirmationFromForm(Page& page, const httplib::Request& req,
                                  const nominations::v1::Case& c,
                                  nominations::v1::CaseResponse* reply);

}  // namespace verkosto::gateway::web
