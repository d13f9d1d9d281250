#pragma once

#include <memory>
#include <optional>
#include <thread>

#include "notifications/delivery/mail_transport.h"

namespace verkosto::notifications {

// A thread that hands one e-mail at a time to the transport, so a slow SMTP
// server never stalls the service loop. The loop's thread starts a send,
// waits for fd() to become readable (ServiceLoop::AddReadable), and takes
// the result; the worker never touches the database. At most one send is
// in flight.
class MailWorker {
 public:
  explicit MailWorker(std::shared_ptr<MailTransport> transport);
  // Stops the thread. A send in progress is abandoned: the thread is left to
  // finish it (keeping the transport alive) and its result is dropped, so
  // the delivery stays pending and is sent again after a restart.
  ~MailWorker();
  MailWorker(const MailWorker&) = delete;
  MailWorker& operator=(const MailWorker&) = delete;

  // Readable when a result is ready (an eventfd; TakeResult consumes it).
  int fd() const;
  // Whether a send was started and its result not yet taken.
  bool busy() const { return busy_; }
  // Starts sending `mail`. Requires !busy().
  void Start(OutgoingMail mail);
  // The result of the started send, once it is there.
  std::optional<SendResult> TakeResult();

 private:
  struct State;
  std::shared_ptr<State> state_;
  std::thread thread_;
  bool busy_ = false;
};

}  // namespace verkosto::notifications
