#include "core/file_util.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

namespace verkosto {

Status WriteFileAtomically(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  // 0600 whatever the umask: configs, port files and e-mails are the owner's.
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  FILE* file = fd < 0 ? nullptr : fdopen(fd, "w");
  if (file == nullptr) {
    if (fd >= 0) close(fd);
    return Status::Unavailable("cannot write " + tmp + ": " + std::strerror(errno));
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size() &&
                       std::fflush(file) == 0 && fsync(fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::Unavailable("cannot write " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Status EnsurePrivateDirectory(const std::string& path, bool tighten) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status::Unavailable("cannot create " + path + ": " + std::strerror(errno));
    }
  }
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) {
    return Status::Unavailable("cannot read " + path + ": " + std::strerror(errno));
  }
  if (!S_ISDIR(st.st_mode)) {
    return Status::PermissionDenied(path + " is not a directory (a symbolic link or a file)");
  }
  if (st.st_uid != geteuid()) {
    return Status::PermissionDenied(path + " belongs to user id " + std::to_string(st.st_uid) +
                                    ", not to this user (" + std::to_string(geteuid()) +
                                    "): refusing to use a directory someone else made");
  }
  if ((st.st_mode & 077) != 0) {
    if (tighten && chmod(path.c_str(), 0700) == 0) return Status::Ok();
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777U);
    return Status::PermissionDenied(path + " has mode " + mode +
                                    ": only its owner may use it (chmod 700 " + path + ")");
  }
  return Status::Ok();
}

void RestrictNewFilesToOwner() { umask(077); }

Status FileLock::Acquire(const std::string& path, const std::string& what, FileLock* lock) {
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Unavailable("cannot open " + path + ": " + std::strerror(errno));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return Status::FailedPrecondition(what + " is in use by another process (lock " + path + ")");
  }
  *lock = FileLock();
  lock->fd_ = fd;
  return Status::Ok();
}

FileLock::~FileLock() {
  if (fd_ >= 0) close(fd_);
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

}  // namespace verkosto
