// The accounts end to end on real processes: `verkosto up` creates the demo
// accounts, a demo user logs in over HTTP, and `verkosto users` adds an
// account (password from a file) and draws an API token that the API accepts.
#include <google/protobuf/util/json_util.h>
#include <httplib.h>

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

  const int token =
      RunVerkosto({"users", "token", "--data", data, "--user", "testi.johtaja", "--label", "testi"},
                  dir_.File("token.log"));
  ASSERT_TRUE(ExitedWith(token, 0)) << ReadFile(dir_.File("token.log"));
  const std::string text = ReadFile(dir_.File("token.log"));
  const size_t at = text.find("vkt_");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string bearer = text.substr(at, 4 + 64);
  httplib::Client http("127.0.0.1", port);
  const httplib::Result me = http.Get("/api/v1/session", {{"Authorization", "Bearer " + bearer}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;
  EXPECT_NE(me->body.find("testi.johtaja"), std::string::npos);

  up.Signal(SIGTERM);
  EXPECT_NE(up.Wait(kCommandTimeout), -1);
}

}  // namespace
}  // namespace verkosto::integration
