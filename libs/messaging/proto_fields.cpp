#include "messaging/proto_fields.h"

#include <charconv>
#include <climits>
#include <cstdint>

#include "core/result.h"
#include "messaging/proto_enum.h"

namespace verkosto::messaging {

namespace gpb = ::google::protobuf;

namespace {

// The value named `text`: its full name ("LANGUAGE_FI") or, for a value
// other than the zero one, its short name ("fi").
const gpb::EnumValueDescriptor* FindEnumValue(const gpb::EnumDescriptor& type,
                                              const std::string& text) {
  if (const gpb::EnumValueDescriptor* value = type.FindValueByName(text)) return value;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() != 0 && ShortEnumValueName(*type.value(i)) == text)
      return type.value(i);
  }
  return nullptr;
}

// One text value into scalar `field` of `target` (added when repeated).
// Errors: invalid_argument naming `path` when the text does not fit the type.
Status SetScalar(gpb::Message* target, const gpb::FieldDescriptor* field, const std::string& text,
                 const std::string& path) {
  const gpb::Reflection* r = target->GetReflection();
  const bool rep = field->is_repeated();
  auto integer = [&](int64_t min, int64_t max) -> Result<int64_t> {
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
      return Status::InvalidArgument(
          path, "must be a whole number in " + std::to_string(min) + ".." + std::to_string(max));
    }
    return v;
  };
  switch (field->cpp_type()) {
    case gpb::FieldDescriptor::CPPTYPE_STRING:
      rep ? r->AddString(target, field, text) : r->SetString(target, field, text);
      return Status::Ok();
    case gpb::FieldDescriptor::CPPTYPE_BOOL: {
      bool v = false;
      if (text == "true" || text == "1" || text.empty()) {
        v = true;
      } else if (text != "false" && text != "0") {
        return Status::InvalidArgument(path, "must be true or false");
      }
      rep ? r->AddBool(target, field, v) : r->SetBool(target, field, v);
      return Status::Ok();
    }
    case gpb::FieldDescriptor::CPPTYPE_INT32: {
      VERKOSTO_ASSIGN_OR_RETURN(int64_t v, integer(INT32_MIN, INT32_MAX));
      const auto v32 = static_cast<int32_t>(v);
      rep ? r->AddInt32(target, field, v32) : r->SetInt32(target, field, v32);
      return Status::Ok();
    }
    case gpb::FieldDescriptor::CPPTYPE_UINT32: {
      VERKOSTO_ASSIGN_OR_RETURN(int64_t v, integer(0, UINT32_MAX));
      const auto u32 = static_cast<uint32_t>(v);
      rep ? r->AddUInt32(target, field, u32) : r->SetUInt32(target, field, u32);
      return Status::Ok();
    }
    case gpb::FieldDescriptor::CPPTYPE_INT64: {
      VERKOSTO_ASSIGN_OR_RETURN(int64_t v, integer(INT64_MIN, INT64_MAX));
      rep ? r->AddInt64(target, field, v) : r->SetInt64(target, field, v);
      return Status::Ok();
    }
    case gpb::FieldDescriptor::CPPTYPE_UINT64: {
      VERKOSTO_ASSIGN_OR_RETURN(int64_t v, integer(0, INT64_MAX));
      const auto u64 = static_cast<uint64_t>(v);
      rep ? r->AddUInt64(target, field, u64) : r->SetUInt64(target, field, u64);
      return Status::Ok();
    }
    case gpb::FieldDescriptor::CPPTYPE_DOUBLE:
    case gpb::FieldDescriptor::CPPTYPE_FLOAT: {
      double v = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || end != text.data() + text.size()) {
        return Status::InvalidArgument(path, "must be a number");
      }
      if (field->cpp_type() == gpb::FieldDescriptor::CPPTYPE_FLOAT) {
        const auto f = static_cast<float>(v);
        rep ? r->AddFloat(target, field, f) : r->SetFloat(target, field, f);
      } else {
        rep ? r->AddDouble(target, field, v) : r->SetDouble(target, field, v);
      }
      return Status::Ok();
    }
    case gpb::FieldDescriptor::CPPTYPE_ENUM: {
      const gpb::EnumValueDescriptor* value = FindEnumValue(*field->enum_type(), text);
      if (value == nullptr) {
        const gpb::EnumValueDescriptor* last =
            field->enum_type()->value(field->enum_type()->value_count() - 1);
        return Status::InvalidArgument(path, "must be one of the " + field->enum_type()->name() +
                                                 " names, e.g. " + last->name() + " or " +
                                                 ShortEnumValueName(*last));
      }
      rep ? r->AddEnum(target, field, value) : r->SetEnum(target, field, value);
      return Status::Ok();
    }
    case gpb::FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return Status::InvalidArgument(path, "must be given in the JSON body");
}

}  // namespace

const gpb::FieldDescriptor* FindField(const gpb::Descriptor* message, const std::string& path) {
  const gpb::FieldDescriptor* field = nullptr;
  size_t pos = 0;
  while (message != nullptr) {
    const size_t dot = path.find('.', pos);
    const std::string part = path.substr(pos, dot == std::string::npos ? dot : dot - pos);
    field = message->FindFieldByName(part);
    if (field == nullptr) field = message->FindFieldByCamelcaseName(part);
    if (field == nullptr || dot == std::string::npos) return field;
    message = field->message_type();
    pos = dot + 1;
  }
  return nullptr;
}

Status SetFieldFromText(gpb::Message* message, const std::string& path,
                        const std::vector<std::string>& values) {
  gpb::Message* target = message;
  const gpb::FieldDescriptor* field = nullptr;
  for (size_t pos = 0;;) {
    const size_t dot = path.find('.', pos);
    const std::string part = path.substr(pos, dot == std::string::npos ? dot : dot - pos);
    const gpb::Descriptor* d = target->GetDescriptor();
    field = d->FindFieldByName(part);
    if (field == nullptr) field = d->FindFieldByCamelcaseName(part);
    if (field == nullptr) {
      return Status::InvalidArgument(path, "is not a parameter of this operation");
    }
    if (dot == std::string::npos) break;
    if (field->cpp_type() != gpb::FieldDescriptor::CPPTYPE_MESSAGE || field->is_repeated()) {
      return Status::InvalidArgument(path, "is not a parameter of this operation");
    }
    target = target->GetReflection()->MutableMessage(target, field);
    pos = dot + 1;
  }
  if (field->cpp_type() == gpb::FieldDescriptor::CPPTYPE_MESSAGE) {
    return Status::InvalidArgument(path, "must be given in the JSON body");
  }
  if (field->is_repeated()) {
    target->GetReflection()->ClearField(target, field);
  } else if (values.size() != 1) {
    return Status::InvalidArgument(path, "must be given once");
  }
  for (const std::string& text : values) {
    VERKOSTO_RETURN_IF_ERROR(SetScalar(target, field, text, path));
  }
  return Status::Ok();
}

}  // namespace verkosto::messaging
