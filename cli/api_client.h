#pragma once

#include <google/protobuf/message.h>

#include <string>

#include "core/result.h"
#include "verkosto/gateway/v1/api.pb.h"

namespace verkosto::cli {

// Where a person's commands go and who they are there: the gateway's base URL
// ("http://127.0.0.1:8080") and an API token drawn at `verkosto login`.
struct ApiLogin {
  std::string server;
  std::string token;
};

// The file `verkosto login` keeps the login in: $XDG_CONFIG_HOME/verkosto/login,
// else ~/.config/verkosto/login (the directory 0700, the file 0600).
std::string LoginFile();

// Reads LoginFile(). Errors: not_found (not logged in), invalid_argument (a
// file that is not a login, or one that others may read).
Result<ApiLogin> LoadLogin();
// Writes LoginFile() (0600). Errors: unavailable.
Status SaveLogin(const ApiLogin& login);
// Removes LoginFile(); ok when there is none.
Status ForgetLogin();

// The Status an error answer's body names (code, message and every field
// violation; `field` alone from an older gateway); an unknown code reads as
// `fallback`.
Status StatusFromApiError(const gateway::v1::ApiError& error, ErrorCode fallback);

// A client of the gateway's JSON API (/api/v1/) for the CLI's person-level
// commands. Each call finds the API route of the request's message type in
// the gateway's route table, fills the path's placeholders from the request's
// fields, sends the other fields as query parameters (GET) or the request as
// a JSON body (protobuf JSON mapping), and reads the answer into `response`.
// An error answer {code, message, field, violations} becomes the Status it
// names, with every field violation ("unauthenticated" as permission_denied
// saying to log in).
class ApiClient {
 public:
  ApiClient(std::string server, std::string token);

  // Errors: the service's (through the gateway); unavailable when the gateway
  // does not answer; invalid_argument for a server URL that is not http://.
  Status Call(const google::protobuf::Message& request, google::protobuf::Message* response);

  // One raw request with a JSON body ("" for none). Returns the answer's
  // body; an error answer becomes its Status as in Call.
  Result<std::string> Send(const std::string& method, const std::string& path,
                           const std::string& json_body);

 private:
  std::string server_;
  std::string token_;
};

}  // namespace verkosto::cli
