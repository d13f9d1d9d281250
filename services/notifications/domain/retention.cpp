#include "notifications/domain/retention.h"

#include <charconv>

namespace verkosto::notifications {

namespace {

// The digits of `text` from `at`, `n` of them, as a number; nullopt otherwise.
std::optional<int> Digits(std::string_view text, size_t at, size_t n) {
  if (at + n > text.size()) return std::nullopt;
  int value = 0;
  const char* first = text.data() + at;
  const auto [end, error] = std::from_chars(first, first + n, value);
  if (error != std::errc() || end != first + n) return std::nullopt;
  for (size_t i = 0; i < n; ++i) {
    if (first[i] < '0' || first[i] > '9') return std::nullopt;
  }
  return value;
}

}  // namespace

Date MonthsBefore(const Date& date, int months) {
  const std::chrono::year_month_day shifted = date - std::chrono::months(months);
  if (shifted.ok()) return shifted;
  return std::chrono::year_month_day_last(shifted.year(),
                                          std::chrono::month_day_last(shifted.month()));
}

TimePoint InboxCutoff(const Date& today, const RetentionPolicy& policy) {
  return HelsinkiStartOfDay(MonthsBefore(today, policy.inbox_months));
}

bool DeliveryFinished(DeliveryStatus status, std::string_view digest_day) {
  switch (status) {
    case DeliveryStatus::kSent:
    case DeliveryStatus::kFailed:
    case DeliveryStatus::kSkipped:
      return true;
    case DeliveryStatus::kDigest:
      return !digest_day.empty();
    case DeliveryStatus::kPending:
      break;
  }
  return false;
}

std::vector<int64_t> MessagesDue(const std::vector<MessageAge>& messages, const Date& today,
                                 const RetentionPolicy& policy) {
  const TimePoint cutoff = InboxCutoff(today, policy);
  std::vector<int64_t> due;
  for (const MessageAge& m : messages) {
    if (m.created < cutoff && m.deliveries_finished) due.push_back(m.id);
  }
  return due;
}

std::optional<EmlName> ParseEmlName(std::string_view name) {
  // yyyymmddThhmmss-<id>.eml
  constexpr std::string_view kSuffix = ".eml";
  if (name.size() < 16 + 1 + kSuffix.size() || name[8] != 'T' || name[15] != '-' ||
      name.substr(name.size() - kSuffix.size()) != kSuffix) {
    return std::nullopt;
  }
  const auto y = Digits(name, 0, 4);
  const auto mo = Digits(name, 4, 2);
  const auto d = Digits(name, 6, 2);
  const auto h = Digits(name, 9, 2);
  const auto mi = Digits(name, 11, 2);
  const auto s = Digits(name, 13, 2);
  if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year(*y),
                                        std::chrono::month(static_cast<unsigned>(*mo)),
                                        std::chrono::day(static_cast<unsigned>(*d))};
  if (!day.ok()) return std::nullopt;
  EmlName out;
  out.written = TimePoint(std::chrono::sys_days(day)) + std::chrono::hours(*h) +
                std::chrono::minutes(*mi) + std::chrono::seconds(*s);
  // "verkosto-<delivery id>-<created µs>_<domain>"; "verkosto-digest-…" has none.
  const std::string_view id = name.substr(16, name.size() - 16 - kSuffix.size());
  constexpr std::string_view kPrefix = "verkosto-";
  if (id.substr(0, kPrefix.size()) == kPrefix) {
    const std::string_view rest = id.substr(kPrefix.size());
    int64_t delivery = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), delivery);
    if (error == std::errc() && end != rest.data() && end < rest.data() + rest.size() &&
        *end == '-' && delivery > 0) {
      out.delivery_id = delivery;
    }
  }
  return out;
}

bool EmlDue(TimePoint written, TimePoint now, const RetentionPolicy& policy) {
  return written + std::chrono::hours(24) * policy.eml_days <= now;
}

}  // namespace verkosto::notifications
