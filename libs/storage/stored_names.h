#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/language.h"
#include "core/result.h"
#include "core/status.h"

namespace verkosto::storage {

// The one table per enum that says under which name each value is stored in
// a TEXT column. A service's storage layer declares one for every enum it
// stores, e.g.
//   constexpr StoredName<CaseState> kCaseStates[] = {
//       {CaseState::kAwaitingRegistration, "awaiting_registration"}, ...};
// and reads and writes the column only through NameOf / ValueOf, so that a
// name it does not know is an error and never silently some default value.
template <typename E>
struct StoredName {
  E value;
  std::string_view name;
};

// The name `value` is stored under; "" for a value missing from the table
// (a programming error the repository tests catch).
template <typename E, size_t N>
std::string NameOf(const StoredName<E> (&table)[N], E value) {
  for (const StoredName<E>& entry : table) {
    if (entry.value == value) return std::string(entry.name);
  }
  return {};
}

// The value stored as `name`. Errors: internal ("unknown <what> '<name>' in
// the database") for a name the table does not have: the file was written by
// a newer program or changed by hand.
template <typename E, size_t N>
Result<E> ValueOf(const StoredName<E> (&table)[N], std::string_view name, std::string_view what) {
  for (const StoredName<E>& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return Status::Internal("unknown " + std::string(what) + " '" + std::string(name) +
                          "' in the database");
}

// The same for an enum whose one name table is a function (e.g. a domain's
// CaseStateName): the value among `values` that `name_of` names `name`.
template <typename E, size_t N>
Result<E> ValueNamed(std::string_view name, const E (&values)[N], std::string_view (*name_of)(E),
                     std::string_view what) {
  for (const E value : values) {
    if (name_of(value) == name) return value;
  }
  return Status::Internal("unknown " + std::string(what) + " '" + std::string(name) +
                          "' in the database");
}

// For row readers running inside storage::Guard: the value, or the error
// thrown so that Guard returns it (as internal, with its message).
template <typename E>
E ValueOrThrow(Result<E> result) {
  if (!result.ok()) throw std::runtime_error(result.status().message());
  return std::move(result).value();
}

// A language column: "fi", "sv", "en" (LanguageCode), or '' for "not given".
inline std::string StoredLanguage(std::optional<Language> language) {
  return language ? std::string(LanguageCode(*language)) : std::string();
}

// The inverse of StoredLanguage. Errors: internal for any other text.
inline Result<std::optional<Language>> LanguageFromStored(std::string_view stored) {
  if (stored.empty()) return std::optional<Language>();
  if (const std::optional<Language> language = LanguageFromCode(stored)) return language;
  return Status::Internal("unknown language '" + std::string(stored) + "' in the database");
}

}  // namespace verkosto::storage
