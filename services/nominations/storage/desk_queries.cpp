#include "nominations/storage/desk_queries.h"

#include "storage/database.h"

namespace verkosto::nominations {

namespace {

uint32_t Count(SQLite::Statement& q) {
  return q.executeStep() ? static_cast<uint32_t>(q.getColumn(0).getInt64()) : 0;
}

std::string Text(SQLite::Statement& q, int column) {
  return q.getColumn(column).isNull() ? std::string() : q.getColumn(column).getString();
}

DeskNetworkRow NetworkRow(SQLite::Statement& q) {
  return DeskNetworkRow{Text(q, 0), Text(q, 1), Text(q, 2), Text(q, 3), Text(q, 4), Text(q, 5)};
}

constexpr char kOpenStates[] = "state IN ('awaiting_registration', 'registered')";

}  // namespace

Result<DeskCounts> ReadDeskCounts(SQLite::Database& db, const AreaCode& area, bool leader,
                                  const Date& today, int notice_days, bool national) {
  DeskCounts counts;
  const bool all = area.value().empty();
  Status status = storage::Guard([&]() -> Status {
    // The index cases_by_area_state (area_code, state) covers both.
    SQLite::Statement by_state(db, std::string("SELECT state, COUNT(*) FROM cases") +
                                       (all ? "" : " WHERE area_code = ?1") + " GROUP BY state");
    if (!all) by_state.bind(1, area.value());
    while (by_state.executeStep()) {
      const std::string state = by_state.getColumn(0).getString();
      const auto n = static_cast<uint32_t>(by_state.getColumn(1).getInt64());
      if (state == "awaiting_registration") counts.awaiting_registration = n;
      if (state == "registered") counts.registered = n;
      if (state == "approved") counts.approved = n;
      if (state == "declined") counts.declined = n;
      if (state == "withdrawn") counts.withdrawn = n;
    }
    SQLite::Statement overdue(db, std::string("SELECT COUNT(*) FROM cases WHERE ") +
                                      (all ? "" : "area_code = ?1 AND ") + kOpenStates +
                                      " AND overdue = 1");
    if (!all) overdue.bind(1, area.value());
    counts.overdue = Count(overdue);

    SQLite::Statement networks(db,
                               "SELECT status, COUNT(*) FROM networks "
                               "WHERE status IN ('proposed', 'open') GROUP BY status");
    while (networks.executeStep()) {
      const auto n = static_cast<uint32_t>(networks.getColumn(1).getInt64());
      if (networks.getColumn(0).getString() == std::string("proposed")) {
        counts.networks_proposed = n;
      } else {
        counts.networks_open = n;
      }
    }
    if (leader && !all) {
      SQLite::Statement pending(db,
                                "SELECT COUNT(*) FROM networks n LEFT JOIN participation p "
                                "ON p.network_code = n.code AND p.area_code = ?1 "
                                "WHERE n.status IN ('proposed', 'open') "
                                "AND (p.decision IS NULL OR p.decision = 'undecided')");
      pending.bind(1, area.value());
      counts.participation_pending = Count(pending);
      SQLite::Statement ending(db,
                               "SELECT COUNT(*) FROM memberships m "
                               "JOIN networks n ON n.code = m.network_code "
                               "WHERE m.area_code = ?1 AND m.ended IS NULL AND n.status = 'open' "
                               "AND n.term_end >= ?2 AND n.term_end <= ?3");
      ending.bind(1, area.value());
      ending.bind(2, FormatIsoDate(today));
      ending.bind(3, FormatIsoDate(AddDays(today, notice_days)));
      counts.terms_ending = Count(ending);
    }
    if (national) {
      SQLite::Statement areas(db, "SELECT COUNT(*) FROM areas");
      counts.areas = Count(areas);
      SQLite::Statement members(db,
                                "SELECT COUNT(*) FROM memberships m "
                                "JOIN networks n ON n.code = m.network_code "
                                "WHERE m.ended IS NULL AND n.status IN ('proposed', 'open')");
      counts.current_memberships = Count(members);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return counts;
}

Result<std::vector<DeskCaseRow>> ReadDeskCases(SQLite::Database& db, const AreaCode& area,
                                               const std::string& state) {
  std::vector<DeskCaseRow> rows;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(
        db,
        "SELECT c.id, c.deadline, COALESCE(c.sent_at_us, r.at_us, 0), c.network_code, "
        "n.name_fi, n.name_sv, c.area_code, a.name_fi, a.name_sv, "
        "CASE WHEN c.next_term_start IS NOT NULL THEN 'confirmation' ELSE c.kind END, c.overdue "
        "FROM cases c LEFT JOIN requests r ON r.id = c.request_id "
        "LEFT JOIN networks n ON n.code = c.network_code "
        "LEFT JOIN areas a ON a.code = c.area_code "
        "WHERE c.area_code = ?1 AND c.state = ?2");
    q.bind(1, area.value());
    q.bind(2, state);
    while (q.executeStep()) {
      DeskCaseRow row;
      row.item.case_id = Text(q, 0);
      row.item.deadline = ParseIsoDate(Text(q, 1));
      row.item.sent_us = q.getColumn(2).getInt64();
      row.network_code = Text(q, 3);
      row.network_name_fi = Text(q, 4);
      row.network_name_sv = Text(q, 5);
      row.area_code = Text(q, 6);
      row.area_name_fi = Text(q, 7);
      row.area_name_sv = Text(q, 8);
      row.kind = Text(q, 9);
      row.overdue = q.getColumn(10).getInt64() != 0;
      rows.push_back(std::move(row));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rows;
}

Result<std::vector<DeskNetworkRow>> ReadPendingParticipation(SQLite::Database& db,
                                                             const AreaCode& area, size_t limit) {
  std::vector<DeskNetworkRow> rows;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db,
                        "SELECT n.code, n.name_fi, n.name_sv, n.status, n.term_start, n.term_end "
                        "FROM networks n LEFT JOIN participation p "
                        "ON p.network_code = n.code AND p.area_code = ?1 "
                        "WHERE n.status IN ('proposed', 'open') "
                        "AND (p.decision IS NULL OR p.decision = 'undecided') "
                        "ORDER BY n.status = 'open', n.code LIMIT ?2");
    q.bind(1, area.value());
    q.bind(2, static_cast<int64_t>(limit));
    while (q.executeStep()) rows.push_back(NetworkRow(q));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rows;
}

Result<std::vector<DeskMembershipRow>> ReadTermsEnding(SQLite::Database& db, const AreaCode& area,
                                                       const Date& today, int notice_days,
                                                       size_t limit) {
  std::vector<DeskMembershipRow> rows;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db,
                        "SELECT m.id, m.name, m.seat, m.network_code, n.name_fi, n.name_sv, "
                        "n.term_end FROM memberships m "
                        "JOIN networks n ON n.code = m.network_code "
                        "WHERE m.area_code = ?1 AND m.ended IS NULL AND n.status = 'open' "
                        "AND n.term_end >= ?2 AND n.term_end <= ?3 "
                        "ORDER BY n.term_end, m.network_code, m.name, m.id LIMIT ?4");
    q.bind(1, area.value());
    q.bind(2, FormatIsoDate(today));
    q.bind(3, FormatIsoDate(AddDays(today, notice_days)));
    q.bind(4, static_cast<int64_t>(limit));
    while (q.executeStep()) {
      const std::optional<Date> end = ParseIsoDate(Text(q, 6));
      if (!end) continue;
      rows.push_back(DeskMembershipRow{Text(q, 0), Text(q, 1), Text(q, 2), Text(q, 3), Text(q, 4),
                                       Text(q, 5), *end});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rows;
}

Result<std::vector<DeskAreaRow>> ReadOverdueAreas(SQLite::Database& db, size_t limit) {
  std::vector<DeskAreaRow> rows;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db, std::string("SELECT c.area_code, a.name_fi, a.name_sv, COUNT(*) ") +
                                "FROM cases c LEFT JOIN areas a ON a.code = c.area_code " +
                                "WHERE c." + kOpenStates +
                                " AND c.overdue = 1 GROUP BY c.area_code "
                                "ORDER BY COUNT(*) DESC, a.position, c.area_code LIMIT ?1");
    q.bind(1, static_cast<int64_t>(limit));
    while (q.executeStep()) {
      rows.push_back(DeskAreaRow{Text(q, 0), Text(q, 1), Text(q, 2),
                                 static_cast<uint32_t>(q.getColumn(3).getInt64())});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rows;
}

Result<std::vector<DeskNetworkRow>> ReadProposals(SQLite::Database& db, size_t limit) {
  std::vector<DeskNetworkRow> rows;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db,
                        "SELECT code, name_fi, name_sv, status, term_start, term_end "
                        "FROM networks WHERE status = 'proposed' "
                        "ORDER BY updated_us DESC, code LIMIT ?1");
    q.bind(1, static_cast<int64_t>(limit));
    while (q.executeStep()) rows.push_back(NetworkRow(q));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rows;
}

}  // namespace verkosto::nominations
