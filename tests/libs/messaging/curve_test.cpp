// Identity as a property of the transport: CURVE keys, the ZAP handler that
// admits only known principals, and the policy of who may assert which actor
// — over real sockets, as a forging process would try it.
#include "messaging/curve.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "messaging/principal_policy.h"
#include "messaging/rpc_client.h"
#include "messaging/zap_handler.h"
#include "test_service.h"
#include "testing/temp_dir.h"

namespace verkosto::messaging {
namespace {

using testing::v1::AddItemRequest;
using testing::v1::AddItemResponse;

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

TEST(CurveKeysTest, KeyFilesAreTheOwnersAloneAndReadBack) {
  verkosto::testing::TempDir dir;
  const std::string keys = dir.File("keys");
  auto made = EnsureKeyPair(keys, "networks");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_TRUE(IsZ85Key(*made));
  EXPECT_EQ(ModeOf(keys), 0700u);
  EXPECT_EQ(ModeOf(keys + "/networks.key"), 0600u);
  auto pair = LoadKeyPair(keys, "networks");
  ASSERT_TRUE(pair.ok()) << pair.status().ToString();
  EXPECT_EQ(pair->public_key, *made);
  EXPECT_EQ(*PublicKeyOf(pair->secret_key), *made);
  EXPECT_EQ(*LoadPublicKey(keys, "networks"), *made);
  // A second init keeps the key: peers already trust it.
  EXPECT_EQ(*EnsureKeyPair(keys, "networks"), *made);
}

TEST(CurveKeysTest, ASecretKeyOthersMayReadIsRefused) {
  verkosto::testing::TempDir dir;
  const std::string keys = dir.File("keys");
  ASSERT_TRUE(EnsureKeyPair(keys, "gateway").ok());
  chmod((keys + "/gateway.key").c_str(), 0644);
  auto pair = LoadKeyPair(keys, "gateway");
  EXPECT_EQ(pair.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(pair.status().message().find("0644"), std::string::npos) << pair.status().ToString();
}

// Someone else's key directory or key file is never used (root in CI can
// hand them to another user; elsewhere the test says why it cannot).
TEST(CurveKeysTest, AnotherUsersKeysAreRefused) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to give a file to another user";
  verkosto::testing::TempDir dir;
  const std::string keys = dir.File("keys");
  ASSERT_TRUE(EnsureKeyPair(keys, "gateway").ok());
  constexpr uid_t kNobody = 65534;
  ASSERT_EQ(chown((keys + "/gateway.key").c_str(), kNobody, kNobody), 0);
  auto pair = LoadKeyPair(keys, "gateway");
  EXPECT_EQ(pair.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(pair.status().message().find("65534"), std::string::npos) << pair.status().ToString();
  ASSERT_EQ(chown(keys.c_str(), kNobody, kNobody), 0);
  auto made = EnsureKeyPair(keys, "networks");
  EXPECT_EQ(made.status().code(), ErrorCode::kPermissionDenied) << made.status().ToString();
  EXPECT_FALSE(std::filesystem::exists(keys + "/networks.key"));
}

// A key directory made looser than 0700 is tightened before a key goes in.
TEST(CurveKeysTest, AnOpenKeyDirectoryOfOurOwnIsTightened) {
  verkosto::testing::TempDir dir;
  const std::string keys = dir.File("keys");
  ASSERT_EQ(mkdir(keys.c_str(), 0755), 0);
  ASSERT_EQ(chmod(keys.c_str(), 0755), 0);
  ASSERT_TRUE(EnsureKeyPair(keys, "gateway").ok());
  struct stat st {};
  ASSERT_EQ(stat(keys.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(CurveKeysTest, AKeyFileWhosePublicHalfIsNotItsOwnIsRefused) {
  verkosto::testing::TempDir dir;
  const std::string keys = dir.File("keys");
  ASSERT_TRUE(EnsureKeyPair(keys, "a").ok());
  const KeyPair other = *GenerateKeyPair();
  const KeyPair mine = *LoadKeyPair(keys, "a");
  {
    std::ofstream out(keys + "/a.key", std::ios::trunc);
    out << "public = \"" << other.public_key << "\"\nsecret = \"" << mine.secret_key << "\"\n";
  }
  EXPECT_EQ(LoadKeyPair(keys, "a").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(LoadKeyPair(keys, "nobody").status().code(), ErrorCode::kNotFound);
}

TEST(PrincipalPolicyTest, WhoMayAssertWhichActor) {
  const Actor director{"helsinki.johtaja",   "Johtaja", Role::kAreaDirector,
                       AreaCode("helsinki"), "",        ""};
  const Actor gateway_itself{"gateway", "gateway", Role::kSystem, {}, "", ""};
  const Actor operator_actor{"operator:root", "root", Role::kOperator, {}, "", ""};
  const Actor networks_itself{"networks", "networks", Role::kSystem, {}, "", ""};
  const std::string approve = "verkosto.nominations.v1.ApproveCaseRequest";
  const std::string fetch = "verkosto.common.v1.FetchEventsRequest";
  const std::string health = "verkosto.common.v1.HealthRequest";
  // The gateway authenticated the person: it may carry them, and be itself.
  EXPECT_TRUE(CheckPrincipal("gateway", director, approve).ok());
  EXPECT_TRUE(CheckPrincipal("gateway", gateway_itself, health).ok());
  EXPECT_FALSE(CheckPrincipal("gateway", operator_actor, health).ok());
  EXPECT_FALSE(CheckPrincipal("gateway", networks_itself, fetch).ok());
  // The operator is the operator, never a person.
  EXPECT_TRUE(CheckPrincipal("operator", operator_actor, health).ok());
  EXPECT_FALSE(CheckPrincipal("operator", director, approve).ok());
  EXPECT_FALSE(
      CheckPrincipal("operator", Actor{"root", "", Role::kOperator, {}, "", ""}, health).ok());
  // A service fetches events and reads health as itself, nothing else.
  EXPECT_TRUE(CheckPrincipal("networks", networks_itself, fetch).ok());
  EXPECT_TRUE(CheckPrincipal("networks", networks_itself, health).ok());
  EXPECT_FALSE(CheckPrincipal("networks", networks_itself, approve).ok());
  EXPECT_FALSE(CheckPrincipal("networks", director, approve).ok());
  EXPECT_FALSE(CheckPrincipal("nominations", networks_itself, fetch).ok());
  EXPECT_FALSE(CheckPrincipal("", director, approve).ok());
  const Status refused = CheckPrincipal("networks", director, approve);
  EXPECT_EQ(refused.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.field(), "actor");
}

// A service with CURVE on, its ZAP handler admitting three principals.
class CurveServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_keys_ = *GenerateKeyPair();
    for (const char* name : {"gateway", "operator", "networks"}) {
      keys_[name] = *GenerateKeyPair();
      credentials_.principals[name] = keys_[name].public_key;
    }
    credentials_.principals["nominations"] = server_keys_.public_key;
    auto zap = ZapHandler::Ensure(zmq_, credentials_.ByKey());
    ASSERT_TRUE(zap.ok()) << zap.status().ToString();
    zap_ = *zap;
    ServerOptions options;
    options.service_name = "nominations";
    options.bind_endpoint = dir_.Ipc("s");
    options.curve.self = server_keys_;
    service_ = std::make_unique<TestService>(zmq_, dir_.File("s.db"), options, clock_);
    service_->StartLoop();
  }
  void TearDown() override { service_.reset(); }

  RpcClient Client(const KeyPair& self,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    ClientOptions options;
    options.endpoint = dir_.Ipc("s");
    options.timeout = timeout;
    options.initial_backoff = std::chrono::milliseconds(100);
    options.curve = CurveOptions{self, server_keys_.public_key};
    return RpcClient(zmq_, options);
  }
  int64_t Items() {
    SQLite::Database db(dir_.File("s.db"), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT COUNT(*) FROM items").getInt64();
  }
  AddItemRequest Add(const std::string& name) {
    AddItemRequest request;
    request.set_name(name);
    return request;
  }

  verkosto::testing::TempDir dir_;
  zmq::context_t zmq_;
  FakeClock clock_{SystemClock::Instance().Now()};
  KeyPair server_keys_;
  std::map<std::string, KeyPair> keys_;
  Credentials credentials_;
  std::shared_ptr<ZapHandler> zap_;
  std::unique_ptr<TestService> service_;
};

const Actor kDirector{
    "helsinki.johtaja", "Helena Johtaja", Role::kAreaDirector, AreaCode("helsinki"), "", ""};

TEST_F(CurveServerTest, TheGatewayCarriesAPersonAndThePrincipalReachesTheHandler) {
  RpcClient gateway = Client(keys_["gateway"]);
  auto reply = gateway.Call<AddItemResponse>(kDirector, Add("by a person"));
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->principal(), "gateway");
  EXPECT_EQ(Items(), 1);
}

TEST_F(CurveServerTest, AnUnknownKeyCannotConnect) {
  RpcClient stranger = Client(*GenerateKeyPair(), std::chrono::milliseconds(600));
  auto reply = stranger.Call<AddItemResponse>(kDirector, Add("forged"));
  EXPECT_EQ(reply.status().code(), ErrorCode::kUnavailable) << reply.status().ToString();
  EXPECT_GE(zap_->refused(), 1u);
  EXPECT_EQ(Items(), 0);
}

TEST_F(CurveServerTest, AClientWithoutCurveCannotConnect) {
  ClientOptions options;
  options.endpoint = dir_.Ipc("s");
  options.timeout = std::chrono::milliseconds(600);
  RpcClient plain(zmq_, options);
  auto reply = plain.Call<AddItemResponse>(kDirector, Add("forged"));
  EXPECT_EQ(reply.status().code(), ErrorCode::kUnavailable) << reply.status().ToString();
  EXPECT_EQ(Items(), 0);
}

TEST_F(CurveServerTest, AKnownServiceKeyCannotCarryADirector) {
  RpcClient networks = Client(keys_["networks"]);
  auto reply = networks.Call<AddItemResponse>(kDirector, Add("forged"));
  EXPECT_EQ(reply.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(reply.status().field(), "actor");
  EXPECT_EQ(Items(), 0);
}

TEST_F(CurveServerTest, TheOperatorKeyActsOnlyAsTheOperator) {
  RpcClient op = Client(keys_["operator"]);
  auto as_director = op.Call<AddItemResponse>(kDirector, Add("forged"));
  EXPECT_EQ(as_director.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Items(), 0);
  const Actor operator_actor{"operator:root", "root", Role::kOperator, {}, "", ""};
  auto as_operator = op.Call<AddItemResponse>(operator_actor, Add("by the operator"));
  ASSERT_TRUE(as_operator.ok()) << as_operator.status().ToString();
  EXPECT_EQ(as_operator->principal(), "operator");
}

TEST_F(CurveServerTest, AClientTalksOnlyToTheServerWhoseKeyItExpects) {
  ClientOptions options;
  options.endpoint = dir_.Ipc("s");
  options.timeout = std::chrono::milliseconds(600);
  options.curve = CurveOptions{keys_["gateway"], GenerateKeyPair()->public_key};
  RpcClient misled(zmq_, options);
  auto reply = misled.Call<AddItemResponse>(kDirector, Add("to an impostor"));
  EXPECT_EQ(reply.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(Items(), 0);
}

TEST(ZapHandlerTest, OneHandlerPerContextAndItsPrincipalsCannotChange) {
  zmq::context_t zmq;
  const PrincipalsByKey principals = {{GenerateKeyPair()->public_key, "gateway"}};
  auto first = ZapHandler::Ensure(zmq, principals);
  ASSERT_TRUE(first.ok());
  auto again = ZapHandler::Ensure(zmq, principals);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(first->get(), again->get());
  auto other = ZapHandler::Ensure(zmq, {{GenerateKeyPair()->public_key, "gateway"}});
  EXPECT_EQ(other.status().code(), ErrorCode::kInvalidArgument);
}

// A service restarted in the same process makes a new handler for the same
// context at once: the old one's endpoints must be free by then, every time.
TEST(ZapHandlerTest, ANewHandlerFollowsADroppedOneAtOnce) {
  zmq::context_t zmq;
  for (int i = 0; i < 200; ++i) {
    const PrincipalsByKey principals = {{GenerateKeyPair()->public_key, "gateway"}};
    auto handler = ZapHandler::Ensure(zmq, principals);
    ASSERT_TRUE(handler.ok()) << "round " << i << ": " << handler.status().ToString();
  }
}

}  // namespace
}  // namespace verkosto::messaging
