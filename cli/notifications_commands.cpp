#include "notifications_commands.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "field_options.h"
#include "messaging/proto_enum.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::cli {

namespace {

namespace pb = ::verkosto::notifications::v1;

// "2026-03-02 09:00" (UTC) for a microsecond timestamp.
std::string When(int64_t unix_us) {
  if (unix_us <= 0) return "-";
  const std::time_t seconds = unix_us / 1000000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return std::string(buf) + "Z";
}

const char* ModeName(pb::EmailMode mode) {
  switch (mode) {
    case pb::EMAIL_MODE_IMMEDIATE:
      return "immediate";
    case pb::EMAIL_MODE_DAILY_DIGEST:
      return "daily-digest";
    case pb::EMAIL_MODE_NONE:
      return "none";
    default:
      return "immediate";
  }
}

Result<pb::EmailMode> ParseMode(const std::string& text) {
  if (text.empty()) return pb::EMAIL_MODE_UNSPECIFIED;
  if (text == "immediate") return pb::EMAIL_MODE_IMMEDIATE;
  if (text == "daily-digest" || text == "daily_digest") return pb::EMAIL_MODE_DAILY_DIGEST;
  if (text == "none") return pb::EMAIL_MODE_NONE;
  return Status::InvalidArgument("email-mode", "must be immediate, daily-digest or none");
}

Result<pb::DeliveryStatus> ParseStatus(const std::string& text) {
  if (text.empty()) return pb::DELIVERY_STATUS_UNSPECIFIED;
  if (auto status = messaging::EnumFromShortName<pb::DeliveryStatus>(text)) return *status;
  return Status::InvalidArgument("status", "must be pending, sent, failed, digest or skipped");
}

void PrintPreferences(const google::protobuf::RepeatedPtrField<pb::Preferences>& list) {
  for (const pb::Preferences& p : list) {
    std::printf("%s\tlanguage %s\te-mail %s%s%s\n", p.mailbox().c_str(),
                p.language() == common::v1::LANGUAGE_UNSPECIFIED
                    ? "(default)"
                    : messaging::EnumShortName(p.language()).c_str(),
                ModeName(p.email_mode()), p.email().empty() ? "" : " to ", p.email().c_str());
  }
}

}  // namespace

void AddNotificationsCommands(CLI::App& app, CliContext& ctx) {
  auto* root = app.add_subcommand("notifications", "The in-app inbox, preferences and e-mail log");
  root->require_subcommand(1);
  {
    auto req = std::make_shared<pb::ListInboxRequest>();
    auto* cmd = root->add_subcommand("inbox", "Your messages, newest first");
    AddFieldOptions(cmd, req,
                    {{"--unread", "unread_only", false, "Only unread messages"},
                     {"--page-size", "page_size", false, "At most this many (default 100)"}});
    auto full = std::make_shared<bool>(false);
    cmd->add_flag("--full", *full, "Print each message's text too");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, full] {
      return CallAndPrint<pb::ListInboxResponse>(
          ctx, "notifications", *req, [full](const pb::ListInboxResponse& r) {
            std::printf("%u unread\n", r.unread_count());
            for (const pb::InboxItem& item : r.items()) {
              std::printf("%s\t%s\t%s\t%s%s%s\n", item.id().c_str(),
                          When(item.created_unix_us()).c_str(), item.read() ? "read" : "NEW",
                          item.subject().c_str(), item.link().empty() ? "" : "\t",
                          item.link().c_str());
              if (*full) std::printf("\n%s\n", item.body_text().c_str());
            }
          });
    });
  }
  {
    auto req = std::make_shared<pb::MarkReadRequest>();
    auto* cmd = root->add_subcommand("mark-read", "Mark messages read");
    AddFieldOptions(cmd, req,
                    {{"--id", "ids", false, "Message id (repeat)"},
                     {"--all", "all", false, "Every unread message"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::MarkReadResponse>(
          ctx, "notifications", *req,
          [](const pb::MarkReadResponse& r) { std::printf("marked %u read\n", r.marked()); });
    });
  }
  {
    auto req = std::make_shared<pb::SetPreferencesRequest>();
    auto mode = std::make_shared<std::string>();
    auto* cmd = root->add_subcommand(
        "preferences", "Show your mailboxes' preferences, or change them with the options");
    cmd->add_option("--email-mode", *mode, "immediate, daily-digest or none");
    AddFieldOptions(
        cmd, req,
        {{"--language", "language", false, "fi, sv or en"},
         {"--to", "email", false, "Address for e-mail to your user: mailbox"},
         {"--mailbox", "mailbox", false, "One of your mailboxes (default: your personal ones)"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, mode] {
      Result<pb::EmailMode> m = ParseMode(*mode);
      if (!m.ok()) return CliContext::Fail(m.status());
      req->set_email_mode(*m);
      const bool change = req->language() != common::v1::LANGUAGE_UNSPECIFIED ||
                          !req->email().empty() || req->email_mode() != pb::EMAIL_MODE_UNSPECIFIED;
      if (!change) {
        return CallAndPrint<pb::GetPreferencesResponse>(
            ctx, "notifications", pb::GetPreferencesRequest(),
            [](const pb::GetPreferencesResponse& r) { PrintPreferences(r.preferences()); });
      }
      return CallAndPrint<pb::SetPreferencesResponse>(
          ctx, "notifications", *req,
          [](const pb::SetPreferencesResponse& r) { PrintPreferences(r.preferences()); });
    });
  }
  {
    auto req = std::make_shared<pb::ListDeliveriesRequest>();
    auto status = std::make_shared<std::string>();
    auto* cmd = root->add_subcommand(
        "deliveries", "The e-mail delivery log (KEHA, admin, system: all; others: their own)");
    AddFieldOptions(cmd, req,
                    {{"--message", "message_id", false, "One message's"},
                     {"--mailbox", "mailbox", false, "One mailbox's"}});
    cmd->add_option("--status", *status, "pending, sent, failed, digest or skipped");
    AddFieldOptions(cmd, req,
                    {{"--page-size", "page_size", false, "At most this many (default 100)"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, status] {
      Result<pb::DeliveryStatus> s = ParseStatus(*status);
      if (!s.ok()) return CliContext::Fail(s.status());
      req->set_status(*s);
      return CallAndPrint<pb::ListDeliveriesResponse>(
          ctx, "notifications", *req, [](const pb::ListDeliveriesResponse& r) {
            for (const pb::Delivery& d : r.deliveries()) {
              std::printf("%s\tmessage %s\t%s\t%s\t%s\tattempts %u\t%s\t%s\n", d.id().c_str(),
                          d.message_id().c_str(), d.mailbox().c_str(),
                          d.address().empty() ? "-" : d.address().c_str(),
                          messaging::EnumShortName(d.status()).c_str(), d.attempt_count(),
                          d.subject().c_str(), d.last_reply().c_str());
            }
            if (r.deliveries_size() == 0) std::printf("no deliveries\n");
          });
    });
  }
}

}  // namespace verkosto::cli
