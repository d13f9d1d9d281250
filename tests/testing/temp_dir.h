#pragma once

#include <string>

namespace verkosto::testing {

// A fresh directory under /tmp (short, so ipc:// paths stay under 107 bytes),
// removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  // "ipc://" + File(name): a private endpoint no other test can collide with.
  std::string Ipc(const std::string& name) const { return "ipc://" + File(name); }

 private:
  std::string path_;
};

}  // namespace verkosto::testing
