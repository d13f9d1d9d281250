#include "networks/domain/area_directory.h"

#include <gtest/gtest.h>

#include <set>

#include "fixtures.h"

namespace verkosto::networks {
namespace {

using testing::Admin;
using testing::At;
using testing::Coordinator;
using testing::kSmallAreasCsv;
using testing::kSmallMunicipalitiesCsv;
using testing::SmallDirectory;

constexpr const char* kAreasHeader =
    "area_code,name_fi,name_sv,model,host_municipality,municipalities,languages,source,"
    "confidence\n";
constexpr const char* kMunicipalitiesHeader = "code,name_fi,name_sv,area_code,note\n";

TEST(AreaDirectoryTest, BuildsAreasWithMunicipalityCodes) {
  AreaDirectory directory = SmallDirectory();
  ASSERT_EQ(directory.areas.size(), 3u);
  const Area* kymppi = FindArea(directory, AreaCode("kymppi"));
  ASSERT_NE(kymppi, nullptr);
  EXPECT_EQ(kymppi->model, AreaModel::kJointAuthority);
  EXPECT_EQ(kymppi->municipalities, (std::vector<std::string>{"005", "233"}));
  EXPECT_EQ(kymppi->confidence, Confidence::kPartial);
  EXPECT_EQ(kymppi->languages, (std::vector<std::string>{"fi"}));
  EXPECT_EQ(directory.municipalities.size(), 6u);
}

TEST(AreaDirectoryTest, SwedishNameFallsBackToFinnish) {
  AreaDirectory directory = SmallDirectory();
  const Area* espoo = FindArea(directory, AreaCode("espoo-kauniainen"));
  ASSERT_NE(espoo, nullptr);
  EXPECT_TRUE(espoo->name_sv.empty());
  EXPECT_EQ(AreaName(*espoo, Language::kSv), "Espoon ja Kauniaisten työllisyysalue");
  const Area* helsinki = FindArea(directory, AreaCode("helsinki"));
  EXPECT_EQ(AreaName(*helsinki, Language::kSv), "Helsingfors stad");
  EXPECT_EQ(AreaName(*helsinki, Language::kFi), "Helsingin kaupunki");
}

TEST(AreaDirectoryTest, RefusesBadAreaRowsListingEveryLine) {
  std::string csv = std::string(kAreasHeader) +
                    "helsinki,Helsingin kaupunki,,own,Helsinki,Helsinki,fi,src,verified\n"
                    "Bad Code,X,,own,X,X,fi,src,verified\n"
                    "y,Y,,federation,Y,Y,fi,src,sure\n";
  auto rows = ParseEmploymentAreas(csv);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(rows.status().field(), "employment_areas.csv:3");
  const std::string message = rows.status().message();
  EXPECT_NE(message.find("employment_areas.csv:3: area_code 'Bad Code' is not a slug"),
            std::string::npos);
  EXPECT_NE(message.find("employment_areas.csv:4: model 'federation'"), std::string::npos);
  EXPECT_NE(message.find("employment_areas.csv:4: confidence 'sure'"), std::string::npos);
}

TEST(AreaDirectoryTest, RefusesHostThatIsNotAMember) {
  std::string csv =
      std::string(kAreasHeader) + "aa,A,,host_municipality,Oulu,Kemi;Tornio,fi,src,verified\n";
  auto rows = ParseEmploymentAreas(csv);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().field(), "employment_areas.csv:2");
  EXPECT_NE(rows.status().message().find("host_municipality 'Oulu'"), std::string::npos);
}

TEST(AreaDirectoryTest, AcceptsAreaWithoutHost) {
  std::string csv = std::string(kAreasHeader) +
                    "meri-lappi,Meri-Lapin työllisyysalue,,host_municipality,,Kemi;Tornio,fi,src,"
                    "partial\n";
  auto rows = ParseEmploymentAreas(csv);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->at(0).area.host_municipality, "");
}

TEST(AreaDirectoryTest, RefusesOwnModelWithSeveralMunicipalities) {
  std::string csv = std::string(kAreasHeader) + "aa,A,,own,Kemi,Kemi;Tornio,fi,src,verified\n";
  auto rows = ParseEmploymentAreas(csv);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("exactly one municipality"), std::string::npos);
}

TEST(AreaDirectoryTest, RefusesMunicipalityListedTwiceAndUnknownLanguage) {
  std::string csv =
      std::string(kAreasHeader) + "aa,A,,host_municipality,Kemi,Kemi;kemi,fi;en,src,verified\n";
  auto rows = ParseEmploymentAreas(csv);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("listed twice"), std::string::npos);
  EXPECT_NE(rows.status().message().find("language 'en'"), std::string::npos);
}

TEST(AreaDirectoryTest, AreaNameWithQuotedCommaParses) {
  std::string csv = std::string(kAreasHeader) +
                    "ylivieska-kalajoki-nivala,\"Ylivieska, Kalajoki, Nivala -työllisyysalue\",,"
                    "host_municipality,Ylivieska,Ylivieska;Sievi,fi,src,verified\n";
  auto rows = ParseEmploymentAreas(csv);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->at(0).area.name_fi, "Ylivieska, Kalajoki, Nivala -työllisyysalue");
}

TEST(AreaDirectoryTest, RefusesBadMunicipalityRowsWithLineNumbers) {
  std::string csv = std::string(kMunicipalitiesHeader) +
                    "005,Alajärvi,,kymppi,\n"
                    "12a,Bad,,kymppi,\n"
                    "009,,,kymppi,\n";
  auto rows = ParseMunicipalities(csv);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().field(), "municipalities.csv:3");
  EXPECT_NE(rows.status().message().find("municipalities.csv:3: code '12a' is not 3 digits"),
            std::string::npos);
  EXPECT_NE(rows.status().message().find("municipalities.csv:4: name_fi is empty"),
            std::string::npos);
}

TEST(AreaDirectoryTest, RefusesMainlandMunicipalityWithoutArea) {
  std::string csv = std::string(kMunicipalitiesHeader) + "005,Alajärvi,,,\n";
  auto rows = ParseMunicipalities(csv);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().field(), "municipalities.csv:2");
  EXPECT_NE(rows.status().message().find("area_code is empty"), std::string::npos);
}

TEST(AreaDirectoryTest, RefusesAlandMunicipalityWithArea) {
  std::string csv = std::string(kMunicipalitiesHeader) + "478,Maarianhamina,Mariehamn,turku,\n";
  auto rows = ParseMunicipalities(csv);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("Åland"), std::string::npos);
}

TEST(AreaDirectoryTest, RefusesWrongHeader) {
  auto rows = ParseMunicipalities("code,name,area\n005,Alajärvi,kymppi\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().field(), "municipalities.csv:1");
}

TEST(AreaDirectoryTest, RefusesWrongNumberOfAreas) {
  auto directory = ParseAreaDirectory(kSmallAreasCsv, kSmallMunicipalitiesCsv);
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().field(), "employment_areas.csv");
  EXPECT_NE(directory.status().message().find("expected 45 areas, found 3"), std::string::npos);
}

TEST(AreaDirectoryTest, RefusesMembershipMismatchNamingBothFiles) {
  std::string municipalities = kSmallMunicipalitiesCsv;
  // Kauniainen (line 6) moved to Helsinki in the mapping only.
  municipalities.replace(municipalities.find("235,Kauniainen,Grankulla,espoo-kauniainen"),
                         std::string("235,Kauniainen,Grankulla,espoo-kauniainen").size(),
                         "235,Kauniainen,Grankulla,helsinki");
  auto directory = ParseAreaDirectory(kSmallAreasCsv, municipalities, 3);
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(directory.status().field(), "municipalities.csv:6");
  EXPECT_NE(directory.status().message().find(
                "Kauniainen has area_code 'helsinki' but area 'espoo-kauniainen' lists it "
                "(employment_areas.csv:3)"),
            std::string::npos)
      << directory.status().message();
}

TEST(AreaDirectoryTest, RefusesMunicipalityNoAreaLists) {
  std::string municipalities =
      std::string(kSmallMunicipalitiesCsv) + "092,Vantaa,Vanda,helsinki,\n";
  auto directory = ParseAreaDirectory(kSmallAreasCsv, municipalities, 3);
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().field(), "municipalities.csv:8");
  EXPECT_NE(directory.status().message().find("does not list it"), std::string::npos);
}

TEST(AreaDirectoryTest, RefusesUnknownAreaAndUnknownMember) {
  std::string municipalities = std::string(kSmallMunicipalitiesCsv) + "092,Vantaa,Vanda,vantaa,\n";
  std::string areas = std::string(kSmallAreasCsv) +
                      "oulu,Oulun työllisyysalue,,host_municipality,Oulu,Oulu,fi,src,verified\n";
  auto directory = ParseAreaDirectory(areas, municipalities, 4);
  ASSERT_FALSE(directory.ok());
  const std::string message = directory.status().message();
  EXPECT_NE(message.find("municipalities.csv:8: area_code 'vantaa' is not an area"),
            std::string::npos)
      << message;
  EXPECT_NE(
      message.find("employment_areas.csv:5: municipality 'Oulu' is not in municipalities.csv"),
      std::string::npos)
      << message;
}

TEST(AreaDirectoryTest, RefusesDuplicateCodes) {
  std::string municipalities = std::string(kSmallMunicipalitiesCsv) + "005,Alajärvi2,,kymppi,\n";
  auto directory = ParseAreaDirectory(kSmallAreasCsv, municipalities, 3);
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.status().message().find("municipalities.csv:8: code 005 repeats line 2"),
            std::string::npos)
      << directory.status().message();
  std::string areas =
      std::string(kSmallAreasCsv) + "kymppi,Toinen,,host_municipality,,Kauhava,fi,src,verified\n";
  auto again = ParseAreaDirectory(areas, kSmallMunicipalitiesCsv, 4);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("area_code 'kymppi' repeats line 4"), std::string::npos)
      << again.status().message();
}

TEST(AreaDirectoryTest, FindsAreaByNameCaseInsensitivelyInFinnishOrSwedish) {
  AreaDirectory directory = SmallDirectory();
  for (const char* query : {"Kauniainen", "KAUNIAINEN", "grankulla", "  Esbo "}) {
    auto match = FindAreaOfMunicipality(directory, query);
    ASSERT_TRUE(match.ok()) << query << ": " << match.status().ToString();
    EXPECT_EQ(match->area.code, AreaCode("espoo-kauniainen")) << query;
  }
  auto match = FindAreaOfMunicipality(directory, "ALAJÄRVI");
  ASSERT_TRUE(match.ok()) << match.status().ToString();
  EXPECT_EQ(match->municipality.code, "005");
}

TEST(AreaDirectoryTest, FindsAreaByCodeWithOrWithoutLeadingZeros) {
  AreaDirectory directory = SmallDirectory();
  for (const char* query : {"5", "05", "005"}) {
    auto match = FindAreaOfMunicipality(directory, query);
    ASSERT_TRUE(match.ok()) << query;
    EXPECT_EQ(match->area.code, AreaCode("kymppi"));
    EXPECT_EQ(match->municipality.name_fi, "Alajärvi");
  }
}

TEST(AreaDirectoryTest, LookupErrors) {
  AreaDirectory directory = SmallDirectory();
  auto empty = FindAreaOfMunicipality(directory, "  ");
  EXPECT_EQ(empty.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(empty.status().field(), "municipality");
  EXPECT_EQ(FindAreaOfMunicipality(directory, "0005").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(FindAreaOfMunicipality(directory, "Tukholma").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(FindAreaOfMunicipality(directory, "999").status().code(), ErrorCode::kNotFound);
}

TEST(AreaDirectoryTest, AlandMunicipalityIsFoundButHasNoArea) {
  auto match = FindAreaOfMunicipality(SmallDirectory(), "Mariehamn");
  ASSERT_FALSE(match.ok());
  EXPECT_EQ(match.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(match.status().message().find("Åland"), std::string::npos);
}

TEST(AreaDirectoryTest, LoadIntoEmptyDirectoryAddsEverythingWithDemoContacts) {
  auto update =
      LoadReferenceData({}, kSmallAreasCsv, kSmallMunicipalitiesCsv, Admin(), At(2025, 1, 2), 3);
  ASSERT_TRUE(update.ok()) << update.status().ToString();
  EXPECT_EQ(update->diff.areas_added.size(), 3u);
  EXPECT_EQ(update->diff.municipalities_added.size(), 6u);
  ASSERT_EQ(update->events.size(), 1u);
  EXPECT_EQ(update->events[0].areas.size(), 3u);
  EXPECT_EQ(update->events[0].audit.user_id, "admin-1");
  const Area* kymppi = FindArea(update->directory, AreaCode("kymppi"));
  EXPECT_EQ(kymppi->contacts, DemoContacts(AreaCode("kymppi")));
}

TEST(AreaDirectoryTest, LoadingTheSameDataAgainChangesNothing) {
  auto first =
      LoadReferenceData({}, kSmallAreasCsv, kSmallMunicipalitiesCsv, Admin(), At(2025, 1, 2), 3);
  ASSERT_TRUE(first.ok());
  auto second = LoadReferenceData(first->directory, kSmallAreasCsv, kSmallMunicipalitiesCsv,
                                  Admin(), At(2025, 1, 3), 3);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->diff.empty());
  EXPECT_TRUE(second->events.empty());
  EXPECT_EQ(second->directory, first->directory);
}

TEST(AreaDirectoryTest, ReloadReportsChangesAndKeepsContacts) {
  auto first =
      LoadReferenceData({}, kSmallAreasCsv, kSmallMunicipalitiesCsv, Admin(), At(2025, 1, 2), 3);
  ASSERT_TRUE(first.ok());
  AreaContacts real{{"Kirjaamo", "kirjaamo@kymppi.example.fi", ""},
                    {"Aino Esimerkki", "aino@kymppi.example.fi", ""},
                    {}};
  auto with_contacts =
      SetAreaContacts(first->directory, AreaCode("kymppi"), real, Admin(), At(2025, 1, 3));
  ASSERT_TRUE(with_contacts.ok()) << with_contacts.status().ToString();
  // Kymppi gets a Swedish name, Helsinki is dropped along with its municipality.
  std::string areas = kSmallAreasCsv;
  areas.replace(areas.find("Kuntayhtymä Kymppi,,"), std::string("Kuntayhtymä Kymppi,,").size(),
                "Kuntayhtymä Kymppi,Samkommunen Kymppi,");
  areas.erase(areas.find("helsinki,"), areas.find("espoo-kauniainen,") - areas.find("helsinki,"));
  std::string municipalities = kSmallMunicipalitiesCsv;
  municipalities.erase(municipalities.find("091,"),
                       municipalities.find("233,") - municipalities.find("091,"));
  auto reload = LoadReferenceData(with_contacts->directory, areas, municipalities, Admin(),
                                  At(2025, 1, 4), 2);
  ASSERT_TRUE(reload.ok()) << reload.status().ToString();
  EXPECT_EQ(reload->diff.areas_changed, std::vector<AreaCode>{AreaCode("kymppi")});
  EXPECT_EQ(reload->diff.areas_removed, std::vector<AreaCode>{AreaCode("helsinki")});
  EXPECT_EQ(reload->diff.municipalities_removed, std::vector<std::string>{"091"});
  EXPECT_TRUE(reload->diff.areas_added.empty());
  EXPECT_NE(std::find(reload->diff.changes.begin(), reload->diff.changes.end(),
                      "area kymppi: name_sv '' -> 'Samkommunen Kymppi'"),
            reload->diff.changes.end());
  EXPECT_EQ(FindArea(reload->directory, AreaCode("kymppi"))->contacts, real);
  ASSERT_EQ(reload->events.size(), 1u);
}

TEST(AreaDirectoryTest, DiffReportsChangedMunicipality) {
  AreaDirectory before = SmallDirectory();
  AreaDirectory after = before;
  after.municipalities[0].name_sv = "Alajärvi";
  after.municipalities.push_back({"999", "Uusikunta", "", AreaCode("kymppi"), ""});
  AreaDirectoryDiff diff = DiffAreaDirectory(before, after);
  EXPECT_EQ(diff.municipalities_changed, std::vector<std::string>{"005"});
  EXPECT_EQ(diff.municipalities_added, std::vector<std::string>{"999"});
  EXPECT_FALSE(diff.empty());
  EXPECT_TRUE(DiffAreaDirectory(before, before).empty());
}

TEST(AreaDirectoryTest, LoadRefusedForNonAdminAndNothingChanges) {
  auto update = LoadReferenceData({}, kSmallAreasCsv, kSmallMunicipalitiesCsv, Coordinator(),
                                  At(2025, 1, 2), 3);
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.status().code(), ErrorCode::kPermissionDenied);
}

TEST(AreaDirectoryTest, LoadRefusesBadFileAsAWhole) {
  std::string municipalities = std::string(kSmallMunicipalitiesCsv) + "092,Vantaa,Vanda,,\n";
  auto update = LoadReferenceData(SmallDirectory(), kSmallAreasCsv, municipalities, Admin(),
                                  At(2025, 1, 2), 3);
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(update.status().field(), "municipalities.csv:8");
}

TEST(AreaDirectoryTest, DemoContactsAreDeterministicInventedAndDistinct) {
  AreaContacts a = DemoContacts(AreaCode("kainuu-koillismaa"));
  EXPECT_EQ(a, DemoContacts(AreaCode("kainuu-koillismaa")));
  EXPECT_EQ(a.registry_office.email, "kirjaamo@kainuu-koillismaa.example.fi");
  EXPECT_NE(a.director.name, a.deputy.name);
  EXPECT_NE(a.director.email.find("@kainuu-koillismaa.example.fi"), std::string::npos);
  for (char c : a.director.email + a.deputy.email) {
    EXPECT_LT(static_cast<unsigned char>(c), 0x80) << "e-mail must be ASCII";
  }
  std::set<std::string> directors;
  for (const char* code : {"helsinki", "vantaa", "turku", "oulu", "kymppi", "lahti"}) {
    directors.insert(DemoContacts(AreaCode(code)).director.name);
  }
  EXPECT_GT(directors.size(), 1u);
}

TEST(AreaDirectoryTest, SetContactsErrors) {
  AreaDirectory directory = SmallDirectory();
  AreaContacts contacts{{"Kirjaamo", "kirjaamo@x.example.fi", ""}, {}, {}};
  EXPECT_EQ(SetAreaContacts(directory, AreaCode("kymppi"), contacts, Coordinator(), At(2025, 1, 2))
                .status()
                .code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(SetAreaContacts(directory, AreaCode("nowhere"), contacts, Admin(), At(2025, 1, 2))
                .status()
                .code(),
            ErrorCode::kNotFound);
  AreaContacts bad{{"Kirjaamo", "not-an-address", ""}, {"", "x@y.fi", ""}, {}};
  auto status =
      SetAreaContacts(directory, AreaCode("kymppi"), bad, Admin(), At(2025, 1, 2)).status();
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.field(), "registry_office.email");
  EXPECT_NE(status.message().find("director.name"), std::string::npos);
}

TEST(AreaDirectoryTest, SetContactsReportsTheChangeOnce) {
  AreaDirectory directory = SmallDirectory();
  AreaContacts contacts{{"Kirjaamo", "kirjaamo@x.example.fi", ""}, {}, {}};
  auto first = SetAreaContacts(directory, AreaCode("kymppi"), contacts, Admin(), At(2025, 1, 2));
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->events.size(), 1u);
  EXPECT_EQ(first->events[0].areas, std::vector<AreaCode>{AreaCode("kymppi")});
  auto again =
      SetAreaContacts(first->directory, AreaCode("kymppi"), contacts, Admin(), At(2025, 1, 3));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->events.empty());
}

}  // namespace
}  // namespace verkosto::networks
