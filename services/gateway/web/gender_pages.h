#pragma once

// The Equality Act (609/1986) 4 a § in the web UI (issue 19, item 4;
// docs/nominations.md, "Gender balance (Equality Act 4 a §)"): the nominee's
// gender select of the approval and paper-answer forms, the request's "ask
// for a woman and a man" choice, and the network page's balance.

#include <httplib.h>

#include <string>

#include "core/actor.h"
#include "core/result.h"
#include "gateway/web/forms.h"
#include "gateway/web/page.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

// Whether pages show a gender column/balance to `role` at all: KEHA and an
// area's leadership. (The nominations service decides per area and blanks
// every other reader's; this only keeps an always-empty column away.)
bool ShowsGender(Role role);

// The select "<name>" of a nominee row: not stated (default), woman, man,
// with the hint why it is asked.
Field GenderField(const std::string& name, const httplib::Request* req);

// The form's value ("", "not_stated", "woman", "man") as the proto's;
// invalid_argument naming `field` for anything else.
Result<nominations::v1::Gender> ParseGender(const std::string& value, const std::string& field);

// "Woman", "Man", "Not stated" in the page's language.
std::string GenderText(const Catalogue& t, nominations::v1::Gender gender);

// For KEHA and an area's leadership: the network's balance
// (GenderBalanceRequest) into `d` as "balance" (see network.mustache);
// nothing for other roles or when the service does not answer.
void PutGenderBalance(Page& page, const std::string& network_code, Data& d);

// Whether the network's current body breaks the 40 % rule (BALANCE_VERDICT_
// BREAKS) as the nominations service counts it; false when it cannot say.
bool BodyBreaksBalance(Page& page, const std::string& network_code);

// The name of the exception's reason in the renewal and network-page forms,
// equal to RenewNetworkRequest's field so the service's errors map onto it.
inline constexpr char kExceptionReasonField[] = "gender_balance_exception_reason";

// The required textarea for the special reasons (`name`), refilled from `req`.
Field ExceptionReasonField(const std::string& name, const httplib::Request* req);

}  // namespace verkosto::gateway::web
