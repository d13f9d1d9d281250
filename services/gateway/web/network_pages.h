#pragma once

// What the networks' page files (network_pages.cpp, network_edit_pages.cpp)
// share: loading a network and rendering its page with a refused form.

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include "gateway/web/forms.h"
#include "gateway/web/page.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::gateway::web {

// The network `code`, or nullopt after answering with the service's error.
std::optional<networks::v1::GetNetworkResponse> LoadNetwork(Page& page, const std::string& code);

// KEHA's form sending a nomination request, filled from `req` when given.
Form SendForm(const Catalogue& t, const httplib::Request* req);

// The network's page; `send` or `comment`: the refused form to show again
// (at most one of them).
// `confirmations`: a refused confirmation request (renewal, issue 17).
// `exception`: a refused gender balance exception (issue 19).
void RenderNetwork(Page& page, int status, const networks::v1::GetNetworkResponse& net,
                   const Form* send, const Form* comment = nullptr,
                   const Form* confirmations = nullptr, const Form* exception = nullptr);

// The renewal form (network_edit_pages.cpp): `def` to review, the reason;
// `bad` fields that were not numbers and the service's refusal `error`.
void RenderRenewForm(Page& page, int status, const std::string& code,
                     const networks::v1::NetworkDefinition& def,
                     const std::vector<std::string>* bad, const Status& error);

// The definition the network form of `req` describes; `bad` gets the numeric
// fields that were not numbers.
networks::v1::NetworkDefinition DefinitionFromRequest(const httplib::Request& req,
                                                      std::vector<std::string>* bad);

}  // namespace verkosto::gateway::web
