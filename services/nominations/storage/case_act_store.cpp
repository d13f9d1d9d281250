#include "nominations/storage/case_act_store.h"

#include <SQLiteCpp/Statement.h>

#include <string>

#include "storage/database.h"
#include "storage/stored_names.h"

namespace verkosto::nominations {

namespace {

constexpr Channel kChannels[] = {Channel::kSystem, Channel::kEmail, Channel::kLetter,
                                 Channel::kOther};
constexpr ActKind kKinds[] = {
    ActKind::kSent,        ActKind::kRegistered, ActKind::kLogged,    ActKind::kDeadlineExtended,
    ActKind::kReminder,    ActKind::kOverdue,    ActKind::kApproved,  ActKind::kDeclined,
    ActKind::kPaperAnswer, ActKind::kConfirmed,  ActKind::kWithdrawn,
};

void BindDate(SQLite::Statement& s, int index, const std::optional<Date>& date) {
  if (date) {
    s.bind(index, FormatIsoDate(*date));
  } else {
    s.bind(index);
  }
}

std::optional<Date> ReadDate(SQLite::Statement& q, const char* name) {
  if (q.getColumn(name).isNull()) return std::nullopt;
  return ParseIsoDate(q.getColumn(name).getString());
}

std::string JoinLines(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out.push_back('\n');
    out += n;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t start = 0;
  while (true) {
    const size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

Status CaseActStore::Append(const std::vector<CaseAct>& acts) {
  if (acts.empty()) return Status::Ok();
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO case_acts (case_id, kind, user_id, display_name, role, "
                        "on_behalf_of, principal, at_us, reason, keha_diary_number, "
                        "diary_number, channel, date_received, deadline, previous_deadline, "
                        "reminder_days, approved, decision_date, decided_at_area, names, "
                        "on_behalf_of_name) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const CaseAct& a : acts) {
      s.reset();
      s.clearBindings();
      s.bind(1, a.case_id.value());
      s.bind(2, std::string(ActKindName(a.kind)));
      s.bind(3, a.by.user_id);
      s.bind(4, a.by.display_name);
      s.bind(5, std::string(RoleName(a.by.role)));
      s.bind(6, a.by.on_behalf_of);
      s.bind(7, a.by.principal);
      s.bind(8, ToMicros(a.by.at));
      s.bind(9, a.by.reason);
      s.bind(10, a.keha_diary_number);
      s.bind(11, a.diary_number);
      s.bind(12, std::string(ChannelName(a.channel)));
      BindDate(s, 13, a.date_received);
      BindDate(s, 14, a.deadline);
      BindDate(s, 15, a.previous_deadline);
      s.bind(16, a.reminder_days);
      s.bind(17, a.approved ? 1 : 0);
      BindDate(s, 18, a.decision_date);
      s.bind(19, a.decided_at_area);
      s.bind(20, JoinLines(a.names));
      s.bind(21, a.by.on_behalf_of_name);
      s.exec();
    }
    return Status::Ok();
  });
}

Result<std::vector<page::Keyed<CaseAct>>> CaseActStore::ListPage(const CaseId& case_id,
                                                                 const page::PageRequest& page) {
  int64_t after = 0;
  if (!page.first() && !page::IntegerKey(page.after.front(), after)) {
    return Status::InvalidArgument("page_token", "not a token of this list");
  }
  std::vector<page::Keyed<CaseAct>> rows;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT seq, case_id, kind, user_id, display_name, role, on_behalf_of, "
                        "principal, at_us, reason, keha_diary_number, diary_number, channel, "
                        "date_received, deadline, previous_deadline, reminder_days, approved, "
                        "decision_date, decided_at_area, names, on_behalf_of_name FROM case_acts "
                        "WHERE case_id = ? AND seq > ? ORDER BY seq LIMIT ?");
    q.bind(1, case_id.value());
    q.bind(2, after);
    q.bind(3, static_cast<int64_t>(page.fetch()));
    while (q.executeStep()) {
      CaseAct a;
      a.case_id = CaseId(q.getColumn("case_id").getString());
      a.kind = storage::ValueOrThrow(
          storage::ValueNamed(q.getColumn("kind").getString(), kKinds, ActKindName, "act kind"));
      a.by.user_id = q.getColumn("user_id").getString();
      a.by.display_name = q.getColumn("display_name").getString();
      a.by.role = RoleFromName(q.getColumn("role").getString());
      a.by.on_behalf_of = q.getColumn("on_behalf_of").getString();
      a.by.on_behalf_of_name = q.getColumn("on_behalf_of_name").getString();
      a.by.principal = q.getColumn("principal").getString();
      a.by.at = FromMicros(q.getColumn("at_us").getInt64());
      a.by.reason = q.getColumn("reason").getString();
      a.keha_diary_number = q.getColumn("keha_diary_number").getString();
      a.diary_number = q.getColumn("diary_number").getString();
      a.channel = storage::ValueOrThrow(storage::ValueNamed(q.getColumn("channel").getString(),
                                                            kChannels, ChannelName, "channel"));
      a.date_received = ReadDate(q, "date_received");
      a.deadline = ReadDate(q, "deadline");
      a.previous_deadline = ReadDate(q, "previous_deadline");
      a.reminder_days = q.getColumn("reminder_days").getInt();
      a.approved = q.getColumn("approved").getInt() != 0;
      a.decision_date = ReadDate(q, "decision_date");
      a.decided_at_area = q.getColumn("decided_at_area").getString();
      a.names = SplitLines(q.getColumn("names").getString());
      rows.push_back({{page::KeyOf(q.getColumn("seq").getInt64())}, std::move(a)});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rows;
}

}  // namespace verkosto::nominations
