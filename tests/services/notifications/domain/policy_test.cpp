#include "notifications/domain/policy.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/fixtures.h"

namespace verkosto::notifications {
namespace {

using testing::Areas;
using testing::Case;
using testing::CaseNotice;
using testing::Network;
using testing::Nominee;

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

bool AnyPerson(const std::vector<Recipient>& recipients) {
  return std::any_of(recipients.begin(), recipients.end(),
                     [](const Recipient& r) { return IsPersonMailbox(r.mailbox); });
}

TEST(NotificationPolicyTest, RequestSentGoesToTheAreasRegistry) {
  const auto r = Recipients(CaseNotice(Topic::kRequestSent), Areas());
  ASSERT_EQ(Mailboxes(r), std::vector<std::string>{"registry:kainuu"});
  EXPECT_EQ(r[0].emails, std::vector<std::string>{"kirjaamo@kainuu.fi"});
  EXPECT_EQ(r[0].template_name, "request_sent");
  EXPECT_EQ(r[0].area, AreaCode("kainuu"));
}

TEST(NotificationPolicyTest, RegisteredCaseGoesToDirectorAndDeputy) {
  const auto r = Recipients(CaseNotice(Topic::kCaseRegistered), Areas());
  ASSERT_EQ(Mailboxes(r), std::vector<std::string>{"leadership:kainuu"});
  EXPECT_EQ(r[0].emails, (std::vector<std::string>{"johtaja@kainuu.fi", "varajohtaja@kainuu.fi"}));
}

TEST(NotificationPolicyTest, ApprovedCaseGoesToSenderAndEachNominee) {
  CaseInfo c = Case();
  c.approved = true;
  c.nominees = {Nominee("maija", Language::kSv), Nominee("Pekka")};
  const auto r = Recipients(CaseNotice(Topic::kCaseApproved, c), Areas());
  EXPECT_EQ(Mailboxes(r), (std::vector<std::string>{"email:maija@kajaani.fi",
                                                    "email:pekka@kajaani.fi", "user:keha-anna"}));
  const Recipient* maija = Find(r, "email:maija@kajaani.fi");
  ASSERT_NE(maija, nullptr);
  EXPECT_EQ(maija->template_name, "case_approved_nominee");
  EXPECT_EQ(maija->language, Language::kSv);
  const Recipient* sender = Find(r, "user:keha-anna");
  ASSERT_NE(sender, nullptr);
  EXPECT_TRUE(sender->emails.empty());  // the coordinator's address is unknown: inbox only
  // Addresses are lower-cased.
  EXPECT_EQ(Find(r, "email:pekka@kajaani.fi")->emails,
            std::vector<std::string>{"pekka@kajaani.fi"});
}

TEST(NotificationPolicyTest, DeclinedAndWithdrawnGoToTheSenderOnly) {
  for (Topic topic : {Topic::kCaseDeclined, Topic::kCaseWithdrawn}) {
    const auto r = Recipients(CaseNotice(topic), Areas());
    EXPECT_EQ(Mailboxes(r), std::vector<std::string>{"user:keha-anna"}) << TopicName(topic);
  }
}

TEST(NotificationPolicyTest, OverdueGoesToTheSenderAndTheAreasLeadershipAndRegistry) {
  const auto r = Recipients(CaseNotice(Topic::kCaseOverdue), Areas());
  EXPECT_EQ(Mailboxes(r),
            (std::vector<std::string>{"leadership:kainuu", "registry:kainuu", "user:keha-anna"}));
  EXPECT_EQ(Find(r, "user:keha-anna")->template_name, "case_overdue");
  const Recipient* leadership = Find(r, "leadership:kainuu");
  ASSERT_NE(leadership, nullptr);
  EXPECT_EQ(leadership->template_name, "case_overdue_area");
  EXPECT_EQ(leadership->emails,
            (std::vector<std::string>{"johtaja@kainuu.fi", "varajohtaja@kainuu.fi"}));
  const Recipient* registry = Find(r, "registry:kainuu");
  ASSERT_NE(registry, nullptr);
  EXPECT_EQ(registry->template_name, "case_overdue_area");
  EXPECT_EQ(registry->emails, std::vector<std::string>{"kirjaamo@kainuu.fi"});
}

TEST(NotificationPolicyTest, RegistrationReminderGoesToTheRegistryOnly) {
  Notice n = CaseNotice(Topic::kReminderDue);
  n.working_days_left = 7;
  n.reminder_step = ReminderStep::kRegistration;
  const auto r = Recipients(n, Areas());
  ASSERT_EQ(Mailboxes(r), std::vector<std::string>{"registry:kainuu"});
  EXPECT_EQ(r[0].template_name, "reminder_registration");
  EXPECT_EQ(r[0].emails, std::vector<std::string>{"kirjaamo@kainuu.fi"});
}

TEST(NotificationPolicyTest, DecisionReminderGoesToTheLeadershipOnly) {
  Notice n = CaseNotice(Topic::kReminderDue);
  n.working_days_left = 2;
  n.reminder_step = ReminderStep::kDecision;
  const auto r = Recipients(n, Areas());
  ASSERT_EQ(Mailboxes(r), std::vector<std::string>{"leadership:kainuu"});
  EXPECT_EQ(r[0].template_name, "reminder_decision");
  EXPECT_EQ(r[0].emails, (std::vector<std::string>{"johtaja@kainuu.fi", "varajohtaja@kainuu.fi"}));
}

TEST(NotificationPolicyTest, LateRegistrationEscalatesToTheLeadership) {
  Notice n = CaseNotice(Topic::kReminderDue);
  n.working_days_left = 2;
  n.reminder_step = ReminderStep::kRegistration;
  n.escalated = true;
  const auto r = Recipients(n, Areas());
  ASSERT_EQ(Mailboxes(r), (std::vector<std::string>{"leadership:kainuu", "registry:kainuu"}));
  EXPECT_EQ(Find(r, "registry:kainuu")->template_name, "reminder_registration");
  EXPECT_EQ(Find(r, "leadership:kainuu")->template_name, "registration_escalated");
  EXPECT_EQ(Find(r, "leadership:kainuu")->emails,
            (std::vector<std::string>{"johtaja@kainuu.fi", "varajohtaja@kainuu.fi"}));
}

TEST(NotificationPolicyTest, AReminderWithoutAStepGoesToLeadershipAndRegistryAsBefore) {
  // An event nominations wrote before reminders had steps.
  Notice n = CaseNotice(Topic::kReminderDue);
  n.working_days_left = 2;
  const auto r = Recipients(n, Areas());
  EXPECT_EQ(Mailboxes(r), (std::vector<std::string>{"leadership:kainuu", "registry:kainuu"}));
  for (const Recipient& each : r) EXPECT_EQ(each.template_name, "reminder_due");
}

// The two Swedish-majority areas list Swedish first (sv;fi): their registry
// and leadership get their messages in Swedish.
TEST(NotificationPolicyTest, AnAreaWhoseFirstLanguageIsSwedishIsToldInSwedish) {
  AreaMap areas = Areas();
  const AreaInfo pietarsaari = testing::Area("pietarsaari", {"sv", "fi"});
  areas.emplace(pietarsaari.code, pietarsaari);
  const AreaInfo bilingual_finnish = testing::Area("vaasa", {"fi", "sv"});
  areas.emplace(bilingual_finnish.code, bilingual_finnish);
  EXPECT_EQ(pietarsaari.language(), Language::kSv);
  EXPECT_EQ(bilingual_finnish.language(), Language::kFi);
  const auto r = Recipients(CaseNotice(Topic::kRequestSent, Case("pietarsaari")), areas);
  ASSERT_EQ(Mailboxes(r), std::vector<std::string>{"registry:pietarsaari"});
  EXPECT_EQ(ResolveLanguage(std::nullopt, r[0], areas), Language::kSv);
  const auto v = Recipients(CaseNotice(Topic::kRequestSent, Case("vaasa")), areas);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(ResolveLanguage(std::nullopt, v[0], areas), Language::kFi);
}

TEST(NotificationPolicyTest, ProposedNetworkGoesToEveryAreasLeadership) {
  Notice n;
  n.topic = Topic::kNetworkProposed;
  n.network = Network();
  EXPECT_EQ(
      Mailboxes(Recipients(n, Areas())),
      (std::vector<std::string>{"leadership:kainuu", "leadership:lahti", "leadership:pohjanmaa"}));
}

TEST(NotificationPolicyTest, ParticipationGoesToTheNetworksCreator) {
  Notice n;
  n.topic = Topic::kParticipationDecided;
  n.network = Network();
  n.area = AreaCode("lahti");
  const auto r = Recipients(n, Areas());
  ASSERT_EQ(Mailboxes(r), std::vector<std::string>{"user:keha-anna"});
  EXPECT_EQ(r[0].emails, std::vector<std::string>{"verkosto@keha.fi"});
}

TEST(NotificationPolicyTest, TermNoticesGoToMembersAndTheirDirectors) {
  for (Topic topic : {Topic::kTermEnding, Topic::kTermEnded}) {
    Notice n;
    n.topic = topic;
    n.network = Network();
    MembershipInfo a{"m-1", "osaamisverkosto", AreaCode("kainuu"), Nominee("maija"), "", "", {}};
    MembershipInfo b{"m-2", "osaamisverkosto", AreaCode("lahti"), Nominee("pekka"), "", "", {}};
    n.members = {a, b};
    const auto r = Recipients(n, Areas());
    EXPECT_EQ(Mailboxes(r),
              (std::vector<std::string>{"email:maija@kajaani.fi", "email:pekka@kajaani.fi",
                                        "leadership:kainuu", "leadership:lahti"}))
        << TopicName(topic);
    EXPECT_EQ(Find(r, "email:maija@kajaani.fi")->template_name,
              std::string(TopicName(topic)) + "_member");
  }
}

// Rule 3: a member's request to resign goes to their own area's leadership,
// which records it; the member gets a confirmation pointing to their page.
TEST(NotificationPolicyTest, AResignationRequestGoesToTheAreasLeadershipAndConfirmsToTheMember) {
  Notice n;
  n.topic = Topic::kResignationRequested;
  n.network = Network();
  n.area = AreaCode("kainuu");
  n.reason = "Uusi tehtävä";
  n.members = {
      MembershipInfo{"m-1", "osaamisverkosto", AreaCode("kainuu"), Nominee("maija"), "", "", {}}};
  const auto r = Recipients(n, Areas());
  EXPECT_EQ(Mailboxes(r),
            (std::vector<std::string>{"email:maija@kajaani.fi", "leadership:kainuu"}));
  EXPECT_EQ(Find(r, "leadership:kainuu")->template_name, "resignation_requested");
  EXPECT_EQ(Find(r, "email:maija@kajaani.fi")->template_name, "resignation_requested_member");
  const View leader =
      BuildView(n, *Find(r, "leadership:kainuu"), Language::kFi, Areas(), "https://v");
  EXPECT_EQ(leader.values.at("link"), "https://v/director/resignations");
  const View member =
      BuildView(n, *Find(r, "email:maija@kajaani.fi"), Language::kFi, Areas(), "https://v");
  EXPECT_EQ(member.values.at("link"), "https://v/me/memberships");
  EXPECT_EQ(member.values.at("reason"), "Uusi tehtävä");
}

TEST(NotificationPolicyTest, NoMessageToAPersonWithoutAnApprovedNomination) {
  // Nominees in a case that is not approved (e.g. a stale or odd event) are
  // never told, whatever the topic.
  CaseInfo c = Case();
  c.approved = false;
  c.nominees = {Nominee("maija")};
  for (Topic topic :
       {Topic::kRequestSent, Topic::kCaseRegistered, Topic::kCaseApproved, Topic::kCaseDeclined,
        Topic::kCaseWithdrawn, Topic::kCaseOverdue, Topic::kReminderDue}) {
    EXPECT_FALSE(AnyPerson(Recipients(CaseNotice(topic, c), Areas()))) << TopicName(topic);
  }
  for (ReminderStep step : {ReminderStep::kRegistration, ReminderStep::kDecision}) {
    Notice reminder = CaseNotice(Topic::kReminderDue, c);
    reminder.reminder_step = step;
    reminder.escalated = true;
    EXPECT_FALSE(AnyPerson(Recipients(reminder, Areas())));
  }
  Notice proposed;
  proposed.topic = Topic::kNetworkProposed;
  proposed.network = Network();
  EXPECT_FALSE(AnyPerson(Recipients(proposed, Areas())));
}

TEST(NotificationPolicyTest, UnknownAreaStillGetsAnInboxMessage) {
  const auto r = Recipients(CaseNotice(Topic::kRequestSent, Case("nowhere")), Areas());
  ASSERT_EQ(Mailboxes(r), std::vector<std::string>{"registry:nowhere"});
  EXPECT_TRUE(r[0].emails.empty());
}

TEST(NotificationPolicyTest, LanguageIsPreferenceThenPersonThenAreaThenFinnish) {
  const AreaMap areas = Areas();
  Recipient r;
  r.area = AreaCode("pohjanmaa");
  EXPECT_EQ(ResolveLanguage(std::nullopt, r, areas), Language::kSv);
  r.language = Language::kEn;
  EXPECT_EQ(ResolveLanguage(std::nullopt, r, areas), Language::kEn);
  EXPECT_EQ(ResolveLanguage(Language::kFi, r, areas), Language::kFi);
  Recipient keha;
  EXPECT_EQ(ResolveLanguage(std::nullopt, keha, areas), Language::kFi);
}

TEST(NotificationPolicyTest, MailboxesComeFromTheActorOnly) {
  Actor clerk{"clerk-1", "C", Role::kRegistryClerk, AreaCode("kainuu"), "", "Clerk@Kainuu.fi"};
  EXPECT_EQ(MailboxesOf(clerk),
            (std::vector<std::string>{"user:clerk-1", "email:clerk@kainuu.fi", "registry:kainuu"}));
  Actor deputy{"dep", "D", Role::kAreaDeputy, AreaCode("lahti"), "dir", ""};
  EXPECT_EQ(MailboxesOf(deputy), (std::vector<std::string>{"user:dep", "leadership:lahti"}));
  Actor observer{"obs", "O", Role::kObserver, AreaCode("lahti"), "", "obs@x.fi"};
  EXPECT_EQ(MailboxesOf(observer), std::vector<std::string>{"user:obs"});
  Actor system{"sys", "S", Role::kSystem, {}, "", ""};
  EXPECT_TRUE(MailboxesOf(system).empty());
}

TEST(NotificationPolicyTest, ViewCarriesNetworkInTheLanguageAndTheDisclaimer) {
  CaseInfo c = Case("pohjanmaa");
  c.approved = true;
  c.decided_by_name = "Johanna Johtaja";
  c.nominees = {Nominee("maija", Language::kSv)};
  const Notice n = CaseNotice(Topic::kCaseApproved, c);
  const auto r = Recipients(n, Areas());
  const Recipient* maija = Find(r, "email:maija@kajaani.fi");
  ASSERT_NE(maija, nullptr);
  const View v = BuildView(n, *maija, Language::kSv, Areas(), "https://v.fi");
  EXPECT_EQ(v.values.at("network_name"), "Kompetensnätverket");
  EXPECT_EQ(v.values.at("area_name"), "Området pohjanmaa");
  EXPECT_EQ(v.values.at("person_name"), "maija");
  // The nominee cannot open the case: the link leads to their memberships;
  // KEHA's sender gets the case (issue 18, item 4).
  EXPECT_EQ(v.values.at("link"), "https://v.fi/me/memberships");
  const Recipient* sender = Find(r, "user:keha-anna");
  ASSERT_NE(sender, nullptr);
  EXPECT_EQ(BuildView(n, *sender, Language::kFi, Areas(), "https://v.fi").values.at("link"),
            "https://v.fi/cases/c-1");
  EXPECT_EQ(v.values.at("term_end"), "31.12.2026");
  // Rule 6 as the network's events carry it, in the recipient's language.
  EXPECT_EQ(v.values.at("disclaimer"), Network().disclaimer_sv);
  EXPECT_TRUE(v.flags.at("has_disclaimer"));
  EXPECT_EQ(v.lists.at("goals").size(), 2u);
  EXPECT_EQ(FormatDate("2026-04-30", Language::kEn), "30 April 2026");
  EXPECT_EQ(FormatDate("not a date", Language::kFi), "not a date");
}

// A network this service has not heard of yet has no note to show: the
// message leaves the note out rather than showing an empty one.
TEST(NotificationPolicyTest, ViewOfANetworkNotKnownYetHasNoDisclaimer) {
  Notice n = CaseNotice(Topic::kCaseApproved, Case("kainuu"));
  n.network.reset();
  const auto r = Recipients(n, Areas());
  ASSERT_FALSE(r.empty());
  const View v = BuildView(n, r.front(), Language::kFi, Areas(), "");
  EXPECT_EQ(v.values.at("disclaimer"), "");
  EXPECT_FALSE(v.flags.at("has_disclaimer"));
}

// Issue 17: a change of members the area's leadership made (a successor
// named, a recall, a recorded resignation) is told to the member, the area's
// leadership and KEHA (the network's creator); a term end is not told again.
TEST(NotificationPolicyTest, AMembershipEndedByTheLeadershipGoesToMemberAreaAndKeha) {
  for (EndReason why :
       {EndReason::kReplaced, EndReason::kRecalled, EndReason::kResigned, EndReason::kNotRenewed}) {
    Notice n;
    n.topic = Topic::kMembershipEnded;
    n.network = Network();
    n.area = AreaCode("kainuu");
    n.reason = "Tehtävä lakkautettiin";
    n.members = {MembershipInfo{"m-1", "osaamisverkosto", AreaCode("kainuu"), Nominee("maija"),
                                "2026-03-01", "2026-05-31", why}};
    const auto r = Recipients(n, Areas());
    EXPECT_EQ(Mailboxes(r), (std::vector<std::string>{"email:maija@kajaani.fi", "leadership:kainuu",
                                                      "user:keha-anna"}));
    ASSERT_NE(Find(r, "email:maija@kajaani.fi"), nullptr);
    EXPECT_EQ(Find(r, "email:maija@kajaani.fi")->template_name, "membership_ended_member");
    EXPECT_EQ(Find(r, "leadership:kainuu")->template_name, "membership_ended");
    EXPECT_EQ(Find(r, "user:keha-anna")->template_name, "membership_ended");
    EXPECT_EQ(Find(r, "user:keha-anna")->emails, std::vector<std::string>{"verkosto@keha.fi"});
    const View member =
        BuildView(n, *Find(r, "email:maija@kajaani.fi"), Language::kFi, Areas(), "https://v");
    EXPECT_EQ(member.values.at("link"), "https://v/me/memberships");
    EXPECT_EQ(member.values.at("reason"), "Tehtävä lakkautettiin");
    EXPECT_EQ(member.values.at("ended"), "31.5.2026");
    EXPECT_EQ(member.flags.at("ended_recalled"), why == EndReason::kRecalled);
    EXPECT_EQ(member.flags.at("ended_replaced"), why == EndReason::kReplaced);
    EXPECT_EQ(member.flags.at("ended_not_renewed"), why == EndReason::kNotRenewed);
  }
  for (EndReason why : {EndReason::kTermEnded, EndReason::kNetworkClosed}) {
    Notice n;
    n.topic = Topic::kMembershipEnded;
    n.network = Network();
    n.members = {MembershipInfo{"m-1", "osaamisverkosto", AreaCode("kainuu"), Nominee("maija"),
                                "2026-03-01", "2026-05-31", why}};
    EXPECT_TRUE(Recipients(n, Areas()).empty());
  }
}

}  // namespace
}  // namespace verkosto::notifications
