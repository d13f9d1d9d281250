#include "core/file_util.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testing/temp_dir.h"

namespace verkosto {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(FileUtilTest, WritesTheWholeContentAndReplacesTheOldFile) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(dir.File("a.txt"), "first\n").ok());
  ASSERT_TRUE(WriteFileAtomically(dir.File("a.txt"), "second\n").ok());
  EXPECT_EQ(Read(dir.File("a.txt")), "second\n");
  EXPECT_FALSE(std::ifstream(dir.File("a.txt.tmp")).good()) << "the temporary file is left behind";
}

TEST(FileUtilTest, UnwritablePathIsUnavailable) {
  EXPECT_EQ(WriteFileAtomically("/nonexistent-dir/a.txt", "x").code(), ErrorCode::kUnavailable);
}

TEST(FileUtilTest, LockIsExclusiveUntilReleased) {
  testing::TempDir dir;
  FileLock first;
  ASSERT_TRUE(FileLock::Acquire(dir.File("x.lock"), "the thing", &first).ok());
  FileLock second;
  const Status refused = FileLock::Acquire(dir.File("x.lock"), "the thing", &second);
  EXPECT_EQ(refused.code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("the thing is in use"), std::string::npos);
  first = FileLock();  // released
  EXPECT_TRUE(FileLock::Acquire(dir.File("x.lock"), "the thing", &second).ok());
}

}  // namespace
}  // namespace verkosto
