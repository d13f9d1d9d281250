#include "records_export_command.h"

#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "gateway/records/records_export_format.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::cli {

namespace {

namespace pb = ::verkosto::nominations::v1;
namespace gpb = ::google::protobuf;

// At most this many pages (of up to 100 records) in one export: far more
// than an area's year of cases.
constexpr int kMaxPages = 1000;

struct ExportOptions {
  std::string case_id;
  std::string area;
  std::string from;
  std::string to;
  std::string format = "json";
  std::string out;
};

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (const unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

Status WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  // Written beside, then renamed: a file of the export is whole or absent.
  const std::filesystem::path partial = path.string() + ".part";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status::Unavailable("cannot write " + partial.string());
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) return Status::Unavailable("cannot write " + path.string() + ": " + ec.message());
  return Status::Ok();
}

// Every page of the export, merged into one reply (no next_page_token).
Result<pb::ExportCaseRecordsResponse> FetchAll(CliContext& ctx, const ExportOptions& o) {
  httplib::Params params{{"format", "protojson"}};
  std::string path;
  if (!o.case_id.empty()) {
    path = "/api/v1/cases/" + httplib::detail::encode_query_param(o.case_id) + "/record";
  } else {
    path = "/api/v1/areas/" + httplib::detail::encode_query_param(o.area) + "/records";
    params.emplace("from", o.from);
    params.emplace("to", o.to);
    params.emplace("page_size", "100");
  }
  pb::ExportCaseRecordsResponse all;
  std::string token;
  for (int page = 0; page < kMaxPages; ++page) {
    httplib::Params query = params;
    if (!token.empty()) query.emplace("page_token", token);
    VERKOSTO_ASSIGN_OR_RETURN(std::string body,
                              ctx.PersonGet(httplib::append_query_params(path, query)));
    pb::ExportCaseRecordsResponse reply;
    gpb::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    if (!gpb::util::JsonStringToMessage(body, &reply, options).ok()) {
      return Status::Internal("the gateway's answer is not an ExportCaseRecordsResponse");
    }
    for (pb::CaseRecord& r : *reply.mutable_records()) *all.add_records() = std::move(r);
    token = reply.next_page_token();
    if (token.empty()) return all;
  }
  return Status::FailedPrecondition("more than " + std::to_string(kMaxPages) +
                                    " pages: export a shorter period");
}

int RunExport(CliContext& ctx, const ExportOptions& o) {
  if (o.case_id.empty() == o.area.empty()) {
    return CliContext::Fail(Status::InvalidArgument("case", "give --case or --area (not both)"));
  }
  if (!o.area.empty() && (o.from.empty() || o.to.empty())) {
    return CliContext::Fail(
        Status::InvalidArgument(o.from.empty() ? "from" : "to", "--area needs --from and --to"));
  }
  const gateway::RecordsFormat format =
      o.format == "xml" ? gateway::RecordsFormat::kXml : gateway::RecordsFormat::kJson;
  Result<pb::ExportCaseRecordsResponse> all = FetchAll(ctx, o);
  if (!all.ok()) return CliContext::Fail(all.status());
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec)
    return CliContext::Fail(Status::Unavailable("cannot create " + o.out + ": " + ec.message()));
  const std::string name = !o.case_id.empty()
                               ? all->records_size() > 0 ? all->records(0).case_id() : o.case_id
                               : "records-" + o.area + "-" + o.from + "-" + o.to;
  const std::filesystem::path metadata =
      std::filesystem::path(o.out) / (name + "." + std::string(gateway::RecordsExtension(format)));
  if (Status st = WriteFile(metadata, gateway::RecordsTo(format, *all)); !st.ok()) {
    return CliContext::Fail(st);
  }
  std::printf("%s\t%d records\n", metadata.c_str(), all->records_size());
  int letters = 0;
  for (const pb::CaseRecord& r : all->records()) {
    for (const pb::CaseLetter& l : r.documents()) {
      // The filename is the service's "<case id>-<kind>-<language>.pdf": one
      // name, never a path.
      if (l.filename().empty() || l.filename().find('/') != std::string::npos ||
          l.filename()[0] == '.') {
        return CliContext::Fail(
            Status::Internal("a letter's filename is not a file name: '" + l.filename() + "'"));
      }
      Result<std::string> pdf = ctx.PersonGet(gateway::LetterDownloadPath(l));
      if (!pdf.ok())
        return CliContext::Fail(
            pdf.status().WithMessage(l.filename() + ": " + pdf.status().message()));
      if (pdf->size() != l.size_bytes() || Sha256Hex(*pdf) != l.sha256()) {
        return CliContext::Fail(Status::Internal(
            l.filename() +
            ": the downloaded PDF does not match its sha256 and size in the record"));
      }
      const std::filesystem::path file = std::filesystem::path(o.out) / l.filename();
      if (Status st = WriteFile(file, *pdf); !st.ok()) return CliContext::Fail(st);
      std::printf("%s\t%zu bytes\tsha256 %s\n", file.c_str(), pdf->size(), l.sha256().c_str());
      ++letters;
    }
  }
  std::printf("%d letters\n", letters);
  return 0;
}

}  // namespace

void AddExportCommand(CLI::App* nominations, CliContext& ctx) {
  auto o = std::make_shared<ExportOptions>();
  auto* cmd = nominations->add_subcommand(
      "export",
      "The records export of a case or of an area's period, with each letter's PDF, into a "
      "directory (docs/records-export.md)");
  auto* one = cmd->add_option("--case", o->case_id, "Case id");
  auto* area = cmd->add_option("--area", o->area, "Area code (with --from and --to)");
  one->excludes(area);
  cmd->add_option("--from", o->from, "First day of the period (YYYY-MM-DD), cases by opened date")
      ->needs(area);
  cmd->add_option("--to", o->to, "Last day of the period (YYYY-MM-DD), at most 366 days")
      ->needs(area);
  cmd->add_option("--format", o->format, "json (default) or xml")
      ->check(CLI::IsMember({"json", "xml"}));
  cmd->add_option("--out", o->out, "Directory to write into (created if missing)")->required();
  ctx.AddPersonOptions(cmd);
  ctx.OnRun(cmd, [&ctx, o] { return RunExport(ctx, *o); });
}

}  // namespace verkosto::cli
