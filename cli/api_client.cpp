#include "api_client.h"

#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/file_util.h"
#include "gateway/http/api_routes.h"
#include "messaging/envelope.h"
#include "verkosto/gateway/v1/api.pb.h"

namespace verkosto::cli {

namespace gpb = ::google::protobuf;

namespace {

std::string ConfigDir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg != '\0') return std::string(xdg) + "/verkosto";
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : ".") + "/.config/verkosto";
}

// The value of `name = "..."` in the login file, or empty.
std::string Field(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + " = \"", 0) != 0 || line.back() != '"') continue;
    return line.substr(name.size() + 4, line.size() - name.size() - 5);
  }
  return {};
}

// The text of scalar `field` of `message` (index `i` of a repeated one).
std::string ScalarText(const gpb::Message& message, const gpb::FieldDescriptor* field, int i) {
  const gpb::Reflection* r = message.GetReflection();
  const bool rep = field->is_repeated();
  switch (field->cpp_type()) {
    case gpb::FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(message, field, i) : r->GetString(message, field);
    case gpb::FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(message, field, i) : r->GetBool(message, field)) ? "true"
                                                                                        : "false";
    case gpb::FieldDescriptor::CPPTYPE_INT32:
      return std::to_string(rep ? r->GetRepeatedInt32(message, field, i)
                                : r->GetInt32(message, field));
    case gpb::FieldDescriptor::CPPTYPE_UINT32:
      return std::to_string(rep ? r->GetRepeatedUInt32(message, field, i)
                                : r->GetUInt32(message, field));
    case gpb::FieldDescriptor::CPPTYPE_INT64:
      return std::to_string(rep ? r->GetRepeatedInt64(message, field, i)
                                : r->GetInt64(message, field));
    case gpb::FieldDescriptor::CPPTYPE_UINT64:
      return std::to_string(rep ? r->GetRepeatedUInt64(message, field, i)
                                : r->GetUInt64(message, field));
    case gpb::FieldDescriptor::CPPTYPE_DOUBLE:
      return std::to_string(rep ? r->GetRepeatedDouble(message, field, i)
                                : r->GetDouble(message, field));
    case gpb::FieldDescriptor::CPPTYPE_FLOAT:
      return std::to_string(rep ? r->GetRepeatedFloat(message, field, i)
                                : r->GetFloat(message, field));
    case gpb::FieldDescriptor::CPPTYPE_ENUM:
      return (rep ? r->GetRepeatedEnum(message, field, i) : r->GetEnum(message, field))->name();
    case gpb::FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return {};
}

// The text of the scalar at dotted `path` of `message`, or nullopt.
std::optional<std::string> ValueAt(const gpb::Message& message, const std::string& path) {
  const gpb::Message* at = &message;
  size_t pos = 0;
  while (true) {
    const size_t dot = path.find('.', pos);
    const std::string part = path.substr(pos, dot == std::string::npos ? dot : dot - pos);
    const gpb::FieldDescriptor* field = at->GetDescriptor()->FindFieldByName(part);
    if (field == nullptr || field->is_repeated()) return std::nullopt;
    if (dot == std::string::npos) {
      if (field->cpp_type() == gpb::FieldDescriptor::CPPTYPE_MESSAGE) return std::nullopt;
      return ScalarText(*at, field, 0);
    }
    if (field->cpp_type() != gpb::FieldDescriptor::CPPTYPE_MESSAGE) return std::nullopt;
    at = &at->GetReflection()->GetMessage(*at, field);
    pos = dot + 1;
  }
}

// Every set scalar of `message` as query parameters named by their dotted
// path, except those in `skip` (the path's placeholders).
void QueryParams(const gpb::Message& message, const std::string& prefix,
                 const std::vector<std::string>& skip, httplib::Params* params) {
  std::vector<const gpb::FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const gpb::FieldDescriptor* field : fields) {
    const std::string name = prefix + field->name();
    if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    if (field->cpp_type() == gpb::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!field->is_repeated()) {
        QueryParams(message.GetReflection()->GetMessage(message, field), name + ".", skip, params);
      }
      continue;
    }
    const int n = field->is_repeated() ? message.GetReflection()->FieldSize(message, field) : 1;
    for (int i = 0; i < n; ++i) params->emplace(name, ScalarText(message, field, i));
  }
}

Status ErrorFromAnswer(int http_status, const std::string& body) {
  gateway::v1::ApiError error;
  gpb::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (!gpb::util::JsonStringToMessage(body, &error, options).ok() || error.code().empty()) {
    return Status::Internal("the gateway answered HTTP " + std::to_string(http_status));
  }
  if (error.code() == "unauthenticated") {
    return Status::PermissionDenied(error.message() +
                                    " — log in with `verkosto login` (or pass --token)");
  }
  return StatusFromApiError(error, ErrorCode::kInternal);
}

}  // namespace

Status StatusFromApiError(const gateway::v1::ApiError& error, ErrorCode fallback) {
  return messaging::StatusFromWire(ErrorCodeFromName(error.code()).value_or(fallback),
                                   error.message(), error.field(), error.violations());
}

std::string LoginFile() { return ConfigDir() + "/login"; }

Result<ApiLogin> LoadLogin() {
  const std::string path = LoginFile();
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    return Status::NotFound("not logged in: run `verkosto login` (or pass --token)");
  }
  if ((st.st_mode & 077) != 0) {
    return Status::InvalidArgument(path,
                                   "holds a token but others may read it; run `verkosto "
                                   "logout` and log in again");
  }
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  ApiLogin login{Field(text.str(), "server"), Field(text.str(), "token")};
  if (login.server.empty() || login.token.empty()) {
    return Status::InvalidArgument(path, "is not a login file; run `verkosto login` again");
  }
  return login;
}

Status SaveLogin(const ApiLogin& login) {
  VERKOSTO_RETURN_IF_ERROR(EnsurePrivateDirectory(ConfigDir(), /*tighten=*/true));
  return WriteFileAtomically(LoginFile(),
                             "# verkosto login: the API token is a secret\n"
                             "server = \"" +
                                 login.server + "\"\ntoken = \"" + login.token + "\"\n");
}

Status ForgetLogin() {
  std::error_code ec;
  std::filesystem::remove(LoginFile(), ec);
  if (ec) return Status::Unavailable("cannot remove " + LoginFile() + ": " + ec.message());
  return Status::Ok();
}

ApiClient::ApiClient(std::string server, std::string token)
    : server_(std::move(server)), token_(std::move(token)) {
  while (!server_.empty() && server_.back() == '/') server_.pop_back();
}

Result<std::string> ApiClient::Send(const std::string& method, const std::string& path,
                                    const std::string& json_body) {
  if (server_.rfind("http://", 0) != 0 && server_.rfind("https://", 0) != 0) {
    return Status::InvalidArgument("server",
                                   "must be an http:// or https:// URL, not '" + server_ + "'");
  }
  httplib::Client http(server_);
  http.set_tcp_nodelay(true);
  http.set_connection_timeout(std::chrono::seconds(5));
  http.set_read_timeout(std::chrono::seconds(30));
  httplib::Headers headers;
  if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
  if (method != "GET" && method != "POST" && method != "PUT" && method != "DELETE") {
    return Status::Internal("no HTTP method " + method);
  }
  const httplib::Result res = [&] {
    if (method == "GET") return http.Get(path, headers);
    if (method == "POST") return http.Post(path, headers, json_body, "application/json");
    if (method == "PUT") return http.Put(path, headers, json_body, "application/json");
    return http.Delete(path, headers, json_body, "application/json");
  }();
  if (!res) {
    return Status::Unavailable("no answer from " + server_ + ": " +
                               httplib::to_string(res.error()));
  }
  if (res->status < 200 || res->status > 299) return ErrorFromAnswer(res->status, res->body);
  return res->body;
}

Status ApiClient::Call(const gpb::Message& request, gpb::Message* response) {
  const gateway::ApiRoute* route = nullptr;
  for (const gateway::ApiRoute& r : gateway::ApiRoutes()) {
    if (r.request == request.GetDescriptor() && !r.custom) route = &r;
  }
  if (route == nullptr) {
    return Status::Internal("the JSON API has no route for " + request.GetTypeName());
  }
  // The path, its placeholders filled from the request (ids need no escaping,
  // but a name typed by a person might).
  std::string path;
  std::vector<std::string> placeholders;
  for (size_t pos = 0;;) {
    const size_t open = route->path.find('{', pos);
    path += route->path.substr(pos, open == std::string::npos ? open : open - pos);
    if (open == std::string::npos) break;
    const size_t close = route->path.find('}', open);
    const std::string field =
        gateway::PathField(*route, route->path.substr(open + 1, close - open - 1));
    const std::optional<std::string> value = ValueAt(request, field);
    if (!value || value->empty()) return Status::InvalidArgument(field, "is required");
    path += httplib::detail::encode_query_param(*value);
    placeholders.push_back(field);
    pos = close + 1;
  }
  std::string body;
  if (route->method == "GET") {
    httplib::Params params;
    QueryParams(request, "", placeholders, &params);
    path = httplib::append_query_params(path, params);
  } else {
    gpb::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    (void)gpb::util::MessageToJsonString(request, &body, options);
  }
  VERKOSTO_ASSIGN_OR_RETURN(std::string answer, Send(route->method, path, body));
  gpb::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;  // a newer gateway may answer more
  const auto parsed = gpb::util::JsonStringToMessage(answer, response, options);
  if (!parsed.ok()) {
    return Status::Internal("the gateway's answer is not a " + response->GetTypeName() + ": " +
                            std::string(parsed.message()));
  }
  return Status::Ok();
}

}  // namespace verkosto::cli
