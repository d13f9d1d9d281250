#include "gateway/http/contact_reads.h"

#include <set>

#include "core/text.h"

namespace verkosto::gateway {

namespace {

namespace gpb = ::google::protobuf;

// Message type -> the field holding the person's address. Every other field
// of these messages is the person's too, but the address names them.
struct PersonalMessage {
  std::string_view type;
  std::string_view address_field;
};
constexpr PersonalMessage kPersonal[] = {
    {"verkosto.nominations.v1.Nominee", "email"},
    {"verkosto.notifications.v1.Delivery", "address"},
    {"verkosto.gateway.v1.Account", "email"},
};

void Walk(const gpb::Message& message, const std::string& reader, std::set<std::string>& out) {
  const gpb::Descriptor* descriptor = message.GetDescriptor();
  const gpb::Reflection* reflection = message.GetReflection();
  for (const PersonalMessage& p : kPersonal) {
    if (descriptor->full_name() != p.type) continue;
    const gpb::FieldDescriptor* field = descriptor->FindFieldByName(std::string(p.address_field));
    if (field == nullptr) continue;
    const std::string address = text::AsciiLower(reflection->GetString(message, field));
    if (!address.empty() && address != reader) out.insert(address);
  }
  std::vector<const gpb::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const gpb::FieldDescriptor* field : fields) {
    if (field->cpp_type() != gpb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      const int n = reflection->FieldSize(message, field);
      for (int i = 0; i < n; ++i)
        Walk(reflection->GetRepeatedMessage(message, field, i), reader, out);
    } else {
      Walk(reflection->GetMessage(message, field), reader, out);
    }
  }
}

}  // namespace

std::vector<std::string> ContactSubjects(const gpb::Message& reply, std::string_view reader_email) {
  std::set<std::string> subjects;
  Walk(reply, text::AsciiLower(reader_email), subjects);
  return {subjects.begin(), subjects.end()};
}

}  // namespace verkosto::gateway
