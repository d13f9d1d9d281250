// Delivery against a real SMTP server on loopback (aiosmtpd), and what
// happens when the server is down, answers 4xx, or refuses with 5xx.
#include <gtest/gtest.h>

#include "delivery/delivery_fixture.h"
#include "delivery/smtp_server.h"
#include "notifications/delivery/deliverer.h"
#include "notifications/delivery/mail_transport.h"
#include "testing/temp_dir.h"

namespace verkosto::notifications {
namespace {

using testing::DeliveryFixture;
using testing::SmtpServer;

std::unique_ptr<MailTransport> Smtp(const std::string& url) {
  SmtpOptions options;
  options.url = url;
  options.from = "Verkosto – KEHA <verkosto@keha.example.fi>";
  options.require_starttls = false;  // aiosmtpd on loopback offers no STARTTLS
  options.connect_timeout_s = 5;
  options.timeout_s = 20;
  return MakeSmtpTransport(options);
}

DeliveryOptions Options() {
  DeliveryOptions o;
  o.from = "Verkosto – KEHA <verkosto@keha.example.fi>";
  return o;
}

class SmtpDeliveryTest : public DeliveryFixture {
 protected:
  verkosto::testing::TempDir dir_;
};

TEST_F(SmtpDeliveryTest, RealServerReceivesUtf8MultipartWithEncodedSubject) {
  SmtpServer server(dir_);
  ASSERT_TRUE(server.ready());
  AddMail("nominations:1", "maija.makela@kajaani.fi");
  auto transport = Smtp(server.url());
  auto attempted = DeliverDue(db_->sqlite(), *transport, clock_, Options());
  ASSERT_TRUE(attempted.ok()) << attempted.status().ToString();
  EXPECT_EQ(*attempted, 1u);
  const DeliveryRow d = Only();
  EXPECT_EQ(d.status, DeliveryStatus::kSent) << d.last_reply;
  EXPECT_EQ(d.attempt_count, 1u);
  ASSERT_EQ(d.attempts.size(), 1u);
  EXPECT_TRUE(d.attempts[0].ok);

  const auto received = server.Messages();
  ASSERT_EQ(received.size(), 1u);
  const testing::ParsedMessage m = testing::Parse(received[0]);
  EXPECT_NE(m.Header("Subject").find("=?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(testing::DecodeHeader(m.Header("Subject")),
            "Sinut on nimetty verkostoon Työllisyyden edistämisen Ääni-verkosto");
  EXPECT_EQ(testing::DecodeHeader(m.Header("From")), "Verkosto – KEHA <verkosto@keha.example.fi>");
  EXPECT_EQ(m.Header("To"), "<maija.makela@kajaani.fi>");
  EXPECT_EQ(m.Header("Message-ID"), "<" + d.email_message_id + ">");
  EXPECT_EQ(m.Header("MIME-Version"), "1.0");
  EXPECT_EQ(m.Header("Content-Language"), "fi");
  EXPECT_NE(m.Header("Date").find("+0000"), std::string::npos);
  EXPECT_EQ(m.Header("X-MailFrom"), "verkosto@keha.example.fi");
  EXPECT_NE(m.Header("Content-Type").find("multipart/alternative"), std::string::npos);
  const auto parts = testing::Parts(m);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].first, "text/plain; charset=UTF-8");
  EXPECT_EQ(parts[0].second, "Hei Mäkelä,\n\nsinut on nimetty jäseneksi.\n");
  EXPECT_EQ(parts[1].first, "text/html; charset=UTF-8");
  EXPECT_EQ(parts[1].second, "<p>Hei Mäkelä,</p><p>sinut on nimetty jäseneksi.</p>");

  // Sent is sent: nothing goes out again.
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(*DeliverDue(db_->sqlite(), *transport, clock_, Options()), 0u);
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST_F(SmtpDeliveryTest, RequiredStartTlsNeverSendsInClearText) {
  SmtpServer server(dir_);  // offers no STARTTLS
  ASSERT_TRUE(server.ready());
  AddMail("nominations:1", "maija@kajaani.fi");
  SmtpOptions options;
  options.url = server.url();
  options.from = "verkosto@keha.example.fi";
  options.require_starttls = true;
  auto transport = MakeSmtpTransport(options);
  ASSERT_EQ(*DeliverDue(db_->sqlite(), *transport, clock_, Options()), 1u);
  const DeliveryRow d = Only();
  // Kept for a retry (an operator fixes the server or the config), not sent.
  EXPECT_EQ(d.status, DeliveryStatus::kPending);
  EXPECT_FALSE(d.last_reply.empty());
  EXPECT_TRUE(server.Messages().empty());
}

TEST_F(SmtpDeliveryTest, ServerDownSchedulesARetryWithBackOff) {
  AddMail("nominations:1", "maija@kajaani.fi");
  auto transport = Smtp("smtp://127.0.0.1:" + std::to_string(testing::FreePort()));
  ASSERT_EQ(*DeliverDue(db_->sqlite(), *transport, clock_, Options()), 1u);
  DeliveryRow d = Only();
  EXPECT_EQ(d.status, DeliveryStatus::kPending);
  EXPECT_EQ(d.attempt_count, 1u);
  EXPECT_EQ(d.next_attempt_us, ToMicros(clock_.Now() + std::chrono::seconds(60)));
  EXPECT_FALSE(d.last_reply.empty());
  // Not due before the back-off has passed; due after.
  clock_.Advance(std::chrono::seconds(59));
  EXPECT_EQ(*DeliverDue(db_->sqlite(), *transport, clock_, Options()), 0u);
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(*DeliverDue(db_->sqlite(), *transport, clock_, Options()), 1u);
  d = Only();
  EXPECT_EQ(d.attempt_count, 2u);
  EXPECT_EQ(d.next_attempt_us, ToMicros(clock_.Now() + std::chrono::seconds(120)));
  EXPECT_EQ(d.attempts.size(), 2u);
}

TEST_F(SmtpDeliveryTest, TemporaryRefusalThenSuccessDeliversOnceAfterRetry) {
  SmtpServer server(dir_, "451", 1);
  ASSERT_TRUE(server.ready());
  AddMail("nominations:1", "maija@kajaani.fi");
  auto transport = Smtp(server.url());
  ASSERT_EQ(*DeliverDue(db_->sqlite(), *transport, clock_, Options()), 1u);
  DeliveryRow d = Only();
  EXPECT_EQ(d.status, DeliveryStatus::kPending);
  EXPECT_NE(d.last_reply.find("451"), std::string::npos) << d.last_reply;
  EXPECT_TRUE(server.Messages().empty());

  clock_.Advance(std::chrono::minutes(1));
  ASSERT_EQ(*DeliverDue(db_->sqlite(), *transport, clock_, Options()), 1u);
  d = Only();
  EXPECT_EQ(d.status, DeliveryStatus::kSent) << d.last_reply;
  ASSERT_EQ(d.attempts.size(), 2u);
  EXPECT_FALSE(d.attempts[0].ok);
  EXPECT_TRUE(d.attempts[1].ok);
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST_F(SmtpDeliveryTest, PermanentRefusalIsRecordedWithTheServersReply) {
  SmtpServer server(dir_, "554", 1000);
  ASSERT_TRUE(server.ready());
  AddMail("nominations:1", "maija@kajaani.fi");
  auto transport = Smtp(server.url());
  ASSERT_EQ(*DeliverDue(db_->sqlite(), *transport, clock_, Options()), 1u);
  const DeliveryRow d = Only();
  EXPECT_EQ(d.status, DeliveryStatus::kFailed);
  EXPECT_NE(d.last_reply.find("554 5.7.1 Rejected by policy"), std::string::npos) << d.last_reply;
  EXPECT_EQ(d.next_attempt_us, 0);
  clock_.Advance(std::chrono::hours(24));
  EXPECT_EQ(*DeliverDue(db_->sqlite(), *transport, clock_, Options()), 0u);
  EXPECT_TRUE(server.Messages().empty());
}

}  // namespace
}  // namespace verkosto::notifications
