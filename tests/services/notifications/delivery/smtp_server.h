#pragma once

// A real SMTP server on loopback for the delivery tests: Debian's aiosmtpd
// run by /usr/bin/python3 (the pyenv python3 on PATH lacks Debian's modules),
// storing what it accepts in a Maildir, or a small handler that refuses
// DATA a number of times with a given code first.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "testing/process.h"
#include "testing/temp_dir.h"

namespace verkosto::notifications::testing {

// A port nobody listens on right now: bind to port 0, read it, release it.
inline int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);  // NOLINT
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);  // NOLINT
  close(fd);
  return ntohs(addr.sin_port);
}

inline bool Accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;  // NOLINT
  close(fd);
  return ok;
}

// The handler module the failure tests use: refuses DATA `fails` times with
// `code`, then stores like aiosmtpd's Mailbox handler.
constexpr char kFlakyHandler[] = R"PY(
import mailbox

class Flaky:
    def __init__(self, maildir, code, fails):
        self.box = mailbox.Maildir(maildir)
        self.code = code
        self.fails = int(fails)

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(*args)

    async def handle_DATA(self, server, session, envelope):
        if self.fails > 0:
            self.fails -= 1
            if self.code.startswith("4"):
                return self.code + " 4.3.0 Try again later"
            return self.code + " 5.7.1 Rejected by policy"
        self.box.add(envelope.original_content)
        return "250 OK"
)PY";

class SmtpServer {
 public:
  // Plain Maildir server.
  explicit SmtpServer(const verkosto::testing::TempDir& dir) : SmtpServer(dir, "", 0) {}
  // Refuses DATA `fails` times with `code` ("451", "554") first.
  SmtpServer(const verkosto::testing::TempDir& dir, const std::string& code, int fails)
      : maildir_(dir.File("maildir")), port_(FreePort()) {
    std::vector<std::string> args;
    if (code.empty()) {
      args = {"/usr/bin/python3",
              "-m",
              "aiosmtpd",
              "-n",
              "-l",
              "127.0.0.1:" + std::to_string(port_),
              "-c",
              "aiosmtpd.handlers.Mailbox",
              maildir_};
    } else {
      std::ofstream(dir.File("flaky_handler.py")) << kFlakyHandler;
      args = {"PYTHONPATH=" + dir.path(),
              "/usr/bin/python3",
              "-m",
              "aiosmtpd",
              "-n",
              "-l",
              "127.0.0.1:" + std::to_string(port_),
              "-c",
              "flaky_handler.Flaky",
              maildir_,
              code,
              std::to_string(fails)};
    }
    process_ =
        std::make_unique<verkosto::testing::Process>("/usr/bin/env", args, dir.File("smtpd.log"));
    // Readiness: the server accepts connections (bounded).
    for (int i = 0; i < 500 && !Accepts(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ready_ = Accepts(port_);
  }

  bool ready() const { return ready_; }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Every message received, oldest first (by file name order of arrival).
  std::vector<std::string> Messages() const {
    std::vector<std::pair<std::filesystem::file_time_type, std::string>> files;
    const std::string dir = maildir_ + "/new";
    if (!std::filesystem::exists(dir)) return {};
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      files.emplace_back(entry.last_write_time(), entry.path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& [time, path] : files) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      out.push_back(text.str());
    }
    return out;
  }

 private:
  std::string maildir_;
  int port_;
  bool ready_ = false;
  std::unique_ptr<verkosto::testing::Process> process_;
};

// --- Reading a received message ---

inline std::string Base64Decode(const std::string& in) {
  static const std::string kChars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    const size_t v = kChars.find(c);
    if (v == std::string::npos) continue;  // line breaks, padding
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

// Headers (unfolded) and body of an RFC 5322 message; line ends normalised to "\n".
struct ParsedMessage {
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string Header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() == name.size() &&
          std::equal(key.begin(), key.end(), name.begin(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        return value;
      }
    }
    return {};
  }
};

inline ParsedMessage Parse(const std::string& raw) {
  std::string text;
  for (char c : raw) {
    if (c != '\r') text += c;
  }
  ParsedMessage m;
  const size_t split = text.find("\n\n");
  const std::string head = text.substr(0, split);
  m.body = split == std::string::npos ? "" : text.substr(split + 2);
  std::istringstream in(head);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !m.headers.empty()) {
      m.headers.back().second += "\n" + line;
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    m.headers.emplace_back(line.substr(0, colon), value);
  }
  return m;
}

// Decodes a header made of "=?UTF-8?B?...?=" words (folded) or plain text.
inline std::string DecodeHeader(const std::string& value) {
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    const size_t start = value.find("=?UTF-8?B?", i);
    if (start == std::string::npos) {
      out += value.substr(i);
      break;
    }
    std::string between = value.substr(i, start - i);
    if (between.find_first_not_of(" \r\n\t") != std::string::npos) out += between;
    const size_t end = value.find("?=", start + 10);
    out += Base64Decode(value.substr(start + 10, end - start - 10));
    i = end + 2;
  }
  return out;
}

// The parts of a multipart body: (Content-Type, decoded content).
inline std::vector<std::pair<std::string, std::string>> Parts(const ParsedMessage& m) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string type = m.Header("Content-Type");
  const size_t b = type.find("boundary=\"");
  if (b == std::string::npos) return out;
  const std::string boundary = "--" + type.substr(b + 10, type.find('"', b + 10) - b - 10);
  size_t pos = m.body.find(boundary);
  while (pos != std::string::npos) {
    pos += boundary.size();
    if (m.body.compare(pos, 2, "--") == 0) break;
    const size_t next = m.body.find(boundary, pos);
    const ParsedMessage part = Parse(m.body.substr(pos + 1, next - pos - 1));
    std::string content = part.body;
    if (part.Header("Content-Transfer-Encoding") == "base64") content = Base64Decode(content);
    out.emplace_back(part.Header("Content-Type"), content);
    pos = next;
  }
  return out;
}

// The parts of a multipart body with their own headers, not decoded (a
// nested multipart part can be given to Parts or RawParts again).
inline std::vector<ParsedMessage> RawParts(const ParsedMessage& m) {
  std::vector<ParsedMessage> out;
  const std::string type = m.Header("Content-Type");
  const size_t b = type.find("boundary=\"");
  if (b == std::string::npos) return out;
  const std::string boundary = "--" + type.substr(b + 10, type.find('"', b + 10) - b - 10);
  size_t pos = m.body.find(boundary);
  while (pos != std::string::npos) {
    pos += boundary.size();
    if (m.body.compare(pos, 2, "--") == 0) break;
    const size_t next = m.body.find(boundary, pos);
    out.push_back(Parse(m.body.substr(pos + 1, next - pos - 1)));
    pos = next;
  }
  return out;
}

}  // namespace verkosto::notifications::testing
