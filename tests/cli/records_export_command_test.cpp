// Issue 19: export. `verkosto nominations export` against a stand-in gateway
// on a real HTTP socket: every page merged into one metadata file, each
// letter's PDF written by its filename after its sha256 and size check, and
// a PDF that does not match refused.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "nominations_commands.h"
#include "testing/temp_dir.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::cli {
namespace {

namespace pb = ::verkosto::nominations::v1;
namespace gpb = ::google::protobuf;

const std::string kCase = "r-4657d17f15bb.kainuu-koillismaa";
const std::string kPdf = "%PDF-1.5 a letter";

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::string out;
  for (const unsigned char b : digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

pb::CaseRecord Record(const std::string& id, bool with_letter) {
  pb::CaseRecord r;
  r.set_case_id(id);
  r.set_title("Nimeämispyyntö: Testiverkosto");
  r.set_area_code("kainuu-koillismaa");
  r.set_publicity_class("public");
  r.set_retention_years(10);
  if (with_letter) {
    pb::CaseLetter* l = r.add_documents();
    l->set_case_id(id);
    l->set_kind(pb::LETTER_KIND_DECISION);
    l->set_language("fi");
    l->set_sha256(Sha256Hex(kPdf));
    l->set_size_bytes(kPdf.size());
    l->set_filename(id + "-decision-fi.pdf");
  }
  return r;
}

std::string Json(const gpb::Message& m) {
  std::string out;
  (void)gpb::util::MessageToJsonString(m, &out);
  return out;
}

// A gateway that answers the export's routes as the real one does in
// format=protojson, two pages for the area, and serves the letter's bytes.
class StandInGateway {
 public:
  StandInGateway() {
    server_.Get("/api/v1/cases/([^/]+)/record",
                [this](const httplib::Request& req, httplib::Response& res) {
                  asked_.push_back(req.path + "?format=" + req.get_param_value("format"));
                  pb::ExportCaseRecordsResponse reply;
                  *reply.add_records() = Record(req.matches[1], true);
                  res.set_content(Json(reply), "application/json");
                });
    server_.Get("/api/v1/areas/([^/]+)/records",
                [this](const httplib::Request& req, httplib::Response& res) {
                  asked_.push_back(req.path + "?from=" + req.get_param_value("from") +
                                   "&to=" + req.get_param_value("to") +
                                   "&page_token=" + req.get_param_value("page_token"));
                  pb::ExportCaseRecordsResponse reply;
                  if (req.get_param_value("page_token").empty()) {
                    *reply.add_records() = Record(kCase, true);
                    reply.set_next_page_token("p2");
                  } else {
                    *reply.add_records() = Record("r-000000000001.kainuu-koillismaa", false);
                  }
                  res.set_content(Json(reply), "application/json");
                });
    server_.Get("/api/v1/cases/([^/]+)/letters/decision-fi.pdf",
                [this](const httplib::Request&, httplib::Response& res) {
                  res.set_content(pdf_, "application/pdf");
                });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~StandInGateway() {
    server_.stop();
    thread_.join();
  }
  StandInGateway(const StandInGateway&) = delete;
  StandInGateway& operator=(const StandInGateway&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> asked_;
  std::string pdf_ = kPdf;

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

int RunCli(std::vector<std::string> args) {
  CLI::App app;
  CliContext ctx;
  AddNominationsCommands(app, ctx);
  std::vector<std::string> argv = {"verkosto"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::reverse(argv.begin() + 1, argv.end());  // CLI11's vector parse takes them reversed
  try {
    app.parse(std::vector<std::string>(argv.begin() + 1, argv.end()));
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return ctx.RunParsed();
}

std::string Read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RecordsExportCommandTest, WritesTheRecordAndEachCheckedLetter) {
  ASSERT_GE(sodium_init(), 0);
  StandInGateway gateway;
  verkosto::testing::TempDir dir;
  const std::string out = dir.File("export");
  ASSERT_EQ(RunCli({"nominations", "export", "--case", kCase, "--out", out, "--server",
                    gateway.url(), "--token", "t"}),
            0);
  ASSERT_EQ(gateway.asked_.size(), 1u);
  EXPECT_EQ(gateway.asked_[0], "/api/v1/cases/" + kCase + "/record?format=protojson");
  const std::string json = Read(std::filesystem::path(out) / (kCase + ".json"));
  EXPECT_NE(json.find("\"format\":\"verkosto-records-export\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"sha256\":\"" + Sha256Hex(kPdf) + "\""), std::string::npos) << json;
  EXPECT_EQ(Read(std::filesystem::path(out) / (kCase + "-decision-fi.pdf")), kPdf);

  // An area's period in XML: both pages in one file.
  ASSERT_EQ(RunCli({"nominations", "export", "--area", "kainuu-koillismaa", "--from", "2026-01-01",
                    "--to", "2026-12-31", "--format", "xml", "--out", out, "--server",
                    gateway.url(), "--token", "t"}),
            0);
  ASSERT_EQ(gateway.asked_.size(), 3u);
  EXPECT_EQ(gateway.asked_[2],
            "/api/v1/areas/kainuu-koillismaa/records?from=2026-01-01&to=2026-12-31&page_token=p2");
  const std::string xml =
      Read(std::filesystem::path(out) / "records-kainuu-koillismaa-2026-01-01-2026-12-31.xml");
  EXPECT_NE(xml.find("<NativeId>" + kCase + "</NativeId>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<NativeId>r-000000000001.kainuu-koillismaa</NativeId>"), std::string::npos);
  EXPECT_NE(xml.find("nextPageToken=\"\""), std::string::npos) << "every page merged";
}

TEST(RecordsExportCommandTest, RefusesALetterThatDoesNotMatchItsChecksum) {
  ASSERT_GE(sodium_init(), 0);
  StandInGateway gateway;
  gateway.pdf_ = "%PDF-1.5 another letter";
  verkosto::testing::TempDir dir;
  const std::string out = dir.File("export");
  EXPECT_EQ(RunCli({"nominations", "export", "--case", kCase, "--out", out, "--server",
                    gateway.url(), "--token", "t"}),
            1);
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(out) / (kCase + "-decision-fi.pdf")));
}

TEST(RecordsExportCommandTest, NeedsACaseOrAnAreaWithItsPeriod) {
  verkosto::testing::TempDir dir;
  EXPECT_NE(RunCli({"nominations", "export", "--out", dir.path(), "--server", "http://127.0.0.1:1",
                    "--token", "t"}),
            0);
  EXPECT_NE(RunCli({"nominations", "export", "--area", "helsinki", "--out", dir.path(), "--server",
                    "http://127.0.0.1:1", "--token", "t"}),
            0);
  EXPECT_NE(
      RunCli({"nominations", "export", "--case", kCase, "--format", "pdf", "--out", dir.path()}),
      0);
}

}  // namespace
}  // namespace verkosto::cli
