#include <gtest/gtest.h>

#include "../domain/fixtures.h"
#include "nominations/handlers/nomination_handlers.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

TEST(NominationMatrixCsvTest, HeaderRowThenOneRowPerAreaWithQuotedFields) {
  const ApprovalOutcome approved = Approve(RegisteredCase(kHelsinki), {Person("anna")});
  std::vector<MatrixLine> rows;
  rows.push_back({AreaInfo{kHelsinki, "Helsinki, \"pääkaupunki\"", "Helsingfors"},
                  approved.case_after,
                  {approved.started[0].record()}});
  rows.push_back({AreaInfo{kVantaa, "=Vantaa", "Vanda"}, std::nullopt, {}});
  const std::string csv = MatrixCsv(kNetwork, rows);

  std::vector<std::string> lines;
  for (size_t pos = 0; pos < csv.size();) {
    const size_t end = csv.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos);
    lines.push_back(csv.substr(pos, end - pos));
    pos = end + 2;
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind("network,area_code,area_name_fi,", 0), 0u);
  EXPECT_NE(lines[1].find("\"Helsinki, \"\"pääkaupunki\"\"\""), std::string::npos);
  EXPECT_NE(lines[1].find(",approved,843/14.07.00/2026,"), std::string::npos);
  EXPECT_NE(lines[1].find("anna <anna@hel.fi>"), std::string::npos);
  // A formula-like name is neutralised and quoted.
  EXPECT_NE(lines[2].find("\"'=Vantaa\""), std::string::npos);
  EXPECT_NE(lines[2].find(",no_case,"), std::string::npos);
}

}  // namespace
}  // namespace verkosto::nominations
