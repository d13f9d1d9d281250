#pragma once

// What the networks' page files (network_pages.cpp, network_edit_pages.cpp)
// share: loading a network and rendering its page with a refused form.

#include <httplib.h>

#include <optional>
#include <string>

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
void RenderNetwork(Page& page, int status, const networks::v1::GetNetworkResponse& net,
                   const Form* send, const Form* comment = nullptr);

}  // namespace verkosto::gateway::web
