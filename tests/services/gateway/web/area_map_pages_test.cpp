// The map of the 45 areas (area_map.cpp) on the matrix and the national view,
// over real HTTP: 45 marks, each named by its <title> and shaped by its kind,
// a legend, and the table still there as the text alternative.
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>
#include <vector>

#include "verkosto/nominations/v1/nominations.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nm = ::verkosto::nominations::v1;
using testing::RegisteredCase;
using testing::WebPagesTest;

// Every mark of the map: its area code, class and accessible name.
struct Mark {
  std::string area;
  std::string href;
  std::string title;
  std::string kind;
};

std::vector<Mark> MarksOf(const std::string& body) {
  const size_t start = body.find(R"(<svg class="area-map-svg")");
  const size_t end = body.find("</svg>", start);
  if (start == std::string::npos || end == std::string::npos) return {};
  const std::string svg = body.substr(start, end - start);
  const std::string item = R"(<g role="listitem" class="map-mark" data-area=")";
  std::vector<Mark> marks;
  for (size_t at = svg.find(item); at != std::string::npos; at = svg.find(item, at + 1)) {
    const size_t next = svg.find(item, at + 1);
    const std::string one = svg.substr(at, next == std::string::npos ? next : next - at);
    // The text after `before` up to the next `after`.
    const auto after = [&one](const std::string& before, const std::string& until) {
      const size_t from = one.find(before);
      if (from == std::string::npos) return std::string();
      const size_t to = one.find(until, from + before.size());
      return one.substr(from + before.size(), to - from - before.size());
    };
    Mark m;
    m.area = after("data-area=\"", "\"");
    m.href = after("<a href=\"", "\"");
    m.title = after("<title>", "</title>");
    m.kind = after("class=\"mk mk-", "\"");
    marks.push_back(m);
  }
  return marks;
}

const Mark* Find(const std::vector<Mark>& marks, const std::string& area) {
  for (const Mark& m : marks) {
    if (m.area == area) return &m;
  }
  return nullptr;
}

size_t Count(const std::string& body, const std::string& what) {
  size_t n = 0;
  for (size_t at = body.find(what); at != std::string::npos; at = body.find(what, at + 1)) ++n;
  return n;
}

TEST_F(WebPagesTest, TheMatrixShowsAMapOfTheFortyFiveAreasByTheirState) {
  ctx_.On<nm::NetworkMatrixRequest, nm::NetworkMatrixResponse>(
      [](const Actor&, const nm::NetworkMatrixRequest&, nm::NetworkMatrixResponse* r) {
        r->set_network_code("osaamisverkosto");
        nm::MatrixRow* helsinki = r->add_rows();
        helsinki->set_area_code("helsinki");
        helsinki->set_area_name_fi("Helsingin työllisyysalue");
        helsinki->set_participation("takes_part");
        nm::Case approved = RegisteredCase("helsinki");
        approved.set_state(nm::CASE_STATE_APPROVED);
        *helsinki->mutable_latest_case() = approved;
        *helsinki->add_active_memberships() =
            testing::NamedMembership("helsinki", "Maija Meikäläinen");
        nm::MatrixRow* kainuu = r->add_rows();
        kainuu->set_area_code("kainuu-koillismaa");
        kainuu->set_area_name_fi("Kainuun ja Koillismaan työllisyysalue");
        nm::Case late = RegisteredCase("kainuu-koillismaa");
        late.set_overdue(true);
        *kainuu->mutable_latest_case() = late;
        nm::MatrixRow* oulu = r->add_rows();
        oulu->set_area_code("oulu");
        *oulu->mutable_latest_case() = RegisteredCase("oulu");
        nm::MatrixRow* tampere = r->add_rows();
        tampere->set_area_code("tampere");
        nm::Case declined = RegisteredCase("tampere");
        declined.set_state(nm::CASE_STATE_DECLINED);
        *tampere->mutable_latest_case() = declined;
        nm::MatrixRow* vaasa = r->add_rows();
        vaasa->set_area_code("pohjanmaa");
        vaasa->set_area_name_fi("Pohjanmaan työllisyysalue");
        vaasa->set_participation("declines");  // and so no request
        return Status::Ok();
      });
  for (const char* cookie : {"", "lang=sv", "lang=en"}) {
    auto page = Get("/networks/osaamisverkosto/matrix", "keha", cookie);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    const std::vector<Mark> marks = MarksOf(page->body);
    ASSERT_EQ(marks.size(), 45u) << cookie;
    EXPECT_EQ(Count(page->body, "<title>"), 46u) << cookie;  // the page's and one a mark
    for (const Mark& m : marks) EXPECT_NE(m.title.find(": "), std::string::npos) << m.area;
    EXPECT_NE(page->body.find(R"(role="list" aria-label=")"), std::string::npos);
    // The table stays, its rows the marks' targets.
    EXPECT_NE(page->body.find("<table>"), std::string::npos);
    EXPECT_NE(page->body.find(R"(<tr id="row-helsinki">)"), std::string::npos);
    // Each area's state as its shape, name and link.
    const Mark* helsinki = Find(marks, "helsinki");
    ASSERT_NE(helsinki, nullptr);
    EXPECT_EQ(helsinki->kind, "members");
    EXPECT_EQ(helsinki->href, "#row-helsinki");
    EXPECT_EQ(Find(marks, "kainuu-koillismaa")->kind, "overdue");
    EXPECT_EQ(Find(marks, "oulu")->kind, "open");
    EXPECT_EQ(Find(marks, "tampere")->kind, "declined");
    EXPECT_EQ(Find(marks, "pohjanmaa")->kind, "not_taking_part");
    EXPECT_EQ(Find(marks, "pohjanmaa")->href, "#row-pohjanmaa");
    EXPECT_EQ(Find(marks, "turku")->kind, "none");
    EXPECT_EQ(Find(marks, "turku")->href, "");  // no row to lead to
    // A legend in words, with the counts.
    EXPECT_NE(page->body.find(R"(<ul class="map-legend")"), std::string::npos);
    EXPECT_EQ(Count(page->body, R"(<li><svg viewBox="-10 -10 20 20")"), 6u);
  }
  auto fi = Get("/networks/osaamisverkosto/matrix", "keha");
  const std::vector<Mark> marks = MarksOf(fi->body);
  EXPECT_EQ(Find(marks, "helsinki")->title,
            "Helsingin työllisyysalue: Jäsenet nimetty (Hyväksytty, Osallistuu)");
  EXPECT_EQ(Find(marks, "pohjanmaa")->title, "Pohjanmaan työllisyysalue: Ei osallistu");
  EXPECT_EQ(Find(marks, "turku")->title, "Turku: Ei avointa pyyntöä");
  EXPECT_NE(fi->body.find("Jäsenet nimetty: 1</li>"), std::string::npos);
  // The table says the same in words, participation included.
  EXPECT_NE(fi->body.find(R"(<th scope="row">Pohjanmaan työllisyysalue</th><td>Ei osallistu</td>)"),
            std::string::npos);
  EXPECT_NE(fi->body.find("Ei avointa pyyntöä: 40</li>"), std::string::npos);
}

TEST_F(WebPagesTest, TheNationalViewShowsTheMembershipsOfEveryAreaOnAMap) {
  nm::NationalViewRequest seen;
  ctx_.On<nm::NationalViewRequest, nm::NationalViewResponse>(
      [&seen](const Actor&, const nm::NationalViewRequest& req, nm::NationalViewResponse* r) {
        seen = req;
        nm::NationalViewCell* cell = r->add_cells();
        cell->set_network_code("osaamisverkosto");
        cell->set_area_code("helsinki");
        cell->set_participation("takes_part");
        const std::vector<std::pair<std::string, unsigned>> burdens = {
            {"helsinki", 7}, {"kainuu-koillismaa", 4}, {"oulu", 1}, {"tampere", 0}};
        for (const auto& [area, memberships] : burdens) {
          nm::AreaBurden* b = r->add_burdens();
          b->set_area_code(area);
          b->set_memberships(memberships);
        }
        return Status::Ok();
      });
  for (const char* cookie : {"", "lang=sv"}) {
    auto page = Get("/national-view?status=open", "keha", cookie);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    const std::vector<Mark> marks = MarksOf(page->body);
    ASSERT_EQ(marks.size(), 45u) << cookie;
    for (const Mark& m : marks) EXPECT_NE(m.title.find(": "), std::string::npos) << m.area;
    EXPECT_EQ(Find(marks, "helsinki")->kind, "count_6");
    EXPECT_EQ(Find(marks, "kainuu-koillismaa")->kind, "count_3");
    EXPECT_EQ(Find(marks, "oulu")->kind, "count_1");
    EXPECT_EQ(Find(marks, "tampere")->kind, "count_0");
    EXPECT_EQ(Find(marks, "turku")->kind, "count_0");
    // A mark leads to the view of its area, keeping the status filter.
    EXPECT_EQ(Find(marks, "helsinki")->href, "/national-view?status=open&amp;area=helsinki");
    EXPECT_NE(page->body.find("<table>"), std::string::npos);
    EXPECT_EQ(Count(page->body, R"(<li><svg viewBox="-10 -10 20 20")"), 4u);
  }
  auto fi = Get("/national-view", "keha");
  EXPECT_NE(fi->body.find(": 3–5 jäsenyyttä (4)</title>"), std::string::npos);
  // One area's view: its table, no map.
  auto one = Get("/national-view?area=helsinki", "keha");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200);
  EXPECT_EQ(seen.area_code(), "helsinki");
  EXPECT_TRUE(MarksOf(one->body).empty());
  EXPECT_NE(one->body.find("<table>"), std::string::npos);
}

}  // namespace
}  // namespace verkosto::gateway
