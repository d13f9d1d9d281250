#include "networks/storage/sqlite_network_repository.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
#include <optional>

#include "core/text.h"
#include "networks/codec/codec.h"
#include "storage/database.h"
#include "storage/stored_names.h"

namespace verkosto::networks {

namespace {

// Stored enums: each column holds the domain's name of the value (its one
// name table, e.g. NetworkStatusName); a name it lacks is internal, never a
// default (storage/stored_names.h). Called inside storage::Guard.
constexpr AreaModel kModels[] = {AreaModel::kHostMunicipality, AreaModel::kOwn,
                                 AreaModel::kJointAuthority};
constexpr Confidence kConfidences[] = {Confidence::kVerified, Confidence::kPartial,
                                       Confidence::kUnverified};
constexpr NetworkStatus kStatuses[] = {NetworkStatus::kDraft, NetworkStatus::kProposed,
                                       NetworkStatus::kOpen, NetworkStatus::kClosed,
                                       NetworkStatus::kCancelled};
constexpr ParticipationChoice kChoices[] = {ParticipationChoice::kTakesPart,
                                            ParticipationChoice::kDeclines};

template <typename E, size_t N>
E FromName(const std::string& name, const E (&all)[N], std::string_view (*name_of)(E),
           std::string_view what) {
  return storage::ValueOrThrow(storage::ValueNamed(name, all, name_of, what));
}

// The audit columns user_id, display_name, role, on_behalf_of, at_us and
// principal of the row (reads go by column name).
Audit ReadAudit(SQLite::Statement& q, std::string reason = {}) {
  Audit audit;
  audit.user_id = q.getColumn("user_id").getString();
  audit.display_name = q.getColumn("display_name").getString();
  audit.role = RoleFromName(q.getColumn("role").getString());
  audit.on_behalf_of = q.getColumn("on_behalf_of").getString();
  audit.at = FromMicros(q.getColumn("at_us").getInt64());
  audit.reason = std::move(reason);
  audit.principal = q.getColumn("principal").getString();
  return audit;
}

void BindAudit(SQLite::Statement& s, int first, const Audit& audit) {
  s.bind(first, audit.user_id);
  s.bind(first + 1, audit.display_name);
  s.bind(first + 2, std::string(RoleName(audit.role)));
  s.bind(first + 3, audit.on_behalf_of);
  s.bind(first + 4, ToMicros(audit.at));
  s.bind(first + 5, audit.principal);
}

void BindContact(SQLite::Statement& s, int first, const Contact& c) {
  s.bind(first, c.name);
  s.bind(first + 1, c.email);
  s.bind(first + 2, c.phone);
}

// The contact in columns <prefix>name, <prefix>email and <prefix>phone.
Contact ReadContact(SQLite::Statement& q, const std::string& prefix) {
  return {q.getColumn((prefix + "name").c_str()).getString(),
          q.getColumn((prefix + "email").c_str()).getString(),
          q.getColumn((prefix + "phone").c_str()).getString()};
}

void BindNetwork(SQLite::Statement& s, const Network& n) {
  const std::string definition = codec::ToProto(n.definition).SerializeAsString();
  s.bind(1, n.code().value());
  s.bind(2, std::string(NetworkStatusName(n.status)));
  s.bind(3, std::string(NetworkKindName(n.definition.kind)));
  s.bind(4, n.definition.owner);
  if (n.definition.term.end_date) {
    s.bind(5, FormatIsoDate(*n.definition.term.end_date));
  } else {
    s.bind(5);
  }
  s.bind(6, static_cast<int64_t>(n.version));
  s.bind(7, definition.data(), static_cast<int>(definition.size()));
  s.bind(8, n.end_reason);
  s.bind(9, n.closed_by_term_end ? 1 : 0);
  s.bind(10, ToMicros(n.created_at));
  s.bind(11, ToMicros(n.updated_at));
  if (n.next_term) {
    const std::string next = codec::ToProto(*n.next_term).SerializeAsString();
    s.bind(12, next.data(), static_cast<int>(next.size()));
  } else {
    s.bind(12);
  }
  // Issue 19 (schema/0010): KEHA's gender balance exception, if any.
  if (n.gender_exception) {
    s.bind(13, n.gender_exception->reason);
    s.bind(14, n.gender_exception->user_id);
    s.bind(15, n.gender_exception->display_name);
    s.bind(16, ToMicros(n.gender_exception->at));
  } else {
    s.bind(13, std::string());
    s.bind(14, std::string());
    s.bind(15, std::string());
    s.bind(16);
  }
}

// A definition stored as a verkosto.networks.v1.NetworkDefinition blob.
Result<NetworkDefinition> ReadDefinition(const SQLite::Column& blob) {
  codec::pb::NetworkDefinition stored;
  if (!stored.ParseFromArray(blob.getBlob(), blob.getBytes())) {
    return Status::Internal("stored network definition is unreadable");
  }
  auto definition = codec::FromProto(stored);
  if (!definition.ok()) return Status::Internal(definition.status().ToString());
  return std::move(definition).value();
}

}  // namespace

Result<std::shared_ptr<const AreaDirectory>> SqliteNetworkRepository::LoadDirectory() {
  // Most operations read the whole directory, which changes only when the
  // reference data is loaded. The directory last read on this thread (the
  // service's loop; no other thread opens its database) is kept with the
  // token of directory_version it was read at (schema/0006): the token is
  // random per change, so it also tells databases apart, and a change rolled
  // back takes its token back with it.
  struct Loaded {
    std::string token;
    std::shared_ptr<const AreaDirectory> directory;
  };
  thread_local std::optional<Loaded> loaded;
  std::string token;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT hex(token) FROM directory_version WHERE id = 1");
    if (q.executeStep()) token = q.getColumn(0).getString();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (!token.empty() && loaded && loaded->token == token) return loaded->directory;
  VERKOSTO_ASSIGN_OR_RETURN(AreaDirectory read, ReadDirectory());
  auto directory = std::make_shared<const AreaDirectory>(std::move(read));
  if (!token.empty()) loaded = Loaded{token, directory};
  return directory;
}

Result<AreaDirectory> SqliteNetworkRepository::ReadDirectory() {
  AreaDirectory directory;
  Status status = storage::Guard([&]() -> Status {
    std::map<std::string, std::vector<std::string>> members;
    SQLite::Statement m(db_,
                        "SELECT code, name_fi, name_sv, COALESCE(area_code, '') AS area_code, note "
                        "FROM municipalities ORDER BY code");
    while (m.executeStep()) {
      Municipality municipality{m.getColumn("code").getString(), m.getColumn("name_fi").getString(),
                                m.getColumn("name_sv").getString(),
                                AreaCode(m.getColumn("area_code").getString()),
                                m.getColumn("note").getString()};
      if (!municipality.area.empty()) {
        members[municipality.area.value()].push_back(municipality.code);
      }
      directory.municipalities.push_back(std::move(municipality));
    }
    SQLite::Statement a(db_,
                        "SELECT code, name_fi, name_sv, model, host_municipality, languages, "
                        "source, confidence, registry_name, registry_email, registry_phone, "
                        "director_name, director_email, director_phone, deputy_name, "
                        "deputy_email, deputy_phone FROM areas ORDER BY position");
    while (a.executeStep()) {
      Area area;
      area.code = AreaCode(a.getColumn("code").getString());
      area.name_fi = a.getColumn("name_fi").getString();
      area.name_sv = a.getColumn("name_sv").getString();
      area.model = FromName(a.getColumn("model").getString(), kModels, AreaModelName, "area model");
      area.host_municipality = a.getColumn("host_municipality").getString();
      area.languages = text::Split(a.getColumn("languages").getString(), ',');
      area.source = a.getColumn("source").getString();
      area.confidence = FromName(a.getColumn("confidence").getString(), kConfidences,
                                 ConfidenceName, "confidence");
      area.contacts = {ReadContact(a, "registry_"), ReadContact(a, "director_"),
                       ReadContact(a, "deputy_")};
      area.municipalities = members[area.code.value()];
      directory.areas.push_back(std::move(area));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return directory;
}

Status SqliteNetworkRepository::SaveDirectory(const AreaDirectory& directory) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement upsert_area(
        db_,
        "INSERT INTO areas (code, position, name_fi, name_sv, model, host_municipality, "
        "languages, source, confidence, registry_name, registry_email, registry_phone, "
        "director_name, director_email, director_phone, deputy_name, deputy_email, deputy_phone) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET position = excluded.position, "
        "name_fi = excluded.name_fi, name_sv = excluded.name_sv, model = excluded.model, "
        "host_municipality = excluded.host_municipality, languages = excluded.languages, "
        "source = excluded.source, confidence = excluded.confidence, "
        "registry_name = excluded.registry_name, registry_email = excluded.registry_email, "
        "registry_phone = excluded.registry_phone, director_name = excluded.director_name, "
        "director_email = excluded.director_email, director_phone = excluded.director_phone, "
        "deputy_name = excluded.deputy_name, deputy_email = excluded.deputy_email, "
        "deputy_phone = excluded.deputy_phone");
    int position = 0;
    for (const Area& area : directory.areas) {
      upsert_area.reset();
      upsert_area.bind(1, area.code.value());
      upsert_area.bind(2, ++position);
      upsert_area.bind(3, area.name_fi);
      upsert_area.bind(4, area.name_sv);
      upsert_area.bind(5, std::string(AreaModelName(area.model)));
      upsert_area.bind(6, area.host_municipality);
      upsert_area.bind(7, text::Join(area.languages, ","));
      upsert_area.bind(8, area.source);
      upsert_area.bind(9, std::string(ConfidenceName(area.confidence)));
      BindContact(upsert_area, 10, area.contacts.registry_office);
      BindContact(upsert_area, 13, area.contacts.director);
      BindContact(upsert_area, 16, area.contacts.deputy);
      upsert_area.exec();
    }
    db_.exec("CREATE TEMP TABLE IF NOT EXISTS keep_codes (code TEXT PRIMARY KEY)");
    db_.exec("DELETE FROM keep_codes");
    SQLite::Statement keep(db_, "INSERT INTO keep_codes (code) VALUES (?)");
    for (const Municipality& m : directory.municipalities) {
      keep.reset();
      keep.bind(1, m.code);
      keep.exec();
    }
    db_.exec("DELETE FROM municipalities WHERE code NOT IN (SELECT code FROM keep_codes)");
    SQLite::Statement upsert_m(
        db_,
        "INSERT INTO municipalities (code, name_fi, name_sv, area_code, note) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name_fi = excluded.name_fi, "
        "name_sv = excluded.name_sv, area_code = excluded.area_code, note = excluded.note");
    for (const Municipality& m : directory.municipalities) {
      upsert_m.reset();
      upsert_m.bind(1, m.code);
      upsert_m.bind(2, m.name_fi);
      upsert_m.bind(3, m.name_sv);
      if (m.area.empty()) {
        upsert_m.bind(4);
      } else {
        upsert_m.bind(4, m.area.value());
      }
      upsert_m.bind(5, m.note);
      upsert_m.exec();
    }
    db_.exec("DELETE FROM keep_codes");
    for (const Area& area : directory.areas) {
      keep.reset();
      keep.bind(1, area.code.value());
      keep.exec();
    }
    // An area that has decisions or comments cannot go: the foreign keys refuse it.
    db_.exec("DELETE FROM areas WHERE code NOT IN (SELECT code FROM keep_codes)");
    return Status::Ok();
  });
}

Result<std::vector<Network>> SqliteNetworkRepository::SelectNetworks(const std::string& tail,
                                                                     const storage::Query& query) {
  std::vector<Network> networks;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT status, version, definition, end_reason, closed_by_term_end, "
                        "created_us, updated_us, next_definition, gender_exception_reason, "
                        "gender_exception_user_id, gender_exception_name, gender_exception_us "
                        "FROM networks" +
                            tail);
    query.Bind(q);
    while (q.executeStep()) {
      auto definition = ReadDefinition(q.getColumn("definition"));
      if (!definition.ok()) return definition.status();
      Network n;
      n.definition = std::move(definition).value();
      if (const SQLite::Column next = q.getColumn("next_definition"); !next.isNull()) {
        auto next_term = ReadDefinition(next);
        if (!next_term.ok()) return next_term.status();
        n.next_term = std::move(next_term).value();
      }
      n.status = FromName(q.getColumn("status").getString(), kStatuses, NetworkStatusName,
                          "network status");
      n.version = static_cast<uint32_t>(q.getColumn("version").getInt64());
      n.end_reason = q.getColumn("end_reason").getString();
      n.closed_by_term_end = q.getColumn("closed_by_term_end").getInt() != 0;
      n.created_at = FromMicros(q.getColumn("created_us").getInt64());
      n.updated_at = FromMicros(q.getColumn("updated_us").getInt64());
      if (!q.getColumn("gender_exception_us").isNull()) {
        Audit exception;
        exception.reason = q.getColumn("gender_exception_reason").getString();
        exception.user_id = q.getColumn("gender_exception_user_id").getString();
        exception.display_name = q.getColumn("gender_exception_name").getString();
        exception.role = Role::kKehaCoordinator;
        exception.at = FromMicros(q.getColumn("gender_exception_us").getInt64());
        n.gender_exception = std::move(exception);
      }
      networks.push_back(std::move(n));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return networks;
}

Result<std::optional<Network>> SqliteNetworkRepository::FindNetwork(const NetworkCode& code) {
  storage::Query query;
  query.Where("code = ?", {code.value()});
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Network> found, SelectNetworks(query.Sql(), query));
  if (found.empty()) return std::optional<Network>();
  return std::optional<Network>(std::move(found.front()));
}

Result<std::vector<Network>> SqliteNetworkRepository::ListNetworks(
    const NetworkFilter& filter, const std::optional<page::PageRequest>& page) {
  storage::Query query;
  if (filter.status) query.Where("status = ?", {std::string(NetworkStatusName(*filter.status))});
  if (filter.kind) query.Where("kind = ?", {std::string(NetworkKindName(*filter.kind))});
  if (!filter.owner.empty()) query.Where("owner = ?", {filter.owner});
  if (!filter.include_drafts) {
    query.Where("status != ?", {std::string(NetworkStatusName(NetworkStatus::kDraft))});
  }
  if (filter.decided_by) {
    query.Where("code IN (SELECT network_code FROM participation_decisions WHERE area_code = ?)",
                {filter.decided_by->value()});
  }
  const std::vector<storage::Query::Column> order{{"code"}};
  std::string tail;
  if (page) {
    VERKOSTO_RETURN_IF_ERROR(query.After(order, *page));
    tail = query.Sql() + storage::Query::OrderLimit(order, *page);
  } else {
    tail = query.Sql() + " ORDER BY code";
  }
  return SelectNetworks(tail, query);
}

Result<std::vector<Network>> SqliteNetworkRepository::ListOpenEndedBefore(const std::string& date) {
  storage::Query query;
  query.Where("status = ?", {std::string(NetworkStatusName(NetworkStatus::kOpen))});
  query.Where("end_date < ?", {date});
  return SelectNetworks(query.Sql() + " ORDER BY code", query);
}

Result<bool> SqliteNetworkRepository::AnyNetwork() {
  bool any = false;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT EXISTS (SELECT 1 FROM networks)");
    any = q.executeStep() && q.getColumn(0).getInt() != 0;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return any;
}

Result<uint32_t> SqliteNetworkRepository::Count(const std::string& table,
                                                const NetworkCode& network) {
  uint32_t count = 0;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT count(*) FROM " + table + " WHERE network_code = ?");
    q.bind(1, network.value());
    if (q.executeStep()) count = static_cast<uint32_t>(q.getColumn(0).getInt64());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return count;
}

Status SqliteNetworkRepository::InsertNetwork(const Network& network) {
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO networks (code, status, kind, owner, end_date, version, "
                        "definition, end_reason, closed_by_term_end, created_us, updated_us, "
                        "next_definition, gender_exception_reason, gender_exception_user_id, "
                        "gender_exception_name, gender_exception_us) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    BindNetwork(s, network);
    s.exec();
    return Status::Ok();
  });
  if (status.code() == ErrorCode::kAlreadyExists) {
    return Status::AlreadyExists("definition.code",
                                 "a network with code '" + network.code().value() + "' exists");
  }
  return status;
}

Status SqliteNetworkRepository::UpdateNetwork(const Network& network) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "UPDATE networks SET status = ?2, kind = ?3, owner = ?4, end_date = ?5, "
                        "version = ?6, definition = ?7, end_reason = ?8, "
                        "closed_by_term_end = ?9, created_us = ?10, updated_us = ?11, "
                        "next_definition = ?12, gender_exception_reason = ?13, "
                        "gender_exception_user_id = ?14, gender_exception_name = ?15, "
                        "gender_exception_us = ?16 WHERE code = ?1");
    BindNetwork(s, network);
    if (s.exec() == 0) return Status::NotFound("no network '" + network.code().value() + "'");
    return Status::Ok();
  });
}

Status SqliteNetworkRepository::AppendVersion(const NetworkCode& network,
                                              const NetworkVersion& version) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO network_versions (network_code, version, user_id, "
                        "display_name, role, on_behalf_of, at_us, principal, reason, "
                        "changed_fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, network.value());
    s.bind(2, static_cast<int64_t>(version.version));
    BindAudit(s, 3, version.audit);
    s.bind(9, version.audit.reason);
    s.bind(10, text::Join(version.changed_fields, ","));
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<NetworkVersion>> SqliteNetworkRepository::SelectVersions(
    const std::string& tail, const storage::Query& query) {
  std::vector<NetworkVersion> versions;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT version, user_id, display_name, role, on_behalf_of, at_us, "
                        "principal, reason, changed_fields FROM network_versions" +
                            tail);
    query.Bind(q);
    while (q.executeStep()) {
      NetworkVersion v;
      v.version = static_cast<uint32_t>(q.getColumn("version").getInt64());
      v.audit = ReadAudit(q, q.getColumn("reason").getString());
      v.changed_fields = text::Split(q.getColumn("changed_fields").getString(), ',');
      versions.push_back(std::move(v));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return versions;
}

Result<std::vector<NetworkVersion>> SqliteNetworkRepository::ListVersions(
    const NetworkCode& network, const page::PageRequest& page) {
  storage::Query query;
  query.Where("network_code = ?", {network.value()});
  const std::vector<storage::Query::Column> order{{"version", storage::Query::Key::kInteger}};
  VERKOSTO_RETURN_IF_ERROR(query.After(order, page));
  return SelectVersions(query.Sql() + storage::Query::OrderLimit(order, page), query);
}

Result<std::vector<NetworkVersion>> SqliteNetworkRepository::NewestVersions(
    const NetworkCode& network, uint32_t count, uint32_t* total) {
  VERKOSTO_ASSIGN_OR_RETURN(*total, Count("network_versions", network));
  storage::Query query;
  query.Where("network_code = ?", {network.value()});
  VERKOSTO_ASSIGN_OR_RETURN(
      std::vector<NetworkVersion> versions,
      SelectVersions(query.Sql() + " ORDER BY version DESC LIMIT " + std::to_string(count), query));
  std::reverse(versions.begin(), versions.end());
  return versions;
}

Result<std::vector<ParticipationHistory>> SqliteNetworkRepository::SelectHistories(
    const std::string& tail, const storage::Query& query, std::vector<int64_t>* ids) {
  std::vector<ParticipationHistory> histories;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT id, network_code, area_code, choice, reason, user_id, "
                        "display_name, role, on_behalf_of, at_us, principal "
                        "FROM participation_decisions" +
                            tail);
    query.Bind(q);
    while (q.executeStep()) {
      ParticipationDecision d;
      d.network = NetworkCode(q.getColumn("network_code").getString());
      d.area = AreaCode(q.getColumn("area_code").getString());
      d.choice = FromName(q.getColumn("choice").getString(), kChoices, ParticipationChoiceName,
                          "participation choice");
      d.reason = q.getColumn("reason").getString();
      d.audit = ReadAudit(q, d.reason);
      if (ids != nullptr) ids->push_back(q.getColumn("id").getInt64());
      if (histories.empty() || histories.back().network != d.network ||
          histories.back().area != d.area) {
        histories.push_back(ParticipationHistory{d.network, d.area, {}});
      }
      histories.back().decisions.push_back(std::move(d));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return histories;
}

Result<std::vector<ParticipationHistory>> SqliteNetworkRepository::Histories(
    const std::optional<NetworkCode>& network) {
  storage::Query query;
  if (network) query.Where("network_code = ?", {network->value()});
  return SelectHistories(query.Sql() + " ORDER BY network_code, area_code, id", query);
}

Result<std::vector<ParticipationHistory>> SqliteNetworkRepository::AreaHistories(
    const AreaCode& area) {
  storage::Query query;
  query.Where("area_code = ?", {area.value()});
  return SelectHistories(query.Sql() + " ORDER BY network_code, area_code, id", query);
}

Result<std::vector<std::pair<int64_t, ParticipationDecision>>> SqliteNetworkRepository::Decisions(
    const NetworkCode& network, const AreaCode& area, const page::PageRequest& page) {
  storage::Query query;
  query.Where("network_code = ?", {network.value()});
  query.Where("area_code = ?", {area.value()});
  const std::vector<storage::Query::Column> order{{"id", storage::Query::Key::kInteger}};
  VERKOSTO_RETURN_IF_ERROR(query.After(order, page));
  std::vector<int64_t> ids;
  VERKOSTO_ASSIGN_OR_RETURN(
      std::vector<ParticipationHistory> histories,
      SelectHistories(query.Sql() + storage::Query::OrderLimit(order, page), query, &ids));
  std::vector<std::pair<int64_t, ParticipationDecision>> decisions;
  if (histories.empty()) return decisions;
  for (size_t i = 0; i < ids.size(); ++i) {
    decisions.emplace_back(ids[i], std::move(histories.front().decisions[i]));
  }
  return decisions;
}

Result<ParticipationHistory> SqliteNetworkRepository::History(const NetworkCode& network,
                                                              const AreaCode& area) {
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<ParticipationHistory> all, Histories(network));
  for (ParticipationHistory& h : all) {
    if (h.area == area) return std::move(h);
  }
  return ParticipationHistory{network, area, {}};
}

Status SqliteNetworkRepository::AppendDecision(const ParticipationDecision& decision) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO participation_decisions (network_code, area_code, choice, "
                        "reason, user_id, display_name, role, on_behalf_of, at_us, principal) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, decision.network.value());
    s.bind(2, decision.area.value());
    s.bind(3, std::string(ParticipationChoiceName(decision.choice)));
    s.bind(4, decision.reason);
    BindAudit(s, 5, decision.audit);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteNetworkRepository::AddComment(const Comment& comment) {
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO comments (network_code, area_code, text, user_id, "
                        "display_name, role, on_behalf_of, at_us, principal) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, comment.network.value());
    s.bind(2, comment.area.value());
    s.bind(3, comment.text);
    BindAudit(s, 4, comment.audit);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<std::pair<int64_t, Comment>>> SqliteNetworkRepository::SelectComments(
    const NetworkCode& network, const std::string& tail, const storage::Query& query) {
  std::vector<std::pair<int64_t, Comment>> comments;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT id, area_code, text, user_id, display_name, role, on_behalf_of, "
                        "at_us, principal FROM comments" +
                            tail);
    query.Bind(q);
    while (q.executeStep()) {
      Comment c;
      c.network = network;
      c.area = AreaCode(q.getColumn("area_code").getString());
      c.text = q.getColumn("text").getString();
      c.audit = ReadAudit(q);
      comments.emplace_back(q.getColumn("id").getInt64(), std::move(c));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return comments;
}

Result<std::vector<std::pair<int64_t, Comment>>> SqliteNetworkRepository::ListComments(
    const NetworkCode& network, const page::PageRequest& page) {
  storage::Query query;
  query.Where("network_code = ?", {network.value()});
  const std::vector<storage::Query::Column> order{{"id", storage::Query::Key::kInteger}};
  VERKOSTO_RETURN_IF_ERROR(query.After(order, page));
  return SelectComments(network, query.Sql() + storage::Query::OrderLimit(order, page), query);
}

Result<std::vector<Comment>> SqliteNetworkRepository::NewestComments(const NetworkCode& network,
                                                                     uint32_t count,
                                                                     uint32_t* total) {
  VERKOSTO_ASSIGN_OR_RETURN(*total, Count("comments", network));
  storage::Query query;
  query.Where("network_code = ?", {network.value()});
  VERKOSTO_ASSIGN_OR_RETURN(
      auto rows,
      SelectComments(network, query.Sql() + " ORDER BY id DESC LIMIT " + std::to_string(count),
                     query));
  std::reverse(rows.begin(), rows.end());
  std::vector<Comment> comments;
  comments.reserve(rows.size());
  for (auto& row : rows) comments.push_back(std::move(row.second));
  return comments;
}

Status AppendVersionOf(NetworkRepository& repo, const NetworkCode& network,
                       const NetworkEvent& event) {
  if (const auto* changed = std::get_if<NetworkChanged>(&event)) {
    return repo.AppendVersion(network, changed->version);
  }
  if (const auto* renewed = std::get_if<NetworkRenewed>(&event)) {
    return repo.AppendVersion(network, renewed->version);
  }
  if (const auto* started = std::get_if<NetworkTermStarted>(&event)) {
    return repo.AppendVersion(network, started->version);
  }
  if (const auto* exception = std::get_if<GenderBalanceExceptionRecorded>(&event)) {
    return repo.AppendVersion(network, exception->version);
  }
  return Status::Ok();
}

}  // namespace verkosto::networks
