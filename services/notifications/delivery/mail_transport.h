#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/clock.h"
#include "core/result.h"

namespace verkosto::notifications {

// A file sent with an e-mail (issue 19: a case's formal letter as PDF).
struct MailAttachment {
  std::string filename;      // ASCII, e.g. "<case id>-request-fi.pdf"
  std::string content_type;  // e.g. "application/pdf"
  std::string data;          // the bytes
};

// One e-mail to one address, before MIME encoding.
struct OutgoingMail {
  std::string from;        // "Name <address>" or "address"
  std::string to;          // one address
  std::string subject;     // UTF-8, one line
  std::string text;        // UTF-8 plain text
  std::string html;        // UTF-8 HTML alternative; empty = text only
  std::string message_id;  // RFC 5322 Message-ID without angle brackets
  std::string language;    // Content-Language, e.g. "fi"
  TimePoint date{};
  std::vector<MailAttachment> attachments;  // none for most e-mails
};

enum class SendOutcome {
  kSent,              // accepted by the server (or written to a file)
  kTemporaryFailure,  // 4xx, connection refused, timeout: try again later
  kPermanentFailure,  // 5xx: do not try again
};

struct SendResult {
  SendOutcome outcome = SendOutcome::kSent;
  // The server's last reply or the transport's error; never credentials.
  std::string reply;
};

// The seam between delivery and the world: SMTP, .eml files, or memory.
// In the service, Send is called from the delivery worker's thread only
// (one call at a time), never from the service loop's.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  virtual SendResult Send(const OutgoingMail& mail) = 0;
  // "smtp://host:port", "eml:<dir>", "memory": for logs (never credentials).
  virtual std::string Describe() const = 0;
};

// SMTP through libcurl: smtp:// with STARTTLS (required unless
// require_starttls is false) or smtps://, optional AUTH. The password is read
// from the file at construction and kept in memory only.
struct SmtpOptions {
  std::string url;  // smtp://host:port or smtps://host:port
  std::string from;
  std::string user;
  std::string password;
  bool require_starttls = true;
  long connect_timeout_s = 10;  // NOLINT(google-runtime-int): libcurl's type
  long timeout_s = 60;          // NOLINT(google-runtime-int)
};
std::unique_ptr<MailTransport> MakeSmtpTransport(SmtpOptions options);

// Writes each e-mail as "<dir>/<yyyymmddThhmmss>-<message id>.eml" (written
// to a temporary name, then renamed). Creates `dir`.
std::unique_ptr<MailTransport> MakeEmlTransport(std::string dir);

// Keeps every mail in memory; answers with scripted results (then "sent").
// Thread-safe, for tests.
class InMemoryTransport final : public MailTransport {
 public:
  SendResult Send(const OutgoingMail& mail) override;
  std::string Describe() const override { return "memory"; }
  // The next Send answers `result` (queued in order).
  void Script(SendResult result);
  std::vector<OutgoingMail> sent() const;

 private:
  mutable std::mutex mu_;
  std::deque<SendResult> script_;
  std::vector<OutgoingMail> sent_;
};

// The transport `config` asks for: SMTP when smtp_url is set (reading
// smtp_password_file), else .eml files under mail_dir or "<data_dir>/mail".
// Errors: not_found (password file unreadable), invalid_argument (field
// "notifications.smtp_url").
Result<std::unique_ptr<MailTransport>> MakeTransport(const config::SystemConfig& config);

// The address part of "Name <address>" (or the whole text).
std::string AddressOf(const std::string& from);

// The whole message as sent: RFC 5322 headers (Date, From, To, Subject as
// MIME encoded-words when not plain ASCII, Message-ID, MIME-Version,
// Content-Language) and a multipart/alternative body with a text/plain and a
// text/html part, each UTF-8 in base64. With attachments, the body is a
// multipart/mixed of that body and one part per attachment (its content type,
// Content-Disposition: attachment with the filename, base64 in 76-character
// lines). CRLF line endings.
std::string BuildMime(const OutgoingMail& mail);

// RFC 2047 encoded-words ("=?UTF-8?B?...?=") for a header value that is not
// plain printable ASCII, folded so no encoded-word exceeds 75 characters and
// no UTF-8 character is split; the text unchanged otherwise.
std::string EncodeHeaderWord(const std::string& text);

// Base64 of `data`, in lines of 76 characters joined by CRLF.
std::string Base64Lines(const std::string& data);

}  // namespace verkosto::notifications
