// The services spread over two hosts, as deploy/two-host/ describes: two
// Linux network namespaces joined by a veth pair on a private test link,
// host A running networks and the gateway, host B nominations and
// notifications, every socket tcp:// with CURVE. Each host holds only its own
// secret keys; the configs name everyone's public key. A nomination chain
// driven through the gateway crosses the link both ways (commands from A to
// B, events from A to B and back to the gateway's readers), and a process in
// a third namespace whose key no config names is refused at the handshake
// and logged once.
//
// Needs root (ip netns, veth) and is skipped without it. The links and
// addresses exist only inside the test's own namespaces, so the fixed ports
// below cannot collide with anything on the machine.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "two_host_fixture.h"
#include "verkosto/common/v1/health.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::integration {
namespace {

namespace nom = nominations::v1;
namespace pb = notifications::v1;

class TwoHostTest : public TwoHostFixture {};

// How many lines of `text` contain every one of `parts`.
int CountLines(const std::string& text, const std::vector<std::string>& parts) {
  std::istringstream lines(text);
  int count = 0;
  for (std::string line; std::getline(lines, line);) {
    bool all = true;
    for (const std::string& part : parts) all = all && line.find(part) != std::string::npos;
    count += all ? 1 : 0;
  }
  return count;
}

TEST_F(TwoHostTest, ANominationChainCrossesHostsAndAStrangersKeyIsRefused) {
  // Each host makes its own key pairs; only public keys travel between them.
  std::map<std::string, std::string> principals =
      InitHost("a", {"networks", "gateway", "operator"});
  for (auto& [name, key] : InitHost("b", {"nominations", "notifications"})) principals[name] = key;
  ASSERT_EQ(principals.size(), 5u);
  ASSERT_FALSE(HasFailure());
  EXPECT_FALSE(std::filesystem::exists(DataOf("a") + "/keys/nominations.key"));
  EXPECT_FALSE(std::filesystem::exists(DataOf("b") + "/keys/gateway.key"));
  HostConfig("a", principals);
  HostConfig("b", principals);

  const int port = StartServicesOnBothHosts();
  ASSERT_GT(port, 0);
  server_ = "http://127.0.0.1:" + std::to_string(port);
  ASSERT_NO_FATAL_FAILURE(WaitUntilAllOk());

  // The chain, as the demo people through the gateway on A.
  const std::string keha = Login("keha.koordinaattori");
  const std::string clerk = Login("kainuu.kirjaamo");
  const std::string director = Login("kainuu.johtaja");
  const std::string nominee = Login("nelli.nimitetty");
  ASSERT_FALSE(HasFailure());
  std::ofstream(dir_.File("network.json"))
      << DefinitionJson("kahden-koneen-verkosto", "Kahden koneen verkosto",
                        "Nätverket på två datorer", "Two-host network");
  networks::v1::NetworkResponse network;
  CliOk({"networks", "create", "--file", dir_.File("network.json")}, keha, &network);
  CliOk({"networks", "propose", "kahden-koneen-verkosto"}, keha, &network);
  CliOk({"networks", "open", "kahden-koneen-verkosto"}, keha, &network);
  // nominations (B) learns of the open network from networks' events (A).
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("nominations", "networks"));
  nom::SendRequestResponse sent;
  CliOk(
      {"nominations", "send", "--network", "kahden-koneen-verkosto", "--members", "1", "--deadline",
       testing::DaysFromToday(60), "--message", "Pyydämme nimeämään", "--to", "kainuu-koillismaa"},
      keha, &sent);
  ASSERT_EQ(sent.cases_size(), 1);
  const std::string case_id = sent.cases(0).case_id();
  nom::CaseResponse step;
  CliOk({"nominations", "register", "--case", case_id, "--diary", "843/2026", "--date-received",
         testing::DaysFromToday(0), "--organisation", "Kajaanin kaupunki"},
        clerk, &step);
  CliOk({"nominations", "approve", "--case", case_id, "--nominee",
         "Nelli Nimitetty|Kehittämispäällikkö|nelli.nimitetty@kainuu.example.fi|Kajaani|member"},
        director, &step);
  EXPECT_EQ(step.case_().state(), nom::CASE_STATE_APPROVED);
  ASSERT_EQ(step.memberships_started_size(), 1);
  // The director's approval was carried by the gateway's key, and the stamp says so.
  EXPECT_EQ(step.case_().decision().decided().user_id(), "kainuu.johtaja");
  EXPECT_EQ(step.case_().decision().decided().principal(), "gateway");

  // notifications (B) applied both hosts' events: the nominee's inbox has it.
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("notifications", "nominations"));
  pb::ListInboxResponse inbox;
  CliOk({"notifications", "inbox"}, nominee, &inbox);
  ASSERT_EQ(inbox.items_size(), 1);
  EXPECT_EQ(inbox.items(0).subject(), "Sinut on nimetty verkostoon Kahden koneen verkosto");

  // A stranger in a third namespace, linked to B, knows every public key
  // (they are public) but holds a key of its own that no config names.
  const std::map<std::string, std::string> strangers = InitHost("c", {"operator"});
  ASSERT_EQ(strangers.size(), 1u);
  std::map<std::string, std::string> claimed = principals;
  claimed["operator"] = strangers.at("operator");
  HostConfig("c", claimed);
  for (int attempt = 0; attempt < 2; ++attempt) {
    EXPECT_EQ(VerkostoIn("c", {"status", "--config", ConfigOf("c")}), 1) << output_;
    EXPECT_EQ(CountLines(output_, {"nominations ", "DOWN"}), 1) << output_;
    EXPECT_EQ(CountLines(output_, {"notifications ", "DOWN"}), 1) << output_;
  }
  // B refused the key at the handshake and said so once per service, not per attempt.
  const std::vector<std::string> refused = {
      "refused a connection from", "CURVE key " + strangers.at("operator") + " is not a known"};
  EXPECT_EQ(CountLines(ReadFile(LogOf("nominations")), refused), 1);
  EXPECT_EQ(CountLines(ReadFile(LogOf("notifications")), refused), 1);
  // Nothing changed: the case is still the one approved case.
  CliOk({"nominations", "case", "--case", case_id}, keha, &step);
  EXPECT_EQ(step.case_().state(), nom::CASE_STATE_APPROVED);
  // The operator on A still reaches everything.
  const common::v1::SystemHealth after = Status();
  ASSERT_EQ(after.services_size(), 4);
  for (const auto& s : after.services()) {
    EXPECT_TRUE(s.reachable()) << s.name();
  }
}

}  // namespace
}  // namespace verkosto::integration
