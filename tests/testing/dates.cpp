#include "testing/dates.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace verkosto::testing {

int ClockOffsetDays() {
  static const int kDays = [] {
    const char* env = std::getenv("VERKOSTO_TEST_CLOCK_OFFSET_DAYS");
    if (env == nullptr || *env == '\0') return 0;
    char* end = nullptr;
    const long days = std::strtol(env, &end, 10);
    if (*end != '\0' || days < -36500 || days > 36500) {
      std::fprintf(stderr, "VERKOSTO_TEST_CLOCK_OFFSET_DAYS=%s is not a whole number of days\n",
                   env);
      std::abort();
    }
    return static_cast<int>(days);
  }();
  return kDays;
}

// The services move the instant and then take Helsinki's date of it (an
// offset clock, [clock] offset_days): so does this. Adding days to today's
// date instead differs near midnight when the two instants are on different
// sides of a daylight-saving change (23:56 in December is 00:56 in June).
Date Today() {
  return HelsinkiDate(SystemClock::Instance().Now() + std::chrono::hours(24) * ClockOffsetDays());
}

std::string DaysFromToday(int days) { return FormatIsoDate(AddDays(Today(), days)); }

std::vector<std::string> ClockOffsetArgs() {
  if (ClockOffsetDays() == 0) return {};
  return {"--clock-offset-days", std::to_string(ClockOffsetDays())};
}

}  // namespace verkosto::testing
