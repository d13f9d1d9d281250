#!/usr/bin/env python3
"""Query shapes at scale: the old and the new form of the queries issue 16 found slow.

Builds each service's database from its real migrations (services/*/schema), fills the
tables a query reads with synthetic rows at the sizes `verkosto seed --scale 1` leaves
(KEHA's inbox: 100 000 messages in each of its two mailboxes among 600 000; 300 000
memberships, 3 000 corrected contacts; 100 000 cases over 500 networks), and times the
query as it was before and as the repositories ask it now. Prints p50/p99 in ms over
--runs calls and the ratio old/new. SQLite only: no services, no RPC; the service-level
figures are scale_bench's (bench/README.md).

    /usr/bin/python3 bench/query_shapes.py [--runs 30]
"""
import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def migrate(db, service, upto):
    """Applies services/<service>/schema/NNNN_*.sql for NNNN <= upto."""
    folder = os.path.join(ROOT, "services", service, "schema")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".sql") and int(name[:4]) <= upto:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                db.executescript(f.read())


def fill(db, table, count, values):
    """Inserts `count` rows; `values(i)` gives the columns that matter, the other
    NOT NULL columns without a default get a filler of their type."""
    columns = db.execute(f"PRAGMA table_info({table})").fetchall()
    sample = values(0)
    names = list(sample.keys())
    for _, name, ctype, notnull, default, pk in columns:
        if name in sample or not notnull or default is not None or (pk and ctype == "INTEGER"):
            continue
        names.append(name)
    marks = ", ".join("?" for _ in names)
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"
    types = {c[1]: c[2] for c in columns}

    def row(i):
        given = values(i)
        return [given[n] if n in given else (0 if types[n] == "INTEGER" else "x") for n in names]

    db.executemany(sql, (row(i) for i in range(count)))
    db.commit()


def timed(db, sql, params, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        db.execute(sql, params).fetchall()
        times.append((time.perf_counter() - start) * 1000.0)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def report(name, old, new):
    ratio = old[0] / new[0] if new[0] > 0 else float("inf")
    print(f"| {name} | {old[0]:.2f} / {old[1]:.2f} | {new[0]:.3f} / {new[1]:.3f} | {ratio:.0f}x |")
    sys.stdout.flush()


MESSAGE_COLUMNS = ("id, event_key, mailbox, template, language, subject, body_text, body_html, "
                   "link, event_type, network_code, case_id, created_us, read_us")


def inbox(folder, runs):
    path = os.path.join(folder, "notifications.db")
    db = sqlite3.connect(path)
    migrate(db, "notifications", 7)
    mailboxes = ["user:keha-1", "email:keha@keha.fi"]

    def message(i):
        kind = i % 6
        mailbox = (mailboxes[kind] if kind < 2 else
                   f"registry:a{i % 45}" if kind == 2 else
                   f"leadership:a{i % 45}" if kind == 3 else f"email:p{i % 50000}@x.fi")
        # One in seven unread: people read their messages.
        return {"event_key": f"nominations:{i}", "mailbox": mailbox,
                "subject": f"Subject {i}", "body_text": f"Body of message {i}" * 4,
                "created_us": 1_000_000 + i * 1000, "read_us": None if i % 7 == 0 else 5}

    fill(db, "messages", 600_000, message)
    marks = ", ".join("?" for _ in mailboxes)
    count = ("SELECT COUNT(*) FROM messages WHERE read_us IS NULL AND mailbox IN "
             f"({marks})")
    unread = (f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE mailbox IN ({marks}) "
              "AND read_us IS NULL ORDER BY created_us DESC, id DESC LIMIT 101")
    page = (f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE mailbox IN ({marks}) "
            "ORDER BY created_us DESC, id DESC LIMIT 101")
    old_count = timed(db, count, mailboxes, runs)
    old_unread = timed(db, unread, mailboxes, runs)
    old_page = timed(db, page, mailboxes, runs)
    migrate_one(db, "notifications", 8)
    new_count = timed(db, "SELECT COALESCE(SUM(unread), 0) FROM unread_counts WHERE mailbox IN "
                      f"({marks})", mailboxes, runs)
    new_unread = timed(db, unread, mailboxes, runs)
    new_page = timed(db, page, mailboxes, runs)
    report("notifications: KEHA's unread count (2 mailboxes of 100 000, 1 in 7 unread)",
           old_count, new_count)
    report("notifications: KEHA's inbox, unread only, first page", old_unread, new_unread)
    report("notifications: KEHA's inbox, first page (shape unchanged)", old_page, new_page)
    db.close()


def migrate_one(db, service, number):
    folder = os.path.join(ROOT, "services", service, "schema")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".sql") and int(name[:4]) == number:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                db.executescript(f.read())


def memberships(folder, runs):
    path = os.path.join(folder, "nominations.db")
    db = sqlite3.connect(path)
    migrate(db, "nominations", 10)
    fill(db, "cases", 100_000, lambda i: {
        "id": f"r-{i:012x}.a{i % 45}", "seq": i, "network_code": f"net{i % 500}",
        "area_code": f"a{i % 45}", "kind": "nomination"})
    fill(db, "memberships", 300_000, lambda i: {
        "id": f"r-{i // 3:012x}.a{(i // 3) % 45}.{i % 3 + 1}", "network_code": f"net{(i // 3) % 500}",
        "area_code": f"a{(i // 3) % 45}", "case_id": f"r-{i // 3:012x}.a{(i // 3) % 45}",
        "email": f"Person{i % 60000}@x.fi", "started": "2020-01-01",
        "ended": "2021-01-01" if i % 2 == 0 else None})
    fill(db, "membership_contacts", 3_000, lambda i: {
        "membership_id": f"r-{i * 97 // 3:012x}.a{(i * 97 // 3) % 45}.{(i * 97) % 3 + 1}",
        "email": f"new{i}@x.fi", "user_id": f"u{i}"})
    order = " ORDER BY (ended IS NULL) DESC, started DESC, id DESC LIMIT 101"
    old = timed(db, "SELECT * FROM memberships WHERE id IN (SELECT m.id FROM memberships m "
                "LEFT JOIN membership_contacts c ON c.membership_id = m.id WHERE "
                "(?1 <> '' AND lower(COALESCE(c.email, m.email)) = lower(?1)) OR "
                "(?2 <> '' AND c.user_id = ?2))" + order, ["person77@x.fi", "u5"], runs)
    old_matrix = timed(db, "SELECT * FROM cases WHERE network_code = ? ORDER BY seq DESC",
                       ["net7"], runs)
    migrate_one(db, "nominations", 11)
    new = timed(db, "SELECT * FROM memberships WHERE id IN (SELECT m.id FROM memberships m "
                "WHERE ?1 <> '' AND lower(m.email) = lower(?1) AND NOT EXISTS (SELECT 1 FROM "
                "membership_contacts k WHERE k.membership_id = m.id) UNION ALL SELECT "
                "c.membership_id FROM membership_contacts c WHERE ?1 <> '' AND lower(c.email) = "
                "lower(?1) UNION ALL SELECT c.membership_id FROM membership_contacts c WHERE "
                "?2 <> '' AND c.user_id = ?2)" + order, ["person77@x.fi", "u5"], runs)
    new_matrix = timed(db, "SELECT * FROM cases c WHERE c.network_code = ? AND c.seq IN (SELECT "
                       "MAX(x.seq) FROM cases x WHERE x.network_code = ? GROUP BY x.area_code) "
                       "ORDER BY c.seq DESC", ["net7", "net7"], runs)
    report("nominations: a nominee's own memberships (300 000)", old, new)
    report("nominations: the matrix's cases of a network (200 → 45 rows)", old_matrix, new_matrix)
    db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(f"sqlite {sqlite3.sqlite_version}, {args.runs} runs each; ms p50 / p99\n")
    print("| query | before | after | p50 ratio |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="query-shapes-") as folder:
        inbox(folder, args.runs)
        memberships(folder, args.runs)


if __name__ == "__main__":
    main()
