// The nomination chain as a script or a person drives it: `verkosto up`, then
// each demo person logs in (`verkosto login`) and runs only `verkosto
// networks …` and `verkosto nominations …` commands with their own token,
// their --json output read back with protobuf's JSON mapping. It shows that
// every step of the C6 rules works through the command line against running
// services, with nobody choosing whom they act as: an incomplete network is
// refused naming the missing field; an area's "declines" is respected;
// leadership cannot act before the registry; a clerk of another area cannot
// register; the approval alone creates the memberships, which point to the
// area's diary number; and the operator key cannot do what belongs to people.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>

#include "testing/pdf_tools.h"
#include "up_fixture.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::integration {
namespace {

namespace net = networks::v1;
namespace nom = nominations::v1;

class CliChainTest : public UpFixture {
 protected:
  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = dir_.File(name);
    std::ofstream(path) << text;
    return path;
  }
};

// A definition with everything but the term's end date; its term starts a
// month from today ($START).
constexpr char kDefinitionWithoutEnd[] = R"({
  "code": "cli-testiverkosto",
  "names": {"fi": "Testiverkosto", "sv": "Testnätverket", "en": "Test network"},
  "kind": "NETWORK_KIND_WORKING_GROUP",
  "owner": "KEHA-keskus",
  "responsible": {"name": "Verkoston sihteeri", "email": "sihteeri@keha.example"},
  "goals": ["Yhteinen käsitys nimeämisketjusta"],
  "term": {"start_date": "$START"},
  "communication_plan": {"audiences": ["työllisyysalueiden johto"],
                         "channels": ["muistio kirjaamoihin"],
                         "cadence": "jokaisen kokouksen jälkeen",
                         "responsible": "verkoston sihteeri"},
  "cadence": {"meetings_per_year": 4, "hours_per_meeting_tenths": 20},
  "seats_per_area": {"members": 1, "deputies": 1}
})";

TEST_F(CliChainTest, TheWholeNominationChainRunsThroughTheCommandLine) {
  testing::Process up(Verkosto(), UpArgs(dir_.path()), dir_.File("up.log"));
  int port = 0;
  system_ = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());

  // Every person logs in; from here on nobody names a role, an area or a user.
  const std::string keha = Login("keha.koordinaattori");
  const std::string director_k = Login("kainuu.johtaja");
  const std::string deputy_k = Login("kainuu.varajohtaja");  // acts for kainuu.johtaja
  const std::string director_h = Login("helsinki.johtaja");
  const std::string clerk_k = Login("kainuu.kirjaamo");
  const std::string clerk_h = Login("helsinki.kirjaamo");
  const std::string observer = Login("tarkkailija");
  ASSERT_FALSE(HasFailure());

  // The CLI has no way to act as someone else: the actor options are gone.
  EXPECT_NE(Cli({"networks", "list", "--role", "director"}, observer, false), 0) << output_;
  EXPECT_NE(output_.find("--role"), std::string::npos) << output_;
  // A person's command without a login is refused with a hint.
  EXPECT_EQ(Run({"networks", "list", "--data", dir_.path(), "--token", "vkt_not-a-token"}), 1);
  EXPECT_NE(output_.find("verkosto login"), std::string::npos) << output_;

  // Rule 2: a draft without an end date cannot be proposed; the error names the field.
  // Dates relative to today (as the services see it), never literals.
  const std::string start = testing::DaysFromToday(30);
  std::string without_end = kDefinitionWithoutEnd;
  without_end.replace(without_end.find("$START"), 6, start);
  net::NetworkResponse created;
  CliOk({"networks", "create", "--file", WriteFile("draft.json", without_end)}, keha, &created);
  EXPECT_EQ(created.network().status(), net::NETWORK_STATUS_DRAFT);
  EXPECT_EQ(Cli({"networks", "propose", "cli-testiverkosto"}, keha, false), 1);
  EXPECT_NE(output_.find("invalid_argument"), std::string::npos) << output_;
  EXPECT_NE(output_.find("term.end_date"), std::string::npos) << output_;

  std::string complete = without_end;
  const std::string start_field = R"("start_date": ")" + start + R"(")";
  complete.replace(complete.find(start_field), start_field.size(),
                   start_field + R"(, "end_date": ")" + testing::DaysFromToday(30 + 730) + R"(")");
  net::NetworkResponse updated;
  CliOk({"networks", "update", "--file", WriteFile("complete.json", complete)}, keha, &updated);
  net::NetworkResponse proposed;
  CliOk({"networks", "propose", "cli-testiverkosto"}, keha, &proposed);
  EXPECT_EQ(proposed.network().status(), net::NETWORK_STATUS_PROPOSED);
  net::NetworkResponse opened;
  CliOk({"networks", "open", "cli-testiverkosto"}, keha, &opened);
  EXPECT_EQ(opened.network().status(), net::NETWORK_STATUS_OPEN);
  // Rule 6: what a network says comes with the note, in every language.
  EXPECT_FALSE(opened.network().disclaimer().sv().empty());

  // Rule 5: Helsinki declines; Kainuu-Koillismaa takes part. Only directors decide.
  EXPECT_EQ(Cli({"networks", "participate", "cli-testiverkosto", "--takes-part"}, clerk_k, false),
            1);
  EXPECT_NE(output_.find("permission_denied"), std::string::npos) << output_;
  net::DecideParticipationResponse declined;
  CliOk({"networks", "participate", "cli-testiverkosto", "--declines", "--reason",
         "Alueella on oma verkosto"},
        director_h, &declined);
  net::DecideParticipationResponse takes_part;
  CliOk({"networks", "participate", "cli-testiverkosto", "--takes-part"}, director_k, &takes_part);
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("nominations", "networks"));

  // A request to an area that declined is refused, naming the area.
  const std::vector<std::string> send = {"nominations", "send",
                                         "--network",   "cli-testiverkosto",
                                         "--members",   "1",
                                         "--deputies",  "1",
                                         "--deadline",  testing::DaysFromToday(60),
                                         "--message",   "Pyydämme nimeämään"};
  std::vector<std::string> to_declined = send;
  to_declined.insert(to_declined.end(), {"--to", "helsinki", "--to", "kainuu-koillismaa"});
  EXPECT_EQ(Cli(to_declined, keha, false), 1);
  EXPECT_NE(output_.find("helsinki"), std::string::npos) << output_;
  EXPECT_NE(output_.find("failed_precondition"), std::string::npos) << output_;

  std::vector<std::string> to_two = send;
  to_two.insert(to_two.end(), {"--to", "kainuu-koillismaa", "--to", "pohjanmaa", "--keha-diary",
                               "KEHA/7/2026", "--ask-woman-and-man"});
  nom::SendRequestResponse sent;
  CliOk(to_two, keha, &sent);
  ASSERT_EQ(sent.cases_size(), 2);
  std::string case_id;
  for (const nom::Case& c : sent.cases()) {
    EXPECT_EQ(c.state(), nom::CASE_STATE_AWAITING_REGISTRATION);
    EXPECT_TRUE(c.ask_woman_and_man());  // issue 19: Equality Act 4 a §
    if (c.area_code() == "kainuu-koillismaa") case_id = c.case_id();
  }
  ASSERT_FALSE(case_id.empty());

  // Rule 4: the registry first. The director cannot decide yet; the registry
  // inbox shows the case; a clerk of another area cannot register it.
  EXPECT_EQ(
      Cli({"nominations", "approve", "--case", case_id, "--nominee",
           "Anna Esimerkki|Kehittämispäällikkö|anna.esimerkki@kajaani.example|Kajaani|member"},
          director_k, false),
      1);
  EXPECT_NE(output_.find("registered"), std::string::npos) << output_;
  nom::CaseListResponse inbox;
  CliOk({"nominations", "inbox"}, clerk_k, &inbox);
  ASSERT_EQ(inbox.cases_size(), 1);
  EXPECT_EQ(inbox.cases(0).case_id(), case_id);
  EXPECT_EQ(
      Cli({"nominations", "register", "--case", case_id, "--diary", "1/2026", "--date-received",
           testing::DaysFromToday(0), "--organisation", "Helsingin kaupunki"},
          clerk_h, false),
      1);
  EXPECT_NE(output_.find("permission_denied"), std::string::npos) << output_;
  nom::CaseResponse registered;
  CliOk({"nominations", "register", "--case", case_id, "--diary", "843/14.07.00/2026",
         "--date-received", testing::DaysFromToday(0), "--organisation", "Kajaanin kaupunki"},
        clerk_k, &registered);
  EXPECT_EQ(registered.case_().state(), nom::CASE_STATE_REGISTERED);
  nom::CaseListResponse journal;
  CliOk({"nominations", "journal", "--search", "14.07"}, clerk_k, &journal);
  ASSERT_EQ(journal.cases_size(), 1);

  // The machine's operator holds the operator key, not a director's login:
  // over the socket it can neither approve as itself nor claim a director.
  {
    nom::ApproveCaseRequest approve;
    approve.set_case_id(case_id);
    nom::Nominee* nominee = approve.add_nominees();
    nominee->set_name("Olli Operaattori");
    nominee->set_title("Ylläpitäjä");
    nominee->set_email("olli@example.fi");
    nominee->set_seat(nom::SEAT_KIND_MEMBER);
    messaging::ClientOptions options;
    options.endpoint = system_.services.at("nominations").rpc_endpoint;
    options.curve = verkosto::testing::CurveFor(system_, "nominations", TestActor());
    messaging::RpcClient as_operator(zmq_, options);
    auto own = as_operator.Call<nom::CaseResponse>(TestActor(), approve);
    EXPECT_EQ(own.status().code(), ErrorCode::kPermissionDenied) << own.status().ToString();
    const Actor forged{"kainuu.johtaja",
                       "Juho Johtaja",
                       Role::kAreaDirector,
                       AreaCode("kainuu-koillismaa"),
                       "",
                       ""};
    auto claimed = as_operator.Call<nom::CaseResponse>(forged, approve);
    EXPECT_EQ(claimed.status().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(claimed.status().field(), "actor");
    nom::CaseResponse unchanged;
    CliOk({"nominations", "case", "--case", case_id}, observer, &unchanged);
    EXPECT_EQ(unchanged.case_().state(), nom::CASE_STATE_REGISTERED);
  }

  // Rule 3: the leadership decides — here the deputy for the director, both recorded.
  nom::CaseListResponse to_decide;
  CliOk({"nominations", "director-inbox"}, director_k, &to_decide);
  ASSERT_EQ(to_decide.cases_size(), 1);
  // Issue 19: a gender the Act does not count is refused before anything is sent.
  EXPECT_EQ(Cli({"nominations", "approve", "--case", case_id, "--nominee",
                 "Anna Esimerkki|Kehittämispäällikkö|anna.esimerkki@kajaani.example|Kajaani|"
                 "member||other"},
                deputy_k, false),
            1);
  EXPECT_NE(output_.find("nominee.gender"), std::string::npos) << output_;
  nom::CaseResponse approved;
  CliOk({"nominations", "approve", "--case", case_id, "--nominee",
         "Anna Esimerkki|Kehittämispäällikkö|anna.esimerkki@kajaani.example|Kajaani|member||woman",
         "--nominee", "Bertil Prov|Asiantuntija|bertil.prov@kuhmo.example|Kuhmo|deputy|sv"},
        deputy_k, &approved);
  EXPECT_EQ(approved.case_().decision().nominees(0).gender(), nom::GENDER_WOMAN);
  EXPECT_EQ(approved.case_().decision().nominees(1).gender(), nom::GENDER_UNSPECIFIED);
  nom::GenderBalanceResponse balance;
  CliOk({"nominations", "gender-balance", "--network", "cli-testiverkosto"}, keha, &balance);
  EXPECT_EQ(balance.members().women(), 1U);
  EXPECT_EQ(balance.deputies().not_stated(), 1U);
  EXPECT_EQ(balance.verdict(), nom::BALANCE_VERDICT_MEETS);
  EXPECT_EQ(
      Cli({"nominations", "gender-balance", "--network", "cli-testiverkosto"}, clerk_k, false), 1);
  EXPECT_NE(output_.find("permission_denied"), std::string::npos) << output_;
  EXPECT_EQ(approved.case_().state(), nom::CASE_STATE_APPROVED);
  EXPECT_EQ(approved.case_().decision().decided().user_id(), "kainuu.varajohtaja");
  EXPECT_EQ(approved.case_().decision().decided().on_behalf_of(), "kainuu.johtaja");
  ASSERT_EQ(approved.memberships_started_size(), 2);

  // Issue 18: the case's history, in order, with both diary numbers and on
  // whose behalf the deputy decided; as text, one act a line.
  nom::ListCaseHistoryResponse history;
  CliOk({"nominations", "history", case_id}, director_k, &history);
  ASSERT_EQ(history.acts_size(), 3);
  EXPECT_EQ(history.acts(0).kind(), "sent");
  EXPECT_EQ(history.acts(0).keha_diary_number(), "KEHA/7/2026");
  EXPECT_EQ(history.acts(1).kind(), "registered");
  EXPECT_EQ(history.acts(1).diary_number(), "843/14.07.00/2026");
  EXPECT_EQ(history.acts(2).kind(), "approved");
  EXPECT_EQ(history.acts(2).by().on_behalf_of(), "kainuu.johtaja");
  EXPECT_EQ(history.acts(2).by().on_behalf_of_name(), "Juho Johtaja");
  ASSERT_EQ(Cli({"nominations", "history", case_id}, director_k, /*json=*/false), 0);
  EXPECT_NE(output_.find("keha-diary KEHA/7/2026"), std::string::npos) << output_;
  EXPECT_NE(output_.find("on behalf of Juho Johtaja"), std::string::npos) << output_;

  // Issue 19: the case's letters, and the decision saved as a PDF file.
  nom::ListCaseLettersResponse letters;
  CliOk({"nominations", "letters", case_id}, director_k, &letters);
  ASSERT_EQ(letters.letters_size(), 3);
  EXPECT_EQ(letters.letters(2).kind(), nom::LETTER_KIND_DECISION);
  const std::string pdf_path = dir_.File("decision.pdf");
  ASSERT_EQ(Cli({"nominations", "letter", case_id, "decision", "--out", pdf_path}, director_k,
                /*json=*/false),
            0)
      << output_;
  EXPECT_NE(output_.find(letters.letters(2).sha256()), std::string::npos) << output_;
  const std::string decision_text =
      verkosto::testing::RunCommand("pdftotext '" + pdf_path + "' - 2>&1");
  EXPECT_NE(decision_text.find("Anna Esimerkki"), std::string::npos) << decision_text;
  EXPECT_NE(decision_text.find("843/14.07.00/2026"), std::string::npos) << decision_text;
  EXPECT_EQ(Cli({"nominations", "letter", case_id, "decision", "--language", "sv", "--out",
                 dir_.File("sv.pdf")},
                director_k, false),
            1)
      << "Kainuu writes in Finnish only";

  // A case is decided once.
  EXPECT_EQ(Cli({"nominations", "decline", "--case", case_id, "--reason", "toinen kerta"},
                director_k, false),
            1);
  EXPECT_NE(output_.find("failed_precondition"), std::string::npos) << output_;

  // Rule 1: the approval's memberships — and no others — point to the area's diary number.
  // (KEHA reads them whole; an observer would see no contact data: docs/authorization.md.)
  nom::ListMembershipsResponse members;
  CliOk({"nominations", "memberships", "--network", "cli-testiverkosto"}, keha, &members);
  ASSERT_EQ(members.memberships_size(), 2);
  for (const nom::Membership& m : members.memberships()) {
    EXPECT_EQ(m.case_id(), case_id);
    EXPECT_EQ(m.diary_number(), "843/14.07.00/2026");
    EXPECT_EQ(m.area_code(), "kainuu-koillismaa");
    // The nominee's own language travels with the membership (for notifications).
    EXPECT_EQ(m.person().language(), m.person().name() == "Bertil Prov"
                                         ? common::v1::LANGUAGE_SV
                                         : common::v1::LANGUAGE_UNSPECIFIED)
        << m.person().name();
  }
  nom::ListMembershipsResponse seen_by_observer;
  CliOk({"nominations", "memberships", "--network", "cli-testiverkosto"}, observer,
        &seen_by_observer);
  ASSERT_EQ(seen_by_observer.memberships_size(), 2);
  for (const nom::Membership& m : seen_by_observer.memberships()) {
    EXPECT_FALSE(m.person().name().empty());
    EXPECT_TRUE(m.person().email().empty()) << m.person().email();
  }

  // KEHA's matrix: one row per area, the approved case and its two nominees.
  nom::NetworkMatrixResponse matrix;
  CliOk({"nominations", "matrix", "--network", "cli-testiverkosto"}, observer, &matrix);
  ASSERT_EQ(matrix.rows_size(), 45);
  for (const nom::MatrixRow& row : matrix.rows()) {
    if (row.area_code() == "kainuu-koillismaa") {
      EXPECT_EQ(row.latest_case().state(), nom::CASE_STATE_APPROVED);
      EXPECT_EQ(row.active_memberships_size(), 2);
    } else if (row.area_code() == "pohjanmaa") {
      EXPECT_EQ(row.latest_case().state(), nom::CASE_STATE_AWAITING_REGISTRATION);
    } else {
      EXPECT_EQ(row.active_memberships_size(), 0) << row.area_code();
    }
  }

  // KEHA withdraws the undecided case of Pohjanmaa; closing the network ends the memberships.
  std::string pohjanmaa_case;
  for (const nom::Case& c : sent.cases()) {
    if (c.area_code() == "pohjanmaa") pohjanmaa_case = c.case_id();
  }
  // Issue 17: the area's leadership replaces its member by naming a successor
  // and recalls the successor; KEHA's record of a paper answer names a wrong field.
  nom::CaseResponse replaced;
  CliOk({"nominations", "replace", "--membership", approved.memberships_started(0).membership_id(),
         "--diary", "KAI/900/2026", "--reason", "Siirtyi muihin tehtäviin", "--successor",
         "Cecilia Exempel|Asiantuntija|cecilia.exempel@kajaani.example|Kajaani|member"},
        director_k, &replaced);
  EXPECT_TRUE(replaced.case_().started_by_area());
  ASSERT_EQ(replaced.memberships_started_size(), 1);
  nom::MembershipResponse recalled;
  CliOk({"nominations", "recall", "--membership", replaced.memberships_started(0).membership_id(),
         "--reason", "Tehtävä lakkautettiin"},
        director_k, &recalled);
  EXPECT_EQ(recalled.membership().end_reason(), nom::END_REASON_RECALLED);
  EXPECT_EQ(Cli({"nominations", "paper-answer", "--case", pohjanmaa_case, "--channel", "letter",
                 "--diary", "POH/1/2026", "--decision-date", "2999-01-01", "--decided-by",
                 "Johtaja", "--nominee", "Eino E|Asiantuntija|eino@vaasa.example|Vaasa|member"},
                keha, false),
            1);
  EXPECT_NE(output_.find("decision_date"), std::string::npos) << output_;

  // A deadline moved to a Saturday is accepted, with a warning line that
  // names the next working day (Act 150/1930) in the text output.
  Date saturday = AddDays(testing::Today(), 70);
  while (std::chrono::weekday(std::chrono::sys_days(saturday)) != std::chrono::Saturday) {
    saturday = AddDays(saturday, 1);
  }
  ASSERT_EQ(Cli({"nominations", "extend", "--case", pohjanmaa_case, "--deadline",
                 FormatIsoDate(saturday)},
                keha, false),
            0)
      << output_;
  // "(a weekend)", or the holiday's name for a Saturday that is one too.
  const std::string warning =
      "warning: the deadline " + FormatIsoDate(saturday) + " is not a working day (";
  ASSERT_NE(output_.find(warning), std::string::npos) << output_;
  const std::string then = "; the next working day is ";
  const size_t at = output_.find(then, output_.find(warning));
  ASSERT_NE(at, std::string::npos) << output_;
  const std::string next = output_.substr(at + then.size(), 10);
  const std::optional<Date> next_day = ParseIsoDate(next);
  ASSERT_TRUE(next_day.has_value()) << output_;
  EXPECT_GE(DaysBetween(saturday, *next_day), 2) << output_;  // Monday or later

  // Issue 17, item 3: KEHA renews the network for a new term and asks for
  // confirmations; Kainuu's registry registers the request and its director
  // answers every sitting member (an unanswered one is named).
  std::string next_term = complete;
  const std::string term_fields =
      start_field + R"(, "end_date": ")" + testing::DaysFromToday(30 + 730) + R"(")";
  next_term.replace(next_term.find(term_fields), term_fields.size(),
                    R"("start_date": ")" + testing::DaysFromToday(30 + 731) +
                        R"(", "end_date": ")" + testing::DaysFromToday(30 + 1460) + R"(")");
  net::NetworkResponse renewed;
  CliOk({"networks", "renew", "--file", WriteFile("next-term.json", next_term), "--reason",
         "Toimikausi jatkuu"},
        keha, &renewed);
  EXPECT_EQ(renewed.network().next_term().term().start_date(), testing::DaysFromToday(30 + 731));
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("nominations", "networks"));
  nom::SendRequestResponse confirmations;
  CliOk({"nominations", "send-confirmations", "--network", "cli-testiverkosto", "--deadline",
         testing::DaysFromToday(20)},
        keha, &confirmations);
  std::string kainuu_confirmation;
  std::vector<std::string> sitting;
  for (const nom::Case& c : confirmations.cases()) {
    EXPECT_EQ(c.kind(), nom::CASE_KIND_CONFIRMATION);
    if (c.area_code() != "kainuu-koillismaa") continue;
    kainuu_confirmation = c.case_id();
    for (const nom::SittingMember& m : c.sitting()) sitting.push_back(m.membership_id());
  }
  ASSERT_FALSE(kainuu_confirmation.empty());
  ASSERT_FALSE(sitting.empty());
  nom::CaseResponse confirmation_registered;
  CliOk({"nominations", "register", "--case", kainuu_confirmation, "--diary", "KAI/901/2026",
         "--date-received", testing::DaysFromToday(0), "--organisation", "Kajaanin kaupunki"},
        clerk_k, &confirmation_registered);
  EXPECT_EQ(
      Cli({"nominations", "decide-confirmation", "--case", kainuu_confirmation}, director_k, false),
      1);
  EXPECT_NE(output_.find("answers[" + sitting.front() + "]"), std::string::npos) << output_;
  std::vector<std::string> decide = {"nominations", "decide-confirmation", "--case",
                                     kainuu_confirmation};
  for (const std::string& id : sitting) {
    decide.emplace_back("--confirm");
    decide.push_back(id);
  }
  nom::CaseResponse confirmed;
  CliOk(decide, director_k, &confirmed);
  EXPECT_EQ(confirmed.case_().state(), nom::CASE_STATE_APPROVED);
  EXPECT_EQ(confirmed.case_().decision().answers_size(), static_cast<int>(sitting.size()));

  nom::CaseResponse withdrawn;
  CliOk({"nominations", "withdraw", "--case", pohjanmaa_case, "--reason", "Lähetetty erehdyksessä"},
        keha, &withdrawn);
  EXPECT_EQ(withdrawn.case_().state(), nom::CASE_STATE_WITHDRAWN);
  net::NetworkResponse closed;
  CliOk({"networks", "close", "cli-testiverkosto", "--reason", "Tehtävä tehty"}, keha, &closed);
  EXPECT_EQ(closed.network().status(), net::NETWORK_STATUS_CLOSED);
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("nominations", "networks"));
  nom::ListMembershipsResponse after_close;
  CliOk({"nominations", "memberships", "--network", "cli-testiverkosto", "--include-ended"},
        observer, &after_close);
  ASSERT_EQ(after_close.memberships_size(), 3);  // Anna, Bertil, and Cecilia who succeeded Anna
  for (const nom::Membership& m : after_close.memberships()) {
    EXPECT_FALSE(m.ended().empty()) << m.membership_id();
  }

  up.Signal(SIGTERM);
  EXPECT_TRUE(ExitedWith(up.Wait(milliseconds(15000)), 0));
}

}  // namespace
}  // namespace verkosto::integration
