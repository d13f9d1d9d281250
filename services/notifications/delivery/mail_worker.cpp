#include "notifications/delivery/mail_worker.h"

#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stdexcept>

namespace verkosto::notifications {

// Shared by the owner and the thread, so an abandoned thread can finish.
struct MailWorker::State {
  explicit State(std::shared_ptr<MailTransport> t) : transport(std::move(t)) {
    fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) throw std::runtime_error("eventfd failed");
  }
  ~State() { close(fd); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  std::shared_ptr<MailTransport> transport;
  int fd = -1;
  std::mutex mu;
  std::condition_variable cv;
  std::optional<OutgoingMail> job;   // started, not yet picked up
  std::optional<SendResult> result;  // done, not yet taken
  bool sending = false;              // the thread is in transport->Send
  bool stop = false;
};

MailWorker::MailWorker(std::shared_ptr<MailTransport> transport)
    : state_(std::make_shared<State>(std::move(transport))) {
  thread_ = std::thread([state = state_] {
    while (true) {
      OutgoingMail mail;
      {
        std::unique_lock<std::mutex> lock(state->mu);
        state->cv.wait(lock, [&] { return state->stop || state->job.has_value(); });
        if (state->stop) return;
        mail = std::move(*state->job);
        state->job.reset();
        state->sending = true;
      }
      SendResult result;
      try {
        result = state->transport->Send(mail);
      } catch (const std::exception& e) {
        result = {SendOutcome::kTemporaryFailure, std::string("transport failed: ") + e.what()};
      }
      std::lock_guard<std::mutex> lock(state->mu);
      state->sending = false;
      if (state->stop) return;  // abandoned: the delivery stays pending
      state->result = std::move(result);
      const uint64_t one = 1;
      [[maybe_unused]] const ssize_t n = write(state->fd, &one, sizeof one);
    }
  });
}

MailWorker::~MailWorker() {
  bool in_send = false;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->stop = true;
    in_send = state_->sending;
  }
  state_->cv.notify_all();
  if (in_send) {
    spdlog::warn("stopping with an e-mail being sent: it stays pending and is sent again");
    thread_.detach();
  } else {
    thread_.join();
  }
}

int MailWorker::fd() const { return state_->fd; }

void MailWorker::Start(OutgoingMail mail) {
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->job = std::move(mail);
  }
  busy_ = true;
  state_->cv.notify_one();
}

std::optional<SendResult> MailWorker::TakeResult() {
  uint64_t count = 0;
  [[maybe_unused]] const ssize_t n = read(state_->fd, &count, sizeof count);
  std::lock_guard<std::mutex> lock(state_->mu);
  std::optional<SendResult> result = std::move(state_->result);
  state_->result.reset();
  if (result) busy_ = false;
  return result;
}

}  // namespace verkosto::notifications
