#pragma once

#include <vector>

#include "core/status.h"
#include "messaging/context.h"
#include "messaging/rpc_server.h"
#include "nominations/domain/events.h"
#include "nominations/storage/letter_store.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::nominations {

// Writes the formal letters `events` make (LetterOf, letters.h) in the
// area's first language, rendered to PDF and kept in case_letters, in the
// transaction of the events (called by RecordAndEmit), and emits a
// CaseLetterWritten with the PDF for each, before the events themselves.
Status WriteLettersOf(messaging::Context& ctx, const std::vector<Event>& events);

// A stored letter as the protocol's CaseLetter (without its bytes), with its
// file name "<case id>-<kind>-<language>.pdf": for ListCaseLetters,
// GetCaseLetter and the records export's documents.
::verkosto::nominations::v1::CaseLetter LetterToProto(const StoredLetter& letter);

// ListCaseLetters and GetCaseLetter (letter_handlers.cpp): visible as GetCase
// is. GetCaseLetter of a bilingual area's other language renders and keeps
// it the first time, so it too is the same afterwards.
void RegisterLetterHandlers(messaging::RpcServer& server);

}  // namespace verkosto::nominations
