#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace verkosto::config {

// Where one service lives and what it listens to.
struct ServiceConfig {
  std::string name;                   // "networks", "nominations", "notifications", "gateway"
  std::string database;               // SQLite file path
  std::string rpc_endpoint;           // ROUTER bind endpoint
  std::string hint_endpoint;          // PUB bind endpoint for head hints ("" = none)
  std::vector<std::string> consumes;  // producers whose events it applies
  std::string log_level = "info";     // trace, debug, info, warn, error
  int poll_interval_ms = 1000;        // consumer fallback polling
};

// How the notifications service sends e-mail ([notifications] in TOML).
struct NotificationsConfig {
  // "smtp://host:587" (STARTTLS) or "smtps://host:465"; empty = no SMTP: each
  // e-mail is written as an .eml file under mail_dir (the default of `verkosto up`).
  std::string smtp_url;
  // The From: header and envelope sender, "Name <address>" or "address".
  std::string smtp_from = "verkosto <noreply@verkosto.invalid>";
  // SMTP AUTH user; empty = no authentication.
  std::string smtp_user;
  // File holding the SMTP password (first line). The password is never logged
  // nor written back by ToToml; only this path is.
  std::string smtp_password_file;
  // On smtp://: true = require STARTTLS (never send in clear text); false =
  // use STARTTLS when the server offers it (e.g. a loopback relay).
  bool starttls = true;
  // Members and their directors are told this many days before a term ends.
  int term_notice_days = 60;
  // Where .eml files go without SMTP; empty = "<data_dir>/mail".
  std::string mail_dir;
  // Prefix of links in e-mails, e.g. "https://verkosto.example.fi"; empty = relative links.
  std::string web_base_url;
};

// How the gateway logs people in ([auth] in TOML).
struct AuthConfig {
  // A session unused this long is over.
  int idle_timeout_minutes = 30;
  // A session is over this long after login, however busy.
  int session_lifetime_hours = 12;
  // Login throttling (docs/gateway.md): this many failed logins of one user
  // name from one address within lockout_minutes cost nothing; each further
  // one doubles the wait before the next attempt, up to lockout_minutes.
  int max_failed_logins = 5;
  int lockout_minutes = 15;
  // How many password hashes (argon2id) may run at once, over every HTTP worker.
  int hash_workers = 2;
  // How long (seconds) the HTTP side trusts a session or token it checked
  // without asking the accounts again; any account, session or token change
  // ends that at once (docs/gateway.md, fast path). 0 = ask every time.
  int session_cache_seconds = 5;
  // Mark cookies Secure (set when a TLS proxy serves the gateway over HTTPS).
  bool secure_cookies = false;
  // argon2id cost of a password hash (libsodium crypto_pwhash): passes and
  // memory in KiB. The defaults are libsodium's "interactive" limits.
  int password_hash_ops = 2;
  int password_hash_mem_kib = 65536;
  // An API token stops working this many days after it was drawn (1..3650).
  int token_days = 90;
};

// How long personal data is kept ([retention] in TOML; docs/retention.md
// gives the reasons for each default). A daily job in each service applies
// it; the public record of a nomination (name, title, area, seat, decision,
// the area's diary number) is never removed.
struct RetentionConfig {
  // Nominations: the contact data (e-mail, language) of a membership, and of
  // its nominee in the deciding case, is removed this many years after the
  // membership ended.
  int contact_years = 2;
  // Notifications: inbox messages, their deliveries and the delivery log are
  // deleted this many months after the message was created.
  int inbox_months = 12;
  // Notifications: .eml files (the transport without SMTP) are deleted this
  // many days after they were written, i.e. after the delivery.
  int eml_days = 30;
  // Outbox events are pruned once every consumer has applied them and they
  // are this many days old (runtime/outbox_retention.h, see
  // docs/retention.md).
  int events_days = 365;

  friend bool operator==(const RetentionConfig&, const RetentionConfig&) = default;
};

// [nominations] in TOML (docs/national-view.md).
struct NominationsConfig {
  // An approval warns (never refuses) when a nominee then sits in at least
  // this many current networks. 0 = never warn; at most 100.
  int load_warning_networks = 3;

  friend bool operator==(const NominationsConfig&, const NominationsConfig&) = default;
};

// The whole local system: the four services plus the gateway's HTTP side.
// Read from TOML (deploy/verkosto.example.toml documents every key):
//   data_dir = "var"
//   demo_data = true
//   [http] host = "127.0.0.1"  port = 8080  workers = 16
//          allowed_hosts = ["verkosto.example.fi"]   (default: see http_allowed_hosts)
//          public_url = "https://verkosto.example.fi"  (default: see PublicUrl)
//          metrics_token = "<32+ characters>"  (default: /metrics for loopback only)
//   [notifications] smtp_url, smtp_from, smtp_user, smtp_password_file,
//                   starttls, term_notice_days, mail_dir,
//                   web_base_url (deprecated alias of [http] public_url)
//   [auth] idle_timeout_minutes, session_lifetime_hours, max_failed_logins,
//          lockout_minutes, hash_workers, session_cache_seconds, secure_cookies,
//          password_hash_ops, password_hash_mem_kib, token_days
//   [retention] contact_years, inbox_months, eml_days, events_days
//   [nominations] load_warning_networks = 3
//   [clock] offset_days = 0            (tests only)
//   [audit] witness_interval_seconds = 600
//   [keys] dir = "var/keys"
//   [principals] networks = "<z85>", nominations = ..., notifications = ...,
//                gateway = ..., operator = ...
//   [services.networks] database = "...", rpc = "...", hints = "...",
//                       consumes = [], log_level = "info", poll_interval_ms = 1000
struct SystemConfig {
  std::string data_dir = "var";
  // Load the invented demo data set on first start (`verkosto up` does).
  bool demo_data = false;
  std::string http_host = "127.0.0.1";
  int http_port = 8080;
  // [http] workers: HTTP worker threads, each with its own connections to
  // the services (1..256). A keep-alive connection holds one while open.
  int http_workers = 16;
  // [http] allowed_hosts: the Host headers the gateway answers; any other is
  // refused (a defence against DNS rebinding). Each entry is compared with
  // the whole header, case-insensitively: "name" or "name:port" ("[::1]:8080"
  // for IPv6). Empty = the default: http_host and "localhost", each bare and
  // with the bound port. Written by ToToml only when set.
  std::vector<std::string> http_allowed_hosts;
  // [http] public_url: the address people reach the web UI at, the prefix of
  // every link in e-mails, e.g. "https://verkosto.example.fi" (an http(s)
  // URL: scheme and host, optional port and path prefix; no query, fragment
  // or trailing "/"). Empty = PublicUrl's default. Written by ToToml only
  // when set.
  std::string http_public_url;
  // [http] accessibility_contact: the e-mail address the accessibility
  // statement (/accessibility, Act 306/2019) gives for feedback and requests
  // for content in an accessible form. Empty: the statement points to the
  // registry of KEHA-keskus instead.
  std::string http_accessibility_contact;
  // [http] metrics_token: the bearer token GET /metrics asks for
  // (`Authorization: Bearer <token>`, compared in constant time, never
  // logged): 32..512 characters of A-Z a-z 0-9 - . _ ~ + / =. Empty: /metrics
  // answers only clients on the loopback addresses (127.0.0.1, ::1). Written
  // by ToToml only when set.
  std::string http_metrics_token;
  std::map<std::string, ServiceConfig> services;
  NotificationsConfig notifications;
  AuthConfig auth;
  // [retention]: written by ToToml only when it differs from the defaults.
  RetentionConfig retention{};
  // [clock] offset_days: the services' business clock (dates, deadlines,
  // terms, audit stamps) runs this many days ahead of the real one. For tests
  // only — they prove no date is written into them by running the system far
  // in the future; 0 in every real deployment. Transport deadlines stay real.
  int clock_offset_days = 0;
  // [audit] witness_interval_seconds: how often each service asks the others
  // for their audit chain heads and records the changed ones (tamper-evident
  // audit, docs/architecture.md). 1..86400.
  int witness_interval_seconds = 600;
  // [keys] dir: where this host keeps the secret CURVE keys of its programs,
  // "<dir>/<principal>.key" (0600, the directory 0700). `verkosto keys init`
  // (and `verkosto up` on first start) writes them.
  std::string keys_dir;
  // [principals] name = "<Z85 public key>": every program that may talk to
  // the services and its public key — each configured service, and
  // "operator" (the administrator's CLI). The services' ZAP handlers admit
  // these keys and no others; clients check a server by its key. A host needs
  // only the public keys of the others (deploy/README.md).
  std::map<std::string, std::string> principals;
  // [nominations]: written by ToToml only when it differs from the defaults.
  NominationsConfig nominations{};

  // The service `name`. Errors: not_found.
  Result<ServiceConfig> Service(const std::string& name) const;
};

// The services every system has, in start order.
inline const std::vector<std::string>& ServiceNames() {
  static const std::vector<std::string> kNames = {"networks", "nominations", "notifications",
                                                  "gateway"};
  return kNames;
}

// The embedded defaults of `verkosto up`: demo data on, databases under data_dir, ipc
// sockets under run_dir (kept short: ipc paths must stay under 107 bytes),
// HTTP on 127.0.0.1:http_port, keys under data_dir/keys. `principals` stays
// empty: the caller fills it from the keys (`verkosto up` makes them first).
SystemConfig DefaultSystemConfig(const std::string& data_dir, const std::string& run_dir,
                                 int http_port);

// The address of the web UI for links in e-mails: [http] public_url; else
// the deprecated [notifications] web_base_url when set; else
// "http://<http_host>:<http_port>" (the bound address; "localhost" for the
// wildcard hosts 0.0.0.0 and ::, brackets around an IPv6 address). With
// http_port 0 the port is known only once bound: `verkosto up` picks the
// port before it starts the services, so this never sees 0 there.
std::string PublicUrl(const SystemConfig& config);

// Checks a public URL as [http] public_url takes it: "" when it is one,
// else what is wrong with it (for the error naming the key).
std::string PublicUrlProblem(const std::string& url);

// The principals every configured service needs to know: the services of
// the config and "operator".
std::vector<std::string> RequiredPrincipals(const SystemConfig& config);

// Parses TOML text. Errors: invalid_argument naming the key (field =
// "services.networks.rpc"); a configured service or the operator without a
// public key in [principals], or a key that is not 40 Z85 characters.
Result<SystemConfig> ParseSystemConfig(const std::string& toml_text);

// Reads and parses a file. Errors: not_found, invalid_argument.
Result<SystemConfig> LoadSystemConfig(const std::string& path);

// Writes the config as TOML that ParseSystemConfig reads back to an equal config.
std::string ToToml(const SystemConfig& config);

}  // namespace verkosto::config
