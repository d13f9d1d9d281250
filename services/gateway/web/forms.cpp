#include "gateway/web/forms.h"

#include <algorithm>

#include "locale/user_date.h"

namespace verkosto::gateway::web {

namespace mustache = kainjow::mustache;

namespace {

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::vector<FieldProblem> SplitProblems(const Status& status) {
  std::vector<FieldProblem> problems;
  if (status.ok()) return problems;
  if (status.violations().empty()) {
    problems.push_back({std::string(), status.message()});
    return problems;
  }
  for (const FieldViolation& v : status.violations()) {
    const bool seen = std::any_of(problems.begin(), problems.end(),
                                  [&v](const FieldProblem& p) { return p.field == v.field; });
    if (!seen) problems.push_back({v.field, v.message});
  }
  return problems;
}

std::string MatchField(const std::string& error_field,
                       const std::vector<std::string>& form_fields) {
  if (error_field.empty()) return {};
  for (const std::string& f : form_fields) {
    if (f == error_field) return f;
  }
  for (const std::string& f : form_fields) {
    if (StartsWith(f, error_field + ".") || StartsWith(f, error_field + "[")) return f;
  }
  for (const std::string& f : form_fields) {
    if (StartsWith(error_field, f + ".") || StartsWith(error_field, f + "[")) return f;
  }
  return {};
}

std::string ErrorText(const Catalogue& t, const Status& status) {
  return t.Get("err_" + std::string(ErrorCodeName(status.code())));
}

std::string Form::IdFor(const std::string& prefix, const std::string& name) {
  std::string id = "f-" + prefix + name;
  std::replace(id.begin(), id.end(), '.', '-');
  std::replace(id.begin(), id.end(), '/', '-');
  return id;
}

Field& Form::Add(Field field) {
  fields_.push_back(std::move(field));
  return fields_.back();
}

void Form::AddFieldError(const std::string& name, const std::string& key) {
  Error e{name, t_.Get(key), {}};
  if (!by_field_.count(name)) by_field_[name] = e;
  summary_.push_back(std::move(e));
}

void Form::RequireFilled() {
  for (const Field& f : fields_) {
    const bool blank = f.value.find_first_not_of(" \t\r\n") == std::string::npos;
    if (f.required && blank) AddFieldError(f.name, "err_field_required");
  }
}

void Form::AddErrors(const Status& status) {
  if (status.ok()) return;
  std::vector<std::string> names;
  for (const Field& f : fields_) names.push_back(f.name);
  for (const FieldProblem& p : SplitProblems(status)) {
    const std::string field = MatchField(p.field, names);
    std::string message;
    if (status.code() == ErrorCode::kInvalidArgument && !field.empty()) {
      message = t_.Get(p.detail.find("required") != std::string::npos ? "err_field_required"
                                                                      : "err_field_invalid");
    } else {
      message = ErrorText(t_, status);
    }
    Error e{field, message, p.detail};
    if (!field.empty() && !by_field_.count(field)) by_field_[field] = e;
    summary_.push_back(std::move(e));
  }
}

mustache::data Form::FieldData(const Field& f) const {
  mustache::data d{mustache::data::type::object};
  const std::string id = IdFor(f.id_prefix, f.name);
  d.set("id", id);
  d.set("name", f.name);
  d.set("label", t_.Get(f.label_key));
  d.set("value", f.value);
  d.set("required", f.required);
  d.set("date_field", f.type == "date");
  std::string describedby;
  // Every date field shows its format (d.m.yyyy) in a hint.
  const std::string hint_key = f.hint_key.empty() && f.type == "date" ? "hint_date" : f.hint_key;
  if (!hint_key.empty()) {
    d.set("hint", t_.Get(hint_key));
    describedby = id + "-hint";
  }
  auto err = by_field_.find(f.name);
  if (err != by_field_.end()) {
    d.set("error", err->second.message);
    describedby += (describedby.empty() ? "" : " ") + id + "-error";
  }
  if (!describedby.empty()) d.set("describedby", describedby);
  if (!f.autocomplete.empty()) d.set("autocomplete", f.autocomplete);
  if (f.type == "textarea") {
    d.set("textarea", true);
  } else if (f.type == "select") {
    d.set("select", true);
    mustache::data options{mustache::data::type::list};
    for (const auto& [value, key] : f.options) {
      mustache::data o{mustache::data::type::object};
      o.set("value", value);
      o.set("label", t_.Get(key));
      o.set("selected", value == f.value);
      options.push_back(o);
    }
    d.set("options", options);
  } else if (f.type == "date") {
    // A text field, not type="date": the browser's date picker follows the
    // browser's locale (mm/dd/yyyy), not the page's language. A stored ISO
    // date is shown as d.m.yyyy; what the user typed is kept as typed.
    d.set("input", true);
    d.set("type", "text");
    d.set("value", locale::FormatUserDate(f.value));
    if (f.autocomplete.empty()) d.set("autocomplete", "off");
  } else {
    d.set("input", true);
    d.set("type", f.type);
  }
  return d;
}

mustache::data Form::Fields(const std::vector<std::string>& names) const {
  mustache::data list{mustache::data::type::list};
  for (const std::string& name : names) {
    for (const Field& f : fields_) {
      if (f.name == name) list.push_back(FieldData(f));
    }
  }
  return list;
}

mustache::data Form::AllFields() const {
  mustache::data list{mustache::data::type::list};
  for (const Field& f : fields_) list.push_back(FieldData(f));
  return list;
}

void Form::PutSummary(mustache::data& page) const {
  page.set("has_errors", !summary_.empty());
  mustache::data list{mustache::data::type::list};
  for (const Error& e : summary_) {
    mustache::data d{mustache::data::type::object};
    if (!e.field.empty()) {
      std::string prefix;
      std::string label = e.field;
      for (const Field& f : fields_) {
        if (f.name == e.field) {
          prefix = f.id_prefix;
          label = t_.Get(f.label_key);
        }
      }
      d.set("id", IdFor(prefix, e.field));
      d.set("label", label);
    }
    d.set("message", e.message);
    if (!e.detail.empty()) d.set("detail", e.detail);
    list.push_back(d);
  }
  page.set("errors", list);
}

}  // namespace verkosto::gateway::web
