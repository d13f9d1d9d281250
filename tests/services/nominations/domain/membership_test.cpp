// Memberships: only an approval creates them (rule 1); they end with the
// network's term, by replacement through a case (rule 3), or by resignation.

#include "nominations/domain/membership.h"

#include <gtest/gtest.h>

#include <type_traits>

#include "fixtures.h"
#include "nominations/domain/workflow.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

// Rule 1 by construction: nothing outside the approval can make a Membership.
static_assert(!std::is_default_constructible_v<Membership>);
static_assert(!std::is_constructible_v<Membership, MembershipRecord>);
static_assert(!std::is_constructible_v<Membership, const MembershipRecord&>);
static_assert(!std::is_convertible_v<MembershipRecord, Membership>);

ApprovalOutcome ApproveAnnaAndBen() {
  return Approve(RegisteredCase(), {Person("anna"), Person("ben", SeatKind::kDeputy)});
}

TEST(MembershipTest, ApprovalStartsOneMembershipPerNominee) {
  const ApprovalOutcome out = ApproveAnnaAndBen();
  ASSERT_EQ(out.started.size(), 2u);
  EXPECT_EQ(out.case_after.state, CaseState::kApproved);
  EXPECT_EQ(out.case_after.decision->memberships,
            (std::vector<MembershipId>{MembershipId("req-1.helsinki.1"),
                                       MembershipId("req-1.helsinki.2")}));
  const MembershipRecord& anna = out.started[0].record();
  EXPECT_EQ(anna.id, MembershipId("req-1.helsinki.1"));
  EXPECT_EQ(anna.person, Person("anna"));
  EXPECT_EQ(anna.network, kNetwork);
  EXPECT_EQ(anna.area, kHelsinki);
  EXPECT_EQ(anna.case_id, out.case_after.id);
  EXPECT_EQ(anna.diary_number, "843/14.07.00/2026");
  EXPECT_EQ(anna.decided, out.case_after.decision->decided);
  EXPECT_EQ(anna.started, D(2026, 6, 3));
  EXPECT_TRUE(anna.active());
  EXPECT_EQ(out.started[1].record().person.seat, SeatKind::kDeputy);
  ASSERT_EQ(out.events.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<CaseApproved>(out.events[0]));
  EXPECT_EQ(std::get<MembershipStarted>(out.events[1]).membership, anna);
  EXPECT_EQ(std::get<MembershipStarted>(out.events[2]).audit.user_id, "director-helsinki");
}

TEST(MembershipTest, MembershipStartsOnTermStartWhenApprovedBeforeIt) {
  NetworkView network = OpenNetwork();
  network.term_start = D(2026, 9, 1);
  auto r = ApproveCase(RegisteredCase(), network, ApproveCommand{{Person("anna")}}, nullptr,
                       Director(kHelsinki), At(2026, 6, 3));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->started[0].record().started, D(2026, 9, 1));
}

// Every command the domain accepts, run once: only the approval starts
// memberships (rule 1: no bulk add, no role sync, no back door).
TEST(MembershipTest, OnlyApprovalCreatesMemberships) {
  std::vector<std::pair<std::string, std::vector<Event>>> runs;
  const TimePoint t = At(2026, 6, 3);
  auto sent = SendRequest(OpenNetwork(), RequestTo({}), Keha(), SentAt());
  ASSERT_TRUE(sent.ok());
  runs.emplace_back("SendRequest", sent->events);
  auto registered =
      RegisterCase(SentCase(), Registration1(), NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ASSERT_TRUE(registered.ok());
  runs.emplace_back("RegisterCase", registered->events);
  LogIncomingCommand letter;
  letter.request_id = RequestId("log-9");
  letter.area = kVantaa;
  letter.channel = Channel::kEmail;
  letter.sender = "someone";
  letter.subject = "please nominate";
  letter.date_received = D(2026, 6, 2);
  letter.diary_number = "V-1";
  letter.organisation = "Vantaan kaupunki";
  letter.seats = Seats{1, 0};
  auto logged = LogIncomingRequest(OpenNetwork(), letter, NoDiaryNumbers(), Clerk(kVantaa), t);
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  runs.emplace_back("LogIncomingRequest", logged->events);
  auto declined = DeclineCase(RegisteredCase(), DeclineCommand{"no"}, Director(kHelsinki), t);
  ASSERT_TRUE(declined.ok());
  runs.emplace_back("DeclineCase", declined->events);
  auto withdrawn = WithdrawCase(SentCase(), WithdrawCommand{"x"}, Keha(), t);
  ASSERT_TRUE(withdrawn.ok());
  runs.emplace_back("WithdrawCase", withdrawn->events);
  auto extended = ExtendDeadline(SentCase(), ExtendDeadlineCommand{D(2026, 9, 1)}, Keha(), t);
  ASSERT_TRUE(extended.ok());
  runs.emplace_back("ExtendDeadline", extended->events);
  runs.emplace_back("ProcessTimers",
                    ProcessTimers(RegisteredCase(), D(2026, 6, 1), At(2026, 7, 1)).events);
  const ApprovalOutcome approved = ApproveAnnaAndBen();
  runs.emplace_back("ApproveCase", approved.events);
  auto replacement = RequestReplacement(
      OpenNetwork(), approved.started[0],
      RequestReplacementCommand{RequestId("rep-1"), D(2026, 8, 31), "x", ""}, Keha(), t);
  ASSERT_TRUE(replacement.ok());
  runs.emplace_back("RequestReplacement", replacement->events);
  auto resigned = RecordResignation(approved.started[0], ResignationCommand{D(2026, 6, 3), ""},
                                    Director(kHelsinki), t);
  ASSERT_TRUE(resigned.ok());
  runs.emplace_back("RecordResignation", resigned->events);
  auto ended =
      EndNetworkMemberships(kNetwork, approved.started, D(2027, 12, 31), EndReason::kTermEnded, t);
  ASSERT_TRUE(ended.ok());
  runs.emplace_back("EndNetworkMemberships", ended->events);

  ASSERT_EQ(runs.size(), 11u);
  for (const auto& [name, events] : runs) {
    EXPECT_FALSE(events.empty()) << name;
    EXPECT_EQ(Count<MembershipStarted>(events), name == "ApproveCase" ? 2 : 0) << name;
  }
}

TEST(MembershipTest, TermEndEndsActiveMembershipsOfThatNetworkOnly) {
  const ApprovalOutcome out = ApproveAnnaAndBen();
  std::vector<Membership> all = out.started;
  // A membership of another network, approved the same way.
  NetworkView other = OpenNetwork();
  other.code = NetworkCode("other");
  SendRequestCommand cmd = RequestTo({kHelsinki});
  cmd.request_id = RequestId("req-2");
  auto sent = SendRequest(other, cmd, Keha(), SentAt());
  ASSERT_TRUE(sent.ok());
  RegisterCommand reg = Registration1();
  reg.diary_number = "844/14.07.00/2026";
  auto registered =
      RegisterCase(sent->cases[0], reg, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 6, 2));
  ASSERT_TRUE(registered.ok());
  auto approved = ApproveCase(registered->case_after, other, ApproveCommand{{Person("cecilia")}},
                              nullptr, Director(kHelsinki), At(2026, 6, 3));
  ASSERT_TRUE(approved.ok());
  all.push_back(approved->started[0]);

  auto r =
      EndNetworkMemberships(kNetwork, all, D(2027, 12, 31), EndReason::kTermEnded, At(2028, 1, 1));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->memberships.size(), 3u);
  for (int i = 0; i < 2; ++i) {
    const MembershipRecord& m = r->memberships[static_cast<size_t>(i)].record();
    EXPECT_FALSE(m.active());
    EXPECT_EQ(m.ended, D(2027, 12, 31));
    EXPECT_EQ(m.end_reason, EndReason::kTermEnded);
    EXPECT_EQ(m.ended_by->user_id, "system");
  }
  EXPECT_TRUE(r->memberships[2].active());
  ASSERT_EQ(r->events.size(), 2u);
  const auto& e = std::get<MembershipEnded>(r->events[0]);
  EXPECT_EQ(e.audit.reason, "term_ended");
  EXPECT_EQ(e.audit.role, Role::kSystem);

  // Running it again ends nothing more.
  auto again = EndNetworkMemberships(kNetwork, r->memberships, D(2027, 12, 31),
                                     EndReason::kTermEnded, At(2028, 1, 1));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->events.empty());
}

TEST(MembershipTest, ClosingNetworkEndsMemberships) {
  auto r = EndNetworkMemberships(kNetwork, ApproveAnnaAndBen().started, D(2026, 10, 1),
                                 EndReason::kNetworkClosed, At(2026, 10, 1));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->events.size(), 2u);
  EXPECT_EQ(r->memberships[0].record().end_reason, EndReason::kNetworkClosed);
}

TEST(MembershipTest, RejectsNetworkEndWithAnotherReason) {
  auto r = EndNetworkMemberships(kNetwork, ApproveAnnaAndBen().started, D(2026, 10, 1),
                                 EndReason::kResigned, At(2026, 10, 1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "reason");
}

TEST(MembershipTest, ReplacementGoesThroughRegistryAndLeadership) {
  const ApprovalOutcome first = ApproveAnnaAndBen();
  const Membership& anna = first.started[0];
  auto requested = RequestReplacement(
      OpenNetwork(), anna,
      RequestReplacementCommand{RequestId("rep-1"), D(2026, 9, 30), "Anna is leaving", ""}, Keha(),
      At(2026, 8, 3));
  ASSERT_TRUE(requested.ok()) << requested.status().ToString();
  const Case& rc = requested->case_after;
  EXPECT_EQ(rc.kind, CaseKind::kReplacement);
  EXPECT_EQ(rc.state, CaseState::kAwaitingRegistration);
  EXPECT_EQ(rc.replaced_membership, anna.id());
  EXPECT_EQ(rc.seats, (Seats{1, 0}));
  EXPECT_EQ(rc.area, kHelsinki);
  EXPECT_TRUE(std::holds_alternative<RequestSent>(requested->events.at(0)));

  // Not before the registry has registered it.
  auto early = ApproveCase(rc, OpenNetwork(), ApproveCommand{{Person("dora")}}, &anna,
                           Director(kHelsinki), At(2026, 8, 4));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), ErrorCode::kFailedPrecondition);

  RegisterCommand reg{"1002/14.07.00/2026", "Helsingin kaupunki", D(2026, 8, 4)};
  auto registered = RegisterCase(rc, reg, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 8, 4));
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  auto approved =
      ApproveCase(registered->case_after, OpenNetwork(), ApproveCommand{{Person("dora")}}, &anna,
                  Director(kHelsinki), At(2026, 8, 5));
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();

  ASSERT_EQ(approved->started.size(), 1u);
  const MembershipRecord& dora = approved->started[0].record();
  EXPECT_EQ(dora.person.name, "dora");
  EXPECT_EQ(dora.replaces, anna.id());
  EXPECT_EQ(dora.diary_number, "1002/14.07.00/2026");
  EXPECT_EQ(dora.started, D(2026, 8, 5));
  ASSERT_TRUE(approved->replaced.has_value());
  const MembershipRecord& old = approved->replaced->record();
  EXPECT_EQ(old.id, anna.id());
  EXPECT_FALSE(old.active());
  EXPECT_EQ(old.ended, D(2026, 8, 5));
  EXPECT_EQ(old.end_reason, EndReason::kReplaced);
  EXPECT_EQ(old.replaced_by, dora.id);
  ASSERT_EQ(approved->events.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<CaseApproved>(approved->events[0]));
  EXPECT_EQ(std::get<MembershipEnded>(approved->events[1]).membership, old);
  EXPECT_EQ(std::get<MembershipStarted>(approved->events[2]).membership, dora);
}

TEST(MembershipTest, ReplacementOfAMemberWhoResignedMeanwhileOnlyStartsTheSuccessor) {
  const ApprovalOutcome first = ApproveAnnaAndBen();
  const Membership& anna = first.started[0];
  auto requested = RequestReplacement(
      OpenNetwork(), anna,
      RequestReplacementCommand{RequestId("rep-1"), D(2026, 9, 30), "Anna is leaving", ""}, Keha(),
      At(2026, 8, 3));
  ASSERT_TRUE(requested.ok());
  auto resigned = RecordResignation(anna, ResignationCommand{D(2026, 8, 3), ""},
                                    Director(kHelsinki), At(2026, 8, 3));
  ASSERT_TRUE(resigned.ok());
  RegisterCommand reg{"1002/14.07.00/2026", "Helsingin kaupunki", D(2026, 8, 4)};
  auto registered =
      RegisterCase(requested->case_after, reg, NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 8, 4));
  ASSERT_TRUE(registered.ok());
  auto approved =
      ApproveCase(registered->case_after, OpenNetwork(), ApproveCommand{{Person("dora")}},
                  &resigned->membership, Director(kHelsinki), At(2026, 8, 5));
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->replaced, resigned->membership);
  EXPECT_EQ(Count<MembershipEnded>(approved->events), 0);
  EXPECT_EQ(Count<MembershipStarted>(approved->events), 1);
}

TEST(MembershipTest, ApprovalWithInconsistentStateIsAnInternalError) {
  const ApprovalOutcome first = ApproveAnnaAndBen();
  const Membership& anna = first.started[0];
  // A nomination case given a membership to replace.
  auto r = ApproveCase(RegisteredCase(), OpenNetwork(), ApproveCommand{{Person("dora")}}, &anna,
                       Director(kHelsinki), At(2026, 6, 3));
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
  // The read model of another network.
  NetworkView other = OpenNetwork();
  other.code = NetworkCode("other");
  r = ApproveCase(RegisteredCase(), other, ApproveCommand{{Person("dora")}}, nullptr,
                  Director(kHelsinki), At(2026, 6, 3));
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
  auto rep = RequestReplacement(
      other, anna, RequestReplacementCommand{RequestId("rep-1"), D(2026, 9, 30), "x", ""}, Keha(),
      At(2026, 8, 3));
  EXPECT_EQ(rep.status().code(), ErrorCode::kInternal);
  // A replacement case without the membership it replaces.
  auto requested = RequestReplacement(
      OpenNetwork(), anna, RequestReplacementCommand{RequestId("rep-1"), D(2026, 9, 30), "x", ""},
      Keha(), At(2026, 8, 3));
  ASSERT_TRUE(requested.ok());
  auto registered = RegisterCase(requested->case_after,
                                 RegisterCommand{"R-1", "Helsingin kaupunki", D(2026, 8, 4)},
                                 NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 8, 4));
  ASSERT_TRUE(registered.ok());
  r = ApproveCase(registered->case_after, OpenNetwork(), ApproveCommand{{Person("dora")}}, nullptr,
                  Director(kHelsinki), At(2026, 8, 5));
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
}

TEST(MembershipTest, RejectsReplacementRequestForAreaThatDeclinedOrClosedNetwork) {
  const Membership anna = ApproveAnnaAndBen().started[0];
  const RequestReplacementCommand cmd{RequestId("rep-1"), D(2026, 9, 30), "successor", ""};
  NetworkView declined = OpenNetwork();
  declined.areas[kHelsinki] = Participation::kDeclines;
  auto r = RequestReplacement(declined, anna, cmd, Keha(), At(2026, 8, 3));
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.status().field(), "area_code");
  NetworkView closed = OpenNetwork();
  closed.status = NetworkStatus::kClosed;
  r = RequestReplacement(closed, anna, cmd, Keha(), At(2026, 8, 3));
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  RequestReplacementCommand past = cmd;
  past.deadline = D(2026, 8, 2);
  r = RequestReplacement(OpenNetwork(), anna, past, Keha(), At(2026, 8, 3));
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "deadline");
}

TEST(MembershipTest, ReplacementAsksForOneSeatOfTheReplacedKind) {
  const ApprovalOutcome first = ApproveAnnaAndBen();
  auto requested = RequestReplacement(
      OpenNetwork(), first.started[1],
      RequestReplacementCommand{RequestId("rep-2"), D(2026, 9, 30), "Ben is leaving", ""}, Keha(),
      At(2026, 8, 3));
  ASSERT_TRUE(requested.ok());
  EXPECT_EQ(requested->case_after.seats, (Seats{0, 1}));
}

TEST(MembershipTest, RejectsReplacementOfEndedMembershipOrByWrongRole) {
  const ApprovalOutcome first = ApproveAnnaAndBen();
  auto resigned = RecordResignation(first.started[0], ResignationCommand{D(2026, 7, 1), "moved"},
                                    Director(kHelsinki), At(2026, 7, 1));
  ASSERT_TRUE(resigned.ok());
  const RequestReplacementCommand cmd{RequestId("rep-1"), D(2026, 9, 30), "successor", ""};
  auto r = RequestReplacement(OpenNetwork(), resigned->membership, cmd, Keha(), At(2026, 8, 3));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  r = RequestReplacement(OpenNetwork(), first.started[1], cmd, Director(kHelsinki), At(2026, 8, 3));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kPermissionDenied);
}

TEST(MembershipTest, DirectorRecordsResignation) {
  const ApprovalOutcome first = ApproveAnnaAndBen();
  auto r =
      RecordResignation(first.started[0], ResignationCommand{D(2026, 7, 1), "new job elsewhere"},
                        Deputy(kHelsinki), At(2026, 7, 2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const MembershipRecord& m = r->membership.record();
  EXPECT_FALSE(m.active());
  EXPECT_EQ(m.ended, D(2026, 7, 1));
  EXPECT_EQ(m.end_reason, EndReason::kResigned);
  EXPECT_EQ(m.end_note, "new job elsewhere");
  EXPECT_EQ(m.ended_by->user_id, "deputy-helsinki");
  EXPECT_EQ(m.ended_by->on_behalf_of, "director-helsinki");
  ASSERT_EQ(r->events.size(), 1u);
  const auto& e = std::get<MembershipEnded>(r->events[0]);
  EXPECT_EQ(e.audit.reason, "resigned: new job elsewhere");
  EXPECT_EQ(e.audit.on_behalf_of, "director-helsinki");
}

TEST(MembershipTest, RejectsResignationByAnotherAreaOrWrongRole) {
  const Membership anna = ApproveAnnaAndBen().started[0];
  for (const Actor& actor : {Director(kVantaa), Clerk(kHelsinki), Keha(), Observer()}) {
    auto r = RecordResignation(anna, ResignationCommand{D(2026, 7, 1), ""}, actor, At(2026, 7, 2));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kPermissionDenied) << RoleName(actor.role);
  }
}

TEST(MembershipTest, RejectsResignationTwiceOrWithBadDate) {
  const Membership anna = ApproveAnnaAndBen().started[0];
  auto before = RecordResignation(anna, ResignationCommand{D(2026, 6, 2), ""}, Director(kHelsinki),
                                  At(2026, 7, 2));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(before.status().field(), "date");
  auto future = RecordResignation(anna, ResignationCommand{D(2026, 7, 3), ""}, Director(kHelsinki),
                                  At(2026, 7, 2));
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().field(), "date");
  auto once = RecordResignation(anna, ResignationCommand{D(2026, 7, 1), ""}, Director(kHelsinki),
                                At(2026, 7, 2));
  ASSERT_TRUE(once.ok());
  auto twice = RecordResignation(once->membership, ResignationCommand{D(2026, 7, 1), ""},
                                 Director(kHelsinki), At(2026, 7, 2));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(MembershipTest, RestoreAcceptsAMembershipOfItsApprovedCase) {
  const ApprovalOutcome out = ApproveAnnaAndBen();
  auto restored = Membership::Restore(out.started[1].record(), out.case_after);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(*restored, out.started[1]);
}

TEST(MembershipTest, RestoreRefusesAMembershipNoApprovalCreated) {
  const ApprovalOutcome out = ApproveAnnaAndBen();
  MembershipRecord forged = out.started[0].record();
  forged.id = MembershipId("req-1/helsinki/3");
  EXPECT_EQ(Membership::Restore(forged, out.case_after).status().code(), ErrorCode::kInternal);
  forged = out.started[0].record();
  forged.person.email = "mallory@hel.fi";
  EXPECT_EQ(Membership::Restore(forged, out.case_after).status().code(), ErrorCode::kInternal);
  // A case that was not approved proves nothing.
  EXPECT_EQ(Membership::Restore(out.started[0].record(), RegisteredCase()).status().code(),
            ErrorCode::kInternal);
  Case declined = out.case_after;
  declined.state = CaseState::kDeclined;
  EXPECT_EQ(Membership::Restore(out.started[0].record(), declined).status().code(),
            ErrorCode::kInternal);
}

}  // namespace
}  // namespace verkosto::nominations
