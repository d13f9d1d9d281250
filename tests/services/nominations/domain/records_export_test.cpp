#include "nominations/domain/records_export.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

// Issue 19, item 3: who may export an area's records.
TEST(RecordsExportTest, KehaExportsAnyAreaAndTheAreasStaffOnlyTheirOwn) {
  EXPECT_TRUE(AuthorizeExport(MakeActor("keha", Role::kKehaCoordinator), kHelsinki).ok());
  EXPECT_TRUE(AuthorizeExport(MakeActor("keha", Role::kKehaCoordinator), kKainuu).ok());
  for (Role role : {Role::kRegistryClerk, Role::kAreaDirector, Role::kAreaDeputy}) {
    const Actor own = MakeActor("staff", role, kHelsinki);
    EXPECT_TRUE(AuthorizeExport(own, kHelsinki).ok()) << RoleName(role);
    const Status other = AuthorizeExport(own, kKainuu);
    EXPECT_EQ(other.code(), ErrorCode::kPermissionDenied) << RoleName(role);
    EXPECT_NE(other.message().find("kainuu-koillismaa"), std::string::npos) << other.ToString();
    EXPECT_EQ(AuthorizeExport(MakeActor("no-area", role), kHelsinki).code(),
              ErrorCode::kPermissionDenied)
        << "an account without an area exports nothing";
  }
  for (Role role : {Role::kObserver, Role::kAdmin, Role::kNominee, Role::kSystem, Role::kOperator,
                    Role::kUnspecified}) {
    EXPECT_EQ(AuthorizeExport(MakeActor("x", role, kHelsinki), kHelsinki).code(),
              ErrorCode::kPermissionDenied)
        << RoleName(role);
  }
}

TEST(RecordsExportTest, APeriodIsTwoDatesInOrderOfAtMostAYear) {
  auto ok = ParseExportPeriod("2026-01-01", "2026-12-31");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->from, D(2026, 1, 1));
  EXPECT_EQ(ok->to, D(2026, 12, 31));
  EXPECT_TRUE(InPeriod(*ok, D(2026, 1, 1)));
  EXPECT_TRUE(InPeriod(*ok, D(2026, 12, 31)));
  EXPECT_FALSE(InPeriod(*ok, D(2025, 12, 31)));
  EXPECT_FALSE(InPeriod(*ok, D(2027, 1, 1)));
  EXPECT_TRUE(ParseExportPeriod("2026-05-05", "2026-05-05").ok()) << "one day";
  EXPECT_TRUE(ParseExportPeriod("2027-06-01", "2028-05-31").ok()) << "366 days with a leap day";

  const auto field = [](std::string_view from, std::string_view to) {
    auto r = ParseExportPeriod(from, to);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return std::string("ok");
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
    return r.status().field();
  };
  EXPECT_EQ(field("", "2026-01-01"), "from");
  EXPECT_EQ(field("2026-01-01", ""), "to");
  EXPECT_EQ(field("2026-13-01", "2026-12-01"), "from");
  EXPECT_EQ(field("2026-01-01", "31.12.2026"), "to");
  EXPECT_EQ(field("2026-02-01", "2026-01-31"), "to") << "to before from";
  EXPECT_EQ(field("2026-01-01", "2027-01-02"), "to") << "367 days";
}

TEST(RecordsExportTest, TheTitleNamesTheKindAndTheNetworkOrTheLoggedSubject) {
  Case c = SentCase();
  EXPECT_EQ(RecordTitle(c, "Työllisyysverkosto"), "Nimeämispyyntö: Työllisyysverkosto");
  EXPECT_EQ(RecordTitle(c, ""), "Nimeämispyyntö: c6-tyollisyys");
  c.kind = CaseKind::kReplacement;
  EXPECT_EQ(RecordTitle(c, "V"), "Seuraajan nimeäminen: V");
  c.kind = CaseKind::kConfirmation;
  EXPECT_EQ(RecordTitle(c, "V"), "Jäsenten jatkon vahvistaminen: V");
  c.registration = Registration{};
  c.registration->subject = "Pyyntö nimetä edustaja";
  EXPECT_EQ(RecordTitle(c, "V"), "Pyyntö nimetä edustaja");
}

TEST(RecordsExportTest, PublicityAndRetentionAreDocumentedConstants) {
  EXPECT_EQ(kRecordPublicityClass, "public");
  EXPECT_EQ(kRecordRetentionYears, 10);
  EXPECT_EQ(kMaxExportPeriodDays, 366);
}

}  // namespace
}  // namespace verkosto::nominations
