#include "messaging/rpc_server.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <zmq_addon.hpp>

#include "messaging/envelope.h"
#include "messaging/rpc_client.h"
#include "storage/hash_chain.h"
#include "test_service.h"
#include "testing/temp_dir.h"
#include "verkosto/common/v1/events.pb.h"

namespace verkosto::messaging {
namespace {

using testing::v1::AddItemRequest;
using testing::v1::AddItemResponse;
using testing::v1::CountItemsRequest;
using testing::v1::CountItemsResponse;
using testing::v1::ListItemsRequest;
using testing::v1::ListItemsResponse;

const Actor kActor{"u1", "Test User", Role::kKehaCoordinator, {}, {}, {}};

AddItemRequest Add(const std::string& name, int fail_with_code = 0) {
  AddItemRequest req;
  req.set_name(name);
  req.set_fail_with_code(fail_with_code);
  return req;
}

// The business clock's start: any date, far from the real one. Deadlines and
// stored replies are transport time (TransportNow(), envelope.h).
constexpr std::chrono::sys_days kBusinessStart = std::chrono::year{2031} / 1 / 1;

class RpcServerTest : public ::testing::Test {
 protected:
  RpcServerTest() : clock_(kBusinessStart) {}

  void Start(int64_t max_message_bytes = int64_t{4} * 1024 * 1024) {
    ServerOptions options;
    options.service_name = "test";
    options.bind_endpoint = dir_.Ipc("s");
    options.limits.max_message_bytes = max_message_bytes;
    service_ = std::make_unique<TestService>(zmq_, dir_.File("s.db"), options, clock_);
    service_->StartLoop();
  }

  RpcClient Client(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000),
                   const std::string& endpoint = {},
                   int64_t max_message_bytes = SocketLimits().max_message_bytes) {
    ClientOptions options;
    options.endpoint = endpoint.empty() ? dir_.Ipc("s") : endpoint;
    options.timeout = timeout;
    options.initial_backoff = std::chrono::milliseconds(100);
    options.limits.max_message_bytes = max_message_bytes;
    return RpcClient(zmq_, options);
  }

  // Reads the service database through a connection of its own.
  int64_t Query(const std::string& sql) {
    SQLite::Database db(dir_.File("s.db"), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
  }

  verkosto::testing::TempDir dir_;
  zmq::context_t zmq_;
  FakeClock clock_;
  std::unique_ptr<TestService> service_;
};

TEST_F(RpcServerTest, RoundTripAppliesTheCommandAndAnswersQueries) {
  Start();
  RpcClient client = Client();
  auto added = client.Call<AddItemResponse>(kActor, Add("first"));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->count(), 1);
  auto counted = client.Call<CountItemsResponse>(kActor, CountItemsRequest());
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(counted->count(), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM outbox"), 1);
}

TEST_F(RpcServerTest, ErrorRepliesCarryEveryCodeMessageAndFieldAndUndoTheCommand) {
  Start();
  RpcClient client = Client();
  for (ErrorCode code : kAllErrorCodes) {
    SCOPED_TRACE(std::string(ErrorCodeName(code)));
    auto reply = client.Call<AddItemResponse>(kActor, Add("doomed", static_cast<int>(code)));
    ASSERT_FALSE(reply.ok());
    EXPECT_EQ(reply.status().code(), code);
    EXPECT_EQ(reply.status().message(), "asked to fail");
    EXPECT_EQ(reply.status().field(), "fail_with_code");
  }
  // The insert and the event of every failed command were rolled back.
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_F(RpcServerTest, RepeatedRequestIdGetsTheStoredReplyAndNoSecondEffect) {
  Start();
  RpcClient client = Client();
  auto first = client.Call<AddItemResponse>(kActor, Add("once"), "request-1");
  auto second = client.Call<AddItemResponse>(kActor, Add("once"), "request-1");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->count(), 1);
  EXPECT_EQ(second->count(), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM outbox"), 1);
}

TEST_F(RpcServerTest, RetryReachingARestartedServerGetsTheStoredReply) {
  Start();
  RpcClient client = Client();
  auto first = client.Call<AddItemResponse>(kActor, Add("before restart"));
  ASSERT_TRUE(first.ok());
  auto second = client.Call<AddItemResponse>(kActor, Add("also before"));
  ASSERT_TRUE(second.ok());
  service_.reset();  // the server's in-memory state is gone; the database stays
  Start();
  // The first request id again (it is below the client's newest one).
  SQLite::Database db(dir_.File("s.db"), SQLite::OPEN_READONLY);
  const std::string stored =
      db.execAndGet("SELECT MIN(request_id) FROM idempotency WHERE client_id = '" +
                    client.client_id() + "'")
          .getString();
  auto retried = client.Call<AddItemResponse>(kActor, Add("before restart"), stored);
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_EQ(retried->count(), 1) << "the stored reply of the first command";
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 2);
}

TEST_F(RpcServerTest, StoredErrorRepliesAreRepeatedToo) {
  Start();
  RpcClient client = Client();
  auto first = client.Call<AddItemResponse>(
      kActor, Add("x", static_cast<int>(ErrorCode::kFailedPrecondition)), "r");
  // A retry carrying another body still gets the first answer: the request id decides.
  auto second = client.Call<AddItemResponse>(kActor, Add("x"), "r");
  EXPECT_EQ(first.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(second.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 0);
}

TEST_F(RpcServerTest, TransientErrorsAreNotStoredSoARetryCanSucceed) {
  Start();
  RpcClient client = Client();
  auto first = client.Call<AddItemResponse>(
      kActor, Add("x", static_cast<int>(ErrorCode::kUnavailable)), "r");
  auto second = client.Call<AddItemResponse>(kActor, Add("x"), "r");
  EXPECT_EQ(first.status().code(), ErrorCode::kUnavailable);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 1);
}

TEST_F(RpcServerTest, SameRequestIdFromAnotherClientIsAnotherCommand) {
  Start();
  RpcClient a = Client();
  RpcClient b = Client();
  ASSERT_NE(a.client_id(), b.client_id());
  ASSERT_TRUE(a.Call<AddItemResponse>(kActor, Add("a"), "same").ok());
  ASSERT_TRUE(b.Call<AddItemResponse>(kActor, Add("b"), "same").ok());
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 2);
}

// Stored replies are stamped on the transport clock: the cutoff is too, and
// moving the business clock (here years back) neither keeps nor drops them.
TEST_F(RpcServerTest, PrunedRepliesAreForgottenButRecentOnesKept) {
  Start();
  RpcClient client = Client();
  ASSERT_TRUE(client.Call<AddItemResponse>(kActor, Add("old"), "old").ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const TimePoint cutoff = TransportNow();
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  clock_.Set(kBusinessStart - std::chrono::hours(24 * 365 * 20));
  ASSERT_TRUE(client.Call<AddItemResponse>(kActor, Add("new"), "new").ok());
  service_->StopLoop();
  auto pruned = service_->server().PruneStoredReplies(cutoff);
  ASSERT_TRUE(pruned.ok());
  EXPECT_EQ(*pruned, 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM idempotency WHERE request_id = 'new'"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM idempotency WHERE request_id = 'old'"), 0);
}

// Forwards between a ROUTER (clients) and a DEALER (server) and drops the
// first `drop` replies, like a network that loses answers.
class LossyProxy {
 public:
  LossyProxy(zmq::context_t& zmq, const std::string& front, const std::string& back, int drop)
      : front_(zmq, zmq::socket_type::router), back_(zmq, zmq::socket_type::dealer), drop_(drop) {
    front_.set(zmq::sockopt::linger, 0);
    back_.set(zmq::sockopt::linger, 0);
    front_.bind(front);
    back_.connect(back);
    thread_ = std::thread([this] { Run(); });
  }
  ~LossyProxy() {
    stop_ = true;
    thread_.join();
  }
  int dropped() const { return dropped_; }
  int forwarded_requests() const { return requests_; }

 private:
  void Run() {
    while (!stop_) {
      zmq::pollitem_t items[] = {{static_cast<void*>(front_), 0, ZMQ_POLLIN, 0},
                                 {static_cast<void*>(back_), 0, ZMQ_POLLIN, 0}};
      // The timeout only lets the thread notice stop_; it orders nothing.
      zmq::poll(items, 2, std::chrono::milliseconds(20));
      if ((items[0].revents & ZMQ_POLLIN) != 0) {
        std::vector<zmq::message_t> frames;  // [client identity][request]
        (void)zmq::recv_multipart(front_, std::back_inserter(frames));
        ++requests_;
        client_ = frames[0].to_string();  // one client per proxy is all the test needs
        (void)back_.send(frames[1], zmq::send_flags::none);
      }
      if ((items[1].revents & ZMQ_POLLIN) != 0) {
        zmq::message_t reply;
        (void)back_.recv(reply);
        if (dropped_ < drop_) {
          ++dropped_;
          continue;
        }
        std::array<zmq::const_buffer, 2> frames = {zmq::buffer(client_),
                                                   zmq::buffer(reply.data(), reply.size())};
        (void)zmq::send_multipart(front_, frames);
      }
    }
  }

  zmq::socket_t front_;
  zmq::socket_t back_;
  int drop_;
  std::atomic<int> dropped_{0};
  std::atomic<int> requests_{0};
  std::atomic<bool> stop_{false};
  std::string client_;
  std::thread thread_;
};

TEST_F(RpcServerTest, RetryAfterALostReplyGivesExactlyOneEffect) {
  Start();
  // The server sees the proxy's DEALER, which is fine: idempotency is keyed
  // by the envelope's client id and request id, not by the connection.
  LossyProxy proxy(zmq_, dir_.Ipc("p"), dir_.Ipc("s"), /*drop=*/2);
  RpcClient client = Client(std::chrono::milliseconds(10000), dir_.Ipc("p"));
  auto reply = client.Call<AddItemResponse>(kActor, Add("lost twice"));
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(proxy.dropped(), 2);
  EXPECT_GE(proxy.forwarded_requests(), 3);
  EXPECT_EQ(reply->count(), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM outbox"), 1);
}

// Forwards between a ROUTER (clients) and a DEALER (server), holds the first
// reply until a request comes over another connection (a client's new
// socket), then delivers it to the first connection; every later reply is
// dropped. Like an answer that was slow rather than lost.
class HoldingProxy {
 public:
  HoldingProxy(zmq::context_t& zmq, const std::string& front, const std::string& back)
      : front_(zmq, zmq::socket_type::router), back_(zmq, zmq::socket_type::dealer) {
    front_.set(zmq::sockopt::linger, 0);
    back_.set(zmq::sockopt::linger, 0);
    front_.bind(front);
    back_.connect(back);
    thread_ = std::thread([this] { Run(); });
  }
  ~HoldingProxy() {
    stop_ = true;
    thread_.join();
  }
  // Client connections seen (a client that replaced its socket counts twice).
  int connections() const { return connections_; }

 private:
  void Run() {
    std::vector<std::string> identities;
    std::optional<zmq::message_t> held;
    bool released = false;
    while (!stop_) {
      zmq::pollitem_t items[] = {{static_cast<void*>(front_), 0, ZMQ_POLLIN, 0},
                                 {static_cast<void*>(back_), 0, ZMQ_POLLIN, 0}};
      // The timeout only lets the thread notice stop_; it orders nothing.
      zmq::poll(items, 2, std::chrono::milliseconds(20));
      if ((items[0].revents & ZMQ_POLLIN) != 0) {
        std::vector<zmq::message_t> frames;  // [client identity][request]
        (void)zmq::recv_multipart(front_, std::back_inserter(frames));
        const std::string identity = frames[0].to_string();
        if (std::find(identities.begin(), identities.end(), identity) == identities.end()) {
          identities.push_back(identity);
          connections_ = static_cast<int>(identities.size());
        }
        (void)back_.send(frames[1], zmq::send_flags::none);
      }
      if ((items[1].revents & ZMQ_POLLIN) != 0) {
        zmq::message_t reply;
        (void)back_.recv(reply);
        if (!held && !released) held = std::move(reply);
      }
      if (held && identities.size() >= 2) {
        std::array<zmq::const_buffer, 2> frames = {zmq::buffer(identities[0]),
                                                   zmq::buffer(held->data(), held->size())};
        (void)zmq::send_multipart(front_, frames);
        held.reset();
        released = true;
      }
    }
  }

  zmq::socket_t front_;
  zmq::socket_t back_;
  std::atomic<int> connections_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST_F(RpcServerTest, ARetryGoesOutOnANewSocketAndALateReplyOnTheOldOneStillCounts) {
  Start();
  HoldingProxy proxy(zmq_, dir_.Ipc("p"), dir_.Ipc("s"));
  RpcClient client = Client(std::chrono::milliseconds(10000), dir_.Ipc("p"));
  auto reply = client.Call<AddItemResponse>(kActor, Add("slow"));
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->count(), 1);
  EXPECT_GE(proxy.connections(), 2) << "the retry should go out on a new socket";
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 1);
}

// libzmq ends a connection that delivers a message over the receiver's
// ZMQ_MAXMSGSIZE as a protocol error and does not reconnect it: a client
// that kept its socket would never hear from the server again.
TEST_F(RpcServerTest, AClientRecoversFromAReplyOverItsOwnLimit) {
  Start();  // the server's limit: 4 MiB
  RpcClient client =
      Client(std::chrono::milliseconds(1500), {}, /*max_message_bytes=*/int64_t{64} * 1024);
  ASSERT_TRUE(client.Call<AddItemResponse>(kActor, Add(std::string(40000, 'a'))).ok());
  ASSERT_TRUE(client.Call<AddItemResponse>(kActor, Add(std::string(40000, 'b'))).ok());
  auto lost = client.Call<ListItemsResponse>(kActor, ListItemsRequest());  // about 80 KB
  EXPECT_EQ(lost.status().code(), ErrorCode::kUnavailable) << lost.status().ToString();
  // The same client serves the next calls.
  for (int i = 0; i < 3; ++i) {
    auto counted = client.Call<CountItemsResponse>(kActor, CountItemsRequest());
    ASSERT_TRUE(counted.ok()) << counted.status().ToString();
    EXPECT_EQ(counted->count(), 2);
  }
  auto added = client.Call<AddItemResponse>(kActor, Add("after"));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->count(), 3);
}

TEST_F(RpcServerTest, AQueryReplyOverTheServerLimitBecomesInvalidArgumentNamingTheOperation) {
  Start(/*max_message_bytes=*/int64_t{64} * 1024);
  RpcClient client = Client();
  ASSERT_TRUE(client.Call<AddItemResponse>(kActor, Add(std::string(40000, 'a'))).ok());
  ASSERT_TRUE(client.Call<AddItemResponse>(kActor, Add(std::string(40000, 'b'))).ok());
  auto listed = client.Call<ListItemsResponse>(kActor, ListItemsRequest());
  ASSERT_EQ(listed.status().code(), ErrorCode::kInvalidArgument) << listed.status().ToString();
  EXPECT_EQ(listed.status().field(), "verkosto.testing.v1.ListItemsRequest");
  // Two names of 40,000 bytes and the envelope: a little over 78 KiB.
  EXPECT_NE(listed.status().message().find("would be 78."), std::string::npos)
      << listed.status().message();
  EXPECT_NE(listed.status().message().find("KiB, over the 64 KiB message limit"), std::string::npos)
      << listed.status().message();
  EXPECT_NE(listed.status().message().find("narrow"), std::string::npos);
  // The same client's next call works.
  auto counted = client.Call<CountItemsResponse>(kActor, CountItemsRequest());
  ASSERT_TRUE(counted.ok()) << counted.status().ToString();
  EXPECT_EQ(counted->count(), 2);
}

TEST_F(RpcServerTest, ACommandWhoseReplyIsOverTheLimitIsUndoneAndOnlyItsErrorStored) {
  Start(/*max_message_bytes=*/int64_t{64} * 1024);
  RpcClient client = Client();
  AddItemRequest padded = Add("padded");
  padded.set_reply_padding_bytes(100 * 1024);
  auto first = client.Call<AddItemResponse>(kActor, padded, "padded-1");
  ASSERT_EQ(first.status().code(), ErrorCode::kInvalidArgument) << first.status().ToString();
  EXPECT_EQ(first.status().field(), "verkosto.testing.v1.AddItemRequest");
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM outbox"), 0);
  // A retry gets the stored error, which is small, and the command is not applied.
  auto retried = client.Call<AddItemResponse>(kActor, padded, "padded-1");
  EXPECT_EQ(retried.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(retried.status().field(), "verkosto.testing.v1.AddItemRequest");
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 0);
  EXPECT_LT(Query("SELECT MAX(LENGTH(reply)) FROM idempotency"), 1024);
  // Commands with answers that fit go on.
  auto added = client.Call<AddItemResponse>(kActor, Add("small"));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->count(), 1);
}

TEST_F(RpcServerTest, EventFetchesComeInBatchesThatFitTheMessageLimit) {
  Start(/*max_message_bytes=*/int64_t{64} * 1024);
  RpcClient client = Client();
  // Each emits an event as large as its name. The first two together are
  // over the limit, though the first alone is below a batch's share of it.
  for (const size_t size : {size_t{15000}, size_t{52000}, size_t{15000}}) {
    ASSERT_TRUE(client.Call<AddItemResponse>(kActor, Add(std::string(size, 'x'))).ok());
  }
  uint64_t after = 0;
  int batches = 0;
  while (after < 3 && batches < 10) {
    common::v1::FetchEventsRequest fetch;
    fetch.set_after_seq(after);
    fetch.set_max_events(100);
    auto batch = client.Call<common::v1::FetchEventsResponse>(kActor, fetch);
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    ASSERT_GT(batch->events_size(), 0);
    EXPECT_LE(batch->ByteSizeLong(), 64u * 1024);
    after = batch->events(batch->events_size() - 1).seq();
    ++batches;
  }
  EXPECT_EQ(after, 3u);
  EXPECT_EQ(batches, 3);
}

TEST_F(RpcServerTest, AClientRefusesARequestOverItsLimitWithoutSendingIt) {
  Start();  // the server would accept it: only the client's own limit refuses
  RpcClient client =
      Client(std::chrono::milliseconds(5000), {}, /*max_message_bytes=*/int64_t{64} * 1024);
  auto refused = client.Call<AddItemResponse>(kActor, Add(std::string(size_t{100} * 1024, 'x')));
  ASSERT_EQ(refused.status().code(), ErrorCode::kInvalidArgument) << refused.status().ToString();
  EXPECT_EQ(refused.status().field(), "body");
  EXPECT_NE(refused.status().message().find("the request AddItemRequest is 100."),
            std::string::npos)
      << refused.status().message();
  EXPECT_NE(refused.status().message().find("KiB, over the 64 KiB message limit"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(client.last_delivery(), RpcClient::Delivery::kNotSent);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 0);
  auto added = client.Call<AddItemResponse>(kActor, Add("small"));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(client.last_delivery(), RpcClient::Delivery::kAnswered);
}

TEST_F(RpcServerTest, ClientReportsUnavailableWhenNoServerAnswersBeforeItsDeadline) {
  RpcClient client = Client(std::chrono::milliseconds(300), dir_.Ipc("nobody"));
  const auto start = std::chrono::steady_clock::now();
  auto reply = client.Call<AddItemResponse>(kActor, Add("x"));
  EXPECT_EQ(reply.status().code(), ErrorCode::kUnavailable);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

// A raw DEALER for sending what a well-behaved client never would.
class RawClient {
 public:
  RawClient(zmq::context_t& zmq, const std::string& endpoint)
      : socket_(zmq, zmq::socket_type::dealer) {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.connect(endpoint);
  }
  void Send(const std::vector<std::string>& frames) {
    std::vector<zmq::const_buffer> buffers;
    buffers.reserve(frames.size());
    for (const std::string& f : frames) buffers.push_back(zmq::buffer(f));
    ASSERT_TRUE(zmq::send_multipart(socket_, buffers).has_value());
  }
  // The next reply, or nullopt if none comes within `timeout`.
  std::optional<common::v1::ReplyEnvelope> Receive(
      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    zmq::pollitem_t item{static_cast<void*>(socket_), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, timeout);
    if ((item.revents & ZMQ_POLLIN) == 0) return std::nullopt;
    zmq::message_t message;
    (void)socket_.recv(message);
    common::v1::ReplyEnvelope reply;
    if (!reply.ParseFromArray(message.data(), static_cast<int>(message.size())))
      return std::nullopt;
    return reply;
  }
  zmq::socket_t& socket() { return socket_; }

 private:
  zmq::socket_t socket_;
};

common::v1::RequestEnvelope Envelope(const google::protobuf::Message& body,
                                     const std::string& request_id = "r1") {
  common::v1::RequestEnvelope env;
  env.set_protocol_version(kProtocolVersion);
  env.set_client_id("raw");
  env.set_request_id(request_id);
  *env.mutable_actor() = ToProtoActor(kActor);
  env.mutable_body()->PackFrom(body);
  return env;
}

TEST_F(RpcServerTest, MalformedTruncatedAndMultiFrameRequestsGetErrorsAndServingGoesOn) {
  Start();
  RawClient raw(zmq_, dir_.Ipc("s"));

  raw.Send({"this is not a protobuf \xff\xff\xff"});
  auto garbage = raw.Receive();
  ASSERT_TRUE(garbage.has_value());
  EXPECT_EQ(garbage->error().code(), common::v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(garbage->error().field(), "envelope");

  const std::string whole = Envelope(Add("truncated")).SerializeAsString();
  raw.Send({whole.substr(0, whole.size() - 5)});
  auto truncated = raw.Receive();
  ASSERT_TRUE(truncated.has_value());
  EXPECT_EQ(truncated->error().code(), common::v1::ERROR_CODE_INVALID_ARGUMENT);

  raw.Send({whole, "an extra frame"});
  auto multi = raw.Receive();
  ASSERT_TRUE(multi.has_value());
  EXPECT_EQ(multi->error().code(), common::v1::ERROR_CODE_INVALID_ARGUMENT);

  raw.Send({""});
  auto empty = raw.Receive();
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->has_error());

  // None of them had an effect, and the server still serves.
  RpcClient client = Client();
  auto reply = client.Call<AddItemResponse>(kActor, Add("after the garbage"));
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->count(), 1);
}

// Deadlines are transport time (the system's real clock), never the business
// clock: a business date years ahead (a test's `[clock] offset_days`) or
// behind makes no request late, over a real socket.
TEST_F(RpcServerTest, BusinessClockYearsAheadOrBehindMakesNoRequestLate) {
  Start();
  RpcClient client = Client();
  clock_.Set(kBusinessStart + std::chrono::hours(24 * 365 * 30));
  auto ahead = client.Call<AddItemResponse>(kActor, Add("ahead"));
  ASSERT_TRUE(ahead.ok()) << ahead.status().ToString();
  clock_.Set(kBusinessStart - std::chrono::hours(24 * 365 * 30));
  auto behind = client.Call<AddItemResponse>(kActor, Add("behind"));
  ASSERT_TRUE(behind.ok()) << behind.status().ToString();
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 2);
}

// A request whose deadline has really passed is refused without effect, even
// when the business clock is years behind it (compared with business time it
// would look on time).
TEST_F(RpcServerTest, ExpiredDeadlineIsRefusedWithoutEffect) {
  clock_.Set(kBusinessStart - std::chrono::hours(24 * 365 * 30));
  Start();
  RawClient raw(zmq_, dir_.Ipc("s"));
  common::v1::RequestEnvelope late = Envelope(Add("late"), "late");
  late.set_deadline_unix_us(DeadlineAfter(-std::chrono::milliseconds(1000)));
  raw.Send({late.SerializeAsString()});
  auto refused = raw.Receive();
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->request_id(), "late");
  EXPECT_EQ(refused->error().code(), common::v1::ERROR_CODE_DEADLINE_EXCEEDED);

  // The same request with a deadline still ahead is served.
  common::v1::RequestEnvelope on_time = Envelope(Add("on time"), "on-time");
  on_time.set_deadline_unix_us(DeadlineAfter(std::chrono::milliseconds(5000)));
  raw.Send({on_time.SerializeAsString()});
  auto served = raw.Receive();
  ASSERT_TRUE(served.has_value());
  EXPECT_FALSE(served->has_error()) << served->error().message();
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items WHERE name = 'late'"), 0);
}

TEST_F(RpcServerTest, EnvelopeFieldsAreValidatedWithTheFieldNamed) {
  Start();
  RawClient raw(zmq_, dir_.Ipc("s"));
  struct Case {
    std::function<void(common::v1::RequestEnvelope&)> spoil;
    std::string field;
  };
  const Case cases[] = {
      {[](auto& e) { e.set_protocol_version(99); }, "protocol_version"},
      {[](auto& e) { e.clear_client_id(); }, "client_id"},
      {[](auto& e) { e.clear_request_id(); }, "request_id"},
      {[](auto& e) { e.mutable_body()->set_type_url("type.googleapis.com/no.Such"); }, "body"},
      {[](auto& e) { e.mutable_body()->set_value("\xff\xff\xff"); }, "body"},
  };
  int n = 0;
  for (const Case& c : cases) {
    common::v1::RequestEnvelope env = Envelope(Add("x"), "r" + std::to_string(++n));
    c.spoil(env);
    raw.Send({env.SerializeAsString()});
    auto reply = raw.Receive();
    ASSERT_TRUE(reply.has_value()) << c.field;
    EXPECT_EQ(reply->error().code(), common::v1::ERROR_CODE_INVALID_ARGUMENT) << c.field;
    EXPECT_EQ(reply->error().field(), c.field);
  }
  EXPECT_EQ(Query("SELECT COUNT(*) FROM items"), 0);
}

TEST_F(RpcServerTest, OversizedMessagesAreDroppedAndServingGoesOn) {
  Start(/*max_message_bytes=*/int64_t{64} * 1024);
  RawClient raw(zmq_, dir_.Ipc("s"));
  const std::string huge = Envelope(Add(std::string(size_t{256} * 1024, 'x'))).SerializeAsString();
  raw.Send({huge});
  // libzmq drops the sender's connection instead of delivering the message.
  EXPECT_FALSE(raw.Receive(std::chrono::milliseconds(300)).has_value());
  RpcClient client = Client();
  auto reply = client.Call<AddItemResponse>(kActor, Add("normal"));
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->count(), 1);
}

TEST(RpcServerGroupCommitTest, QueuedCommandsShareOneTransactionAndAFailureUndoesOnlyItself) {
  verkosto::testing::TempDir dir;
  zmq::context_t zmq;
  FakeClock clock(SystemClock::Instance().Now());
  ServerOptions options;
  options.service_name = "test";
  options.bind_endpoint = "inproc://group-commit";
  TestService service(zmq, dir.File("s.db"), options, clock);  // loop not running
  RawClient raw(zmq, "inproc://group-commit");
  // inproc delivers into the server's queue synchronously, so all 30 are
  // queued before the server looks.
  for (int i = 0; i < 30; ++i) {
    const int fail = i == 10 ? static_cast<int>(ErrorCode::kFailedPrecondition) : 0;
    raw.Send({Envelope(Add("item" + std::to_string(i), fail), "r" + std::to_string(i))
                  .SerializeAsString()});
  }
  service.server().ProcessReadable();
  EXPECT_EQ(service.server().commits(), 1u);
  int ok = 0;
  int failed = 0;
  for (int i = 0; i < 30; ++i) {
    auto reply = raw.Receive();
    ASSERT_TRUE(reply.has_value());
    reply->has_error() ? ++failed : ++ok;
  }
  EXPECT_EQ(ok, 29);
  EXPECT_EQ(failed, 1);
  EXPECT_EQ(CountItems(service.db().sqlite()), 29);
  EXPECT_EQ(service.outbox().Head(), 29u);
}

// One group of queued commands on a service whose loop does not run: the
// test calls ProcessReadable itself.
class RpcServerGroupTest : public ::testing::Test {
 protected:
  RpcServerGroupTest()
      : clock_(SystemClock::Instance().Now()),
        service_(zmq_, dir_.File("s.db"), Options(), clock_),
        raw_(zmq_, "inproc://group") {}

  static ServerOptions Options() {
    ServerOptions options;
    options.service_name = "test";
    options.bind_endpoint = "inproc://group";
    return options;
  }
  // inproc delivers into the server's queue synchronously: everything sent
  // is queued before the server looks, so it is one group.
  void Send(const google::protobuf::Message& body, const std::string& request_id) {
    raw_.Send({Envelope(body, request_id).SerializeAsString()});
  }
  // Runs the group and returns its replies, in the order sent.
  std::vector<common::v1::ReplyEnvelope> RunGroup(size_t expected) {
    service_.server().ProcessReadable();
    std::vector<common::v1::ReplyEnvelope> replies;
    for (size_t i = 0; i < expected; ++i) {
      auto reply = raw_.Receive();
      if (!reply) break;
      replies.push_back(*reply);
    }
    return replies;
  }
  int64_t Count(const std::string& table) {
    return service_.db().sqlite().execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
  }
  static int64_t CountIn(const common::v1::ReplyEnvelope& reply) {
    AddItemResponse response;
    EXPECT_TRUE(reply.result().UnpackTo(&response)) << reply.error().message();
    return response.count();
  }

  verkosto::testing::TempDir dir_;
  zmq::context_t zmq_;
  FakeClock clock_;
  TestService service_;
  RawClient raw_;
};

TEST_F(RpcServerGroupTest, ARetryInTheSameGroupGetsTheFirstReplyAndHasNoSecondEffect) {
  Send(Add("a"), "r1");
  Send(Add("b"), "r2");
  Send(Add("a"), "r1");  // retries while the first is still in the group
  Send(Add("c"), "r3");
  Send(Add("b"), "r2");
  const auto replies = RunGroup(5);
  ASSERT_EQ(replies.size(), 5U);
  EXPECT_EQ(service_.server().commits(), 1U);
  EXPECT_EQ(CountIn(replies[0]), 1);
  EXPECT_EQ(CountIn(replies[1]), 2);
  EXPECT_EQ(CountIn(replies[3]), 3);
  EXPECT_EQ(replies[2].SerializeAsString(), replies[0].SerializeAsString());
  EXPECT_EQ(replies[4].SerializeAsString(), replies[1].SerializeAsString());
  EXPECT_EQ(Count("items"), 3);
  EXPECT_EQ(Count("outbox"), 3);
  EXPECT_EQ(Count("idempotency"), 3);
  // And in a later group, from the table.
  Send(Add("a"), "r1");
  const auto later = RunGroup(1);
  ASSERT_EQ(later.size(), 1U);
  EXPECT_EQ(later[0].SerializeAsString(), replies[0].SerializeAsString());
  EXPECT_EQ(Count("items"), 3);
}

TEST_F(RpcServerGroupTest,
       AFailedCommandLeavesNothingButItsErrorAndTheOthersKeepTheirEventsInOrder) {
  const int failed_precondition = static_cast<int>(ErrorCode::kFailedPrecondition);
  Send(Add("a"), "r1");
  Send(Add("bad", failed_precondition), "r2");  // inserts and emits, then fails
  Send(Add("c"), "r3");
  Send(Add("bad", failed_precondition), "r2");  // its retry: the stored error
  Send(Add("e"), "r5");
  const auto replies = RunGroup(5);
  ASSERT_EQ(replies.size(), 5U);
  EXPECT_EQ(service_.server().commits(), 1U);
  EXPECT_EQ(CountIn(replies[0]), 1);
  EXPECT_EQ(replies[1].error().code(), common::v1::ERROR_CODE_FAILED_PRECONDITION);
  EXPECT_EQ(CountIn(replies[2]), 2);
  EXPECT_EQ(replies[3].SerializeAsString(), replies[1].SerializeAsString());
  EXPECT_EQ(CountIn(replies[4]), 3);
  EXPECT_EQ(Count("items"), 3);
  EXPECT_EQ(Count("idempotency"), 4);  // r1, r2's error, r3, r5
  // The events: consecutive from 1, in the order of their commands, chained.
  const auto report = storage::VerifyChain(service_.db().sqlite(), OutboxChainTable());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->error;
  EXPECT_EQ(report->rows, 3);
  auto events = service_.outbox().Fetch(0, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->events_size(), 3);
  const char* const expected[] = {"r1", "r3", "r5"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(events->events(i).seq(), static_cast<uint64_t>(i + 1));
    EXPECT_EQ(events->events(i).request_id(), expected[i]);
  }
}

TEST_F(RpcServerGroupTest, AConsumerFetchesTheGroupsEventsOnceCommittedNeverBefore) {
  Send(Add("a"), "r1");
  Send(Add("b"), "r2");
  common::v1::FetchEventsRequest fetch;
  Send(fetch, "f1");  // in the same group: the two events are not committed yet
  auto replies = RunGroup(3);
  ASSERT_EQ(replies.size(), 3U);
  common::v1::FetchEventsResponse early;
  ASSERT_TRUE(replies[2].result().UnpackTo(&early));
  EXPECT_EQ(early.events_size(), 0);
  EXPECT_EQ(early.head_seq(), 0U);

  Send(fetch, "f2");
  replies = RunGroup(1);
  ASSERT_EQ(replies.size(), 1U);
  common::v1::FetchEventsResponse fetched;
  ASSERT_TRUE(replies[0].result().UnpackTo(&fetched));
  EXPECT_EQ(fetched.head_seq(), 2U);
  ASSERT_EQ(fetched.events_size(), 2);
  EXPECT_EQ(fetched.events(0).seq(), 1U);
  EXPECT_EQ(fetched.events(1).seq(), 2U);
  EXPECT_EQ(fetched.events(1).request_id(), "r2");
  EXPECT_EQ(fetched.events(1).hash(), service_.outbox().ChainHead()->hash);
  testing::v1::ItemAdded added;
  ASSERT_TRUE(fetched.events(1).payload().UnpackTo(&added));
  EXPECT_EQ(added.name(), "b");
}

TEST(RpcServerGroupCommitTest, RepliesLeaveOnlyAfterTheCommit) {
  verkosto::testing::TempDir dir;
  zmq::context_t zmq;
  FakeClock clock(SystemClock::Instance().Now());
  ServerOptions options;
  options.service_name = "test";
  options.bind_endpoint = "inproc://after-commit";
  TestService service(zmq, dir.File("s.db"), options, clock);
  RawClient raw(zmq, "inproc://after-commit");
  raw.Send({Envelope(Add("x")).SerializeAsString()});
  // Another connection holds the write lock: the group cannot begin, so the
  // command is answered unavailable and nothing is stored for its request id.
  SQLite::Database other(dir.File("s.db"), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  service.db().sqlite().setBusyTimeout(0);
  service.server().ProcessReadable();
  auto refused = raw.Receive();
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->error().code(), common::v1::ERROR_CODE_UNAVAILABLE);
  other.exec("ROLLBACK");
  // The retry with the same id now executes: the failure was not stored.
  raw.Send({Envelope(Add("x")).SerializeAsString()});
  service.server().ProcessReadable();
  auto accepted = raw.Receive();
  ASSERT_TRUE(accepted.has_value());
  EXPECT_FALSE(accepted->has_error()) << accepted->error().message();
  EXPECT_EQ(CountItems(service.db().sqlite()), 1);
}

}  // namespace
}  // namespace verkosto::messaging
