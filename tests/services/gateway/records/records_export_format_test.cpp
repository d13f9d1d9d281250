#include "gateway/records/records_export_format.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "testing/temp_dir.h"

namespace verkosto::gateway {
namespace {

namespace pb = ::verkosto::nominations::v1;
namespace gpb = ::google::protobuf;

// The documents of the export, beside this test's sources.
const std::string kXsd = std::string(VERKOSTO_DOCS_DIR) + "/records-export.xsd";
const std::string kJsonSchema = std::string(VERKOSTO_DOCS_DIR) + "/records-export.schema.json";

// A decided case with two acts, a nominee, a letter, and text that needs
// escaping in both formats.
pb::ExportCaseRecordsResponse Sample() {
  pb::ExportCaseRecordsResponse reply;
  pb::CaseRecord* r = reply.add_records();
  r->set_case_id("r-4657d17f15bb.helsinki");
  r->set_title("Nimeämispyyntö: <Työ & \"elinvoima\"> 'verkosto'");
  r->set_case_kind("nomination");
  r->set_state("approved");
  r->set_network_code("c6-tyollisyys");
  r->set_network_name_fi("Työllisyysverkosto");
  r->set_network_name_sv("Sysselsättningsnätverket");
  r->set_area_code("helsinki");
  r->set_area_name_fi("Helsingin kaupunki");
  r->set_area_name_sv("Helsingfors stad");
  r->set_keha_diary_number("KEHA/12/2026");
  r->set_diary_number("HEL/77/2026");
  r->set_opened("2026-03-02");
  r->set_deadline("2026-04-30");
  r->set_date_received("2026-03-02");
  pb::RecordParty* sender = r->add_parties();
  sender->set_role("sender");
  sender->set_name("KEHA-keskus");
  sender->set_code("keha");
  pb::RecordParty* recipient = r->add_parties();
  recipient->set_role("recipient");
  recipient->set_name("Helsingin kaupunki");
  recipient->set_code("helsinki");
  pb::CaseAct* sent = r->add_actions();
  sent->set_kind("sent");
  sent->mutable_by()->set_user_id("keha-1");
  sent->mutable_by()->set_name("Kaisa KEHA");
  sent->mutable_by()->set_at_unix_us(1772434800000000);  // 2026-03-02T07:00:00Z
  sent->set_role(verkosto::common::v1::ROLE_KEHA_COORDINATOR);
  sent->set_keha_diary_number("KEHA/12/2026");
  sent->set_deadline("2026-04-30");
  pb::CaseAct* approved = r->add_actions();
  approved->set_kind("approved");
  approved->mutable_by()->set_user_id("dep-hki");
  approved->mutable_by()->set_name("Daniel Deputy");
  approved->mutable_by()->set_on_behalf_of("dir-hki");
  approved->mutable_by()->set_at_unix_us(1772442000000000);
  approved->set_role(verkosto::common::v1::ROLE_AREA_DEPUTY);
  approved->add_names(
      "Anna \x01"
      "Ankka\nToinen rivi");
  pb::RecordDecision* d = r->mutable_decision();
  d->set_approved(true);
  d->set_decider_name("Daniel Deputy");
  d->set_decider_user_id("dep-hki");
  d->set_on_behalf_of("dir-hki");
  d->set_decision_date("2026-03-02");
  d->set_channel("system");
  pb::RecordParty* nominee = d->add_nominees();
  nominee->set_role("nominee");
  nominee->set_name("Anna Ankka");
  nominee->set_title("Kehittämispäällikkö");
  nominee->set_seat("member");
  *r->add_parties() = *nominee;
  r->set_publicity_class("public");
  r->set_retention_years(10);
  r->set_retention_basis("verkosto default");
  pb::CaseLetter* letter = r->add_documents();
  letter->set_case_id(r->case_id());
  letter->set_kind(pb::LETTER_KIND_DECISION);
  letter->set_language("fi");
  letter->set_sha256(std::string(64, 'a'));
  letter->set_size_bytes(12345);
  letter->set_created_at_us(1772442000000000);
  letter->set_filename("r-4657d17f15bb.helsinki-decision-fi.pdf");
  reply.set_next_page_token("tok&<en>");
  return reply;
}

int Shell(const std::string& command) { return std::system(command.c_str()); }

std::string Write(const verkosto::testing::TempDir& dir, const std::string& name,
                  const std::string& text) {
  const std::string path = dir.File(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Issue 19, item 3: the XML validates against docs/records-export.xsd with
// xmllint, escapes what XML needs and drops what XML 1.0 forbids.
TEST(RecordsExportFormatTest, XmlValidatesAgainstTheSchemaAndEscapes) {
  const std::string xml = RecordsToXml(Sample());
  EXPECT_NE(xml.find("xmlns=\"urn:verkosto:records-export:1\""), std::string::npos);
  EXPECT_NE(xml.find("<Title>Nimeämispyyntö: &lt;Työ &amp; &quot;elinvoima&quot;&gt; "
                     "&apos;verkosto&apos;</Title>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<Identifier organisation=\"keha\">KEHA/12/2026</Identifier>"),
            std::string::npos);
  EXPECT_NE(xml.find("<Identifier organisation=\"area\">HEL/77/2026</Identifier>"),
            std::string::npos);
  EXPECT_NE(xml.find("<PublicityClass>public</PublicityClass>"), std::string::npos);
  EXPECT_NE(xml.find("<RetentionPeriod>10</RetentionPeriod>"), std::string::npos);
  EXPECT_NE(xml.find("<Url>/api/v1/cases/r-4657d17f15bb.helsinki/letters/decision-fi.pdf</Url>"),
            std::string::npos);
  EXPECT_NE(xml.find("<Checksum algorithm=\"SHA-256\">" + std::string(64, 'a')), std::string::npos);
  EXPECT_NE(xml.find("<Created>2026-03-02T07:00:00Z</Created>"), std::string::npos);
  EXPECT_NE(xml.find("<Name>Anna Ankka\nToinen rivi</Name>"), std::string::npos)
      << "the control character is dropped";
  EXPECT_NE(xml.find("nextPageToken=\"tok&amp;&lt;en&gt;\""), std::string::npos);

  verkosto::testing::TempDir dir;
  const std::string path = Write(dir, "records.xml", xml);
  EXPECT_EQ(Shell("xmllint --noout --schema " + kXsd + " " + path), 0) << xml;

  // An empty export (a period without cases) is valid too.
  const std::string empty = Write(dir, "empty.xml", RecordsToXml({}));
  EXPECT_EQ(Shell("xmllint --noout --schema " + kXsd + " " + empty), 0);

  // And the schema does check: a record without its publicity class fails.
  std::string broken = xml;
  broken.erase(broken.find("<Restriction>"),
               broken.find("</Restriction>") + 14 - broken.find("<Restriction>"));
  const std::string bad = Write(dir, "bad.xml", broken);
  EXPECT_NE(Shell("xmllint --noout --schema " + kXsd + " " + bad + " 2>/dev/null"), 0);
}

// The JSON: every field of docs/records-export.md, escaped, and valid against
// docs/records-export.schema.json (checked with Python's jsonschema when the
// machine has it).
TEST(RecordsExportFormatTest, JsonHasTheDocumentedFields) {
  const std::string json = RecordsToJson(Sample());
  gpb::Value doc;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(json, &doc).ok()) << json;
  const auto& top = doc.struct_value().fields();
  EXPECT_EQ(top.at("format").string_value(), "verkosto-records-export");
  EXPECT_EQ(top.at("version").number_value(), 1);
  EXPECT_EQ(top.at("next_page_token").string_value(), "tok&<en>");
  ASSERT_EQ(top.at("records").list_value().values_size(), 1);
  const auto& r = top.at("records").list_value().values(0).struct_value().fields();
  EXPECT_EQ(r.at("title").string_value(), "Nimeämispyyntö: <Työ & \"elinvoima\"> 'verkosto'");
  EXPECT_EQ(r.at("keha_diary_number").string_value(), "KEHA/12/2026");
  EXPECT_EQ(r.at("diary_number").string_value(), "HEL/77/2026");
  EXPECT_EQ(r.at("publicity_class").string_value(), "public");
  EXPECT_EQ(r.at("retention").struct_value().fields().at("years").number_value(), 10);
  EXPECT_EQ(r.at("network").struct_value().fields().at("name_sv").string_value(),
            "Sysselsättningsnätverket");
  const auto& decision = r.at("decision").struct_value().fields();
  EXPECT_TRUE(decision.at("approved").bool_value());
  EXPECT_EQ(decision.at("on_behalf_of").string_value(), "dir-hki");
  const auto& nominee = decision.at("nominees").list_value().values(0).struct_value().fields();
  EXPECT_EQ(nominee.at("title").string_value(), "Kehittämispäällikkö");
  const auto& act = r.at("actions").list_value().values(1).struct_value().fields();
  EXPECT_EQ(act.at("by").struct_value().fields().at("role").string_value(), "deputy");
  EXPECT_EQ(act.at("names").list_value().values(0).string_value(),
            "Anna \x01"
            "Ankka\nToinen rivi");
  const auto& document = r.at("documents").list_value().values(0).struct_value().fields();
  EXPECT_EQ(document.at("mime_type").string_value(), "application/pdf");
  EXPECT_EQ(document.at("kind").string_value(), "decision");
  EXPECT_EQ(document.at("url_path").string_value(),
            "/api/v1/cases/r-4657d17f15bb.helsinki/letters/decision-fi.pdf");
  EXPECT_EQ(document.at("size_bytes").number_value(), 12345);

  pb::ExportCaseRecordsResponse undecided = Sample();
  undecided.mutable_records(0)->clear_decision();
  EXPECT_NE(RecordsToJson(undecided).find("\"decision\":null"), std::string::npos);

  if (Shell("python3 -c 'import jsonschema' 2>/dev/null") != 0) {
    GTEST_SKIP() << "python3 jsonschema is not installed: the schema check is skipped";
  }
  verkosto::testing::TempDir dir;
  for (const auto& [name, reply] :
       {std::pair{"decided.json", Sample()}, std::pair{"undecided.json", undecided},
        std::pair{"empty.json", pb::ExportCaseRecordsResponse()}}) {
    const std::string path = Write(dir, name, RecordsToJson(reply));
    EXPECT_EQ(
        Shell("python3 -c 'import json,sys,jsonschema; "
              "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' " +
              kJsonSchema + " " + path),
        0)
        << name;
  }
}

TEST(RecordsExportFormatTest, EscapingHelpers) {
  EXPECT_EQ(XmlEscape("a<b>&\"'\x02\tc"), "a&lt;b&gt;&amp;&quot;&apos;\tc");
  EXPECT_EQ(JsonString("a\"\\\n\x02"), "\"a\\\"\\\\\\n\\u0002\"");
  EXPECT_EQ(RecordsContentType(RecordsFormat::kXml), "application/xml; charset=utf-8");
  EXPECT_EQ(RecordsExtension(RecordsFormat::kJson), "json");
}

}  // namespace
}  // namespace verkosto::gateway
