#include "nominations/handlers/records_export_handlers.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/case_ids.h"
#include "core/page.h"
#include "messaging/page_reply.h"
#include "nominations/domain/permissions.h"
#include "nominations/domain/records_export.h"
#include "nominations/handlers/case_history.h"
#include "nominations/handlers/letters.h"
#include "nominations/storage/case_act_store.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

namespace {

// An area export's page: 20 records by default, 100 at most (each carries
// its whole history and letters; FillPage also stops at kMaxPageBytes).
constexpr uint32_t kDefaultRecordPage = 20;
constexpr uint32_t kMaxRecordPage = 100;

std::string DateText(const std::optional<Date>& date) {
  return date ? FormatIsoDate(*date) : std::string();
}

// The letters' kind as the LetterKind enum.
class RecordBuilder {
 public:
  explicit RecordBuilder(SQLite::Database& db) : db_(db), repo_(db) {}

  Result<pb::CaseRecord> Build(const Case& c) {
    pb::CaseRecord out;
    out.set_case_id(c.id.value());
    VERKOSTO_ASSIGN_OR_RETURN(const NetworkInfo* network, Network(c.network));
    VERKOSTO_ASSIGN_OR_RETURN(const AreaInfo* area, Area(c.area));
    out.set_title(RecordTitle(c, network != nullptr ? network->name_fi : std::string()));
    out.set_case_kind(std::string(CaseKindName(c.kind)));
    out.set_state(std::string(CaseStateName(c.state)));
    out.set_network_code(c.network.value());
    out.set_area_code(c.area.value());
    if (network != nullptr) {
      out.set_network_name_fi(network->name_fi);
      out.set_network_name_sv(network->name_sv);
    }
    if (area != nullptr) {
      out.set_area_name_fi(area->name_fi);
      out.set_area_name_sv(area->name_sv);
    }
    out.set_keha_diary_number(c.keha_diary_number);
    out.set_opened(FormatIsoDate(c.opened));
    out.set_deadline(DateText(c.deadline));
    if (c.registration) {
      out.set_diary_number(c.registration->diary_number);
      out.set_date_received(FormatIsoDate(c.registration->date_received));
    }
    pb::RecordParty* sender = out.add_parties();
    sender->set_role("sender");
    sender->set_code("keha");
    // A logged case names its own sender (the letter's); KEHA sends the rest.
    sender->set_name(c.registration && !c.registration->sender.empty() ? c.registration->sender
                                                                       : "KEHA-keskus");
    pb::RecordParty* recipient = out.add_parties();
    recipient->set_role("recipient");
    recipient->set_code(c.area.value());
    recipient->set_name(area != nullptr && !area->name_fi.empty() ? area->name_fi : c.area.value());
    if (c.decision) {
      const Decision& d = *c.decision;
      pb::RecordDecision* decision = out.mutable_decision();
      decision->set_approved(d.approved);
      decision->set_reason(d.reason);
      decision->set_decider_name(d.decided.name);
      decision->set_decider_user_id(d.decided.user_id);
      decision->set_on_behalf_of(d.decided.on_behalf_of);
      decision->set_decision_date(d.decision_date ? FormatIsoDate(*d.decision_date)
                                                  : FormatIsoDate(HelsinkiDate(d.decided.at)));
      decision->set_channel(std::string(ChannelName(d.channel)));
      decision->set_decided_at_area(d.decided_at_area);
      for (const Nominee& n : d.nominees) {
        pb::RecordParty* nominee = decision->add_nominees();
        nominee->set_role("nominee");
        nominee->set_name(n.name);
        nominee->set_title(n.title);
        nominee->set_seat(std::string(SeatKindName(n.seat)));
        *out.add_parties() = *nominee;
      }
    }
    // The whole history: a case has a handful of acts; 1000 is the list's
    // bound (more would be a history no case has).
    VERKOSTO_ASSIGN_OR_RETURN(
        page::PageRequest all,
        page::Read(page::kMaxPageSize, "", "cases.history", page::FilterKey({c.id.value()}), 1));
    CaseActStore acts(db_);
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<page::Keyed<CaseAct>> rows, acts.ListPage(c.id, all));
    for (size_t i = 0; i < rows.size() && i < all.size; ++i) {
      *out.add_actions() = ActToProto(rows[i].item);
    }
    out.set_publicity_class(std::string(kRecordPublicityClass));
    out.set_retention_years(static_cast<uint32_t>(kRecordRetentionYears));
    out.set_retention_basis(std::string(kRecordRetentionBasis));
    VERKOSTO_ASSIGN_OR_RETURN(std::vector<StoredLetter> letters, LetterStore(db_).List(c.id));
    for (const StoredLetter& l : letters) *out.add_documents() = LetterToProto(l);
    return out;
  }

 private:
  Result<const NetworkInfo*> Network(const NetworkCode& code) {
    auto it = networks_.find(code.value());
    if (it == networks_.end()) {
      VERKOSTO_ASSIGN_OR_RETURN(std::optional<NetworkInfo> info, repo_.FindNetworkInfo(code));
      it = networks_.emplace(code.value(), std::move(info)).first;
    }
    return it->second ? &*it->second : nullptr;
  }
  Result<const AreaInfo*> Area(const AreaCode& code) {
    auto it = areas_.find(code.value());
    if (it == areas_.end()) {
      VERKOSTO_ASSIGN_OR_RETURN(std::optional<AreaInfo> info, repo_.FindArea(code));
      it = areas_.emplace(code.value(), std::move(info)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  SQLite::Database& db_;
  SqliteNominationRepository repo_;
  std::map<std::string, std::optional<NetworkInfo>> networks_;
  std::map<std::string, std::optional<AreaInfo>> areas_;
};

Result<pb::ExportCaseRecordsResponse> ExportOneCase(Context& ctx,
                                                    const pb::ExportCaseRecordsRequest& req) {
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Case> c,
                            repo.FindCase(CaseId(UpgradeLegacyId(req.case_id()))));
  // Another area's case is as unknown as one that does not exist (GetCase).
  if (!c || !MaySeeCase(ctx.actor(), c->area)) {
    return Status::NotFound("no case '" + req.case_id() + "'");
  }
  VERKOSTO_RETURN_IF_ERROR(AuthorizeExport(ctx.actor(), c->area));
  RecordBuilder builder(ctx.db());
  pb::ExportCaseRecordsResponse response;
  VERKOSTO_ASSIGN_OR_RETURN(*response.add_records(), builder.Build(*c));
  return response;
}

Result<pb::ExportCaseRecordsResponse> ExportArea(Context& ctx,
                                                 const pb::ExportCaseRecordsRequest& req) {
  const AreaCode area(req.area_code());
  VERKOSTO_RETURN_IF_ERROR(AuthorizeExport(ctx.actor(), area));
  VERKOSTO_ASSIGN_OR_RETURN(ExportPeriod period, ParseExportPeriod(req.from(), req.to()));
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<AreaInfo> known, repo.FindArea(area));
  if (!known) return Status::NotFound("no area '" + req.area_code() + "'");
  constexpr std::string_view kList = "cases.records";
  const std::string filters =
      page::FilterKey({area.value(), FormatIsoDate(period.from), FormatIsoDate(period.to)});
  const uint32_t size = req.page_size() == 0 ? kDefaultRecordPage : req.page_size();
  VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                            page::Read(size, req.page_token(), kList, filters, 1));
  CaseFilter filter;
  filter.area = area;
  filter.opened_from = period.from;
  filter.opened_to = period.to;
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<page::Keyed<Case>> rows, repo.ListCasePage(filter, page));
  RecordBuilder builder(ctx.db());
  pb::ExportCaseRecordsResponse response;
  VERKOSTO_ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      messaging::FillPage(rows, page, kList, filters, [&](const Case& c) -> Result<size_t> {
        VERKOSTO_ASSIGN_OR_RETURN(pb::CaseRecord record, builder.Build(c));
        pb::CaseRecord* out = response.add_records();
        *out = std::move(record);
        return out->ByteSizeLong();
      }));
  return response;
}

}  // namespace

void RegisterRecordsExportHandlers(messaging::RpcServer& server) {
  server.AddQuery<pb::ExportCaseRecordsRequest, pb::ExportCaseRecordsResponse>(
      [](Context& ctx,
         const pb::ExportCaseRecordsRequest& req) -> Result<pb::ExportCaseRecordsResponse> {
        // Only KEHA and an area's own staff export at all: anyone else is
        // refused before a case id could tell them anything.
        VERKOSTO_RETURN_IF_ERROR(AuthorizeExport(ctx.actor(), ctx.actor().area));
        if (!req.format().empty() && req.format() != "json" && req.format() != "xml" &&
            req.format() != "protojson") {
          return Status::InvalidArgument("format", "must be json or xml");
        }
        if (req.page_size() > kMaxRecordPage) {
          return Status::InvalidArgument("page_size", "at most 100 records a page");
        }
        if (!req.case_id().empty()) {
          if (!req.area_code().empty()) {
            return Status::InvalidArgument("area_code", "give case_id or area_code, not both");
          }
          return ExportOneCase(ctx, req);
        }
        if (req.area_code().empty()) {
          return Status::InvalidArgument("case_id", "give case_id, or area_code with from and to");
        }
        return ExportArea(ctx, req);
      });
}

}  // namespace verkosto::nominations
