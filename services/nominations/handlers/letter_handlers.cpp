#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/case_ids.h"
#include "nominations/domain/letters.h"
#include "nominations/domain/permissions.h"
#include "nominations/handlers/letters.h"
#include "nominations/storage/letter_store.h"
#include "nominations/storage/sqlite_nomination_repository.h"
#include "pdf/pdf.h"
#include "verkosto/nominations/v1/events.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

namespace {

pb::LetterKind ToProto(LetterKind kind) {
  switch (kind) {
    case LetterKind::kRequest:
      return pb::LETTER_KIND_REQUEST;
    case LetterKind::kAcknowledgement:
      return pb::LETTER_KIND_ACKNOWLEDGEMENT;
    case LetterKind::kDecision:
      return pb::LETTER_KIND_DECISION;
  }
  return pb::LETTER_KIND_UNSPECIFIED;
}

Result<LetterKind> FromProto(pb::LetterKind kind) {
  switch (kind) {
    case pb::LETTER_KIND_REQUEST:
      return LetterKind::kRequest;
    case pb::LETTER_KIND_ACKNOWLEDGEMENT:
      return LetterKind::kAcknowledgement;
    case pb::LETTER_KIND_DECISION:
      return LetterKind::kDecision;
    default:
      return Status::InvalidArgument("kind", "must be request, acknowledgement or decision");
  }
}

// The letter's input: the case as stored with the read model's network and area.
Result<LetterInput> InputOf(NominationRepository& repo, const Case& c) {
  LetterInput in;
  in.c = c;
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NetworkInfo> network, repo.FindNetworkInfo(c.network));
  if (network) in.network = *network;
  in.network.code = c.network;
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<AreaInfo> area, repo.FindArea(c.area));
  if (area) in.area = *area;
  in.area.code = c.area;
  return in;
}

// Composes, renders and keeps one letter.
Result<StoredLetter> Write(Context& ctx, const LetterInput& in, LetterKind kind,
                           const std::string& language) {
  VERKOSTO_ASSIGN_OR_RETURN(pdf::Document doc, ComposeLetter(kind, language, in));
  VERKOSTO_ASSIGN_OR_RETURN(std::string bytes, pdf::RenderPdf(doc));
  StoredLetter letter;
  letter.case_id = in.c.id;
  letter.kind = kind;
  letter.language = language;
  letter.created_at_us = ToMicros(ctx.now());
  letter.pdf = std::move(bytes);
  LetterStore store(ctx.db());
  VERKOSTO_RETURN_IF_ERROR(store.Add(letter));
  // What is stored wins (a concurrent first request may have written it).
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<StoredLetter> kept, store.Find(in.c.id, kind, language));
  if (!kept) return Status::Internal("letter not kept");
  return *kept;
}

Result<Case> VisibleCase(Context& ctx, NominationRepository& repo, const std::string& case_id) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kRead));
  if (case_id.empty()) return Status::InvalidArgument("case_id", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Case> c, repo.FindCase(CaseId(UpgradeLegacyId(case_id))));
  // An area sees its own cases only, as GetCase.
  if (!c || !MaySeeCase(ctx.actor(), c->area)) {
    return Status::NotFound("no case '" + case_id + "'");
  }
  return *c;
}

}  // namespace

pb::CaseLetter LetterToProto(const StoredLetter& l) {
  pb::CaseLetter out;
  out.set_case_id(l.case_id.value());
  out.set_kind(ToProto(l.kind));
  out.set_language(l.language);
  out.set_sha256(l.sha256);
  out.set_size_bytes(static_cast<uint64_t>(l.size_bytes));
  out.set_created_at_us(l.created_at_us);
  out.set_filename(l.case_id.value() + "-" + std::string(LetterKindName(l.kind)) + "-" +
                   l.language + ".pdf");
  return out;
}

Status WriteLettersOf(Context& ctx, const std::vector<Event>& events) {
  SqliteNominationRepository repo(ctx.db());
  for (const Event& event : events) {
    const std::optional<LetterKind> kind = LetterOf(event);
    if (!kind) continue;
    const Case& c = std::visit(
        [](const auto& e) -> const Case& {
          if constexpr (requires { e.case_after; }) {
            return e.case_after;
          } else {
            static const Case kNone;
            return kNone;
          }
        },
        event);
    VERKOSTO_ASSIGN_OR_RETURN(LetterInput in, InputOf(repo, c));
    const std::string language = LetterLanguages(in.area.languages).front();
    VERKOSTO_ASSIGN_OR_RETURN(StoredLetter letter, Write(ctx, in, *kind, language));
    // The letter travels to notifications (attached to the act's e-mail)
    // before the act's event, which RecordAndEmit emits after this.
    pb::CaseLetterWritten written;
    *written.mutable_letter() = LetterToProto(letter);
    written.set_pdf(letter.pdf);
    VERKOSTO_RETURN_IF_ERROR(ctx.Emit(written));
  }
  return Status::Ok();
}

void RegisterLetterHandlers(messaging::RpcServer& server) {
  server.AddQuery<pb::ListCaseLettersRequest, pb::ListCaseLettersResponse>(
      [](Context& ctx,
         const pb::ListCaseLettersRequest& req) -> Result<pb::ListCaseLettersResponse> {
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Case c, VisibleCase(ctx, repo, req.case_id()));
        LetterStore store(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<StoredLetter> letters, store.List(c.id));
        pb::ListCaseLettersResponse response;
        for (const StoredLetter& l : letters) *response.add_letters() = LetterToProto(l);
        return response;
      });
  server.AddQuery<pb::GetCaseLetterRequest, pb::CaseLetterResponse>(
      [](Context& ctx, const pb::GetCaseLetterRequest& req) -> Result<pb::CaseLetterResponse> {
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Case c, VisibleCase(ctx, repo, req.case_id()));
        VERKOSTO_ASSIGN_OR_RETURN(LetterKind kind, FromProto(req.kind()));
        VERKOSTO_ASSIGN_OR_RETURN(LetterInput in, InputOf(repo, c));
        const std::vector<std::string> languages = LetterLanguages(in.area.languages);
        const std::string language = req.language().empty() ? languages.front() : req.language();
        if (language != "fi" && language != "sv") {
          return Status::InvalidArgument("language", "must be fi or sv");
        }
        const std::string name = std::string(LetterKindName(kind)) + " letter in " + language;
        LetterStore store(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::optional<StoredLetter> letter,
                                  store.Find(c.id, kind, language));
        if (!letter) {
          // The first language is written with the act; another of the
          // area's languages (or a letter of a case older than letters) is
          // written now, from the case's data.
          const bool area_language =
              std::find(languages.begin(), languages.end(), language) != languages.end();
          if (!area_language || !CaseHasLetter(c, kind)) {
            return Status::NotFound("case '" + req.case_id() + "' has no " + name);
          }
          VERKOSTO_ASSIGN_OR_RETURN(letter, Write(ctx, in, kind, language));
          spdlog::info("case {}: {} written on request", c.id.value(), name);
        }
        pb::CaseLetterResponse response;
        *response.mutable_letter() = LetterToProto(*letter);
        response.set_pdf(std::move(letter->pdf));
        return response;
      });
}

}  // namespace verkosto::nominations
