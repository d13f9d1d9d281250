// Nominee self-service: a member corrects their own contact and asks to
// resign; only their area's leadership ends the membership (rule 3).

#include "nominations/domain/self_service.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "nominations/domain/permissions.h"
#include "nominations/domain/workflow.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

Actor NomineeActor(const std::string& name) {
  Actor a = MakeActor("nominee-" + name, Role::kNominee);
  a.email = name + "@hel.fi";
  return a;
}

std::vector<Membership> AnnaAndBen() {
  return Approve(RegisteredCase(), {Person("anna"), Person("ben", SeatKind::kDeputy)}).started;
}

TEST(SelfServiceTest, OnlyANomineeWithAnEmailMaySelfServe) {
  EXPECT_TRUE(Authorize(NomineeActor("anna"), Operation::kSelfService).ok());
  Actor no_email = NomineeActor("anna");
  no_email.email.clear();
  EXPECT_EQ(Authorize(no_email, Operation::kSelfService).code(), ErrorCode::kPermissionDenied);
  for (const Actor& other : {Keha(), Clerk(kHelsinki), Director(kHelsinki), Deputy(kHelsinki),
                             Observer(), MakeActor("admin", Role::kAdmin)}) {
    Actor with_email = other;
    with_email.email = "anna@hel.fi";
    EXPECT_EQ(Authorize(with_email, Operation::kSelfService).code(), ErrorCode::kPermissionDenied)
        << RoleName(other.role);
  }
}

TEST(SelfServiceTest, AMembershipIsOwnByItsEmailIgnoringCase) {
  const auto both = AnnaAndBen();
  Actor anna = NomineeActor("anna");
  EXPECT_TRUE(OwnsMembership(anna, both[0].record()));
  EXPECT_FALSE(OwnsMembership(anna, both[1].record()));
  anna.email = "ANNA@HEL.FI";
  EXPECT_TRUE(OwnsMembership(anna, both[0].record()));
}

TEST(SelfServiceTest, CorrectsTitleEmailAndLanguageOfCurrentMembershipsWithAudit) {
  const Actor anna = NomineeActor("anna");
  auto r = CorrectContact({AnnaAndBen()[0]},
                          ContactCommand{"Team lead", "Anna.New@Hel.fi", Language::kSv}, false,
                          anna, At(2026, 7, 1));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->changed.size(), 1u);
  const MembershipRecord& m = r->changed[0].record();
  EXPECT_EQ(m.person.email, "anna@hel.fi");  // what the approval named stays
  EXPECT_EQ(m.current_person().title, "Team lead");
  EXPECT_EQ(m.current_person().email, "anna.new@hel.fi");
  EXPECT_EQ(m.current_person().language, Language::kSv);
  EXPECT_EQ(m.contact->corrected.user_id, "nominee-anna");
  ASSERT_EQ(r->events.size(), 1u);
  const auto& e = std::get<ContactCorrected>(r->events[0]);
  EXPECT_EQ(e.previous.email, "anna@hel.fi");
  EXPECT_EQ(e.audit.user_id, "nominee-anna");
  EXPECT_EQ(e.audit.role, Role::kNominee);
  // The account, still with the old e-mail, keeps the membership (it corrected it).
  EXPECT_TRUE(OwnsMembership(anna, m));
  // A retry with the same values changes nothing and emits nothing.
  auto again =
      CorrectContact(r->memberships, ContactCommand{"Team lead", "anna.new@hel.fi", Language::kSv},
                     false, anna, At(2026, 7, 2));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->changed.empty());
  EXPECT_TRUE(again->events.empty());
}

TEST(SelfServiceTest, ContactCorrectionNamesTheBadField) {
  const Actor anna = NomineeActor("anna");
  const auto mine = std::vector<Membership>{AnnaAndBen()[0]};
  const auto field = [&](const ContactCommand& c, bool used = false) {
    auto r = CorrectContact(mine, c, used, anna, At(2026, 7, 1));
    return r.ok() ? std::string("ok") : r.status().field();
  };
  EXPECT_EQ(field({std::string(limits::kName + 1, 'x'), "", {}}), "title");
  EXPECT_EQ(field({"two\nlines", "", {}}), "title");
  EXPECT_EQ(field({"", "", {}}), "title");
  EXPECT_EQ(field({"", "not-an-address", {}}), "email");
  EXPECT_EQ(field({"", "ben@hel.fi", {}}, true), "email");
  auto taken = CorrectContact(mine, {"", "ben@hel.fi", {}}, true, anna, At(2026, 7, 1));
  EXPECT_EQ(taken.status().code(), ErrorCode::kAlreadyExists);
}

TEST(SelfServiceTest, NobodyCorrectsAnotherPersonsMembership) {
  const auto both = AnnaAndBen();
  auto r = CorrectContact({both[1]}, {"Boss", "", {}}, false, NomineeActor("anna"), At(2026, 7, 1));
  EXPECT_EQ(r.status().code(), ErrorCode::kPermissionDenied);
  auto d = CorrectContact({both[0]}, {"Boss", "", {}}, false, Director(kHelsinki), At(2026, 7, 1));
  EXPECT_EQ(d.status().code(), ErrorCode::kPermissionDenied);
}

TEST(SelfServiceTest, EndedMembershipsKeepTheirContact) {
  const Membership anna = AnnaAndBen()[0];
  auto ended = RecordResignation(anna, ResignationCommand{D(2026, 6, 30), ""}, Director(kHelsinki),
                                 At(2026, 7, 1));
  ASSERT_TRUE(ended.ok());
  auto r = CorrectContact({ended->membership}, {"Boss", "", {}}, false, NomineeActor("anna"),
                          At(2026, 7, 1));
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(SelfServiceTest, AResignationRequestEndsNothingAndOnlyTheLeadershipCloses) {
  const Membership anna = AnnaAndBen()[0];
  const Actor nominee = NomineeActor("anna");
  auto asked =
      RequestResignation(anna, std::nullopt, {ResignationRequestId("rr-000000000001"), "Uusi työ"},
                         nominee, At(2026, 7, 1));
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(asked->request.state, ResignationRequestState::kPending);
  EXPECT_EQ(asked->request.area, kHelsinki);
  EXPECT_EQ(asked->request.requested.user_id, "nominee-anna");
  ASSERT_EQ(asked->events.size(), 1u);
  const auto& e = std::get<ResignationRequested>(asked->events[0]);
  EXPECT_EQ(e.audit.reason, "Uusi työ");
  EXPECT_TRUE(e.membership.active());

  // A second one while pending is refused.
  auto twice =
      RequestResignation(anna, asked->request, {ResignationRequestId("rr-000000000002"), "Again"},
                         nominee, At(2026, 7, 1));
  EXPECT_EQ(twice.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(twice.status().field(), "membership_id");

  // The nominee cannot record it themselves (rule 3).
  auto self = RecordResignation(anna, {D(2026, 7, 1), "x"}, nominee, At(2026, 7, 1));
  EXPECT_EQ(self.status().code(), ErrorCode::kPermissionDenied);

  // The area's leadership records it, which closes the request.
  auto recorded =
      RecordResignation(anna, {D(2026, 7, 1), "Uusi työ"}, Director(kHelsinki), At(2026, 7, 2));
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(CloseResignationRequest(asked->request, recorded->membership, Director(kVantaa),
                                    At(2026, 7, 2))
                .status()
                .code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CloseResignationRequest(asked->request, anna, Director(kHelsinki), At(2026, 7, 2))
                .status()
                .code(),
            ErrorCode::kFailedPrecondition);  // not resigned yet
  auto closed = CloseResignationRequest(asked->request, recorded->membership, Director(kHelsinki),
                                        At(2026, 7, 2));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->request.state, ResignationRequestState::kRecorded);
  EXPECT_EQ(closed->request.closed->user_id, "director-helsinki");
  EXPECT_TRUE(std::holds_alternative<ResignationRequestClosed>(closed->events[0]));
}

TEST(SelfServiceTest, AResignationRequestNeedsABoundedReasonAndTheMembersOwnCurrentMembership) {
  const auto both = AnnaAndBen();
  const Actor anna = NomineeActor("anna");
  const ResignationRequestId id("rr-000000000001");
  EXPECT_EQ(
      RequestResignation(both[0], std::nullopt, {id, "  "}, anna, At(2026, 7, 1)).status().field(),
      "reason");
  EXPECT_EQ(RequestResignation(both[0], std::nullopt, {id, std::string(limits::kReason + 1, 'x')},
                               anna, At(2026, 7, 1))
                .status()
                .field(),
            "reason");
  EXPECT_EQ(
      RequestResignation(both[1], std::nullopt, {id, "x"}, anna, At(2026, 7, 1)).status().code(),
      ErrorCode::kPermissionDenied);
  EXPECT_EQ(RequestResignation(both[0], std::nullopt, {id, "x"}, Observer(), At(2026, 7, 1))
                .status()
                .code(),
            ErrorCode::kPermissionDenied);
  auto ended =
      RecordResignation(both[0], {D(2026, 6, 30), ""}, Director(kHelsinki), At(2026, 7, 1));
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(RequestResignation(ended->membership, std::nullopt, {id, "x"}, anna, At(2026, 7, 1))
                .status()
                .code(),
            ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace verkosto::nominations
