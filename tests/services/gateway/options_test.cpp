// The [auth] section of the system config and the gateway options made from it.
#include <gtest/gtest.h>

#include "config/config.h"
#include "gateway/service.h"
#include "testing/keys.h"

namespace verkosto::gateway {
namespace {

TEST(GatewayOptionsTest, TheAuthSectionSetsPolicyHashCostAndCookies) {
  config::SystemConfig system = config::DefaultSystemConfig("/srv/vk", "/tmp/vk", 8080);
  verkosto::testing::SetExamplePrincipals(system);
  system.auth.idle_timeout_minutes = 10;
  system.auth.max_failed_logins = 3;
  system.auth.lockout_minutes = 20;
  system.auth.hash_workers = 3;
  system.auth.secure_cookies = true;
  system.auth.password_hash_ops = 3;
  system.auth.password_hash_mem_kib = 32768;
  system.auth.token_days = 30;
  system.auth.session_cache_seconds = 2;
  system.http_workers = 4;
  auto parsed = config::ParseSystemConfig(config::ToToml(system));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const GatewayOptions options = OptionsFromConfig(*parsed);
  EXPECT_EQ(options.accounts.policy.idle_timeout, std::chrono::minutes(10));
  const LoginThrottlePolicy& throttle = options.accounts.policy.throttle;
  EXPECT_EQ(throttle.name_at_address.free_failures, 3);
  EXPECT_EQ(throttle.name_at_address.max_delay, std::chrono::minutes(20));
  EXPECT_EQ(throttle.address.max_delay, std::chrono::minutes(20));
  EXPECT_EQ(throttle.name.window, std::chrono::minutes(20));
  EXPECT_EQ(throttle.name.max_delay, std::chrono::minutes(1));  // short: nobody locks anyone out
  EXPECT_EQ(options.http.hash_workers, 3);
  EXPECT_EQ(options.http.hash.ops_limit, 3u);
  EXPECT_EQ(options.accounts.hash.ops_limit, 3u);
  EXPECT_EQ(options.accounts.hash.mem_limit, 32768u * 1024u);
  EXPECT_TRUE(options.http.secure_cookies);
  EXPECT_EQ(options.http.policy.idle_timeout, std::chrono::minutes(10));
  EXPECT_EQ(options.accounts.policy.api_token_lifetime, std::chrono::hours(24 * 30));
  EXPECT_EQ(options.http.session_cache, std::chrono::seconds(2));
  EXPECT_EQ(options.http.workers, 4);
}

TEST(GatewayOptionsTest, TheFastPathAndTheWorkerPoolHaveDefaultsAndBounds) {
  config::SystemConfig system = config::DefaultSystemConfig("/srv", "/tmp/x", 80);
  verkosto::testing::SetExamplePrincipals(system);
  EXPECT_EQ(OptionsFromConfig(system).http.session_cache, std::chrono::seconds(5));
  EXPECT_EQ(OptionsFromConfig(system).http.workers, 16);
  const std::string text = config::ToToml(system);
  struct Case {
    const char* key;
    const char* bad;
    const char* field;
  };
  for (const Case& c : {Case{"session_cache_seconds = 5", "session_cache_seconds = 301",
                             "auth.session_cache_seconds"},
                        Case{"session_cache_seconds = 5", "session_cache_seconds = -1",
                             "auth.session_cache_seconds"},
                        Case{"workers = 16", "workers = 0", "http.workers"},
                        Case{"workers = 16", "workers = 257", "http.workers"},
                        Case{"workers = 16", "workers = \"8\"", "http.workers"}}) {
    std::string changed = text;
    const auto at = changed.find(c.key);
    ASSERT_NE(at, std::string::npos) << c.key;
    changed.replace(at, std::string(c.key).size(), c.bad);
    auto parsed = config::ParseSystemConfig(changed);
    ASSERT_FALSE(parsed.ok()) << c.bad;
    EXPECT_EQ(parsed.status().field(), c.field) << c.bad;
  }
  std::string off = text;
  off.replace(off.find("session_cache_seconds = 5"),
              std::string("session_cache_seconds = 5").size(), "session_cache_seconds = 0");
  auto parsed = config::ParseSystemConfig(off);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(OptionsFromConfig(*parsed).http.session_cache, std::chrono::seconds(0));
}

TEST(GatewayOptionsTest, ApiTokensLastNinetyDaysUnlessTheConfigSaysOtherwise) {
  const config::SystemConfig system = config::DefaultSystemConfig("/srv", "/tmp/x", 80);
  EXPECT_EQ(OptionsFromConfig(system).accounts.policy.api_token_lifetime,
            std::chrono::hours(24 * 90));
  std::string text = config::ToToml(system);
  const auto at = text.find("token_days = 90");
  ASSERT_NE(at, std::string::npos);
  for (const char* bad : {"token_days = 0", "token_days = 3651", "token_days = \"90\""}) {
    std::string changed = text;
    changed.replace(at, std::string("token_days = 90").size(), bad);
    auto parsed = config::ParseSystemConfig(changed);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().field(), "auth.token_days") << bad;
  }
}

TEST(GatewayOptionsTest, ABadAuthValueNamesItsKey) {
  const std::string toml = config::ToToml(config::DefaultSystemConfig("/srv", "/tmp/x", 80));
  std::string text = toml;
  const auto at = text.find("idle_timeout_minutes = 30");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("idle_timeout_minutes = 30").size(), "idle_timeout_minutes = 0");
  auto parsed = config::ParseSystemConfig(text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().field(), "auth.idle_timeout_minutes");
}

}  // namespace
}  // namespace verkosto::gateway
