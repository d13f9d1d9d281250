#include "networks/domain/disclaimer.h"

#include <gtest/gtest.h>

namespace verkosto::networks {
namespace {

TEST(DisclaimerTest, SaysInEachLanguageThatNetworksDoNotSpeakForTheAreas) {
  const LocalizedText text = Disclaimer();
  EXPECT_NE(text.fi.find("työllisyysalueiden virallisia"), std::string::npos);
  EXPECT_NE(text.sv.find("sysselsättningsområdenas officiella"), std::string::npos);
  EXPECT_NE(text.en.find("not official positions of the employment areas"), std::string::npos);
}

}  // namespace
}  // namespace verkosto::networks
