#include "notifications/handlers/notification_handlers.h"

#include <algorithm>

#include "core/email.h"
#include "core/page.h"
#include "core/text.h"
#include "messaging/envelope.h"
#include "messaging/page_reply.h"
#include "notifications/codec/codec.h"
#include "notifications/domain/types.h"
#include "notifications/storage/sqlite_notification_repository.h"

namespace verkosto::notifications {

namespace pb = ::verkosto::notifications::v1;
using messaging::Context;

namespace {

// The key of a newest-first row (inbox, delivery log).
template <typename Row>
std::vector<std::string> NewestFirstKey(const Row& row) {
  return {page::KeyOf(row.created_us), page::KeyOf(row.id)};
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The caller's personal mailboxes: user:, and email: when the actor has one.
std::vector<std::string> PersonalMailboxes(const Actor& actor) {
  std::vector<std::string> out;
  for (const std::string& mb : MailboxesOf(actor)) {
    if (mb.rfind("user:", 0) == 0 || mb.rfind("email:", 0) == 0) out.push_back(mb);
  }
  return out;
}

Result<MailboxPreferences> Current(SqliteNotificationRepository& repo, const std::string& mailbox) {
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<MailboxPreferences> found, repo.GetPreferences(mailbox));
  if (found) return std::move(*found);
  MailboxPreferences defaults;
  defaults.mailbox = mailbox;
  return defaults;
}

}  // namespace

void RegisterNotificationHandlers(messaging::RpcServer& server) {
  server.AddQuery<pb::ListInboxRequest, pb::ListInboxResponse>(
      [](Context& ctx, const pb::ListInboxRequest& req) -> Result<pb::ListInboxResponse> {
        SqliteNotificationRepository repo(ctx.db());
        const std::vector<std::string> mailboxes = MailboxesOf(ctx.actor());
        constexpr std::string_view kList = "notifications.inbox";
        const std::string filters =
            page::FilterKey({text::Join(mailboxes, ","), req.unread_only() ? "unread" : ""});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 2));
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<MessageRow> messages,
                                  repo.ListInbox(mailboxes, req.unread_only(), page));
        VERKOSTO_ASSIGN_OR_RETURN(uint32_t unread, repo.UnreadCount(mailboxes));
        pb::ListInboxResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(messages, page, kList, filters, NewestFirstKey<MessageRow>,
                                [&](const MessageRow& m) {
                                  return (*response.add_items() = codec::ToProto(m)).ByteSizeLong();
                                }));
        response.set_unread_count(unread);
        return response;
      });

  // The public catalogue (the plan's "public" audience): anyone may read it.
  server.AddQuery<pb::ListAnnouncementsRequest, pb::ListAnnouncementsResponse>(
      [](Context& ctx,
         const pb::ListAnnouncementsRequest& req) -> Result<pb::ListAnnouncementsResponse> {
        if (req.network_code().empty()) {
          return Status::InvalidArgument("network_code", "is required");
        }
        VERKOSTO_ASSIGN_OR_RETURN(std::optional<Language> language,
                                  messaging::FromProtoLanguage(req.language(), "language"));
        const std::string mailbox = PublicMailbox(language.value_or(Language::kFi));
        constexpr std::string_view kList = "notifications.announcements";
        const std::string filters = page::FilterKey({req.network_code(), mailbox});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 2));
        SqliteNotificationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<MessageRow> messages,
                                  repo.ListAnnouncements(req.network_code(), mailbox, page));
        pb::ListAnnouncementsResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(messages, page, kList, filters, NewestFirstKey<MessageRow>,
                                [&](const MessageRow& m) {
                                  return (*response.add_items() = codec::ToProto(m)).ByteSizeLong();
                                }));
        return response;
      });

  server.AddCommand<pb::MarkReadRequest, pb::MarkReadResponse>(
      [](Context& ctx, const pb::MarkReadRequest& req) -> Result<pb::MarkReadResponse> {
        if (!req.all() && req.ids().empty()) {
          return Status::InvalidArgument("ids", "give message ids or all");
        }
        std::vector<int64_t> ids;
        for (const std::string& id : req.ids()) {
          char* end = nullptr;
          const long long value = std::strtoll(id.c_str(), &end, 10);  // NOLINT(google-runtime-int)
          if (id.empty() || end == nullptr || *end != '\0' || value <= 0) {
            return Status::InvalidArgument("ids", "'" + id + "' is not a message id");
          }
          ids.push_back(static_cast<int64_t>(value));
        }
        SqliteNotificationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(uint32_t marked, repo.MarkRead(MailboxesOf(ctx.actor()), ids,
                                                                 req.all(), ToMicros(ctx.now())));
        pb::MarkReadResponse response;
        response.set_marked(marked);
        return response;
      });

  server.AddCommand<pb::SetPreferencesRequest, pb::SetPreferencesResponse>(
      [](Context& ctx, const pb::SetPreferencesRequest& req) -> Result<pb::SetPreferencesResponse> {
        const std::vector<std::string> mine = MailboxesOf(ctx.actor());
        if (mine.empty()) return Status::PermissionDenied("this actor has no mailbox");
        VERKOSTO_ASSIGN_OR_RETURN(std::optional<Language> language,
                                  messaging::FromProtoLanguage(req.language(), "language"));
        if (!req.email().empty() && !IsValidEmail(req.email())) {
          return Status::InvalidArgument("email", "is not an e-mail address");
        }
        if (!pb::EmailMode_IsValid(req.email_mode())) {
          return Status::InvalidArgument("email_mode", "unknown mode");
        }
        std::vector<std::string> targets;
        if (req.mailbox().empty()) {
          targets = PersonalMailboxes(ctx.actor());
        } else if (Contains(mine, req.mailbox())) {
          targets = {req.mailbox()};
        } else {
          return Status::InvalidArgument("mailbox", "is not one of your mailboxes");
        }
        SqliteNotificationRepository repo(ctx.db());
        pb::SetPreferencesResponse response;
        for (const std::string& mailbox : targets) {
          VERKOSTO_ASSIGN_OR_RETURN(MailboxPreferences p, Current(repo, mailbox));
          if (language) p.language = language;
          if (const auto mode = codec::FromProto(req.email_mode())) p.email_mode = *mode;
          // Only a user: mailbox needs an address; the others have theirs.
          if (!req.email().empty() && mailbox.rfind("user:", 0) == 0) {
            p.email = text::AsciiLower(req.email());
          }
          VERKOSTO_RETURN_IF_ERROR(repo.SetPreferences(p, ToMicros(ctx.now())));
          *response.add_preferences() = codec::ToProto(p);
        }
        return response;
      });

  server.AddQuery<pb::GetPreferencesRequest, pb::GetPreferencesResponse>(
      [](Context& ctx, const pb::GetPreferencesRequest&) -> Result<pb::GetPreferencesResponse> {
        SqliteNotificationRepository repo(ctx.db());
        pb::GetPreferencesResponse response;
        for (const std::string& mailbox : MailboxesOf(ctx.actor())) {
          VERKOSTO_ASSIGN_OR_RETURN(MailboxPreferences p, Current(repo, mailbox));
          *response.add_preferences() = codec::ToProto(p);
        }
        return response;
      });

  server.AddQuery<pb::ListDeliveriesRequest, pb::ListDeliveriesResponse>(
      [](Context& ctx, const pb::ListDeliveriesRequest& req) -> Result<pb::ListDeliveriesResponse> {
        DeliveryFilter filter;
        if (!pb::DeliveryStatus_IsValid(req.status())) {
          return Status::InvalidArgument("status", "unknown status");
        }
        filter.status = codec::FromProto(req.status());
        if (!req.message_id().empty()) {
          char* end = nullptr;
          const long long value =  // NOLINT(google-runtime-int)
              std::strtoll(req.message_id().c_str(), &end, 10);
          if (end == nullptr || *end != '\0' || value <= 0) {
            return Status::InvalidArgument("message_id", "is not a message id");
          }
          filter.message_id = static_cast<int64_t>(value);
        }
        const bool all = SeesAllDeliveries(ctx.actor());
        const std::vector<std::string> mine = MailboxesOf(ctx.actor());
        if (!req.mailbox().empty()) {
          if (!all && !Contains(mine, req.mailbox())) {
            return Status::InvalidArgument("mailbox", "is not one of your mailboxes");
          }
          filter.mailboxes = std::vector<std::string>{req.mailbox()};
        } else if (!all) {
          filter.mailboxes = mine;
        }
        // The filters as applied (the reader's own mailboxes included).
        constexpr std::string_view kList = "notifications.deliveries";
        const std::string filters = page::FilterKey(
            {req.message_id(), filter.mailboxes ? text::Join(*filter.mailboxes, ",") : "*",
             std::to_string(req.status())});
        VERKOSTO_ASSIGN_OR_RETURN(filter.page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 2));
        SqliteNotificationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<DeliveryRow> rows, repo.ListDeliveries(filter));
        pb::ListDeliveriesResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(
                rows, filter.page, kList, filters, NewestFirstKey<DeliveryRow>,
                [&](const DeliveryRow& d) {
                  return (*response.add_deliveries() = codec::ToProto(d)).ByteSizeLong();
                }));
        return response;
      });
}

}  // namespace verkosto::notifications
