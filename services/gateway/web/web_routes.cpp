#include <httplib.h>

#include "gateway/http/gateway_context.h"

namespace verkosto::gateway {

void RegisterWebRoutes(httplib::Server& /*server*/, const ContextForThread& /*context*/) {
  // No pages yet: the web UI registers its routes here.
}

}  // namespace verkosto::gateway
