#include "core/case_ids.h"
#include "core/page.h"
#include "messaging/envelope.h"
#include "messaging/page_reply.h"
#include "nominations/codec/codec.h"
#include "nominations/domain/case_acts.h"
#include "nominations/domain/permissions.h"
#include "nominations/handlers/case_history.h"
#include "nominations/handlers/letters.h"
#include "nominations/storage/case_act_store.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

namespace {

std::string DateText(const std::optional<Date>& date) {
  return date ? FormatIsoDate(*date) : std::string();
}

pb::CaseAct ToProto(const CaseAct& a) {
  pb::CaseAct out;
  out.set_case_id(a.case_id.value());
  out.set_kind(std::string(ActKindName(a.kind)));
  pb::Stamp* by = out.mutable_by();
  by->set_user_id(a.by.user_id);
  by->set_name(a.by.display_name);
  by->set_on_behalf_of(a.by.on_behalf_of);
  by->set_on_behalf_of_name(a.by.on_behalf_of_name);
  by->set_at_unix_us(ToMicros(a.by.at));
  by->set_principal(a.by.principal);
  out.set_role(messaging::ToProtoRole(a.by.role));
  out.set_reason(a.by.reason);
  out.set_keha_diary_number(a.keha_diary_number);
  out.set_diary_number(a.diary_number);
  out.set_channel(codec::ToProto(a.channel));
  out.set_date_received(DateText(a.date_received));
  out.set_deadline(DateText(a.deadline));
  out.set_previous_deadline(DateText(a.previous_deadline));
  out.set_reminder_days(static_cast<uint32_t>(a.reminder_days));
  out.set_approved(a.approved);
  out.set_decision_date(DateText(a.decision_date));
  out.set_decided_at_area(a.decided_at_area);
  for (const std::string& name : a.names) out.add_names(name);
  return out;
}

}  // namespace

pb::CaseAct ActToProto(const CaseAct& act) { return ToProto(act); }

Status RecordAndEmit(Context& ctx, const std::vector<Event>& events) {
  CaseActStore acts(ctx.db());
  VERKOSTO_RETURN_IF_ERROR(acts.Append(ActsOf(events)));
  // The formal letters the acts make, in the same transaction (issue 19).
  VERKOSTO_RETURN_IF_ERROR(WriteLettersOf(ctx, events));
  return ctx.EmitAll(events, codec::ToProto);
}

void RegisterCaseHistoryHandlers(messaging::RpcServer& server) {
  server.AddQuery<pb::ListCaseHistoryRequest, pb::ListCaseHistoryResponse>(
      [](Context& ctx,
         const pb::ListCaseHistoryRequest& req) -> Result<pb::ListCaseHistoryResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kRead));
        if (req.case_id().empty()) return Status::InvalidArgument("case_id", "is required");
        SqliteNominationRepository repo(ctx.db());
        const CaseId id(UpgradeLegacyId(req.case_id()));
        VERKOSTO_ASSIGN_OR_RETURN(std::optional<Case> c, repo.FindCase(id));
        // An area sees its own cases only, as GetCase: another area's case
        // is as unknown as one that does not exist.
        if (!c || !MaySeeCase(ctx.actor(), c->area)) {
          return Status::NotFound("no case '" + req.case_id() + "'");
        }
        constexpr std::string_view kList = "cases.history";
        const std::string filters = page::FilterKey({id.value()});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 1));
        CaseActStore store(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<page::Keyed<CaseAct>> rows, store.ListPage(id, page));
        pb::ListCaseHistoryResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(rows, page, kList, filters, [&](const CaseAct& a) -> size_t {
              pb::CaseAct* out = response.add_acts();
              *out = ToProto(a);
              return out->ByteSizeLong();
            }));
        return response;
      });
}

}  // namespace verkosto::nominations
