#pragma once

#include <google/protobuf/message.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace verkosto::cli {

// One option of a person's command that fills a field of its request.
struct FieldOption {
  std::string flag;  // "--case", or a positional's name ("NETWORK")
  std::string path;  // the dotted request field it fills: "case_id", "seats.members"
  bool required = false;
  std::string help{};  // empty for none
};

// Adds `options` to `command`; each sets its field of `*request` from the
// text given, through the same descriptor mapping as the gateway's JSON API
// (messaging::SetFieldFromText): a repeated field takes the option once per
// value, a bool field is a flag, and help shows the field's type (TEXT,
// INT, UINT, FLOAT). Text the mapping refuses throws std::runtime_error
// with the API's error naming the field, which main()'s catch-all prints as
// any failed command ("verkosto: invalid_argument: limit: must be a whole
// number in 0..4294967295", exit 1). A path that is no field of the request
// throws std::logic_error at once (a wrong table). `request` lives as long as
// the command (its run function holds it too).
void AddFieldOptions(CLI::App* command, const std::shared_ptr<google::protobuf::Message>& request,
                     const std::vector<FieldOption>& options);

}  // namespace verkosto::cli
