#include "nominations/storage/sqlite_nomination_repository.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/text.h"
#include "storage/database.h"
#include "storage/stored_names.h"

namespace verkosto::nominations {

namespace {

// Stored enums: each column holds the value's name from its one name table
// (the domain's *Name function, or the tables below for the read model's
// copies of networks' values); a name the table lacks is internal, never a
// default (storage/stored_names.h). Called inside storage::Guard.
template <typename E, size_t N>
E FromName(const std::string& name, const E (&all)[N], std::string_view (*name_of)(E),
           std::string_view what) {
  return storage::ValueOrThrow(storage::ValueNamed(name, all, name_of, what));
}

constexpr CaseState kStates[] = {CaseState::kAwaitingRegistration, CaseState::kRegistered,
                                 CaseState::kApproved, CaseState::kDeclined, CaseState::kWithdrawn};
constexpr Channel kChannels[] = {Channel::kSystem, Channel::kEmail, Channel::kLetter,
                                 Channel::kOther};
constexpr CaseKind kKinds[] = {CaseKind::kNomination, CaseKind::kReplacement};
constexpr SeatKind kSeats[] = {SeatKind::kMember, SeatKind::kDeputy};
constexpr ResignationRequestState kResignationStates[] = {ResignationRequestState::kPending,
                                                          ResignationRequestState::kRecorded};
constexpr EndReason kEndReasons[] = {EndReason::kTermEnded, EndReason::kNetworkClosed,
                                     EndReason::kReplaced,  EndReason::kResigned,
                                     EndReason::kRecalled,  EndReason::kNotRenewed};

constexpr storage::StoredName<NetworkStatus> kNetworkStatuses[] = {
    {NetworkStatus::kDraft, "draft"},         {NetworkStatus::kProposed, "proposed"},
    {NetworkStatus::kOpen, "open"},           {NetworkStatus::kClosed, "closed"},
    {NetworkStatus::kCancelled, "cancelled"},
};
constexpr storage::StoredName<Participation> kParticipations[] = {
    {Participation::kTakesPart, "takes_part"},
    {Participation::kDeclines, "declines"},
    {Participation::kUndecided, "undecided"},
};

std::string Str(std::string_view s) { return std::string(s); }

// The row's "language" column (row readers run inside storage::Guard).
std::optional<Language> ReadLanguage(SQLite::Statement& q) {
  return storage::ValueOrThrow(storage::LanguageFromStored(q.getColumn("language").getString()));
}

// The row's "gender" column (schema/0019; '' = not stated).
Gender ReadGender(SQLite::Statement& q) {
  const std::string stored = q.getColumn("gender").getString();
  const std::optional<Gender> gender = GenderFromName(stored);
  if (!gender) throw std::runtime_error("stored gender '" + stored + "' is not known");
  return *gender;
}

// The stored spelling: '' for not stated, else GenderName.
std::string StoredGender(Gender gender) {
  return gender == Gender::kNotStated ? std::string() : Str(GenderName(gender));
}

void BindDate(SQLite::Statement& s, int index, const std::optional<Date>& date) {
  if (date) {
    s.bind(index, FormatIsoDate(*date));
  } else {
    s.bind(index);
  }
}

// Reads go by column name: the name in the SELECT, or its AS alias.
std::string Text(SQLite::Statement& q, const std::string& name) {
  return q.getColumn(name.c_str()).getString();
}

std::optional<Date> ReadDate(SQLite::Statement& q, const char* name) {
  if (q.getColumn(name).isNull()) return std::nullopt;
  return ParseIsoDate(q.getColumn(name).getString());
}

// Binds the five stamp columns (user id, name, role, on behalf of, at) from
// `first` and the principal at `principal` (its column was appended to the
// table later, so it stands apart); all NULL for no stamp.
void BindStamp(SQLite::Statement& s, int first, int principal, const std::optional<Stamp>& stamp) {
  if (!stamp) {
    for (int i = 0; i < 5; ++i) s.bind(first + i);
    s.bind(principal);
    return;
  }
  s.bind(first, stamp->user_id);
  s.bind(first + 1, stamp->name);
  s.bind(first + 2, Str(RoleName(stamp->role)));
  s.bind(first + 3, stamp->on_behalf_of);
  s.bind(first + 4, ToMicros(stamp->at));
  s.bind(principal, stamp->principal);
}

// The stamp in the columns <prefix>user_id, <prefix>name, <prefix>role,
// <prefix>on_behalf_of, <prefix>at_us and <prefix>principal (as BindStamp
// writes them); none when its time is NULL.
std::optional<Stamp> ReadStamp(SQLite::Statement& q, const std::string& prefix) {
  if (q.getColumn((prefix + "at_us").c_str()).isNull()) return std::nullopt;
  return Stamp{Text(q, prefix + "user_id"),
               Text(q, prefix + "name"),
               RoleFromName(Text(q, prefix + "role")),
               Text(q, prefix + "on_behalf_of"),
               FromMicros(q.getColumn((prefix + "at_us").c_str()).getInt64()),
               Text(q, prefix + "principal")};
}

std::string Like(const std::string& text) {
  std::string escaped;
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') escaped.push_back('\\');
    escaped.push_back(ch);
  }
  return "%" + escaped + "%";
}

constexpr char kCaseColumns[] =
    "c.id, c.request_id, c.network_code, c.area_code, c.kind, c.state, c.seat_members, "
    "c.seat_deputies, c.deadline, c.short_deadline, c.overdue, c.covering_message, "
    "c.keha_diary_number, c.opened, c.replaced_membership, c.reminder_7_fired, "
    "c.reminder_2_fired, "
    "c.sent_user_id, c.sent_name, c.sent_role, c.sent_on_behalf_of, c.sent_at_us, "
    "c.decision_approved, c.decision_reason, "
    "c.decided_user_id, c.decided_name, c.decided_role, c.decided_on_behalf_of, "
    "c.decided_at_us, "
    "c.withdrawn_user_id, c.withdrawn_name, c.withdrawn_role, c.withdrawn_on_behalf_of, "
    "c.withdrawn_at_us, c.withdraw_reason, "
    "r.diary_number, r.organisation, r.date_received, r.channel, r.sender, r.subject, "
    "r.user_id AS registered_user_id, r.display_name AS registered_name, "
    "r.role AS registered_role, r.on_behalf_of AS registered_on_behalf_of, "
    "r.at_us AS registered_at_us, "
    "c.sent_principal, c.decided_principal, c.withdrawn_principal, "
    "r.principal AS registered_principal, "
    "c.started_by_area, c.decision_channel, c.decision_date, c.decided_at_area, "
    "c.next_term_start, c.next_term_end, c.ask_woman_and_man, c.decided_on_behalf_of_name";

constexpr char kMembershipColumns[] =
    "id, network_code, area_code, case_id, diary_number, name, title, email, municipality, "
    "seat, decided_user_id, decided_name, decided_role, decided_on_behalf_of, decided_at_us, "
    "started, replaces, ended, end_reason, ended_user_id, ended_name, ended_role, "
    "ended_on_behalf_of, ended_at_us, end_note, replaced_by, language, "
    "decided_principal, ended_principal, gender";

Case ReadCase(SQLite::Statement& q) {
  Case c;
  c.id = CaseId(q.getColumn("id").getString());
  c.request_id = RequestId(q.getColumn("request_id").getString());
  c.network = NetworkCode(q.getColumn("network_code").getString());
  c.area = AreaCode(q.getColumn("area_code").getString());
  c.kind = FromName(q.getColumn("kind").getString(), kKinds, CaseKindName, "case kind");
  // Confirmation cases are stored with kind 'nomination' (schema/0014).
  c.next_term_start = ReadDate(q, "next_term_start");
  c.next_term_end = ReadDate(q, "next_term_end");
  if (c.next_term_start) c.kind = CaseKind::kConfirmation;
  c.state = FromName(q.getColumn("state").getString(), kStates, CaseStateName, "case state");
  c.seats.members = static_cast<uint32_t>(q.getColumn("seat_members").getInt64());
  c.seats.deputies = static_cast<uint32_t>(q.getColumn("seat_deputies").getInt64());
  c.deadline = ReadDate(q, "deadline");
  c.short_deadline = q.getColumn("short_deadline").getInt() != 0;
  c.overdue = q.getColumn("overdue").getInt() != 0;
  c.covering_message = q.getColumn("covering_message").getString();
  c.keha_diary_number = q.getColumn("keha_diary_number").getString();
  c.opened = ReadDate(q, "opened").value_or(Date{});
  c.replaced_membership = MembershipId(q.getColumn("replaced_membership").getString());
  c.reminder_7_fired = q.getColumn("reminder_7_fired").getInt() != 0;
  c.reminder_2_fired = q.getColumn("reminder_2_fired").getInt() != 0;
  c.started_by_area = q.getColumn("started_by_area").getInt() != 0;
  c.ask_woman_and_man = q.getColumn("ask_woman_and_man").getInt() != 0;
  c.sent = ReadStamp(q, "sent_");
  if (!q.getColumn("decision_approved").isNull()) {
    Decision d;
    d.approved = q.getColumn("decision_approved").getInt() != 0;
    d.reason = q.getColumn("decision_reason").getString();
    d.decided = ReadStamp(q, "decided_").value_or(Stamp{});
    d.decided.on_behalf_of_name = q.getColumn("decided_on_behalf_of_name").getString();
    d.channel = FromName(q.getColumn("decision_channel").getString(), kChannels, ChannelName,
                         "decision channel");
    d.decision_date = ReadDate(q, "decision_date");
    d.decided_at_area = q.getColumn("decided_at_area").getString();
    c.decision = std::move(d);
  }
  c.withdrawn = ReadStamp(q, "withdrawn_");
  c.withdraw_reason = q.getColumn("withdraw_reason").getString();
  if (!q.getColumn("diary_number").isNull()) {
    Registration r;
    r.diary_number = q.getColumn("diary_number").getString();
    r.organisation = q.getColumn("organisation").getString();
    r.date_received = ReadDate(q, "date_received").value_or(Date{});
    r.channel = FromName(q.getColumn("channel").getString(), kChannels, ChannelName, "channel");
    r.sender = q.getColumn("sender").getString();
    r.subject = q.getColumn("subject").getString();
    r.registered = ReadStamp(q, "registered_").value_or(Stamp{});
    c.registration = std::move(r);
  }
  return c;
}

MembershipRecord ReadMembership(SQLite::Statement& q) {
  MembershipRecord m;
  m.id = MembershipId(q.getColumn("id").getString());
  m.network = NetworkCode(q.getColumn("network_code").getString());
  m.area = AreaCode(q.getColumn("area_code").getString());
  m.case_id = CaseId(q.getColumn("case_id").getString());
  m.diary_number = q.getColumn("diary_number").getString();
  m.person.name = q.getColumn("name").getString();
  m.person.title = q.getColumn("title").getString();
  m.person.email = q.getColumn("email").getString();
  m.person.municipality = q.getColumn("municipality").getString();
  m.person.seat = FromName(q.getColumn("seat").getString(), kSeats, SeatKindName, "seat kind");
  m.decided = ReadStamp(q, "decided_").value_or(Stamp{});
  m.started = ReadDate(q, "started").value_or(Date{});
  m.replaces = MembershipId(q.getColumn("replaces").getString());
  m.ended = ReadDate(q, "ended");
  if (!q.getColumn("end_reason").isNull()) {
    m.end_reason =
        FromName(q.getColumn("end_reason").getString(), kEndReasons, EndReasonName, "end reason");
  }
  m.ended_by = ReadStamp(q, "ended_");
  m.end_note = q.getColumn("end_note").getString();
  m.replaced_by = MembershipId(q.getColumn("replaced_by").getString());
  m.person.language = ReadLanguage(q);
  m.person.gender = ReadGender(q);
  return m;
}

void BindMembership(SQLite::Statement& s, const MembershipRecord& m) {
  s.bind(1, m.id.value());
  s.bind(2, m.network.value());
  s.bind(3, m.area.value());
  s.bind(4, m.case_id.value());
  s.bind(5, m.diary_number);
  s.bind(6, m.person.name);
  s.bind(7, m.person.title);
  s.bind(8, m.person.email);
  s.bind(9, m.person.municipality);
  s.bind(10, Str(SeatKindName(m.person.seat)));
  BindStamp(s, 11, 28, m.decided);
  s.bind(16, FormatIsoDate(m.started));
  s.bind(17, m.replaces.value());
  BindDate(s, 18, m.ended);
  if (m.end_reason) {
    s.bind(19, Str(EndReasonName(*m.end_reason)));
  } else {
    s.bind(19);
  }
  BindStamp(s, 20, 29, m.ended_by);
  s.bind(25, m.end_note);
  s.bind(26, m.replaced_by.value());
  s.bind(27, storage::StoredLanguage(m.person.language));
  s.bind(30, StoredGender(m.person.gender));
}

}  // namespace

// --- the read model ---------------------------------------------------------

Status SqliteNominationRepository::UpsertNetwork(const NetworkInfo& n) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO networks (code, status, term_start, term_end, name_fi, "
                        "name_sv, seat_members, seat_deputies, updated_us, meetings_per_year, "
                        "hours_per_meeting_tenths) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                        "status = excluded.status, term_start = excluded.term_start, "
                        "term_end = excluded.term_end, name_fi = excluded.name_fi, "
                        "name_sv = excluded.name_sv, seat_members = excluded.seat_members, "
                        "seat_deputies = excluded.seat_deputies, "
                        "meetings_per_year = excluded.meetings_per_year, "
                        "hours_per_meeting_tenths = excluded.hours_per_meeting_tenths");
    s.bind(1, n.code.value());
    s.bind(2, storage::NameOf(kNetworkStatuses, n.status));
    BindDate(s, 3, n.term_start);
    BindDate(s, 4, n.term_end);
    s.bind(5, n.name_fi);
    s.bind(6, n.name_sv);
    s.bind(7, static_cast<int64_t>(n.seats.members));
    s.bind(8, static_cast<int64_t>(n.seats.deputies));
    s.bind(9, static_cast<int64_t>(n.meetings_per_year));
    s.bind(10, static_cast<int64_t>(n.hours_per_meeting_tenths));
    s.exec();
    // A pending renewal's next term (schema/0014).
    SQLite::Statement next(db_,
                           "UPDATE networks SET next_term_start = ?, next_term_end = ? "
                           "WHERE code = ?");
    BindDate(next, 1, n.next_term_start);
    BindDate(next, 2, n.next_term_end);
    next.bind(3, n.code.value());
    next.exec();
    VERKOSTO_RETURN_IF_ERROR(SavePlan(n));
    return SaveGoals(n.code, n.goals);
  });
}

Result<std::optional<NetworkInfo>> SqliteNominationRepository::FindNetworkInfo(
    const NetworkCode& code) {
  std::optional<NetworkInfo> found;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT code, status, term_start, term_end, name_fi, name_sv, "
                        "seat_members, seat_deputies, next_term_start, next_term_end "
                        "FROM networks WHERE code = ?");
    q.bind(1, code.value());
    if (!q.executeStep()) return Status::Ok();
    NetworkInfo n;
    n.code = NetworkCode(q.getColumn("code").getString());
    n.status = storage::ValueOrThrow(
        storage::ValueOf(kNetworkStatuses, q.getColumn("status").getString(), "network status"));
    n.term_start = ReadDate(q, "term_start");
    n.term_end = ReadDate(q, "term_end");
    n.next_term_start = ReadDate(q, "next_term_start");
    n.next_term_end = ReadDate(q, "next_term_end");
    n.name_fi = q.getColumn("name_fi").getString();
    n.name_sv = q.getColumn("name_sv").getString();
    n.seats.members = static_cast<uint32_t>(q.getColumn("seat_members").getInt64());
    n.seats.deputies = static_cast<uint32_t>(q.getColumn("seat_deputies").getInt64());
    found = std::move(n);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (found) {
    VERKOSTO_ASSIGN_OR_RETURN(found->goals, LoadGoals(found->code));
    VERKOSTO_RETURN_IF_ERROR(LoadPlan(*found));
  }
  return found;
}

Result<std::optional<NetworkView>> SqliteNominationRepository::FindNetwork(
    const NetworkCode& code) {
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NetworkInfo> info, FindNetworkInfo(code));
  if (!info) return std::optional<NetworkView>();
  NetworkView view;
  view.code = info->code;
  view.status = info->status;
  view.term_start = info->term_start.value_or(Date{});
  view.term_end = info->term_end.value_or(Date{});
  view.next_term_start = info->next_term_start;
  view.next_term_end = info->next_term_end;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT a.code, p.decision FROM areas a "
                        "LEFT JOIN participation p ON p.area_code = a.code AND p.network_code = ?");
    q.bind(1, code.value());
    while (q.executeStep()) {
      // No row: the area has not answered.
      view.areas[AreaCode(q.getColumn("code").getString())] =
          q.getColumn("decision").isNull()
              ? Participation::kUndecided
              : storage::ValueOrThrow(storage::ValueOf(kParticipations,
                                                       q.getColumn("decision").getString(),
                                                       "participation decision"));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return std::optional<NetworkView>(std::move(view));
}

Status SqliteNominationRepository::UpsertAreas(const std::vector<AreaInfo>& areas) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO areas (code, position, name_fi, name_sv, languages) "
                        "VALUES (?1, (SELECT COALESCE(MAX(position), -1) + 1 FROM areas), ?2, ?3, "
                        "?4) ON CONFLICT (code) DO UPDATE SET name_fi = ?2, name_sv = ?3, "
                        "languages = ?4");
    for (const AreaInfo& a : areas) {
      std::string languages;
      for (const std::string& l : a.languages) languages += (languages.empty() ? "" : ",") + l;
      s.reset();
      s.bind(1, a.code.value());
      s.bind(2, a.name_fi);
      s.bind(3, a.name_sv);
      s.bind(4, languages.empty() ? std::string("fi") : languages);
      s.exec();
    }
    return Status::Ok();
  });
}

Result<std::vector<AreaInfo>> SqliteNominationRepository::ListAreas() {
  std::vector<AreaInfo> areas;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT code, name_fi, name_sv FROM areas ORDER BY position");
    while (q.executeStep()) {
      areas.push_back({AreaCode(q.getColumn("code").getString()),
                       q.getColumn("name_fi").getString(), q.getColumn("name_sv").getString()});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return areas;
}

Result<std::optional<AreaInfo>> SqliteNominationRepository::FindArea(const AreaCode& code) {
  std::optional<AreaInfo> found;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT name_fi, name_sv, languages FROM areas WHERE code = ?");
    q.bind(1, code.value());
    if (q.executeStep()) {
      found =
          AreaInfo{code, q.getColumn("name_fi").getString(), q.getColumn("name_sv").getString()};
      const std::string languages = q.getColumn("languages").getString();
      size_t start = 0;
      while (start <= languages.size()) {
        const size_t comma = std::min(languages.find(',', start), languages.size());
        if (comma > start) found->languages.push_back(languages.substr(start, comma - start));
        start = comma + 1;
      }
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Status SqliteNominationRepository::SetParticipation(const NetworkCode& network,
                                                    const AreaCode& area,
                                                    Participation participation, TimePoint at) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO participation (network_code, area_code, decision, decided_us) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (network_code, area_code) DO UPDATE SET "
                        "decision = excluded.decision, decided_us = excluded.decided_us");
    s.bind(1, network.value());
    s.bind(2, area.value());
    s.bind(3, storage::NameOf(kParticipations, participation));
    s.bind(4, ToMicros(at));
    s.exec();
    return Status::Ok();
  });
}

// --- requests and cases -----------------------------------------------------

Status SqliteNominationRepository::InsertRequest(const RequestRecord& r) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO requests (id, network_code, kind, channel, user_id, "
                        "display_name, role, on_behalf_of, at_us, principal) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, r.id.value());
    s.bind(2, r.network.value());
    s.bind(3, Str(CaseKindName(r.kind)));
    s.bind(4, Str(ChannelName(r.channel)));
    BindStamp(s, 5, 10, r.sent);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteNominationRepository::SaveCase(const Case& c) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(
        db_,
        "INSERT INTO cases (id, request_id, network_code, area_code, kind, state, seat_members, "
        "seat_deputies, deadline, short_deadline, overdue, covering_message, keha_diary_number, "
        "opened, replaced_membership, reminder_7_fired, reminder_2_fired, "
        "sent_user_id, sent_name, sent_role, sent_on_behalf_of, sent_at_us, "
        "decision_approved, decision_reason, decided_user_id, decided_name, decided_role, "
        "decided_on_behalf_of, decided_at_us, withdrawn_user_id, withdrawn_name, withdrawn_role, "
        "withdrawn_on_behalf_of, withdrawn_at_us, withdraw_reason, sent_principal, "
        "decided_principal, withdrawn_principal, seq) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM cases)) "
        "ON CONFLICT (id) DO UPDATE SET state = excluded.state, "
        "seat_members = excluded.seat_members, seat_deputies = excluded.seat_deputies, "
        "deadline = excluded.deadline, short_deadline = excluded.short_deadline, "
        "overdue = excluded.overdue, reminder_7_fired = excluded.reminder_7_fired, "
        "reminder_2_fired = excluded.reminder_2_fired, "
        "decision_approved = excluded.decision_approved, "
        "decision_reason = excluded.decision_reason, decided_user_id = excluded.decided_user_id, "
        "decided_name = excluded.decided_name, decided_role = excluded.decided_role, "
        "decided_on_behalf_of = excluded.decided_on_behalf_of, "
        "decided_at_us = excluded.decided_at_us, "
        "decided_principal = excluded.decided_principal, "
        "withdrawn_user_id = excluded.withdrawn_user_id, "
        "withdrawn_name = excluded.withdrawn_name, withdrawn_role = excluded.withdrawn_role, "
        "withdrawn_on_behalf_of = excluded.withdrawn_on_behalf_of, "
        "withdrawn_at_us = excluded.withdrawn_at_us, "
        "withdrawn_principal = excluded.withdrawn_principal, "
        "withdraw_reason = excluded.withdraw_reason");
    s.bind(1, c.id.value());
    s.bind(2, c.request_id.value());
    s.bind(3, c.network.value());
    s.bind(4, c.area.value());
    // The kind column's CHECK predates confirmation cases (schema/0014).
    s.bind(5,
           Str(CaseKindName(c.kind == CaseKind::kConfirmation ? CaseKind::kNomination : c.kind)));
    s.bind(6, Str(CaseStateName(c.state)));
    s.bind(7, static_cast<int64_t>(c.seats.members));
    s.bind(8, static_cast<int64_t>(c.seats.deputies));
    BindDate(s, 9, c.deadline);
    s.bind(10, c.short_deadline ? 1 : 0);
    s.bind(11, c.overdue ? 1 : 0);
    s.bind(12, c.covering_message);
    s.bind(13, c.keha_diary_number);
    s.bind(14, FormatIsoDate(c.opened));
    s.bind(15, c.replaced_membership.value());
    s.bind(16, c.reminder_7_fired ? 1 : 0);
    s.bind(17, c.reminder_2_fired ? 1 : 0);
    BindStamp(s, 18, 36, c.sent);
    if (c.decision) {
      s.bind(23, c.decision->approved ? 1 : 0);
      s.bind(24, c.decision->reason);
      BindStamp(s, 25, 37, c.decision->decided);
    } else {
      s.bind(23);
      s.bind(24);
      BindStamp(s, 25, 37, std::nullopt);
    }
    BindStamp(s, 30, 38, c.withdrawn);
    s.bind(35, c.withdraw_reason);
    s.exec();
    // Issue 17's columns (migration 0012): the area's own replacement, and
    // how the decision reached verkosto.
    SQLite::Statement extra(db_,
                            "UPDATE cases SET started_by_area = ?, decision_channel = ?, "
                            "decision_date = ?, decided_at_area = ?, ask_woman_and_man = ?, "
                            "decided_on_behalf_of_name = ? WHERE id = ?");
    extra.bind(1, c.started_by_area ? 1 : 0);
    extra.bind(2, Str(ChannelName(c.decision ? c.decision->channel : Channel::kSystem)));
    BindDate(extra, 3, c.decision ? c.decision->decision_date : std::nullopt);
    extra.bind(4, c.decision ? c.decision->decided_at_area : std::string());
    extra.bind(5, c.ask_woman_and_man ? 1 : 0);
    extra.bind(6, c.decision ? c.decision->decided.on_behalf_of_name : std::string());
    extra.bind(7, c.id.value());
    extra.exec();
    if (c.kind == CaseKind::kConfirmation) VERKOSTO_RETURN_IF_ERROR(SaveConfirmation(c));

    if (c.registration) {
      const Registration& r = *c.registration;
      SQLite::Statement reg(db_,
                            "INSERT INTO registrations (case_id, area_code, diary_number, "
                            "organisation, date_received, channel, sender, subject, user_id, "
                            "display_name, role, on_behalf_of, at_us, principal) VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO "
                            "NOTHING");
      reg.bind(1, c.id.value());
      reg.bind(2, c.area.value());
      reg.bind(3, r.diary_number);
      reg.bind(4, r.organisation);
      reg.bind(5, FormatIsoDate(r.date_received));
      reg.bind(6, Str(ChannelName(r.channel)));
      reg.bind(7, r.sender);
      reg.bind(8, r.subject);
      BindStamp(reg, 9, 14, r.registered);
      reg.exec();
    }
    if (c.decision && !c.decision->nominees.empty()) {
      SQLite::Statement nom(db_,
                            "INSERT OR REPLACE INTO nominees (case_id, position, name, title, "
                            "email, municipality, seat, membership_id, language, gender) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      for (size_t i = 0; i < c.decision->nominees.size(); ++i) {
        const Nominee& n = c.decision->nominees[i];
        nom.reset();
        nom.bind(1, c.id.value());
        nom.bind(2, static_cast<int64_t>(i));
        nom.bind(3, n.name);
        nom.bind(4, n.title);
        nom.bind(5, n.email);
        nom.bind(6, n.municipality);
        nom.bind(7, Str(SeatKindName(n.seat)));
        nom.bind(8, i < c.decision->memberships.size() ? c.decision->memberships[i].value()
                                                       : std::string());
        nom.bind(9, storage::StoredLanguage(n.language));
        nom.bind(10, StoredGender(n.gender));
        nom.exec();
      }
    }
    return Status::Ok();
  });
}

Status SqliteNominationRepository::SaveConfirmation(const Case& c) {
  SQLite::Statement term(db_,
                         "UPDATE cases SET next_term_start = ?, next_term_end = ? WHERE id = ?");
  BindDate(term, 1, c.next_term_start);
  BindDate(term, 2, c.next_term_end);
  term.bind(3, c.id.value());
  term.exec();
  SQLite::Statement s(db_,
                      "INSERT INTO confirmation_members (case_id, position, membership_id, "
                      "answer, reason, successor, name) VALUES (?, ?, ?, ?, ?, ?, ?) "
                      "ON CONFLICT (case_id, position) DO UPDATE SET answer = excluded.answer, "
                      "reason = excluded.reason, successor = excluded.successor");
  for (size_t i = 0; i < c.sitting.size(); ++i) {
    s.reset();
    s.bind(1, c.id.value());
    s.bind(2, static_cast<int64_t>(i));
    s.bind(3, c.sitting[i].value());
    const ConfirmationAnswer* answer = nullptr;
    if (c.decision) {
      for (const ConfirmationAnswer& a : c.decision->answers) {
        if (a.membership == c.sitting[i]) answer = &a;
      }
    }
    if (answer != nullptr) {
      s.bind(4, Str(ConfirmationChoiceName(answer->choice)));
      s.bind(5, answer->reason);
      s.bind(6, answer->successor.value());
    } else {
      s.bind(4);
      s.bind(5, std::string());
      s.bind(6, std::string());
    }
    s.bind(7, i < c.sitting_names.size() ? c.sitting_names[i] : std::string());
    s.exec();
  }
  return Status::Ok();
}

Status SqliteNominationRepository::LoadConfirmation(Case& c) {
  static constexpr ConfirmationChoice kChoices[] = {
      ConfirmationChoice::kConfirm, ConfirmationChoice::kReplace, ConfirmationChoice::kEnd};
  SQLite::Statement q(
      db_,
      "SELECT membership_id, answer, reason, successor, name FROM confirmation_members "
      "WHERE case_id = ? ORDER BY position");
  q.bind(1, c.id.value());
  while (q.executeStep()) {
    const MembershipId id(q.getColumn("membership_id").getString());
    c.sitting.push_back(id);
    c.sitting_names.push_back(q.getColumn("name").getString());
    if (c.decision && !q.getColumn("answer").isNull()) {
      c.decision->answers.push_back(ConfirmationAnswer{
          id,
          FromName(q.getColumn("answer").getString(), kChoices, ConfirmationChoiceName,
                   "confirmation answer"),
          q.getColumn("reason").getString(), MembershipId(q.getColumn("successor").getString())});
    }
  }
  return Status::Ok();
}

Result<std::vector<Case>> SqliteNominationRepository::SelectCases(const storage::Query& query,
                                                                  const std::string& tail,
                                                                  std::vector<int64_t>* seqs) {
  std::vector<Case> cases;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, std::string("SELECT ") + kCaseColumns +
                                 ", c.seq AS list_seq"
                                 " FROM cases c LEFT JOIN registrations r ON r.case_id = c.id" +
                                 query.Sql() + tail);
    query.Bind(q);
    while (q.executeStep()) {
      cases.push_back(ReadCase(q));
      if (seqs != nullptr) seqs->push_back(q.getColumn("list_seq").getInt64());
    }
    SQLite::Statement n(db_,
                        "SELECT name, title, email, municipality, seat, membership_id, language, "
                        "gender FROM nominees WHERE case_id = ? ORDER BY position");
    for (Case& c : cases) {
      if (!c.decision) continue;
      n.reset();
      n.bind(1, c.id.value());
      while (n.executeStep()) {
        c.decision->nominees.push_back(
            Nominee{n.getColumn("name").getString(), n.getColumn("title").getString(),
                    n.getColumn("email").getString(), n.getColumn("municipality").getString(),
                    FromName(n.getColumn("seat").getString(), kSeats, SeatKindName, "seat kind"),
                    ReadLanguage(n), ReadGender(n)});
        const std::string membership = n.getColumn("membership_id").getString();
        if (!membership.empty()) c.decision->memberships.emplace_back(membership);
      }
    }
    for (Case& c : cases) {
      if (c.kind == CaseKind::kConfirmation) VERKOSTO_RETURN_IF_ERROR(LoadConfirmation(c));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return cases;
}

Result<std::optional<Case>> SqliteNominationRepository::FindCase(const CaseId& id) {
  storage::Query query;
  query.Where("c.id = ?", {id.value()});
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Case> cases, SelectCases(query, ""));
  if (cases.empty()) return std::optional<Case>();
  return std::optional<Case>(std::move(cases.front()));
}

storage::Query SqliteNominationRepository::CaseQuery(const CaseFilter& filter) {
  storage::Query query;
  if (filter.area) query.Where("c.area_code = ?", {filter.area->value()});
  if (filter.network) query.Where("c.network_code = ?", {filter.network->value()});
  if (!filter.states.empty()) {
    std::vector<storage::Query::Value> states;
    std::vector<std::string> marks;
    for (CaseState state : filter.states) {
      states.emplace_back(Str(CaseStateName(state)));
      marks.emplace_back("?");
    }
    query.Where("c.state IN (" + text::Join(marks, ", ") + ")", std::move(states));
  }
  if (filter.registered_only) query.Where("r.case_id IS NOT NULL");
  if (filter.with_deadline_open_only) {
    query.Where("c.deadline IS NOT NULL AND c.state IN ('awaiting_registration', 'registered')");
  }
  if (filter.latest_per_area_only) {
    // The newest case of each (network, area): 45 rows to load for a matrix,
    // not every case the network ever had.
    if (filter.network) {
      query.Where(
          "c.seq IN (SELECT MAX(x.seq) FROM cases x WHERE x.network_code = ? "
          "GROUP BY x.area_code)",
          {filter.network->value()});
    } else {
      query.Where("c.seq IN (SELECT MAX(x.seq) FROM cases x GROUP BY x.network_code, x.area_code)");
    }
  }
  if (!filter.search.empty()) {
    const std::string like = Like(filter.search);
    query.Where(
        "(r.diary_number LIKE ? ESCAPE '\\' OR c.network_code LIKE ? ESCAPE '\\' OR "
        "r.subject LIKE ? ESCAPE '\\' OR r.sender LIKE ? ESCAPE '\\')",
        {like, like, like, like});
  }
  // Issue 19 (records export): "YYYY-MM-DD" compares as text in date order.
  if (filter.opened_from) query.Where("c.opened >= ?", {FormatIsoDate(*filter.opened_from)});
  if (filter.opened_to) query.Where("c.opened <= ?", {FormatIsoDate(*filter.opened_to)});
  return query;
}

Result<std::vector<Case>> SqliteNominationRepository::ListCases(const CaseFilter& filter) {
  return SelectCases(CaseQuery(filter), " ORDER BY c.seq DESC");
}

Result<std::vector<page::Keyed<Case>>> SqliteNominationRepository::ListCasePage(
    const CaseFilter& filter, const page::PageRequest& page) {
  storage::Query query = CaseQuery(filter);
  const std::vector<storage::Query::Column> order{{"c.seq", storage::Query::Key::kInteger}};
  VERKOSTO_RETURN_IF_ERROR(query.After(order, page, /*descending=*/true));
  std::vector<int64_t> seqs;
  VERKOSTO_ASSIGN_OR_RETURN(
      std::vector<Case> cases,
      SelectCases(query, storage::Query::OrderLimit(order, page, /*descending=*/true), &seqs));
  std::vector<page::Keyed<Case>> rows;
  rows.reserve(cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    rows.push_back({{page::KeyOf(seqs[i])}, std::move(cases[i])});
  }
  return rows;
}

Result<bool> SqliteNominationRepository::DiaryNumberInUse(const AreaCode& area,
                                                          const std::string& diary_number) {
  bool used = false;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT 1 FROM registrations WHERE area_code = ? AND diary_number = ?");
    q.bind(1, area.value());
    q.bind(2, diary_number);
    used = q.executeStep();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return used;
}

// --- memberships ------------------------------------------------------------

Status SqliteNominationRepository::InsertMembership(const MembershipRecord& m) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_, std::string("INSERT INTO memberships (") + kMembershipColumns +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                 "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    BindMembership(s, m);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteNominationRepository::UpdateMembership(const MembershipRecord& m) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        std::string("INSERT INTO memberships (") + kMembershipColumns +
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                            "ended = excluded.ended, end_reason = excluded.end_reason, "
                            "ended_user_id = excluded.ended_user_id, "
                            "ended_name = excluded.ended_name, "
                            "ended_role = excluded.ended_role, "
                            "ended_on_behalf_of = excluded.ended_on_behalf_of, "
                            "ended_at_us = excluded.ended_at_us, "
                            "ended_principal = excluded.ended_principal, "
                            "end_note = excluded.end_note, "
                            "replaced_by = excluded.replaced_by");
    SQLite::Statement exists(db_, "SELECT 1 FROM memberships WHERE id = ?");
    exists.bind(1, m.id.value());
    if (!exists.executeStep()) return Status::NotFound("no membership '" + m.id.value() + "'");
    BindMembership(s, m);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<MembershipRecord>> SqliteNominationRepository::SelectMemberships(
    const storage::Query& query, const std::string& tail) {
  std::vector<MembershipRecord> records;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, std::string("SELECT ") + kMembershipColumns + " FROM memberships" +
                                 query.Sql() + tail);
    query.Bind(q);
    while (q.executeStep()) records.push_back(ReadMembership(q));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return records;
}

Result<Membership> SqliteNominationRepository::RestoreMembership(MembershipRecord record) {
  VERKOSTO_RETURN_IF_ERROR(LoadContact(record));
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Case> deciding, FindCase(record.case_id));
  if (!deciding) {
    return Status::Internal("membership " + record.id.value() + " has no case " +
                            record.case_id.value());
  }
  return Membership::Restore(std::move(record), *deciding);
}

Result<std::optional<Membership>> SqliteNominationRepository::FindMembership(
    const MembershipId& id) {
  storage::Query query;
  query.Where("id = ?", {id.value()});
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<MembershipRecord> records, SelectMemberships(query, ""));
  if (records.empty()) return std::optional<Membership>();
  VERKOSTO_ASSIGN_OR_RETURN(Membership m, RestoreMembership(std::move(records.front())));
  return std::optional<Membership>(std::move(m));
}

namespace {

// The ids of the memberships whose e-mail in force is ? (bound twice): the
// approval's e-mail unless the member corrected it, else the correction's.
constexpr const char* kMembershipIdsOfEmail =
    "SELECT m.id FROM memberships m WHERE lower(m.email) = lower(?) AND NOT EXISTS "
    "(SELECT 1 FROM membership_contacts k WHERE k.membership_id = m.id) "
    "UNION ALL SELECT c.membership_id FROM membership_contacts c "
    "WHERE lower(c.email) = lower(?)";

// The order of ListMemberships and its pages.
const std::vector<storage::Query::Column> kMembershipOrder{{"network_code"}, {"area_code"}, {"id"}};

}  // namespace

storage::Query SqliteNominationRepository::MembershipQuery(const MembershipFilter& filter) {
  storage::Query query;
  if (filter.network) query.Where("network_code = ?", {filter.network->value()});
  if (filter.area) query.Where("area_code = ?", {filter.area->value()});
  if (!filter.email.empty()) {
    // The e-mail in force: a member's own correction wins over the approval's.
    // The e-mail in force: a member's own correction wins over the approval's.
    // Each side is matched on its own lower(email) index (migration 0012), not
    // lower(COALESCE(...)) over every membership.
    query.Where("id IN (" + std::string(kMembershipIdsOfEmail) + ")", {filter.email, filter.email});
  }
  if (!filter.include_ended) query.Where("ended IS NULL");
  return query;
}

Result<std::vector<Membership>> SqliteNominationRepository::Restore(
    std::vector<MembershipRecord> records) {
  // The deciding cases of the whole list in one query per 500 (a case names
  // several members), not one FindCase per membership.
  std::map<std::string, Case> cases;
  constexpr size_t kChunk = 500;
  std::vector<std::string> wanted;
  wanted.reserve(records.size());
  for (const MembershipRecord& r : records) wanted.push_back(r.case_id.value());
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  for (size_t from = 0; from < wanted.size(); from += kChunk) {
    storage::Query query;
    std::vector<storage::Query::Value> ids;
    std::vector<std::string> marks;
    for (size_t i = from; i < std::min(wanted.size(), from + kChunk); ++i) {
      ids.emplace_back(wanted[i]);
      marks.emplace_back("?");
    }
    query.Where("c.id IN (" + text::Join(marks, ", ") + ")", std::move(ids));
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<Case> found, SelectCases(query, ""));
    for (Case& c : found) {
      std::string id = c.id.value();
      cases.emplace(std::move(id), std::move(c));
    }
  }
  std::vector<Membership> memberships;
  memberships.reserve(records.size());
  for (MembershipRecord& r : records) {
    VERKOSTO_RETURN_IF_ERROR(LoadContact(r));
    auto deciding = cases.find(r.case_id.value());
    if (deciding == cases.end()) {
      return Status::Internal("membership " + r.id.value() + " has no case " + r.case_id.value());
    }
    VERKOSTO_ASSIGN_OR_RETURN(Membership m, Membership::Restore(std::move(r), deciding->second));
    memberships.push_back(std::move(m));
  }
  return memberships;
}

Result<std::vector<Membership>> SqliteNominationRepository::ListMemberships(
    const MembershipFilter& filter) {
  VERKOSTO_ASSIGN_OR_RETURN(
      std::vector<MembershipRecord> records,
      SelectMemberships(MembershipQuery(filter), " ORDER BY network_code, area_code, id"));
  return Restore(std::move(records));
}

Result<std::vector<page::Keyed<Membership>>> SqliteNominationRepository::ListMembershipPage(
    const MembershipFilter& filter, const page::PageRequest& page) {
  storage::Query query = MembershipQuery(filter);
  VERKOSTO_RETURN_IF_ERROR(query.After(kMembershipOrder, page));
  VERKOSTO_ASSIGN_OR_RETURN(
      std::vector<MembershipRecord> records,
      SelectMemberships(query, storage::Query::OrderLimit(kMembershipOrder, page)));
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> memberships, Restore(std::move(records)));
  std::vector<page::Keyed<Membership>> rows;
  for (Membership& m : memberships) {
    std::vector<std::string> key{m.record().network.value(), m.record().area.value(),
                                 m.id().value()};
    rows.push_back({std::move(key), std::move(m)});
  }
  return rows;
}

Status SqliteNominationRepository::RemoveContactData(const MembershipId& id) {
  return storage::Guard([&]() -> Status {
    // The same fields as WithoutContactData (domain/retention.h), on both
    // copies of the person: Membership::Restore compares them.
    SQLite::Statement m(
        db_, "UPDATE memberships SET email = '', language = '', gender = '' WHERE id = ?");
    m.bind(1, id.value());
    SQLite::Statement exists(db_, "SELECT 1 FROM memberships WHERE id = ?");
    exists.bind(1, id.value());
    if (!exists.executeStep()) return Status::NotFound("no membership '" + id.value() + "'");
    m.exec();
    SQLite::Statement n(
        db_, "UPDATE nominees SET email = '', language = '', gender = '' WHERE membership_id = ?");
    n.bind(1, id.value());
    n.exec();
    // And the member's own correction of them (self-service), if any.
    SQLite::Statement c(
        db_, "UPDATE membership_contacts SET email = '', language = '' WHERE membership_id = ?");
    c.bind(1, id.value());
    c.exec();
    return Status::Ok();
  });
}

// --- nominee self-service -----------------------------------------------------

Status SqliteNominationRepository::SaveGoals(const NetworkCode& network,
                                             const std::vector<std::string>& goals) {
  SQLite::Statement clear(db_, "DELETE FROM network_goals WHERE network_code = ?");
  clear.bind(1, network.value());
  clear.exec();
  SQLite::Statement insert(db_,
                           "INSERT INTO network_goals (network_code, position, text) "
                           "VALUES (?, ?, ?)");
  for (size_t i = 0; i < goals.size(); ++i) {
    insert.bind(1, network.value());
    insert.bind(2, static_cast<int64_t>(i));
    insert.bind(3, goals[i]);
    insert.exec();
    insert.reset();
  }
  return Status::Ok();
}

Result<std::vector<std::string>> SqliteNominationRepository::LoadGoals(const NetworkCode& network) {
  std::vector<std::string> goals;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT text FROM network_goals WHERE network_code = ? ORDER BY position");
    q.bind(1, network.value());
    while (q.executeStep()) goals.push_back(q.getColumn("text").getString());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return goals;
}

Status SqliteNominationRepository::SavePlan(const NetworkInfo& n) {
  SQLite::Statement lines(db_,
                          "UPDATE networks SET plan_cadence = ?, plan_responsible = ? "
                          "WHERE code = ?");
  lines.bind(1, n.plan_cadence);
  lines.bind(2, n.plan_responsible);
  lines.bind(3, n.code.value());
  lines.exec();
  SQLite::Statement clear(db_, "DELETE FROM network_plan_entries WHERE network_code = ?");
  clear.bind(1, n.code.value());
  clear.exec();
  SQLite::Statement insert(db_,
                           "INSERT INTO network_plan_entries (network_code, kind, position, text) "
                           "VALUES (?, ?, ?, ?)");
  for (const auto& [kind, entries] :
       {std::pair{"audience", &n.plan_audiences}, std::pair{"channel", &n.plan_channels}}) {
    for (size_t i = 0; i < entries->size(); ++i) {
      insert.bind(1, n.code.value());
      insert.bind(2, kind);
      insert.bind(3, static_cast<int64_t>(i));
      insert.bind(4, (*entries)[i]);
      insert.exec();
      insert.reset();
    }
  }
  return Status::Ok();
}

Status SqliteNominationRepository::LoadPlan(NetworkInfo& n) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement lines(db_,
                            "SELECT plan_cadence, plan_responsible FROM networks WHERE code = ?");
    lines.bind(1, n.code.value());
    if (lines.executeStep()) {
      n.plan_cadence = lines.getColumn(0).getString();
      n.plan_responsible = lines.getColumn(1).getString();
    }
    SQLite::Statement q(db_,
                        "SELECT kind, text FROM network_plan_entries WHERE network_code = ? "
                        "ORDER BY kind, position");
    q.bind(1, n.code.value());
    while (q.executeStep()) {
      (q.getColumn(0).getString() == "audience" ? n.plan_audiences : n.plan_channels)
          .push_back(q.getColumn(1).getString());
    }
    return Status::Ok();
  });
}

Status SqliteNominationRepository::LoadContact(MembershipRecord& record) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT title, email, language, user_id AS corrected_user_id, "
                        "display_name AS corrected_name, role AS corrected_role, "
                        "on_behalf_of AS corrected_on_behalf_of, at_us AS corrected_at_us, "
                        "principal AS corrected_principal FROM membership_contacts "
                        "WHERE membership_id = ?");
    q.bind(1, record.id.value());
    if (!q.executeStep()) return Status::Ok();
    ContactCorrection c;
    c.title = q.getColumn("title").getString();
    c.email = q.getColumn("email").getString();
    c.language = ReadLanguage(q);
    c.corrected = ReadStamp(q, "corrected_").value_or(Stamp{});
    record.contact = std::move(c);
    return Status::Ok();
  });
}

Status SqliteNominationRepository::SaveMembershipContact(const MembershipId& membership,
                                                         const ContactCorrection& contact) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO membership_contacts (membership_id, title, email, language, "
                        "user_id, display_name, role, on_behalf_of, at_us, principal) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (membership_id) DO "
                        "UPDATE SET title = excluded.title, email = excluded.email, "
                        "language = excluded.language, user_id = excluded.user_id, "
                        "display_name = excluded.display_name, role = excluded.role, "
                        "on_behalf_of = excluded.on_behalf_of, at_us = excluded.at_us, "
                        "principal = excluded.principal");
    s.bind(1, membership.value());
    s.bind(2, contact.title);
    s.bind(3, contact.email);
    s.bind(4, storage::StoredLanguage(contact.language));
    BindStamp(s, 5, 10, contact.corrected);
    s.exec();
    return Status::Ok();
  });
}

storage::Query SqliteNominationRepository::OwnQuery(const std::string& email,
                                                    const std::string& user_id) {
  storage::Query query;
  // The e-mail in force (a member's own correction wins over the approval's),
  // or the account that corrected the contact; each part walks an index.
  query.Where(
      "id IN (SELECT m.id FROM memberships m WHERE ?1 <> '' AND lower(m.email) = lower(?1) "
      "AND NOT EXISTS (SELECT 1 FROM membership_contacts k WHERE k.membership_id = m.id) "
      "UNION ALL SELECT c.membership_id FROM membership_contacts c "
      "WHERE ?1 <> '' AND lower(c.email) = lower(?1) "
      "UNION ALL SELECT c.membership_id FROM membership_contacts c "
      "WHERE ?2 <> '' AND c.user_id = ?2)",
      {email, user_id});
  return query;
}

Result<std::vector<Membership>> SqliteNominationRepository::ListOwnMemberships(
    const std::string& email, const std::string& user_id) {
  if (email.empty() && user_id.empty()) return std::vector<Membership>();
  VERKOSTO_ASSIGN_OR_RETURN(
      std::vector<MembershipRecord> records,
      SelectMemberships(OwnQuery(email, user_id), " ORDER BY network_code, area_code, id"));
  return Restore(std::move(records));
}

Result<std::vector<page::Keyed<Membership>>> SqliteNominationRepository::ListOwnMembershipPage(
    const std::string& email, const std::string& user_id, const page::PageRequest& page) {
  std::vector<page::Keyed<Membership>> rows;
  if (email.empty() && user_id.empty()) return rows;
  storage::Query query = OwnQuery(email, user_id);
  // Current (ended IS NULL = 1) before ended, then the latest start, then id; all descending.
  const std::vector<storage::Query::Column> order{
      {"(ended IS NULL)", storage::Query::Key::kInteger}, {"started"}, {"id"}};
  // The numbered parameters ?1 and ?2 above: the keyset's values follow as ?3...
  VERKOSTO_RETURN_IF_ERROR(query.After(order, page, /*descending=*/true));
  VERKOSTO_ASSIGN_OR_RETURN(
      std::vector<MembershipRecord> records,
      SelectMemberships(query, storage::Query::OrderLimit(order, page, /*descending=*/true)));
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> memberships, Restore(std::move(records)));
  for (Membership& m : memberships) {
    std::vector<std::string> key{m.active() ? "1" : "0", FormatIsoDate(m.record().started),
                                 m.id().value()};
    rows.push_back({std::move(key), std::move(m)});
  }
  return rows;
}

namespace {

constexpr char kResignationColumns[] =
    "id, membership_id, network_code, area_code, reason, state, requested_user_id, "
    "requested_name, requested_role, requested_on_behalf_of, requested_at_us, "
    "closed_user_id, closed_name, closed_role, closed_on_behalf_of, closed_at_us, "
    "requested_principal, closed_principal";

void BindResignation(SQLite::Statement& s, const ResignationRequest& r) {
  s.bind(1, r.id.value());
  s.bind(2, r.membership.value());
  s.bind(3, r.network.value());
  s.bind(4, r.area.value());
  s.bind(5, r.reason);
  s.bind(6, Str(ResignationRequestStateName(r.state)));
  BindStamp(s, 7, 17, r.requested);
  BindStamp(s, 12, 18, r.closed);
}

}  // namespace

Status SqliteNominationRepository::InsertResignationRequest(const ResignationRequest& r) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_, std::string("INSERT INTO resignation_requests (") +
                                 kResignationColumns +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    BindResignation(s, r);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteNominationRepository::UpdateResignationRequest(const ResignationRequest& r) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "UPDATE resignation_requests SET state = ?, closed_user_id = ?, "
                        "closed_name = ?, closed_role = ?, closed_on_behalf_of = ?, "
                        "closed_at_us = ?, closed_principal = ? WHERE id = ?");
    s.bind(1, Str(ResignationRequestStateName(r.state)));
    BindStamp(s, 2, 7, r.closed);
    s.bind(8, r.id.value());
    if (s.exec() == 0) return Status::NotFound("no resignation request '" + r.id.value() + "'");
    return Status::Ok();
  });
}

storage::Query SqliteNominationRepository::ResignationQuery(const ResignationFilter& filter) {
  storage::Query query;
  if (filter.area) query.Where("area_code = ?", {filter.area->value()});
  if (filter.membership) query.Where("membership_id = ?", {filter.membership->value()});
  if (filter.pending_only) {
    query.Where("state = ?", {Str(ResignationRequestStateName(ResignationRequestState::kPending))});
  }
  return query;
}

Result<std::vector<ResignationRequest>> SqliteNominationRepository::SelectResignations(
    const storage::Query& query, const std::string& tail) {
  std::vector<ResignationRequest> requests;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, std::string("SELECT ") + kResignationColumns +
                                 " FROM resignation_requests" + query.Sql() + tail);
    query.Bind(q);
    while (q.executeStep()) {
      ResignationRequest r;
      r.id = ResignationRequestId(q.getColumn("id").getString());
      r.membership = MembershipId(q.getColumn("membership_id").getString());
      r.network = NetworkCode(q.getColumn("network_code").getString());
      r.area = AreaCode(q.getColumn("area_code").getString());
      r.reason = q.getColumn("reason").getString();
      r.state = FromName(q.getColumn("state").getString(), kResignationStates,
                         ResignationRequestStateName, "resignation request state");
      r.requested = ReadStamp(q, "requested_").value_or(Stamp{});
      r.closed = ReadStamp(q, "closed_");
      requests.push_back(std::move(r));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return requests;
}

Result<std::vector<ResignationRequest>> SqliteNominationRepository::ListResignationRequests(
    const ResignationFilter& filter) {
  return SelectResignations(ResignationQuery(filter), " ORDER BY requested_at_us, id");
}

Result<std::vector<page::Keyed<ResignationRequest>>>
SqliteNominationRepository::ListResignationPage(const ResignationFilter& filter,
                                                const page::PageRequest& page) {
  storage::Query query = ResignationQuery(filter);
  const std::vector<storage::Query::Column> order{
      {"requested_at_us", storage::Query::Key::kInteger}, {"id"}};
  VERKOSTO_RETURN_IF_ERROR(query.After(order, page));
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<ResignationRequest> requests,
                            SelectResignations(query, storage::Query::OrderLimit(order, page)));
  std::vector<page::Keyed<ResignationRequest>> rows;
  for (ResignationRequest& r : requests) {
    std::vector<std::string> key{page::KeyOf(ToMicros(r.requested.at)), r.id.value()};
    rows.push_back({std::move(key), std::move(r)});
  }
  return rows;
}

// --- timers -----------------------------------------------------------------

Result<std::optional<Date>> SqliteNominationRepository::LastTimerDate() {
  std::optional<Date> date;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT last_processed FROM timer_state WHERE id = 1");
    if (q.executeStep()) date = ParseIsoDate(q.getColumn("last_processed").getString());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return date;
}

Status SqliteNominationRepository::SetLastTimerDate(const Date& date) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO timer_state (id, last_processed) VALUES (1, ?) "
                        "ON CONFLICT (id) DO UPDATE SET last_processed = excluded.last_processed");
    s.bind(1, FormatIsoDate(date));
    s.exec();
    return Status::Ok();
  });
}

Result<std::optional<Date>> SqliteNominationRepository::LastDailyRun(const std::string& name) {
  std::optional<Date> date;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT last_run FROM daily_jobs WHERE name = ?");
    q.bind(1, name);
    if (q.executeStep()) date = ParseIsoDate(q.getColumn("last_run").getString());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return date;
}

Status SqliteNominationRepository::SetLastDailyRun(const std::string& name, const Date& date) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO daily_jobs (name, last_run) VALUES (?, ?) "
                        "ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run");
    s.bind(1, name);
    s.bind(2, FormatIsoDate(date));
    s.exec();
    return Status::Ok();
  });
}

}  // namespace verkosto::nominations
