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
}

}  // namespace verkosto::gateway
