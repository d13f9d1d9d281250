// The style sheet as served (issue 18, item 6): the Suomi.fi design tokens
// as custom properties with their MIT notice, used by the rules, and the
// print styles of a case's page.
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>

#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

using testing::WebPagesTest;

TEST_F(WebPagesTest, TheStyleSheetCarriesTheSuomiFiTokensWithTheirLicence) {
  auto css = Get("/static/style.css");
  ASSERT_TRUE(css);
  ASSERT_EQ(css->status, 200);
  const std::string& s = css->body;
  EXPECT_NE(s.find("suomifi-design-tokens 7.0.0"), std::string::npos);
  EXPECT_NE(s.find("MIT License"), std::string::npos);
  EXPECT_NE(s.find("Copyright (c) 2019 Population Register Centre"), std::string::npos);
  for (const char* token :
       {"--fi-color-brand-base:hsl(214,100%,24%)", "--fi-color-highlight-base:hsl(212,63%,45%)",
        "--fi-color-black-base:hsl(0,0%,13%)", "--fi-color-success-dark1:hsl(165,90%,27%)",
        "--fi-color-warning-base:hsl(42,93%,50%)", "--fi-color-alert-base:hsl(3,59%,43%)",
        R"(--fi-font-family:"Source Sans 3","Source Sans Pro")", "--fi-text-body:1.125rem",
        "--fi-text-heading1:2.5rem", "--fi-spacing-m:20px"}) {
    EXPECT_NE(s.find(token), std::string::npos) << token;
  }
  // The rules use them, and no font is fetched.
  EXPECT_NE(s.find("body{margin:0;font-family:var(--fi-font-family)"), std::string::npos);
  EXPECT_NE(s.find(":focus-visible{outline:3px solid var(--focus)"), std::string::npos);
  EXPECT_EQ(s.find("@font-face"), std::string::npos);
  EXPECT_EQ(s.find("url("), std::string::npos);
}

TEST_F(WebPagesTest, TheStyleSheetPrintsACasePageAsContentOnly) {
  auto css = Get("/static/style.css");
  ASSERT_TRUE(css);
  const std::string& s = css->body;
  const size_t print = s.find("@media print{");
  ASSERT_NE(print, std::string::npos);
  const std::string rules = s.substr(print);
  EXPECT_NE(rules.find("header.site,nav,footer.site,form,button"), std::string::npos);
  EXPECT_NE(rules.find("body{color:#000;background:#fff"), std::string::npos);
  EXPECT_NE(rules.find(R"css(content:" (" attr(href) ")")css"), std::string::npos);
  EXPECT_NE(rules.find("break-inside:avoid"), std::string::npos);
}

}  // namespace
}  // namespace verkosto::gateway
