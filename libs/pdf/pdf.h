#pragma once

#include <string>

#include "core/result.h"
#include "pdf/document.h"

namespace verkosto::pdf {

// `doc` as a PDF: A4 portrait, 25 mm side margins, DejaVu Sans/Serif found
// through fontconfig and embedded (subset) by cairo, text laid out and
// wrapped by pango with page breaks where the text needs them. Every page
// has the organisation and the document's title with "Sivu n (N)" /
// "Sida n (N)" (English "Page n (N)" for other languages) at the top and
// the footer at the bottom. The PDF's title is doc.title + " – " +
// doc.subject and its creation date doc.created_unix_s, so the same
// document renders to the same bytes on the same fonts and cairo.
// Internal error if cairo fails.
Result<std::string> RenderPdf(const Document& doc);

// A4 in PDF points.
inline constexpr double kA4WidthPt = 595.28;
inline constexpr double kA4HeightPt = 841.89;

}  // namespace verkosto::pdf
