// ServiceLoop's readable-fd hook: another thread writes an eventfd, and the
// handler runs on the loop's own thread, once per wake-up, while the loop
// keeps running.
#include "messaging/service_loop.h"

#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <thread>

namespace verkosto::messaging {
namespace {

TEST(ServiceLoopTest, AReadableFdRunsItsHandlerOnTheLoopThread) {
  const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  ASSERT_GE(fd, 0);
  ServiceLoop loop;
  std::thread::id handler_thread;
  int calls = 0;
  uint64_t total = 0;
  loop.AddReadable(fd, [&] {
    uint64_t count = 0;
    if (read(fd, &count, sizeof count) == sizeof count) total += count;
    handler_thread = std::this_thread::get_id();
    ++calls;
    if (total == 2) loop.Stop();
  });
  const auto write_one = [fd] {
    const uint64_t one = 1;
    ASSERT_EQ(write(fd, &one, sizeof one), static_cast<ssize_t>(sizeof one));
  };
  // A write before Run() is seen by the first poll; one from another thread
  // wakes the loop (or is read with the first: the counter adds up).
  write_one();
  std::thread loop_thread([&] { loop.Run(); });
  const std::thread::id loop_id = loop_thread.get_id();
  std::thread writer(write_one);
  writer.join();
  loop_thread.join();
  EXPECT_EQ(handler_thread, loop_id);
  EXPECT_GE(calls, 1);
  EXPECT_LE(calls, 2);
  EXPECT_EQ(total, 2u);
  close(fd);
}

}  // namespace
}  // namespace verkosto::messaging
