#pragma once

// Dates for tests that run on the real clock (integration, CLI and browser
// tests against `verkosto up`). Such a test never writes a date literal: it
// takes dates relative to today as the system under test sees it, so it passes
// on any day — and CI runs it again with the system's clock moved far ahead
// ($VERKOSTO_TEST_CLOCK_OFFSET_DAYS, passed to `verkosto up
// --clock-offset-days`) to prove it. Tests on a FakeClock keep their literals.

#include <string>
#include <vector>

#include "core/date.h"

namespace verkosto::testing {

// How many days ahead of the real clock the system under test runs:
// $VERKOSTO_TEST_CLOCK_OFFSET_DAYS, 0 when unset. A value that is not a whole
// number aborts the test run (a typo must not silently test nothing).
int ClockOffsetDays();

// Today's date in Europe/Helsinki as the system under test sees it: the real
// clock plus ClockOffsetDays().
Date Today();

// Today() + `days` calendar days, as "YYYY-MM-DD".
std::string DaysFromToday(int days);

// The `verkosto up` arguments that move the system's clock by
// ClockOffsetDays() (none when it is 0).
std::vector<std::string> ClockOffsetArgs();

}  // namespace verkosto::testing
