#include "core/email.h"

#include <gtest/gtest.h>

#include <string>

namespace verkosto {
namespace {

TEST(EmailTest, AcceptsPlainAddresses) {
  for (const std::string ok : {"a@b.fi", "nelli.nominee@kainuu.example.fi",
                               "kirjaamo+x@te-palvelut.fi", "first_last@sub-domain.example"}) {
    EXPECT_TRUE(IsValidEmail(ok)) << ok;
  }
}

TEST(EmailTest, RejectsWhatSomeServiceCouldNotDeliver) {
  for (const std::string bad : {"",
                                "@b.fi",
                                "a@",
                                "a@b",
                                "a@@b.fi",
                                "a@b@c.fi",
                                "a b@c.fi",
                                "a@b .fi",
                                "<a@b.fi>",
                                "a@b.fi,c@d.fi",
                                "a@b.fi\r\nBcc: x@y.fi",
                                ".a@b.fi",
                                "a.@b.fi",
                                "a..b@c.fi",
                                "a@.b.fi",
                                "a@b.fi.",
                                "a@b..fi",
                                "a\"b@c.fi",
                                "a@[1.2.3.4]",
                                "a;b@c.fi",
                                "a\t@b.fi"}) {
    EXPECT_FALSE(IsValidEmail(bad)) << bad;
  }
  EXPECT_FALSE(IsValidEmail(std::string(65, 'a') + "@b.fi"));        // local part over 64
  EXPECT_FALSE(IsValidEmail("a@" + std::string(250, 'b') + ".fi"));  // over 254 in all
  EXPECT_TRUE(IsValidEmail(std::string(64, 'a') + "@b.fi"));
}

}  // namespace
}  // namespace verkosto
