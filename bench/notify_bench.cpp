// notify_bench: what notifications pays per message when one event fans out
// to every area's leadership (issue 20: the kill -9 drill's catch-up).
//
// A notifications database (the service's migrations, WAL, synchronous=FULL)
// with 45 areas is given notices as the consumer gives them: each inside the
// batch's one write transaction (`--batch` events per commit), each recorded
// by RecordNotice (recipients, preferences, language, view, the templates,
// one message and one delivery per address). Two kinds:
//   - "network proposed": the leadership of every area (90 mailboxes, and
//     their addresses), the fan-out of an opened or proposed network;
//   - "case approved": a case's KEHA sender and nominee (2 mailboxes).
// The baseline, in the same run and the same kind of database: the same
// message and delivery rows, already rendered, inserted through the
// repository (InsertMessage, InsertDelivery) in the same transactions. The
// ratio says what recording costs over storing what it records.
//
//   build/release/bin/notify_bench [--events N] [--batch N] [--dir PARENT] [--rounds R]
#include <SQLiteCpp/Database.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "notifications/domain/policy.h"
#include "notifications/service.h"
#include "notifications/storage/sqlite_notification_repository.h"
#include "storage/database.h"

namespace {

namespace fs = std::filesystem;
namespace vn = verkosto::notifications;
using Steady = std::chrono::steady_clock;

struct Settings {
  int events = 200;
  int batch = 100;
  int rounds = 3;
  std::string dir = "/tmp";
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "notify_bench: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T Must(verkosto::Result<T> r, const char* what) {
  if (!r.ok()) Die(std::string(what) + ": " + r.status().ToString());
  return std::move(r).value();
}
void Must(const verkosto::Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}

std::vector<vn::AreaInfo> Areas() {
  std::vector<vn::AreaInfo> areas;
  for (int i = 0; i < 45; ++i) {
    vn::AreaInfo a;
    a.code = verkosto::AreaCode("alue-" + std::to_string(i));
    a.name_fi = "Työllisyysalue " + std::to_string(i);
    a.name_sv = "Sysselsättningsområde " + std::to_string(i);
    a.languages = {i % 9 == 0 ? "sv" : "fi"};
    a.registry_email = "kirjaamo@alue" + std::to_string(i) + ".example.fi";
    a.director_email = "johtaja@alue" + std::to_string(i) + ".example.fi";
    a.deputy_email = "varajohtaja@alue" + std::to_string(i) + ".example.fi";
    areas.push_back(std::move(a));
  }
  return areas;
}

vn::NetworkInfo Network() {
  vn::NetworkInfo n;
  n.code = "penkkiverkosto";
  n.status = "proposed";
  n.name_fi = "Penkkiverkosto";
  n.name_sv = "Bänknätverket";
  n.name_en = "Bench network";
  n.goals = {"Yhteinen tilannekuva", "Hyvät käytännöt"};
  n.term_start = "2027-01-01";
  n.term_end = "2028-12-31";
  n.contact_name = "Verkoston yhteyshenkilö";
  n.contact_email = "yhteys@keha.example.fi";
  n.created_by = "keha-1";
  n.disclaimer_fi = "Verkosto ei edusta alueita.";
  n.disclaimer_sv = "Nätverket företräder inte områdena.";
  return n;
}

vn::Notice Proposed() {
  vn::Notice notice;
  notice.topic = vn::Topic::kNetworkProposed;
  notice.event_type = "verkosto.networks.v1.NetworkProposed";
  notice.network = Network();
  notice.actor_name = "Kaisa Koordinaattori";
  return notice;
}

vn::Notice Approved() {
  vn::Notice notice;
  notice.topic = vn::Topic::kCaseApproved;
  notice.event_type = "verkosto.nominations.v1.CaseApproved";
  notice.network = Network();
  vn::CaseInfo c;
  c.case_id = "C-2026-000001";
  c.network_code = "penkkiverkosto";
  c.area = verkosto::AreaCode("alue-3");
  c.approved = true;
  c.sender_user_id = "keha-1";
  c.sender_name = "Kaisa Koordinaattori";
  c.diary_number = "ALUE3/12/2026";
  c.decided_by_name = "Johtaja Kolme";
  c.deadline = "2027-01-31";
  vn::Person p;
  p.name = "Matti Meikäläinen";
  p.email = "matti.meikalainen@alue3.example.fi";
  c.nominees = {p};
  notice.case_info = c;
  notice.actor_name = "Johtaja Kolme";
  return notice;
}

struct Cell {
  double seconds = 0;
  size_t messages = 0;
};

// A fresh database in a fresh directory under `parent`.
struct Db {
  explicit Db(const std::string& parent) {
    char pattern[] = "notify-bench-XXXXXX";
    const fs::path templ = fs::path(parent) / pattern;
    std::string buf = templ.string();
    if (mkdtemp(buf.data()) == nullptr) Die("cannot create a directory under " + parent);
    dir = buf;
    db = Must(
        verkosto::storage::Database::Open((dir / "notifications.db").string(), vn::Migrations()),
        "open");
    vn::SqliteNotificationRepository repo(db->sqlite());
    Must(repo.UpsertAreas(Areas()), "areas");
    Must(repo.UpsertNetwork(Network()), "network");
  }
  ~Db() {
    db.reset();
    std::error_code error;
    fs::remove_all(dir, error);
  }
  fs::path dir;
  std::unique_ptr<verkosto::storage::Database> db;
};

// `events` notices, `batch` per transaction, through RecordNotice.
Cell Record(const Settings& s, const vn::Notice& notice) {
  Db db(s.dir);
  const vn::TemplateSet* templates = Must(vn::BuiltInTemplates(), "templates");
  const verkosto::TimePoint now = verkosto::SystemClock().Now();
  Cell cell;
  const auto start = Steady::now();
  for (int done = 0; done < s.events;) {
    verkosto::storage::WriteTransaction tx(db.db->sqlite());
    for (int i = 0; i < s.batch && done < s.events; ++i, ++done) {
      cell.messages +=
          Must(vn::RecordNotice(db.db->sqlite(), *templates, "networks:" + std::to_string(done + 1),
                                notice, now, "https://verkosto.example.fi"),
               "record");
    }
    Must(tx.Commit(), "commit");
  }
  cell.seconds = std::chrono::duration<double>(Steady::now() - start).count();
  return cell;
}

// The same rows, rendered once beforehand, inserted through the repository.
Cell Bare(const Settings& s, const vn::Notice& notice) {
  // What RecordNotice wrote for one event, read back from a scratch database.
  std::vector<vn::MessageRow> messages;
  std::vector<std::vector<vn::DeliveryRow>> deliveries;
  {
    Db scratch(s.dir);
    const vn::TemplateSet* templates = Must(vn::BuiltInTemplates(), "templates");
    verkosto::storage::WriteTransaction tx(scratch.db->sqlite());
    Must(vn::RecordNotice(scratch.db->sqlite(), *templates, "networks:1", notice,
                          verkosto::SystemClock().Now(), "https://verkosto.example.fi"),
         "record");
    Must(tx.Commit(), "commit");
    SQLite::Statement q(scratch.db->sqlite(),
                        "SELECT id, mailbox, template, language, subject, body_text, "
                        "body_html, link, event_type, network_code, case_id FROM messages "
                        "ORDER BY id");
    while (q.executeStep()) {
      vn::MessageRow m;
      m.mailbox = q.getColumn(1).getString();
      m.template_name = q.getColumn(2).getString();
      m.language = q.getColumn(3).getString();
      m.subject = q.getColumn(4).getString();
      m.body_text = q.getColumn(5).getString();
      m.body_html = q.getColumn(6).getString();
      m.link = q.getColumn(7).getString();
      m.event_type = q.getColumn(8).getString();
      m.network_code = q.getColumn(9).getString();
      m.case_id = q.getColumn(10).getString();
      std::vector<vn::DeliveryRow> ds;
      SQLite::Statement d(scratch.db->sqlite(),
                          "SELECT address, status FROM deliveries WHERE message_id = ?");
      d.bind(1, q.getColumn(0).getInt64());
      while (d.executeStep()) {
        vn::DeliveryRow row;
        row.mailbox = m.mailbox;
        row.address = d.getColumn(0).getString();
        row.status = d.getColumn(1).getString() == "skipped" ? vn::DeliveryStatus::kSkipped
                                                             : vn::DeliveryStatus::kPending;
        ds.push_back(std::move(row));
      }
      messages.push_back(std::move(m));
      deliveries.push_back(std::move(ds));
    }
  }
  Db db(s.dir);
  vn::SqliteNotificationRepository repo(db.db->sqlite());
  const int64_t now_us = verkosto::ToMicros(verkosto::SystemClock().Now());
  Cell cell;
  const auto start = Steady::now();
  for (int done = 0; done < s.events;) {
    verkosto::storage::WriteTransaction tx(db.db->sqlite());
    for (int i = 0; i < s.batch && done < s.events; ++i, ++done) {
      const std::string key = "networks:" + std::to_string(done + 1);
      for (size_t m = 0; m < messages.size(); ++m) {
        vn::MessageRow row = messages[m];
        row.event_key = key;
        row.created_us = now_us;
        const int64_t id = Must(repo.InsertMessage(row), "message");
        ++cell.messages;
        for (vn::DeliveryRow d : deliveries[m]) {
          d.message_id = id;
          d.event_key = key;
          d.created_us = now_us;
          d.next_attempt_us = now_us;
          Must(repo.InsertDelivery(d), "delivery");
        }
      }
    }
    Must(tx.Commit(), "commit");
  }
  cell.seconds = std::chrono::duration<double>(Steady::now() - start).count();
  return cell;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void Row(const Settings& s, const char* name, const vn::Notice& notice) {
  std::vector<double> record_us, bare_us, events_per_s;
  size_t per_event = 0;
  for (int r = 0; r < s.rounds; ++r) {
    // Alternate the order so neither always runs on a cold cache.
    Cell rec, bare;
    if (r % 2 == 0) {
      rec = Record(s, notice);
      bare = Bare(s, notice);
    } else {
      bare = Bare(s, notice);
      rec = Record(s, notice);
    }
    per_event = rec.messages / static_cast<size_t>(s.events);
    record_us.push_back(rec.seconds * 1e6 / static_cast<double>(rec.messages));
    bare_us.push_back(bare.seconds * 1e6 / static_cast<double>(bare.messages));
    events_per_s.push_back(static_cast<double>(s.events) / rec.seconds);
  }
  const double rec = Median(record_us);
  const double bare = Median(bare_us);
  std::printf(
      "%-18s %5zu msg/event  record %8.1f us/msg  bare %8.1f us/msg  ratio %5.2f  "
      "%8.0f events/s  %9.0f msg/s\n",
      name, per_event, rec, bare, rec / bare, Median(events_per_s), 1e6 / rec);
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--events") {
      s.events = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--batch") {
      s.batch = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--rounds") {
      s.rounds = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--dir") {
      s.dir = value();
    } else {
      std::fprintf(stderr,
                   "usage: notify_bench [--events N (200)] [--batch N (100)] [--rounds R (3)] "
                   "[--dir PARENT (/tmp)]\n");
      return arg == "--help" ? 0 : 2;
    }
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("notify_bench: %d events per kind, %d per transaction, median of %d rounds\n",
              s.events, s.batch, s.rounds);
  Row(s, "network proposed", Proposed());
  Row(s, "case approved", Approved());
  return 0;
}
