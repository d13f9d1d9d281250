// Networks and notifications judge an area contact's address with the same
// check: an address networks accepts is one notifications delivers to, and one
// notifications would drop is refused when it is set.

#include <gtest/gtest.h>

#include "core/date.h"
#include "domain/fixtures.h"
#include "networks/domain/area_directory.h"
#include "networks/service.h"
#include "notifications/domain/policy.h"

namespace verkosto::notifications {
namespace {

// Whether networks lets an admin set `address` as an area's registry address.
bool NetworksAccepts(const std::string& address) {
  const auto directory = networks::ParseAreaDirectory(networks::EmbeddedEmploymentAreasCsv(),
                                                      networks::EmbeddedMunicipalitiesCsv());
  EXPECT_TRUE(directory.ok()) << directory.status().ToString();
  if (!directory.ok()) return false;
  const AreaCode area = directory.value().areas.front().code;
  Actor admin;
  admin.user_id = "admin-1";
  admin.role = Role::kAdmin;
  const networks::AreaContacts contacts{{"Kirjaamo", address, ""}, {}, {}};
  return networks::SetAreaContacts(
             directory.value(), area, contacts, admin,
             HelsinkiStartOfDay(
                 Date{std::chrono::year(2026), std::chrono::month(3), std::chrono::day(2)}))
      .ok();
}

// Whether notifications mails a new request to `address` as the registry's.
bool NotificationsDelivers(const std::string& address) {
  AreaMap areas = testing::Areas();
  areas.at(AreaCode("kainuu")).registry_email = address;
  for (const Recipient& r : Recipients(testing::CaseNotice(Topic::kRequestSent), areas)) {
    if (r.mailbox == RegistryMailbox(AreaCode("kainuu"))) return !r.emails.empty();
  }
  return false;
}

TEST(AreaContactAgreementTest, NetworksAcceptsExactlyTheAddressesNotificationsDelivers) {
  // "kirjaamo@kainuu" once passed networks' '@' check and was then dropped
  // silently by notifications.
  for (const std::string address :
       {"kirjaamo@kainuu.fi", "kirjaamo+te@kainuu.example.fi", "kirjaamo@kainuu",
        "kirjaamo..te@kainuu.fi", "Kirjaamo <kirjaamo@kainuu.fi>", "kirjaamo@kainuu.fi,x@y.fi",
        "kirja amo@kainuu.fi", "@kainuu.fi", "kirjaamo@@kainuu.fi"}) {
    EXPECT_EQ(NetworksAccepts(address), NotificationsDelivers(address)) << address;
  }
  EXPECT_FALSE(NetworksAccepts("kirjaamo@kainuu"));
  EXPECT_TRUE(NetworksAccepts("kirjaamo@kainuu.fi"));
}

}  // namespace
}  // namespace verkosto::notifications
