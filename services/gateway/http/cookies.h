#pragma once

#include <string>
#include <string_view>

namespace httplib {
struct Request;
}

namespace verkosto::gateway {

// The value of cookie `name` in the request's Cookie header(s), or "": the
// one cookie reader of the gateway (sessions, the login form's token, the
// pages' language).
std::string CookieValue(const httplib::Request& req, std::string_view name);

}  // namespace verkosto::gateway
