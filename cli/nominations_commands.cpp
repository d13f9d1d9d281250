#include "nominations_commands.h"

#include <cstdio>
#include <ctime>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "field_options.h"
#include "gateway/records/records_export_format.h"
#include "gateway/web/national_view_csv.h"
#include "messaging/envelope.h"
#include "messaging/proto_enum.h"
#include "records_export_command.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::cli {

namespace {

namespace pb = ::verkosto::nominations::v1;

const char* StateName(pb::CaseState state) {
  switch (state) {
    case pb::CASE_STATE_AWAITING_REGISTRATION:
      return "awaiting_registration";
    case pb::CASE_STATE_REGISTERED:
      return "registered";
    case pb::CASE_STATE_APPROVED:
      return "approved";
    case pb::CASE_STATE_DECLINED:
      return "declined";
    case pb::CASE_STATE_WITHDRAWN:
      return "withdrawn";
    default:
      return "unspecified";
  }
}

// " (from a letter)" for a decision KEHA recorded from paper, " (by the
// area)" for a replacement the area's leadership started itself; else "".
std::string Origin(const pb::Case& c) {
  std::string out;
  if (c.has_decision() && c.decision().channel() != pb::CHANNEL_UNSPECIFIED &&
      c.decision().channel() != pb::CHANNEL_SYSTEM) {
    out += " (from " + messaging::EnumShortName(c.decision().channel()) + ")";
  }
  if (c.started_by_area()) out += " (by the area)";
  return out;
}

void PrintCase(const pb::Case& c) {
  std::printf("%s\t%s\t%s\t%s%s\tdeadline %s%s%s%s%s\n", c.case_id().c_str(),
              c.network_code().c_str(), c.area_code().c_str(), StateName(c.state()),
              Origin(c).c_str(), c.deadline().empty() ? "-" : c.deadline().c_str(),
              c.short_deadline() ? " (short)" : "", c.overdue() ? " OVERDUE" : "",
              c.has_registration() ? "\tdiary " : "",
              c.has_registration() ? c.registration().diary_number().c_str() : "");
}

void PrintMembership(const pb::Membership& m) {
  std::printf("%s\t%s\t%s\t%s <%s>\t%s\tcase %s (diary %s)\tfrom %s%s%s\n",
              m.membership_id().c_str(), m.network_code().c_str(), m.area_code().c_str(),
              m.person().name().c_str(), m.person().email().c_str(),
              m.person().seat() == pb::SEAT_KIND_DEPUTY ? "deputy" : "member", m.case_id().c_str(),
              m.diary_number().c_str(), m.started().c_str(),
              m.ended().empty() ? "" : (" to " + m.ended()).c_str(),
              m.end_reason() == pb::END_REASON_UNSPECIFIED
                  ? ""
                  : (" (" + messaging::EnumShortName(m.end_reason()) + ")").c_str());
}

// The reply's warning that the deadline is not a working day (Act 150/1930),
// with the next working day; nothing when there is none.
void PrintDeadlineWarning(const pb::DeadlineWarning& w) {
  if (w.deadline().empty()) return;
  const std::string why = !w.holiday().empty() ? w.holiday()
                          : w.weekend()        ? "a weekend"
                                               : "a day off";
  std::printf("warning: the deadline %s is not a working day (%s); the next working day is %s\n",
              w.deadline().c_str(), why.c_str(), w.next_working_day().c_str());
}

// Calls nominations with `request` and prints the reply with `print` (or JSON).
template <typename Resp, typename Print>
int Run(CliContext& ctx, const google::protobuf::Message& request, Print print) {
  return CallAndPrint<Resp>(ctx, "nominations", request, print);
}

int RunCase(CliContext& ctx, const google::protobuf::Message& request) {
  return Run<pb::CaseResponse>(ctx, request, [](const pb::CaseResponse& r) {
    PrintCase(r.case_());
    for (const pb::Membership& m : r.memberships_started()) PrintMembership(m);
    PrintDeadlineWarning(r.deadline_warning());
    for (const pb::LoadWarning& w : r.load_warnings()) {
      std::printf("warning: %s now sits in %u current networks (warning at %u)\n", w.name().c_str(),
                  w.networks(), w.threshold());
    }
  });
}

int RunCaseList(CliContext& ctx, const google::protobuf::Message& request) {
  return Run<pb::CaseListResponse>(ctx, request, [](const pb::CaseListResponse& r) {
    for (const pb::Case& c : r.cases()) PrintCase(c);
    if (r.cases_size() == 0) std::printf("no cases\n");
  });
}

// "name|title|email|municipality|member-or-deputy[|language[|gender]]": the
// language fi, sv, en or empty (the area's); the gender (issue 19, Equality
// Act 4 a §) woman, man, or not-stated / empty.
Result<pb::Nominee> ParseNominee(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, '|');) parts.push_back(part);
  if (parts.size() < 5 || parts.size() > 7 || (parts[4] != "member" && parts[4] != "deputy")) {
    return Status::InvalidArgument("nominee",
                                   "expected name|title|email|municipality|member-or-deputy"
                                   "[|fi-sv-or-en[|woman-man-or-not-stated]]");
  }
  pb::Nominee n;
  n.set_name(parts[0]);
  n.set_title(parts[1]);
  n.set_email(parts[2]);
  n.set_municipality(parts[3]);
  n.set_seat(parts[4] == "deputy" ? pb::SEAT_KIND_DEPUTY : pb::SEAT_KIND_MEMBER);
  if (parts.size() >= 6) {
    VERKOSTO_ASSIGN_OR_RETURN(common::v1::Language language,
                              messaging::ParseProtoLanguage(parts[5], "nominee.language"));
    n.set_language(language);
  }
  if (parts.size() == 7) {
    if (parts[6] == "woman") {
      n.set_gender(pb::GENDER_WOMAN);
    } else if (parts[6] == "man") {
      n.set_gender(pb::GENDER_MAN);
    } else if (!parts[6].empty() && parts[6] != "not-stated") {
      return Status::InvalidArgument("nominee.gender", "must be woman, man or not-stated, not '" +
                                                           parts[6].substr(0, 40) + "'");
    }
  }
  return n;
}

pb::Channel ParseChannel(const std::string& text) {
  if (text == "email") return pb::CHANNEL_EMAIL;
  if (text == "letter") return pb::CHANNEL_LETTER;
  if (text == "other") return pb::CHANNEL_OTHER;
  return pb::CHANNEL_UNSPECIFIED;  // the service names the field
}

void AddKehaCommands(CLI::App* nom, CliContext& ctx) {
  {
    auto req = std::make_shared<pb::SendRequestRequest>();
    auto* cmd = nom->add_subcommand("send", "KEHA: send a nomination request to areas");
    AddFieldOptions(
        cmd, req,
        {{"--network", "network_code", true},
         {"--to", "area_codes", false, "Area codes (repeat); none = every area not declining"},
         {"--members", "seats.members", false, "Members asked per area"},
         {"--deputies", "seats.deputies", false, "Deputies asked per area"},
         {"--deadline", "deadline", true, "YYYY-MM-DD"},
         {"--message", "covering_message", true, "Covering message"},
         {"--keha-diary", "keha_diary_number", false, "KEHA's own diary number (optional)"},
         {"--ask-woman-and-man", "ask_woman_and_man", false,
          "Ask each area to propose a woman and a man for each seat (Equality Act 4 a §)"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return Run<pb::SendRequestResponse>(ctx, *req, [](const pb::SendRequestResponse& r) {
        std::printf("request %s: %d cases%s\n", r.request_id().c_str(), r.cases_size(),
                    r.short_deadline() ? " (short deadline: under 10 working days)" : "");
        for (const pb::Case& c : r.cases()) PrintCase(c);
        PrintDeadlineWarning(r.deadline_warning());
      });
    });
  }
  {
    auto req = std::make_shared<pb::RequestReplacementRequest>();
    auto* cmd = nom->add_subcommand("request-replacement",
                                    "KEHA: ask a membership's area to name a successor");
    AddFieldOptions(cmd, req,
                    {{"--membership", "membership_id", true},
                     {"--deadline", "deadline", true},
                     {"--message", "covering_message", true},
                     {"--keha-diary", "keha_diary_number"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunCase(ctx, *req); });
  }
  {
    auto req = std::make_shared<pb::WithdrawCaseRequest>();
    auto* cmd = nom->add_subcommand("withdraw", "KEHA: withdraw an undecided case");
    AddFieldOptions(cmd, req, {{"--case", "case_id", true}, {"--reason", "reason", true}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunCase(ctx, *req); });
  }
  {
    auto req = std::make_shared<pb::ExtendDeadlineRequest>();
    auto* cmd = nom->add_subcommand("extend", "KEHA: move an undecided case's deadline later");
    AddFieldOptions(cmd, req, {{"--case", "case_id", true}, {"--deadline", "deadline", true}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunCase(ctx, *req); });
  }
  {
    auto req = std::make_shared<pb::SendConfirmationRequestsRequest>();
    auto* cmd = nom->add_subcommand(
        "send-confirmations",
        "KEHA: ask each area with sitting members to confirm them for the renewed term");
    AddFieldOptions(cmd, req,
                    {{"--network", "network_code", true},
                     {"--deadline", "deadline", true, "YYYY-MM-DD, within the current term"},
                     {"--message", "covering_message", false, "Covering message (optional)"},
                     {"--keha-diary", "keha_diary_number", false, "KEHA's own diary number"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return Run<pb::SendRequestResponse>(ctx, *req, [](const pb::SendRequestResponse& r) {
        std::printf("confirmation request %s: %d cases\n", r.request_id().c_str(), r.cases_size());
        for (const pb::Case& c : r.cases()) PrintCase(c);
      });
    });
  }
}

void AddRegistryCommands(CLI::App* nom, CliContext& ctx) {
  {
    auto req = std::make_shared<pb::RegisterCaseRequest>();
    auto* cmd = nom->add_subcommand("register", "Registry clerk: register a case of your area");
    AddFieldOptions(cmd, req,
                    {{"--case", "case_id", true},
                     {"--diary", "diary_number", true, "The area's diary number (opaque)"},
                     {"--date-received", "date_received", true},
                     {"--organisation", "organisation", true,
                      "Whose case-management system issued the number"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunCase(ctx, *req); });
  }
  {
    auto req = std::make_shared<pb::LogIncomingRequestRequest>();
    auto channel = std::make_shared<std::string>("email");
    auto* cmd = nom->add_subcommand(
        "log", "Registry clerk: log a request that came by e-mail or letter, as a registered case");
    AddFieldOptions(
        cmd, req,
        {{"--network", "network_code", true},
         {"--for-area", "area_code", true, "The area the request was addressed to (your own)"}});
    // Short names (email, letter, other) rather than the enum's, as people write them.
    cmd->add_option("--channel", *channel, "email, letter or other")->capture_default_str();
    AddFieldOptions(cmd, req,
                    {{"--sender", "sender", true},
                     {"--subject", "subject", true},
                     {"--date-received", "date_received", true},
                     {"--diary", "diary_number", true},
                     {"--organisation", "organisation", true},
                     {"--members", "seats.members", false, "Members asked"},
                     {"--deputies", "seats.deputies", false, "Deputies asked"},
                     {"--deadline", "deadline", false, "If the letter named one"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, channel] {
      req->set_channel(ParseChannel(*channel));
      return RunCase(ctx, *req);
    });
  }
  {
    auto* cmd = nom->add_subcommand("inbox", "Registry clerk: cases awaiting registration");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx] { return RunCaseList(ctx, pb::RegistryInboxRequest()); });
  }
  {
    auto req = std::make_shared<pb::RegistryJournalRequest>();
    auto* cmd = nom->add_subcommand("journal", "Registry clerk: registered cases, searchable");
    AddFieldOptions(
        cmd, req,
        {{"--search", "search", false, "Matches diary number, network, subject or sender"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunCaseList(ctx, *req); });
  }
}

void AddLeadershipCommands(CLI::App* nom, CliContext& ctx) {
  {
    auto req = std::make_shared<pb::ApproveCaseRequest>();
    auto nominees = std::make_shared<std::vector<std::string>>();
    auto* cmd = nom->add_subcommand("approve", "Director or deputy: approve by naming nominees");
    AddFieldOptions(cmd, req, {{"--case", "case_id", true}});
    cmd->add_option(
           "--nominee", *nominees,
           "name|title|email|municipality|member-or-deputy[|fi-sv-or-en[|woman-man-or-not-stated]] "
           "(repeat)")
        ->required();
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, nominees] {
      for (const std::string& text : *nominees) {
        Result<pb::Nominee> n = ParseNominee(text);
        if (!n.ok()) return CliContext::Fail(n.status());
        *req->add_nominees() = *n;
      }
      return RunCase(ctx, *req);
    });
  }
  {
    auto req = std::make_shared<pb::DeclineCaseRequest>();
    auto* cmd = nom->add_subcommand("decline", "Director or deputy: decline with a reason");
    AddFieldOptions(cmd, req, {{"--case", "case_id", true}, {"--reason", "reason", true}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunCase(ctx, *req); });
  }
  {
    auto req = std::make_shared<pb::RecordResignationRequest>();
    auto* cmd = nom->add_subcommand("resign", "Director or deputy: record a member's resignation");
    AddFieldOptions(cmd, req,
                    {{"--membership", "membership_id", true},
                     {"--date", "date", true, "The last day"},
                     {"--reason", "reason"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return Run<pb::MembershipResponse>(
          ctx, *req, [](const pb::MembershipResponse& r) { PrintMembership(r.membership()); });
    });
  }
  {
    auto* cmd =
        nom->add_subcommand("director-inbox", "Director or deputy: registered, undecided cases");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx] { return RunCaseList(ctx, pb::DirectorInboxRequest()); });
  }
  {
    struct Args {
      std::vector<std::string> confirm;
      std::vector<std::string> replace;
      std::vector<std::string> end;
    };
    auto req = std::make_shared<pb::DecideConfirmationRequest>();
    auto args = std::make_shared<Args>();
    auto* cmd = nom->add_subcommand(
        "decide-confirmation",
        "Director or deputy: confirm, replace or end each sitting member of a confirmation case");
    AddFieldOptions(cmd, req, {{"--case", "case_id", true}});
    cmd->add_option("--confirm", args->confirm, "MEMBERSHIP continues into the new term (repeat)");
    cmd->add_option("--replace", args->replace,
                    "MEMBERSHIP=name|title|email|municipality|member-or-deputy[|fi-sv-or-en]: "
                    "the successor starts the new term (repeat)");
    cmd->add_option("--end", args->end, "MEMBERSHIP=reason: ends with the old term (repeat)");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, args] {
      for (const std::string& id : args->confirm) {
        pb::ConfirmationAnswer* a = req->add_answers();
        a->set_membership_id(id);
        a->set_choice(pb::CONFIRMATION_CHOICE_CONFIRM);
      }
      for (const std::string& text : args->replace) {
        const size_t eq = text.find('=');
        if (eq == std::string::npos) {
          return CliContext::Fail(
              Status::InvalidArgument("--replace", "write MEMBERSHIP=name|title|email|..."));
        }
        Result<pb::Nominee> successor = ParseNominee(text.substr(eq + 1));
        if (!successor.ok()) return CliContext::Fail(successor.status());
        pb::ConfirmationAnswer* a = req->add_answers();
        a->set_membership_id(text.substr(0, eq));
        a->set_choice(pb::CONFIRMATION_CHOICE_REPLACE);
        *a->mutable_successor() = *successor;
      }
      for (const std::string& text : args->end) {
        const size_t eq = text.find('=');
        if (eq == std::string::npos) {
          return CliContext::Fail(Status::InvalidArgument("--end", "write MEMBERSHIP=reason"));
        }
        pb::ConfirmationAnswer* a = req->add_answers();
        a->set_membership_id(text.substr(0, eq));
        a->set_choice(pb::CONFIRMATION_CHOICE_END);
        a->set_reason(text.substr(eq + 1));
      }
      return RunCase(ctx, *req);
    });
  }
}

void AddQueryCommands(CLI::App* nom, CliContext& ctx) {
  {
    auto req = std::make_shared<pb::GetCaseRequest>();
    auto* cmd = nom->add_subcommand("case", "One case with the memberships it started");
    AddFieldOptions(cmd, req, {{"--case", "case_id", true}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunCase(ctx, *req); });
  }
  {
    auto req = std::make_shared<pb::NetworkMatrixRequest>();
    auto csv = std::make_shared<bool>(false);
    auto* cmd = nom->add_subcommand("matrix", "A network's status matrix: areas x state, nominees");
    AddFieldOptions(cmd, req, {{"--network", "network_code", true}});
    cmd->add_flag("--csv", *csv, "Print the CSV export (UTF-8, header row)");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, csv] {
      return Run<pb::NetworkMatrixResponse>(ctx, *req, [csv](const pb::NetworkMatrixResponse& r) {
        if (*csv) {
          std::fwrite(r.csv().data(), 1, r.csv().size(), stdout);
          return;
        }
        for (const pb::MatrixRow& row : r.rows()) {
          std::printf("%-32s %-22s %d active%s\n", row.area_code().c_str(),
                      row.has_latest_case() ? StateName(row.latest_case().state()) : "no case",
                      row.active_memberships_size(),
                      row.has_latest_case() ? Origin(row.latest_case()).c_str() : "");
        }
      });
    });
  }
  {
    auto req = std::make_shared<pb::ListMembershipsRequest>();
    auto* cmd = nom->add_subcommand("memberships", "Memberships by network, area or person");
    AddFieldOptions(cmd, req,
                    {{"--network", "network_code"},
                     {"--of-area", "area_code", false, "Area code"},
                     {"--email", "email", false, "The person's e-mail"},
                     {"--include-ended", "include_ended"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return Run<pb::ListMembershipsResponse>(ctx, *req, [](const pb::ListMembershipsResponse& r) {
        for (const pb::Membership& m : r.memberships()) PrintMembership(m);
        if (r.memberships_size() == 0) std::printf("no memberships\n");
      });
    });
  }
  {
    auto req = std::make_shared<pb::NationalViewRequest>();
    auto csv = std::make_shared<bool>(false);
    auto* cmd = nom->add_subcommand(
        "national-view",
        "Every area x every network: participation, members, open and overdue requests, burden");
    AddFieldOptions(cmd, req,
                    {{"--status", "status", false,
                      "open, proposed, closed, cancelled or draft (default: proposed and open)"},
                     {"--of-area", "area_code", false, "Area code"}});
    cmd->add_flag("--csv", *csv, "Print the view as CSV (UTF-8, header row)");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, csv] {
      return Run<pb::NationalViewResponse>(ctx, *req, [csv](const pb::NationalViewResponse& r) {
        if (*csv) {
          std::string out = gateway::web::NationalViewCsvHeader();
          for (const pb::NationalViewCell& c : r.cells()) {
            out += gateway::web::NationalViewCsvRow(c);
          }
          std::fwrite(out.data(), 1, out.size(), stdout);
          return;
        }
        for (const pb::NationalViewCell& c : r.cells()) {
          std::string members;
          for (const std::string& name : c.members())
            members += (members.empty() ? "" : "; ") + name;
          std::printf(
              "%-40s %-28s %-10s open %u overdue %u %s h/y\t%s\n", c.network_code().c_str(),
              c.area_code().c_str(), c.participation().c_str(), c.open_requests(), c.overdue(),
              gateway::web::FormatTenthsText(c.hours_per_year_tenths()).c_str(), members.c_str());
        }
        std::printf("burden per area (memberships, hours a year):\n");
        for (const pb::AreaBurden& b : r.burdens()) {
          std::printf("  %-28s %u\t%s\n", b.area_code().c_str(), b.memberships(),
                      gateway::web::FormatTenthsText(b.hours_per_year_tenths()).c_str());
        }
        std::printf("  %-28s %u\t%s\n", "national total", r.national_memberships(),
                    gateway::web::FormatTenthsText(r.national_hours_per_year_tenths()).c_str());
        std::printf("people in two or more current networks (warning at %u):\n",
                    r.load_warning_networks());
        for (const pb::PersonLoad& p : r.loads()) {
          std::printf("  %-40s %-28s %u\n", p.name().c_str(), p.area_code().c_str(), p.networks());
        }
      });
    });
  }
}

// Changes of members started by the area, and answers on paper (issue 17).
void AddMemberChangeCommands(CLI::App* nom, CliContext& ctx) {
  {
    auto req = std::make_shared<pb::ReplaceMemberRequest>();
    auto successor = std::make_shared<std::string>();
    auto* cmd = nom->add_subcommand(
        "replace", "Director or deputy: replace a member of your area by naming the successor");
    AddFieldOptions(cmd, req,
                    {{"--membership", "membership_id", true},
                     {"--reason", "reason", true, "Why the leadership replaces the member"},
                     {"--diary", "diary_number", true, "The area's diary number of the decision"}});
    cmd->add_option("--successor", *successor,
                    "name|title|email|municipality|member-or-deputy[|fi-sv-or-en]")
        ->required();
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, successor] {
      Result<pb::Nominee> n = ParseNominee(*successor);
      if (!n.ok()) return CliContext::Fail(n.status());
      *req->mutable_successor() = *n;
      return RunCase(ctx, *req);
    });
  }
  {
    auto req = std::make_shared<pb::RecallMemberRequest>();
    auto* cmd = nom->add_subcommand("recall", "Director or deputy: recall a member of your area");
    AddFieldOptions(cmd, req,
                    {{"--membership", "membership_id", true}, {"--reason", "reason", true}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return Run<pb::MembershipResponse>(
          ctx, *req, [](const pb::MembershipResponse& r) { PrintMembership(r.membership()); });
    });
  }
  {
    auto req = std::make_shared<pb::RecordPaperAnswerRequest>();
    auto channel = std::make_shared<std::string>("letter");
    auto nominees = std::make_shared<std::vector<std::string>>();
    auto decline = std::make_shared<bool>(false);
    auto* cmd = nom->add_subcommand("paper-answer",
                                    "KEHA: record an area's answer that came by letter or e-mail");
    AddFieldOptions(cmd, req,
                    {{"--case", "case_id", true},
                     {"--diary", "diary_number", true, "The area's diary number"},
                     {"--decision-date", "decision_date", true, "The area's decision date"},
                     {"--decided-by", "decided_by", true, "Who decided at the area: name, title"},
                     {"--reason", "reason", false, "Why the area declined (with --decline)"},
                     {"--organisation", "organisation", false, "Whose diary the number is in"}});
    cmd->add_option("--channel", *channel, "letter, email or other")->capture_default_str();
    cmd->add_option(
        "--nominee", *nominees,
        "name|title|email|municipality|member-or-deputy[|fi-sv-or-en[|woman-man-or-not-stated]] "
        "(repeat)");
    cmd->add_flag("--decline", *decline, "The area declined (give --reason)");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req, channel, nominees, decline] {
      req->set_channel(ParseChannel(*channel));
      req->set_approved(!*decline);
      for (const std::string& text : *nominees) {
        Result<pb::Nominee> n = ParseNominee(text);
        if (!n.ok()) return CliContext::Fail(n.status());
        *req->add_nominees() = *n;
      }
      return RunCase(ctx, *req);
    });
  }
}

// "YYYY-MM-DD HH:MM UTC" of a stamp.
std::string ActTime(int64_t unix_us) {
  const std::time_t seconds = unix_us / 1000000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// Issue 18: a case's history, one act a line, oldest first.
void AddHistoryCommand(CLI::App* nom, CliContext& ctx) {
  auto req = std::make_shared<pb::ListCaseHistoryRequest>();
  auto* cmd = nom->add_subcommand("history", "A case's history: every act, oldest first");
  cmd->add_option_function<std::string>(
         "case", [req](const std::string& id) { req->set_case_id(id); }, "Case id")
      ->required();
  ctx.AddPersonOptions(cmd);
  ctx.OnRun(cmd, [&ctx, req] {
    return Run<pb::ListCaseHistoryResponse>(ctx, *req, [](const pb::ListCaseHistoryResponse& r) {
      for (const pb::CaseAct& a : r.acts()) {
        std::string details;
        const auto add = [&details](const std::string& label, const std::string& value) {
          if (!value.empty()) details += "\t" + label + " " + value;
        };
        add("keha-diary", a.kind() == "sent" ? a.keha_diary_number() : "");
        add("diary", a.diary_number());
        add("received", a.date_received());
        if (a.kind() == "deadline_extended") {
          add("deadline", a.previous_deadline() + " -> " + a.deadline());
        }
        if (a.reminder_days() > 0) add("days-before", std::to_string(a.reminder_days()));
        std::string names;
        for (const std::string& n : a.names()) names += (names.empty() ? "" : ", ") + n;
        add("names", names);
        add("reason", a.reason());
        const std::string& principal =
            a.by().on_behalf_of_name().empty() ? a.by().on_behalf_of() : a.by().on_behalf_of_name();
        const std::string behalf = principal.empty() ? "" : " on behalf of " + principal;
        const std::string role(RoleName(messaging::FromProtoRole(a.role())));
        std::printf("%s\t%s\t%s (%s)%s%s\n", ActTime(a.by().at_unix_us()).c_str(), a.kind().c_str(),
                    a.by().name().c_str(), role.c_str(), behalf.c_str(), details.c_str());
      }
      if (r.acts_size() == 0) std::printf("no history\n");
    });
  });
}

// A case's formal letters: the list, and one letter's PDF to a file.
void AddLetterCommands(CLI::App* nom, CliContext& ctx) {
  auto list = std::make_shared<pb::ListCaseLettersRequest>();
  auto* letters = nom->add_subcommand("letters",
                                      "A case's formal letters (PDF): kind, language, "
                                      "size, sha256, file name");
  letters
      ->add_option_function<std::string>(
          "case", [list](const std::string& id) { list->set_case_id(id); }, "Case id")
      ->required();
  ctx.AddPersonOptions(letters);
  ctx.OnRun(letters, [&ctx, list] {
    return Run<pb::ListCaseLettersResponse>(ctx, *list, [](const pb::ListCaseLettersResponse& r) {
      for (const pb::CaseLetter& l : r.letters()) {
        std::printf("%s\t%s\t%llu bytes\t%s\t%s\n",
                    std::string(gateway::LetterKindText(l.kind())).c_str(), l.language().c_str(),
                    static_cast<unsigned long long>(l.size_bytes()), l.sha256().c_str(),
                    l.filename().c_str());
      }
      if (r.letters_size() == 0) std::printf("no letters\n");
    });
  });

  struct LetterArgs {
    std::string case_id;
    std::string kind;
    std::string language;
    std::string out;
  };
  auto args = std::make_shared<LetterArgs>();
  auto* letter = nom->add_subcommand("letter", "Save one formal letter of a case as a PDF file");
  letter->add_option("case", args->case_id, "Case id")->required();
  letter->add_option("kind", args->kind, "request, acknowledgement or decision")
      ->required()
      ->check(CLI::IsMember({"request", "acknowledgement", "decision"}));
  letter->add_option("--language", args->language, "fi or sv (default: the first kept)")
      ->check(CLI::IsMember({"fi", "sv"}));
  letter->add_option("--out", args->out, "The file to write")->required();
  ctx.AddPersonOptions(letter);
  ctx.OnRun(letter, [&ctx, args] {
    // The PDF comes as itself from the API's download route; the list says
    // which languages the case has (the first kept one is the default).
    pb::ListCaseLettersRequest list_req;
    list_req.set_case_id(args->case_id);
    pb::ListCaseLettersResponse kept;
    if (Status st = ctx.Call("nominations", list_req, &kept); !st.ok()) {
      return CliContext::Fail(st);
    }
    std::string language = args->language;
    std::string sha256;
    for (const pb::CaseLetter& l : kept.letters()) {
      if (gateway::LetterKindText(l.kind()) != args->kind) continue;
      if (language.empty()) language = l.language();
      if (l.language() == language) sha256 = l.sha256();
    }
    if (language.empty()) {
      return CliContext::Fail(
          Status::NotFound("case '" + args->case_id + "' has no " + args->kind + " letter"));
    }
    Result<std::string> pdf = ctx.PersonGet("/api/v1/cases/" + args->case_id + "/letters/" +
                                            args->kind + "-" + language + ".pdf");
    if (!pdf.ok()) return CliContext::Fail(pdf.status());
    if (Status st = WriteFileAtomically(args->out, *pdf); !st.ok()) return CliContext::Fail(st);
    std::printf("%s\t%s\t%zu bytes%s%s\n", args->out.c_str(), language.c_str(), pdf->size(),
                sha256.empty() ? "" : "\tsha256 ", sha256.c_str());
    return 0;
  });
}

// Issue 19 (Equality Act 4 a §): a network's gender balance, one group a line.
void AddGenderBalanceCommand(CLI::App* nom, CliContext& ctx) {
  auto req = std::make_shared<pb::GenderBalanceRequest>();
  auto* cmd = nom->add_subcommand(
      "gender-balance", "KEHA, leadership: a network's women and men against the 40 % rule");
  AddFieldOptions(cmd, req, {{"--network", "network_code", true}});
  ctx.AddPersonOptions(cmd);
  ctx.OnRun(cmd, [&ctx, req] {
    return Run<pb::GenderBalanceResponse>(ctx, *req, [](const pb::GenderBalanceResponse& r) {
      const auto verdict = [](pb::BalanceVerdict v) {
        switch (v) {
          case pb::BALANCE_VERDICT_MEETS:
            return "meets";
          case pb::BALANCE_VERDICT_BREAKS:
            return "breaks";
          case pb::BALANCE_VERDICT_CANNOT_BE_ASSESSED:
            return "cannot-be-assessed";
          default:
            return "empty";
        }
      };
      const auto line = [&verdict](const char* group, const pb::GroupBalance& g) {
        std::printf(
            "%s\twomen %u (%u %%)\tmen %u (%u %%)\tnot-stated %u (%u %%)\ttotal %u\t"
            "needed-each %u\t%s\n",
            group, g.women(), g.women_percent(), g.men(), g.men_percent(), g.not_stated(),
            g.not_stated_percent(), g.total(), g.required_each(), verdict(g.verdict()));
      };
      line("members", r.members());
      line("deputies", r.deputies());
      std::printf("body\t%s\n", verdict(r.verdict()));
    });
  });
}

}  // namespace

void AddNominationsCommands(CLI::App& app, CliContext& ctx) {
  auto* nom =
      app.add_subcommand("nominations", "Nomination requests, registry, decisions and memberships");
  nom->require_subcommand(1);
  AddKehaCommands(nom, ctx);
  AddRegistryCommands(nom, ctx);
  AddLeadershipCommands(nom, ctx);
  AddQueryCommands(nom, ctx);
  AddMemberChangeCommands(nom, ctx);
  AddHistoryCommand(nom, ctx);
  AddLetterCommands(nom, ctx);        // issue 19: letters
  AddExportCommand(nom, ctx);         // issue 19: export
  AddGenderBalanceCommand(nom, ctx);  // issue 19: equality
}

}  // namespace verkosto::cli
