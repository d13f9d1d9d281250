#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "nominations/domain/events.h"
#include "nominations/domain/read_models.h"
#include "nominations/domain/types.h"
#include "pdf/document.h"

namespace verkosto::nominations {

// Formal letters (issue 19; docs/nominations.md, "Formal letters"): what a
// registry files. Pure: each letter is composed as a pdf::Document from the
// case and the read model; the handlers render it (libs/pdf) and keep the
// bytes (case_letters), so the same letter is returned later.

enum class LetterKind {
  kRequest,          // KEHA's nomination request, written when the case is sent
  kAcknowledgement,  // the area's registry's acknowledgement of receipt
  kDecision,         // the leadership's decision (approval or decline)
};

// "request", "acknowledgement", "decision" (case_letters.kind, file names).
std::string_view LetterKindName(LetterKind kind);
std::optional<LetterKind> LetterKindFromName(std::string_view name);

// The letter the event makes, if any: RequestSent -> request (not for a
// logged case, which has no KEHA sender), CaseRegistered and CaseLogged ->
// acknowledgement, CaseApproved and CaseDeclined -> decision.
std::optional<LetterKind> LetterOf(const Event& event);

// Whether `c` has got far enough for the letter: request when KEHA sent it,
// acknowledgement once registered, decision once decided.
bool CaseHasLetter(const Case& c, LetterKind kind);

// The languages of the area's letters, first the one written eagerly: the
// area's official languages that are "fi" or "sv", in the directory's order;
// {"fi"} when it lists neither.
std::vector<std::string> LetterLanguages(const std::vector<std::string>& area_languages);

// What a letter is composed of.
struct LetterInput {
  Case c;
  NetworkInfo network;
  AreaInfo area;
};

// The letter `kind` of `in.c` in `language` ("fi" or "sv"). The document's
// created_unix_s is the time of the act that made it (sending, registering,
// deciding), so composing again gives the same document.
// Errors: InvalidArgument (field "language") for another language;
// FailedPrecondition when the case has no such letter (CaseHasLetter).
Result<pdf::Document> ComposeLetter(LetterKind kind, std::string_view language,
                                    const LetterInput& in);

// d.M.yyyy, e.g. "6.12.2026", as Finnish and Swedish letters write dates.
std::string LetterDate(const Date& date);

}  // namespace verkosto::nominations
