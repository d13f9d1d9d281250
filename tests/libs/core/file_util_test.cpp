#include "core/file_util.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

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

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

TEST(FileUtilTest, WrittenFilesAreTheOwnersAloneWhateverTheUmask) {
  testing::TempDir dir;
  const mode_t old = umask(022);
  ASSERT_TRUE(WriteFileAtomically(dir.File("secret.txt"), "x").ok());
  umask(old);
  EXPECT_EQ(ModeOf(dir.File("secret.txt")), 0600u);
}

TEST(FileUtilTest, APrivateDirectoryIsMadeOrTightenedOrRefused) {
  testing::TempDir dir;
  // Made with 0700, missing parents too.
  ASSERT_TRUE(EnsurePrivateDirectory(dir.File("a/b"), false).ok());
  EXPECT_EQ(ModeOf(dir.File("a/b")), 0700u);
  // Ours but open to others: tightened when asked, else refused naming the mode.
  ASSERT_EQ(mkdir(dir.File("open").c_str(), 0755), 0);
  chmod(dir.File("open").c_str(), 0755);
  const Status refused = EnsurePrivateDirectory(dir.File("open"), false);
  EXPECT_EQ(refused.code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.message().find("0755"), std::string::npos) << refused.ToString();
  EXPECT_EQ(ModeOf(dir.File("open")), 0755u);
  ASSERT_TRUE(EnsurePrivateDirectory(dir.File("open"), true).ok());
  EXPECT_EQ(ModeOf(dir.File("open")), 0700u);
  // A symbolic link (to a directory someone else chose) is not a directory of ours.
  ASSERT_EQ(symlink(dir.File("open").c_str(), dir.File("link").c_str()), 0);
  EXPECT_EQ(EnsurePrivateDirectory(dir.File("link"), true).code(), ErrorCode::kPermissionDenied);
}

TEST(FileUtilTest, ADirectorySomeoneElseMadeIsNeverUsed) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to give a directory to another user";
  testing::TempDir dir;
  ASSERT_EQ(mkdir(dir.File("theirs").c_str(), 0700), 0);
  ASSERT_EQ(chown(dir.File("theirs").c_str(), 65534, 65534), 0);  // nobody
  const Status refused = EnsurePrivateDirectory(dir.File("theirs"), true);
  EXPECT_EQ(refused.code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.message().find("65534"), std::string::npos) << refused.ToString();
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
