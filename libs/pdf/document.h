#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace verkosto::pdf {

// A formal document as plain data: what a letter says, in reading order,
// with no notion of fonts or pages. Domains compose it (e.g. nominations'
// letters.h); RenderPdf (pdf.h) lays it out. Texts are UTF-8, plain (no
// markup); line breaks inside a paragraph are kept.

// One "label: value" row of the document's reference data (date, diary
// numbers, ...), shown beside the addressee on the first page.
struct MetaRow {
  std::string label;
  std::string value;

  friend bool operator==(const MetaRow&, const MetaRow&) = default;
};

// A headed part of the body; `heading` may be empty (paragraphs only).
// `items` are shown as a list (one bullet each) after the paragraphs.
struct Section {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<std::string> items{};

  friend bool operator==(const Section&, const Section&) = default;
};

struct Document {
  // "fi" or "sv": the page label ("Sivu 1 (2)" / "Sida 1 (2)").
  std::string language;
  // The document's name in the page header and the PDF's metadata title,
  // e.g. "PYYNTÖ" / "BEGÄRAN".
  std::string title;
  // The organisation shown at the top left of every page.
  std::string organisation;
  // Who writes (first page, top left) and to whom (below it), line by line.
  std::vector<std::string> sender;
  std::vector<std::string> addressee;
  // Date, diary numbers, ...: the first page's right column.
  std::vector<MetaRow> meta;
  // The subject line, in bold above the body.
  std::string subject;
  std::vector<Section> sections;
  // The closing and the signer's lines ("Name", "title", "on behalf of ...").
  std::vector<std::string> signer;
  // Small print at the bottom of every page.
  std::string footer;
  // The act's time (seconds since the epoch, UTC): the PDF's creation date,
  // so the same document gives the same bytes.
  int64_t created_unix_s = 0;

  friend bool operator==(const Document&, const Document&) = default;
};

}  // namespace verkosto::pdf
