#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <string_view>
#include <vector>

namespace verkosto::gateway {

// The people whose contact data `reply` shows, other than the reader: the
// lower-case e-mail address of every nominee (with e-mail or title), account
// and delivery in it whose address is not `reader_email`, sorted, each once.
// Officials' work contacts of an area (networks' Contact: registry office,
// director) are public (Act 621/1999) and not counted.
std::vector<std::string> ContactSubjects(const google::protobuf::Message& reply,
                                         std::string_view reader_email);

}  // namespace verkosto::gateway
