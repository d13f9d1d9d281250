// The open data's pure rules (gateway/web/open_data.h): what is published,
// e-mail addresses out of free text, page_size, CSV rows, HTTP dates and the
// conditional-request rule.
#include <gtest/gtest.h>

#include "gateway/web/open_data.h"

namespace verkosto::gateway::web::open_data {
namespace {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;

TEST(OpenDataRules, ProposedOpenAndClosedNetworksArePublishedDraftsAndCancelledNot) {
  EXPECT_TRUE(IsPublished(nw::NETWORK_STATUS_PROPOSED));
  EXPECT_TRUE(IsPublished(nw::NETWORK_STATUS_OPEN));
  EXPECT_TRUE(IsPublished(nw::NETWORK_STATUS_CLOSED));
  EXPECT_FALSE(IsPublished(nw::NETWORK_STATUS_DRAFT));
  EXPECT_FALSE(IsPublished(nw::NETWORK_STATUS_CANCELLED));
  EXPECT_FALSE(IsPublished(nw::NETWORK_STATUS_UNSPECIFIED));
}

TEST(OpenDataRules, EmailAddressesLeaveFreeTextWhateverTheirForm) {
  EXPECT_EQ(WithoutEmailAddresses("Kysy: anna@keha.fi, tai <b@c>"), "Kysy: […] tai […]");
  EXPECT_EQ(WithoutEmailAddresses("rivi\n@x\tloppu"), "rivi\n[…]\tloppu");
  EXPECT_EQ(WithoutEmailAddresses("ei osoitetta"), "ei osoitetta");
  EXPECT_EQ(WithoutEmailAddresses(""), "");
}

TEST(OpenDataRules, PageSizeIsBounded) {
  EXPECT_EQ(ParsePageSize(""), kDefaultPageSize);
  EXPECT_EQ(ParsePageSize("0"), kDefaultPageSize);
  EXPECT_EQ(ParsePageSize("1"), 1u);
  EXPECT_EQ(ParsePageSize("500"), kMaxPageSize);
  EXPECT_EQ(ParsePageSize("501"), std::nullopt);
  EXPECT_EQ(ParsePageSize("-1"), std::nullopt);
  EXPECT_EQ(ParsePageSize("12a"), std::nullopt);
  EXPECT_EQ(ParsePageSize("99999999999"), std::nullopt);
}

TEST(OpenDataRules, CsvRowsQuoteCommasQuotesAndLineBreaksAndKeepNoAddress) {
  nm::Membership m;
  m.set_membership_id("c1.1");
  m.set_network_code("verkosto");
  m.set_area_code("kainuu");
  m.mutable_person()->set_name("Nimitetty, \"Nelli\"");
  m.mutable_person()->set_email("nelli@example.fi");
  m.mutable_person()->set_title("Asiantuntija");
  m.mutable_person()->set_seat(nm::SEAT_KIND_DEPUTY);
  m.set_diary_number("KAI/1\n2026");
  m.mutable_decided()->set_at_unix_us(1772445600000000);  // 2026-03-02 10:00 UTC
  EXPECT_EQ(MembersCsvHeader(),
            "membership_id,network_code,network_name_fi,network_name_sv,area_code,area_name_fi,"
            "area_name_sv,name,seat,started,decision_date,diary_number\r\n");
  EXPECT_EQ(MemberCsvRow(m),
            "c1.1,verkosto,,,kainuu,,,\"Nimitetty, \"\"Nelli\"\"\",deputy,,2026-03-02,"
            "\"KAI/1\n2026\"\r\n");
  const std::string json = MemberJson(m);
  EXPECT_EQ(json.find('@'), std::string::npos);
  EXPECT_EQ(json.find("Asiantuntija"), std::string::npos);
  EXPECT_NE(json.find(R"("name":"Nimitetty, \"Nelli\"")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("diary_number":"KAI/1\n2026")"), std::string::npos) << json;
}

TEST(OpenDataRules, DocumentCarriesTheLicence) {
  const std::string doc = DocumentJson({"{}"}, "ab", "/open-data/v1/members.json?page_token=ab");
  EXPECT_NE(
      doc.find(
          R"("licence":{"name":"CC BY 4.0","url":"https://creativecommons.org/licenses/by/4.0/","publisher":"KEHA-keskus / verkosto")"),
      std::string::npos)
      << doc;
  EXPECT_NE(doc.find(R"("items":[{}])"), std::string::npos) << doc;
}

TEST(OpenDataRules, HttpDatesRoundTripToTheSecond) {
  const int64_t at = 1796526000123456;  // 2026-12-06 03:00:00.123456 UTC
  EXPECT_EQ(HttpDate(at), "Sun, 06 Dec 2026 03:00:00 GMT");
  EXPECT_EQ(ParseHttpDate("Sun, 06 Dec 2026 03:00:00 GMT"), 1796526000000000);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Dec-26 03:00:00 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 31 Feb 2026 03:00:00 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate(""), std::nullopt);
}

TEST(OpenDataRules, IfNoneMatchDecidesAloneElseIfModifiedSince) {
  const std::string etag = "\"abc\"";
  const int64_t at = 1796526000123456;
  EXPECT_TRUE(NotModified("\"x\", \"abc\"", std::nullopt, etag, at));
  EXPECT_TRUE(NotModified("W/\"abc\"", std::nullopt, etag, at));
  EXPECT_TRUE(NotModified("*", std::nullopt, etag, at));
  EXPECT_FALSE(NotModified("\"x\"", "Sun, 06 Dec 2026 03:00:00 GMT", etag, at));
  EXPECT_TRUE(NotModified(std::nullopt, "Sun, 06 Dec 2026 03:00:00 GMT", etag, at));
  EXPECT_TRUE(NotModified(std::nullopt, "Mon, 07 Dec 2026 03:00:00 GMT", etag, at));
  EXPECT_FALSE(NotModified(std::nullopt, "Sun, 06 Dec 2026 02:59:59 GMT", etag, at));
  EXPECT_FALSE(NotModified(std::nullopt, "nonsense", etag, at));
  EXPECT_FALSE(NotModified(std::nullopt, "Sun, 06 Dec 2026 03:00:00 GMT", etag, std::nullopt));
  EXPECT_FALSE(NotModified(std::nullopt, std::nullopt, etag, at));
}

TEST(OpenDataRules, StrongETagIsTheQuotedContentHash) {
  EXPECT_EQ(StrongETag("a"), StrongETag("a"));
  EXPECT_NE(StrongETag("a"), StrongETag("b"));
  EXPECT_EQ(StrongETag("a").size(), 66u);  // 64 hex digits, quoted
}

}  // namespace
}  // namespace verkosto::gateway::web::open_data
