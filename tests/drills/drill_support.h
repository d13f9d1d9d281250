#pragma once

// What the drills share: an HTTP client of the JSON API that retries a
// command with the same Idempotency-Key until it is acknowledged, the
// nomination chain it drives (create, propose, open, send, register,
// approve, withdraw), and the checks afterwards (every acknowledged change
// there exactly once, notifications once, integrity_check, consumers caught
// up). Drills run real services and need root for namespaces and mounts.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace verkosto::drills {

using Clock = std::chrono::steady_clock;

// True when $VERKOSTO_DRILL_FULL is set to anything but "" or "0": the
// drills then run their full size instead of the short form ctest runs.
bool Full();

// Why the drills cannot run here ("" when they can): not root, or a tool missing.
std::string MissingPrerequisite(const std::vector<std::string>& tools);

// One HTTP answer: status 0 when no answer came (transport error in `error`).
struct Reply {
  int status = 0;
  std::string body;
  std::string error;
  bool ok() const { return status >= 200 && status < 300; }
  // The API's error code ("unavailable", ...) from the JSON body, "" if none.
  std::string Code() const;
};

// A client of one person: logs in through the API (session, then an API
// token), then sends requests with `Authorization: Bearer`. Not
// thread-safe: one per thread.
class ApiClient {
 public:
  ApiClient(std::string host, int port);

  // POST /api/v1/session with the demo password, then POST /api/v1/tokens;
  // retried until `deadline`. False with the last answer in `last` otherwise.
  bool Login(const std::string& user, Clock::time_point deadline, Reply* last);

  // One request, no retries.
  Reply Send(const std::string& method, const std::string& path, const std::string& body,
             const std::string& idempotency_key = {});

  // A GET retried while no answer comes or the answer is 5xx.
  Reply Get(const std::string& path, Clock::time_point deadline);

  // A command with `Idempotency-Key: key`, sent again with the SAME key
  // after a transport error or a 5xx until another answer comes or
  // `deadline` passes. `attempts` counts the sends.
  Reply Command(const std::string& method, const std::string& path, const std::string& body,
                const std::string& key, Clock::time_point deadline, int* attempts);

  const std::string& user() const { return user_; }

 private:
  std::string host_;
  int port_;
  std::string user_;
  std::string token_;
};

// What a chain run acknowledged and how hard it was.
struct ChainTally {
  std::atomic<int64_t> commands{0};  // acknowledged commands
  std::atomic<int64_t> retries{0};   // extra sends (same key) after an error
  std::atomic<int64_t> refusals{0};  // definitive 409s retried under a new key
  std::atomic<int64_t> failures{0};  // commands never acknowledged before the deadline
  std::mutex mutex;
  std::condition_variable progressed;            // notified after each acknowledged command
  std::vector<std::string> errors;               // the first few failures, for the report
  std::vector<std::string> networks;             // codes of the networks the chain opened
  std::map<std::string, std::string> approved;   // case id -> network code
  std::map<std::string, std::string> withdrawn;  // case id -> network code
  std::map<std::string, int64_t> acked;          // step ("create", "send", ...) -> count
  // When set, called (on the worker's thread, without `mutex`) with each
  // answer that is not an acknowledgement, before the command is sent again.
  std::function<void(const std::string& step, const Reply& reply)> on_error;
  void Fail(const std::string& what);
};

// The four people of the chain, logged in (one set per thread).
struct ChainPeople {
  ApiClient keha;
  ApiClient clerk;     // kainuu.kirjaamo
  ApiClient director;  // kainuu.johtaja
  ChainPeople(const std::string& host, int port)
      : keha(host, port), clerk(host, port), director(host, port) {}
  bool Login(Clock::time_point deadline, std::string* why);
};

// The areas of every chain: the first area's case is registered and
// approved, the second's withdrawn.
inline constexpr char kApprovingArea[] = "kainuu-koillismaa";
inline constexpr char kWithdrawingArea[] = "helsinki";
inline constexpr int kCommandsPerChain = 7;

// A chain's first half done: the network open, the request sent, its two cases.
struct SentChain {
  std::string code;
  std::string approving;    // the case of kApprovingArea
  std::string withdrawing;  // the case of kWithdrawingArea
};

// The chain's first four commands (create, propose, open, send) and its last
// three (register, approve, withdraw); RunChain is both. Same contract.
bool OpenAndSend(ChainPeople& people, const std::string& code, const std::string& run_id,
                 std::chrono::milliseconds command_timeout, ChainTally* tally, SentChain* sent);
bool Decide(ChainPeople& people, const SentChain& sent, const std::string& run_id,
            std::chrono::milliseconds command_timeout, ChainTally* tally);

// Runs one whole chain for network `code` (7 commands); every command is
// retried with its key until acknowledged or `command_timeout` passes
// (then the chain stops and the failure is counted). `today` and dates are
// the services' (testing::DaysFromToday).
bool RunChain(ChainPeople& people, const std::string& code, const std::string& run_id,
              std::chrono::milliseconds command_timeout, ChainTally* tally);

// Checks what a finished load left, through the API and the databases; each
// problem is appended to `problems`, the figures to `figures`.
struct Figures {
  int64_t networks = 0;
  int64_t cases = 0;
  int64_t memberships = 0;
  int64_t notifications = 0;  // messages in notifications' database for the chain's cases
  int64_t deliveries = 0;
};
// `databases`: each service's database file by service name.
void CheckChains(ApiClient& keha, const std::map<std::string, std::string>& databases,
                 ChainTally& tally, Clock::time_point deadline, Figures* figures,
                 std::vector<std::string>* problems);

// Every service's database in `data_dir` (<data_dir>/<service>.db).
std::map<std::string, std::string> DatabasesIn(const std::string& data_dir);

// PRAGMA integrity_check of a database file ("ok" or what it said).
std::string IntegrityCheck(const std::string& database);

// IntegrityCheck of each of `databases` (service -> file): "ok", or what the
// failing ones said, "<service>: <result>" joined by "; ".
std::string IntegrityOfAll(const std::map<std::string, std::string>& databases);

// Runs a shell command line, output into `log`; returns its exit code (-1 if it died).
int Shell(const std::string& command, const std::string& log = "/dev/null");

// A network code unique to this run and index.
std::string NetworkCode(const std::string& run_id, int index);

}  // namespace verkosto::drills
