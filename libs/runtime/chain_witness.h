#pragma once

#include <SQLiteCpp/Database.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>
#include <zmq.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "messaging/rpc_client.h"
#include "verkosto/common/v1/chain.pb.h"

namespace verkosto::runtime {

// One peer's answer in a witness round.
struct PeerHeads {
  std::string peer;
  Result<common::v1::ChainHeadsResponse> heads;
};

// Appends a chain_witnesses row (messaging::WitnessChainTable) for every head
// in `answers` that differs from the last one recorded for that peer and
// chain (epoch, seq or hash); failed answers are skipped. Returns how many
// rows it added. Precondition: a write transaction is open on `db`.
Result<int> RecordWitnesses(SQLite::Database& db, const std::vector<PeerHeads>& answers,
                            TimePoint now);

// Asks the peer services for their chain heads (ChainHeadsRequest) on a
// thread of its own, so that a slow or absent peer never stalls the service
// loop, and two services asking each other at once never wait on each
// other. A finished round is handed to the loop through an eventfd (fd()).
// Request() and the destructor may be called from any thread; Take() on the
// loop's. The thread starts with the first Request().
class PeerHeadsFetcher {
 public:
  struct Peer {
    std::string name;
    messaging::ClientOptions client;
  };

  PeerHeadsFetcher(zmq::context_t& zmq, std::vector<Peer> peers, Actor self);
  ~PeerHeadsFetcher();
  PeerHeadsFetcher(const PeerHeadsFetcher&) = delete;
  PeerHeadsFetcher& operator=(const PeerHeadsFetcher&) = delete;

  // Asks for a round and returns its number (1, 2, …). Requests made while a
  // round waits to start share it.
  uint64_t Request();

  // Readable when rounds finished.
  int fd() const { return fd_; }

  // Consumes the eventfd; the finished rounds, oldest first.
  std::vector<std::pair<uint64_t, std::vector<PeerHeads>>> Take();

 private:
  void Run();

  zmq::context_t& zmq_;
  std::vector<Peer> peers_;
  Actor self_;
  int fd_ = -1;
  std::mutex mutex_;
  std::condition_variable wake_;
  uint64_t requested_ = 0;                                         // guarded by mutex_
  uint64_t started_ = 0;                                           // guarded by mutex_
  bool stop_ = false;                                              // guarded by mutex_
  std::vector<std::pair<uint64_t, std::vector<PeerHeads>>> done_;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace verkosto::runtime
