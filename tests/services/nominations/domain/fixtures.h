#pragma once

// Shared test data for the nominations domain tests: actors, a network read
// model and cases in each state, built through the real domain functions.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/date.h"
#include "nominations/domain/workflow.h"

namespace verkosto::nominations::fixtures {

inline Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

// 10:00 Helsinki time on that day.
inline TimePoint At(int y, unsigned m, unsigned d) {
  return HelsinkiStartOfDay(D(y, m, d)) + std::chrono::hours(10);
}

inline const AreaCode kHelsinki("helsinki");
inline const AreaCode kVantaa("vantaa");
inline const AreaCode kLahti("lahti");
inline const AreaCode kKouvola("kouvola");
inline const AreaCode kKainuu("kainuu-koillismaa");
inline const NetworkCode kNetwork("c6-tyollisyys");

inline Actor MakeActor(const std::string& id, Role role, AreaCode area = AreaCode(),
                       std::string on_behalf_of = {}) {
  Actor a;
  a.user_id = id;
  a.display_name = "Name of " + id;
  a.role = role;
  a.area = std::move(area);
  a.on_behalf_of = std::move(on_behalf_of);
  return a;
}
inline Actor Keha() { return MakeActor("keha-1", Role::kKehaCoordinator); }
inline Actor Clerk(const AreaCode& area) {
  return MakeActor("clerk-" + area.value(), Role::kRegistryClerk, area);
}
inline Actor Director(const AreaCode& area) {
  return MakeActor("director-" + area.value(), Role::kAreaDirector, area);
}
inline Actor Deputy(const AreaCode& area) {
  return MakeActor("deputy-" + area.value(), Role::kAreaDeputy, area, "director-" + area.value());
}
inline Actor Observer() { return MakeActor("observer-1", Role::kObserver); }

// An open network; Lahti and Kouvola have declined to take part.
inline NetworkView OpenNetwork() {
  NetworkView n;
  n.code = kNetwork;
  n.status = NetworkStatus::kOpen;
  n.term_start = D(2026, 1, 1);
  n.term_end = D(2027, 12, 31);
  n.areas = {{kHelsinki, Participation::kTakesPart},
             {kVantaa, Participation::kUndecided},
             {kLahti, Participation::kDeclines},
             {kKouvola, Participation::kDeclines},
             {kKainuu, Participation::kUndecided}};
  return n;
}

inline SendRequestCommand RequestTo(std::vector<AreaCode> areas, Date deadline = D(2026, 6, 30)) {
  SendRequestCommand cmd;
  cmd.request_id = RequestId("req-1");
  cmd.areas = std::move(areas);
  cmd.seats = Seats{2, 1};
  cmd.deadline = deadline;
  cmd.covering_message = "Please name your representatives.";
  cmd.keha_diary_number = "KEHA/123/2026";
  return cmd;
}

// The day all the standard cases are sent.
inline TimePoint SentAt() { return At(2026, 6, 1); }

inline Case SentCase(const AreaCode& area = kHelsinki, Date deadline = D(2026, 6, 30)) {
  auto r = SendRequest(OpenNetwork(), RequestTo({area}, deadline), Keha(), SentAt());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return Case{};
  return r->cases.at(0);
}

inline DiaryNumberInUse NoDiaryNumbers() {
  return [](const std::string&) { return false; };
}

inline RegisterCommand Registration1() {
  return RegisterCommand{"843/14.07.00/2026", "Helsingin kaupunki", D(2026, 6, 2)};
}

inline Case RegisteredCase(const AreaCode& area = kHelsinki, Date deadline = D(2026, 6, 30)) {
  auto r = RegisterCase(SentCase(area, deadline), Registration1(), NoDiaryNumbers(), Clerk(area),
                        At(2026, 6, 2));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return Case{};
  return r->case_after;
}

inline Nominee Person(const std::string& name, SeatKind seat = SeatKind::kMember) {
  Nominee n;
  n.name = name;
  n.title = "Development manager";
  n.email = name + "@hel.fi";
  n.municipality = "Helsinki";
  n.seat = seat;
  return n;
}

inline ApprovalOutcome Approve(const Case& c, std::vector<Nominee> nominees,
                               const Membership* replaced = nullptr,
                               TimePoint when = At(2026, 6, 3)) {
  auto r = ApproveCase(c, OpenNetwork(), ApproveCommand{std::move(nominees)}, replaced,
                       Director(c.area), when);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return ApprovalOutcome{};
  return std::move(r).value();
}

template <typename T>
int Count(const std::vector<Event>& events) {
  int n = 0;
  for (const Event& e : events) n += std::holds_alternative<T>(e) ? 1 : 0;
  return n;
}

}  // namespace verkosto::nominations::fixtures
