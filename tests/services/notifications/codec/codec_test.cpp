#include "notifications/codec/codec.h"

#include <gtest/gtest.h>

namespace verkosto::notifications::codec {
namespace {

namespace mpb = ::verkosto::nominations::v1;

mpb::Membership Ended(mpb::EndReason reason) {
  mpb::Membership m;
  m.set_membership_id("r1.kainuu-koillismaa.1");
  m.set_network_code("verkko");
  m.set_area_code("kainuu-koillismaa");
  m.mutable_person()->set_name("Anna");
  m.mutable_person()->set_email("Anna@Kajaani.fi");
  m.mutable_person()->set_language(common::v1::LANGUAGE_SV);
  m.set_started("2026-03-01");
  m.set_ended("2026-12-31");
  m.set_end_reason(reason);
  return m;
}

TEST(NotificationsCodecTest, AMembershipsEndReasonAndLanguageBecomeTheDomainsOwn) {
  const MembershipInfo term = FromProto(Ended(mpb::END_REASON_TERM_ENDED));
  EXPECT_EQ(term.end_reason, EndReason::kTermEnded);
  EXPECT_EQ(term.person.language, Language::kSv);
  EXPECT_EQ(term.person.email, "anna@kajaani.fi");
  EXPECT_EQ(FromProto(Ended(mpb::END_REASON_RESIGNED)).end_reason, EndReason::kResigned);
  EXPECT_EQ(FromProto(Ended(mpb::END_REASON_NOT_RENEWED)).end_reason, EndReason::kNotRenewed);
  EXPECT_EQ(FromProto(Ended(mpb::END_REASON_UNSPECIFIED)).end_reason, std::nullopt);
}

// A consumer must not stop on an event from a newer nominations: a number it
// does not know reads as "not given" (the area's language; an end for no
// reason it knows, which is not the network's end).
TEST(NotificationsCodecTest, NumbersThisBuildDoesNotKnowReadAsNotGiven) {
  mpb::Membership m = Ended(static_cast<mpb::EndReason>(42));
  m.mutable_person()->set_language(static_cast<common::v1::Language>(9));
  const MembershipInfo info = FromProto(m);
  EXPECT_EQ(info.end_reason, std::nullopt);
  EXPECT_EQ(info.person.language, std::nullopt);
  EXPECT_EQ(info.ended, "2026-12-31");
}

}  // namespace
}  // namespace verkosto::notifications::codec
