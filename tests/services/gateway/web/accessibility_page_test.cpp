// Issue 19, item 5: the accessibility statement (Act 306/2019) over real
// HTTP: no login, in Finnish, Swedish and English, with the feedback address
// from the config, and linked from every page's footer.
#include <gtest/gtest.h>

#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

using testing::WebPagesTest;

bool Has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

TEST_F(WebPagesTest, TheAccessibilityStatementNeedsNoLoginAndGivesTheConfiguredContact) {
  ctx_.accessibility_contact = "saavutettavuus@keha.example.fi";
  struct Case {
    const char* cookie;
    const char* title;
    const char* status;
    const char* enforcement;
  };
  for (const Case& c :
       {Case{"", "<h1>Saavutettavuusseloste</h1>", "WCAG 2.1", "Lupa- ja valvontavirastolle"},
        Case{"lang=sv", "<h1>Tillgänglighetsutlåtande</h1>", "WCAG 2.1",
             "Tillstånds- och tillsynsverket"},
        Case{"lang=en", "<h1>Accessibility statement</h1>", "WCAG 2.1",
             "Finnish Supervisory Agency"}}) {
    auto res = Get("/accessibility", "", c.cookie);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << c.cookie;
    EXPECT_TRUE(Has(res->body, c.title)) << res->body;
    EXPECT_TRUE(Has(res->body, c.status)) << c.cookie;
    EXPECT_TRUE(Has(res->body, c.enforcement)) << c.cookie;
    EXPECT_TRUE(Has(res->body, "306/2019")) << c.cookie;
    EXPECT_TRUE(Has(
        res->body,
        R"(<a href="mailto:saavutettavuus@keha.example.fi">saavutettavuus@keha.example.fi</a>)"))
        << c.cookie;
  }
  // Nothing was asked of the services: the statement stands without them.
  EXPECT_EQ(ctx_.calls().size(), 0u);
}

TEST_F(WebPagesTest, WithoutAConfiguredContactTheStatementPointsToTheRegistry) {
  auto res = Get("/accessibility");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_FALSE(Has(res->body, "mailto:"));
  EXPECT_TRUE(Has(res->body, "KEHA-keskuksen kirjaamoon"));
}

TEST_F(WebPagesTest, EveryPagesFooterLinksTheAccessibilityStatement) {
  for (const char* path : {"/", "/login", "/no-such-page", "/accessibility"}) {
    auto res = Get(path);
    ASSERT_TRUE(res) << path;
    const size_t footer = res->body.find(R"(<footer class="site">)");
    ASSERT_NE(footer, std::string::npos) << path;
    EXPECT_NE(res->body.find(R"(<a href="/accessibility">Saavutettavuusseloste</a>)", footer),
              std::string::npos)
        << path;
  }
  auto sv = Get("/login", "", "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_TRUE(Has(sv->body, R"(<a href="/accessibility">Tillgänglighetsutlåtande</a>)"));
}

}  // namespace
}  // namespace verkosto::gateway
