#include "notifications/domain/plan_policy.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/fixtures.h"

namespace verkosto::notifications {
namespace {

using testing::Areas;
using testing::Case;
using testing::Network;
using testing::Nominee;

using A = PlanAudience;
using E = PlanEvent;

// The networks service's standard plan (networks/domain/communication_plan.h),
// as the events carry it.
std::vector<PlanTargetInfo> Standard() {
  return {{A::kAllAreasLeadership, {E::kProposed, E::kOpened, E::kCancelled}},
          {A::kMemberAreasLeadership,
           {E::kChanged, E::kClosedEarly, E::kDeadlineExtended, E::kRenewed}},
          {A::kMemberAreasRegistry, {E::kChanged, E::kClosedEarly, E::kDeadlineExtended}},
          {A::kMembers, {E::kChanged, E::kClosedEarly, E::kRenewed}},
          {A::kKeha, {E::kMembershipEnded, E::kCommentAdded, E::kNotesDue}},
          {A::kPublic, {E::kOpened, E::kChanged, E::kClosedEarly}}};
}

MembershipInfo Member(const std::string& name, const std::string& area,
                      std::optional<Language> language = {}) {
  return MembershipInfo{
      "m-" + name, "osaamisverkosto", AreaCode(area), Nominee(name, language), "2026-03-01",
      "",          std::nullopt};
}

Notice PlanNotice(Topic topic, std::vector<PlanTargetInfo> targets = Standard()) {
  Notice n;
  n.topic = topic;
  n.event_type = "test";
  n.network = Network();
  n.network->targets = std::move(targets);
  n.network->notes_every_days = 30;
  n.network->responsible_email = "sihteeri@keha.fi";
  n.member_areas = {AreaCode("kainuu")};
  n.network_members = {Member("maija", "kainuu", Language::kSv)};
  return n;
}

std::vector<std::string> Mailboxes(const std::vector<Recipient>& recipients) {
  std::vector<std::string> out;
  out.reserve(recipients.size());
  for (const Recipient& r : recipients) out.push_back(r.mailbox);
  std::sort(out.begin(), out.end());
  return out;
}

const Recipient* Find(const std::vector<Recipient>& recipients, const std::string& mailbox) {
  for (const Recipient& r : recipients) {
    if (r.mailbox == mailbox) return &r;
  }
  return nullptr;
}

TEST(PlanPolicyTest, OpenedGoesToEveryAreasLeadershipAndThePublic) {
  const auto r = Recipients(PlanNotice(Topic::kNetworkOpened), Areas());
  EXPECT_EQ(Mailboxes(r), (std::vector<std::string>{"leadership:kainuu", "leadership:lahti",
                                                    "leadership:pohjanmaa", "public:en",
                                                    "public:fi", "public:sv"}));
  EXPECT_EQ(Find(r, "leadership:lahti")->template_name, "network_opened");
  EXPECT_EQ(Find(r, "leadership:lahti")->emails,
            (std::vector<std::string>{"johtaja@lahti.fi", "varajohtaja@lahti.fi"}));
  EXPECT_TRUE(Find(r, "public:sv")->emails.empty());
  EXPECT_EQ(Find(r, "public:sv")->language, Language::kSv);
}

TEST(PlanPolicyTest, ChangedGoesToMemberAreasMembersAndThePublic) {
  const auto r = Recipients(PlanNotice(Topic::kNetworkChanged), Areas());
  EXPECT_EQ(Mailboxes(r),
            (std::vector<std::string>{"email:maija@kajaani.fi", "leadership:kainuu", "public:en",
                                      "public:fi", "public:sv", "registry:kainuu"}));
  EXPECT_EQ(Find(r, "email:maija@kajaani.fi")->language, Language::kSv);
  EXPECT_EQ(Find(r, "registry:kainuu")->emails, std::vector<std::string>{"kirjaamo@kainuu.fi"});
}

TEST(PlanPolicyTest, ClosedEarlyReachesMembersWhoseMembershipEndedWithTheNetwork) {
  Notice n = PlanNotice(Topic::kNetworkClosedEarly);
  n.network_members = {
      MembershipInfo{"m-1", "osaamisverkosto", AreaCode("kainuu"), Nominee("maija"), "2026-03-01",
                     "2026-06-01", EndReason::kNetworkClosed},
      MembershipInfo{"m-2", "osaamisverkosto", AreaCode("kainuu"), Nominee("pekka"), "2026-03-01",
                     "2026-05-01", EndReason::kResigned}};
  const auto r = Recipients(n, Areas());
  EXPECT_NE(Find(r, "email:maija@kajaani.fi"), nullptr);
  EXPECT_EQ(Find(r, "email:pekka@kajaani.fi"), nullptr);  // left before: not a member
  EXPECT_NE(Find(r, "registry:kainuu"), nullptr);
}

TEST(PlanPolicyTest, CancelledGoesToEveryAreasLeadershipOnly) {
  const auto r = Recipients(PlanNotice(Topic::kNetworkCancelled), Areas());
  EXPECT_EQ(Mailboxes(r), (std::vector<std::string>{"leadership:kainuu", "leadership:lahti",
                                                    "leadership:pohjanmaa"}));
}

TEST(PlanPolicyTest, CommentAddedGoesToKehaAtTheContactAddress) {
  const auto r = Recipients(PlanNotice(Topic::kCommentAdded), Areas());
  ASSERT_EQ(Mailboxes(r), std::vector<std::string>{"user:keha-anna"});
  EXPECT_EQ(r[0].emails, std::vector<std::string>{"verkosto@keha.fi"});
  EXPECT_EQ(r[0].template_name, "comment_added");
}

TEST(PlanPolicyTest, DeadlineExtendedGoesToTheCasesAreaNotEveryMemberArea) {
  Notice n = PlanNotice(Topic::kDeadlineExtended);
  n.case_info = Case("lahti");
  n.member_areas = {AreaCode("kainuu"), AreaCode("pohjanmaa")};
  const auto r = Recipients(n, Areas());
  EXPECT_EQ(Mailboxes(r), (std::vector<std::string>{"leadership:lahti", "registry:lahti"}));
}

TEST(PlanPolicyTest, MembershipEndedAddsThePlansAudiences) {
  Notice n = PlanNotice(Topic::kMembershipEnded, {{A::kMemberAreasRegistry, {E::kMembershipEnded}},
                                                  {A::kMembers, {E::kMembershipEnded}}});
  n.members = {MembershipInfo{"m-x", "osaamisverkosto", AreaCode("lahti"), Nominee("ville"),
                              "2026-03-01", "2026-05-31", EndReason::kRecalled}};
  n.network_members.push_back(Member("pekka", "lahti"));
  const auto r = Recipients(n, Areas());
  // Fixed: the member, their leadership, KEHA; by plan: the registry, other members.
  EXPECT_EQ(Mailboxes(r),
            (std::vector<std::string>{"email:maija@kajaani.fi", "email:pekka@kajaani.fi",
                                      "email:ville@kajaani.fi", "leadership:lahti",
                                      "registry:kainuu", "user:keha-anna"}));
  // A term end is told elsewhere: nobody, plan or not.
  n.members[0].end_reason = EndReason::kTermEnded;
  EXPECT_TRUE(Recipients(n, Areas()).empty());
}

TEST(PlanPolicyTest, APlanTellingNobodyOfAnEventSendsNothing) {
  const auto r =
      Recipients(PlanNotice(Topic::kNetworkOpened, {{A::kKeha, {E::kChanged}}}), Areas());
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(Recipients(PlanNotice(Topic::kNetworkOpened, {}), Areas()).empty());
}

TEST(PlanPolicyTest, ACustomPlanReachesItsAudiences) {
  const auto r = Recipients(
      PlanNotice(Topic::kNetworkOpened, {{A::kMembers, {E::kOpened}}, {A::kKeha, {E::kOpened}}}),
      Areas());
  EXPECT_EQ(Mailboxes(r), (std::vector<std::string>{"email:maija@kajaani.fi", "user:keha-anna"}));
}

TEST(PlanPolicyTest, PersonsOnlyForTheirOwnNetwork) {
  Notice n = PlanNotice(Topic::kNetworkChanged);
  MembershipInfo other = Member("outsider", "kainuu");
  other.network_code = "toinen-verkosto";
  n.network_members.push_back(other);
  const auto r = Recipients(n, Areas());
  EXPECT_EQ(Find(r, "email:outsider@kajaani.fi"), nullptr);
  EXPECT_NE(Find(r, "email:maija@kajaani.fi"), nullptr);
  // Proposed by a plan that names members: still only the network's own.
  Notice p = PlanNotice(Topic::kNetworkProposed, {{A::kMembers, {E::kProposed}}});
  p.network_members.push_back(other);
  const auto rp = Recipients(p, Areas());
  EXPECT_EQ(Find(rp, "email:outsider@kajaani.fi"), nullptr);
  EXPECT_NE(Find(rp, "email:maija@kajaani.fi"), nullptr);
}

TEST(PlanPolicyTest, NotesDueGoesToTheResponsibleAndKeha) {
  const auto r = Recipients(PlanNotice(Topic::kNotesDue), Areas());
  EXPECT_EQ(Mailboxes(r), (std::vector<std::string>{"email:sihteeri@keha.fi", "user:keha-anna"}));
  EXPECT_EQ(Find(r, "email:sihteeri@keha.fi")->template_name, "notes_due");
  Notice no_address = PlanNotice(Topic::kNotesDue, {});
  no_address.network->responsible_email.clear();
  EXPECT_EQ(Mailboxes(Recipients(no_address, Areas())), std::vector<std::string>{"user:keha-anna"});
}

TEST(PlanPolicyTest, EachRecipientInTheirLanguage) {
  const auto r = Recipients(PlanNotice(Topic::kNetworkOpened), Areas());
  EXPECT_EQ(ResolveLanguage(std::nullopt, *Find(r, "leadership:pohjanmaa"), Areas()),
            Language::kSv);
  EXPECT_EQ(ResolveLanguage(std::nullopt, *Find(r, "leadership:kainuu"), Areas()), Language::kFi);
  EXPECT_EQ(ResolveLanguage(std::nullopt, *Find(r, "public:en"), Areas()), Language::kEn);
}

TEST(PlanPolicyTest, ViewNamesWhatChanged) {
  Notice n = PlanNotice(Topic::kNetworkChanged);
  n.changed_fields = {"goals", "term.end_date"};
  n.reason = "Toimikautta jatketaan";
  const auto r = Recipients(n, Areas());
  const View v = BuildView(n, *Find(r, "leadership:kainuu"), Language::kFi, Areas(), "https://v");
  EXPECT_EQ(v.values.at("changed_fields_joined"), "goals, term.end_date");
  EXPECT_EQ(v.values.at("reason"), "Toimikautta jatketaan");
  EXPECT_EQ(v.values.at("link"), "https://v/networks/osaamisverkosto");
  EXPECT_TRUE(v.flags.at("has_changed_fields"));
}

TEST(PlanPolicyTest, NotesDueOnCountsWholeIntervalsFromTheTermStart) {
  const std::optional<Date> start = ParseIsoDate("2026-03-01");
  const std::optional<Date> end = ParseIsoDate("2026-12-31");
  auto due = [&](const char* today, uint32_t every) {
    const std::optional<Date> d = NotesDueOn(start, end, every, *ParseIsoDate(today));
    return d ? FormatIsoDate(*d) : std::string("none");
  };
  EXPECT_EQ(due("2026-03-30", 30), "none");
  EXPECT_EQ(due("2026-03-31", 30), "2026-03-31");
  EXPECT_EQ(due("2026-04-15", 30), "2026-03-31");
  EXPECT_EQ(due("2026-04-30", 30), "2026-04-30");
  EXPECT_EQ(due("2026-02-01", 30), "none");
  EXPECT_EQ(due("2026-04-30", 0), "none");
  EXPECT_EQ(due("2027-01-10", 30), "2026-12-26");
  EXPECT_EQ(due("2027-01-10", 366), "none");  // the first due date is after the term
  EXPECT_FALSE(NotesDueOn(std::nullopt, end, 30, *ParseIsoDate("2026-05-01")));
}

TEST(PlanPolicyTest, RenewedGoesToMemberAreasLeadershipAndMembersWithTheNewTerm) {
  Notice n = PlanNotice(Topic::kNetworkRenewed);
  n.next_term_start = "2027-01-01";
  n.next_term_end = "2028-12-31";
  n.reason = "Toimikausi jatkuu";
  const auto r = Recipients(n, Areas());
  EXPECT_EQ(Mailboxes(r),
            (std::vector<std::string>{"email:maija@kajaani.fi", "leadership:kainuu"}));
  EXPECT_EQ(Find(r, "leadership:kainuu")->template_name, "network_renewed");
  const View v = BuildView(n, *Find(r, "email:maija@kajaani.fi"), Language::kSv, Areas(), "");
  EXPECT_EQ(v.values.at("next_term_start"), "1.1.2027");
  EXPECT_EQ(v.values.at("next_term_end"), "31.12.2028");
  // A plan without `renewed` tells nobody of it.
  EXPECT_TRUE(
      Recipients(PlanNotice(Topic::kNetworkRenewed, {{A::kKeha, {E::kOpened}}}), Areas()).empty());
}

TEST(PlanPolicyTest, PlanSerializationRoundTrips) {
  EXPECT_EQ(ParsePlan(SerializePlan(Standard())), Standard());
  EXPECT_EQ(SerializePlan({{A::kKeha, {E::kNotesDue, E::kRenewed}}}), "keha:notes_due,renewed");
  EXPECT_EQ(ParsePlan("nobody:opened;keha:opened,unknown"),
            (std::vector<PlanTargetInfo>{{A::kKeha, {E::kOpened}}}));
  EXPECT_TRUE(ParsePlan("").empty());
}

TEST(PlanPolicyTest, EveryNewTopicHasAStableName) {
  EXPECT_EQ(TopicName(Topic::kNetworkOpened), "network_opened");
  EXPECT_EQ(TopicName(Topic::kNetworkChanged), "network_changed");
  EXPECT_EQ(TopicName(Topic::kNetworkCancelled), "network_cancelled");
  EXPECT_EQ(TopicName(Topic::kNetworkClosedEarly), "network_closed_early");
  EXPECT_EQ(TopicName(Topic::kCommentAdded), "comment_added");
  EXPECT_EQ(TopicName(Topic::kDeadlineExtended), "deadline_extended");
  EXPECT_EQ(TopicName(Topic::kNotesDue), "notes_due");
  EXPECT_EQ(TopicName(Topic::kNetworkRenewed), "network_renewed");
}

}  // namespace
}  // namespace verkosto::notifications
