#include "config/config.h"

#include <gtest/gtest.h>

#include "testing/keys.h"

namespace verkosto::config {
namespace {

TEST(ConfigTest, DefaultsPutDatabasesInDataDirAndSocketsInRunDir) {
  const SystemConfig config = DefaultSystemConfig("/srv/vk", "/tmp/vk", 8080);
  ASSERT_EQ(config.services.size(), 4u);
  const ServiceConfig& nominations = config.services.at("nominations");
  EXPECT_EQ(nominations.database, "/srv/vk/nominations.db");
  EXPECT_EQ(nominations.rpc_endpoint, "ipc:///tmp/vk/nominations.sock");
  EXPECT_EQ(nominations.consumes, std::vector<std::string>{"networks"});
  EXPECT_EQ(config.http_host, "127.0.0.1");
  EXPECT_EQ(config.http_port, 8080);
  EXPECT_TRUE(config.demo_data);
}

// A default config whose principals are named, as `verkosto up` writes it.
SystemConfig Configured(const std::string& data_dir, const std::string& run_dir, int port) {
  SystemConfig config = DefaultSystemConfig(data_dir, run_dir, port);
  verkosto::testing::SetExamplePrincipals(config);
  return config;
}

TEST(ConfigTest, TomlRoundTripKeepsEverything) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 9090);
  config.services["notifications"].log_level = "debug";
  config.services["notifications"].poll_interval_ms = 250;
  auto parsed = ParseSystemConfig(ToToml(config));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->http_port, 9090);
  EXPECT_EQ(parsed->data_dir, "/srv/vk");
  EXPECT_TRUE(parsed->demo_data);
  ASSERT_EQ(parsed->services.size(), 4u);
  for (const auto& [name, service] : config.services) {
    const ServiceConfig& got = parsed->services.at(name);
    EXPECT_EQ(got.database, service.database);
    EXPECT_EQ(got.rpc_endpoint, service.rpc_endpoint);
    EXPECT_EQ(got.hint_endpoint, service.hint_endpoint);
    EXPECT_EQ(got.consumes, service.consumes);
    EXPECT_EQ(got.log_level, service.log_level);
    EXPECT_EQ(got.poll_interval_ms, service.poll_interval_ms);
  }
}

TEST(ConfigTest, AllowedHostsDefaultToEmptyAndRoundTripWhenSet) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 8080);
  EXPECT_TRUE(config.http_allowed_hosts.empty());  // the frontend's default
  EXPECT_EQ(ToToml(config).find("allowed_hosts"), std::string::npos);
  config.http_allowed_hosts = {"verkosto.example.fi", "[::1]:8080"};
  auto parsed = ParseSystemConfig(ToToml(config));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->http_allowed_hosts, config.http_allowed_hosts);
}

TEST(ConfigTest, NotificationsDefaultToEmlFilesAndRoundTrip) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 9090);
  EXPECT_TRUE(config.notifications.smtp_url.empty());
  EXPECT_EQ(config.notifications.term_notice_days, 60);
  EXPECT_TRUE(config.notifications.starttls);
  config.notifications.smtp_url = "smtp://mail.example.fi:587";
  config.notifications.smtp_from = "Verkosto <verkosto@example.fi>";
  config.notifications.smtp_user = "verkosto";
  config.notifications.smtp_password_file = "/etc/verkosto/smtp.pass";
  config.notifications.starttls = false;
  config.notifications.term_notice_days = 30;
  config.notifications.mail_dir = "/srv/vk/mail";
  config.notifications.web_base_url = "https://verkosto.example.fi";
  auto parsed = ParseSystemConfig(ToToml(config));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const NotificationsConfig& n = parsed->notifications;
  EXPECT_EQ(n.smtp_url, "smtp://mail.example.fi:587");
  EXPECT_EQ(n.smtp_from, "Verkosto <verkosto@example.fi>");
  EXPECT_EQ(n.smtp_user, "verkosto");
  EXPECT_EQ(n.smtp_password_file, "/etc/verkosto/smtp.pass");
  EXPECT_FALSE(n.starttls);
  EXPECT_EQ(n.term_notice_days, 30);
  EXPECT_EQ(n.mail_dir, "/srv/vk/mail");
  EXPECT_EQ(n.web_base_url, "https://verkosto.example.fi");
}

TEST(ConfigTest, ClockOffsetIsATestKnobWrittenOnlyWhenSet) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 9090);
  EXPECT_EQ(config.clock_offset_days, 0);
  EXPECT_EQ(ToToml(config).find("[clock]"), std::string::npos);
  config.clock_offset_days = 3000;
  auto parsed = ParseSystemConfig(ToToml(config));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->clock_offset_days, 3000);
  const std::string services = "[services.networks]\ndatabase = \"a.db\"\nrpc = \"ipc:///x\"\n";
  for (const std::string bad :
       {"[clock]\noffset_days = \"400\"\n", "[clock]\noffset_days = 40000\n", "clock = 1\n"}) {
    auto refused = ParseSystemConfig(bad + services);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().field(), bad == "clock = 1\n" ? "clock" : "clock.offset_days");
  }
}

TEST(ConfigTest, RetentionHasDocumentedDefaultsAndIsWrittenOnlyWhenChanged) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 9090);
  EXPECT_EQ(config.retention.contact_years, 2);
  EXPECT_EQ(config.retention.inbox_months, 12);
  EXPECT_EQ(config.retention.eml_days, 30);
  EXPECT_EQ(config.retention.events_days, 365);
  EXPECT_EQ(ToToml(config).find("[retention]"), std::string::npos);

  // A partial section keeps the defaults of the keys it leaves out.
  auto partial = ParseSystemConfig(ToToml(config) + "[retention]\ninbox_months = 6\n");
  ASSERT_TRUE(partial.ok()) << partial.status().ToString();
  EXPECT_EQ(partial->retention.inbox_months, 6);
  EXPECT_EQ(partial->retention.contact_years, 2);
  EXPECT_EQ(partial->retention.eml_days, 30);

  config.retention = RetentionConfig{5, 24, 7, 90};
  const std::string written = ToToml(config);
  EXPECT_NE(written.find("[retention]"), std::string::npos);
  auto parsed = ParseSystemConfig(written);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->retention, config.retention);
}

TEST(ConfigTest, RetentionErrorsNameTheKey) {
  const std::string services = "[services.networks]\ndatabase = \"a.db\"\nrpc = \"ipc:///x\"\n";
  const std::pair<std::string, std::string> cases[] = {
      {"retention = 3\n", "retention"},
      {"[retention]\ncontact_years = 0\n", "retention.contact_years"},
      {"[retention]\ncontact_years = 51\n", "retention.contact_years"},
      {"[retention]\ncontact_years = \"2\"\n", "retention.contact_years"},
      {"[retention]\ninbox_months = 0\n", "retention.inbox_months"},
      {"[retention]\ninbox_months = 1.5\n", "retention.inbox_months"},
      {"[retention]\neml_days = -1\n", "retention.eml_days"},
      {"[retention]\nevents_days = 0\n", "retention.events_days"},
      {"[retention]\ncontact_year = 3\n", "retention.contact_year"},
      // A mail file may not outlive its message.
      {"[retention]\ninbox_months = 1\neml_days = 40\n", "retention.eml_days"},
  };
  for (const auto& [toml, field] : cases) {
    auto parsed = ParseSystemConfig(toml + services);
    ASSERT_FALSE(parsed.ok()) << toml;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument) << toml;
    EXPECT_EQ(parsed.status().field(), field) << toml;
  }
}

TEST(ConfigTest, NotificationErrorsNameTheKey) {
  const std::string services = "[services.networks]\ndatabase = \"a.db\"\nrpc = \"ipc:///x\"\n";
  const std::pair<std::string, std::string> cases[] = {
      {"[notifications]\nsmtp_url = \"http://x\"\n", "notifications.smtp_url"},
      {"[notifications]\nsmtp_url = 25\n", "notifications.smtp_url"},
      {"[notifications]\nterm_notice_days = 0\n", "notifications.term_notice_days"},
      {"[notifications]\nstarttls = \"yes\"\n", "notifications.starttls"},
      {"[notifications]\nsmtp_from = \"nobody\"\n", "notifications.smtp_from"},
      {"notifications = 3\n", "notifications"},
  };
  for (const auto& [toml, field] : cases) {
    auto parsed = ParseSystemConfig(toml + services);
    ASSERT_FALSE(parsed.ok()) << toml;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument) << toml;
    EXPECT_EQ(parsed.status().field(), field) << toml;
  }
}

TEST(ConfigTest, ErrorsNameTheKey) {
  struct Case {
    std::string toml;
    std::string field;
  };
  const Case cases[] = {
      {"[services.networks]\nrpc = \"ipc:///x\"\n", "services.networks.database"},
      {"[services.networks]\ndatabase = \"a.db\"\n", "services.networks.rpc"},
      {"[services.networks]\ndatabase = \"a.db\"\nrpc = \"http://x\"\n", "services.networks.rpc"},
      {"[services.networks]\ndatabase = \"a.db\"\nrpc = \"ipc:///x\"\nlog_level = \"loud\"\n",
       "services.networks.log_level"},
      {"[services.networks]\ndatabase = \"a.db\"\nrpc = \"ipc:///x\"\nconsumes = [\"nowhere\"]\n",
       "services.networks.consumes"},
      {"[http]\nport = 70000\n[services.networks]\ndatabase = \"a.db\"\nrpc = \"ipc:///x\"\n",
       "http.port"},
      {"[http]\nport = \"8080\"\n", "http.port"},
      {"[http]\nhost = 1\n", "http.host"},
      {"http = 1\n", "http"},
      {"[http]\nallowed_hosts = \"localhost\"\n", "http.allowed_hosts"},
      {"[http]\nallowed_hosts = []\n", "http.allowed_hosts"},
      {"[http]\nallowed_hosts = [\"https://verkosto.example.fi\"]\n", "http.allowed_hosts"},
      {"[http]\nallowed_hosts = [\"a b\"]\n", "http.allowed_hosts"},
      {"[http]\nallowed_hosts = [\"\"]\n", "http.allowed_hosts"},
      {"[http]\nallowed_hosts = [8080]\n", "http.allowed_hosts"},
      {"data_dir = \"x\"\n", "services"},
      {"demo_data = \"yes\"\n[services.networks]\ndatabase = \"a.db\"\nrpc = \"ipc:///x\"\n",
       "demo_data"},
      {"[services.networks]\ndatabase = \"a.db\"\nrpc = \"ipc:///" + std::string(110, 'x') + "\"\n",
       "services.networks.rpc"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseSystemConfig(c.toml);
    ASSERT_FALSE(parsed.ok()) << c.toml;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().field(), c.field) << c.toml;
  }
}

TEST(ConfigTest, EveryPrincipalNeedsAWellFormedPublicKey) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 9090);
  EXPECT_EQ(RequiredPrincipals(config),
            (std::vector<std::string>{"gateway", "networks", "nominations", "notifications",
                                      "operator"}));
  auto parsed = ParseSystemConfig(ToToml(config));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->principals, config.principals);
  EXPECT_EQ(parsed->keys_dir, "/srv/vk/keys");

  // The operator's key is missing: refused, naming it and saying what to do.
  SystemConfig missing = config;
  missing.principals.erase("operator");
  parsed = ParseSystemConfig(ToToml(missing));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().field(), "principals.operator");
  EXPECT_NE(parsed.status().message().find("verkosto keys init"), std::string::npos);

  // A key that is not 40 Z85 characters.
  SystemConfig bad = config;
  bad.principals["gateway"] = "not-a-key";
  parsed = ParseSystemConfig(ToToml(bad));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().field(), "principals.gateway");
}

TEST(ConfigTest, SyntaxErrorsNameTheLine) {
  auto parsed = ParseSystemConfig("data_dir = \"x\"\n[services\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().field(), "line 2");
}

TEST(ConfigTest, MissingFileIsNotFoundAndUnknownServiceToo) {
  EXPECT_EQ(LoadSystemConfig("/nonexistent/verkosto.toml").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(DefaultSystemConfig("d", "r", 1).Service("payroll").status().code(),
            ErrorCode::kNotFound);
}

// Issue 19, item 5: [http] accessibility_contact, the accessibility
// statement's feedback address: round-trips, and anything but an e-mail
// address is refused naming the field.
TEST(ConfigTest, AccessibilityContactIsAnEmailAddress) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 8080);
  EXPECT_EQ(ToToml(config).find("accessibility_contact"), std::string::npos);
  config.http_accessibility_contact = "saavutettavuus@keha.example.fi";
  auto parsed = ParseSystemConfig(ToToml(config));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->http_accessibility_contact, "saavutettavuus@keha.example.fi");

  std::string text = ToToml(Configured("/srv/vk", "/tmp/vk", 8080));
  text.replace(text.find("[http]\n"), 7, "[http]\naccessibility_contact = \"not an address\"\n");
  parsed = ParseSystemConfig(text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().field(), "http.accessibility_contact");
}

// Issue 18, item 4: [http] public_url, the prefix of every link in e-mails.
TEST(ConfigTest, PublicUrlRoundTripsAndDropsATrailingSlash) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 8080);
  EXPECT_EQ(ToToml(config).find("public_url"), std::string::npos) << "written only when set";
  config.http_public_url = "https://verkosto.example.fi";
  auto parsed = ParseSystemConfig(ToToml(config));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->http_public_url, "https://verkosto.example.fi");
  EXPECT_EQ(PublicUrl(*parsed), "https://verkosto.example.fi");

  std::string text = ToToml(Configured("/srv/vk", "/tmp/vk", 8080));
  text.replace(text.find("[http]\n"), 7,
               "[http]\npublic_url = \"https://keha.example.fi:8443/verkosto/\"\n");
  parsed = ParseSystemConfig(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->http_public_url, "https://keha.example.fi:8443/verkosto");
}

TEST(ConfigTest, PublicUrlDefaultsToTheDeprecatedAliasThenTheBoundAddress) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 8123);
  EXPECT_EQ(PublicUrl(config), "http://127.0.0.1:8123");
  config.http_host = "0.0.0.0";
  EXPECT_EQ(PublicUrl(config), "http://localhost:8123") << "no link to the wildcard address";
  config.http_host = "::1";
  EXPECT_EQ(PublicUrl(config), "http://[::1]:8123");
  config.notifications.web_base_url = "https://old.example.fi/";
  EXPECT_EQ(PublicUrl(config), "https://old.example.fi") << "the deprecated alias, when set";
  config.http_public_url = "https://new.example.fi";
  EXPECT_EQ(PublicUrl(config), "https://new.example.fi") << "public_url wins";
}

TEST(ConfigTest, PublicUrlErrorsNameTheKey) {
  const std::string services = "[services.networks]\ndatabase = \"a.db\"\nrpc = \"ipc:///x\"\n";
  for (const std::string url :
       {"verkosto.example.fi", "ftp://verkosto.example.fi", "https://", "https://:8080",
        "https://verkosto.example.fi/?a=1", "https://verkosto.example.fi/#top",
        "https://user:pw@verkosto.example.fi", "https://verkosto.example.fi:99999",
        "https://verkosto.example.fi:x", "https://verkosto example.fi",
        "https://verkosto.example.fi//x"}) {
    auto parsed = ParseSystemConfig("[http]\npublic_url = \"" + url + "\"\n" + services);
    ASSERT_FALSE(parsed.ok()) << url;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument) << url;
    EXPECT_EQ(parsed.status().field(), "http.public_url") << url;
  }
  auto parsed = ParseSystemConfig("[http]\npublic_url = 8080\n" + services);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().field(), "http.public_url");
}

// Issue 20, item 2: [http] metrics_token, the bearer token of GET /metrics:
// round-trips when set; a short or ill-formed one is refused naming the key,
// without repeating the value.
TEST(ConfigTest, MetricsTokenIsALongBearerToken) {
  SystemConfig config = Configured("/srv/vk", "/tmp/vk", 8080);
  EXPECT_EQ(ToToml(config).find("metrics_token"), std::string::npos) << "written only when set";
  const std::string token(40, 'a');
  config.http_metrics_token = token + "-._~+/=";
  auto parsed = ParseSystemConfig(ToToml(config));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->http_metrics_token, token + "-._~+/=");
  for (const std::string& bad :
       {std::string("\"short\""), "\"" + token + " x\"", std::string("42")}) {
    std::string text = ToToml(Configured("/srv/vk", "/tmp/vk", 8080));
    text.replace(text.find("[http]\n"), 7, "[http]\nmetrics_token = " + bad + "\n");
    parsed = ParseSystemConfig(text);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().field(), "http.metrics_token");
    EXPECT_EQ(parsed.status().message().find("short"), std::string::npos);
  }
}

}  // namespace
}  // namespace verkosto::config
