// Delivery through the in-memory transport: back-off, giving up, the
// delivery log, and the daily digest.
#include "notifications/delivery/deliverer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "delivery/delivery_fixture.h"
#include "delivery/smtp_server.h"
#include "testing/temp_dir.h"

namespace verkosto::notifications {
namespace {

using std::chrono::seconds;
using testing::DeliveryFixture;

using DelivererTest = DeliveryFixture;

TEST(RetryDelayTest, DoublesFromTheFirstRetryUpToTheCap) {
  DeliveryOptions o;
  o.first_retry = seconds(60);
  o.max_retry = seconds(600);
  EXPECT_EQ(RetryDelay(1, o), seconds(60));
  EXPECT_EQ(RetryDelay(2, o), seconds(120));
  EXPECT_EQ(RetryDelay(4, o), seconds(480));
  EXPECT_EQ(RetryDelay(5, o), seconds(600));
  EXPECT_EQ(RetryDelay(40, o), seconds(600));
}

TEST_F(DelivererTest, SendsDueMailOnceWithAStableMessageId) {
  AddMail("nominations:1", "maija@kajaani.fi");
  InMemoryTransport transport;
  ASSERT_EQ(*DeliverDue(db_->sqlite(), transport, clock_, DeliveryOptions{}), 1u);
  ASSERT_EQ(transport.sent().size(), 1u);
  const std::vector<OutgoingMail> sent = transport.sent();
  const OutgoingMail& mail = sent[0];
  EXPECT_EQ(mail.to, "maija@kajaani.fi");
  EXPECT_EQ(mail.language, "fi");
  EXPECT_EQ(mail.message_id, Only().email_message_id);
  EXPECT_NE(mail.message_id.find("@verkosto.invalid"), std::string::npos);
  EXPECT_EQ(*DeliverDue(db_->sqlite(), transport, clock_, DeliveryOptions{}), 0u);
}

TEST_F(DelivererTest, GivesUpAfterMaxAttemptsWithTheLastReply) {
  AddMail("nominations:1", "maija@kajaani.fi");
  InMemoryTransport transport;
  DeliveryOptions o;
  o.max_attempts = 3;
  for (int i = 0; i < 3; ++i) {
    transport.Script({SendOutcome::kTemporaryFailure, "421 busy " + std::to_string(i)});
  }
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(*DeliverDue(db_->sqlite(), transport, clock_, o), 1u);
    clock_.Advance(std::chrono::hours(1));
  }
  const DeliveryRow d = Only();
  EXPECT_EQ(d.status, DeliveryStatus::kFailed);
  EXPECT_EQ(d.last_reply, "421 busy 2");
  EXPECT_EQ(d.attempts.size(), 3u);
  EXPECT_EQ(*DeliverDue(db_->sqlite(), transport, clock_, o), 0u);
}

TEST_F(DelivererTest, SkippedAndDigestDeliveriesAreNotSentOneByOne) {
  AddMail("nominations:1", "a@x.fi", DeliveryStatus::kSkipped);
  AddMail("nominations:2", "b@x.fi", DeliveryStatus::kDigest);
  InMemoryTransport transport;
  EXPECT_EQ(*DeliverDue(db_->sqlite(), transport, clock_, DeliveryOptions{}), 0u);
  EXPECT_TRUE(transport.sent().empty());
}

TEST_F(DelivererTest, DigestGoesOutOnceADayAfterSevenWithEveryWaitingMessage) {
  // 06:30 Helsinki: too early.
  clock_.Set(HelsinkiStartOfDay(*ParseIsoDate("2026-03-03")) + std::chrono::minutes(390));
  AddMail("nominations:1", "maija@kajaani.fi", DeliveryStatus::kDigest, "email:maija@kajaani.fi");
  AddMail("nominations:2", "maija@kajaani.fi", DeliveryStatus::kDigest, "email:maija@kajaani.fi");
  InMemoryTransport transport;
  EXPECT_EQ(*SendDigests(db_->sqlite(), transport, clock_, DeliveryOptions{}), 0u);
  clock_.Advance(std::chrono::hours(1));  // 07:30
  ASSERT_EQ(*SendDigests(db_->sqlite(), transport, clock_, DeliveryOptions{}), 1u);
  ASSERT_EQ(transport.sent().size(), 1u);
  const std::vector<OutgoingMail> sent = transport.sent();
  const OutgoingMail& digest = sent[0];
  EXPECT_EQ(digest.subject, "Päivän viestit verkostosta 3.3.2026");
  EXPECT_EQ(digest.to, "maija@kajaani.fi");
  // Both messages, once each.
  size_t count = 0;
  for (size_t pos = digest.text.find("Hei Mäkelä"); pos != std::string::npos;
       pos = digest.text.find("Hei Mäkelä", pos + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 2u);
  // A message arriving later the same day waits for tomorrow's digest.
  AddMail("nominations:3", "maija@kajaani.fi", DeliveryStatus::kDigest, "email:maija@kajaani.fi");
  EXPECT_EQ(*SendDigests(db_->sqlite(), transport, clock_, DeliveryOptions{}), 0u);
  clock_.Advance(std::chrono::hours(24));
  EXPECT_EQ(*SendDigests(db_->sqlite(), transport, clock_, DeliveryOptions{}), 1u);
  EXPECT_EQ(transport.sent().size(), 2u);
}

// Whether `s` starts and ends on character boundaries.
bool CompleteUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t len = 1;
    if (lead >= 0xf0) {
      len = 4;
    } else if (lead >= 0xe0) {
      len = 3;
    } else if (lead >= 0xc0) {
      len = 2;
    } else if (lead >= 0x80) {
      return false;  // a continuation byte where a character should start
    }
    if (i + len > s.size()) return false;
    i += len;
  }
  return true;
}

TEST(MimeTest, LongSubjectsAreFoldedIntoShortEncodedWordsWithoutSplittingCharacters) {
  const std::string subject =
      "Päätettävänä: nimeäminen verkostoon Työllisyyspalveluiden äänekäs ööverkosto ja sen "
      "alatyöryhmä";
  const std::string encoded = EncodeHeaderWord(subject);
  size_t start = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 75u);
    start = end + 3;
  }
  EXPECT_EQ(testing::DecodeHeader(encoded), subject);
  // Every encoded word decodes to valid UTF-8 on its own.
  for (size_t pos = encoded.find("=?UTF-8?B?"); pos != std::string::npos;
       pos = encoded.find("=?UTF-8?B?", pos + 1)) {
    const std::string word =
        testing::Base64Decode(encoded.substr(pos + 10, encoded.find("?=", pos + 10) - pos - 10));
    EXPECT_TRUE(CompleteUtf8(word)) << "a word splits a character";
  }
  EXPECT_EQ(EncodeHeaderWord("Plain ASCII subject"), "Plain ASCII subject");
}

TEST(SmtpTransportTest, DescriptionNeverShowsCredentials) {
  SmtpOptions options;
  options.url = "smtp://user:secret@mail.example.fi:587";
  options.password = "other-secret";
  const std::string text = MakeSmtpTransport(options)->Describe();
  EXPECT_EQ(text, "smtp://mail.example.fi:587");
  EXPECT_EQ(text.find("secret"), std::string::npos);
}

TEST(MakeTransportTest, EmlFilesWithoutSmtpElseSmtpWithThePasswordFromItsFile) {
  verkosto::testing::TempDir dir;
  config::SystemConfig system = config::DefaultSystemConfig(dir.path(), dir.path(), 0);
  auto eml = MakeTransport(system);
  ASSERT_TRUE(eml.ok());
  EXPECT_EQ((*eml)->Describe(), "eml:" + dir.path() + "/mail");
  OutgoingMail mail;
  mail.from = "noreply@verkosto.invalid";
  mail.to = "a@b.fi";
  mail.subject = "Hei";
  mail.text = "Hyvää päivää";
  mail.message_id = "verkosto-1-2@verkosto.invalid";
  const SendResult written = (*eml)->Send(mail);
  EXPECT_EQ(written.outcome, SendOutcome::kSent);
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.File("mail"))) {
    EXPECT_EQ(entry.path().extension(), ".eml");
    ++files;
  }
  EXPECT_EQ(files, 1u);

  system.notifications.smtp_url = "smtp://mail.example.fi:587";
  system.notifications.smtp_user = "verkosto";
  system.notifications.smtp_password_file = dir.File("missing.pass");
  auto missing = MakeTransport(system);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  std::ofstream(dir.File("smtp.pass")) << "s3cret\n";
  system.notifications.smtp_password_file = dir.File("smtp.pass");
  auto smtp = MakeTransport(system);
  ASSERT_TRUE(smtp.ok());
  EXPECT_EQ((*smtp)->Describe(), "smtp://mail.example.fi:587");
}

TEST(MimeTest, TextOnlyMailIsASinglePart) {
  OutgoingMail mail;
  mail.from = "noreply@verkosto.invalid";
  mail.to = "a@b.fi";
  mail.subject = "Hei";
  mail.text = "Hyvää päivää";
  mail.message_id = "x@verkosto.invalid";
  const testing::ParsedMessage m = testing::Parse(BuildMime(mail));
  EXPECT_EQ(m.Header("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(testing::Base64Decode(m.body), "Hyvää päivää");
  EXPECT_EQ(AddressOf("Name <a@b.fi>"), "a@b.fi");
  EXPECT_EQ(AddressOf("a@b.fi"), "a@b.fi");
}

// Issue 19: a formal letter rides along as an application/pdf attachment
// next to the text and HTML alternatives.
TEST(MimeTest, AttachmentsMakeAMixedBodyAroundTheAlternatives) {
  OutgoingMail mail;
  mail.from = "noreply@verkosto.invalid";
  mail.to = "kirjaamo@alue.fi";
  mail.subject = "Nimeämispyyntö";
  mail.text = "Hei";
  mail.html = "<p>Hei</p>";
  mail.message_id = "verkosto-1-2@verkosto.invalid";
  std::string pdf = "%PDF-1.5\n";
  for (int i = 0; i < 1000; ++i) pdf += static_cast<char>(i % 256);
  mail.attachments.push_back({"C-1-request-fi.pdf", "application/pdf", pdf});
  const std::string raw = BuildMime(mail);
  // CRLF lines only, none near the 998-character limit (RFC 5322).
  size_t start = 0;
  while (start < raw.size()) {
    const size_t end = raw.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 100u) << raw.substr(start, end - start);
    start = end + 2;
  }
  const testing::ParsedMessage m = testing::Parse(raw);
  const std::string type = m.Header("Content-Type");
  ASSERT_EQ(type.rfind("multipart/mixed; boundary=\"", 0), 0u) << type;
  const std::vector<testing::ParsedMessage> parts = testing::RawParts(m);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].Header("Content-Type").rfind("multipart/alternative; boundary=", 0), 0u);
  const auto alternatives = testing::Parts(parts[0]);
  ASSERT_EQ(alternatives.size(), 2u);
  EXPECT_EQ(alternatives[0].first, "text/plain; charset=UTF-8");
  EXPECT_EQ(alternatives[0].second, "Hei");
  EXPECT_EQ(alternatives[1].first, "text/html; charset=UTF-8");
  EXPECT_EQ(alternatives[1].second, "<p>Hei</p>");
  EXPECT_EQ(parts[1].Header("Content-Type"), "application/pdf; name=\"C-1-request-fi.pdf\"");
  EXPECT_EQ(parts[1].Header("Content-Disposition"), "attachment; filename=\"C-1-request-fi.pdf\"");
  EXPECT_EQ(parts[1].Header("Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(testing::Base64Decode(parts[1].body), pdf);
  // The PDF's base64 in lines of 76 characters, the last one shorter.
  std::istringstream lines(parts[1].body);
  std::vector<std::string> b64;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) b64.push_back(line);
  }
  ASSERT_GT(b64.size(), 2u);
  for (size_t i = 0; i + 1 < b64.size(); ++i) EXPECT_EQ(b64[i].size(), 76u) << i;
  EXPECT_LE(b64.back().size(), 76u);
  // The boundaries are distinct and the closing one ends the message.
  EXPECT_NE(type.find("_mixed\""), std::string::npos);
  EXPECT_TRUE(raw.ends_with("_mixed--\r\n"));
  // No attachment: the body is the alternatives, as before.
  mail.attachments.clear();
  EXPECT_EQ(
      testing::Parse(BuildMime(mail)).Header("Content-Type").rfind("multipart/alternative", 0), 0u);
}

}  // namespace
}  // namespace verkosto::notifications
