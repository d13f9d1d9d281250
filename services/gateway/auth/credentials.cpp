#include "gateway/auth/credentials.h"

#include <sodium.h>

#include <array>
#include <mutex>

namespace verkosto::gateway {

namespace {

std::string Hex(const unsigned char* data, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();  // the terminating NUL
  return hex;
}

}  // namespace

HashLimits HashLimits::Minimum() {
  return HashLimits{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Status InitCrypto() {
  static const int kInitialised = sodium_init();  // thread-safe static init; 1 = already done
  if (kInitialised < 0) return Status::Internal("libsodium could not be initialised");
  return Status::Ok();
}

Result<std::string> HashPassword(const std::string& password, const HashLimits& limits) {
  VERKOSTO_RETURN_IF_ERROR(InitCrypto());
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), limits.ops_limit,
                            limits.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("password hashing failed (out of memory or limits out of range)");
  }
  return std::string(out.data());
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  if (!InitCrypto().ok()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(const std::string& hash, const HashLimits& limits) {
  if (!InitCrypto().ok()) return false;
  return crypto_pwhash_str_needs_rehash(hash.c_str(), limits.ops_limit, limits.mem_limit) != 0;
}

void VerifyDummyPassword(const std::string& password, const HashLimits& limits) {
  // One hash per process and limits: the cost of verifying is that of hashing.
  static std::mutex mu;
  static std::string dummy;
  static HashLimits dummy_limits{0, 0};
  std::string hash;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (dummy.empty() || dummy_limits.ops_limit != limits.ops_limit ||
        dummy_limits.mem_limit != limits.mem_limit) {
      Result<std::string> made = HashPassword("not a password of anyone", limits);
      if (!made.ok()) return;
      dummy = *made;
      dummy_limits = limits;
    }
    hash = dummy;
  }
  (void)VerifyPassword(hash, password);
}

std::string RandomToken(const std::string& prefix) {
  (void)InitCrypto();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return prefix + Hex(bytes.data(), bytes.size());
}

std::string TokenHash(const std::string& token) {
  (void)InitCrypto();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return Hex(digest.data(), digest.size());
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace verkosto::gateway
