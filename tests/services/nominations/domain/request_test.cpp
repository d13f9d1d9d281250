// Sending nomination requests (rule 5: declined areas get no requests) and
// the short-deadline flag.

#include <gtest/gtest.h>

#include "fixtures.h"
#include "nominations/domain/workflow.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

TEST(RequestTest, SendsOneCaseAwaitingRegistrationPerArea) {
  auto r = SendRequest(OpenNetwork(), RequestTo({kVantaa, kHelsinki}), Keha(), SentAt());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->cases.size(), 2u);
  ASSERT_EQ(r->events.size(), 2u);
  EXPECT_EQ(Count<RequestSent>(r->events), 2);
  const Case& c = r->cases[0];
  EXPECT_EQ(c.id, CaseId("req-1.helsinki"));
  EXPECT_EQ(c.area, kHelsinki);
  EXPECT_EQ(r->cases[1].area, kVantaa);
  EXPECT_EQ(c.network, kNetwork);
  EXPECT_EQ(c.state, CaseState::kAwaitingRegistration);
  EXPECT_EQ(c.kind, CaseKind::kNomination);
  EXPECT_EQ(c.seats, (Seats{2, 1}));
  EXPECT_EQ(c.deadline, D(2026, 6, 30));
  EXPECT_EQ(c.keha_diary_number, "KEHA/123/2026");
  EXPECT_EQ(c.opened, D(2026, 6, 1));
  ASSERT_TRUE(c.sent.has_value());
  EXPECT_EQ(c.sent->user_id, "keha-1");
  EXPECT_FALSE(c.registration.has_value());
  const auto& sent = std::get<RequestSent>(r->events[0]);
  EXPECT_EQ(sent.case_after, c);
  EXPECT_EQ(sent.audit.user_id, "keha-1");
  EXPECT_EQ(sent.audit.role, Role::kKehaCoordinator);
  EXPECT_EQ(sent.audit.at, SentAt());
}

TEST(RequestTest, RefusesDeclinedAreasListingAllOfThem) {
  auto r = SendRequest(OpenNetwork(), RequestTo({kHelsinki, kLahti, kKouvola}), Keha(), SentAt());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.status().field(), "area_codes");
  EXPECT_NE(r.status().message().find("lahti"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("kouvola"), std::string::npos) << r.status().message();
  EXPECT_EQ(r.status().message().find("helsinki"), std::string::npos) << r.status().message();
}

TEST(RequestTest, SendingToAllAreasSkipsAndReportsDeclinedOnes) {
  auto r = SendRequest(OpenNetwork(), RequestTo({}), Keha(), SentAt());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<AreaCode> areas;
  for (const Case& c : r->cases) areas.push_back(c.area);
  EXPECT_EQ(areas, (std::vector<AreaCode>{kHelsinki, kKainuu, kVantaa}));
  EXPECT_EQ(r->skipped_declined_areas, (std::vector<AreaCode>{kKouvola, kLahti}));
}

TEST(RequestTest, RejectsUnknownAreasAsInvalidArgument) {
  auto r =
      SendRequest(OpenNetwork(), RequestTo({kHelsinki, AreaCode("atlantis")}), Keha(), SentAt());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "area_codes");
  EXPECT_NE(r.status().message().find("atlantis"), std::string::npos);
}

TEST(RequestTest, RejectsAnAreaNamedTwice) {
  auto r = SendRequest(OpenNetwork(), RequestTo({kHelsinki, kHelsinki}), Keha(), SentAt());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
}

TEST(RequestTest, RejectsNetworkThatIsNotOpen) {
  for (NetworkStatus status : {NetworkStatus::kDraft, NetworkStatus::kProposed,
                               NetworkStatus::kClosed, NetworkStatus::kCancelled}) {
    NetworkView network = OpenNetwork();
    network.status = status;
    auto r = SendRequest(network, RequestTo({kHelsinki}), Keha(), SentAt());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  }
}

TEST(RequestTest, RejectsDeadlineInThePastButAcceptsToday) {
  auto past = SendRequest(OpenNetwork(), RequestTo({kHelsinki}, D(2026, 5, 31)), Keha(), SentAt());
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(past.status().field(), "deadline");
  auto today = SendRequest(OpenNetwork(), RequestTo({kHelsinki}, D(2026, 6, 1)), Keha(), SentAt());
  EXPECT_TRUE(today.ok()) << today.status().ToString();
}

TEST(RequestTest, RejectsRequestWithoutSeats) {
  SendRequestCommand cmd = RequestTo({kHelsinki});
  cmd.seats = Seats{0, 0};
  auto r = SendRequest(OpenNetwork(), cmd, Keha(), SentAt());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "seats");
}

TEST(RequestTest, RejectsBlankCoveringMessageAndMissingRequestId) {
  SendRequestCommand cmd = RequestTo({kHelsinki});
  cmd.covering_message = "  ";
  auto r = SendRequest(OpenNetwork(), cmd, Keha(), SentAt());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "covering_message");
  cmd = RequestTo({kHelsinki});
  cmd.request_id = RequestId();
  r = SendRequest(OpenNetwork(), cmd, Keha(), SentAt());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "request_id");
}

TEST(RequestTest, FlagsDeadlineFewerThanTenWorkingDaysAwayAcrossChristmas) {
  // Mon 14 Dec 2026: 15-18, 21-23 and 28-30 Dec are the next ten working days.
  const TimePoint now = At(2026, 12, 14);
  auto ten = SendRequest(OpenNetwork(), RequestTo({kHelsinki}, D(2026, 12, 30)), Keha(), now);
  ASSERT_TRUE(ten.ok()) << ten.status().ToString();
  EXPECT_FALSE(ten->short_deadline);
  EXPECT_FALSE(ten->cases[0].short_deadline);
  auto nine =
      SendRequest(OpenNetwork(), RequestTo({kHelsinki, kVantaa}, D(2026, 12, 29)), Keha(), now);
  ASSERT_TRUE(nine.ok()) << nine.status().ToString();
  EXPECT_TRUE(nine->short_deadline);
  for (const Case& c : nine->cases) EXPECT_TRUE(c.short_deadline);
  EXPECT_TRUE(std::get<RequestSent>(nine->events[0]).case_after.short_deadline);
}

TEST(RequestTest, FlagsDeadlineShortenedByMidsummer) {
  // Mon 15 June 2026 -> Mon 29 June is 14 days but 9 working days.
  auto r =
      SendRequest(OpenNetwork(), RequestTo({kHelsinki}, D(2026, 6, 29)), Keha(), At(2026, 6, 15));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->short_deadline);
}

TEST(RequestTest, OnlyKehaCoordinatorMaySend) {
  for (const Actor& actor : {Clerk(kHelsinki), Director(kHelsinki), Deputy(kHelsinki), Observer(),
                             MakeActor("admin", Role::kAdmin), MakeActor("sys", Role::kSystem),
                             MakeActor("nobody", Role::kUnspecified)}) {
    auto r = SendRequest(OpenNetwork(), RequestTo({kHelsinki}), actor, SentAt());
    ASSERT_FALSE(r.ok()) << RoleName(actor.role);
    EXPECT_EQ(r.status().code(), ErrorCode::kPermissionDenied) << RoleName(actor.role);
  }
}

}  // namespace
}  // namespace verkosto::nominations
