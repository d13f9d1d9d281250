#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "core/status.h"

namespace verkosto::messaging {

// Request fields addressed by their dotted path ("term.end_date",
// "seats.members") and set from text, by the message's descriptor: how the
// gateway's JSON API fills a request from path and query parameters, and how
// the CLI fills one from its options. One mapping, so both accept the same
// text and refuse it with the same errors.

// The field at dotted `path` of `message` (a part may be written in
// lowerCamelCase), or null.
const google::protobuf::FieldDescriptor* FindField(const google::protobuf::Descriptor* message,
                                                   const std::string& path);

// Sets the scalar field at dotted `path` of `message` from the text `values`:
// all of them for a repeated field (replacing what it held), exactly one
// otherwise; intermediate messages are created. Text is read by the field's
// type: a string as it is; a bool "true"/"1"/"" or "false"/"0"; an integer
// in its type's range; a float or double; an enum by its value's name
// ("NETWORK_STATUS_OPEN") or short name ("open", proto_enum.h). Errors: invalid_argument naming
// `path` — no such field ("is not a parameter of this operation"), a message field ("must be given
// in the JSON body"), several values for a single field, or text that does not fit the type.
Status SetFieldFromText(google::protobuf::Message* message, const std::string& path,
                        const std::vector<std::string>& values);

}  // namespace verkosto::messaging
