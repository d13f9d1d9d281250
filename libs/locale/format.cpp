#include "locale/format.h"

#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/plurrule.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <chrono>
#include <map>
#include <memory>

namespace verkosto::locale {

namespace {

// Swedish as written in Finland (sv_FI): the same digits and plural rules as
// sv_SE; the date patterns below are our own anyway.
icu::Locale IcuLocale(Language lang) {
  switch (lang) {
    case Language::kFi:
      return icu::Locale("fi", "FI");
    case Language::kSv:
      return icu::Locale("sv", "FI");
    case Language::kEn:
      break;
  }
  return icu::Locale("en", "GB");
}

size_t Index(Language lang) { return static_cast<size_t>(lang); }

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

const char* DatePattern(Language lang) { return lang == Language::kEn ? "d MMMM y" : "d.M.y"; }

const char* DateTimePattern(Language lang) {
  switch (lang) {
    case Language::kFi:
      return "d.M.y 'klo' H.mm";
    case Language::kSv:
      return "d.M.y 'kl.' H.mm";
    case Language::kEn:
      break;
  }
  return "d MMMM y 'at' HH:mm";
}

// One formatter per language and thread: ICU's formatters are not
// documented as safe to share, and building one costs more than formatting.
std::unique_ptr<icu::SimpleDateFormat> MakeDateFormat(const char* pattern, Language lang,
                                                      const char* zone) {
  UErrorCode status = U_ZERO_ERROR;
  auto format = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString::fromUTF8(pattern),
                                                        IcuLocale(lang), status);
  if (U_FAILURE(status)) return nullptr;
  format->adoptTimeZone(icu::TimeZone::createTimeZone(zone));
  return format;
}

icu::SimpleDateFormat* DateFormat(Language lang) {
  thread_local std::array<std::unique_ptr<icu::SimpleDateFormat>, 3> cache;
  auto& slot = cache.at(Index(lang));
  // A calendar date has no zone: format its UTC midnight in UTC.
  if (!slot) slot = MakeDateFormat(DatePattern(lang), lang, "Etc/UTC");
  return slot.get();
}

icu::SimpleDateFormat* DateTimeFormat(Language lang) {
  thread_local std::array<std::unique_ptr<icu::SimpleDateFormat>, 3> cache;
  auto& slot = cache.at(Index(lang));
  if (!slot) slot = MakeDateFormat(DateTimePattern(lang), lang, "Europe/Helsinki");
  return slot.get();
}

// Parsed patterns per language and thread: a service renders the same few
// catalogue patterns thousands of times, and parsing one (with its plural
// rules) costs far more than formatting. nullptr for a pattern ICU refused.
const icu::MessageFormat* CachedMessageFormat(std::string_view pattern, Language lang) {
  thread_local std::map<std::pair<Language, std::string>, std::unique_ptr<icu::MessageFormat>,
                        std::less<>>
      cache;
  std::pair<Language, std::string> key(lang, pattern);
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() >= 512) cache.clear();  // bounded even if called with ever-new patterns
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
    auto format = std::make_unique<icu::MessageFormat>(source, IcuLocale(lang), status);
    if (U_FAILURE(status)) format.reset();
    it = cache.emplace(std::move(key), std::move(format)).first;
  }
  return it->second.get();
}

const icu::PluralRules* CachedPluralRules(Language lang) {
  thread_local std::array<std::unique_ptr<icu::PluralRules>, 3> cache;
  auto& slot = cache.at(Index(lang));
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    slot.reset(icu::PluralRules::forLocale(IcuLocale(lang), status));
    if (U_FAILURE(status)) slot.reset();
  }
  return slot.get();
}

}  // namespace

std::string FormatDate(const Date& date, Language lang) {
  icu::SimpleDateFormat* format = DateFormat(lang);
  if (format == nullptr || !date.ok()) return ::verkosto::FormatIsoDate(date);
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  const UDate ms = static_cast<double>(days) * 86400000.0;
  icu::UnicodeString out;
  format->format(ms, out);
  return Utf8(out);
}

std::string FormatIsoDate(std::string_view iso_date, Language lang) {
  const std::optional<Date> date = ParseIsoDate(iso_date);
  if (!date) return std::string(iso_date);
  return FormatDate(*date, lang);
}

std::string FormatDateTime(int64_t unix_us, Language lang) {
  if (unix_us <= 0) return {};
  icu::SimpleDateFormat* format = DateTimeFormat(lang);
  if (format == nullptr) return {};
  icu::UnicodeString out;
  const int64_t unix_ms = unix_us / 1000;  // whole milliseconds, as ICU counts
  format->format(static_cast<UDate>(unix_ms), out);
  return Utf8(out);
}

std::string FormatNumber(int64_t n, Language lang) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString out = icu::number::NumberFormatter::withLocale(IcuLocale(lang))
                                     .formatInt(n, status)
                                     .toString(status);
  if (U_FAILURE(status)) return std::to_string(n);
  return Utf8(out);
}

std::string FormatTenths(uint64_t tenths, Language lang) {
  // A decimal string, not a double: 0.1 stays exactly one tenth.
  std::string decimal = std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString out =
      icu::number::NumberFormatter::withLocale(IcuLocale(lang))
          .precision(icu::number::Precision::fixedFraction(1))
          .formatDecimal(icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())),
                         status)
          .toString(status);
  if (U_FAILURE(status)) return decimal;
  return Utf8(out);
}

std::string PluralCategory(int64_t n, Language lang) {
  const icu::PluralRules* rules = CachedPluralRules(lang);
  if (rules == nullptr) return "other";
  return Utf8(rules->select(static_cast<double>(n)));
}

std::string FormatMessage(std::string_view pattern, Language lang,
                          const std::vector<std::pair<std::string, MessageArg>>& args) {
  const icu::MessageFormat* format = CachedMessageFormat(pattern, lang);
  if (format == nullptr) return std::string(pattern);
  UErrorCode status = U_ZERO_ERROR;
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const auto& [name, value] : args) {
    names.push_back(icu::UnicodeString::fromUTF8(name));
    if (const auto* number = std::get_if<int64_t>(&value)) {
      values.emplace_back(static_cast<int64_t>(*number));
    } else {
      values.emplace_back(icu::UnicodeString::fromUTF8(std::get<std::string>(value)));
    }
  }
  icu::UnicodeString out;
  format->format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
  if (U_FAILURE(status)) return std::string(pattern);
  return Utf8(out);
}

std::string FormatCount(std::string_view pattern, int64_t count, Language lang) {
  return FormatMessage(pattern, lang, {{"count", MessageArg(count)}});
}

}  // namespace verkosto::locale
