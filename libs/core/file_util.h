#pragma once

#include <string>

#include "core/status.h"

namespace verkosto {

// Writes `content` to `path` atomically: to "<path>.tmp" (mode 0600),
// flushed, then renamed over `path`, so a reader sees the old file or the
// whole new one.
// Errors: unavailable when the file cannot be written.
Status WriteFileAtomically(const std::string& path, const std::string& content);

// Makes `path` a directory only its owner may enter: creates it (missing
// parents too) with mode 0700. An existing one must belong to this process's
// user: otherwise permission_denied naming the owner — a directory someone
// else made first (say, a guessable name under /tmp) is never used. An
// existing one that group or others may use is tightened to 0700 when
// `tighten` (our own data directories from an earlier version), else refused
// with permission_denied naming its mode.
Status EnsurePrivateDirectory(const std::string& path, bool tighten);

// Makes files this process creates from now on readable by their owner only
// (umask 077): databases, their journals, e-mail files, configs, port files.
void RestrictNewFilesToOwner();

// An exclusive advisory lock (flock) on `path`, created if missing, held
// until the object is destroyed or the process ends (also by kill -9).
class FileLock {
 public:
  // Errors: failed_precondition when another process holds it (the message
  // names `what`), unavailable when the file cannot be opened.
  static Status Acquire(const std::string& path, const std::string& what, FileLock* lock);

  FileLock() = default;
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;

 private:
  int fd_ = -1;
};

}  // namespace verkosto
