// The accounts end to end on real processes: `verkosto up` creates the demo
// accounts, a demo user logs in over HTTP, the operator's `verkosto users`
// adds an account (password from a file), and that person's `verkosto login`
// keeps a token (0600) that the API and the person's commands accept; the
// person (`verkosto tokens`) and the operator (`verkosto users tokens`,
// `revoke-token`) list and revoke tokens, and the operator resets a password
// with a reason.
#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "gateway/domain/demo_accounts.h"
#include "integration/up_fixture.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"

namespace verkosto::integration {
namespace {

class CliUsersTest : public UpFixture {};

int LoginStatus(int port, const std::string& user, const std::string& password) {
  httplib::Client http("127.0.0.1", port);
  http.set_read_timeout(std::chrono::seconds(20));
  gateway::v1::ApiLoginRequest login;
  login.set_username(user);
  login.set_password(password);
  std::string body;
  (void)google::protobuf::util::MessageToJsonString(login, &body);
  const httplib::Result res = http.Post("/api/v1/session", body, "application/json");
  return res ? res->status : -1;
}

TEST_F(CliUsersTest, DemoAccountsLogInAndTheUsersCommandManagesAccountsAndTokens) {
  const std::string data = dir_.path();
  testing::Process up(Verkosto(), UpArgs(data), dir_.File("up.log"));
  int port = 0;
  (void)WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());
  EXPECT_NE(ReadFile(dir_.File("up.log")).find("keha.koordinaattori"), std::string::npos);

  EXPECT_EQ(LoginStatus(port, "keha.koordinaattori", gateway::kDemoPassword), 200);
  EXPECT_EQ(LoginStatus(port, "pohjanmaa.direktor", gateway::kDemoPassword), 200);
  EXPECT_EQ(LoginStatus(port, "keha.koordinaattori", "not the password"), 401);

  {
    std::ofstream pw(dir_.File("pw.txt"));
    pw << "testisalasana-2026\n";
  }
  const int added = RunVerkosto(
      {"users", "add", "--data", data, "--user", "testi.johtaja", "--name", "Testi Johtaja",
       "--role", "director", "--area", "lahti", "--password-file", dir_.File("pw.txt")},
      dir_.File("add.log"));
  ASSERT_TRUE(ExitedWith(added, 0)) << ReadFile(dir_.File("add.log"));
  EXPECT_EQ(LoginStatus(port, "testi.johtaja", "testisalasana-2026"), 200);

  // A bad role is refused naming the field, before anything is sent.
  const int bad = RunVerkosto({"users", "add", "--data", data, "--user", "x.y", "--name", "X",
                               "--role", "chief", "--password-file", dir_.File("pw.txt")},
                              dir_.File("bad.log"));
  EXPECT_TRUE(ExitedWith(bad, 1));
  EXPECT_NE(ReadFile(dir_.File("bad.log")).find("role"), std::string::npos);

  const int listed =
      RunVerkosto({"users", "list", "--data", data, "--json"}, dir_.File("list.log"));
  ASSERT_TRUE(ExitedWith(listed, 0));
  gateway::v1::ListAccountsResponse accounts;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(ReadFile(dir_.File("list.log")), &accounts).ok());
  EXPECT_EQ(static_cast<size_t>(accounts.accounts_size()), gateway::DemoAccounts().size() + 1);

  // The operator manages accounts but draws nobody's token: only the person
  // does, by logging in. `verkosto login` keeps server and token in
  // $XDG_CONFIG_HOME/verkosto/login (0600); the person's commands then act as them.
  const std::string config_home = dir_.File("config");
  ASSERT_EQ(setenv("XDG_CONFIG_HOME", config_home.c_str(), 1), 0);  // for the children
  const int login = RunVerkosto(
      {"login", "--data", data, "--user", "testi.johtaja", "--password-file", dir_.File("pw.txt")},
      dir_.File("login.log"));
  ASSERT_TRUE(ExitedWith(login, 0)) << ReadFile(dir_.File("login.log"));
  EXPECT_NE(ReadFile(dir_.File("login.log")).find("as testi.johtaja (director, lahti)"),
            std::string::npos)
      << ReadFile(dir_.File("login.log"));
  struct stat st {};
  ASSERT_EQ(stat((config_home + "/verkosto/login").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((config_home + "/verkosto").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  const std::string saved = ReadFile(config_home + "/verkosto/login");
  const size_t at = saved.find("vkt_");
  ASSERT_NE(at, std::string::npos) << "no token in the login file";
  const std::string bearer = saved.substr(at, 4 + 64);
  httplib::Client http("127.0.0.1", port);
  const httplib::Result me = http.Get("/api/v1/session", {{"Authorization", "Bearer " + bearer}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;
  EXPECT_NE(me->body.find("testi.johtaja"), std::string::npos);
  // A person's command with the saved login (no --token): it acts as them.
  const int listed_networks =
      RunVerkosto({"networks", "list", "--data", data, "--json"}, dir_.File("networks.log"));
  EXPECT_TRUE(ExitedWith(listed_networks, 0)) << ReadFile(dir_.File("networks.log"));

  // The person lists their own tokens through the gateway; the operator lists
  // and revokes anyone's, which ends the token at once.
  const int mine =
      RunVerkosto({"tokens", "list", "--data", data, "--json"}, dir_.File("tokens.log"));
  ASSERT_TRUE(ExitedWith(mine, 0)) << ReadFile(dir_.File("tokens.log"));
  gateway::v1::ListApiTokensResponse own;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(ReadFile(dir_.File("tokens.log")), &own).ok())
      << ReadFile(dir_.File("tokens.log"));
  ASSERT_EQ(own.tokens_size(), 1);
  EXPECT_EQ(own.tokens(0).label().rfind("verkosto CLI on ", 0), 0u);
  const std::string token_id = own.tokens(0).token_id();
  const int operator_list =
      RunVerkosto({"users", "tokens", "--data", data, "--user", "testi.johtaja"},
                  dir_.File("users-tokens.log"));
  ASSERT_TRUE(ExitedWith(operator_list, 0)) << ReadFile(dir_.File("users-tokens.log"));
  EXPECT_NE(ReadFile(dir_.File("users-tokens.log")).find(token_id), std::string::npos);
  const int operator_revoke = RunVerkosto(
      {"users", "revoke-token", "--data", data, "--token-id", token_id}, dir_.File("revoke.log"));
  ASSERT_TRUE(ExitedWith(operator_revoke, 0)) << ReadFile(dir_.File("revoke.log"));
  EXPECT_NE(ReadFile(dir_.File("revoke.log")).find("revoked token " + token_id), std::string::npos);
  EXPECT_EQ(http.Get("/api/v1/session", {{"Authorization", "Bearer " + bearer}})->status, 401);
  // A script's token (--print-token), revoked by its own person.
  const int printed = RunVerkosto({"login", "--data", data, "--user", "testi.johtaja",
                                   "--password-file", dir_.File("pw.txt"), "--print-token"},
                                  dir_.File("printed.log"));
  ASSERT_TRUE(ExitedWith(printed, 0)) << ReadFile(dir_.File("printed.log"));
  std::string script_token = ReadFile(dir_.File("printed.log"));
  script_token = script_token.substr(0, script_token.find('\n'));
  const int script_list =
      RunVerkosto({"tokens", "list", "--data", data, "--token", script_token, "--json"},
                  dir_.File("script-tokens.log"));
  ASSERT_TRUE(ExitedWith(script_list, 0)) << ReadFile(dir_.File("script-tokens.log"));
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(ReadFile(dir_.File("script-tokens.log")), &own)
          .ok());
  ASSERT_EQ(own.tokens_size(), 1);  // the revoked one is gone
  const int own_revoke = RunVerkosto(
      {"tokens", "revoke", own.tokens(0).token_id(), "--data", data, "--token", script_token},
      dir_.File("own-revoke.log"));
  EXPECT_TRUE(ExitedWith(own_revoke, 0)) << ReadFile(dir_.File("own-revoke.log"));
  EXPECT_EQ(http.Get("/api/v1/session", {{"Authorization", "Bearer " + script_token}})->status,
            401);

  // The operator resets a password only with a reason for the audit trail.
  {
    std::ofstream pw(dir_.File("pw2.txt"));
    pw << "toinen-salasana-2026\n";
  }
  const int no_reason = RunVerkosto({"users", "password", "--data", data, "--user", "testi.johtaja",
                                     "--password-file", dir_.File("pw2.txt")},
                                    dir_.File("no-reason.log"));
  EXPECT_FALSE(ExitedWith(no_reason, 0)) << ReadFile(dir_.File("no-reason.log"));
  EXPECT_NE(ReadFile(dir_.File("no-reason.log")).find("--reason"), std::string::npos);
  const int reset =
      RunVerkosto({"users", "password", "--data", data, "--user", "testi.johtaja", "--reason",
                   "unohtunut salasana", "--password-file", dir_.File("pw2.txt")},
                  dir_.File("reset.log"));
  ASSERT_TRUE(ExitedWith(reset, 0)) << ReadFile(dir_.File("reset.log"));
  EXPECT_EQ(LoginStatus(port, "testi.johtaja", "testisalasana-2026"), 401);
  EXPECT_EQ(LoginStatus(port, "testi.johtaja", "toinen-salasana-2026"), 200);
  const int audit = RunVerkosto({"users", "audit", "--data", data, "--user", "testi.johtaja"},
                                dir_.File("audit.log"));
  ASSERT_TRUE(ExitedWith(audit, 0)) << ReadFile(dir_.File("audit.log"));
  EXPECT_NE(ReadFile(dir_.File("audit.log")).find("unohtunut salasana"), std::string::npos);
  EXPECT_NE(ReadFile(dir_.File("audit.log")).find("api_token_revoked"), std::string::npos);

  const int logout = RunVerkosto({"logout"}, dir_.File("logout.log"));
  EXPECT_TRUE(ExitedWith(logout, 0)) << ReadFile(dir_.File("logout.log"));
  EXPECT_NE(stat((config_home + "/verkosto/login").c_str(), &st), 0);
  const int after_logout =
      RunVerkosto({"networks", "list", "--data", data}, dir_.File("after-logout.log"));
  EXPECT_TRUE(ExitedWith(after_logout, 1));
  EXPECT_NE(ReadFile(dir_.File("after-logout.log")).find("verkosto login"), std::string::npos);
  // A wrong password: refused, nothing kept.
  {
    std::ofstream wrong(dir_.File("wrong.txt"));
    wrong << "not the password\n";
  }
  const int refused = RunVerkosto({"login", "--data", data, "--user", "testi.johtaja",
                                   "--password-file", dir_.File("wrong.txt")},
                                  dir_.File("refused.log"));
  EXPECT_TRUE(ExitedWith(refused, 1)) << ReadFile(dir_.File("refused.log"));
  EXPECT_NE(stat((config_home + "/verkosto/login").c_str(), &st), 0);
  // Account management stays the operator's: `users token` is gone.
  const int token =
      RunVerkosto({"users", "token", "--data", data, "--user", "testi.johtaja", "--label", "testi"},
                  dir_.File("token.log"));
  EXPECT_FALSE(ExitedWith(token, 0)) << ReadFile(dir_.File("token.log"));

  up.Signal(SIGTERM);
  EXPECT_NE(up.Wait(kCommandTimeout), -1);
}

}  // namespace
}  // namespace verkosto::integration
