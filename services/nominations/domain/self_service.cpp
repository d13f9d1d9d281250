#include "nominations/domain/self_service.h"

#include <algorithm>
#include <utility>

#include "core/email.h"
#include "core/text.h"
#include "nominations/domain/permissions.h"
#include "nominations/domain/workflow.h"

namespace verkosto::nominations {

// The one class that sets a membership's contact correction; declared in
// membership.h, defined here only. It cannot create or end a membership.
class internal::ContactWriter {
 public:
  static Membership WithContact(const Membership& m, ContactCorrection contact) {
    MembershipRecord record = m.record();
    record.contact = std::move(contact);
    return Membership(std::move(record));
  }
};

namespace {

bool HasControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; });
}

Status NotYours(const Actor& actor, const MembershipId& id) {
  return Status::PermissionDenied("membership " + id.value() + " is not " + actor.user_id +
                                  "'s own: a nominee acts on their own memberships only");
}

Status ValidateContact(const ContactCommand& command) {
  if (command.title.empty() && command.email.empty() && !command.language) {
    return Status::InvalidArgument("title", "nothing to correct: give a title, e-mail or language");
  }
  if (!command.title.empty()) {
    if (text::Trim(command.title).empty())
      return Status::InvalidArgument("title", "must not be blank");
    VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(command.title, limits::kName, "title"));
    if (HasControl(command.title)) {
      return Status::InvalidArgument("title", "must be one line without control characters");
    }
  }
  if (!command.email.empty() && !IsValidEmail(command.email)) {
    return Status::InvalidArgument("email", "'" + command.email + "' is not an e-mail address");
  }
  return Status::Ok();
}

}  // namespace

Result<ContactOutcome> CorrectContact(std::vector<Membership> mine, const ContactCommand& command,
                                      bool email_used_by_others, const Actor& actor,
                                      TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kSelfService));
  for (const Membership& m : mine) {
    if (!OwnsMembership(actor, m.record())) return NotYours(actor, m.id());
  }
  if (std::none_of(mine.begin(), mine.end(), [](const Membership& m) { return m.active(); })) {
    return Status::FailedPrecondition("you have no current membership whose contact to correct");
  }
  VERKOSTO_RETURN_IF_ERROR(ValidateContact(command));
  const std::string email = text::AsciiLower(command.email);
  if (!email.empty() && email_used_by_others) {
    return Status::AlreadyExists(
        "email", "another person's membership uses " + email + "; ask your area's registry");
  }
  ContactOutcome out;
  const Stamp stamp = MakeStamp(actor, now);
  for (Membership& m : mine) {
    if (m.active()) {
      const Nominee before = m.record().current_person();
      ContactCorrection next{before.title, before.email, before.language, stamp};
      if (!command.title.empty()) next.title = command.title;
      if (!email.empty()) next.email = email;
      if (command.language) next.language = command.language;
      if (next.title != before.title || next.email != before.email ||
          next.language != before.language) {
        m = internal::ContactWriter::WithContact(m, std::move(next));
        out.changed.push_back(m);
        out.events.emplace_back(ContactCorrected{m.record(), MakeAudit(actor, now), before});
      }
    }
    out.memberships.push_back(m);
  }
  return out;
}

Result<ResignationRequestOutcome> RequestResignation(
    const Membership& membership, const std::optional<ResignationRequest>& pending,
    const ResignationRequestCommand& command, const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kSelfService));
  const MembershipRecord& m = membership.record();
  if (!OwnsMembership(actor, m)) return NotYours(actor, m.id);
  if (!m.active()) {
    return Status::FailedPrecondition("membership_id",
                                      "membership " + m.id.value() + " has already ended");
  }
  if (pending && pending->state == ResignationRequestState::kPending) {
    return Status::FailedPrecondition("membership_id",
                                      "a resignation request " + pending->id.value() +
                                          " is already waiting for the area's leadership");
  }
  if (command.id.empty()) return Status::Internal("resignation request id missing");
  if (text::Trim(command.reason).empty()) return Status::InvalidArgument("reason", "is required");
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(command.reason, limits::kReason, "reason"));
  ResignationRequestOutcome out;
  out.request = ResignationRequest{command.id,
                                   m.id,
                                   m.network,
                                   m.area,
                                   command.reason,
                                   MakeStamp(actor, now),
                                   ResignationRequestState::kPending,
                                   std::nullopt};
  out.events.emplace_back(
      ResignationRequested{out.request, m, MakeAudit(actor, now, command.reason)});
  return out;
}

Result<ResignationRequestOutcome> CloseResignationRequest(const ResignationRequest& request,
                                                          const Membership& ended,
                                                          const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kRecordResignation, request.area));
  if (request.state != ResignationRequestState::kPending) {
    return Status::FailedPrecondition("resignation request " + request.id.value() +
                                      " is already closed");
  }
  const MembershipRecord& m = ended.record();
  if (m.id != request.membership || m.active() || m.end_reason != EndReason::kResigned) {
    return Status::FailedPrecondition("membership " + request.membership.value() +
                                      " has not been recorded as resigned");
  }
  ResignationRequestOutcome out;
  out.request = request;
  out.request.state = ResignationRequestState::kRecorded;
  out.request.closed = MakeStamp(actor, now);
  out.events.emplace_back(ResignationRequestClosed{out.request, MakeAudit(actor, now, m.end_note)});
  return out;
}

}  // namespace verkosto::nominations
