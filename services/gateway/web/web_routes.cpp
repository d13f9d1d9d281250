#include <httplib.h>

#include <optional>

#include "gateway/http/gateway_context.h"
#include "gateway/http/http_errors.h"
#include "gateway/web/pages.h"

namespace verkosto::gateway {

namespace {

// `req` with its form body read through `reader` and parsed into params, or
// nullopt after setting res.status: 413 when the body is larger than
// kMaxRequestBodyBytes (the server's error handler then shows the page).
//
// The form handlers read their bodies here rather than letting httplib do
// it: Debian's cpp-httplib is a compiled library, and it refuses every
// url-encoded body over the 8 KiB it was built with
//   CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH
// (defining the macro in our code changes nothing) with an empty 413: a
// long decline reason would never reach the service.
std::optional<httplib::Request> ReadForm(const httplib::Request& req,
                                         const httplib::ContentReader& reader,
                                         httplib::Response& res) {
  if (req.is_multipart_form_data()) {  // the pages' forms never are
    res.status = 415;
    return std::nullopt;
  }
  // A copy: req.matches still refer to req.path, which outlives the handler.
  httplib::Request form = req;
  bool too_large = false;
  const bool complete = reader([&form, &too_large](const char* data, size_t size) {
    if (form.body.size() + size > kMaxRequestBodyBytes) {  // chunked: no Content-Length
      too_large = true;
      return false;
    }
    form.body.append(data, size);
    return true;
  });
  if (!complete) {
    // httplib sets 413 itself when Content-Length is over the server's limit.
    if (too_large || res.status == 413) {
      res.status = 413;
    } else if (res.status < 400) {
      res.status = 400;
    }
    return std::nullopt;
  }
  if (form.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0) {
    httplib::detail::parse_query_text(form.body, form.params);  // as httplib would
  }
  return form;
}

}  // namespace

void RegisterWebRoutes(httplib::Server& server, const ContextForThread& context) {
  for (const web::Route& route : web::Routes()) {
    if (std::string(route.method) == "GET") {
      server.Get(route.pattern,
                 [context, h = route.handler](const httplib::Request& req, httplib::Response& res) {
                   h(context(), req, res);
                 });
    } else {
      server.Post(route.pattern,
                  [context, h = route.handler](const httplib::Request& req, httplib::Response& res,
                                               const httplib::ContentReader& reader) {
                    if (std::optional<httplib::Request> form = ReadForm(req, reader, res)) {
                      h(context(), *form, res);
                    }
                  });
    }
  }
  // httplib's own empty error answers (no route matched, a body over the
  // limit, an unreadable request) get a body: the styled page, or under
  // /api/v1/ the API's JSON error. Answers with a body are the handlers' own.
  const httplib::Server::HandlerWithResponse errors = [context](const httplib::Request& req,
                                                                httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (web::IsApiPath(req.path)) {
      ReplyHttplibError(res);
    } else {
      web::HttplibErrorPage(context(), req, res);
    }
    return httplib::Server::HandlerResponse::Handled;
  };
  server.set_error_handler(errors);
}

}  // namespace verkosto::gateway
