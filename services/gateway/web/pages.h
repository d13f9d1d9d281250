#pragma once

#include <httplib.h>

#include "gateway/http/gateway_context.h"

namespace verkosto::gateway::web {

// One handler per page or form; RegisterWebRoutes binds them to paths.
// Each takes the calling thread's context. Path parameters come from
// req.matches[1] (network code or case id).
using Handler = void (*)(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res);

struct Route {
  const char* method;   // "GET" or "POST"
  const char* pattern;  // httplib pattern (regex with one group for the id)
  Handler handler;
};

// Every route of the web UI, in matching order.
const std::vector<Route>& Routes();

// The styled page (layout, the user's language, a link home) for one of
// httplib's own empty error answers, by res.status: 404 "page not found" (no
// route matched), 413 "the form is too large" (a body over
// kMaxRequestBodyBytes), any other status a general error. RegisterWebRoutes
// answers with it outside /api/v1/.
void HttplibErrorPage(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res);

// True for the JSON API's paths, whose errors stay JSON.
bool IsApiPath(const std::string& path);

}  // namespace verkosto::gateway::web
