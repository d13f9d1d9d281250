// The built-in templates in all three languages: every template renders,
// nothing is left unrendered, the characters are right, and every message
// carries the disclaimer and its link.
#include "notifications/render/renderer.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/fixtures.h"
#include "notifications/service.h"

namespace verkosto::notifications {
namespace {

using testing::Areas;
using testing::Case;
using testing::CaseNotice;
using testing::Network;
using testing::Nominee;

constexpr Language kLanguages[] = {Language::kFi, Language::kSv, Language::kEn};

// A notice rich enough to fill every field any template uses.
Notice Full(Topic topic) {
  CaseInfo c = Case("kainuu");
  c.approved = true;
  c.diary_number = "KAI/55/2026";
  c.decided_by_name = "Johanna Johtaja";
  c.reason = "Ei resursseja";
  c.nominees = {Nominee("Mäkelä")};
  Notice n = CaseNotice(topic, c);
  n.working_days_left = 7;
  n.days_left = 60;
  n.takes_part = true;
  n.actor_name = "Anna KEHA";
  n.members = {
      MembershipInfo{"m-1", "osaamisverkosto", AreaCode("kainuu"), Nominee("Mäkelä"), "", "", {}}};
  // The communication plan: every audience hears of every event.
  for (PlanAudience audience :
       {PlanAudience::kAllAreasLeadership, PlanAudience::kMemberAreasLeadership,
        PlanAudience::kMemberAreasRegistry, PlanAudience::kMembers, PlanAudience::kKeha,
        PlanAudience::kPublic}) {
    n.network->targets.push_back(
        {audience,
         {PlanEvent::kOpened, PlanEvent::kChanged, PlanEvent::kCancelled, PlanEvent::kClosedEarly,
          PlanEvent::kCommentAdded, PlanEvent::kDeadlineExtended, PlanEvent::kNotesDue,
          PlanEvent::kRenewed}});
  }
  n.network->notes_every_days = 30;
  n.network->responsible_email = "sihteeri@keha.fi";
  n.member_areas = {AreaCode("kainuu")};
  n.network_members = n.members;
  n.changed_fields = {"goals", "term.end_date"};
  n.previous_deadline = "2026-04-15";
  n.due_date = "2026-05-01";
  n.next_term_start = "2027-01-01";
  n.next_term_end = "2028-12-31";
  if (topic == Topic::kMembershipEnded) {
    n.members[0].ended = "2026-05-31";
    n.members[0].end_reason = EndReason::kRecalled;
    n.reason = "Tehtävä lakkautettiin";
  }
  return n;
}

const TemplateSet& Templates() {
  auto set = BuiltInTemplates();
  EXPECT_TRUE(set.ok()) << set.status().ToString();
  return **set;
}

TEST(TemplatesTest, EveryLanguageHasTheSameTemplates) {
  const auto fi = Templates().TemplateNames(Language::kFi);
  EXPECT_EQ(fi.size(), 30u);
  EXPECT_EQ(Templates().TemplateNames(Language::kSv), fi);
  EXPECT_EQ(Templates().TemplateNames(Language::kEn), fi);
}

TEST(TemplatesTest, EveryRecipientOfEveryTopicGetsACompleteMessageInEachLanguage) {
  const Topic topics[] = {
      Topic::kRequestSent,      Topic::kCaseRegistered,     Topic::kCaseApproved,
      Topic::kCaseDeclined,     Topic::kCaseWithdrawn,      Topic::kCaseOverdue,
      Topic::kReminderDue,      Topic::kNetworkProposed,    Topic::kParticipationDecided,
      Topic::kTermEnding,       Topic::kTermEnded,          Topic::kResignationRequested,
      Topic::kMembershipEnded,  Topic::kNetworkOpened,      Topic::kNetworkChanged,
      Topic::kNetworkCancelled, Topic::kNetworkClosedEarly, Topic::kCommentAdded,
      Topic::kDeadlineExtended, Topic::kNotesDue,           Topic::kNetworkRenewed};
  std::vector<Notice> notices;
  for (Topic topic : topics) notices.push_back(Full(topic));
  // The variants whose recipients and templates differ: a reminder per step
  // (registration escalated, decision), an overdue case not registered yet.
  for (ReminderStep step : {ReminderStep::kRegistration, ReminderStep::kDecision}) {
    Notice reminder = Full(Topic::kReminderDue);
    reminder.reminder_step = step;
    reminder.escalated = step == ReminderStep::kRegistration;
    notices.push_back(reminder);
  }
  Notice unregistered = Full(Topic::kCaseOverdue);
  unregistered.case_info->awaiting_registration = true;
  notices.push_back(unregistered);
  std::set<std::string> seen;
  for (const Notice& notice : notices) {
    const Topic topic = notice.topic;
    const auto recipients = Recipients(notice, Areas());
    ASSERT_FALSE(recipients.empty()) << TopicName(topic);
    for (const Recipient& r : recipients) {
      seen.insert(r.template_name);
      for (Language language : kLanguages) {
        const View view = BuildView(notice, r, language, Areas(), "https://verkosto.example.fi");
        auto m = Templates().Render(r.template_name, language, view);
        ASSERT_TRUE(m.ok()) << r.template_name << ": " << m.status().ToString();
        const std::string where = r.template_name + "/" + std::string(LanguageCode(language));
        for (const std::string* part : {&m->subject, &m->text, &m->html}) {
          EXPECT_EQ(part->find("{{"), std::string::npos) << where << "\n" << *part;
          EXPECT_EQ(part->find("}}"), std::string::npos) << where;
          EXPECT_FALSE(part->empty()) << where;
        }
        EXPECT_EQ(m->subject.find('\n'), std::string::npos) << where;
        EXPECT_NE(m->text.find(notice.network->Disclaimer(language)), std::string::npos) << where;
        EXPECT_NE(m->html.find(notice.network->Disclaimer(language)), std::string::npos) << where;
        EXPECT_NE(m->text.find(view.values.at("network_name")), std::string::npos) << where;
        EXPECT_NE(m->text.find("https://verkosto.example.fi/"), std::string::npos) << where;
        EXPECT_NE(m->html.find("<html lang=\"" + std::string(LanguageCode(language)) + "\">"),
                  std::string::npos)
            << where;
      }
    }
  }
  EXPECT_EQ(seen.size(), 30u);
}

// A member a renewal left out hears why, in each language.
TEST(TemplatesTest, AMembershipNotRenewedSaysTheNewTermGoesOnWithoutIt) {
  Notice notice = Full(Topic::kMembershipEnded);
  notice.members[0].end_reason = EndReason::kNotRenewed;
  const auto recipients = Recipients(notice, Areas());
  const Recipient* member = nullptr;
  for (const Recipient& r : recipients) {
    if (r.template_name == "membership_ended_member") member = &r;
  }
  ASSERT_NE(member, nullptr);
  const std::pair<Language, std::string> expected[] = {
      {Language::kFi, "ei jatku verkoston uudella toimikaudella"},
      {Language::kSv, "fortsätter inte under nätverkets nya mandatperiod"},
      {Language::kEn, "does not continue into the network's new term"}};
  for (const auto& [language, text] : expected) {
    const View view = BuildView(notice, *member, language, Areas(), "https://v");
    auto m = Templates().Render(member->template_name, language, view);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    EXPECT_NE(m->text.find(text), std::string::npos) << m->text;
  }
}

TEST(TemplatesTest, EscalationTellsTheDirectorRegistrationIsLate) {
  Notice notice = Full(Topic::kReminderDue);
  notice.working_days_left = 2;
  notice.reminder_step = ReminderStep::kRegistration;
  notice.escalated = true;
  notice.case_info->awaiting_registration = true;
  const Recipient leadership{
      "leadership:kainuu", "registration_escalated", {}, std::nullopt, AreaCode("kainuu")};
  auto fi = Templates().Render("registration_escalated", Language::kFi,
                               BuildView(notice, leadership, Language::kFi, Areas(), ""));
  ASSERT_TRUE(fi.ok()) << fi.status().ToString();
  EXPECT_EQ(fi->subject, "Kirjaaminen myöhässä: nimeämispyyntö verkostoon Osaamisverkosto");
  EXPECT_NE(fi->text.find("Hyvä työllisyysjohtaja"), std::string::npos) << fi->text;
  EXPECT_NE(fi->text.find("määräaikaan on enää 2 työpäivää"), std::string::npos) << fi->text;
  EXPECT_NE(fi->text.find("Huolehdittehan, että kirjaamo kirjaa pyynnön"), std::string::npos);
  auto sv = Templates().Render("registration_escalated", Language::kSv,
                               BuildView(notice, leadership, Language::kSv, Areas(), ""));
  ASSERT_TRUE(sv.ok());
  EXPECT_EQ(sv->subject,
            "Registreringen är försenad: begäran om nominering till Kompetensnätverket");
  EXPECT_NE(sv->text.find("Se till att registratorskontoret registrerar den"), std::string::npos);

  const Recipient registry{
      "registry:kainuu", "reminder_registration", {}, std::nullopt, AreaCode("kainuu")};
  auto reminder = Templates().Render("reminder_registration", Language::kFi,
                                     BuildView(notice, registry, Language::kFi, Areas(), ""));
  ASSERT_TRUE(reminder.ok());
  EXPECT_EQ(reminder->subject,
            "Muistutus: kirjatkaa nimeämispyyntö verkostoon Osaamisverkosto, 2 työpäivää "
            "jäljellä");
}

// Issue 17, item 3: a renewal's confirmation request says so and lists the
// sitting members, to the registry and to the leadership, in fi and sv.
TEST(TemplatesTest, AConfirmationRequestNamesTheNewTermAndTheSittingMembers) {
  Notice notice = Full(Topic::kRequestSent);
  notice.case_info->approved = false;
  notice.case_info->confirmation = true;
  notice.case_info->next_term_start = "2027-01-01";
  notice.case_info->sitting = {"Maija Mäkelä", "Matti Virtanen"};
  const Recipient registry{"registry:kainuu", "request_sent", {}, std::nullopt, AreaCode("kainuu")};
  auto fi = Templates().Render("request_sent", Language::kFi,
                               BuildView(notice, registry, Language::kFi, Areas(), ""));
  ASSERT_TRUE(fi.ok()) << fi.status().ToString();
  EXPECT_NE(fi->text.find("vahvistuspyynnön"), std::string::npos) << fi->text;
  EXPECT_NE(fi->text.find("Maija Mäkelä, Matti Virtanen"), std::string::npos) << fi->text;
  EXPECT_NE(fi->text.find("1.1.2027"), std::string::npos) << fi->text;
  EXPECT_EQ(fi->text.find("pyynnön nimetä edustajat"), std::string::npos) << fi->text;
  auto sv = Templates().Render("request_sent", Language::kSv,
                               BuildView(notice, registry, Language::kSv, Areas(), ""));
  ASSERT_TRUE(sv.ok());
  EXPECT_NE(sv->text.find("begäran om bekräftelse"), std::string::npos) << sv->text;
  Notice registered = Full(Topic::kCaseRegistered);
  registered.case_info->confirmation = true;
  registered.case_info->sitting = {"Maija Mäkelä"};
  const Recipient leadership{
      "leadership:kainuu", "case_registered", {}, std::nullopt, AreaCode("kainuu")};
  auto en = Templates().Render("case_registered", Language::kEn,
                               BuildView(registered, leadership, Language::kEn, Areas(), ""));
  ASSERT_TRUE(en.ok());
  EXPECT_NE(en->text.find("confirmation request for the new term"), std::string::npos) << en->text;
  EXPECT_NE(en->text.find("Sitting members: Maija Mäkelä"), std::string::npos) << en->text;
}

TEST(TemplatesTest, OverdueNoticeToTheAreaSaysWhichStepIsMissing) {
  Notice notice = Full(Topic::kCaseOverdue);
  const Recipient registry{
      "registry:kainuu", "case_overdue_area", {}, std::nullopt, AreaCode("kainuu")};
  notice.case_info->awaiting_registration = true;
  notice.case_info->diary_number.clear();
  auto unregistered = Templates().Render("case_overdue_area", Language::kFi,
                                         BuildView(notice, registry, Language::kFi, Areas(), ""));
  ASSERT_TRUE(unregistered.ok());
  EXPECT_EQ(unregistered->subject, "Määräaika ylittynyt: nimeäminen verkostoon Osaamisverkosto");
  EXPECT_NE(unregistered->text.find("Pyyntöä ei ole vielä kirjattu"), std::string::npos)
      << unregistered->text;
  notice.case_info->awaiting_registration = false;
  notice.case_info->diary_number = "KAI/55/2026";
  auto registered = Templates().Render("case_overdue_area", Language::kEn,
                                       BuildView(notice, registry, Language::kEn, Areas(), ""));
  ASSERT_TRUE(registered.ok());
  EXPECT_NE(registered->text.find("The request is registered (diary number KAI/55/2026)"),
            std::string::npos)
      << registered->text;
}

// About a network this service has not heard of yet there is no rule-6 note
// (it comes with the networks events): its line is left out, not left empty.
TEST(TemplatesTest, MessageWithoutTheNetworksNoteLeavesItsLineOut) {
  Notice notice = Full(Topic::kCaseApproved);
  notice.network.reset();
  const auto recipients = Recipients(notice, Areas());
  ASSERT_FALSE(recipients.empty());
  const Recipient& r = recipients.front();
  auto m = Templates().Render(r.template_name, Language::kFi,
                              BuildView(notice, r, Language::kFi, Areas(), ""));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->text.find("Huom."), std::string::npos) << m->text;
  EXPECT_EQ(m->html.find("color: #444"), std::string::npos) << m->html;
}

TEST(TemplatesTest, NomineeMessageTellsNetworkGoalsTermPlanAndDecider) {
  const Notice notice = Full(Topic::kCaseApproved);
  const auto recipients = Recipients(notice, Areas());
  const Recipient* nominee = nullptr;
  for (const Recipient& r : recipients) {
    if (r.template_name == "case_approved_nominee") nominee = &r;
  }
  ASSERT_NE(nominee, nullptr);
  auto fi = Templates().Render("case_approved_nominee", Language::kFi,
                               BuildView(notice, *nominee, Language::kFi, Areas(), ""));
  ASSERT_TRUE(fi.ok());
  EXPECT_EQ(fi->subject, "Sinut on nimetty verkostoon Osaamisverkosto");
  EXPECT_NE(fi->text.find("Hei Mäkelä,"), std::string::npos) << fi->text;
  EXPECT_NE(fi->text.find("- Jakaa hyviä käytäntöjä\n- Yhtenäistää palveluja"), std::string::npos)
      << fi->text;
  EXPECT_NE(fi->text.find("Toimikausi: 1.3.2026 – 31.12.2026"), std::string::npos) << fi->text;
  EXPECT_NE(fi->text.find("päätti Johanna Johtaja"), std::string::npos) << fi->text;
  EXPECT_NE(fi->text.find("Viestintäsuunnitelma: kohderyhmät työllisyysalueiden johto"),
            std::string::npos)
      << fi->text;
  // Rule 6 as the network's events word it.
  EXPECT_NE(fi->text.find("Huom. " + notice.network->disclaimer_fi), std::string::npos) << fi->text;
  // HTML escapes and keeps the characters.
  EXPECT_NE(fi->html.find("Hei Mäkelä,"), std::string::npos);

  auto sv = Templates().Render("case_approved_nominee", Language::kSv,
                               BuildView(notice, *nominee, Language::kSv, Areas(), ""));
  ASSERT_TRUE(sv.ok());
  EXPECT_EQ(sv->subject, "Du har utsetts till nätverket Kompetensnätverket");
  EXPECT_NE(sv->text.find("Nätverkets mål:"), std::string::npos) << sv->text;
  EXPECT_NE(sv->text.find("Området kainuu"), std::string::npos) << sv->text;
  EXPECT_NE(sv->text.find("sysselsättningsområdet"), std::string::npos);

  auto en = Templates().Render("case_approved_nominee", Language::kEn,
                               BuildView(notice, *nominee, Language::kEn, Areas(), ""));
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->subject, "You have been named to the network Skills network");
  EXPECT_NE(en->text.find("Term: 1 March 2026 – 31 December 2026"), std::string::npos) << en->text;
}

TEST(TemplatesTest, FinnishAndSwedishUseTheirOwnLetters) {
  const Notice notice = Full(Topic::kReminderDue);
  Recipient registry{"registry:kainuu", "reminder_due", {}, std::nullopt, AreaCode("kainuu")};
  auto fi = Templates().Render("reminder_due", Language::kFi,
                               BuildView(notice, registry, Language::kFi, Areas(), ""));
  auto sv = Templates().Render("reminder_due", Language::kSv,
                               BuildView(notice, registry, Language::kSv, Areas(), ""));
  ASSERT_TRUE(fi.ok() && sv.ok());
  EXPECT_EQ(fi->subject, "Muistutus: nimeäminen verkostoon Osaamisverkosto, 7 työpäivää jäljellä");
  EXPECT_NE(fi->text.find("Määräaika: 30.4.2026"), std::string::npos) << fi->text;
  EXPECT_EQ(sv->subject, "Påminnelse: nominering till Kompetensnätverket, 7 arbetsdagar kvar");
  EXPECT_NE(sv->text.find("Det återstår 7 arbetsdagar"), std::string::npos) << sv->text;
  EXPECT_NE(sv->text.find("Sysselsättningsområde: Området kainuu"), std::string::npos);
}

// Issue 18: counts by each language's plural rules (ICU), dates as 3.1.2027.
TEST(TemplatesTest, OneWorkingDayIsSingularAndDatesAreDayMonthYear) {
  Notice notice = Full(Topic::kReminderDue);
  notice.working_days_left = 1;
  notice.case_info->deadline = "2027-01-03";
  Recipient registry{"registry:kainuu", "reminder_due", {}, std::nullopt, AreaCode("kainuu")};
  auto render = [&](Language lang) {
    auto m =
        Templates().Render("reminder_due", lang, BuildView(notice, registry, lang, Areas(), ""));
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return *m;
  };
  const RenderedMessage fi = render(Language::kFi);
  EXPECT_EQ(fi.subject, "Muistutus: nimeäminen verkostoon Osaamisverkosto, 1 työpäivä jäljellä");
  EXPECT_NE(fi.text.find("Määräaika: 3.1.2027"), std::string::npos) << fi.text;
  const RenderedMessage sv = render(Language::kSv);
  EXPECT_EQ(sv.subject, "Påminnelse: nominering till Kompetensnätverket, 1 arbetsdag kvar");
  EXPECT_NE(sv.text.find("Det återstår 1 arbetsdag till"), std::string::npos) << sv.text;
  EXPECT_NE(sv.text.find("3.1.2027"), std::string::npos) << sv.text;
  const RenderedMessage en = render(Language::kEn);
  EXPECT_NE(en.subject.find(", 1 working day left"), std::string::npos) << en.subject;
  EXPECT_NE(en.text.find("1 working day remains until"), std::string::npos) << en.text;
  EXPECT_NE(en.text.find("3 January 2027"), std::string::npos) << en.text;

  // And the plural again at 2; the member's term ends in 1 day.
  notice.working_days_left = 2;
  EXPECT_EQ(render(Language::kSv).subject,
            "Påminnelse: nominering till Kompetensnätverket, 2 arbetsdagar kvar");
  EXPECT_NE(render(Language::kEn).text.find("2 working days remain until"), std::string::npos);
  Notice ending = Full(Topic::kTermEnding);
  ending.days_left = 1;
  for (const Recipient& r : Recipients(ending, Areas())) {
    if (r.template_name != "term_ending") continue;
    auto m = Templates().Render(r.template_name, Language::kSv,
                                BuildView(ending, r, Language::kSv, Areas(), ""));
    ASSERT_TRUE(m.ok());
    EXPECT_NE(m->text.find("går ut om 1 dag,"), std::string::npos) << m->text;
  }
}

TEST(TemplatesTest, HtmlEscapesWhatPeopleTyped) {
  Notice notice = Full(Topic::kCaseDeclined);
  notice.case_info->reason = "<script>alert('x')</script> & more";
  Recipient keha{"user:keha-anna", "case_declined", {}, std::nullopt, AreaCode()};
  auto m = Templates().Render("case_declined", Language::kEn,
                              BuildView(notice, keha, Language::kEn, Areas(), ""));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->html.find("<script>"), std::string::npos);
  EXPECT_NE(m->html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"),
            std::string::npos);
  EXPECT_NE(m->text.find("Reason: <script>alert('x')</script> & more"), std::string::npos);
}

TEST(TemplatesTest, UnknownTemplateIsNotFoundAndBadFilesNameTheLine) {
  auto missing = Templates().Render("no_such", Language::kFi, View{});
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  auto bad = TemplateSet::Parse({{Language::kFi, "@@ a.subject\nok\n@@ a.text\n{{#open}}\n"}},
                                "<p>{{x}}</p>");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "fi:3");
}

}  // namespace
}  // namespace verkosto::notifications
