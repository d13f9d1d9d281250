#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace verkosto {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

// Microseconds since the Unix epoch, the form stored in databases and on the wire.
inline int64_t ToMicros(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromMicros(int64_t us) { return TimePoint(std::chrono::microseconds(us)); }

// The source of "now" for everything that depends on time (deadlines, term
// ends, audit stamps). Injected so tests can use FakeClock. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
  // A process-wide instance.
  static SystemClock& Instance() {
    static SystemClock clock;
    return clock;
  }
};

// The real wall clock moved by a fixed offset. Only for tests that run whole
// processes on the real clock and must prove they hold on any date (the
// `[clock] offset_days` setting): business time moves, transport time
// (request deadlines, back-off) stays on the real clock.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(std::chrono::microseconds offset) : offset_(offset) {}
  TimePoint Now() const override { return SystemClock::Instance().Now() + offset_; }

 private:
  std::chrono::microseconds offset_;
};

// A clock that moves only when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(start) {}
  TimePoint Now() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return now_;
  }
  void Set(TimePoint t) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ = t;
  }
  void Advance(std::chrono::microseconds d) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += d;
  }

 private:
  mutable std::mutex mu_;
  TimePoint now_;
};

}  // namespace verkosto
