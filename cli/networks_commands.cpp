#include "networks_commands.h"

#include <google/protobuf/util/json_util.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "field_options.h"
#include "messaging/proto_enum.h"

namespace verkosto::cli {

namespace pb = ::verkosto::networks::v1;

namespace {

std::string DecisionText(pb::ParticipationDecision decision) {
  switch (decision) {
    case pb::PARTICIPATION_DECISION_TAKES_PART:
      return "takes part";
    case pb::PARTICIPATION_DECISION_DECLINES:
      return "declines";
    default:
      return "no answer";
  }
}

// The text of FILE, or of standard input for "-". Errors: not_found.
Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A NetworkDefinition from a JSON file (protobuf JSON mapping).
Result<pb::NetworkDefinition> ReadDefinition(const std::string& path) {
  VERKOSTO_ASSIGN_OR_RETURN(std::string json, ReadInput(path));
  pb::NetworkDefinition definition;
  const auto parsed = google::protobuf::util::JsonStringToMessage(json, &definition);
  if (!parsed.ok()) {
    return Status::InvalidArgument(
        "file", path + ": not a NetworkDefinition in JSON: " + std::string(parsed.message()));
  }
  return definition;
}

void PrintArea(const pb::Area& a) {
  std::printf("%-42s %-45s %-18s %s\n", a.code().c_str(), a.name_fi().c_str(),
              messaging::EnumShortName(a.model()).c_str(), a.host_municipality().c_str());
}

void PrintAreaDetail(const pb::Area& a) {
  PrintArea(a);
  if (!a.name_sv().empty()) std::printf("  sv: %s\n", a.name_sv().c_str());
  std::printf("  registry: %s <%s>\n  director: %s <%s>\n  deputy:   %s <%s>\n",
              a.registry_office().name().c_str(), a.registry_office().email().c_str(),
              a.director().name().c_str(), a.director().email().c_str(), a.deputy().name().c_str(),
              a.deputy().email().c_str());
  for (const pb::Municipality& m : a.municipalities()) {
    std::printf("  %s %s%s%s\n", m.code().c_str(), m.name_fi().c_str(),
                m.name_sv().empty() ? "" : " / ", m.name_sv().c_str());
  }
}

int RunNetwork(CliContext& ctx, const google::protobuf::Message& request) {
  return CallAndPrint<pb::NetworkResponse>(
      ctx, "networks", request, [](const pb::NetworkResponse& r) {
        const auto& d = r.network().definition();
        std::printf("%s\t%s\tversion %u\t%s\n", d.code().c_str(),
                    messaging::EnumShortName(r.network().status()).c_str(), r.network().version(),
                    d.names().fi().c_str());
      });
}

}  // namespace

std::string Hours(uint64_t tenths) {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::string FormatNetworkList(const pb::ListNetworksResponse& list) {
  std::ostringstream out;
  char line[512];
  for (const pb::Network& n : list.networks()) {
    const auto& d = n.definition();
    std::snprintf(
        line, sizeof line, "%-46s %-9s %-15s %-23s %s – %s  %s\n", d.code().c_str(),
        messaging::EnumShortName(n.status()).c_str(), messaging::EnumShortName(d.kind()).c_str(),
        d.owner().c_str(), d.term().start_date().empty() ? "?" : d.term().start_date().c_str(),
        d.term().end_date().empty() ? "?" : d.term().end_date().c_str(), d.names().fi().c_str());
    out << line;
  }
  if (list.networks_size() == 0) out << "no networks\n";
  return out.str();
}

std::string FormatNetwork(const pb::GetNetworkResponse& r) {
  const pb::Network& n = r.network();
  const auto& d = n.definition();
  std::ostringstream out;
  out << d.names().fi() << " (" << d.code() << ")\n";
  if (!d.names().sv().empty()) out << "  sv: " << d.names().sv() << "\n";
  if (!d.names().en().empty()) out << "  en: " << d.names().en() << "\n";
  out << "  status: " << messaging::EnumShortName(n.status()) << ", version " << n.version()
      << (n.end_reason().empty() ? "" : ", ended: " + n.end_reason()) << "\n";
  out << "  kind: " << messaging::EnumShortName(d.kind()) << (d.statutory() ? " (statutory)" : "")
      << ", owner: " << d.owner() << "\n";
  out << "  term: " << (d.term().start_date().empty() ? "?" : d.term().start_date()) << " – "
      << (d.term().end_date().empty() ? "?" : d.term().end_date()) << "\n";
  out << "  goals:\n";
  for (const std::string& goal : d.goals()) out << "    - " << goal << "\n";
  const auto& plan = d.communication_plan();
  out << "  communication plan: to";
  for (const std::string& a : plan.audiences()) out << " [" << a << "]";
  out << " by";
  for (const std::string& c : plan.channels()) out << " [" << c << "]";
  out << ", " << plan.cadence() << ", responsible: " << plan.responsible() << "\n";
  // The typed plan as it acts (the standard plan when the definition lists no targets).
  out << "  plan targets" << (plan.targets().empty() ? " (standard plan)" : "") << ":\n";
  for (const pb::PlanTarget& t : n.effective_targets()) {
    out << "    " << messaging::EnumShortName(t.audience()) << " by "
        << messaging::EnumShortName(t.channel()) << ":";
    for (int e : t.events()) out << " " << messaging::EnumShortName(static_cast<pb::PlanEvent>(e));
    out << "\n";
  }
  out << "  notes reminder: ";
  if (n.effective_notes_every_days() == 0) {
    out << "none";
  } else {
    out << "every " << n.effective_notes_every_days() << " days"
        << (plan.notes_every_days() == 0 ? " (from the meeting cadence)" : "") << " to "
        << (n.effective_responsible_email().empty() ? "(no address)"
                                                    : n.effective_responsible_email());
  }
  out << "\n";
  out << "  meetings: " << d.cadence().meetings_per_year() << "/year × "
      << Hours(d.cadence().hours_per_meeting_tenths())
      << " h; seats per area: " << d.seats_per_area().members() << " + "
      << d.seats_per_area().deputies() << " deputies\n";
  int takes_part = 0;
  int declines = 0;
  int no_answer = 0;
  std::ostringstream declined;
  for (const pb::ParticipationRow& row : r.participation()) {
    switch (row.current().decision()) {
      case pb::PARTICIPATION_DECISION_TAKES_PART:
        ++takes_part;
        break;
      case pb::PARTICIPATION_DECISION_DECLINES:
        ++declines;
        declined << "    " << row.area_code() << ": " << row.current().reason() << "\n";
        break;
      default:
        ++no_answer;
    }
  }
  out << "  participation: " << takes_part << " take part, " << declines << " decline, "
      << no_answer << " no answer\n"
      << declined.str();
  if (r.comments_size() > 0) out << "  comments: " << r.comments_size() << "\n";
  out << "  " << n.disclaimer().fi() << "\n";
  return out.str();
}

std::string FormatBurden(const pb::GetBurdenResponse& b) {
  std::ostringstream out;
  char line[256];
  for (const pb::BurdenLine& l : b.lines()) {
    std::snprintf(line, sizeof line, "%-46s %2u seats × %3u meetings × %5s h = %7s h/year\n",
                  l.network_code().c_str(), l.seats(), l.meetings_per_year(),
                  Hours(l.hours_per_meeting_tenths()).c_str(),
                  Hours(l.hours_per_year_tenths()).c_str());
    out << line;
  }
  out << b.area_code() << ": " << Hours(b.hours_per_year_tenths()) << " h/year, "
      << Hours(b.hours_per_month_tenths()) << " h/month\n";
  return out.str();
}

void AddNetworksCommands(CLI::App& app, CliContext& ctx) {
  auto* net = app.add_subcommand("networks", "The area directory, networks and participation");
  net->require_subcommand(1);

  // --- the area directory ---
  auto* areas = net->add_subcommand("areas", "The 45 employment areas");
  areas->require_subcommand(1);
  {
    auto* cmd = areas->add_subcommand("list", "List the areas");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx] {
      return CallAndPrint<pb::ListAreasResponse>(ctx, "networks", pb::ListAreasRequest(),
                                                 [](const pb::ListAreasResponse& r) {
                                                   for (const pb::Area& a : r.areas()) PrintArea(a);
                                                 });
    });
  }
  {
    auto req = std::make_shared<pb::GetAreaRequest>();
    auto* cmd = areas->add_subcommand("show", "One area with its municipalities and contacts");
    AddFieldOptions(cmd, req, {{"AREA", "area_code", true, "Area code"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::GetAreaResponse>(
          ctx, "networks", *req, [](const pb::GetAreaResponse& r) { PrintAreaDetail(r.area()); });
    });
  }
  {
    auto req = std::make_shared<pb::FindAreaRequest>();
    auto* cmd = areas->add_subcommand("find", "The area of a municipality (name or code)");
    AddFieldOptions(cmd, req,
                    {{"MUNICIPALITY", "municipality", true, "Finnish or Swedish name, or code"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::FindAreaResponse>(
          ctx, "networks", *req, [](const pb::FindAreaResponse& r) {
            std::printf("%s %s -> ", r.municipality().code().c_str(),
                        r.municipality().name_fi().c_str());
            PrintArea(r.area());
          });
    });
  }
  {
    auto files = std::make_shared<std::pair<std::string, std::string>>();
    auto* cmd = areas->add_subcommand("load", "Operator: load the reference data (idempotent)");
    cmd->add_option("--areas-csv", files->first, "employment_areas.csv")->required();
    cmd->add_option("--municipalities-csv", files->second, "municipalities.csv")->required();
    ctx.AddOperatorOptions(cmd);
    ctx.OnRun(cmd, [&ctx, files] {
      auto areas_csv = ReadInput(files->first);
      if (!areas_csv.ok()) return CliContext::Fail(areas_csv.status());
      auto municipalities_csv = ReadInput(files->second);
      if (!municipalities_csv.ok()) return CliContext::Fail(municipalities_csv.status());
      pb::LoadReferenceDataRequest req;
      req.set_employment_areas_csv(*areas_csv);
      req.set_municipalities_csv(*municipalities_csv);
      return CallAndPrint<pb::LoadReferenceDataResponse>(
          ctx, "networks", req, [](const pb::LoadReferenceDataResponse& r) {
            for (const std::string& change : r.changes()) std::printf("%s\n", change.c_str());
            std::printf("%d changes\n", r.changes_size());
          });
    });
  }
  {
    auto req = std::make_shared<pb::SetAreaContactsRequest>();
    auto* cmd = areas->add_subcommand("set-contacts", "Admin: set an area's real contacts");
    AddFieldOptions(cmd, req, {{"AREA", "area_code", true, "Area code"}});
    const std::pair<const char*, std::string> contacts[] = {
        {"registry", "registry_office"}, {"director", "director"}, {"deputy", "deputy"}};
    for (const auto& [who, field] : contacts) {
      const std::string flag = std::string("--") + who;
      AddFieldOptions(cmd, req,
                      {{flag + "-name", field + ".name"},
                       {flag + "-email", field + ".email"},
                       {flag + "-phone", field + ".phone"}});
    }
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::SetAreaContactsResponse>(
          ctx, "networks", *req,
          [](const pb::SetAreaContactsResponse& r) { PrintAreaDetail(r.area()); });
    });
  }

  // --- networks ---
  {
    auto filter = std::make_shared<std::array<std::string, 3>>();
    auto* cmd = net->add_subcommand("list", "Networks, optionally filtered");
    cmd->add_option("--status", (*filter)[0], "draft, proposed, open, closed or cancelled");
    cmd->add_option("--kind", (*filter)[1],
                    "network, sub_committee, working_group or advisory_board");
    cmd->add_option("--owner", (*filter)[2], "Owner organisation");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, filter] {
      pb::ListNetworksRequest req;
      if (!(*filter)[0].empty()) {
        auto status = messaging::EnumFromShortName<pb::NetworkStatus>((*filter)[0]);
        if (!status)
          return CliContext::Fail(
              Status::InvalidArgument("--status", "unknown status '" + (*filter)[0] + "'"));
        req.set_status(*status);
      }
      if (!(*filter)[1].empty()) {
        auto kind = messaging::EnumFromShortName<pb::NetworkKind>((*filter)[1]);
        if (!kind)
          return CliContext::Fail(
              Status::InvalidArgument("--kind", "unknown kind '" + (*filter)[1] + "'"));
        req.set_kind(*kind);
      }
      req.set_owner((*filter)[2]);
      return CallAndPrint<pb::ListNetworksResponse>(ctx, "networks", req, [](const auto& r) {
        std::fputs(FormatNetworkList(r).c_str(), stdout);
      });
    });
  }
  {
    auto req = std::make_shared<pb::GetNetworkRequest>();
    auto* cmd = net->add_subcommand("show", "One network with participation, comments, versions");
    AddFieldOptions(cmd, req, {{"NETWORK", "network_code", true, "Network code"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::GetNetworkResponse>(ctx, "networks", *req, [](const auto& r) {
        std::fputs(FormatNetwork(r).c_str(), stdout);
      });
    });
  }
  {
    auto file = std::make_shared<std::string>();
    auto* cmd = net->add_subcommand("create", "KEHA: create a draft from a JSON NetworkDefinition");
    cmd->add_option("--file", *file, "JSON file (protobuf JSON mapping), - for stdin")->required();
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, file] {
      auto definition = ReadDefinition(*file);
      if (!definition.ok()) return CliContext::Fail(definition.status());
      pb::CreateNetworkRequest req;
      *req.mutable_definition() = *definition;
      return RunNetwork(ctx, req);
    });
  }
  {
    auto args = std::make_shared<std::pair<std::string, std::string>>();
    auto* cmd = net->add_subcommand("update", "KEHA: replace a network's definition");
    cmd->add_option("--file", args->first, "JSON file (protobuf JSON mapping), - for stdin")
        ->required();
    cmd->add_option("--reason", args->second, "Why (required for an open network)");
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, args] {
      auto definition = ReadDefinition(args->first);
      if (!definition.ok()) return CliContext::Fail(definition.status());
      pb::UpdateNetworkRequest req;
      *req.mutable_definition() = *definition;
      req.set_reason(args->second);
      return RunNetwork(ctx, req);
    });
  }
  {
    auto req = std::make_shared<pb::ProposeNetworkRequest>();
    auto* cmd = net->add_subcommand("propose", "KEHA: show a draft to every area");
    AddFieldOptions(cmd, req, {{"NETWORK", "network_code", true, "Network code"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunNetwork(ctx, *req); });
  }
  {
    auto req = std::make_shared<pb::OpenNetworkRequest>();
    auto* cmd = net->add_subcommand("open", "KEHA: open a proposed network for nominations");
    AddFieldOptions(cmd, req, {{"NETWORK", "network_code", true, "Network code"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunNetwork(ctx, *req); });
  }
  {
    auto req = std::make_shared<pb::CloseNetworkRequest>();
    auto* cmd = net->add_subcommand("close", "KEHA: close an open network early");
    AddFieldOptions(
        cmd, req,
        {{"NETWORK", "network_code", true, "Network code"}, {"--reason", "reason", true, "Why"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunNetwork(ctx, *req); });
  }
  {
    auto req = std::make_shared<pb::CancelNetworkRequest>();
    auto* cmd = net->add_subcommand("cancel", "KEHA: cancel a draft or proposed network");
    AddFieldOptions(
        cmd, req,
        {{"NETWORK", "network_code", true, "Network code"}, {"--reason", "reason", true, "Why"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] { return RunNetwork(ctx, *req); });
  }
  {
    auto args = std::make_shared<std::pair<std::string, std::string>>();
    auto* cmd = net->add_subcommand(
        "renew", "KEHA: renew an open network for a new term (the reviewed definition)");
    cmd->add_option("--file", args->first,
                    "JSON NetworkDefinition with the new term (protobuf JSON mapping), - for stdin")
        ->required();
    cmd->add_option("--reason", args->second, "Why it is renewed")->required();
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, args] {
      auto definition = ReadDefinition(args->first);
      if (!definition.ok()) return CliContext::Fail(definition.status());
      pb::RenewNetworkRequest req;
      *req.mutable_definition() = *definition;
      req.set_reason(args->second);
      return RunNetwork(ctx, req);
    });
  }

  // --- participation, comments, history, burden ---
  {
    struct Args {
      bool takes_part = false;
      bool declines = false;
    };
    auto args = std::make_shared<Args>();
    auto req = std::make_shared<pb::DecideParticipationRequest>();
    auto* cmd = net->add_subcommand(
        "participate", "Director/deputy: record that your area takes part or declines");
    AddFieldOptions(cmd, req, {{"NETWORK", "network_code", true, "Network code"}});
    auto* yes = cmd->add_flag("--takes-part", args->takes_part, "The area takes part");
    auto* no = cmd->add_flag("--declines", args->declines, "The area declines (give --reason)");
    yes->excludes(no);
    AddFieldOptions(cmd, req, {{"--reason", "reason", false, "Why (required when declining)"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, args, req] {
      if (args->takes_part == args->declines) {
        return CliContext::Fail(
            Status::InvalidArgument("--takes-part", "give --takes-part or --declines"));
      }
      auto me = ctx.Me();  // the area is the logged-in director's own
      if (!me.ok()) return CliContext::Fail(me.status());
      req->set_area_code(me->area.value());
      req->set_decision(args->takes_part ? pb::PARTICIPATION_DECISION_TAKES_PART
                                         : pb::PARTICIPATION_DECISION_DECLINES);
      return CallAndPrint<pb::DecideParticipationResponse>(
          ctx, "networks", *req, [](const auto& r) {
            std::printf("%s %s: %s\n", r.participation().area_code().c_str(),
                        r.participation().network_code().c_str(),
                        DecisionText(r.participation().decision()).c_str());
          });
    });
  }
  {
    auto req = std::make_shared<pb::AddCommentRequest>();
    auto* cmd = net->add_subcommand("comment", "Director/deputy: comment for your area");
    AddFieldOptions(cmd, req,
                    {{"NETWORK", "network_code", true, "Network code"},
                     {"--text", "text", true, "The comment"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      auto me = ctx.Me();
      if (!me.ok()) return CliContext::Fail(me.status());
      req->set_area_code(me->area.value());
      return CallAndPrint<pb::AddCommentResponse>(ctx, "networks", *req, [](const auto& r) {
        std::printf("comment by %s for %s recorded\n", r.comment().author().c_str(),
                    r.comment().area_code().c_str());
      });
    });
  }
  {
    auto req = std::make_shared<pb::GetParticipationHistoryRequest>();
    auto* cmd = net->add_subcommand("history", "Every participation decision of an area");
    AddFieldOptions(cmd, req,
                    {{"NETWORK", "network_code", true, "Network code"},
                     {"AREA", "area_code", true, "Area code"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::GetParticipationHistoryResponse>(
          ctx, "networks", *req, [](const auto& r) {
            for (const pb::Participation& p : r.decisions()) {
              std::printf("%s\t%s%s%s\tby %s%s%s\n", DecisionText(p.decision()).c_str(),
                          p.reason().empty() ? "" : "(", p.reason().c_str(),
                          p.reason().empty() ? "" : ")", p.decided_by().c_str(),
                          p.on_behalf_of().empty() ? "" : " for ", p.on_behalf_of().c_str());
            }
            if (r.decisions_size() == 0) std::printf("no decisions\n");
          });
    });
  }
  {
    auto req = std::make_shared<pb::GetBurdenRequest>();
    auto* cmd = net->add_subcommand("burden", "What taking part costs an area (hours)");
    AddFieldOptions(cmd, req, {{"AREA", "area_code", true, "Area code"}});
    ctx.AddPersonOptions(cmd);
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::GetBurdenResponse>(ctx, "networks", *req, [](const auto& r) {
        std::fputs(FormatBurden(r).c_str(), stdout);
      });
    });
  }
}

}  // namespace verkosto::cli
