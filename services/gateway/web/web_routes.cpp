#include <httplib.h>

#include "gateway/http/gateway_context.h"
#include "gateway/web/pages.h"

namespace verkosto::gateway {

void RegisterWebRoutes(httplib::Server& server, const ContextForThread& context) {
  for (const web::Route& route : web::Routes()) {
    auto handler = [context, h = route.handler](const httplib::Request& req,
                                                httplib::Response& res) { h(context(), req, res); };
    if (std::string(route.method) == "GET") {
      server.Get(route.pattern, handler);
    } else {
      server.Post(route.pattern, handler);
    }
  }
  // httplib's own empty 404 (no route matched) becomes the styled page, except
  // under /api/v1/, whose unknown paths answer JSON (api_routes.cpp).
  const httplib::Server::HandlerWithResponse not_found = [context](const httplib::Request& req,
                                                                   httplib::Response& res) {
    if (res.status != 404 || !res.body.empty() || web::IsApiPath(req.path)) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    web::NotFoundPage(context(), req, res);
    return httplib::Server::HandlerResponse::Handled;
  };
  server.set_error_handler(not_found);
}

}  // namespace verkosto::gateway
