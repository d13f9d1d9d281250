#pragma once

#include <SQLiteCpp/Statement.h>

#include <memory>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "messaging/outbox.h"
#include "messaging/rpc_server.h"
#include "messaging/schema.h"
#include "messaging/service_loop.h"
#include "storage/database.h"
#include "verkosto/testing/v1/test_messages.pb.h"

namespace verkosto::messaging {

// Migrations of the test service: the messaging tables plus `items`.
inline std::vector<storage::Migration> TestMigrations() {
  return {MessagingTablesMigration(),
          {2, "create_items", "CREATE TABLE items (name TEXT NOT NULL);"},
          AuditChainMigration(3)};
}

inline int64_t CountItems(SQLite::Database& db) {
  return db.execAndGet("SELECT COUNT(*) FROM items").getInt64();
}

// A service with AddItem/CountItems on a real database file, optionally
// running its loop in a background thread.
class TestService {
 public:
  TestService(zmq::context_t& zmq, const std::string& db_path, ServerOptions options,
              const Clock& clock) {
    auto db = storage::Database::Open(db_path, TestMigrations());
    if (!db.ok()) throw std::runtime_error(db.status().ToString());
    db_ = std::move(db).value();
    outbox_ = std::move(Outbox::Open(db_->sqlite(), options.service_name)).value();
    options.log_requests = false;
    server_ = std::make_unique<RpcServer>(zmq, *db_, outbox_.get(), clock, options);
    server_->AddCommand<testing::v1::AddItemRequest, testing::v1::AddItemResponse>(
        [](Context& ctx,
           const testing::v1::AddItemRequest& req) -> Result<testing::v1::AddItemResponse> {
          SQLite::Statement insert(ctx.db(), "INSERT INTO items (name) VALUES (?)");
          insert.bind(1, req.name());
          insert.exec();
          testing::v1::ItemAdded event;
          event.set_name(req.name());
          VERKOSTO_RETURN_IF_ERROR(ctx.Emit(event));
          if (req.fail_with_code() != 0) {
            return Status(ErrorCodeFromInt(req.fail_with_code()), "fail_with_code",
                          "asked to fail");
          }
          testing::v1::AddItemResponse response;
          response.set_count(CountItems(ctx.db()));
          response.set_principal(ctx.actor().principal);
          response.set_padding(std::string(static_cast<size_t>(req.reply_padding_bytes()), 'p'));
          return response;
        });
    server_->AddQuery<testing::v1::CountItemsRequest, testing::v1::CountItemsResponse>(
        [](Context& ctx, const testing::v1::CountItemsRequest&) {
          testing::v1::CountItemsResponse response;
          response.set_count(CountItems(ctx.db()));
          return Result<testing::v1::CountItemsResponse>(response);
        });
    server_->AddQuery<testing::v1::ListItemsRequest, testing::v1::ListItemsResponse>(
        [](Context& ctx, const testing::v1::ListItemsRequest&) {
          testing::v1::ListItemsResponse response;
          SQLite::Statement select(ctx.db(), "SELECT name FROM items ORDER BY rowid");
          while (select.executeStep()) response.add_names(select.getColumn(0).getString());
          return Result<testing::v1::ListItemsResponse>(response);
        });
    const Status bound = server_->Bind();
    if (!bound.ok()) throw std::runtime_error(bound.ToString());
    loop_.AddServer(server_.get());
  }

  ~TestService() { StopLoop(); }

  void StartLoop() {
    thread_ = std::thread([this] { loop_.Run(); });
  }
  void StopLoop() {
    if (thread_.joinable()) {
      loop_.Stop();
      thread_.join();
    }
  }

  storage::Database& db() { return *db_; }
  Outbox& outbox() { return *outbox_; }
  RpcServer& server() { return *server_; }

 private:
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<RpcServer> server_;
  ServiceLoop loop_;
  std::thread thread_;
};

}  // namespace verkosto::messaging
