#pragma once

// A case's formal letters on its page (issue 19, item 1): the PDFs the
// nominations service keeps (ListCaseLetters), with download links.

#include <string>

#include "gateway/web/page.h"

namespace verkosto::gateway::web {

// Puts `has_letters` and one row per letter (`letters`: kind, language,
// size, sha256_short, href, filename) into the case page's data `d`. For a
// bilingual area (networks' directory) a letter kept in one of its languages
// only is offered in the other too, without size and checksum: the service
// writes it when it is first downloaded. A failed read leaves the section out.
void PutCaseLetters(Page& page, const std::string& case_id, const std::string& area_code, Data& d);

}  // namespace verkosto::gateway::web
