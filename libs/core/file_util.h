#pragma once

#include <string>

#include "core/status.h"

namespace verkosto {

// Writes `content` to `path` atomically: to "<path>.tmp", flushed, then
// renamed over `path`, so a reader sees the old file or the whole new one.
// Errors: unavailable when the file cannot be written.
Status WriteFileAtomically(const std::string& path, const std::string& content);

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
