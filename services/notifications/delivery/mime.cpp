#include <chrono>
#include <string>

#include "notifications/delivery/mail_transport.h"

namespace verkosto::notifications {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(const std::string& data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const uint32_t n = (static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16) |
                       (static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8) |
                       static_cast<uint32_t>(static_cast<unsigned char>(data[i + 2]));
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  const size_t rest = data.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (rest == 2) n |= static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += rest == 2 ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool PlainAscii(const std::string& text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  // "=?" would read as the start of an encoded-word.
  return text.find("=?") == std::string::npos;
}

// Length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

std::string RfcDate(TimePoint t) {
  using namespace std::chrono;  // NOLINT(google-build-using-namespace)
  const auto secs = floor<seconds>(t);
  const auto day = floor<days>(secs);
  const year_month_day ymd(day);
  const hh_mm_ss<seconds> hms(secs - day);
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kDays[weekday(day).c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

// "Name <address>" with the name encoded when needed.
std::string EncodeMailbox(const std::string& from) {
  const size_t lt = from.find('<');
  if (lt == std::string::npos) return from;
  std::string name = from.substr(0, lt);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.empty()) return from.substr(lt);
  return EncodeHeaderWord(name) + " " + from.substr(lt);
}

}  // namespace

std::string Base64Lines(const std::string& data) {
  const std::string b64 = Base64(data);
  std::string out;
  for (size_t i = 0; i < b64.size(); i += 76) {
    out += b64.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

std::string EncodeHeaderWord(const std::string& text) {
  if (PlainAscii(text)) return text;
  // 75 = "=?UTF-8?B?" (10) + 60 base64 characters (45 bytes) + "?=" (2), plus margin.
  constexpr size_t kMaxBytes = 45;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = i;
    while (end < text.size()) {
      const size_t len = Utf8Length(static_cast<unsigned char>(text[end]));
      if (end + len - i > kMaxBytes) break;
      end += len;
    }
    if (end == i) end = std::min(text.size(), i + 1);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string AddressOf(const std::string& from) {
  const size_t lt = from.find('<');
  const size_t gt = from.find('>', lt == std::string::npos ? 0 : lt);
  if (lt == std::string::npos || gt == std::string::npos) return from;
  return from.substr(lt + 1, gt - lt - 1);
}

std::string BuildMime(const OutgoingMail& mail) {
  const std::string boundary = "=_verkosto_" + Base64(mail.message_id).substr(0, 24) + "_alt";
  std::string out;
  out += "Date: " + RfcDate(mail.date) + "\r\n";
  out += "From: " + EncodeMailbox(mail.from) + "\r\n";
  out += "To: <" + mail.to + ">\r\n";
  out += "Subject: " + EncodeHeaderWord(mail.subject) + "\r\n";
  out += "Message-ID: <" + mail.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  if (!mail.language.empty()) out += "Content-Language: " + mail.language + "\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  auto part = [&](const std::string& type, const std::string& body) {
    std::string p = "Content-Type: " + type + "; charset=UTF-8\r\n";
    p += "Content-Transfer-Encoding: base64\r\n\r\n";
    p += Base64Lines(body);
    return p;
  };
  // The text (and HTML) body: headers of its own, then the content.
  std::string body;
  if (mail.html.empty()) {
    body = part("text/plain", mail.text);
  } else {
    body = "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    body += "This is a message in MIME format.\r\n";
    body += "--" + boundary + "\r\n" + part("text/plain", mail.text);
    body += "--" + boundary + "\r\n" + part("text/html", mail.html);
    body += "--" + boundary + "--\r\n";
  }
  if (mail.attachments.empty()) {
    out += body;
    return out;
  }
  // Base64 and the boundaries' "=_" cannot occur in each other.
  const std::string mixed = "=_verkosto_" + Base64(mail.message_id).substr(0, 24) + "_mixed";
  out += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
  out += "This is a message in MIME format.\r\n";
  out += "--" + mixed + "\r\n" + body;
  for (const MailAttachment& a : mail.attachments) {
    std::string name;  // a quoted-string: no quotes, backslashes or controls
    for (const char c : a.filename) {
      const auto u = static_cast<unsigned char>(c);
      name += (u < 0x20 || u > 0x7e || c == '"' || c == '\\') ? '_' : c;
    }
    out += "--" + mixed + "\r\n";
    out += "Content-Type: " + a.content_type + "; name=\"" + name + "\"\r\n";
    out += "Content-Disposition: attachment; filename=\"" + name + "\"\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    out += Base64Lines(a.data);
  }
  out += "--" + mixed + "--\r\n";
  return out;
}

}  // namespace verkosto::notifications
