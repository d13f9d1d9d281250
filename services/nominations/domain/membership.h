#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

namespace internal {
// Defined only in workflow.cpp: the single piece of code allowed to create
// and end memberships. See Membership.
class MembershipWriter;
// Defined only in self_service.cpp: sets a membership's contact correction,
// nothing else (it can neither create nor end one).
class ContactWriter;
}  // namespace internal

// A membership's data, as stored and sent on the wire.
struct MembershipRecord {
  MembershipId id;
  NetworkCode network;
  AreaCode area;
  Nominee person;
  CaseId case_id;            // the approved case that created it
  std::string diary_number;  // the area's diary number of that case
  Stamp decided;             // the approval's decider (and on whose behalf)
  Date started{};
  MembershipId replaces;  // the membership this one succeeded, if any
  // Set once it ends; never cleared.
  std::optional<Date> ended;
  std::optional<EndReason> end_reason;
  std::optional<Stamp> ended_by;
  std::string end_note;      // the resignation's reason, when given
  MembershipId replaced_by;  // for kReplaced
  // The member's own correction of title, e-mail and language, if any.
  // `person` keeps what the approval named (Restore checks it against the
  // decision); current_person() is what is in force.
  std::optional<ContactCorrection> contact{};

  bool active() const { return !ended.has_value(); }
  // `person` with the contact correction applied.
  Nominee current_person() const {
    Nominee p = person;
    if (contact) {
      p.title = contact->title;
      p.email = contact->email;
      p.language = contact->language;
    }
    return p;
  }

  friend bool operator==(const MembershipRecord&, const MembershipRecord&) = default;
};

// A person's seat in a network (rule 1: it exists only as the result of a
// nomination decided by the person's own area leadership).
//
// How the rule is kept by construction: Membership has no public constructor
// and no mutators. New memberships come only from ApproveCase (workflow.h)
// and the other forms of the leadership's approval, ReplaceMember (the
// leadership names a successor itself), RecordPaperAnswer (its approval
// sent on paper; member_changes.h) and DecideConfirmation (a successor named
// in a renewal's confirmation; confirmation.h), all through one approval step in
// workflow.cpp and internal::MembershipWriter, a class whose definition lives in
// workflow.cpp alone, so no other translation unit can name its members. The
// only other way to get a Membership is Restore, for the storage adapter
// loading what it saved, and Restore demands the approved case that created
// it as evidence. Ending goes through the same writer (term end, replacement,
// resignation in workflow.h).
class Membership {
 public:
  // Rebuilds a stored membership. `deciding_case` must be the approved case
  // named by record.case_id, in the same network and area, whose decision
  // lists record.id and names record.person, and whose registration carries
  // record.diary_number. Returns Internal (a corrupt or forged record)
  // otherwise. Never creates a membership that an approval did not.
  static Result<Membership> Restore(MembershipRecord record, const Case& deciding_case);

  const MembershipRecord& record() const { return record_; }
  const MembershipId& id() const { return record_.id; }
  bool active() const { return record_.active(); }

  friend bool operator==(const Membership&, const Membership&) = default;

 private:
  friend class internal::MembershipWriter;
  friend class internal::ContactWriter;
  explicit Membership(MembershipRecord record) : record_(std::move(record)) {}

  MembershipRecord record_;
};

}  // namespace verkosto::nominations
