// THE check of redirect targets a client chose (http/local_path.h): a table
// of what stays on the site and what does not.
#include "gateway/http/local_path.h"

#include <gtest/gtest.h>

#include <string>

namespace verkosto::gateway {
namespace {

struct Target {
  std::string target;
  bool local;
};

TEST(LocalPathTest, OnlyPathsOnThisSiteAreLocal) {
  const Target cases[] = {
      // Paths of the site, with their queries and escapes.
      {"/", true},
      {"/networks", true},
      {"/networks/kestava-kehitys?done=saved", true},
      {"/cases/r-4657d17f15bb.kainuu-koillismaa", true},
      {"/registry/journal?search=%C3%A4", true},  // "ä"
      {"/registry/journal?search=a%2Fb", true},   // "a/b" in the query
      {"/registry/journal?search=100%25", true},  // "100%"
      {"/registry/journal?search=%2541", true},   // a typed "%41"
      {"/a//b", true},                            // "//" after the first segment
      {"/login?next=%2Fnetworks", true},
      // Not a path, or a path to another host.
      {"", false},
      {"networks", false},
      {"https://evil.example/", false},
      {"http:/evil.example", false},
      {"javascript:alert(1)", false},
      {"//evil.example", false},
      {"///evil.example", false},
      {"/\\evil.example", false},
      {"\\\\evil.example", false},
      {"/a\\b", false},
      // Control characters anywhere: browsers drop them ("/\t/x" is "//x").
      {"/\t/evil.example", false},
      {"/\r\nSet-Cookie: x=1", false},
      {"/\n/evil.example", false},
      {"/networks\x7f", false},
      {std::string("/\0/evil.example", 15), false},
      {" /evil", false},
      // Their percent-encoded forms, once or more.
      {"/%09/evil.example", false},
      {"/%2F/evil.example", false},
      {"/%2f/evil.example", false},
      {"/%5C/evil.example", false},
      {"/%5c/evil.example", false},
      {"/%0d%0aSet-Cookie:%20x=1", false},
      {"/%252F/evil.example", false},
      {"/%25252F/evil.example", false},
      {"/x?y=%5C", false},
      {"%2F%2Fevil.example", false},
      {"/%25252525", false},  // deeper than any link of ours
  };
  for (const Target& c : cases) {
    EXPECT_EQ(IsLocalPath(c.target), c.local) << '"' << c.target << '"';
    EXPECT_EQ(SafeBack(c.target), c.local ? c.target : "/") << '"' << c.target << '"';
  }
}

}  // namespace
}  // namespace verkosto::gateway
