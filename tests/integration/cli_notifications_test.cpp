// The notifications of a nomination chain run through the command line:
// `verkosto up` (no SMTP configured, so e-mail goes to DATA/mail as .eml
// files), the chain by `verkosto networks|nominations …`, then each person's
// `verkosto notifications inbox --json` and the e-mail files.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "up_fixture.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::integration {
namespace {

namespace nom = nominations::v1;
namespace pb = notifications::v1;

class CliNotificationsTest : public UpFixture {
 protected:
  // The .eml files under DATA/mail.
  std::vector<std::string> Mails() {
    std::vector<std::string> out;
    const std::string dir = dir_.File("mail");
    if (!std::filesystem::exists(dir)) return out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".eml") out.push_back(ReadFile(entry.path().string()));
    }
    return out;
  }
};

TEST_F(CliNotificationsTest, ChainThroughTheCommandLineFillsInboxesAndWritesEmail) {
  testing::Process up(Verkosto(), UpArgs(dir_.path()), dir_.File("up.log"));
  int port = 0;
  system_ = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());

  // The demo people log in; each command acts as its token's person.
  const std::string keha = Login("keha.koordinaattori");
  const std::string clerk = Login("kainuu.kirjaamo");
  const std::string director = Login("kainuu.johtaja");
  const std::string nominee = Login("nelli.nimitetty");  // nelli.nimitetty@kainuu.example.fi
  ASSERT_FALSE(HasFailure());

  // Dates relative to today (as the services see it), never literals.
  std::ofstream(dir_.File("network.json")) << DefinitionJson(
      "ilmoitusverkosto", "Ilmoitusverkosto", "Aviseringsnätverket", "Notice network");
  ASSERT_EQ(Cli({"networks", "create", "--file", dir_.File("network.json")}, keha), 0) << output_;
  ASSERT_EQ(Cli({"networks", "propose", "ilmoitusverkosto"}, keha), 0) << output_;
  ASSERT_EQ(Cli({"networks", "open", "ilmoitusverkosto"}, keha), 0) << output_;
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("nominations", "networks"));
  // The nominee reads Swedish.
  pb::SetPreferencesResponse prefs;
  CliOk({"notifications", "preferences", "--language", "sv"}, nominee, &prefs);
  ASSERT_EQ(prefs.preferences_size(), 2);

  nom::SendRequestResponse sent;
  CliOk(
      {"nominations", "send", "--network", "ilmoitusverkosto", "--members", "1", "--deadline",
       testing::DaysFromToday(60), "--message", "Pyydämme nimeämään", "--to", "kainuu-koillismaa"},
      keha, &sent);
  ASSERT_EQ(sent.cases_size(), 1);
  const std::string case_id = sent.cases(0).case_id();
  nom::CaseResponse step;
  CliOk({"nominations", "register", "--case", case_id, "--diary", "843/2026", "--date-received",
         testing::DaysFromToday(0), "--organisation", "Kajaanin kaupunki"},
        clerk, &step);
  CliOk({"nominations", "approve", "--case", case_id, "--nominee",
         "Nelli Nimitetty|Kehittämispäällikkö|nelli.nimitetty@kainuu.example.fi|Kajaani|member"},
        director, &step);
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("notifications", "nominations"));
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("notifications", "networks"));

  pb::ListInboxResponse inbox;
  CliOk({"notifications", "inbox"}, clerk, &inbox);
  ASSERT_EQ(inbox.items_size(), 1);
  EXPECT_EQ(inbox.items(0).subject(), "Nimeämispyyntö kirjattavaksi: Ilmoitusverkosto");
  // The director: the demo catalogue's proposals, ours, its opening (the
  // standard communication plan) and the registered case (newest).
  CliOk({"notifications", "inbox"}, director, &inbox);
  ASSERT_GE(inbox.items_size(), 3);
  EXPECT_EQ(inbox.items(0).subject(), "Päätettävänä: nimeäminen verkostoon Ilmoitusverkosto");
  EXPECT_EQ(inbox.items(1).subject(), "Verkosto avattu: Ilmoitusverkosto");
  EXPECT_EQ(inbox.items(2).subject(), "Uusi verkostoehdotus kommentoitavaksi: Ilmoitusverkosto");
  CliOk({"notifications", "inbox"}, keha, &inbox);
  ASSERT_EQ(inbox.items_size(), 1);
  EXPECT_NE(inbox.items(0).subject().find("Nimeäminen hyväksytty"), std::string::npos);
  CliOk({"notifications", "inbox"}, nominee, &inbox);
  ASSERT_EQ(inbox.items_size(), 1);
  EXPECT_EQ(inbox.items(0).subject(), "Du har utsetts till nätverket Aviseringsnätverket");
  EXPECT_EQ(inbox.unread_count(), 1u);
  pb::MarkReadResponse marked;
  CliOk({"notifications", "mark-read", "--all"}, nominee, &marked);
  EXPECT_EQ(marked.marked(), 1u);

  // E-mail as .eml files: the nominee's among them, once delivery has run
  // (every second). Waits on the mail directory, not on a timer.
  std::filesystem::create_directories(dir_.File("mail"));
  auto has_nominee_mail = [&] {
    for (const std::string& mail : Mails()) {
      if (mail.find("To: <nelli.nimitetty@kainuu.example.fi>") != std::string::npos) return true;
    }
    return false;
  };
  ASSERT_TRUE(WaitForDirectory(dir_.File("mail"), has_nominee_mail, milliseconds(30000)));
  pb::ListDeliveriesResponse own;
  CliOk({"notifications", "deliveries"}, nominee, &own);
  ASSERT_EQ(own.deliveries_size(), 1);
  EXPECT_EQ(own.deliveries(0).status(), pb::DELIVERY_STATUS_SENT);
  for (const std::string& mail : Mails()) {
    EXPECT_NE(mail.find("Content-Type: multipart/alternative"), std::string::npos);
    if (mail.find("To: <nelli.nimitetty@kainuu.example.fi>") == std::string::npos) continue;
    // "Du har utsetts till nätverket …": not ASCII, so an encoded-word.
    EXPECT_NE(mail.find("Subject: =?UTF-8?B?"), std::string::npos) << mail;
    EXPECT_NE(mail.find("Content-Language: sv"), std::string::npos) << mail;
  }
}

}  // namespace
}  // namespace verkosto::integration
