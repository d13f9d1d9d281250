#include "notifications/delivery/deliverer.h"

#include <functional>
#include <map>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "notifications/render/renderer.h"
#include "notifications/storage/sqlite_notification_repository.h"
#include "storage/database.h"

namespace verkosto::notifications {

namespace {

DeliveryStatus StatusAfter(SendOutcome outcome, uint32_t attempts, const DeliveryOptions& o) {
  switch (outcome) {
    case SendOutcome::kSent:
      return DeliveryStatus::kSent;
    case SendOutcome::kPermanentFailure:
      return DeliveryStatus::kFailed;
    case SendOutcome::kTemporaryFailure:
      return attempts >= o.max_attempts ? DeliveryStatus::kFailed : DeliveryStatus::kPending;
  }
  return DeliveryStatus::kPending;
}

Status InTransaction(SQLite::Database& db, const std::function<Status()>& fn) {
  return storage::Guard([&]() -> Status {
    storage::WriteTransaction tx(db);
    VERKOSTO_RETURN_IF_ERROR(fn());
    return tx.Commit();
  });
}

// The digest's subject and intro in the recipient's language.
struct DigestWords {
  const char* subject;
  const char* intro;
};
DigestWords Words(Language language) {
  switch (language) {
    case Language::kSv:
      return {"Dagens meddelanden från verkosto", "Meddelanden sedan förra sammandraget:"};
    case Language::kEn:
      return {"Today's messages from verkosto", "Messages since the last digest:"};
    case Language::kFi:
      break;
  }
  return {"Päivän viestit verkostosta", "Viestit edellisen koosteen jälkeen:"};
}

}  // namespace

std::chrono::microseconds RetryDelay(uint32_t failed_attempts, const DeliveryOptions& options) {
  std::chrono::microseconds delay = options.first_retry;
  for (uint32_t i = 1; i < failed_attempts && delay < options.max_retry; ++i) delay *= 2;
  return std::min<std::chrono::microseconds>(delay, options.max_retry);
}

std::string EmailMessageId(int64_t delivery_id, int64_t created_us, const std::string& from) {
  const std::string address = AddressOf(from);
  const size_t at = address.find('@');
  const std::string domain = at == std::string::npos ? "verkosto.invalid" : address.substr(at + 1);
  return "verkosto-" + std::to_string(delivery_id) + "-" + std::to_string(created_us) + "@" +
         domain;
}

namespace {

// The kind of formal letter the e-mail of a case event carries (issue 19):
// the act's own letter; none for other events.
std::string_view LetterKindOf(std::string_view event_type) {
  if (event_type == "verkosto.nominations.v1.RequestSent") return "request";
  if (event_type == "verkosto.nominations.v1.CaseRegistered" ||
      event_type == "verkosto.nominations.v1.CaseLogged") {
    return "acknowledgement";
  }
  if (event_type == "verkosto.nominations.v1.CaseApproved" ||
      event_type == "verkosto.nominations.v1.CaseDeclined") {
    return "decision";
  }
  return {};
}

}  // namespace

Result<std::vector<MailJob>> DueDeliveryJobs(SQLite::Database& db, const Clock& clock,
                                             const DeliveryOptions& options) {
  std::vector<DueDelivery> due;
  {
    SqliteNotificationRepository repo(db);
    VERKOSTO_ASSIGN_OR_RETURN(due, repo.DueDeliveries(ToMicros(clock.Now()), options.batch_size));
  }
  std::vector<MailJob> jobs;
  jobs.reserve(due.size());
  for (const DueDelivery& d : due) {
    MailJob job;
    OutgoingMail& mail = job.mail;
    mail.from = options.from;
    mail.to = d.delivery.address;
    mail.subject = d.subject;
    mail.text = d.body_text;
    mail.html = d.body_html;
    mail.language = d.language;
    mail.message_id = EmailMessageId(d.delivery.id, d.delivery.created_us, options.from);
    mail.date = clock.Now();
    if (const std::string_view kind = LetterKindOf(d.delivery.event_type);
        !kind.empty() && !d.delivery.case_id.empty()) {
      SqliteNotificationRepository repo(db);
      VERKOSTO_ASSIGN_OR_RETURN(std::vector<CaseLetterFile> letters,
                                repo.CaseLettersOf(d.delivery.case_id, std::string(kind)));
      for (CaseLetterFile& l : letters) {
        mail.attachments.push_back({l.filename, "application/pdf", std::move(l.pdf)});
      }
    }
    job.record = [&db, &clock, options, id = d.delivery.id, attempts = d.delivery.attempt_count + 1,
                  message_id = mail.message_id](const SendResult& result) -> Status {
      const TimePoint now = clock.Now();
      const DeliveryStatus status = StatusAfter(result.outcome, attempts, options);
      const int64_t next = status == DeliveryStatus::kPending
                               ? ToMicros(now + RetryDelay(attempts, options))
                               : int64_t{0};
      return InTransaction(db, [&]() -> Status {
        SqliteNotificationRepository repo(db);
        return repo.RecordAttempt(
            id, {ToMicros(now), result.outcome == SendOutcome::kSent, result.reply}, status, next,
            message_id);
      });
    };
    jobs.push_back(std::move(job));
  }
  return jobs;
}

Result<size_t> DeliverDue(SQLite::Database& db, MailTransport& transport, const Clock& clock,
                          const DeliveryOptions& options) {
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<MailJob> jobs, DueDeliveryJobs(db, clock, options));
  size_t attempted = 0;
  for (const MailJob& job : jobs) {
    const SendResult result = transport.Send(job.mail);
    VERKOSTO_RETURN_IF_ERROR(job.record(result));
    ++attempted;
  }
  return attempted;
}

Result<std::vector<MailJob>> DigestJobs(SQLite::Database& db, const Clock& clock,
                                        const DeliveryOptions& options) {
  const TimePoint now = clock.Now();
  const Date today = HelsinkiDate(now);
  std::vector<MailJob> jobs;
  if (now < HelsinkiStartOfDay(today) + std::chrono::hours(options.digest_hour)) return jobs;
  std::vector<DueDelivery> waiting;
  {
    SqliteNotificationRepository repo(db);
    VERKOSTO_ASSIGN_OR_RETURN(waiting, repo.PendingDigest());
  }
  // One digest per (mailbox, address), in the language of its newest message.
  std::map<std::pair<std::string, std::string>, std::vector<const DueDelivery*>> groups;
  for (const DueDelivery& d : waiting) {
    groups[{d.delivery.mailbox, d.delivery.address}].push_back(&d);
  }
  const std::string day = FormatIsoDate(today);
  for (const auto& [key, items] : groups) {
    {
      SqliteNotificationRepository repo(db);
      VERKOSTO_ASSIGN_OR_RETURN(bool done, repo.DigestSentOn(key.first, key.second, day));
      if (done) continue;  // one digest a day; the rest waits for tomorrow's
    }
    const std::string& language = items.back()->language;
    // Messages store the code of a language they were rendered in.
    const Language lang = LanguageFromCode(language).value_or(Language::kFi);
    const DigestWords words = Words(lang);
    MailJob job;
    job.digest = true;
    OutgoingMail& mail = job.mail;
    mail.from = options.from;
    mail.to = key.second;
    mail.language = language;
    mail.subject = std::string(words.subject) + " " + FormatDate(day, lang);
    mail.text = std::string(words.intro) + "\n\n";
    mail.html = "<!DOCTYPE html>\n<html lang=\"" + language + R"("><head><meta charset="utf-8">)" +
                "<title>" + HtmlEscape(mail.subject) + "</title></head><body><h1>" +
                HtmlEscape(mail.subject) + "</h1>";
    for (const DueDelivery* d : items) {
      mail.text += "== " + d->subject + " ==\n\n" + d->body_text + "\n\n";
      mail.html += "<hr><h2>" + HtmlEscape(d->subject) +
                   "</h2><div style=\"white-space: pre-wrap\">" + HtmlEscape(d->body_text) +
                   "</div>";
    }
    mail.html += "</body></html>\n";
    const std::string any_id = EmailMessageId(0, 0, options.from);
    mail.message_id = "verkosto-digest-" + day + "-" + std::to_string(items.front()->delivery.id) +
                      any_id.substr(any_id.find('@'));
    mail.date = now;
    std::vector<int64_t> ids;
    for (const DueDelivery* d : items) ids.push_back(d->delivery.id);
    job.record = [&db, &clock, mailbox = key.first, address = key.second, ids = std::move(ids),
                  day](const SendResult& result) -> Status {
      return InTransaction(db, [&]() -> Status {
        SqliteNotificationRepository repo(db);
        return repo.MarkDigested(
            mailbox, address, ids, day,
            {ToMicros(clock.Now()), result.outcome == SendOutcome::kSent, result.reply});
      });
    };
    jobs.push_back(std::move(job));
  }
  return jobs;
}

Result<size_t> SendDigests(SQLite::Database& db, MailTransport& transport, const Clock& clock,
                           const DeliveryOptions& options) {
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<MailJob> jobs, DigestJobs(db, clock, options));
  size_t sent = 0;
  for (const MailJob& job : jobs) {
    const SendResult result = transport.Send(job.mail);
    VERKOSTO_RETURN_IF_ERROR(job.record(result));
    if (result.outcome == SendOutcome::kSent) ++sent;
  }
  return sent;
}

}  // namespace verkosto::notifications
