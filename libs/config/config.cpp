#include "config/config.h"

#include <toml++/toml.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include "core/email.h"

namespace verkosto::config {

namespace {

const char* const kLogLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};

Status CheckEndpoint(const std::string& value, const std::string& field, bool optional) {
  if (value.empty()) {
    return optional ? Status::Ok() : Status::InvalidArgument(field, "is required");
  }
  if (value.rfind("ipc://", 0) == 0) {
    if (value.size() - 6 >= 107) {
      return Status::InvalidArgument(field, "ipc path is longer than 106 bytes");
    }
    return Status::Ok();
  }
  if (value.rfind("tcp://", 0) == 0 || value.rfind("inproc://", 0) == 0) return Status::Ok();
  return Status::InvalidArgument(field, "must start with ipc://, tcp:// or inproc://");
}

// A Host header value: a name or address, optionally ":port"; no scheme,
// path, user or blank.
bool LooksLikeHostHeader(const std::string& host) {
  if (host.empty() || host.size() > 255) return false;
  for (const char c : host) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '/' || c == '\\' || c == '@' || c == '?' || c == '#') {
      return false;
    }
  }
  return true;
}

// A bearer token as RFC 6750 writes one (b64token), long enough not to be guessed.
bool IsMetricsToken(const std::string& token) {
  if (token.size() < 32 || token.size() > 512) return false;
  for (const char c : token) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' ||
                    c == '=';
    if (!ok) return false;
  }
  return true;
}

Status ParseHttp(const toml::table& root, SystemConfig* config) {
  // Without [http], h and its keys are empty views: the defaults stay.
  const toml::node_view<const toml::node> h = root["http"];
  if (h && !h.is_table()) return Status::InvalidArgument("http", "must be a table");
  const std::optional<std::string> host =
      h["host"] ? h["host"].value<std::string>() : config->http_host;
  const std::optional<int64_t> port =
      h["port"] && h["port"].is_integer() ? h["port"].value<int64_t>() : std::nullopt;
  if (!host) return Status::InvalidArgument("http.host", "must be a string");
  if (h["port"] && (!port || *port < 0 || *port > 65535)) {
    return Status::InvalidArgument("http.port", "must be a whole number 0..65535");
  }
  config->http_host = *host;
  if (port) config->http_port = static_cast<int>(*port);
  if (h["workers"]) {
    const std::optional<int64_t> workers =
        h["workers"].is_integer() ? h["workers"].value<int64_t>() : std::nullopt;
    if (!workers || *workers < 1 || *workers > 256) {
      return Status::InvalidArgument("http.workers", "must be a whole number 1..256");
    }
    config->http_workers = static_cast<int>(*workers);
  }
  if (h["public_url"]) {
    const std::optional<std::string> url = h["public_url"].value<std::string>();
    if (!url) return Status::InvalidArgument("http.public_url", "must be a string");
    std::string normal = *url;
    while (!normal.empty() && normal.back() == '/') normal.pop_back();
    if (const std::string problem = PublicUrlProblem(normal); !problem.empty()) {
      return Status::InvalidArgument("http.public_url", problem);
    }
    config->http_public_url = normal;
  }
  if (h["accessibility_contact"]) {
    const std::optional<std::string> contact = h["accessibility_contact"].value<std::string>();
    if (!contact || !IsValidEmail(*contact)) {
      return Status::InvalidArgument(
          "http.accessibility_contact",
          "must be an e-mail address, e.g. \"saavutettavuus@example.fi\"");
    }
    config->http_accessibility_contact = *contact;
  }
  if (h["metrics_token"]) {
    // The message never repeats the value: it is a secret.
    const std::optional<std::string> token = h["metrics_token"].value<std::string>();
    if (!token || !IsMetricsToken(*token)) {
      return Status::InvalidArgument(
          "http.metrics_token",
          "must be a string of 32 to 512 characters from A-Z a-z 0-9 - . _ ~ + / = "
          "(e.g. the output of `openssl rand -hex 32`)");
    }
    config->http_metrics_token = *token;
  }
  const toml::node_view<const toml::node> allowed = h["allowed_hosts"];
  if (!allowed) return Status::Ok();
  const toml::array* hosts = allowed.as_array();
  if (hosts == nullptr || hosts->empty()) {
    return Status::InvalidArgument(
        "http.allowed_hosts",
        "must be a non-empty list of Host header values such as \"verkosto.example.fi\"");
  }
  for (const toml::node& item : *hosts) {
    const std::optional<std::string> entry = item.value<std::string>();
    if (!entry || !LooksLikeHostHeader(*entry)) {
      return Status::InvalidArgument("http.allowed_hosts",
                                     "each entry must be a host name or address with an "
                                     "optional :port, as browsers send it in the Host header "
                                     "(no scheme, path or blanks)");
    }
    config->http_allowed_hosts.push_back(*entry);
  }
  return Status::Ok();
}

Status ParseNotifications(const toml::table& root, NotificationsConfig* out) {
  const toml::node_view<const toml::node> n = root["notifications"];
  if (!n) return Status::Ok();
  if (!n.is_table()) return Status::InvalidArgument("notifications", "must be a table");
  for (const char* key :
       {"smtp_url", "smtp_from", "smtp_user", "smtp_password_file", "mail_dir", "web_base_url"}) {
    if (n[key] && !n[key].is_string()) {
      return Status::InvalidArgument(std::string("notifications.") + key, "must be a string");
    }
  }
  out->smtp_url = n["smtp_url"].value_or(out->smtp_url);
  out->smtp_from = n["smtp_from"].value_or(out->smtp_from);
  out->smtp_user = n["smtp_user"].value_or(out->smtp_user);
  out->smtp_password_file = n["smtp_password_file"].value_or(out->smtp_password_file);
  out->mail_dir = n["mail_dir"].value_or(out->mail_dir);
  out->web_base_url = n["web_base_url"].value_or(out->web_base_url);
  if (n["starttls"] && !n["starttls"].is_boolean()) {
    return Status::InvalidArgument("notifications.starttls", "must be true or false");
  }
  out->starttls = n["starttls"].value_or(out->starttls);
  const int64_t days = n["term_notice_days"].value_or(int64_t{out->term_notice_days});
  if (days < 1 || days > 365) {
    return Status::InvalidArgument("notifications.term_notice_days", "must be 1..365");
  }
  out->term_notice_days = static_cast<int>(days);
  if (!out->smtp_url.empty() && out->smtp_url.rfind("smtp://", 0) != 0 &&
      out->smtp_url.rfind("smtps://", 0) != 0) {
    return Status::InvalidArgument("notifications.smtp_url", "must start with smtp:// or smtps://");
  }
  if (out->smtp_from.find('@') == std::string::npos) {
    return Status::InvalidArgument("notifications.smtp_from", "must contain an e-mail address");
  }
  return Status::Ok();
}

Status ParseAuth(const toml::table& root, AuthConfig* out) {
  const toml::node_view<const toml::node> a = root["auth"];
  if (!a) return Status::Ok();
  if (!a.is_table()) return Status::InvalidArgument("auth", "must be a table");
  if (a["secure_cookies"] && !a["secure_cookies"].is_boolean()) {
    return Status::InvalidArgument("auth.secure_cookies", "must be true or false");
  }
  out->secure_cookies = a["secure_cookies"].value_or(out->secure_cookies);
  struct Limit {
    const char* key;
    int* value;
    int64_t min;
    int64_t max;
  };
  for (const Limit& l :
       {Limit{"idle_timeout_minutes", &out->idle_timeout_minutes, 1, int64_t{24} * 60},
        Limit{"session_lifetime_hours", &out->session_lifetime_hours, 1, int64_t{24} * 30},
        Limit{"max_failed_logins", &out->max_failed_logins, 1, 1000},
        Limit{"lockout_minutes", &out->lockout_minutes, 1, int64_t{24} * 60},
        Limit{"hash_workers", &out->hash_workers, 1, 64},
        Limit{"session_cache_seconds", &out->session_cache_seconds, 0, 300},
        Limit{"password_hash_ops", &out->password_hash_ops, 1, 64},
        Limit{"password_hash_mem_kib", &out->password_hash_mem_kib, 8, int64_t{4} * 1024 * 1024},
        Limit{"token_days", &out->token_days, 1, 3650}}) {
    if (a[l.key] && !a[l.key].is_integer()) {
      return Status::InvalidArgument(std::string("auth.") + l.key, "must be an integer");
    }
    const int64_t v = a[l.key].value_or(int64_t{*l.value});
    if (v < l.min || v > l.max) {
      return Status::InvalidArgument(
          std::string("auth.") + l.key,
          "must be " + std::to_string(l.min) + ".." + std::to_string(l.max));
    }
    *l.value = static_cast<int>(v);
  }
  return Status::Ok();
}

Status ParseRetention(const toml::table& root, RetentionConfig* out) {
  const toml::node_view<const toml::node> r = root["retention"];
  if (!r) return Status::Ok();
  if (!r.is_table()) return Status::InvalidArgument("retention", "must be a table");
  struct Limit {
    const char* key;
    int* value;
    int64_t min;
    int64_t max;
  };
  for (const Limit& l : {Limit{"contact_years", &out->contact_years, 1, 50},
                         Limit{"inbox_months", &out->inbox_months, 1, 120},
                         Limit{"eml_days", &out->eml_days, 1, 3650},
                         Limit{"events_days", &out->events_days, 1, 36500}}) {
    if (r[l.key] && !r[l.key].is_integer()) {
      return Status::InvalidArgument(std::string("retention.") + l.key, "must be an integer");
    }
    const int64_t v = r[l.key].value_or(int64_t{*l.value});
    if (v < l.min || v > l.max) {
      return Status::InvalidArgument(
          std::string("retention.") + l.key,
          "must be " + std::to_string(l.min) + ".." + std::to_string(l.max));
    }
    *l.value = static_cast<int>(v);
  }
  if (const toml::table* table = r.as_table()) {
    for (const auto& [key, unused] : *table) {
      const std::string name(key.str());
      if (name != "contact_years" && name != "inbox_months" && name != "eml_days" &&
          name != "events_days") {
        return Status::InvalidArgument("retention." + name, "is not a retention setting");
      }
    }
  }
  // A mail file must not outlive the message it carries (28 days: the
  // shortest month, so the check holds whatever the months are).
  if (int64_t{out->eml_days} > int64_t{out->inbox_months} * 28) {
    return Status::InvalidArgument("retention.eml_days",
                                   "must not exceed inbox_months (in days, 28 a month)");
  }
  return Status::Ok();
}

Status ParseClock(const toml::table& root, int* offset_days) {
  const toml::node_view<const toml::node> c = root["clock"];
  if (!c) return Status::Ok();
  if (!c.is_table()) return Status::InvalidArgument("clock", "must be a table");
  if (c["offset_days"] && !c["offset_days"].is_integer()) {
    return Status::InvalidArgument("clock.offset_days", "must be an integer");
  }
  const int64_t days = c["offset_days"].value_or(int64_t{0});
  if (days < -36500 || days > 36500) {
    return Status::InvalidArgument("clock.offset_days", "must be -36500..36500");
  }
  *offset_days = static_cast<int>(days);
  return Status::Ok();
}

Status ParseAudit(const toml::table& root, int* witness_interval_seconds) {
  const toml::node_view<const toml::node> a = root["audit"];
  if (!a) return Status::Ok();
  if (!a.is_table()) return Status::InvalidArgument("audit", "must be a table");
  const toml::node_view<const toml::node> v = a["witness_interval_seconds"];
  if (!v) return Status::Ok();
  if (!v.is_integer() || *v.value<int64_t>() < 1 || *v.value<int64_t>() > 86400) {
    return Status::InvalidArgument("audit.witness_interval_seconds", "must be 1..86400");
  }
  *witness_interval_seconds = static_cast<int>(*v.value<int64_t>());
  return Status::Ok();
}

Status ParseNominations(const toml::table& root, NominationsConfig* nominations) {
  const toml::node_view<const toml::node> n = root["nominations"];
  if (!n) return Status::Ok();
  if (!n.is_table()) return Status::InvalidArgument("nominations", "must be a table");
  for (const auto& [key, value] : *n.as_table()) {
    if (key.str() != "load_warning_networks") {
      return Status::InvalidArgument("nominations." + std::string(key.str()),
                                     "is not a nominations setting");
    }
  }
  const toml::node_view<const toml::node> v = n["load_warning_networks"];
  if (!v) return Status::Ok();
  if (!v.is_integer() || *v.value<int64_t>() < 0 || *v.value<int64_t>() > 100) {
    return Status::InvalidArgument("nominations.load_warning_networks", "must be 0..100");
  }
  nominations->load_warning_networks = static_cast<int>(*v.value<int64_t>());
  return Status::Ok();
}

// 40 characters of the Z85 alphabet: the text form of a CURVE key.
bool LooksLikeZ85Key(const std::string& key) {
  static constexpr std::string_view kAlphabet =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
  if (key.size() != 40) return false;
  for (const char c : key) {
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

Status ParseKeys(const toml::table& root, SystemConfig* config) {
  const toml::node_view<const toml::node> k = root["keys"];
  if (k && !k.is_table()) return Status::InvalidArgument("keys", "must be a table");
  if (k["dir"] && !k["dir"].is_string()) {
    return Status::InvalidArgument("keys.dir", "must be a string");
  }
  config->keys_dir = k["dir"].value_or(config->data_dir + "/keys");
  const toml::node_view<const toml::node> p = root["principals"];
  if (!p) return Status::Ok();
  const toml::table* principals = p.as_table();
  if (principals == nullptr) return Status::InvalidArgument("principals", "must be a table");
  for (const auto& [name, node] : *principals) {
    const std::string field = "principals." + std::string(name.str());
    const std::optional<std::string> key = node.value<std::string>();
    if (!key || !LooksLikeZ85Key(*key)) {
      return Status::InvalidArgument(field, "must be a CURVE public key (40 Z85 characters)");
    }
    config->principals[std::string(name.str())] = *key;
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string> RequiredPrincipals(const SystemConfig& config) {
  std::vector<std::string> names;
  for (const auto& [name, unused] : config.services) names.push_back(name);
  names.emplace_back("operator");
  return names;
}

Result<ServiceConfig> SystemConfig::Service(const std::string& name) const {
  const auto it = services.find(name);
  if (it == services.end()) return Status::NotFound("no service '" + name + "' in the config");
  return it->second;
}

SystemConfig DefaultSystemConfig(const std::string& data_dir, const std::string& run_dir,
                                 int http_port) {
  SystemConfig config;
  config.data_dir = data_dir;
  config.demo_data = true;
  config.http_port = http_port;
  config.keys_dir = data_dir + "/keys";
  const std::map<std::string, std::vector<std::string>> consumes = {
      {"networks", {}},
      {"nominations", {"networks"}},
      {"notifications", {"networks", "nominations"}},
      {"gateway", {}},
  };
  for (const std::string& name : ServiceNames()) {
    ServiceConfig service;
    service.name = name;
    service.database = data_dir + "/" + name + ".db";
    service.rpc_endpoint = "ipc://" + run_dir + "/" + name + ".sock";
    if (name != "gateway") service.hint_endpoint = "ipc://" + run_dir + "/" + name + ".hints";
    service.consumes = consumes.at(name);
    config.services[name] = service;
  }
  return config;
}

Result<SystemConfig> ParseSystemConfig(const std::string& toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << "line " << e.source().begin.line;
    return Status::InvalidArgument(where.str(), std::string(e.description()));
  }
  SystemConfig config;
  config.data_dir = root["data_dir"].value_or(config.data_dir);
  if (root.contains("demo_data") && !root["demo_data"].is_boolean()) {
    return Status::InvalidArgument("demo_data", "must be true or false");
  }
  config.demo_data = root["demo_data"].value_or(false);
  VERKOSTO_RETURN_IF_ERROR(ParseHttp(root, &config));
  VERKOSTO_RETURN_IF_ERROR(ParseNotifications(root, &config.notifications));
  VERKOSTO_RETURN_IF_ERROR(ParseAuth(root, &config.auth));
  VERKOSTO_RETURN_IF_ERROR(ParseRetention(root, &config.retention));
  VERKOSTO_RETURN_IF_ERROR(ParseClock(root, &config.clock_offset_days));
  VERKOSTO_RETURN_IF_ERROR(ParseAudit(root, &config.witness_interval_seconds));
  VERKOSTO_RETURN_IF_ERROR(ParseNominations(root, &config.nominations));

  const toml::table* services = root["services"].as_table();
  if (services == nullptr) return Status::InvalidArgument("services", "is required");
  for (const auto& [key, node] : *services) {
    const std::string name(key.str());
    const std::string prefix = "services." + name;
    const toml::table* t = node.as_table();
    if (t == nullptr) return Status::InvalidArgument(prefix, "must be a table");
    ServiceConfig service;
    service.name = name;
    service.database = (*t)["database"].value_or(std::string());
    service.rpc_endpoint = (*t)["rpc"].value_or(std::string());
    service.hint_endpoint = (*t)["hints"].value_or(std::string());
    service.log_level = (*t)["log_level"].value_or(std::string("info"));
    service.poll_interval_ms = static_cast<int>((*t)["poll_interval_ms"].value_or(int64_t{1000}));
    if (service.database.empty())
      return Status::InvalidArgument(prefix + ".database", "is required");
    VERKOSTO_RETURN_IF_ERROR(CheckEndpoint(service.rpc_endpoint, prefix + ".rpc", false));
    VERKOSTO_RETURN_IF_ERROR(CheckEndpoint(service.hint_endpoint, prefix + ".hints", true));
    bool level_ok = false;
    for (const char* level : kLogLevels) level_ok = level_ok || service.log_level == level;
    if (!level_ok) {
      return Status::InvalidArgument(
          prefix + ".log_level", "must be one of trace, debug, info, warn, error, critical, off");
    }
    if (service.poll_interval_ms < 10) {
      return Status::InvalidArgument(prefix + ".poll_interval_ms", "must be at least 10");
    }
    if (const toml::array* consumes = (*t)["consumes"].as_array()) {
      for (const auto& item : *consumes) {
        const auto producer = item.value<std::string>();
        if (!producer) return Status::InvalidArgument(prefix + ".consumes", "must list names");
        service.consumes.push_back(*producer);
      }
    }
    config.services[name] = service;
  }
  VERKOSTO_RETURN_IF_ERROR(ParseKeys(root, &config));
  for (const auto& [name, service] : config.services) {
    for (const std::string& producer : service.consumes) {
      const auto it = config.services.find(producer);
      if (it == config.services.end() || producer == name) {
        return Status::InvalidArgument("services." + name + ".consumes",
                                       "'" + producer + "' is not another configured service");
      }
    }
  }
  for (const std::string& name : RequiredPrincipals(config)) {
    if (config.principals.count(name) == 0) {
      return Status::InvalidArgument(
          "principals." + name,
          "is required: the public key of " + name + " (`verkosto keys init` makes the keys)");
    }
  }
  return config;
}

Result<SystemConfig> LoadSystemConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read config file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseSystemConfig(text.str());
}

std::string PublicUrlProblem(const std::string& url) {
  const std::string example = " (e.g. \"https://verkosto.example.fi\")";
  size_t rest = 0;
  if (url.rfind("https://", 0) == 0) {
    rest = 8;
  } else if (url.rfind("http://", 0) == 0) {
    rest = 7;
  } else {
    return "must start with http:// or https://" + example;
  }
  const size_t path = url.find('/', rest);
  const std::string authority = url.substr(rest, path == std::string::npos ? path : path - rest);
  if (authority.empty() || authority.front() == ':') return "must name a host" + example;
  if (authority.find('@') != std::string::npos) return "must not carry a user or password";
  for (const char c : url) {
    if (c == '?' || c == '#') return "must not have a query or fragment" + example;
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return "must not contain blanks or control characters";
    }
  }
  const size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
    const std::string port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) < 1 ||
        std::stoi(port) > 65535) {
      return "must have a port 1..65535 after the host, or none";
    }
  }
  if (path != std::string::npos && url.find("//", path) != std::string::npos) {
    return "must not have an empty path segment";
  }
  return {};
}

std::string PublicUrl(const SystemConfig& config) {
  if (!config.http_public_url.empty()) return config.http_public_url;
  std::string legacy = config.notifications.web_base_url;
  while (!legacy.empty() && legacy.back() == '/') legacy.pop_back();
  if (!legacy.empty()) return legacy;
  std::string host = config.http_host;
  if (host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]") host = "localhost";
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(config.http_port);
}

std::string ToToml(const SystemConfig& config) {
  toml::table root;
  root.insert("data_dir", config.data_dir);
  root.insert("demo_data", config.demo_data);
  toml::table http{
      {"host", config.http_host}, {"port", config.http_port}, {"workers", config.http_workers}};
  if (!config.http_allowed_hosts.empty()) {
    toml::array allowed;
    for (const std::string& host : config.http_allowed_hosts) allowed.push_back(host);
    http.insert("allowed_hosts", allowed);
  }
  if (!config.http_public_url.empty()) http.insert("public_url", config.http_public_url);
  if (!config.http_accessibility_contact.empty()) {
    http.insert("accessibility_contact", config.http_accessibility_contact);
  }
  if (!config.http_metrics_token.empty()) http.insert("metrics_token", config.http_metrics_token);
  root.insert("http", http);
  toml::table services;
  for (const auto& [name, s] : config.services) {
    toml::array consumes;
    for (const std::string& producer : s.consumes) consumes.push_back(producer);
    services.insert(name, toml::table{{"database", s.database},
                                      {"rpc", s.rpc_endpoint},
                                      {"hints", s.hint_endpoint},
                                      {"consumes", consumes},
                                      {"log_level", s.log_level},
                                      {"poll_interval_ms", s.poll_interval_ms}});
  }
  root.insert("services", services);
  const NotificationsConfig& n = config.notifications;
  root.insert("notifications", toml::table{{"smtp_url", n.smtp_url},
                                           {"smtp_from", n.smtp_from},
                                           {"smtp_user", n.smtp_user},
                                           {"smtp_password_file", n.smtp_password_file},
                                           {"starttls", n.starttls},
                                           {"term_notice_days", n.term_notice_days},
                                           {"mail_dir", n.mail_dir},
                                           {"web_base_url", n.web_base_url}});
  const AuthConfig& a = config.auth;
  root.insert("auth", toml::table{{"idle_timeout_minutes", a.idle_timeout_minutes},
                                  {"session_lifetime_hours", a.session_lifetime_hours},
                                  {"max_failed_logins", a.max_failed_logins},
                                  {"lockout_minutes", a.lockout_minutes},
                                  {"hash_workers", a.hash_workers},
                                  {"session_cache_seconds", a.session_cache_seconds},
                                  {"secure_cookies", a.secure_cookies},
                                  {"password_hash_ops", a.password_hash_ops},
                                  {"password_hash_mem_kib", a.password_hash_mem_kib},
                                  {"token_days", a.token_days}});
  root.insert("audit", toml::table{{"witness_interval_seconds", config.witness_interval_seconds}});
  root.insert("keys", toml::table{{"dir", config.keys_dir}});
  toml::table principals;
  for (const auto& [name, key] : config.principals) principals.insert(name, key);
  root.insert("principals", principals);
  // Written only when set, like [clock]: a config keeps following the
  // documented defaults unless it chose otherwise.
  if (config.retention != RetentionConfig{}) {
    const RetentionConfig& r = config.retention;
    root.insert("retention", toml::table{{"contact_years", r.contact_years},
                                         {"inbox_months", r.inbox_months},
                                         {"eml_days", r.eml_days},
                                         {"events_days", r.events_days}});
  }
  if (config.nominations != NominationsConfig{}) {
    root.insert("nominations",
                toml::table{{"load_warning_networks", config.nominations.load_warning_networks}});
  }
  // Written only when set: a test-only knob stays out of real configs.
  if (config.clock_offset_days != 0) {
    root.insert("clock", toml::table{{"offset_days", config.clock_offset_days}});
  }
  std::ostringstream out;
  out << root << "\n";
  return out.str();
}

}  // namespace verkosto::config
