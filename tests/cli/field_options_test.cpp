#include "field_options.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "cli_context.h"
#include "networks_commands.h"
#include "nominations_commands.h"
#include "notifications_commands.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::cli {
namespace {

namespace nom = ::verkosto::nominations::v1;
namespace ntf = ::verkosto::notifications::v1;

// Parses `args` (after the program name) with `app`.
void Parse(CLI::App& app, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 takes them last first
  app.parse(args);
}

TEST(FieldOptionsTest, EachOptionFillsItsFieldByPath) {
  CLI::App app;
  auto req = std::make_shared<nom::SendRequestRequest>();
  AddFieldOptions(&app, req,
                  {{"--network", "network_code", true},
                   {"--to", "area_codes"},
                   {"--members", "seats.members"},
                   {"--deadline", "deadline", true, "YYYY-MM-DD"}});
  Parse(app, {"--network", "verkko", "--to", "lahti", "--to", "kainuu", "--members", "2",
              "--deadline", "2026-05-01"});
  EXPECT_EQ(req->network_code(), "verkko");
  ASSERT_EQ(req->area_codes_size(), 2);
  EXPECT_EQ(req->area_codes(1), "kainuu");
  EXPECT_EQ(req->seats().members(), 2u);
  EXPECT_EQ(req->deadline(), "2026-05-01");
}

TEST(FieldOptionsTest, ABoolFieldIsAFlagAndAPositionalFillsItsField) {
  CLI::App app;
  auto req = std::make_shared<nom::ListMembershipsRequest>();
  AddFieldOptions(&app, req,
                  {{"NETWORK", "network_code", true}, {"--include-ended", "include_ended"}});
  Parse(app, {"verkko", "--include-ended"});
  EXPECT_EQ(req->network_code(), "verkko");
  EXPECT_TRUE(req->include_ended());
}

TEST(FieldOptionsTest, ARequiredOptionMustBeGiven) {
  CLI::App app;
  auto req = std::make_shared<nom::GetCaseRequest>();
  AddFieldOptions(&app, req, {{"--case", "case_id", true}});
  EXPECT_THROW(Parse(app, {}), CLI::RequiredError);
}

TEST(FieldOptionsTest, HelpShowsTheFieldsTypeAndTheHelpText) {
  CLI::App app;
  auto req = std::make_shared<ntf::ListInboxRequest>();
  AddFieldOptions(&app, req,
                  {{"--unread", "unread_only", false, "Only unread messages"},
                   {"--page-size", "page_size", false, "Items per request (default 100)"}});
  const std::string help = app.help();
  EXPECT_NE(help.find("--unread"), std::string::npos) << help;
  EXPECT_NE(help.find("Only unread messages"), std::string::npos) << help;
  EXPECT_NE(help.find("--page-size UINT"), std::string::npos) << help;
}

// The same text is refused with the same error as the JSON API's, naming the field.
TEST(FieldOptionsTest, TextTheApiWouldRefuseIsRefusedWithTheApisError) {
  CLI::App app;
  auto req = std::make_shared<ntf::ListInboxRequest>();
  AddFieldOptions(&app, req, {{"--page-size", "page_size"}});
  try {
    Parse(app, {"--page-size", "many"});
    ADD_FAILURE() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "invalid_argument: page_size: must be a whole number in 0..4294967295");
  }
}

TEST(FieldOptionsTest, APathThatIsNoFieldIsABugFoundAtOnce) {
  CLI::App app;
  auto req = std::make_shared<nom::GetCaseRequest>();
  EXPECT_THROW(AddFieldOptions(&app, req, {{"--case", "case"}}), std::logic_error);
}

// Every table of the person's commands names fields of its request.
TEST(FieldOptionsTest, EveryPersonCommandBuilds) {
  CLI::App app;
  CliContext ctx;
  EXPECT_NO_THROW(AddNetworksCommands(app, ctx));
  EXPECT_NO_THROW(AddNominationsCommands(app, ctx));
  EXPECT_NO_THROW(AddNotificationsCommands(app, ctx));
}

}  // namespace
}  // namespace verkosto::cli
