#pragma once

#include <map>
#include <string>

#include "core/result.h"

namespace verkosto::messaging {

// CurveZMQ (RFC 26) keys in Z85 text, 40 characters each.
struct KeyPair {
  std::string public_key;
  std::string secret_key;
};

// A fresh key pair (libzmq's zmq_curve_keypair, libsodium underneath).
// Errors: internal when libzmq was built without CURVE.
Result<KeyPair> GenerateKeyPair();

// True for 40 characters that decode as Z85 into 32 bytes.
bool IsZ85Key(const std::string& key);

// The public key that belongs to `secret_key`. Errors: invalid_argument
// ("secret") when it is not a Z85 key.
Result<std::string> PublicKeyOf(const std::string& secret_key);

// Key files. "<dir>/<principal>.key" holds the secret key (and its public
// half), readable by its owner alone (0600, the directory 0700);
// "<dir>/<principal>.pub" holds the public key only, the part a deployment
// copies to other hosts. Both are small TOML files:
//   public = "<z85>"
//   secret = "<z85>"      (only in .key)

// Writes a new key pair for `principal` under `dir` unless "<principal>.key"
// exists; creates `dir` with mode 0700. Returns the public key (new or
// existing). Errors: unavailable (cannot write), invalid_argument (an
// existing file that is not a key file).
Result<std::string> EnsureKeyPair(const std::string& dir, const std::string& principal);

// Reads "<dir>/<principal>.key". Errors: not_found (no file), invalid_argument
// naming the file (not a key file, or the public key does not match the
// secret one), permission_denied when the file is readable by others than
// its owner (mode must be 0600 or 0400).
Result<KeyPair> LoadKeyPair(const std::string& dir, const std::string& principal);

// Reads the public key of "<dir>/<principal>.pub" (or of the .key file when
// there is no .pub). Errors: not_found, invalid_argument.
Result<std::string> LoadPublicKey(const std::string& dir, const std::string& principal);

// The CurveZMQ side of one socket. A server socket uses `self` (and the
// context's ZapHandler decides who may connect); a client socket uses `self`
// and `server_key`, the public key of the server it connects to, so it talks
// to that server and nobody else. Empty keys: a plain socket — only the
// library's own tests of raw sockets do that; ServiceRuntime always sets keys.
struct CurveOptions {
  KeyPair self;
  std::string server_key;  // clients only: the server's public key (Z85)

  bool enabled() const { return !self.secret_key.empty(); }
};

// Who may connect: public key (Z85) -> principal name.
using PrincipalsByKey = std::map<std::string, std::string>;

// What one process needs to speak CURVE: its own key pair and the public key
// of every principal it knows (servers it connects to, clients it admits).
struct Credentials {
  KeyPair self;
  // principal name -> public key (Z85)
  std::map<std::string, std::string> principals;

  // The public key of `principal`, or empty if unknown.
  std::string KeyOf(const std::string& principal) const;
  // For this process's server sockets.
  CurveOptions Server() const { return CurveOptions{self, {}}; }
  // For a client socket to the server `principal`.
  CurveOptions ClientOf(const std::string& principal) const {
    return CurveOptions{self, KeyOf(principal)};
  }
  // The inverse map, for the ZAP handler.
  PrincipalsByKey ByKey() const;
};

}  // namespace verkosto::messaging
