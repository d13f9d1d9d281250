// event_bench's RabbitMQ half (compiled only when pkg-config finds
// librabbitmq, i.e. rabbitmq-c; see CMakeLists.txt): the same work as the
// verkosto half, through a broker that event_bench.sh starts on loopback.
//
//   publisher (main thread): one connection, one channel in confirm mode;
//       persistent messages (delivery_mode 2) to the default exchange,
//       routed to one durable queue; at most `window` unconfirmed. The body
//       is the publish time (16 hex digits of the steady clock) and the
//       message's number. A broker confirm is the command's reply.
//   consumer (its own thread and connection): basic.qos prefetch = batch,
//       basic.consume with manual acks. It waits for one delivery, takes
//       whatever else has already arrived (up to batch), inserts each into
//       its own SQLite database (storage::Database: WAL, synchronous=FULL)
//       in one transaction, keyed by the message's number (a redelivery is
//       ignored, as verkosto's cursor ignores a resent event), commits, and
//       only then acks them all with one basic.ack (multiple).

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <sys/time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "event_bench.h"
#include "storage/database.h"

namespace verkosto::bench {
namespace {

constexpr amqp_channel_t kChannel = 1;

std::string ReplyError(const amqp_rpc_reply_t& reply) {
  switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
      return "ok";
    case AMQP_RESPONSE_NONE:
      return "missing RPC reply";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
      return amqp_error_string2(reply.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
      if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
        const auto* close = static_cast<const amqp_connection_close_t*>(reply.reply.decoded);
        return "connection closed: " +
               std::string(static_cast<const char*>(close->reply_text.bytes),
                           close->reply_text.len);
      }
      if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
        const auto* close = static_cast<const amqp_channel_close_t*>(reply.reply.decoded);
        return "channel closed: " + std::string(static_cast<const char*>(close->reply_text.bytes),
                                                close->reply_text.len);
      }
      return "server exception";
  }
  return "unknown reply";
}

void Check(const amqp_rpc_reply_t& reply, const char* what) {
  if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
    throw std::runtime_error(std::string("RabbitMQ ") + what + ": " + ReplyError(reply));
  }
}

void CheckStatus(int status, const char* what) {
  if (status != AMQP_STATUS_OK) {
    throw std::runtime_error(std::string("RabbitMQ ") + what + ": " + amqp_error_string2(status));
  }
}

// One AMQP connection with channel 1 open, guest/guest on vhost "/".
class Connection {
 public:
  explicit Connection(const std::string& host_port) : conn_(amqp_new_connection()) {
    const auto colon = host_port.rfind(':');
    if (colon == std::string::npos) throw std::invalid_argument("--amqp takes HOST:PORT");
    const std::string host = host_port.substr(0, colon);
    const int port = std::stoi(host_port.substr(colon + 1));
    amqp_socket_t* socket = amqp_tcp_socket_new(conn_);
    if (socket == nullptr) throw std::runtime_error("RabbitMQ: no TCP socket");
    CheckStatus(amqp_socket_open(socket, host.c_str(), port), "connect");
    Check(amqp_login(conn_, "/", 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, "guest", "guest"), "login");
    amqp_channel_open(conn_, kChannel);
    Check(amqp_get_rpc_reply(conn_), "channel.open");
  }
  ~Connection() {
    amqp_channel_close(conn_, kChannel, AMQP_REPLY_SUCCESS);
    amqp_connection_close(conn_, AMQP_REPLY_SUCCESS);
    amqp_destroy_connection(conn_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  amqp_connection_state_t get() const { return conn_; }

 private:
  amqp_connection_state_t conn_;
};

// The consuming service's side: its own thread, connection and database.
class RabbitConsumer {
 public:
  RabbitConsumer(std::string amqp, std::string queue, std::string db_path, uint32_t batch)
      : amqp_(std::move(amqp)),
        queue_(std::move(queue)),
        db_path_(std::move(db_path)),
        batch_(batch) {}

  void Start() {
    StartThread(thread_, [this](std::promise<void>& ready) { Run(ready); });
  }
  void Stop() {
    stop_.store(true);
    thread_.join();
    if (!error_.empty()) throw std::runtime_error(error_);
  }
  DeliveryLog& log() { return log_; }

 private:
  void Run(std::promise<void>& ready) {
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<SQLite::Statement> insert;
    std::unique_ptr<Connection> connection;
    try {
      const storage::Migration migrations[] = {
          {1, "create_applied_messages",
           "CREATE TABLE applied_messages (seq INTEGER PRIMARY KEY, note TEXT NOT NULL)"}};
      db = OpenDatabase(db_path_, migrations);
      HookCommits(db->sqlite().getHandle(), &log_);
      insert = std::make_unique<SQLite::Statement>(
          db->sqlite(),
          "INSERT INTO applied_messages (seq, note) VALUES (?, ?) ON CONFLICT DO NOTHING");
      connection = std::make_unique<Connection>(amqp_);
      amqp_basic_qos(connection->get(), kChannel, 0,
                     static_cast<uint16_t>(std::min<uint32_t>(batch_, 65535)), 0);
      Check(amqp_get_rpc_reply(connection->get()), "basic.qos");
      amqp_basic_consume(connection->get(), kChannel, amqp_cstring_bytes(queue_.c_str()),
                         amqp_empty_bytes, 0, /*no_ack=*/0, 0, amqp_empty_table);
      Check(amqp_get_rpc_reply(connection->get()), "basic.consume");
    } catch (...) {
      ready.set_exception(std::current_exception());
      return;
    }
    ready.set_value();
    try {
      Consume(connection->get(), *db, *insert);
    } catch (const std::exception& e) {
      error_ = e.what();
    }
  }

  void Consume(amqp_connection_state_t conn, storage::Database& db, SQLite::Statement& insert) {
    struct Message {
      uint64_t tag;
      std::string body;
    };
    std::vector<Message> batch;
    batch.reserve(batch_);
    while (!stop_.load()) {
      batch.clear();
      // The first delivery: wait for it (briefly, to see stop_); the rest: what has arrived.
      timeval wait{0, 50'000};
      while (batch.size() < batch_) {
        timeval none{0, 0};
        amqp_maybe_release_buffers(conn);
        amqp_envelope_t envelope;
        const amqp_rpc_reply_t reply =
            amqp_consume_message(conn, &envelope, batch.empty() ? &wait : &none, 0);
        if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
            reply.library_error == AMQP_STATUS_TIMEOUT) {
          break;
        }
        Check(reply, "consume");
        batch.push_back(Message{envelope.delivery_tag,
                                std::string(static_cast<const char*>(envelope.message.body.bytes),
                                            envelope.message.body.len)});
        amqp_destroy_envelope(&envelope);
      }
      if (batch.empty()) continue;
      db.sqlite().exec("BEGIN IMMEDIATE");
      for (const Message& message : batch) {
        const std::string note = message.body.substr(0, kPayloadBytes);
        insert.reset();
        insert.bind(1, static_cast<int64_t>(std::stoull(message.body.substr(kPayloadBytes))));
        insert.bind(2, note);
        insert.exec();
        log_.Pending(SendTimeOfNote(note));
      }
      db.sqlite().exec("COMMIT");  // the WAL hook logs the deliveries
      CheckStatus(amqp_basic_ack(conn, kChannel, batch.back().tag, /*multiple=*/1), "basic.ack");
    }
  }

  std::string amqp_;
  std::string queue_;
  std::string db_path_;
  uint32_t batch_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::string error_;
  DeliveryLog log_;
};

}  // namespace

CellResult MeasureRabbitMq(const EventSettings& settings, const std::string& queue_type,
                           size_t window, bool catch_up, const std::string& dir,
                           const std::string& tag) {
  const std::string queue = "vkbench-" + tag;
  Connection publisher(settings.amqp);
  amqp_connection_state_t conn = publisher.get();
  {
    amqp_table_entry_t type;
    type.key = amqp_cstring_bytes("x-queue-type");
    type.value.kind = AMQP_FIELD_KIND_UTF8;
    type.value.value.bytes = amqp_cstring_bytes(queue_type.c_str());
    const amqp_table_t arguments{1, &type};
    amqp_queue_declare(conn, kChannel, amqp_cstring_bytes(queue.c_str()), 0, /*durable=*/1, 0, 0,
                       arguments);
    Check(amqp_get_rpc_reply(conn), "queue.declare");
    amqp_confirm_select(conn, kChannel);
    Check(amqp_get_rpc_reply(conn), "confirm.select");
  }
  RabbitConsumer consumer(settings.amqp, queue, dir + "/" + tag + "-consumer.db", settings.batch);
  if (!catch_up) consumer.Start();

  amqp_basic_properties_t properties{};
  properties._flags = AMQP_BASIC_DELIVERY_MODE_FLAG;
  properties.delivery_mode = 2;  // persistent

  const auto start = Steady::now();
  const auto measure_start = start + std::chrono::duration_cast<Steady::duration>(
                                         std::chrono::duration<double>(settings.warmup));
  const auto measure_end = measure_start + std::chrono::duration_cast<Steady::duration>(
                                               std::chrono::duration<double>(settings.seconds));
  std::map<uint64_t, Steady::time_point> unconfirmed;  // delivery tag -> publish time
  uint64_t next_tag = 1;  // a channel in confirm mode numbers publishes from 1
  uint64_t confirmed = 0;
  uint64_t completed = 0;
  uint64_t errors = 0;
  std::vector<int64_t> latencies;
  latencies.reserve(1 << 18);
  auto last_confirm = Steady::now();

  auto settle = [&](uint64_t delivery_tag, bool multiple, bool ok) {
    const auto now = Steady::now();
    last_confirm = now;
    auto end = multiple ? unconfirmed.upper_bound(delivery_tag) : unconfirmed.find(delivery_tag);
    auto begin = multiple ? unconfirmed.begin() : end;
    if (!multiple) {
      if (end == unconfirmed.end()) return;
      ++end;
    }
    for (auto it = begin; it != end; ++it) {
      if (!ok) {
        ++errors;
        continue;
      }
      ++confirmed;
      if (now >= measure_start && now < measure_end) {
        ++completed;
        if (it->second >= measure_start) {
          latencies.push_back(
              std::chrono::duration_cast<std::chrono::nanoseconds>(now - it->second).count());
        }
      }
    }
    unconfirmed.erase(begin, end);
  };

  while (true) {
    const auto now = Steady::now();
    while (now < measure_end && unconfirmed.size() < window) {
      const auto sent = Steady::now();
      const std::string body = SendTimeNote(sent) + std::to_string(next_tag);
      CheckStatus(amqp_basic_publish(conn, kChannel, amqp_empty_bytes,
                                     amqp_cstring_bytes(queue.c_str()), 0, 0, &properties,
                                     amqp_bytes_t{body.size(), const_cast<char*>(body.data())}),
                  "basic.publish");
      unconfirmed.emplace(next_tag++, sent);
    }
    if (unconfirmed.empty()) break;
    amqp_frame_t frame;
    timeval wait{1, 0};
    const int status = amqp_simple_wait_frame_noblock(conn, &frame, &wait);
    if (status == AMQP_STATUS_TIMEOUT) {
      if (Steady::now() - last_confirm > std::chrono::seconds(10)) {
        throw std::runtime_error("RabbitMQ: no publisher confirm for 10 s");
      }
      continue;
    }
    CheckStatus(status, "waiting for confirms");
    if (frame.frame_type != AMQP_FRAME_METHOD) continue;
    if (frame.payload.method.id == AMQP_BASIC_ACK_METHOD) {
      const auto* ack = static_cast<const amqp_basic_ack_t*>(frame.payload.method.decoded);
      settle(ack->delivery_tag, ack->multiple != 0, true);
    } else if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD) {
      const auto* nack = static_cast<const amqp_basic_nack_t*>(frame.payload.method.decoded);
      settle(nack->delivery_tag, nack->multiple != 0, false);
    } else if (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
               frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD) {
      throw std::runtime_error("RabbitMQ closed the publisher's channel");
    }
  }

  const auto consumer_start = Steady::now();
  if (catch_up) consumer.Start();
  AwaitApplied(consumer.log(), confirmed, settings.drain_seconds);
  consumer.Stop();
  amqp_queue_delete(conn, kChannel, amqp_cstring_bytes(queue.c_str()), 0, 0);
  Check(amqp_get_rpc_reply(conn), "queue.delete");

  CellResult cell;
  cell.system = "RabbitMQ " + queue_type + " queue";
  cell.window = window;
  cell.errors = errors;
  if (catch_up) {
    SummariseCatchUp(consumer.log().Take(), consumer_start, confirmed, consumer.log(), cell);
    return cell;
  }
  cell.commands_per_s = static_cast<double>(completed) / settings.seconds;
  std::sort(latencies.begin(), latencies.end());
  cell.command_p50_ms = Percentile(latencies, 0.50) / 1000.0;
  cell.command_p99_ms = Percentile(latencies, 0.99) / 1000.0;
  Summarise(consumer.log().Take(), measure_start, measure_end, confirmed, consumer.log(), cell);
  return cell;
}

}  // namespace verkosto::bench
