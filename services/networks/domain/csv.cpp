#include "networks/domain/csv.h"

#include "core/text.h"

namespace verkosto::networks {

std::string SourceLine(std::string_view source, int line) {
  return std::string(source) + ":" + std::to_string(line);
}

namespace {

// A record-at-a-time reader over the whole text.
class CsvReader {
 public:
  CsvReader(std::string_view text, std::string_view source) : text_(text), source_(source) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  }

  bool AtEnd() {
    SkipBlankLines();
    return pos_ >= text_.size();
  }

  // Reads one record; call only when !AtEnd().
  Result<CsvRecord> Next() {
    CsvRecord record;
    record.line = line_;
    std::string field;
    bool quoted = false;      // inside a quoted field
    bool was_quoted = false;  // the current field was quoted and is closed
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (quoted) {
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            quoted = false;
            was_quoted = true;
          }
        } else {
          if (c == '\n') ++line_;
          field += c;
        }
        continue;
      }
      if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n' || (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n')) {
        if (c == '\r') ++pos_;
        ++line_;
        record.fields.push_back(std::move(field));
        return record;
      } else if (was_quoted) {
        return Status::InvalidArgument(SourceLine(source_, line_),
                                       "unexpected text after a closing quote");
      } else if (c == '"') {
        if (!field.empty()) {
          return Status::InvalidArgument(SourceLine(source_, line_),
                                         "a quote inside an unquoted field (quote the whole "
                                         "field and double the quote)");
        }
        quoted = true;
      } else {
        field += c;
      }
    }
    if (quoted) {
      return Status::InvalidArgument(SourceLine(source_, record.line),
                                     "a quoted field is not closed before the end of the file");
    }
    record.fields.push_back(std::move(field));
    return record;
  }

 private:
  void SkipBlankLines() {
    while (pos_ < text_.size()) {
      if (text_[pos_] == '\n') {
        ++pos_;
        ++line_;
      } else if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        pos_ += 2;
        ++line_;
      } else {
        return;
      }
    }
  }

  std::string_view text_;
  std::string_view source_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text, std::string_view source) {
  CsvReader reader(text, source);
  if (reader.AtEnd()) return Status::InvalidArgument(SourceLine(source, 1), "the file is empty");
  CsvTable table;
  VERKOSTO_ASSIGN_OR_RETURN(CsvRecord header, reader.Next());
  table.header = std::move(header.fields);
  while (!reader.AtEnd()) {
    VERKOSTO_ASSIGN_OR_RETURN(CsvRecord record, reader.Next());
    if (record.fields.size() != table.header.size()) {
      return Status::InvalidArgument(SourceLine(source, record.line),
                                     "expected " + std::to_string(table.header.size()) +
                                         " fields, found " + std::to_string(record.fields.size()) +
                                         " (quote fields that contain commas)");
    }
    table.records.push_back(std::move(record));
  }
  return table;
}

Status ExpectHeader(const CsvTable& table, const std::vector<std::string>& expected,
                    std::string_view source) {
  if (table.header == expected) return Status::Ok();
  return Status::InvalidArgument(SourceLine(source, 1), "expected the columns " +
                                                            text::Join(expected, ",") + ", found " +
                                                            text::Join(table.header, ","));
}

}  // namespace verkosto::networks
