#include "notifications/delivery/mail_transport.h"

#include <chrono>
#include <cstdio>
#include <fstream>

#include "core/file_util.h"

namespace verkosto::notifications {

namespace {

class EmlTransport final : public MailTransport {
 public:
  explicit EmlTransport(std::string dir) : dir_(std::move(dir)) {}

  std::string Describe() const override { return "eml:" + dir_; }

  SendResult Send(const OutgoingMail& mail) override {
    if (Status st = EnsurePrivateDirectory(dir_, /*tighten=*/true); !st.ok()) {
      return {SendOutcome::kTemporaryFailure, st.message()};
    }
    using namespace std::chrono;  // NOLINT(google-build-using-namespace)
    const auto secs = floor<seconds>(mail.date);
    const auto day = floor<days>(secs);
    const year_month_day ymd(day);
    const hh_mm_ss<seconds> hms(secs - day);
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%04d%02u%02uT%02d%02d%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    std::string safe_id;
    for (char c : mail.message_id) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.';
      safe_id += ok ? c : '_';
    }
    const std::string name = dir_ + "/" + stamp + "-" + safe_id + ".eml";
    // 0600: a message names people and says what they were chosen for.
    if (Status st = WriteFileAtomically(name, BuildMime(mail)); !st.ok()) {
      return {SendOutcome::kTemporaryFailure, st.message()};
    }
    return {SendOutcome::kSent, "written to " + name};
  }

 private:
  std::string dir_;
};

}  // namespace

std::unique_ptr<MailTransport> MakeEmlTransport(std::string dir) {
  return std::make_unique<EmlTransport>(std::move(dir));
}

SendResult InMemoryTransport::Send(const OutgoingMail& mail) {
  std::lock_guard<std::mutex> lock(mu_);
  SendResult result{SendOutcome::kSent, "250 OK (memory)"};
  if (!script_.empty()) {
    result = script_.front();
    script_.pop_front();
  }
  if (result.outcome == SendOutcome::kSent) sent_.push_back(mail);
  return result;
}

void InMemoryTransport::Script(SendResult result) {
  std::lock_guard<std::mutex> lock(mu_);
  script_.push_back(std::move(result));
}

std::vector<OutgoingMail> InMemoryTransport::sent() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sent_;
}

Result<std::unique_ptr<MailTransport>> MakeTransport(const config::SystemConfig& config) {
  const config::NotificationsConfig& n = config.notifications;
  if (n.smtp_url.empty()) {
    return MakeEmlTransport(n.mail_dir.empty() ? config.data_dir + "/mail" : n.mail_dir);
  }
  SmtpOptions options;
  options.url = n.smtp_url;
  options.from = n.smtp_from;
  options.user = n.smtp_user;
  options.require_starttls = n.starttls;
  if (!n.smtp_password_file.empty()) {
    std::ifstream in(n.smtp_password_file);
    if (!in) return Status::NotFound("cannot read notifications.smtp_password_file");
    std::getline(in, options.password);
    while (!options.password.empty() &&
           (options.password.back() == '\r' || options.password.back() == ' ')) {
      options.password.pop_back();
    }
  }
  return MakeSmtpTransport(std::move(options));
}

}  // namespace verkosto::notifications
