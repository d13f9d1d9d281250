#include "nominations/handlers/nomination_handlers.h"

#include "core/case_ids.h"
#include "core/limits.h"
#include "core/page.h"
#include "core/text.h"
#include "messaging/envelope.h"
#include "messaging/page_reply.h"
#include "nominations/codec/codec.h"
#include "nominations/domain/national_view.h"
#include "nominations/domain/permissions.h"
#include "nominations/domain/visibility.h"
#include "nominations/domain/workflow.h"
#include "nominations/domain/working_days.h"
#include "nominations/handlers/case_history.h"
#include "nominations/handlers/letters.h"
#include "nominations/handlers/national_view_handlers.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {

namespace pb = ::verkosto::nominations::v1;
using messaging::Context;

ReplyNames::ReplyNames(NominationRepository& repo) : repo_(repo) {}

void ReplyNames::Know(const std::vector<AreaInfo>& areas) {
  for (const AreaInfo& a : areas) area_names_[a.code.value()] = {a.name_fi, a.name_sv};
}

template <typename Find>
Result<ReplyNames::Names> ReplyNames::Cached(std::map<std::string, Names>& names,
                                             const std::string& code, Find find) {
  auto it = names.find(code);
  if (it != names.end()) return it->second;
  Names found;
  VERKOSTO_ASSIGN_OR_RETURN(auto info, find());
  if (info) found = {info->name_fi, info->name_sv};
  return names.emplace(code, std::move(found)).first->second;
}

Result<ReplyNames::Names> ReplyNames::Network(const NetworkCode& code) {
  return Cached(network_names_, code.value(), [&] { return repo_.FindNetworkInfo(code); });
}

Result<ReplyNames::Names> ReplyNames::Area(const AreaCode& code) {
  return Cached(area_names_, code.value(), [&] { return repo_.FindArea(code); });
}

template <typename Proto>
Result<Proto> ReplyNames::Named(Proto out, const NetworkCode& network, const AreaCode& area) {
  VERKOSTO_ASSIGN_OR_RETURN(Names network_names, Network(network));
  VERKOSTO_ASSIGN_OR_RETURN(Names area_names, Area(area));
  out.set_network_name_fi(network_names.fi);
  out.set_network_name_sv(network_names.sv);
  out.set_area_name_fi(area_names.fi);
  out.set_area_name_sv(area_names.sv);
  return out;
}

Result<pb::Case> ReplyNames::Reply(const Case& c) {
  VERKOSTO_ASSIGN_OR_RETURN(pb::Case out, Named(codec::ToProto(c), c.network, c.area));
  // A confirmation case's sitting members' seats (confirmation.h). Their
  // names are the case's own; title and contact stay on the memberships,
  // where visibility.h decides who sees them.
  for (pb::SittingMember& s : *out.mutable_sitting()) {
    VERKOSTO_ASSIGN_OR_RETURN(std::optional<Membership> m,
                              repo_.FindMembership(MembershipId(s.membership_id())));
    if (m) s.set_seat(codec::ToProto(m->record().person.seat));
  }
  return out;
}

Result<pb::Membership> ReplyNames::Reply(const MembershipRecord& m) {
  return Named(codec::ToProto(m), m.network, m.area);
}

namespace {

// A fresh id for a new request; the RPC layer stores the reply of a command,
// so a retried command never makes a second one.
RequestId NewRequestId() { return RequestId("r-" + messaging::RandomId().substr(0, 12)); }

Result<NetworkView> LoadNetwork(NominationRepository& repo, const std::string& code) {
  if (code.empty()) return Status::InvalidArgument("network_code", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<NetworkView> found, repo.FindNetwork(NetworkCode(code)));
  if (!found) return Status::NotFound("no network '" + code + "'");
  return std::move(*found);
}

// Ids come from links in e-mails already sent and from scripts too, so the
// legacy form ("r-…/area", "r-…/area/1") is read as the current one.
Result<Case> LoadCase(NominationRepository& repo, const std::string& id) {
  if (id.empty()) return Status::InvalidArgument("case_id", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Case> found, repo.FindCase(CaseId(UpgradeLegacyId(id))));
  if (!found) return Status::NotFound("no case '" + id + "'");
  return std::move(*found);
}

Result<Membership> LoadMembership(NominationRepository& repo, const std::string& id) {
  if (id.empty()) return Status::InvalidArgument("membership_id", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Membership> found,
                            repo.FindMembership(MembershipId(UpgradeLegacyId(id))));
  if (!found) return Status::NotFound("no membership '" + id + "'");
  return std::move(*found);
}

// Optional date field: empty means none.
Result<std::optional<Date>> OptionalDate(const std::string& text, const std::string& field) {
  if (text.empty()) return std::optional<Date>();
  VERKOSTO_ASSIGN_OR_RETURN(Date date, codec::ParseDate(text, field));
  return std::optional<Date>(date);
}

DiaryNumberInUse DiaryCheck(NominationRepository& repo, const AreaCode& area, Status* error) {
  return [&repo, area, error](const std::string& diary_number) {
    Result<bool> used = repo.DiaryNumberInUse(area, diary_number);
    if (!used.ok()) {
      *error = used.status();
      return false;
    }
    return *used;
  };
}

// The reply carrying one case, named.
Result<pb::CaseResponse> CaseReply(NominationRepository& repo, const Case& c) {
  pb::CaseResponse response;
  VERKOSTO_ASSIGN_OR_RETURN(*response.mutable_case_(), ReplyNames(repo).Reply(c));
  return response;
}

// Saves a case outcome, emits and replies.
Result<pb::CaseResponse> CommitCase(Context& ctx, NominationRepository& repo,
                                    const CaseOutcome& outcome) {
  VERKOSTO_RETURN_IF_ERROR(repo.SaveCase(outcome.case_after));
  VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
  return CaseReply(repo, VisibleTo(ctx.actor(), outcome.case_after));
}

// One step on an existing case: load, apply `step`, save, emit.
template <typename Step>
Result<pb::CaseResponse> CaseStep(Context& ctx, const std::string& case_id, Step step) {
  SqliteNominationRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(Case c, LoadCase(repo, case_id));
  VERKOSTO_ASSIGN_OR_RETURN(CaseOutcome outcome, step(c));
  return CommitCase(ctx, repo, outcome);
}

// Warns (Act 150/1930) in `reply` when `deadline` is not a working day; a
// working day leaves the reply without a warning.
template <typename Reply>
void PutDeadlineWarning(const Date& deadline, Reply& reply) {
  if (const std::optional<NonWorkingDeadline> warning = CheckDeadlineIsWorkingDay(deadline)) {
    *reply.mutable_deadline_warning() = codec::ToProto(*warning);
  }
}

// The cases `actor` may see (the lists are scoped to their area already), as
// they may see them.
//
// One page of `filter`'s cases, newest first; `list` and `filters` name the
// query for its page tokens (core/page.h).
Result<pb::CaseListResponse> CaseList(NominationRepository& repo, const Actor& actor,
                                      const CaseFilter& filter, std::string_view list,
                                      const std::string& filters, uint32_t page_size,
                                      const std::string& page_token) {
  VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                            page::Read(page_size, page_token, list, filters, 1));
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<page::Keyed<Case>> cases, repo.ListCasePage(filter, page));
  pb::CaseListResponse response;
  ReplyNames replies(repo);
  VERKOSTO_ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      messaging::FillPage(cases, page, list, filters, [&](const Case& c) -> Result<size_t> {
        if (!MaySeeCase(actor, c.area)) return size_t{0};
        pb::Case* out = response.add_cases();
        VERKOSTO_ASSIGN_OR_RETURN(*out, replies.Reply(VisibleTo(actor, c)));
        return out->ByteSizeLong();
      }));
  return response;
}

void RegisterKeha(messaging::RpcServer& server) {
  server.AddCommand<pb::SendRequestRequest, pb::SendRequestResponse>(
      [](Context& ctx, const pb::SendRequestRequest& req) -> Result<pb::SendRequestResponse> {
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(NetworkView network, LoadNetwork(repo, req.network_code()));
        SendRequestCommand command;
        command.request_id = NewRequestId();
        for (const std::string& area : req.area_codes()) command.areas.emplace_back(area);
        command.seats = codec::FromProto(req.seats());
        VERKOSTO_ASSIGN_OR_RETURN(command.deadline, codec::ParseDate(req.deadline(), "deadline"));
        command.covering_message = req.covering_message();
        command.keha_diary_number = req.keha_diary_number();
        command.ask_woman_and_man = req.ask_woman_and_man();
        VERKOSTO_ASSIGN_OR_RETURN(SendRequestOutcome outcome,
                                  SendRequest(network, command, ctx.actor(), ctx.now()));
        VERKOSTO_RETURN_IF_ERROR(
            repo.InsertRequest({command.request_id, network.code, CaseKind::kNomination,
                                Channel::kSystem, MakeStamp(ctx.actor(), ctx.now())}));
        pb::SendRequestResponse response;
        response.set_request_id(command.request_id.value());
        response.set_short_deadline(outcome.short_deadline);
        PutDeadlineWarning(command.deadline, response);
        ReplyNames replies(repo);
        for (const Case& c : outcome.cases) {
          VERKOSTO_RETURN_IF_ERROR(repo.SaveCase(c));
          VERKOSTO_ASSIGN_OR_RETURN(*response.add_cases(), replies.Reply(c));
        }
        VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
        return response;
      });

  server.AddCommand<pb::RequestReplacementRequest, pb::CaseResponse>(
      [](Context& ctx, const pb::RequestReplacementRequest& req) -> Result<pb::CaseResponse> {
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Membership membership, LoadMembership(repo, req.membership_id()));
        VERKOSTO_ASSIGN_OR_RETURN(NetworkView network,
                                  LoadNetwork(repo, membership.record().network.value()));
        RequestReplacementCommand command;
        command.request_id = NewRequestId();
        VERKOSTO_ASSIGN_OR_RETURN(command.deadline, codec::ParseDate(req.deadline(), "deadline"));
        command.covering_message = req.covering_message();
        command.keha_diary_number = req.keha_diary_number();
        VERKOSTO_ASSIGN_OR_RETURN(
            CaseOutcome outcome,
            RequestReplacement(network, membership, command, ctx.actor(), ctx.now()));
        VERKOSTO_RETURN_IF_ERROR(
            repo.InsertRequest({command.request_id, network.code, CaseKind::kReplacement,
                                Channel::kSystem, MakeStamp(ctx.actor(), ctx.now())}));
        VERKOSTO_ASSIGN_OR_RETURN(pb::CaseResponse response, CommitCase(ctx, repo, outcome));
        PutDeadlineWarning(command.deadline, response);
        return response;
      });

  server.AddCommand<pb::WithdrawCaseRequest, pb::CaseResponse>(
      [](Context& ctx, const pb::WithdrawCaseRequest& req) {
        return CaseStep(ctx, req.case_id(), [&](const Case& c) {
          return WithdrawCase(c, WithdrawCommand{req.reason()}, ctx.actor(), ctx.now());
        });
      });

  server.AddCommand<pb::ExtendDeadlineRequest, pb::CaseResponse>(
      [](Context& ctx, const pb::ExtendDeadlineRequest& req) -> Result<pb::CaseResponse> {
        VERKOSTO_ASSIGN_OR_RETURN(Date deadline, codec::ParseDate(req.deadline(), "deadline"));
        VERKOSTO_ASSIGN_OR_RETURN(
            pb::CaseResponse response, CaseStep(ctx, req.case_id(), [&](const Case& c) {
              return ExtendDeadline(c, ExtendDeadlineCommand{deadline}, ctx.actor(), ctx.now());
            }));
        PutDeadlineWarning(deadline, response);
        return response;
      });
}

void RegisterRegistry(messaging::RpcServer& server) {
  server.AddCommand<pb::RegisterCaseRequest, pb::CaseResponse>(
      [](Context& ctx, const pb::RegisterCaseRequest& req) -> Result<pb::CaseResponse> {
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Case c, LoadCase(repo, req.case_id()));
        RegisterCommand command;
        command.diary_number = req.diary_number();
        command.organisation = req.organisation();
        VERKOSTO_ASSIGN_OR_RETURN(command.date_received,
                                  codec::ParseDate(req.date_received(), "date_received"));
        Status lookup;
        Result<CaseOutcome> outcome =
            RegisterCase(c, command, DiaryCheck(repo, c.area, &lookup), ctx.actor(), ctx.now());
        VERKOSTO_RETURN_IF_ERROR(lookup);
        if (!outcome.ok()) return outcome.status();
        return CommitCase(ctx, repo, *outcome);
      });

  server.AddCommand<pb::LogIncomingRequestRequest, pb::CaseResponse>(
      [](Context& ctx, const pb::LogIncomingRequestRequest& req) -> Result<pb::CaseResponse> {
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(NetworkView network, LoadNetwork(repo, req.network_code()));
        LogIncomingCommand command;
        command.request_id = NewRequestId();
        command.area = AreaCode(req.area_code());
        VERKOSTO_ASSIGN_OR_RETURN(command.channel, codec::FromProto(req.channel()));
        command.sender = req.sender();
        command.subject = req.subject();
        VERKOSTO_ASSIGN_OR_RETURN(command.date_received,
                                  codec::ParseDate(req.date_received(), "date_received"));
        command.diary_number = req.diary_number();
        command.organisation = req.organisation();
        command.seats = codec::FromProto(req.seats());
        VERKOSTO_ASSIGN_OR_RETURN(command.deadline, OptionalDate(req.deadline(), "deadline"));
        Status lookup;
        Result<CaseOutcome> outcome = LogIncomingRequest(
            network, command, DiaryCheck(repo, command.area, &lookup), ctx.actor(), ctx.now());
        VERKOSTO_RETURN_IF_ERROR(lookup);
        if (!outcome.ok()) return outcome.status();
        VERKOSTO_RETURN_IF_ERROR(
            repo.InsertRequest({command.request_id, network.code, CaseKind::kNomination,
                                command.channel, MakeStamp(ctx.actor(), ctx.now())}));
        return CommitCase(ctx, repo, *outcome);
      });
}

void RegisterLeadership(messaging::RpcServer& server, uint32_t load_warning_networks) {
  server.AddCommand<pb::ApproveCaseRequest, pb::CaseResponse>(
      [load_warning_networks](Context& ctx,
                              const pb::ApproveCaseRequest& req) -> Result<pb::CaseResponse> {
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Case c, LoadCase(repo, req.case_id()));
        VERKOSTO_ASSIGN_OR_RETURN(NetworkView network, LoadNetwork(repo, c.network.value()));
        ApproveCommand command;
        for (int i = 0; i < req.nominees_size(); ++i) {
          VERKOSTO_ASSIGN_OR_RETURN(
              Nominee nominee,
              codec::FromProto(req.nominees(i), "nominees[" + std::to_string(i) + "]"));
          command.nominees.push_back(std::move(nominee));
        }
        std::optional<Membership> replaced;
        if (c.kind == CaseKind::kReplacement && !c.replaced_membership.empty()) {
          VERKOSTO_ASSIGN_OR_RETURN(replaced, repo.FindMembership(c.replaced_membership));
          if (!replaced) return Status::Internal("replaced membership is missing");
        }
        VERKOSTO_ASSIGN_OR_RETURN(ApprovalOutcome outcome,
                                  ApproveCase(c, network, command, replaced ? &*replaced : nullptr,
                                              ctx.actor(), ctx.now()));
        VERKOSTO_RETURN_IF_ERROR(repo.SaveCase(outcome.case_after));
        if (outcome.replaced) {
          VERKOSTO_RETURN_IF_ERROR(repo.UpdateMembership(outcome.replaced->record()));
        }
        for (const Membership& m : outcome.started) {
          VERKOSTO_RETURN_IF_ERROR(repo.InsertMembership(m.record()));
        }
        VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
        VERKOSTO_ASSIGN_OR_RETURN(pb::CaseResponse response,
                                  CaseReply(repo, VisibleTo(ctx.actor(), outcome.case_after)));
        for (const Membership& m : outcome.started) {
          *response.add_memberships_started() = codec::ToProto(m);
        }
        VERKOSTO_RETURN_IF_ERROR(
            AddLoadWarnings(ctx, outcome.started, load_warning_networks, &response));
        return response;
      });

  server.AddCommand<pb::DeclineCaseRequest, pb::CaseResponse>(
      [](Context& ctx, const pb::DeclineCaseRequest& req) {
        return CaseStep(ctx, req.case_id(), [&](const Case& c) {
          return DeclineCase(c, DeclineCommand{req.reason()}, ctx.actor(), ctx.now());
        });
      });

  server.AddCommand<pb::RecordResignationRequest, pb::MembershipResponse>(
      [](Context& ctx, const pb::RecordResignationRequest& req) -> Result<pb::MembershipResponse> {
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Membership membership, LoadMembership(repo, req.membership_id()));
        ResignationCommand command;
        VERKOSTO_ASSIGN_OR_RETURN(command.date, codec::ParseDate(req.date(), "date"));
        command.reason = req.reason();
        VERKOSTO_ASSIGN_OR_RETURN(MembershipOutcome outcome,
                                  RecordResignation(membership, command, ctx.actor(), ctx.now()));
        VERKOSTO_RETURN_IF_ERROR(repo.UpdateMembership(outcome.membership.record()));
        VERKOSTO_RETURN_IF_ERROR(RecordAndEmit(ctx, outcome.events));
        // The member's request to resign, if they made one, is answered now.
        VERKOSTO_RETURN_IF_ERROR(CloseResignationRequestOf(ctx, repo, outcome.membership));
        pb::MembershipResponse response;
        *response.mutable_membership() = codec::ToProto(outcome.membership);
        return response;
      });
}

void RegisterQueries(messaging::RpcServer& server) {
  server.AddQuery<pb::RegistryInboxRequest, pb::CaseListResponse>(
      [](Context& ctx, const pb::RegistryInboxRequest& req) -> Result<pb::CaseListResponse> {
        VERKOSTO_RETURN_IF_ERROR(
            Authorize(ctx.actor(), Operation::kRegisterCase, ctx.actor().area));
        SqliteNominationRepository repo(ctx.db());
        CaseFilter filter;
        filter.area = ctx.actor().area;
        filter.states = {CaseState::kAwaitingRegistration};
        return CaseList(repo, ctx.actor(), filter, "cases.registry_inbox",
                        page::FilterKey({ctx.actor().area.value()}), req.page_size(),
                        req.page_token());
      });

  server.AddQuery<pb::RegistryJournalRequest, pb::CaseListResponse>(
      [](Context& ctx, const pb::RegistryJournalRequest& req) -> Result<pb::CaseListResponse> {
        VERKOSTO_RETURN_IF_ERROR(
            Authorize(ctx.actor(), Operation::kRegisterCase, ctx.actor().area));
        SqliteNominationRepository repo(ctx.db());
        CaseFilter filter;
        filter.area = ctx.actor().area;
        filter.registered_only = true;
        VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(req.search(), limits::kLine, "search"));
        filter.search = req.search();
        return CaseList(repo, ctx.actor(), filter, "cases.journal",
                        page::FilterKey({ctx.actor().area.value(), req.search()}), req.page_size(),
                        req.page_token());
      });

  server.AddQuery<pb::DirectorInboxRequest, pb::CaseListResponse>(
      [](Context& ctx, const pb::DirectorInboxRequest& req) -> Result<pb::CaseListResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kDecideCase, ctx.actor().area));
        SqliteNominationRepository repo(ctx.db());
        CaseFilter filter;
        filter.area = ctx.actor().area;
        filter.states = {CaseState::kRegistered};
        return CaseList(repo, ctx.actor(), filter, "cases.director_inbox",
                        page::FilterKey({ctx.actor().area.value()}), req.page_size(),
                        req.page_token());
      });

  server.AddQuery<pb::GetCaseRequest, pb::CaseResponse>(
      [](Context& ctx, const pb::GetCaseRequest& req) -> Result<pb::CaseResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kRead));
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Case c, LoadCase(repo, req.case_id()));
        if (!MaySeeCase(ctx.actor(), c.area)) {
          return Status::NotFound("no case '" + req.case_id() + "'");  // as for an unknown one
        }
        VERKOSTO_ASSIGN_OR_RETURN(pb::CaseResponse response,
                                  CaseReply(repo, VisibleTo(ctx.actor(), c)));
        // The leadership decides a registered case of its own area (rule 4);
        // the pages show the decision form by this answer.
        response.set_may_decide(c.state == CaseState::kRegistered &&
                                Authorize(ctx.actor(), Operation::kDecideCase, c.area).ok());
        if (c.decision) {
          for (const MembershipId& id : c.decision->memberships) {
            VERKOSTO_ASSIGN_OR_RETURN(std::optional<Membership> m, repo.FindMembership(id));
            if (m)
              *response.add_memberships_started() =
                  codec::ToProto(VisibleTo(ctx.actor(), m->record()));
          }
        }
        return response;
      });

  server.AddQuery<pb::NetworkMatrixRequest, pb::NetworkMatrixResponse>(
      [](Context& ctx, const pb::NetworkMatrixRequest& req) -> Result<pb::NetworkMatrixResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kRead));
        SqliteNominationRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(NetworkView network, LoadNetwork(repo, req.network_code()));
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<AreaInfo> areas, repo.ListAreas());
        CaseFilter cases_filter;
        cases_filter.network = network.code;
        cases_filter.latest_per_area_only = true;
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<Case> cases, repo.ListCases(cases_filter));
        MembershipFilter members_filter;
        members_filter.network = network.code;
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<Membership> memberships,
                                  repo.ListMemberships(members_filter));
        std::vector<MatrixLine> lines;
        ReplyNames replies(repo);
        replies.Know(areas);
        pb::NetworkMatrixResponse response;
        response.set_network_code(network.code.value());
        VERKOSTO_ASSIGN_OR_RETURN(ReplyNames::Names network_names, replies.Network(network.code));
        response.set_network_name_fi(network_names.fi);
        response.set_network_name_sv(network_names.sv);
        // Every role sees the whole country's picture; each row as the
        // reader may see it: another area's case as its state only, and
        // nominees' contact data by need (docs/authorization.md).
        const Actor& reader = ctx.actor();
        for (const AreaInfo& area : areas) {
          MatrixLine line{area, std::nullopt, {}};
          // Cases come newest first: the first of the area is its latest.
          for (const Case& c : cases) {
            if (c.area == area.code) {
              line.latest_case = MaySeeCase(reader, c.area) ? VisibleTo(reader, c) : StateOnly(c);
              break;
            }
          }
          for (const Membership& m : memberships) {
            if (m.record().area == area.code) line.active.push_back(VisibleTo(reader, m.record()));
          }
          pb::MatrixRow* row = response.add_rows();
          row->set_area_code(area.code.value());
          row->set_area_name_fi(area.name_fi);
          row->set_area_name_sv(area.name_sv);
          const auto decided = network.areas.find(area.code);
          row->set_participation(std::string(ParticipationName(
              decided == network.areas.end() ? Participation::kUndecided : decided->second)));
          if (line.latest_case) {
            VERKOSTO_ASSIGN_OR_RETURN(*row->mutable_latest_case(),
                                      replies.Reply(*line.latest_case));
          }
          for (const MembershipRecord& m : line.active) {
            *row->add_active_memberships() = codec::ToProto(m);
          }
          lines.push_back(std::move(line));
        }
        response.set_csv(MatrixCsv(network.code, lines));
        return response;
      });

  server.AddQuery<pb::ListMembershipsRequest, pb::ListMembershipsResponse>(
      [](Context& ctx,
         const pb::ListMembershipsRequest& req) -> Result<pb::ListMembershipsResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kRead));
        const Actor& reader = ctx.actor();
        SqliteNominationRepository repo(ctx.db());
        MembershipFilter filter;
        if (!req.network_code().empty()) filter.network = NetworkCode(req.network_code());
        if (!req.area_code().empty()) filter.area = AreaCode(req.area_code());
        filter.email = req.email();
        filter.include_ended = req.include_ended();
        // "Is this person a member?" is itself personal data.
        if (!filter.email.empty()) {
          if (!MayFilterByEmail(reader, filter.email)) {
            return Status::PermissionDenied(
                "email", "role " + std::string(RoleName(reader.role)) +
                             " may look memberships up by e-mail only for their own address");
          }
          // An area's staff look up within their own area.
          if (!MaySeeContact(reader, AreaCode(), filter.email) && !reader.area.empty()) {
            if (filter.area && *filter.area != reader.area) {
              pb::ListMembershipsResponse none;
              return none;
            }
            filter.area = reader.area;
          }
        }
        // The filters as applied (the reader's own area scope included).
        constexpr std::string_view kList = "memberships.list";
        const std::string filters = page::FilterKey(
            {filter.network ? filter.network->value() : "", filter.area ? filter.area->value() : "",
             filter.email, filter.include_ended ? "ended" : ""});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 3));
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<page::Keyed<Membership>> memberships,
                                  repo.ListMembershipPage(filter, page));
        pb::ListMembershipsResponse response;
        ReplyNames names(repo);
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(
                memberships, page, kList, filters, [&](const Membership& m) -> Result<size_t> {
                  pb::Membership* out = response.add_memberships();
                  VERKOSTO_ASSIGN_OR_RETURN(*out, names.Reply(VisibleTo(reader, m.record())));
                  return out->ByteSizeLong();
                }));
        return response;
      });
}

}  // namespace

std::string MatrixCsv(const NetworkCode& network, const std::vector<MatrixLine>& rows) {
  std::string csv =
      "network,area_code,area_name_fi,area_name_sv,case_id,state,diary_number,deadline,"
      "overdue,short_deadline,decided_by,on_behalf_of,members,deputies\r\n";
  for (const MatrixLine& row : rows) {
    std::vector<std::string> fields = {network.value(), row.area.code.value(), row.area.name_fi,
                                       row.area.name_sv};
    const Case* c = row.latest_case ? &*row.latest_case : nullptr;
    fields.push_back(c ? c->id.value() : "");
    fields.push_back(c ? std::string(CaseStateName(c->state)) : "no_case");
    fields.push_back(c && c->registration ? c->registration->diary_number : "");
    fields.push_back(c && c->deadline ? FormatIsoDate(*c->deadline) : "");
    fields.emplace_back(c && c->overdue ? "yes" : "no");
    fields.emplace_back(c && c->short_deadline ? "yes" : "no");
    fields.push_back(c && c->decision ? c->decision->decided.name : "");
    fields.push_back(c && c->decision ? c->decision->decided.on_behalf_of : "");
    std::string members;
    std::string deputies;
    for (const MembershipRecord& m : row.active) {
      const Nominee person = m.current_person();  // with the member's own correction
      std::string& list = person.seat == SeatKind::kMember ? members : deputies;
      if (!list.empty()) list += "; ";
      list += person.name;
      if (!person.email.empty()) list += " <" + person.email + ">";
    }
    fields.push_back(members);
    fields.push_back(deputies);
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) csv += ',';
      csv += text::CsvField(fields[i]);
    }
    csv += "\r\n";
  }
  return csv;
}

void RegisterNominationHandlers(messaging::RpcServer& server, uint32_t load_warning_networks) {
  RegisterKeha(server);
  RegisterRegistry(server);
  RegisterLeadership(server, load_warning_networks);
  RegisterQueries(server);
  RegisterSelfServiceHandlers(server);
  RegisterMemberChangeHandlers(server);
  RegisterConfirmationHandlers(server);
  RegisterCaseHistoryHandlers(server);
  RegisterLetterHandlers(server);  // issue 19: letters
}

}  // namespace verkosto::nominations
