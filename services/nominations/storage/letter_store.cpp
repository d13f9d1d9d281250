#include "nominations/storage/letter_store.h"

#include <SQLiteCpp/Statement.h>
#include <sodium.h>

#include <array>

#include "storage/database.h"

namespace verkosto::nominations {

namespace {

StoredLetter Row(SQLite::Statement& q, bool with_pdf) {
  StoredLetter out;
  out.case_id = CaseId(q.getColumn("case_id").getString());
  out.kind = LetterKindFromName(q.getColumn("kind").getString()).value_or(LetterKind::kRequest);
  out.language = q.getColumn("language").getString();
  out.sha256 = q.getColumn("sha256").getString();
  out.size_bytes = q.getColumn("size_bytes").getInt64();
  out.created_at_us = q.getColumn("created_at_us").getInt64();
  if (with_pdf) {
    const SQLite::Column pdf = q.getColumn("pdf");
    out.pdf.assign(static_cast<const char*>(pdf.getBlob()), static_cast<size_t>(pdf.getBytes()));
  }
  return out;
}

}  // namespace

std::string Sha256Hex(const std::string& bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  std::array<char, (crypto_hash_sha256_BYTES * 2) + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

Status LetterStore::Add(StoredLetter letter) {
  letter.sha256 = Sha256Hex(letter.pdf);
  letter.size_bytes = static_cast<int64_t>(letter.pdf.size());
  return storage::Guard([&]() -> Status {
    SQLite::Statement s(db_,
                        "INSERT INTO case_letters (case_id, kind, language, sha256, size_bytes, "
                        "created_at_us, pdf) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (case_id, kind, language) DO NOTHING");
    s.bind(1, letter.case_id.value());
    s.bind(2, std::string(LetterKindName(letter.kind)));
    s.bind(3, letter.language);
    s.bind(4, letter.sha256);
    s.bind(5, letter.size_bytes);
    s.bind(6, letter.created_at_us);
    s.bind(7, letter.pdf.data(), static_cast<int>(letter.pdf.size()));
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<StoredLetter>> LetterStore::List(const CaseId& case_id) {
  std::vector<StoredLetter> out;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT case_id, kind, language, sha256, size_bytes, created_at_us "
                        "FROM case_letters WHERE case_id = ? ORDER BY "
                        "CASE kind WHEN 'request' THEN 0 WHEN 'acknowledgement' THEN 1 ELSE 2 END, "
                        "language");
    q.bind(1, case_id.value());
    while (q.executeStep()) out.push_back(Row(q, false));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<std::optional<StoredLetter>> LetterStore::Find(const CaseId& case_id, LetterKind kind,
                                                      const std::string& language) {
  std::optional<StoredLetter> out;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db_,
                        "SELECT case_id, kind, language, sha256, size_bytes, created_at_us, pdf "
                        "FROM case_letters WHERE case_id = ? AND kind = ? AND language = ?");
    q.bind(1, case_id.value());
    q.bind(2, std::string(LetterKindName(kind)));
    q.bind(3, language);
    if (q.executeStep()) out = Row(q, true);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace verkosto::nominations
