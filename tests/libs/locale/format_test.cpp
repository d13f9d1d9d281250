#include "locale/format.h"

#include <gtest/gtest.h>

#include <chrono>

namespace verkosto::locale {
namespace {

using namespace std::chrono;  // NOLINT(google-build-using-namespace)

// U+00A0, the group separator of fi and sv.
constexpr std::string_view kNbsp = "\xC2\xA0";

int64_t UnixUs(int y, unsigned m, unsigned d, int hour, int minute) {
  const auto t = sys_days(year(y) / month(m) / day(d)) + hours(hour) + minutes(minute);
  return duration_cast<microseconds>(t.time_since_epoch()).count();
}

TEST(LocaleFormatTest, DatesAreDayMonthYearInFinnishAndSwedish) {
  const Date date = year(2027) / January / day(3);
  EXPECT_EQ(FormatDate(date, Language::kFi), "3.1.2027");
  EXPECT_EQ(FormatDate(date, Language::kSv), "3.1.2027");
  EXPECT_EQ(FormatDate(date, Language::kEn), "3 January 2027");
  EXPECT_EQ(FormatDate(year(2026) / December / day(31), Language::kFi), "31.12.2026");
}

TEST(LocaleFormatTest, IsoTextIsFormattedAndOtherTextKept) {
  EXPECT_EQ(FormatIsoDate("2027-01-03", Language::kSv), "3.1.2027");
  EXPECT_EQ(FormatIsoDate("2026-04-30", Language::kEn), "30 April 2026");
  EXPECT_EQ(FormatIsoDate("", Language::kFi), "");
  EXPECT_EQ(FormatIsoDate("not a date", Language::kFi), "not a date");
}

TEST(LocaleFormatTest, DateTimesAreHelsinkiWallTime) {
  // 12:05 UTC in January is 14.05 in Helsinki (EET, UTC+2).
  const int64_t winter = UnixUs(2027, 1, 3, 12, 5);
  EXPECT_EQ(FormatDateTime(winter, Language::kFi), "3.1.2027 klo 14.05");
  EXPECT_EQ(FormatDateTime(winter, Language::kSv), "3.1.2027 kl. 14.05");
  EXPECT_EQ(FormatDateTime(winter, Language::kEn), "3 January 2027 at 14:05");
  // 21:30 UTC on 30 June is 0.30 the next day in Helsinki (EEST, UTC+3).
  EXPECT_EQ(FormatDateTime(UnixUs(2027, 6, 30, 21, 30), Language::kFi), "1.7.2027 klo 0.30");
  EXPECT_EQ(FormatDateTime(0, Language::kFi), "");
  EXPECT_EQ(FormatDateTime(-5, Language::kSv), "");
}

TEST(LocaleFormatTest, NumbersGroupThousandsAsTheLanguageDoes) {
  EXPECT_EQ(FormatNumber(999, Language::kFi), "999");
  EXPECT_EQ(FormatNumber(1000, Language::kFi), "1" + std::string(kNbsp) + "000");
  EXPECT_EQ(FormatNumber(1234567, Language::kSv),
            "1" + std::string(kNbsp) + "234" + std::string(kNbsp) + "567");
  EXPECT_EQ(FormatNumber(1000, Language::kEn), "1,000");
}

TEST(LocaleFormatTest, TenthsUseTheLanguagesDecimalSeparator) {
  EXPECT_EQ(FormatTenths(15, Language::kFi), "1,5");
  EXPECT_EQ(FormatTenths(15, Language::kSv), "1,5");
  EXPECT_EQ(FormatTenths(15, Language::kEn), "1.5");
  EXPECT_EQ(FormatTenths(20, Language::kFi), "2,0");
  EXPECT_EQ(FormatTenths(1, Language::kEn), "0.1");
}

TEST(LocaleFormatTest, PluralCategoriesComeFromTheLanguage) {
  for (const Language lang : {Language::kFi, Language::kSv, Language::kEn}) {
    EXPECT_EQ(PluralCategory(1, lang), "one");
    EXPECT_EQ(PluralCategory(0, lang), "other");
    EXPECT_EQ(PluralCategory(2, lang), "other");
    EXPECT_EQ(PluralCategory(21, lang), "other");
  }
}

TEST(LocaleFormatTest, PluralMessagesSayOneMemberAndTwoMembers) {
  const std::string sv = "{count, plural, one {# medlem} other {# medlemmar}}";
  const std::string fi = "{count, plural, one {# jäsen} other {# jäsentä}}";
  const std::string en = "{count, plural, one {# member} other {# members}}";
  EXPECT_EQ(FormatCount(sv, 1, Language::kSv), "1 medlem");
  EXPECT_EQ(FormatCount(sv, 2, Language::kSv), "2 medlemmar");
  EXPECT_EQ(FormatCount(sv, 0, Language::kSv), "0 medlemmar");
  EXPECT_EQ(FormatCount(fi, 1, Language::kFi), "1 jäsen");
  EXPECT_EQ(FormatCount(fi, 2, Language::kFi), "2 jäsentä");
  EXPECT_EQ(FormatCount(en, 1, Language::kEn), "1 member");
  EXPECT_EQ(FormatCount(en, 2, Language::kEn), "2 members");
  // "#" is a number in the language's format.
  EXPECT_EQ(FormatCount(fi, 1500, Language::kFi), "1" + std::string(kNbsp) + "500 jäsentä");
}

TEST(LocaleFormatTest, MessagesTakeNamedNumbersAndText) {
  EXPECT_EQ(FormatMessage("{name}: {n, plural, one {# kokous} other {# kokousta}} vuodessa",
                          Language::kFi, {{"name", std::string("Verkosto")}, {"n", int64_t{4}}}),
            "Verkosto: 4 kokousta vuodessa");
}

TEST(LocaleFormatTest, AnUnreadablePatternComesBackAsItIs) {
  EXPECT_EQ(FormatCount("{count, plural, one {# x}", 1, Language::kFi),
            "{count, plural, one {# x}");
  EXPECT_EQ(FormatCount("no arguments", 3, Language::kSv), "no arguments");
}

}  // namespace
}  // namespace verkosto::locale
