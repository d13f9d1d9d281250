#pragma once

#include <google/protobuf/descriptor.h>

#include <map>
#include <string>
#include <vector>

#include "gateway/http/gateway_context.h"

namespace verkosto::gateway {

// One operation of the JSON API: an HTTP method and path (with {name}
// placeholders, plain names) forwarded to a service's RPC operation. Each
// placeholder fills the request field of its name, or the (dotted) field
// `path_fields` maps it to; for GET, query parameters fill fields too; other
// methods take the request as a JSON body (protobuf's JSON mapping, field
// names as in the .proto or lowerCamelCase).
struct ApiRoute {
  std::string method;   // "GET", "POST", "PUT" or "DELETE"
  std::string path;     // e.g. "/api/v1/networks/{network_code}/open"
  std::string service;  // "networks", "nominations", "notifications", "gateway"
  const google::protobuf::Descriptor* request = nullptr;
  const google::protobuf::Descriptor* response = nullptr;
  std::string summary;
  // What the operation does, who may call it and its notable errors (the
  // OpenAPI operation's description).
  std::string description;
  // The group it is listed under: the name of one of ApiTags().
  std::string tag;
  // Placeholders whose request field has another name, e.g. {network_code}
  // filling "definition.code".
  std::map<std::string, std::string> path_fields;
  // Served by a handler of its own (the session routes), not the generic one.
  bool custom = false;
  // Answered without a login.
  bool is_public = false;
};

// THE route table of /api/v1/: every route, including the custom ones.
const std::vector<ApiRoute>& ApiRoutes();

// The dotted request field that placeholder `placeholder` of `route` fills.
std::string PathField(const ApiRoute& route, const std::string& placeholder);

// A group of operations: the OpenAPI document's top-level `tags`.
struct ApiTag {
  std::string name;
  std::string description;
};

// Every tag a route may have, in the order the document lists them.
const std::vector<ApiTag>& ApiTags();

// Registers every non-custom route of ApiRoutes() with the generic handler,
// through the GatewayContext seam (http/gateway_context.h) of the calling
// worker thread: authenticate (401 without a valid session or token), check the CSRF token
// of cookie-authenticated non-GET requests (403), decode the request, call
// the service as the logged-in actor, answer the response as JSON or the
// error as {code, message, field} with the status of HttpStatusFor.
// Also registers GET /api/v1/openapi.json.
void RegisterApiRoutes(httplib::Server& server, const ContextForThread& context);

// The OpenAPI 3.0 description of ApiRoutes(), as JSON; schemas come from the
// message descriptors.
std::string OpenApiJson();

}  // namespace verkosto::gateway
