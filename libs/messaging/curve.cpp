#include "messaging/curve.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/file_util.h"

namespace verkosto::messaging {

namespace {

constexpr size_t kZ85KeyLength = 40;

std::string KeyFile(const std::string& dir, const std::string& principal) {
  return dir + "/" + principal + ".key";
}
std::string PubFile(const std::string& dir, const std::string& principal) {
  return dir + "/" + principal + ".pub";
}

// The value of `name = "..."` in a key file, or empty.
std::string Field(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    if (key != name) continue;
    const size_t open = line.find('"', eq);
    const size_t close = open == std::string::npos ? open : line.find('"', open + 1);
    if (close == std::string::npos) return {};
    return line.substr(open + 1, close - open - 1);
  }
  return {};
}

Result<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("no key file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes `content` to a new file `path` with `mode`, failing if it exists.
Status WriteNewFile(const std::string& path, const std::string& content, mode_t mode) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Status::Unavailable("cannot create " + path + ": " + std::strerror(errno));
  const bool written =
      write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
      fsync(fd) == 0;
  close(fd);
  if (!written) return Status::Unavailable("cannot write " + path);
  return Status::Ok();
}

}  // namespace

Result<KeyPair> GenerateKeyPair() {
  std::array<char, kZ85KeyLength + 1> pub{};
  std::array<char, kZ85KeyLength + 1> sec{};
  if (zmq_curve_keypair(pub.data(), sec.data()) != 0) {
    return Status::Internal("libzmq cannot make CURVE keys: " +
                            std::string(zmq_strerror(zmq_errno())));
  }
  return KeyPair{std::string(pub.data()), std::string(sec.data())};
}

bool IsZ85Key(const std::string& key) {
  if (key.size() != kZ85KeyLength) return false;
  std::array<uint8_t, 32> bytes{};
  return zmq_z85_decode(bytes.data(), key.c_str()) != nullptr;
}

Result<std::string> PublicKeyOf(const std::string& secret_key) {
  if (!IsZ85Key(secret_key)) return Status::InvalidArgument("secret", "is not a Z85 CURVE key");
  std::array<char, kZ85KeyLength + 1> pub{};
  if (zmq_curve_public(pub.data(), secret_key.c_str()) != 0) {
    return Status::InvalidArgument("secret", "is not a CURVE secret key");
  }
  return std::string(pub.data());
}

Result<std::string> EnsureKeyPair(const std::string& dir, const std::string& principal) {
  // Ours and 0700 (tightened if we made it looser); someone else's is refused.
  VERKOSTO_RETURN_IF_ERROR(EnsurePrivateDirectory(dir, /*tighten=*/true));
  if (access(KeyFile(dir, principal).c_str(), F_OK) == 0) {
    VERKOSTO_ASSIGN_OR_RETURN(KeyPair existing, LoadKeyPair(dir, principal));
    return existing.public_key;
  }
  VERKOSTO_ASSIGN_OR_RETURN(KeyPair pair, GenerateKeyPair());
  const std::string header = "# CurveZMQ key of the verkosto principal \"" + principal + "\"\n";
  // The public half first: a reader of the .key file never needs the .pub.
  VERKOSTO_RETURN_IF_ERROR(WriteNewFile(KeyFile(dir, principal),
                                        header + "# SECRET: readable by its owner only\n" +
                                            "public = \"" + pair.public_key + "\"\n" +
                                            "secret = \"" + pair.secret_key + "\"\n",
                                        0600));
  const std::string pub = PubFile(dir, principal);
  unlink(pub.c_str());  // a stale .pub of an earlier key must not survive
  VERKOSTO_RETURN_IF_ERROR(WriteNewFile(
      pub,
      header + "# public: copy it to the hosts that talk to this principal\npublic = \"" +
          pair.public_key + "\"\n",
      0600));
  return pair.public_key;
}

Result<KeyPair> LoadKeyPair(const std::string& dir, const std::string& principal) {
  const std::string path = KeyFile(dir, principal);
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return Status::NotFound("no key file " + path);
  if (st.st_uid != geteuid()) {
    return Status::PermissionDenied(path + " belongs to user id " + std::to_string(st.st_uid) +
                                    ", not to this user: a secret key must be its owner's own");
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777U);
    return Status::PermissionDenied(path + " has mode " + mode +
                                    ": a secret key must be readable by its owner only (0600)");
  }
  VERKOSTO_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path));
  KeyPair pair{Field(text, "public"), Field(text, "secret")};
  if (!IsZ85Key(pair.secret_key) || !IsZ85Key(pair.public_key)) {
    return Status::InvalidArgument(path, R"(is not a key file (public = "...", secret = "..."))");
  }
  VERKOSTO_ASSIGN_OR_RETURN(std::string derived, PublicKeyOf(pair.secret_key));
  if (derived != pair.public_key) {
    return Status::InvalidArgument(path, "its public key does not belong to its secret key");
  }
  return pair;
}

Result<std::string> LoadPublicKey(const std::string& dir, const std::string& principal) {
  Result<std::string> text = ReadSmallFile(PubFile(dir, principal));
  if (!text.ok()) {
    VERKOSTO_ASSIGN_OR_RETURN(KeyPair pair, LoadKeyPair(dir, principal));
    return pair.public_key;
  }
  std::string key = Field(*text, "public");
  if (!IsZ85Key(key)) {
    return Status::InvalidArgument(PubFile(dir, principal), "holds no Z85 public key");
  }
  return key;
}

std::string Credentials::KeyOf(const std::string& principal) const {
  const auto it = principals.find(principal);
  return it == principals.end() ? std::string() : it->second;
}

PrincipalsByKey Credentials::ByKey() const {
  PrincipalsByKey out;
  for (const auto& [name, key] : principals) out[key] = name;
  return out;
}

}  // namespace verkosto::messaging
