// Issue 19: export. The registry's records export page (records_export_pages.cpp).
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>

#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nm = ::verkosto::nominations::v1;
using testing::WebPagesTest;

TEST_F(WebPagesTest, TheRecordsExportFormHasLabelledFieldsAndIsLinkedFromTheRegistry) {
  auto form = Get("/registry/export", "clerk");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 200);
  for (const char* field : {"from", "to", "format"}) {
    EXPECT_NE(form->body.find(std::string("<label for=\"f-") + field + "\""), std::string::npos)
        << field << "\n"
        << form->body;
  }
  EXPECT_EQ(form->body.find("name=\"area_code\""), std::string::npos)
      << "the clerk exports their own area";
  EXPECT_NE(form->body.find("href=\"/registry/export\""), std::string::npos) << "in the nav";
  auto registry = Get("/registry", "clerk");
  ASSERT_TRUE(registry);
  EXPECT_NE(registry->body.find("<a href=\"/registry/export\">"), std::string::npos);

  // KEHA chooses the area.
  auto keha = Get("/registry/export", "keha");
  ASSERT_TRUE(keha);
  EXPECT_EQ(keha->status, 200);
  EXPECT_NE(keha->body.find("name=\"area_code\""), std::string::npos);
  // In Swedish and English too.
  auto sv = Get("/registry/export", "clerk", "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_NE(sv->body.find("Export av handlingar"), std::string::npos);
  auto en = Get("/registry/export", "clerk", "lang=en");
  ASSERT_TRUE(en);
  EXPECT_NE(en->body.find("Records export"), std::string::npos);
}

TEST_F(WebPagesTest, TheRecordsExportDownloadsTheAreasFileInTheChosenFormat) {
  nm::ExportCaseRecordsRequest seen;
  int calls = 0;
  ctx_.On<nm::ExportCaseRecordsRequest, nm::ExportCaseRecordsResponse>(
      [&](const Actor&, const nm::ExportCaseRecordsRequest& req, nm::ExportCaseRecordsResponse* r) {
        seen = req;
        ++calls;
        nm::CaseRecord* rec = r->add_records();
        rec->set_case_id(req.page_token().empty() ? "r-1.helsinki" : "r-2.helsinki");
        rec->set_title("Nimeämispyyntö: <Osaaminen & työ>");
        if (req.page_token().empty()) r->set_next_page_token("next");
        return Status::Ok();
      });
  auto xml = Get("/registry/export?from=1.1.2027&to=2027-06-30&format=xml", "clerk");
  ASSERT_TRUE(xml);
  EXPECT_EQ(xml->status, 200) << xml->body;
  EXPECT_EQ(xml->get_header_value("Content-Type").rfind("application/xml", 0), 0u);
  EXPECT_NE(xml->get_header_value("Content-Disposition")
                .find("records-helsinki-2027-01-01-2027-06-30.xml"),
            std::string::npos);
  EXPECT_EQ(seen.area_code(), "helsinki") << "the clerk's own area, whatever the query says";
  EXPECT_EQ(seen.from(), "2027-01-01") << "a typed Finnish date is read";
  EXPECT_EQ(calls, 2) << "every page in one file";
  EXPECT_NE(xml->body.find("<NativeId>r-2.helsinki</NativeId>"), std::string::npos) << xml->body;
  EXPECT_NE(xml->body.find("&lt;Osaaminen &amp; työ&gt;"), std::string::npos);

  auto json =
      Get("/registry/export?area_code=vantaa&from=2027-01-01&to=2027-06-30&format=json", "keha");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 200);
  EXPECT_EQ(seen.area_code(), "vantaa") << "KEHA chooses the area";
  EXPECT_NE(json->body.find("\"format\":\"verkosto-records-export\""), std::string::npos);
}

TEST_F(WebPagesTest, TheRecordsExportNamesTheWrongFieldAtTheField) {
  ctx_.On<nm::ExportCaseRecordsRequest, nm::ExportCaseRecordsResponse>(
      [](const Actor&, const nm::ExportCaseRecordsRequest& req, nm::ExportCaseRecordsResponse*) {
        if (req.to() < req.from()) return Status::InvalidArgument("to", "must not be before from");
        return Status::Ok();
      });
  auto typo = Get("/registry/export?from=31.2.2027&to=&format=json", "clerk");
  ASSERT_TRUE(typo);
  EXPECT_EQ(typo->status, 422);
  EXPECT_NE(typo->body.find("id=\"f-from-error\""), std::string::npos) << typo->body;
  EXPECT_NE(typo->body.find("id=\"f-to-error\""), std::string::npos) << "required";
  auto order = Get("/registry/export?from=2027-06-30&to=2027-01-01&format=json", "clerk");
  ASSERT_TRUE(order);
  EXPECT_EQ(order->status, 422);
  EXPECT_NE(order->body.find("id=\"f-to-error\""), std::string::npos) << order->body;
  EXPECT_NE(order->body.find("aria-invalid=\"true\""), std::string::npos);

  // A role that exports nothing does not get the page.
  ctx_.AddUser("nominee", testing::User("n1", Role::kNominee));
  auto nominee = Get("/registry/export", "nominee");
  ASSERT_TRUE(nominee);
  EXPECT_EQ(nominee->status, 403);
}

}  // namespace
}  // namespace verkosto::gateway
