#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "gateway/web/i18n.h"

namespace verkosto::gateway::web {

// One problem of one field, as a service reported it.
struct FieldProblem {
  std::string field;   // dotted name, e.g. "term.end_date"; empty for the whole form
  std::string detail;  // the service's own (English) words
};

// A service error as per-field problems: one per field violation (the first
// for a field named twice), or one without a field when none is named.
std::vector<FieldProblem> SplitProblems(const Status& status);

// The form field a service's error field belongs to: the same name, a field
// under it ("seats" -> "seats.members"), or the field it lies under
// ("goals[2]" -> "goals"). Empty when the form has no such field.
std::string MatchField(const std::string& error_field, const std::vector<std::string>& form_fields);

// One input of a form. `name` is the form field's name, equal to the dotted
// proto field it fills, so service errors map onto it.
struct Field {
  std::string name{};
  std::string label_key{};    // message key of the label
  std::string type = "text";  // text, date, email, number, textarea, select
  std::string value{};
  std::string hint_key{};  // message key of a hint, optional
  bool required = false;
  std::string autocomplete{};
  std::vector<std::pair<std::string, std::string>> options{};  // value, message key (select)
  std::string id_prefix{};  // keeps ids unique when one page has several forms
};

// A form's fields with their errors, ready to render.
class Form {
 public:
  explicit Form(const Catalogue& t) : t_(t) {}
  Field& Add(Field field);
  // Attaches the problems of `status` to fields (unmatched ones go to the summary only).
  void AddErrors(const Status& status);
  // An error of the web layer itself (e.g. "not a number"), message key `key`.
  void AddFieldError(const std::string& name, const std::string& key);
  // The page's own check before it calls the service: every field marked
  // `required` whose value is blank gets "err_field_required", at the field
  // and in the summary, so that one answer names all of them (a service
  // reports the first it finds). The service stays the authority and checks
  // everything again.
  void RequireFilled();
  bool has_errors() const { return !summary_.empty(); }

  // The fields named in `names`, in that order, as mustache list items for field.mustache.
  kainjow::mustache::data Fields(const std::vector<std::string>& names) const;
  // All fields in order.
  kainjow::mustache::data AllFields() const;
  // Sets has_errors and errors (for error_summary.mustache) in `page`.
  void PutSummary(kainjow::mustache::data& page) const;

  static std::string IdFor(const std::string& prefix, const std::string& name);

 private:
  struct Error {
    std::string field;
    std::string message;
    std::string detail;
  };
  kainjow::mustache::data FieldData(const Field& f) const;

  const Catalogue& t_;
  std::vector<Field> fields_;
  std::map<std::string, Error> by_field_;
  std::vector<Error> summary_;
};

// The translated sentence for an error code ("err_invalid_argument" …).
std::string ErrorText(const Catalogue& t, const Status& status);

}  // namespace verkosto::gateway::web
