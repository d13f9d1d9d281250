#include "core/text.h"

#include <gtest/gtest.h>

#include <list>

namespace verkosto::text {
namespace {

TEST(TextTest, TrimDropsAsciiWhitespaceAtBothEndsOnly) {
  EXPECT_EQ(Trim("  \t a b \r\n"), "a b");
  EXPECT_EQ(Trim(" \n\t "), "");
  EXPECT_EQ(Trim("\xC2\xA0x"), "\xC2\xA0x");  // a no-break space is not ASCII whitespace
}

TEST(TextTest, AsciiLowerChangesOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("Nelli.NOMINEE@Example.FI"), "nelli.nominee@example.fi");
  EXPECT_EQ(AsciiLower("ÄÖ"), "ÄÖ");
}

TEST(TextTest, FoldCaseAlsoLowersLatin1Letters) {
  EXPECT_EQ(FoldCase("ÄÅÖ É Kainuu"), "äåö é kainuu");
  EXPECT_EQ(FoldCase("×"), "×");  // the multiplication sign has no lower case
}

TEST(TextTest, SplitTrimsPartsAndKeepsEmptyOnes) {
  EXPECT_EQ(Split(" a , b ,,c", ','), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_TRUE(Split("  ", ',').empty());
}

TEST(TextTest, NonBlankLinesDropsBlankLinesAndCarriageReturns) {
  EXPECT_EQ(NonBlankLines("one\r\n\r\n  two \n\n"), (std::vector<std::string>{"one", "two"}));
  EXPECT_TRUE(NonBlankLines("\n \n").empty());
}

TEST(TextTest, JoinTakesAnyRangeOfStrings) {
  EXPECT_EQ(Join(std::vector<std::string>{"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(Join(std::list<std::string>{"x"}, ";"), "x");
  EXPECT_EQ(Join(std::vector<std::string>{}, ";"), "");
}

TEST(TextTest, CsvFieldQuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("Kainuu"), "Kainuu");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
}

TEST(TextTest, CsvFieldDefusesEveryFormulaStart) {
  for (const std::string start : {"=", "+", "-", "@", "\t", "\r"}) {
    const std::string value = start + "SUM(A1)";
    EXPECT_EQ(CsvField(value), "\"'" + value + "\"") << value;
  }
  EXPECT_EQ(CsvField("=1,2"), "\"'=1,2\"");
  EXPECT_EQ(CsvField("a=b"), "a=b");  // only a leading character counts
}

TEST(TextTest, StableHashIsFnv1a) {
  // The published FNV-1a 64 test vectors: the same value on every machine.
  EXPECT_EQ(StableHash(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(StableHash("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(StableHash("foobar"), 0x85944171f73967e8ULL);
}

}  // namespace
}  // namespace verkosto::text
