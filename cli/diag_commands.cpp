#include "diag_commands.h"

#include <cstdio>

#include "verkosto/common/v1/diagnostics.pb.h"

namespace verkosto::cli {

void AddDiagCommands(CLI::App& app, CliContext& ctx) {
  auto* diag = app.add_subcommand("diag", "Diagnostics of the messaging backbone");
  diag->require_subcommand(1);
  auto service = std::make_shared<std::string>("networks");
  auto note = std::make_shared<std::string>();

  auto* ping = diag->add_subcommand(
      "ping", "Record a ping on a service; it emits PingRecorded, which its consumers apply");
  ping->add_option("--service", *service, "Service to ping")->capture_default_str();
  ping->add_option("--note", *note, "Free text carried by the event (at most 200 bytes)");
  ctx.AddOperatorOptions(ping);
  ctx.OnRun(ping, [&ctx, service, note] {
    common::v1::RecordPingRequest request;
    request.set_note(*note);
    common::v1::RecordPingResponse reply;
    if (Status st = ctx.Call(*service, request, &reply); !st.ok()) return CliContext::Fail(st);
    if (ctx.json()) {
      CliContext::PrintJson(reply);
    } else {
      std::printf("recorded on %s as event %llu\n", service->c_str(),
                  static_cast<unsigned long long>(reply.event_seq()));
    }
    return 0;
  });

  auto* pings =
      diag->add_subcommand("pings", "List the PingRecorded events a service has consumed");
  pings->add_option("--service", *service, "Service to ask")->capture_default_str();
  ctx.AddOperatorOptions(pings);
  ctx.OnRun(pings, [&ctx, service] {
    common::v1::ListReceivedPingsResponse reply;
    if (Status st = ctx.Call(*service, common::v1::ListReceivedPingsRequest(), &reply); !st.ok()) {
      return CliContext::Fail(st);
    }
    if (ctx.json()) {
      CliContext::PrintJson(reply);
      return 0;
    }
    for (const auto& p : reply.pings()) {
      std::printf("%s #%llu applied %u× %s\n", p.producer().c_str(),
                  static_cast<unsigned long long>(p.event_seq()), p.applied_count(),
                  p.note().c_str());
    }
    return 0;
  });
}

}  // namespace verkosto::cli
