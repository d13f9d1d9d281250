#include "networks/domain/csv.h"

#include <gtest/gtest.h>

namespace verkosto::networks {
namespace {

TEST(CsvTest, ParsesHeaderAndRecordsWithLineNumbers) {
  auto table = ParseCsv("a,b\n1,2\n3,4\n", "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(table->records.size(), 2u);
  EXPECT_EQ(table->records[0].line, 2);
  EXPECT_EQ(table->records[1].line, 3);
  EXPECT_EQ(table->records[1].fields, (std::vector<std::string>{"3", "4"}));
}

TEST(CsvTest, QuotedFieldKeepsCommasAndDoubledQuotes) {
  auto table = ParseCsv("a,b\n\"Ylivieska, Kalajoki\",\"say \"\"hei\"\"\"\n", "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->records[0].fields[0], "Ylivieska, Kalajoki");
  EXPECT_EQ(table->records[0].fields[1], "say \"hei\"");
}

TEST(CsvTest, QuotedFieldMaySpanLinesAndLaterLinesCountThem) {
  auto table = ParseCsv("a,b\n\"one\ntwo\",x\n3,4\n", "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->records[0].fields[0], "one\ntwo");
  EXPECT_EQ(table->records[1].line, 4);
}

TEST(CsvTest, AcceptsCrlfBomEmptyFieldsAndMissingFinalNewline) {
  auto table = ParseCsv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n1,,\r\n\r\n2,\"\",3",
      "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header[0], "a");
  ASSERT_EQ(table->records.size(), 2u);
  EXPECT_EQ(table->records[0].fields, (std::vector<std::string>{"1", "", ""}));
  EXPECT_EQ(table->records[1].line, 4);
  EXPECT_EQ(table->records[1].fields, (std::vector<std::string>{"2", "", "3"}));
}

TEST(CsvTest, RefusesWrongFieldCountNamingTheLine) {
  auto table = ParseCsv("a,b\n1,2\n1,2,3\n", "m.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(table.status().field(), "m.csv:3");
  EXPECT_NE(table.status().message().find("expected 2 fields, found 3"), std::string::npos);
}

TEST(CsvTest, RefusesUnterminatedQuoteNamingTheRecordsFirstLine) {
  auto table = ParseCsv("a,b\n1,2\n\"open,2\n3,4\n", "m.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().field(), "m.csv:3");
  EXPECT_NE(table.status().message().find("not closed"), std::string::npos);
}

TEST(CsvTest, RefusesQuoteInsideUnquotedField) {
  auto table = ParseCsv("a,b\n1,ab\"c\n", "m.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().field(), "m.csv:2");
}

TEST(CsvTest, RefusesTextAfterClosingQuote) {
  auto table = ParseCsv("a,b\n1,\"ab\"c\n", "m.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().field(), "m.csv:2");
  EXPECT_NE(table.status().message().find("after a closing quote"), std::string::npos);
}

TEST(CsvTest, RefusesEmptyFile) {
  auto table = ParseCsv("\n\n", "m.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().field(), "m.csv:1");
}

TEST(CsvTest, ExpectHeaderNamesLineOne) {
  auto table = ParseCsv("code,name\n", "m.csv");
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(ExpectHeader(*table, {"code", "name"}, "m.csv").ok());
  Status status = ExpectHeader(*table, {"code", "name_fi"}, "m.csv");
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.field(), "m.csv:1");
}

}  // namespace
}  // namespace verkosto::networks
