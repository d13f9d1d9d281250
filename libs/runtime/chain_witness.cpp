#include "runtime/chain_witness.h"

#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <memory>

#include "messaging/schema.h"
#include "storage/database.h"
#include "storage/hash_chain.h"

namespace verkosto::runtime {

Result<int> RecordWitnesses(SQLite::Database& db, const std::vector<PeerHeads>& answers,
                            TimePoint now) {
  int added = 0;
  storage::ChainWriter chain(db, messaging::WitnessChainTable());
  for (const PeerHeads& answer : answers) {
    if (!answer.heads.ok()) continue;
    for (const common::v1::ChainHead& head : answer.heads->heads()) {
      bool same = false;
      VERKOSTO_RETURN_IF_ERROR(storage::Guard([&]() -> Status {
        SQLite::Statement last(db,
                               "SELECT peer_epoch, peer_seq, peer_hash FROM chain_witnesses "
                               "WHERE peer = ? AND peer_chain = ? ORDER BY id DESC LIMIT 1");
        last.bind(1, answer.peer);
        last.bind(2, head.chain());
        same = last.executeStep() && last.getColumn(0).getString() == answer.heads->epoch() &&
               static_cast<uint64_t>(last.getColumn(1).getInt64()) == head.seq() &&
               last.getColumn(2).getString() == head.hash();
        return Status::Ok();
      }));
      if (same) continue;
      VERKOSTO_RETURN_IF_ERROR(
          chain
              .Append({storage::ChainText(answer.peer), storage::ChainText(answer.heads->epoch()),
                       storage::ChainText(head.chain()),
                       storage::ChainValue{static_cast<int64_t>(head.seq())},
                       storage::ChainText(head.hash()), storage::ChainValue{ToMicros(now)}})
              .status());
      ++added;
    }
  }
  return added;
}

PeerHeadsFetcher::PeerHeadsFetcher(zmq::context_t& zmq, std::vector<Peer> peers, Actor self)
    : zmq_(zmq),
      peers_(std::move(peers)),
      self_(std::move(self)),
      fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

PeerHeadsFetcher::~PeerHeadsFetcher() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
}

uint64_t PeerHeadsFetcher::Request() {
  std::lock_guard lock(mutex_);
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
  // A round not started yet will see the newest state anyway.
  if (requested_ == started_) ++requested_;
  wake_.notify_all();
  return requested_;
}

std::vector<std::pair<uint64_t, std::vector<PeerHeads>>> PeerHeadsFetcher::Take() {
  uint64_t count = 0;
  if (read(fd_, &count, sizeof count) < 0) count = 0;  // EAGAIN: nothing new
  std::lock_guard lock(mutex_);
  return std::exchange(done_, {});
}

void PeerHeadsFetcher::Run() {
  // The clients live on this thread only (a ZeroMQ socket is one thread's).
  std::vector<std::unique_ptr<messaging::RpcClient>> clients;
  for (const Peer& peer : peers_) {
    clients.push_back(std::make_unique<messaging::RpcClient>(zmq_, peer.client));
  }
  for (;;) {
    uint64_t round = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || requested_ > started_; });
      if (stop_) return;
      round = started_ = requested_;
    }
    std::vector<PeerHeads> answers;
    for (size_t i = 0; i < peers_.size(); ++i) {
      answers.push_back(PeerHeads{peers_[i].name, clients[i]->Call<common::v1::ChainHeadsResponse>(
                                                      self_, common::v1::ChainHeadsRequest())});
      if (!answers.back().heads.ok()) {
        spdlog::info("witness: {} did not say its chain heads: {}", peers_[i].name,
                     answers.back().heads.status().ToString());
      }
      std::lock_guard lock(mutex_);
      if (stop_) return;
    }
    {
      std::lock_guard lock(mutex_);
      done_.emplace_back(round, std::move(answers));
    }
    const uint64_t one = 1;
    if (write(fd_, &one, sizeof one) < 0) spdlog::warn("witness: cannot wake the loop");
  }
}

}  // namespace verkosto::runtime
