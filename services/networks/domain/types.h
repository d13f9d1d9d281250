#pragma once

#include <string>

#include "core/actor.h"
#include "core/clock.h"

namespace verkosto::networks {

// A person or office that can be reached. Every field may be empty.
struct Contact {
  std::string name;
  std::string email;
  std::string phone;

  friend bool operator==(const Contact&, const Contact&) = default;
};

// A text in the three languages the product speaks. `fi` is the reference
// language; `sv` and `en` may be empty where noted.
struct LocalizedText {
  std::string fi;
  std::string sv;
  std::string en;

  friend bool operator==(const LocalizedText&, const LocalizedText&) = default;
};

// Who did something, for whom, when and why: the audit part of every event.
struct Audit {
  std::string user_id;
  std::string display_name;
  Role role = Role::kUnspecified;
  std::string on_behalf_of;  // a deputy's director; empty otherwise
  TimePoint at{};
  std::string reason;  // empty when the operation takes none
  // The authenticated program that carried the request (Actor::principal):
  // "gateway" for people, "operator", or the service itself.
  std::string principal{};

  friend bool operator==(const Audit&, const Audit&) = default;
};

// The audit record of `actor` acting at `at`.
inline Audit MakeAudit(const Actor& actor, TimePoint at, std::string reason = {}) {
  return Audit{actor.user_id,     actor.display_name, actor.role, actor.on_behalf_of, at,
               std::move(reason), actor.principal};
}

// The actor recorded for changes the system makes by itself (term ends).
inline Actor SystemActor() {
  Actor actor;
  actor.user_id = "system";
  actor.display_name = "verkosto";
  actor.role = Role::kSystem;
  actor.principal = "networks";  // the service itself, on its own timers and events
  return actor;
}

}  // namespace verkosto::networks
