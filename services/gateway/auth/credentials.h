#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace verkosto::gateway {

// The cost of one argon2id password hash (libsodium crypto_pwhash). The
// defaults are libsodium's "interactive" limits; tests use the minimum.
struct HashLimits {
  unsigned long long ops_limit = 2;        // crypto_pwhash_OPSLIMIT_INTERACTIVE
  size_t mem_limit = 64ull * 1024 * 1024;  // crypto_pwhash_MEMLIMIT_INTERACTIVE
  // The cheapest limits libsodium accepts for argon2id (tests only).
  static HashLimits Minimum();
};

// Initialises libsodium once (thread-safe). Errors: internal when it cannot.
Status InitCrypto();

// An argon2id hash of `password` in crypto_pwhash_str format (salt and limits
// inside). Errors: internal (out of memory, limits out of range).
Result<std::string> HashPassword(const std::string& password, const HashLimits& limits);

// True when `password` matches `hash` (constant time in libsodium).
bool VerifyPassword(const std::string& hash, const std::string& password);

// True when `hash` was made with other limits (or another algorithm) than
// `limits`: the next successful login hashes the password again.
bool NeedsRehash(const std::string& hash, const HashLimits& limits);

// Burns about the time of one verification, so that an unknown user name
// takes as long to refuse as a wrong password.
void VerifyDummyPassword(const std::string& password, const HashLimits& limits);

// A new random token: `prefix` + 64 hex digits (32 bytes from randombytes_buf).
std::string RandomToken(const std::string& prefix);

// The form a token is stored in: BLAKE2b-256 (crypto_generichash) as hex.
std::string TokenHash(const std::string& token);

// Compares two strings in time independent of where they differ.
bool ConstantTimeEquals(const std::string& a, const std::string& b);

}  // namespace verkosto::gateway
