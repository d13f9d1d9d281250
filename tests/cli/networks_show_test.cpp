// `verkosto networks show`: the communication plan in effect (issue 17).
#include <gtest/gtest.h>

#include "networks_commands.h"

namespace verkosto::cli {
namespace {

namespace nw = ::verkosto::networks::v1;

TEST(NetworksShowTest, PrintsThePlanInEffect) {
  nw::GetNetworkResponse r;
  nw::Network* n = r.mutable_network();
  n->mutable_definition()->set_code("osaamisverkosto");
  nw::PlanTarget* t = n->add_effective_targets();
  t->set_audience(nw::PLAN_AUDIENCE_MEMBER_AREAS_REGISTRY);
  t->set_channel(nw::PLAN_CHANNEL_INBOX_EMAIL);
  t->add_events(nw::PLAN_EVENT_CHANGED);
  t->add_events(nw::PLAN_EVENT_CLOSED_EARLY);
  n->set_effective_notes_every_days(60);
  n->set_effective_responsible_email("anna@keha.fi");
  const std::string out = FormatNetwork(r);
  EXPECT_NE(out.find("plan targets (standard plan):"), std::string::npos) << out;
  EXPECT_NE(out.find("member_areas_registry by inbox_email: changed closed_early"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("notes reminder: every 60 days (from the meeting cadence) to anna@keha.fi"),
            std::string::npos)
      << out;
  n->mutable_definition()->mutable_communication_plan()->add_targets()->CopyFrom(*t);
  n->mutable_definition()->mutable_communication_plan()->set_notes_every_days(60);
  n->set_effective_notes_every_days(0);
  const std::string own = FormatNetwork(r);
  EXPECT_NE(own.find("plan targets:\n"), std::string::npos) << own;
  EXPECT_NE(own.find("notes reminder: none"), std::string::npos) << own;
}

}  // namespace
}  // namespace verkosto::cli
