#include "field_options.h"

#include <cstdint>
#include <stdexcept>

#include "messaging/proto_fields.h"

namespace verkosto::cli {

namespace {

namespace gpb = ::google::protobuf;

// The type CLI11 would show for the field's C++ type.
const char* TypeName(const gpb::FieldDescriptor& field) {
  switch (field.cpp_type()) {
    case gpb::FieldDescriptor::CPPTYPE_INT32:
    case gpb::FieldDescriptor::CPPTYPE_INT64:
      return "INT";
    case gpb::FieldDescriptor::CPPTYPE_UINT32:
    case gpb::FieldDescriptor::CPPTYPE_UINT64:
      return "UINT";
    case gpb::FieldDescriptor::CPPTYPE_FLOAT:
    case gpb::FieldDescriptor::CPPTYPE_DOUBLE:
      return "FLOAT";
    default:
      return "TEXT";
  }
}

void Set(gpb::Message* request, const std::string& path, const std::vector<std::string>& values) {
  if (Status st = messaging::SetFieldFromText(request, path, values); !st.ok()) {
    throw std::runtime_error(st.ToString());
  }
}

}  // namespace

void AddFieldOptions(CLI::App* command, const std::shared_ptr<gpb::Message>& request,
                     const std::vector<FieldOption>& options) {
  for (const FieldOption& o : options) {
    const gpb::FieldDescriptor* field = messaging::FindField(request->GetDescriptor(), o.path);
    if (field == nullptr) {  // a wrong table: a bug, found by the CLI's tests
      throw std::logic_error(o.flag + " fills no field " + o.path + " of " +
                             request->GetDescriptor()->full_name());
    }
    CLI::Option* option = nullptr;
    if (field->is_repeated()) {
      option = command->add_option_function<std::vector<std::string>>(
          o.flag,
          [request, path = o.path](const std::vector<std::string>& v) {
            Set(request.get(), path, v);
          },
          o.help);
    } else if (field->cpp_type() == gpb::FieldDescriptor::CPPTYPE_BOOL) {
      option = command->add_flag_function(
          o.flag,
          [request, path = o.path](std::int64_t n) {
            Set(request.get(), path, {n > 0 ? "true" : "false"});
          },
          o.help);
    } else {
      option = command->add_option_function<std::string>(
          o.flag, [request, path = o.path](const std::string& v) { Set(request.get(), path, {v}); },
          o.help);
      option->type_name(TypeName(*field));
    }
    if (o.required) option->required();
  }
}

}  // namespace verkosto::cli
