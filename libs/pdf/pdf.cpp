#include "pdf/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <string_view>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
// fontconfig and pango keep their font caches for the life of the process
// on purpose; LeakSanitizer would report them at exit. Only these libraries'
// allocations are excused.
extern "C" const char* __lsan_default_suppressions();   // NOLINT(bugprone-reserved-identifier)
extern "C" const char* __lsan_default_suppressions() {  // NOLINT(bugprone-reserved-identifier)
  return "leak:libfontconfig.so\nleak:libpango-1.0.so\nleak:libpangoft2-1.0.so\n"
         "leak:libpangocairo-1.0.so\nleak:libglib-2.0.so\nleak:libgobject-2.0.so\n"
         "leak:libharfbuzz.so\nleak:libcairo.so\nleak:libfreetype.so\n";
}
#endif

namespace verkosto::pdf {

namespace {

constexpr double kMarginLeft = 70.0;   // ~25 mm
constexpr double kMarginRight = 56.0;  // ~20 mm
constexpr double kHeaderTop = 36.0;
constexpr double kBodyTop = 92.0;
constexpr double kFooterTop = kA4HeightPt - 52.0;
constexpr double kBodyBottom = kFooterTop - 14.0;
constexpr double kTextWidth = kA4WidthPt - kMarginLeft - kMarginRight;
constexpr double kRightColumn = kMarginLeft + (kTextWidth * 0.52);
// The header's document title: left of the right column, so a long title
// keeps clear of the page number.
constexpr double kHeaderTitle = kMarginLeft + (kTextWidth * 0.46);

struct LayoutDeleter {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

// One laid-out line of text placed on a page.
struct Placed {
  int page = 0;
  double x = 0;
  double y = 0;  // baseline
  PangoLayoutLine* line = nullptr;
  double grey = 0;
};

class Composer {
 public:
  explicit Composer(PangoContext* context) : context_(context) {}

  PangoLayout* Layout(const std::string& text, const char* font, double width) {
    LayoutPtr layout(pango_layout_new(context_));
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout.get(), desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    layouts_.push_back(std::move(layout));
    return layouts_.back().get();
  }

  // The lines of `layout`, starting at baseline-top `y` on `page` at `x`;
  // returns the y below the last line. With `flow`, lines that do not fit
  // go on to the next page.
  double Place(PangoLayout* layout, double x, double y, double grey, bool flow) {
    const int count = pango_layout_get_line_count(layout);
    for (int i = 0; i < count; ++i) {
      PangoLayoutLine* line = pango_layout_get_line_readonly(layout, i);
      PangoRectangle logical;
      pango_layout_line_get_extents(line, nullptr, &logical);
      const double height = static_cast<double>(logical.height) / PANGO_SCALE;
      const double ascent = static_cast<double>(-logical.y) / PANGO_SCALE;
      if (flow && y + height > kBodyBottom) {
        ++page_;
        y = kBodyTop;
      }
      placed_.push_back({page_, x, y + ascent, line, grey});
      y += height;
    }
    return y;
  }

  // Height of the first `lines` lines of `layout`.
  static double HeightOf(PangoLayout* layout, int lines) {
    double height = 0;
    const int count = std::min(lines, pango_layout_get_line_count(layout));
    for (int i = 0; i < count; ++i) {
      PangoRectangle logical;
      pango_layout_line_get_extents(pango_layout_get_line_readonly(layout, i), nullptr, &logical);
      height += static_cast<double>(logical.height) / PANGO_SCALE;
    }
    return height;
  }

  // Starts a new page unless `needed` points fit below `y`.
  double KeepTogether(double y, double needed) {
    if (y + needed > kBodyBottom && y > kBodyTop) {
      ++page_;
      return kBodyTop;
    }
    return y;
  }

  int pages() const { return page_ + 1; }
  const std::vector<Placed>& placed() const { return placed_; }

 private:
  PangoContext* context_;
  std::vector<LayoutPtr> layouts_;
  std::vector<Placed> placed_;
  int page_ = 0;
};

constexpr const char* kSans = "DejaVu Sans 9.5";
constexpr const char* kSansBold = "DejaVu Sans Bold 9.5";
constexpr const char* kSansSmall = "DejaVu Sans 7.5";
constexpr const char* kSerif = "DejaVu Serif 10.5";
constexpr const char* kSubject = "DejaVu Sans Bold 12.5";
constexpr const char* kHeading = "DejaVu Sans Bold 10.5";

std::string PageLabel(std::string_view language, int page, int pages) {
  std::string word = "Page";
  if (language == "fi") word = "Sivu";
  if (language == "sv") word = "Sida";
  return word + " " + std::to_string(page) + " (" + std::to_string(pages) + ")";
}

// "2026-12-06T10:15:00" (UTC), as cairo's metadata wants it.
std::string IsoTime(int64_t unix_s) {
  const std::time_t t = unix_s;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  return buffer;
}

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void Show(cairo_t* cr, PangoLayoutLine* line, double x, double baseline, double grey) {
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_move_to(cr, x, baseline);
  pango_cairo_show_layout_line(cr, line);
}

// Draws `text` at (x, top) in `font`, right-aligned to `right` when
// `right` > 0; wrapped at `width` when `width` > 0 (the header has room for
// two lines above the body).
void ShowText(cairo_t* cr, const std::string& text, const char* font, double x, double top,
              double right, double width) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* desc = pango_font_description_from_string(font);
  pango_layout_set_font_description(layout, desc);
  pango_font_description_free(desc);
  if (width > 0) {
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
  if (right > 0) {
    int layout_width = 0;
    int height = 0;
    pango_layout_get_size(layout, &layout_width, &height);
    x = right - (static_cast<double>(layout_width) / PANGO_SCALE);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, x, top);
  pango_cairo_show_layout(cr, layout);
  g_object_unref(layout);
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace

Result<std::string> RenderPdf(const Document& doc) {
  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendTo, &bytes, kA4WidthPt, kA4HeightPt);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Status::Internal("pdf: cairo could not create the surface");
  }
  const std::string title = doc.subject.empty() ? doc.title : doc.title + " – " + doc.subject;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.organisation.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "verkosto");
  const std::string created = IsoTime(doc.created_unix_s);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, created.c_str());
  cairo_t* cr = cairo_create(surface);
  PangoContext* context = pango_cairo_create_context(cr);
  Composer c(context);

  // First page: sender and addressee at the left, the reference rows at the right.
  double left_y = kBodyTop;
  if (!doc.sender.empty()) {
    left_y = c.Place(c.Layout(Joined(doc.sender), kSans, kRightColumn - kMarginLeft - 12),
                     kMarginLeft, left_y, 0.25, false);
    left_y += 22;
  }
  if (!doc.addressee.empty()) {
    left_y = c.Place(c.Layout(Joined(doc.addressee), kSans, kRightColumn - kMarginLeft - 12),
                     kMarginLeft, left_y, 0, false);
  }
  double right_y = kBodyTop;
  constexpr double kLabelWidth = 98;
  for (const MetaRow& row : doc.meta) {
    const double label_end = c.Place(c.Layout(row.label, kSansSmall, kLabelWidth - 6), kRightColumn,
                                     right_y + 1.5, 0.35, false);
    const double value_end =
        c.Place(c.Layout(row.value, kSans, kA4WidthPt - kMarginRight - kRightColumn - kLabelWidth),
                kRightColumn + kLabelWidth, right_y, 0, false);
    right_y = std::max(label_end, value_end) + 3;
  }
  double y = std::max(left_y, right_y) + 30;

  if (!doc.subject.empty()) {
    y = c.Place(c.Layout(doc.subject, kSubject, kTextWidth), kMarginLeft, y, 0, true) + 12;
  }
  for (const Section& section : doc.sections) {
    if (!section.heading.empty()) {
      PangoLayout* heading = c.Layout(section.heading, kHeading, kTextWidth);
      double next = 0;
      if (!section.paragraphs.empty()) {
        next = Composer::HeightOf(c.Layout(section.paragraphs.front(), kSerif, kTextWidth), 2);
      }
      y = c.KeepTogether(y, Composer::HeightOf(heading, 3) + next + 4);
      y = c.Place(heading, kMarginLeft, y, 0, true) + 4;
    }
    for (const std::string& paragraph : section.paragraphs) {
      y = c.Place(c.Layout(paragraph, kSerif, kTextWidth), kMarginLeft, y, 0, true) + 7;
    }
    for (const std::string& item : section.items) {
      PangoLayout* bullet = c.Layout("•", kSerif, 12);
      PangoLayout* text = c.Layout(item, kSerif, kTextWidth - 14);
      y = c.KeepTogether(y, Composer::HeightOf(text, 1));
      c.Place(bullet, kMarginLeft + 2, y, 0, false);
      y = c.Place(text, kMarginLeft + 14, y, 0, true) + 3;
    }
    y += section.items.empty() ? 8 : 12;
  }
  if (!doc.signer.empty()) {
    PangoLayout* signer = c.Layout(Joined(doc.signer), kSerif, kTextWidth);
    y = c.KeepTogether(y + 10, Composer::HeightOf(signer, 10));
    c.Place(signer, kMarginLeft, y, 0, true);
  }

  // Draw: page furniture first, then the placed lines of each page.
  const int pages = c.pages();
  size_t next = 0;
  const std::vector<Placed>& placed = c.placed();
  for (int page = 0; page < pages; ++page) {
    ShowText(cr, doc.organisation, kSansBold, kMarginLeft, kHeaderTop, 0,
             kHeaderTitle - kMarginLeft - 10);
    ShowText(cr, doc.title, kSansBold, kHeaderTitle, kHeaderTop, 0, 0);
    ShowText(cr, PageLabel(doc.language, page + 1, pages), kSans, 0, kHeaderTop,
             kA4WidthPt - kMarginRight, 0);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kMarginLeft, kFooterTop);
    cairo_line_to(cr, kA4WidthPt - kMarginRight, kFooterTop);
    cairo_stroke(cr);
    if (!doc.footer.empty()) {
      PangoLayout* footer = pango_cairo_create_layout(cr);
      PangoFontDescription* desc = pango_font_description_from_string(kSansSmall);
      pango_layout_set_font_description(footer, desc);
      pango_font_description_free(desc);
      pango_layout_set_width(footer, static_cast<int>(kTextWidth * PANGO_SCALE));
      pango_layout_set_wrap(footer, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text(footer, doc.footer.c_str(), static_cast<int>(doc.footer.size()));
      cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
      cairo_move_to(cr, kMarginLeft, kFooterTop + 5);
      pango_cairo_show_layout(cr, footer);
      g_object_unref(footer);
    }
    for (; next < placed.size() && placed[next].page == page; ++next) {
      Show(cr, placed[next].line, placed[next].x, placed[next].y, placed[next].grey);
    }
    cairo_show_page(cr);
  }
  g_object_unref(context);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Status::Internal(std::string("pdf: cairo: ") + cairo_status_to_string(status));
  }
  return bytes;
}

}  // namespace verkosto::pdf
