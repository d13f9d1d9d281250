#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include "notifications/delivery/mail_transport.h"

namespace verkosto::notifications {

namespace {

// What libcurl reads the message from.
struct Upload {
  std::string data;
  size_t offset = 0;
};

size_t ReadBody(char* buffer, size_t size, size_t nitems, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t room = size * nitems;
  const size_t left = upload->data.size() - upload->offset;
  const size_t n = std::min(room, left);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Keeps the server's last reply line (SMTP replies arrive as "header" data).
int Debug(CURL* /*handle*/, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* last = static_cast<std::string*>(user);
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) *last = line;
  return 0;
}

bool Temporary(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_USE_SSL_FAILED:
    case CURLE_WEIRD_SERVER_REPLY:
      return true;
    default:
      return false;
  }
}

class SmtpTransport final : public MailTransport {
 public:
  explicit SmtpTransport(SmtpOptions options) : options_(std::move(options)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  // The URL without any "user:password@" in it: this goes to the log.
  std::string Describe() const override {
    const size_t scheme = options_.url.find("://");
    const size_t at = options_.url.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return options_.url;
    return options_.url.substr(0, scheme + 3) + options_.url.substr(at + 1);
  }

  SendResult Send(const OutgoingMail& mail) override {
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return {SendOutcome::kTemporaryFailure, "curl_easy_init failed"};
    Upload upload{BuildMime(mail), 0};
    std::string last_reply;
    char error[CURL_ERROR_SIZE] = {0};
    const std::string from = "<" + AddressOf(options_.from) + ">";
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + mail.to + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_s);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, options_.timeout_s);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    if (options_.url.rfind("smtp://", 0) == 0) {
      curl_easy_setopt(curl, CURLOPT_USE_SSL,
                       options_.require_starttls ? static_cast<long>(CURLUSESSL_ALL)    // NOLINT
                                                 : static_cast<long>(CURLUSESSL_TRY));  // NOLINT
    }
    if (!options_.user.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, options_.user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadBody);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, Debug);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &last_reply);
    const CURLcode code = curl_easy_perform(curl);
    long response = 0;  // NOLINT(google-runtime-int): libcurl's type
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);

    if (code == CURLE_OK) return {SendOutcome::kSent, last_reply.empty() ? "250" : last_reply};
    std::string reply = !last_reply.empty() && response >= 400 ? last_reply
                        : error[0] != '\0'                     ? std::string(error)
                                                               : curl_easy_strerror(code);
    if (response >= 500 && response < 600) return {SendOutcome::kPermanentFailure, reply};
    if ((response >= 400 && response < 500) || Temporary(code)) {
      return {SendOutcome::kTemporaryFailure, reply};
    }
    // Anything else (a refused login, a protocol error) is for an operator to
    // fix; keep the mail and try again later rather than lose it.
    return {SendOutcome::kTemporaryFailure, reply};
  }

 private:
  SmtpOptions options_;
};

}  // namespace

std::unique_ptr<MailTransport> MakeSmtpTransport(SmtpOptions options) {
  return std::make_unique<SmtpTransport>(std::move(options));
}

}  // namespace verkosto::notifications
