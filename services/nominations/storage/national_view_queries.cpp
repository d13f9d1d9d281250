#include "nominations/storage/national_view_queries.h"

#include <map>
#include <set>

#include "storage/database.h"

namespace verkosto::nominations {

Result<std::vector<ViewNetwork>> ReadViewNetworks(SQLite::Database& db) {
  std::vector<ViewNetwork> networks;
  Status status = storage::Guard([&]() -> Status {
    std::map<NetworkCode, size_t> at;
    SQLite::Statement q(db,
                        "SELECT code, status, name_fi, name_sv, meetings_per_year, "
                        "hours_per_meeting_tenths FROM networks ORDER BY code");
    while (q.executeStep()) {
      ViewNetwork n;
      n.code = NetworkCode(q.getColumn(0).getString());
      n.status = NetworkStatusFromName(q.getColumn(1).getString()).value_or(NetworkStatus::kDraft);
      n.name_fi = q.getColumn(2).getString();
      n.name_sv = q.getColumn(3).getString();
      n.meetings_per_year = static_cast<uint32_t>(q.getColumn(4).getInt64());
      n.hours_per_meeting_tenths = static_cast<uint32_t>(q.getColumn(5).getInt64());
      at[n.code] = networks.size();
      networks.push_back(std::move(n));
    }
    SQLite::Statement p(db, "SELECT network_code, area_code, decision FROM participation");
    while (p.executeStep()) {
      const auto it = at.find(NetworkCode(p.getColumn(0).getString()));
      if (it == at.end()) continue;
      const std::string decision = p.getColumn(2).getString();
      networks[it->second].participation[AreaCode(p.getColumn(1).getString())] =
          decision == "takes_part" ? Participation::kTakesPart
          : decision == "declines" ? Participation::kDeclines
                                   : Participation::kUndecided;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return networks;
}

Result<std::vector<ViewOpenCase>> ReadOpenCases(SQLite::Database& db) {
  std::vector<ViewOpenCase> cases;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db,
                        "SELECT network_code, area_code, overdue FROM cases "
                        "WHERE state IN ('awaiting_registration', 'registered')");
    while (q.executeStep()) {
      cases.push_back(ViewOpenCase{NetworkCode(q.getColumn(0).getString()),
                                   AreaCode(q.getColumn(1).getString()),
                                   q.getColumn(2).getInt64() != 0});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return cases;
}

Result<std::vector<ViewMembership>> ReadActiveMemberships(SQLite::Database& db, bool current_only) {
  std::vector<ViewMembership> memberships;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(
        db, std::string("SELECT m.network_code, m.area_code, m.name, m.email, m.seat "
                        "FROM memberships m") +
                (current_only ? " JOIN networks n ON n.code = m.network_code "
                                "WHERE m.ended IS NULL AND n.status IN ('proposed', 'open')"
                              : " WHERE m.ended IS NULL") +
                " ORDER BY m.network_code, m.area_code, m.id");
    while (q.executeStep()) {
      memberships.push_back(ViewMembership{NetworkCode(q.getColumn(0).getString()),
                                           AreaCode(q.getColumn(1).getString()),
                                           q.getColumn(2).getString(), q.getColumn(3).getString(),
                                           q.getColumn(4).getString() == std::string("deputy")});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return memberships;
}

Result<std::vector<ViewMembership>> ReadCurrentMembershipsOf(
    SQLite::Database& db, const std::vector<ViewMembership>& people) {
  std::vector<ViewMembership> memberships;
  Status status = storage::Guard([&]() -> Status {
    constexpr char kColumns[] =
        "SELECT m.network_code, m.area_code, m.name, m.email, m.seat FROM memberships m "
        "JOIN networks n ON n.code = m.network_code "
        "WHERE m.ended IS NULL AND n.status IN ('proposed', 'open') AND ";
    SQLite::Statement by_email(db, std::string(kColumns) + "lower(m.email) = lower(?1)");
    SQLite::Statement by_name(
        db, std::string(kColumns) + "m.area_code = ?1 AND m.email = '' AND m.name = ?2");
    std::set<std::string> asked;
    for (const ViewMembership& person : people) {
      if (!asked.insert(PersonKey(person)).second) continue;
      SQLite::Statement& q = person.email.empty() ? by_name : by_email;
      q.reset();
      q.clearBindings();
      if (person.email.empty()) {
        q.bind(1, person.area.value());
        q.bind(2, person.name);
      } else {
        q.bind(1, person.email);
      }
      while (q.executeStep()) {
        memberships.push_back(ViewMembership{NetworkCode(q.getColumn(0).getString()),
                                             AreaCode(q.getColumn(1).getString()),
                                             q.getColumn(2).getString(), q.getColumn(3).getString(),
                                             q.getColumn(4).getString() == std::string("deputy")});
      }
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return memberships;
}

}  // namespace verkosto::nominations
