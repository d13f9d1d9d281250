// The PDF renderer (libs/pdf): real text, A4, embedded fonts, page numbers,
// page breaks, and the same bytes for the same document.
#include "pdf/pdf.h"

#include <gtest/gtest.h>

#include "testing/pdf_tools.h"
#include "testing/temp_dir.h"

namespace verkosto::pdf {
namespace {

using verkosto::testing::PdfInfoField;
using verkosto::testing::PdfTool;

Document Sample(std::string language) {
  Document d;
  d.language = std::move(language);
  d.title = "NIMEÄMISPYYNTÖ";
  d.organisation = "KEHA-keskus";
  d.sender = {"KEHA-keskus", "Kirjaamo"};
  d.addressee = {"Työllisyysalue Kainuu", "Kirjaamo"};
  d.meta = {{"Päivämäärä", "2.3.2026"}, {"Dnro", "KEHA/12/2026"}};
  d.subject = "Pyyntö nimetä edustajat";
  d.sections = {{"Verkosto", {"Ensimmäinen kappale, jossa on ääkkösiä: å ä ö."}, {"tavoite"}}};
  d.signer = {"Kunnioittavasti", "", "Kaisa Koordinaattori"};
  d.footer = "Asia r-1.kainuu";
  d.created_unix_s = 1772442000;  // 2026-03-02
  return d;
}

class PdfTest : public ::testing::Test {
 protected:
  verkosto::testing::TempDir dir_;
};

TEST_F(PdfTest, RendersRealTextOnA4WithEmbeddedFontsAndPageNumbers) {
  auto pdf = RenderPdf(Sample("fi"));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  const std::string text = PdfTool("pdftotext", dir_.path(), *pdf);
  for (const char* expected : {"NIMEÄMISPYYNTÖ", "Sivu 1 (1)", "KEHA/12/2026", "2.3.2026", "å ä ö",
                               "Kaisa Koordinaattori", "Asia r-1.kainuu", "tavoite"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in\n" << text;
  }
  const std::string info = PdfTool("pdfinfo", dir_.path(), *pdf);
  EXPECT_EQ(PdfInfoField(info, "Pages"), "1") << info;
  EXPECT_EQ(PdfInfoField(info, "Page size"), "595.28 x 841.89 pts (A4)") << info;
  EXPECT_EQ(PdfInfoField(info, "Title"), "NIMEÄMISPYYNTÖ – Pyyntö nimetä edustajat") << info;
  EXPECT_EQ(PdfInfoField(info, "CreationDate"), "Mon Mar  2 09:00:00 2026 UTC") << info;
  const std::string fonts = PdfTool("pdffonts", dir_.path(), *pdf);
  EXPECT_NE(fonts.find("DejaVuSans"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("DejaVuSerif"), std::string::npos) << fonts;
  // Every font embedded: the "emb" column says yes on every row.
  size_t rows = 0;
  size_t line_start = fonts.find('\n', fonts.find("-----")) + 1;
  while (line_start < fonts.size()) {
    const size_t end = fonts.find('\n', line_start);
    const std::string line = fonts.substr(line_start, end - line_start);
    if (!line.empty()) {
      ++rows;
      EXPECT_NE(line.find(" yes "), std::string::npos) << line;
    }
    if (end == std::string::npos) break;
    line_start = end + 1;
  }
  EXPECT_GE(rows, 2u);
}

TEST_F(PdfTest, LongTextBreaksOntoNumberedPagesInTheDocumentsLanguage) {
  Document d = Sample("sv");
  d.title = "BEGÄRAN";
  Section long_section{"Lång", {}};
  for (int i = 0; i < 60; ++i) {
    long_section.paragraphs.push_back("Stycke " + std::to_string(i) +
                                      ": en mening som upprepas för att fylla sidan med text.");
  }
  d.sections.push_back(long_section);
  auto pdf = RenderPdf(d);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const std::string info = PdfTool("pdfinfo", dir_.path(), *pdf);
  EXPECT_EQ(PdfInfoField(info, "Pages"), "3") << info;
  const std::string text = PdfTool("pdftotext", dir_.path(), *pdf);
  EXPECT_NE(text.find("Sida 1 (3)"), std::string::npos);
  EXPECT_NE(text.find("Sida 3 (3)"), std::string::npos);
  EXPECT_NE(text.find("Stycke 59"), std::string::npos) << "nothing lost at the page breaks";
}

TEST_F(PdfTest, TheSameDocumentGivesTheSameBytes) {
  auto a = RenderPdf(Sample("fi"));
  auto b = RenderPdf(Sample("fi"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  const std::string info = PdfTool("pdfinfo", dir_.path(), *a);
  EXPECT_EQ(PdfInfoField(info, "CreationDate"), "Mon Mar  2 09:00:00 2026 UTC") << info;
  Document other = Sample("fi");
  other.subject = "Toinen";
  auto c = RenderPdf(other);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(*a, *c);
}

}  // namespace
}  // namespace verkosto::pdf
