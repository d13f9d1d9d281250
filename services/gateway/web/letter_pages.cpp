#include "gateway/web/letter_pages.h"

#include <vector>

#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

namespace nm = ::verkosto::nominations::v1;
namespace npb = ::verkosto::networks::v1;

namespace {

std::string KindName(nm::LetterKind kind) {
  switch (kind) {
    case nm::LETTER_KIND_REQUEST:
      return "request";
    case nm::LETTER_KIND_ACKNOWLEDGEMENT:
      return "acknowledgement";
    case nm::LETTER_KIND_DECISION:
      return "decision";
    default:
      return "";
  }
}

std::string SizeText(uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  return std::to_string((bytes + 512) / 1024) + " kB";
}

}  // namespace

void PutCaseLetters(Page& page, const std::string& case_id, const std::string& area_code, Data& d) {
  const Catalogue& t = page.t();
  nm::ListCaseLettersRequest request;
  request.set_case_id(case_id);
  nm::ListCaseLettersResponse reply;
  Data rows = List();
  const Status st = page.Call("nominations", request, &reply);
  // The area's letter languages (fi and/or sv), for the ones not written yet.
  npb::GetAreaRequest area_request;
  area_request.set_area_code(area_code);
  npb::GetAreaResponse area;
  std::vector<std::string> languages;
  if (page.Call("networks", area_request, &area).ok()) {
    for (const std::string& l : area.area().languages()) {
      if (l == "fi" || l == "sv") languages.push_back(l);
    }
  }
  auto add = [&](const std::string& kind, const std::string& language, const std::string& size,
                 const std::string& sha256) {
    Data row = Object();
    row.set("kind", t.Get("letter_" + kind));
    row.set("language", t.Get("letter_language_" + language));
    row.set("size", size.empty() ? t.Get("letters_on_request") : size);
    row.set("sha256_short", sha256.substr(0, 12));
    row.set("href", "/cases/" + UrlEncode(case_id) + "/letters/" + kind + "-" + language + ".pdf");
    row.set("filename", case_id + "-" + kind + "-" + language + ".pdf");
    rows.push_back(row);
  };
  for (int i = 0; i < reply.letters_size(); ++i) {
    const nm::CaseLetter& l = reply.letters(i);
    const std::string kind = KindName(l.kind());
    add(kind, l.language(), SizeText(l.size_bytes()), l.sha256());
    // The last kept letter of its kind: offer the area's other languages.
    if (i + 1 < reply.letters_size() && reply.letters(i + 1).kind() == l.kind()) continue;
    for (const std::string& language : languages) {
      bool kept = false;
      for (const nm::CaseLetter& other : reply.letters()) {
        kept = kept || (other.kind() == l.kind() && other.language() == language);
      }
      if (!kept) add(kind, language, "", "");
    }
  }
  d.set("has_letters", st.ok() && reply.letters_size() > 0);
  d.set("letters", rows);
}

// GET /cases/{case_id}/letters/{kind}-{language}.pdf: the stored PDF.
void LetterDownload(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  const std::string case_id = req.matches[1];
  const std::string kind = req.matches[2];
  const std::string language = req.matches[3];
  nm::GetCaseLetterRequest request;
  request.set_case_id(case_id);
  request.set_kind(kind == "request"           ? nm::LETTER_KIND_REQUEST
                   : kind == "acknowledgement" ? nm::LETTER_KIND_ACKNOWLEDGEMENT
                                               : nm::LETTER_KIND_DECISION);
  request.set_language(language);
  nm::CaseLetterResponse reply;
  if (Status st = page->Call("nominations", request, &reply); !st.ok()) {
    // A language the area does not use is as absent as a letter not written yet.
    return page->ServiceError(
        st.code() == ErrorCode::kInvalidArgument ? Status::NotFound(st.message()) : st);
  }
  const std::string etag = "\"" + reply.letter().sha256() + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "private, no-cache");
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return;
  }
  res.set_header("Content-Disposition",
                 "attachment; filename=\"" + reply.letter().filename() + "\"");
  res.set_content(reply.pdf(), "application/pdf");
}

}  // namespace verkosto::gateway::web
