// SMTP AUTH against a real server: aiosmtpd on loopback that requires AUTH
// (no TLS on loopback), wired the way the service wires it (smtp_user and the
// password file from the configuration). The right password delivers as the
// configured user; a wrong one is the server's 535, a permanent failure with
// its reply; the password is in no log line and nowhere in the delivery log.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "config/config.h"
#include "delivery/delivery_fixture.h"
#include "delivery/smtp_server.h"
#include "notifications/delivery/deliverer.h"
#include "notifications/service.h"
#include "notifications/storage/sqlite_notification_repository.h"
#include "runtime/service_runtime.h"
#include "testing/keys.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace verkosto::notifications {
namespace {

constexpr char kUser[] = "verkosto-mailer";
constexpr char kPassword[] = "S3cret-Pa55word-9d7f";

// aiosmtpd's Controller with an authenticator, AUTH required (without TLS:
// loopback only). Each AUTH is logged as "<mechanism> <login> ok|refused";
// each accepted message is appended to an mbox file with the login it was
// sent under as its first header.
constexpr char kAuthServer[] = R"PY(
import mailbox
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, user, password_file, mbox_path, auth_log = sys.argv[1:6]
with open(password_file) as f:
    password = f.read().splitlines()[0]


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login.decode() == user
          and auth_data.password.decode() == password)
    login = auth_data.login.decode() if isinstance(auth_data, LoginPassword) else "?"
    with open(auth_log, "a") as log:
        log.write("%s %s %s\n" % (mechanism, login, "ok" if ok else "refused"))
    # handled=False: the server answers 535 itself.
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


class MboxHandler:
    def __init__(self, path):
        self.path = path

    async def handle_DATA(self, server, session, envelope):
        login = session.login_data or b""
        box = mailbox.mbox(self.path)
        box.lock()
        try:
            box.add(b"X-Authenticated-As: " + login + b"\r\n" + envelope.original_content)
            box.flush()
        finally:
            box.unlock()
            box.close()
        return "250 OK"


controller = Controller(MboxHandler(mbox_path), hostname="127.0.0.1", port=int(port),
                        authenticator=authenticator, auth_required=True,
                        auth_require_tls=False)
controller.start()
threading.Event().wait()
)PY";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class SmtpAuthServer {
 public:
  explicit SmtpAuthServer(const verkosto::testing::TempDir& dir)
      : mbox_(dir.File("mailbox")), auth_log_(dir.File("auth.log")), port_(testing::FreePort()) {
    std::ofstream(dir.File("auth_server.py")) << kAuthServer;
    std::ofstream(dir.File("server_password")) << kPassword << "\n";
    process_ = std::make_unique<verkosto::testing::Process>(
        "/usr/bin/python3",
        std::vector<std::string>{dir.File("auth_server.py"), std::to_string(port_), kUser,
                                 dir.File("server_password"), mbox_, auth_log_},
        dir.File("smtpd.log"));
    // Readiness: the server accepts connections (bounded connect-retry).
    for (int i = 0; i < 500 && !testing::Accepts(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ready_ = testing::Accepts(port_);
  }

  bool ready() const { return ready_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::string mailbox() const { return ReadAll(mbox_); }
  std::string auth_log() const { return ReadAll(auth_log_); }

 private:
  std::string mbox_;
  std::string auth_log_;
  int port_;
  bool ready_ = false;
  std::unique_ptr<verkosto::testing::Process> process_;
};

// Everything the process logs through spdlog while it lives, at every level.
class LogCapture {
 public:
  LogCapture()
      : logger_(spdlog::default_logger()),
        sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)),
        level_(logger_->level()) {
    logger_->sinks().push_back(sink_);
    logger_->set_level(spdlog::level::trace);
  }
  ~LogCapture() {
    logger_->set_level(level_);
    std::erase(logger_->sinks(), sink_);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  std::string text() {
    logger_->flush();
    return out_.str();
  }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> logger_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
  spdlog::level::level_enum level_;
};

class SmtpAuthTest : public ::testing::Test {
 protected:
  SmtpAuthTest() : clock_(testing::Noon()) {}

  // The notifications service wired from its configuration: SMTP to `url`
  // as kUser with `password` in smtp_password_file.
  void WireService(const std::string& url, const std::string& password) {
    system_ = config::DefaultSystemConfig(dir_.path(), dir_.path(), 0);
    ASSERT_TRUE(verkosto::testing::ProvisionKeys(system_));
    system_.demo_data = false;
    system_.notifications.smtp_url = url;
    system_.notifications.smtp_from = "verkosto@keha.example.fi";
    system_.notifications.smtp_user = kUser;
    system_.notifications.smtp_password_file = dir_.File("smtp_password");
    system_.notifications.starttls = false;  // aiosmtpd on loopback offers no STARTTLS
    std::ofstream(system_.notifications.smtp_password_file) << password << "\n";
    auto rt = runtime::ServiceRuntime::Create(zmq_, system_, "notifications", Migrations(), clock_);
    ASSERT_TRUE(rt.ok()) << rt.status().ToString();
    runtime_ = std::move(rt).value();
    ASSERT_TRUE(Wire(*runtime_, system_).ok());
  }

  SQLite::Database& Db() { return runtime_->db().sqlite(); }

  void AddMail(const std::string& address) {
    testing::AddMail(Db(), clock_.Now(), "nominations:1", address);
  }

  DeliveryRow Only() { return testing::OnlyDelivery(Db()); }

  // The delivery and every logged attempt say nothing of the password.
  static void ExpectNoPassword(const DeliveryRow& d) {
    EXPECT_EQ(d.last_reply.find(kPassword), std::string::npos) << d.last_reply;
    for (const auto& attempt : d.attempts) {
      EXPECT_EQ(attempt.reply.find(kPassword), std::string::npos) << attempt.reply;
    }
  }

  verkosto::testing::TempDir dir_;
  FakeClock clock_;
  zmq::context_t zmq_;
  config::SystemConfig system_;
  std::unique_ptr<runtime::ServiceRuntime> runtime_;
};

TEST_F(SmtpAuthTest, RightPasswordDeliversAsTheConfiguredUser) {
  SmtpAuthServer server(dir_);
  ASSERT_TRUE(server.ready());
  LogCapture log;
  WireService(server.url(), kPassword);
  AddMail("maija@kajaani.fi");
  auto attempted = DeliverDue(Db(), *MakeTransport(system_).value(), clock_, DeliveryOptions{});
  ASSERT_TRUE(attempted.ok()) << attempted.status().ToString();
  EXPECT_EQ(*attempted, 1u);

  const DeliveryRow d = Only();
  EXPECT_EQ(d.status, DeliveryStatus::kSent) << d.last_reply;
  ASSERT_EQ(d.attempts.size(), 1u);
  EXPECT_TRUE(d.attempts[0].ok);
  ExpectNoPassword(d);
  // The server saw one successful AUTH as the configured user, and stored
  // the message as sent under that login.
  const std::string auth = server.auth_log();
  EXPECT_EQ(Count(auth, std::string(" ") + kUser + " ok\n"), 1u) << auth;
  EXPECT_EQ(Count(auth, "refused"), 0u) << auth;
  const std::string box = server.mailbox();
  EXPECT_EQ(Count(box, "X-Authenticated-As: "), 1u) << box;
  EXPECT_NE(box.find(std::string("X-Authenticated-As: ") + kUser), std::string::npos) << box;
  EXPECT_NE(box.find("<" + d.email_message_id + ">"), std::string::npos);

  const std::string logged = log.text();
  EXPECT_NE(logged.find("e-mail goes to " + server.url()), std::string::npos) << logged;
  EXPECT_EQ(logged.find(kPassword), std::string::npos) << logged;
}

TEST_F(SmtpAuthTest, WrongPasswordIsThe535AsAPermanentFailure) {
  SmtpAuthServer server(dir_);
  ASSERT_TRUE(server.ready());
  LogCapture log;
  const std::string wrong = std::string(kPassword) + "-wrong";
  WireService(server.url(), wrong);
  AddMail("maija@kajaani.fi");
  auto attempted = DeliverDue(Db(), *MakeTransport(system_).value(), clock_, DeliveryOptions{});
  ASSERT_TRUE(attempted.ok()) << attempted.status().ToString();
  EXPECT_EQ(*attempted, 1u);

  const DeliveryRow d = Only();
  EXPECT_EQ(d.status, DeliveryStatus::kFailed);
  EXPECT_NE(d.last_reply.find("535 5.7.8 Authentication credentials invalid"), std::string::npos)
      << d.last_reply;
  EXPECT_EQ(d.next_attempt_us, 0);
  ASSERT_EQ(d.attempts.size(), 1u);
  EXPECT_FALSE(d.attempts[0].ok);
  EXPECT_NE(d.attempts[0].reply.find("535"), std::string::npos) << d.attempts[0].reply;
  ExpectNoPassword(d);
  for (const auto& attempt : d.attempts) {
    EXPECT_EQ(attempt.reply.find(wrong), std::string::npos) << attempt.reply;
  }
  EXPECT_EQ(d.last_reply.find(wrong), std::string::npos);

  const std::string auth = server.auth_log();
  EXPECT_NE(auth.find(std::string(" ") + kUser + " refused\n"), std::string::npos) << auth;
  EXPECT_EQ(Count(auth, " ok\n"), 0u) << auth;
  EXPECT_EQ(Count(server.mailbox(), "X-Authenticated-As: "), 0u);

  // Failed is final: nothing is tried again.
  clock_.Advance(std::chrono::hours(24));
  EXPECT_EQ(*DeliverDue(Db(), *MakeTransport(system_).value(), clock_, DeliveryOptions{}), 0u);

  const std::string logged = log.text();
  EXPECT_EQ(logged.find(kPassword), std::string::npos) << logged;
}

}  // namespace
}  // namespace verkosto::notifications
