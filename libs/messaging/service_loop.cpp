#include "messaging/service_loop.h"

#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <stdexcept>

namespace verkosto::messaging {

ServiceLoop::ServiceLoop() {
  stop_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (stop_fd_ < 0) throw std::runtime_error("eventfd failed");
}

ServiceLoop::~ServiceLoop() {
  if (stop_fd_ >= 0) close(stop_fd_);
  if (signal_fd_ >= 0) close(signal_fd_);
}

void ServiceLoop::AddConsumer(EventConsumer* consumer) { consumers_.push_back(consumer); }

void ServiceLoop::AddPeriodic(std::chrono::milliseconds interval, std::function<void()> fn) {
  periodic_.push_back(Periodic{interval, std::move(fn), std::chrono::steady_clock::now()});
}

void ServiceLoop::AddReadable(int fd, std::function<void()> fn) {
  readable_.push_back(Readable{fd, std::move(fn)});
}

void ServiceLoop::StopOnSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal_fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (signal_fd_ < 0) throw std::runtime_error("signalfd failed");
}

void ServiceLoop::Stop() {
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = write(stop_fd_, &one, sizeof one);
}

void ServiceLoop::Run() {
  using Steady = std::chrono::steady_clock;
  for (EventConsumer* consumer : consumers_) consumer->OnTimer(Steady::now());
  while (true) {
    // Poll set: stop fd, signal fd, server, per consumer dealer (+ sub), then
    // the readable fds.
    std::vector<zmq::pollitem_t> items;
    items.push_back({nullptr, stop_fd_, ZMQ_POLLIN, 0});
    items.push_back({nullptr, signal_fd_, static_cast<short>(signal_fd_ >= 0 ? ZMQ_POLLIN : 0), 0});
    if (server_ != nullptr)
      items.push_back({static_cast<void*>(server_->socket()), 0, ZMQ_POLLIN, 0});
    for (EventConsumer* consumer : consumers_) {
      items.push_back({static_cast<void*>(consumer->dealer()), 0, ZMQ_POLLIN, 0});
      zmq::socket_t* sub = consumer->hint_socket();
      if (sub != nullptr) items.push_back({static_cast<void*>(*sub), 0, ZMQ_POLLIN, 0});
    }
    for (const Readable& r : readable_) items.push_back({nullptr, r.fd, ZMQ_POLLIN, 0});

    auto now = Steady::now();
    auto wake = now + std::chrono::seconds(1);
    for (EventConsumer* consumer : consumers_) wake = std::min(wake, consumer->NextWakeup());
    for (const Periodic& p : periodic_) wake = std::min(wake, p.next);
    const auto timeout =
        std::max(std::chrono::milliseconds(0),
                 std::chrono::duration_cast<std::chrono::milliseconds>(wake - now));
    try {
      zmq::poll(items.data(), items.size(), timeout);
    } catch (const zmq::error_t& e) {
      if (e.num() == EINTR) continue;
      throw;
    }

    if ((items[0].revents & ZMQ_POLLIN) != 0) {
      uint64_t count = 0;  // reset the eventfd so the loop can be run again
      [[maybe_unused]] const ssize_t n = read(stop_fd_, &count, sizeof count);
      return;
    }
    if ((items[1].revents & ZMQ_POLLIN) != 0) {
      signalfd_siginfo info{};
      [[maybe_unused]] const ssize_t n = read(signal_fd_, &info, sizeof info);
      spdlog::info("signal {} received, stopping", info.ssi_signo);
      return;
    }
    size_t index = 2;
    if (server_ != nullptr) {
      if ((items[index].revents & ZMQ_POLLIN) != 0) server_->ProcessReadable();
      ++index;
    }
    for (EventConsumer* consumer : consumers_) {
      if ((items[index++].revents & ZMQ_POLLIN) != 0) consumer->OnDealerReadable();
      if (consumer->hint_socket() != nullptr) {
        if ((items[index++].revents & ZMQ_POLLIN) != 0) consumer->OnHintReadable();
      }
    }
    for (Readable& r : readable_) {
      if ((items[index++].revents & ZMQ_POLLIN) == 0) continue;
      try {
        r.fn();
      } catch (const std::exception& e) {
        spdlog::error("readable handler failed: {}", e.what());
      }
    }
    now = Steady::now();
    for (EventConsumer* consumer : consumers_) {
      if (now >= consumer->NextWakeup()) consumer->OnTimer(now);
    }
    for (Periodic& p : periodic_) {
      if (now >= p.next) {
        p.next = now + p.interval;
        try {
          p.fn();
        } catch (const std::exception& e) {
          spdlog::error("periodic task failed: {}", e.what());
        }
      }
    }
  }
}

}  // namespace verkosto::messaging
