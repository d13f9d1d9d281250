// What a newcomer sees after `verkosto up` with demo data (issue 17, item 7):
// open networks in the public catalogue and cases in every state, all made
// through the services' commands (cli/demo_activity.h); and a second `up` on
// the same data adds nothing.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <map>
#include <set>

#include "up_fixture.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::integration {
namespace {

namespace net = networks::v1;
namespace nom = nominations::v1;

// `verkosto up` as a newcomer runs it: demo data with its activity.
std::vector<std::string> NewcomerUpArgs(const std::string& data) {
  std::vector<std::string> args = {"up", "--data", data, "--http-port", "0"};
  for (std::string& arg : testing::ClockOffsetArgs()) args.push_back(std::move(arg));
  return args;
}

class DemoActivityTest : public UpFixture {
 protected:
  // Starts `up`, waits for the services and for the demo activity's marker.
  void StartAndWaitForDemo(testing::Process& up, int* port) {
    system_ = WaitUntilUp(up, port);
    ASSERT_FALSE(HasFailure());
    // The marker of cli/demo_activity.h.
    const std::string done = dir_.File("demo-activity.done");
    ASSERT_TRUE(WaitForDirectory(
        dir_.path(), [&] { return std::filesystem::exists(done); }, milliseconds(120000), up.pid()))
        << "the demo activity did not finish";
  }

  // The state of every case of the open networks, as KEHA's matrix shows it:
  // "awaiting_registration", "registered", "approved", "declined", "overdue".
  std::map<std::string, int> CaseStates(const std::string& token, int* open_networks,
                                        int* memberships) {
    std::map<std::string, int> states;
    net::ListNetworksResponse open;
    CliOk({"networks", "list", "--status", "open"}, token, &open);
    *open_networks = open.networks_size();
    *memberships = 0;
    for (const net::Network& n : open.networks()) {
      nom::NetworkMatrixResponse matrix;
      CliOk({"nominations", "matrix", "--network", n.definition().code()}, token, &matrix);
      for (const nom::MatrixRow& row : matrix.rows()) {
        *memberships += row.active_memberships_size();
        if (!row.has_latest_case()) continue;
        const nom::Case& c = row.latest_case();
        if (c.overdue()) ++states["overdue"];
        switch (c.state()) {
          case nom::CASE_STATE_AWAITING_REGISTRATION:
            ++states["awaiting_registration"];
            break;
          case nom::CASE_STATE_REGISTERED:
            ++states["registered"];
            break;
          case nom::CASE_STATE_APPROVED: {
            ++states["approved"];
            EXPECT_GT(row.active_memberships_size(), 0) << row.area_code();
            break;
          }
          case nom::CASE_STATE_DECLINED:
            ++states["declined"];
            break;
          default:
            ++states["other"];
            break;
        }
      }
    }
    return states;
  }
};

TEST_F(DemoActivityTest, NewcomerSeesOpenNetworksWithCasesInEveryStateOnce) {
  int port = 0;
  std::map<std::string, int> first;
  int memberships = 0;
  {
    testing::Process up(Verkosto(), NewcomerUpArgs(dir_.path()), dir_.File("up.log"));
    StartAndWaitForDemo(up, &port);
    ASSERT_FALSE(HasFailure());

    // The public catalogue, without logging in, lists the open networks and
    // the members named by approvals.
    httplib::Client http("127.0.0.1", port);
    const httplib::Result res = http.Get("/");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    EXPECT_NE(res->body.find("Opastajaverkosto"), std::string::npos);
    EXPECT_NE(res->body.find("Osaamisverkosto"), std::string::npos);
    EXPECT_NE(res->body.find("Nelli Nimitetty"), std::string::npos);

    const std::string keha = Login("keha.koordinaattori");
    int open = 0;
    first = CaseStates(keha, &open, &memberships);
    EXPECT_EQ(open, 3);
    for (const std::string state :
         {"awaiting_registration", "registered", "approved", "declined", "overdue"}) {
      EXPECT_GT(first[state], 0) << "no case " << state;
    }
    EXPECT_EQ(first.count("other"), 0u);
    EXPECT_GE(memberships, 6);

    // Rule 1: every member comes from an approval — each membership names
    // the deciding case and the area's diary number.
    nom::ListMembershipsResponse members;
    CliOk({"nominations", "memberships"}, keha, &members);
    ASSERT_EQ(members.memberships_size(), memberships);
    for (const nom::Membership& m : members.memberships()) {
      EXPECT_FALSE(m.case_id().empty()) << m.membership_id();
      EXPECT_FALSE(m.diary_number().empty()) << m.membership_id();
    }

    // The demo director sees the overdue case of their own area.
    const std::string helsinki = Login("helsinki.johtaja");
    nom::CaseListResponse to_decide;
    CliOk({"nominations", "director-inbox"}, helsinki, &to_decide);
    bool overdue = false;
    for (const nom::Case& c : to_decide.cases()) overdue = overdue || c.overdue();
    EXPECT_TRUE(overdue);

    ASSERT_EQ(kill(up.pid(), SIGTERM), 0);
    EXPECT_TRUE(ExitedWith(up.Wait(kCommandTimeout), 0));
  }

  // A second start finds the marker and adds nothing.
  std::filesystem::remove(dir_.File("gateway.port"));
  testing::Process again(Verkosto(), NewcomerUpArgs(dir_.path()), dir_.File("up-2.log"));
  system_ = WaitUntilUp(again, &port);
  ASSERT_FALSE(HasFailure());
  WaitForConsumer("nominations", "networks");
  const std::string keha = Login("keha.koordinaattori");
  int open = 0;
  int memberships_again = 0;
  EXPECT_EQ(CaseStates(keha, &open, &memberships_again), first);
  EXPECT_EQ(open, 3);
  EXPECT_EQ(memberships_again, memberships);
  ASSERT_EQ(kill(again.pid(), SIGTERM), 0);
  EXPECT_TRUE(ExitedWith(again.Wait(kCommandTimeout), 0));
}

}  // namespace
}  // namespace verkosto::integration
