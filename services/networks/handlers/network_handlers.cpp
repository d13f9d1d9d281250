#include "networks/handlers/network_handlers.h"

#include <algorithm>

#include "core/page.h"
#include "messaging/page_reply.h"
#include "networks/codec/codec.h"
#include "networks/domain/gender_exception.h"
#include "networks/domain/permissions.h"
#include "networks/domain/renewal.h"
#include "networks/storage/sqlite_network_repository.h"

namespace verkosto::networks {

namespace pb = ::verkosto::networks::v1;
using messaging::Context;

namespace {

// GetNetwork's newest comments and versions; ListComments and ListVersions page all.
constexpr uint32_t kNewestInNetwork = 100;

// The serialized size of a reply item just added (messaging::FillPage).
size_t Added(const google::protobuf::Message& item) { return item.ByteSizeLong(); }

// The sort key of a row read with its id.
constexpr auto kIdKey = [](const auto& row) {
  return std::vector<std::string>{page::KeyOf(row.first)};
};

// The network `code`. NotFound also for a draft the actor may not see, so a
// draft's existence does not leak.
Result<Network> LoadNetwork(NetworkRepository& repo, const std::string& code, const Actor& actor) {
  if (code.empty()) return Status::InvalidArgument("network_code", "is required");
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<Network> found, repo.FindNetwork(NetworkCode(code)));
  if (!found ||
      (found->status == NetworkStatus::kDraft && !Authorize(actor, Operation::kReadDrafts).ok())) {
    return Status::NotFound("no network '" + code + "'");
  }
  return std::move(*found);
}

pb::NetworkResponse Reply(const Network& network) {
  pb::NetworkResponse response;
  *response.mutable_network() = codec::ToProto(network);
  return response;
}

// Saves the state a lifecycle command produced, records versions, emits.
Result<pb::NetworkResponse> Commit(Context& ctx, NetworkRepository& repo,
                                   const NetworkUpdate& update) {
  VERKOSTO_RETURN_IF_ERROR(repo.UpdateNetwork(update.network));
  for (const NetworkEvent& event : update.events) {
    VERKOSTO_RETURN_IF_ERROR(AppendVersionOf(repo, update.network.code(), event));
  }
  VERKOSTO_RETURN_IF_ERROR(ctx.EmitAll(update.events, codec::ToProto));
  return Reply(update.network);
}

// One lifecycle step: load the network, apply `step`, save and emit.
template <typename Step>
Result<pb::NetworkResponse> Transition(Context& ctx, const std::string& code, Step step) {
  SqliteNetworkRepository repo(ctx.db());
  VERKOSTO_ASSIGN_OR_RETURN(Network network, LoadNetwork(repo, code, ctx.actor()));
  VERKOSTO_ASSIGN_OR_RETURN(NetworkUpdate update, step(network));
  return Commit(ctx, repo, update);
}

Status EmitDirectoryEvents(Context& ctx, const AreaDirectoryUpdate& update) {
  for (const AreaDirectoryChanged& event : update.events) {
    VERKOSTO_RETURN_IF_ERROR(ctx.Emit(*codec::ToProto(event, update.directory)));
  }
  return Status::Ok();
}

void RegisterDirectory(messaging::RpcServer& server) {
  server.AddQuery<pb::ListAreasRequest, pb::ListAreasResponse>(
      [](Context& ctx, const pb::ListAreasRequest& req) -> Result<pb::ListAreasResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kReadNetworks));
        constexpr std::string_view kList = "networks.areas";
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, "", 1));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> directory_ptr,
                                  repo.LoadDirectory());
        const std::vector<Area>& areas = directory_ptr->areas;
        // The directory's order; the key is the last area's code.
        auto it = areas.begin();
        if (!page.first()) {
          it = std::find_if(areas.begin(), areas.end(),
                            [&](const Area& a) { return a.code.value() == page.after[0]; });
          if (it == areas.end()) {
            return Status::InvalidArgument("page_token",
                                           "the areas changed meanwhile; ask again without it");
          }
          ++it;
        }
        std::vector<const Area*> rows;
        for (; it != areas.end() && rows.size() < page.fetch(); ++it) rows.push_back(&*it);
        pb::ListAreasResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(
                rows, page, kList, "",
                [](const Area* a) { return std::vector<std::string>{a->code.value()}; },
                [&](const Area* a) { return Added(*response.add_areas() = codec::ToProto(*a)); }));
        return response;
      });

  server.AddQuery<pb::GetAreaRequest, pb::GetAreaResponse>(
      [](Context& ctx, const pb::GetAreaRequest& req) -> Result<pb::GetAreaResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kReadNetworks));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> directory_ptr,
                                  repo.LoadDirectory());
        const AreaDirectory& directory = *directory_ptr;
        const Area* area = FindArea(directory, AreaCode(req.area_code()));
        if (area == nullptr) return Status::NotFound("no area '" + req.area_code() + "'");
        pb::GetAreaResponse response;
        *response.mutable_area() = codec::ToProto(*area, &directory);
        return response;
      });

  server.AddQuery<pb::FindAreaRequest, pb::FindAreaResponse>(
      [](Context& ctx, const pb::FindAreaRequest& req) -> Result<pb::FindAreaResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kReadNetworks));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> directory_ptr,
                                  repo.LoadDirectory());
        const AreaDirectory& directory = *directory_ptr;
        VERKOSTO_ASSIGN_OR_RETURN(MunicipalityMatch match,
                                  FindAreaOfMunicipality(directory, req.municipality()));
        pb::FindAreaResponse response;
        *response.mutable_municipality() = codec::ToProto(match.municipality);
        *response.mutable_area() = codec::ToProto(match.area);
        return response;
      });

  server.AddCommand<pb::LoadReferenceDataRequest, pb::LoadReferenceDataResponse>(
      [](Context& ctx,
         const pb::LoadReferenceDataRequest& req) -> Result<pb::LoadReferenceDataResponse> {
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> current_ptr,
                                  repo.LoadDirectory());
        const AreaDirectory& current = *current_ptr;
        VERKOSTO_ASSIGN_OR_RETURN(
            AreaDirectoryUpdate update,
            LoadReferenceData(current, req.employment_areas_csv(), req.municipalities_csv(),
                              ctx.actor(), ctx.now()));
        if (!update.diff.empty()) VERKOSTO_RETURN_IF_ERROR(repo.SaveDirectory(update.directory));
        VERKOSTO_RETURN_IF_ERROR(EmitDirectoryEvents(ctx, update));
        const AreaDirectoryDiff& diff = update.diff;
        pb::LoadReferenceDataResponse response;
        response.set_areas_added(static_cast<uint32_t>(diff.areas_added.size()));
        response.set_areas_changed(static_cast<uint32_t>(diff.areas_changed.size()));
        response.set_areas_removed(static_cast<uint32_t>(diff.areas_removed.size()));
        response.set_municipalities_added(static_cast<uint32_t>(diff.municipalities_added.size()));
        response.set_municipalities_changed(
            static_cast<uint32_t>(diff.municipalities_changed.size()));
        response.set_municipalities_removed(
            static_cast<uint32_t>(diff.municipalities_removed.size()));
        for (const std::string& change : diff.changes) response.add_changes(change);
        return response;
      });

  server.AddCommand<pb::SetAreaContactsRequest, pb::SetAreaContactsResponse>(
      [](Context& ctx,
         const pb::SetAreaContactsRequest& req) -> Result<pb::SetAreaContactsResponse> {
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> current_ptr,
                                  repo.LoadDirectory());
        const AreaDirectory& current = *current_ptr;
        VERKOSTO_ASSIGN_OR_RETURN(
            AreaDirectoryUpdate update,
            SetAreaContacts(current, AreaCode(req.area_code()), codec::ContactsFromProto(req),
                            ctx.actor(), ctx.now()));
        if (!update.events.empty()) VERKOSTO_RETURN_IF_ERROR(repo.SaveDirectory(update.directory));
        VERKOSTO_RETURN_IF_ERROR(EmitDirectoryEvents(ctx, update));
        pb::SetAreaContactsResponse response;
        *response.mutable_area() =
            codec::ToProto(*FindArea(update.directory, AreaCode(req.area_code())));
        return response;
      });
}

void RegisterLifecycle(messaging::RpcServer& server) {
  server.AddCommand<pb::CreateNetworkRequest, pb::NetworkResponse>(
      [](Context& ctx, const pb::CreateNetworkRequest& req) -> Result<pb::NetworkResponse> {
        VERKOSTO_ASSIGN_OR_RETURN(NetworkDefinition definition, codec::FromProto(req.definition()));
        VERKOSTO_ASSIGN_OR_RETURN(NetworkUpdate update,
                                  CreateNetwork(definition, ctx.actor(), ctx.now()));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_RETURN_IF_ERROR(repo.InsertNetwork(update.network));
        VERKOSTO_RETURN_IF_ERROR(ctx.EmitAll(update.events, codec::ToProto));
        return Reply(update.network);
      });

  server.AddCommand<pb::UpdateNetworkRequest, pb::NetworkResponse>(
      [](Context& ctx, const pb::UpdateNetworkRequest& req) {
        return Transition(
            ctx, req.definition().code(), [&](const Network& network) -> Result<NetworkUpdate> {
              VERKOSTO_ASSIGN_OR_RETURN(NetworkDefinition definition,
                                        codec::FromProto(req.definition()));
              return EditNetwork(network, definition, req.reason(), ctx.actor(), ctx.now());
            });
      });

  server.AddCommand<pb::ProposeNetworkRequest, pb::NetworkResponse>(
      [](Context& ctx, const pb::ProposeNetworkRequest& req) {
        return Transition(ctx, req.network_code(), [&](const Network& network) {
          return ProposeNetwork(network, ctx.actor(), ctx.now());
        });
      });

  server.AddCommand<pb::OpenNetworkRequest, pb::NetworkResponse>(
      [](Context& ctx, const pb::OpenNetworkRequest& req) {
        return Transition(ctx, req.network_code(), [&](const Network& network) {
          return OpenNetwork(network, ctx.actor(), ctx.now());
        });
      });

  server.AddCommand<pb::CloseNetworkRequest, pb::NetworkResponse>(
      [](Context& ctx, const pb::CloseNetworkRequest& req) {
        return Transition(ctx, req.network_code(), [&](const Network& network) {
          return CloseNetwork(network, req.reason(), ctx.actor(), ctx.now());
        });
      });

  server.AddCommand<pb::CancelNetworkRequest, pb::NetworkResponse>(
      [](Context& ctx, const pb::CancelNetworkRequest& req) {
        return Transition(ctx, req.network_code(), [&](const Network& network) {
          return CancelNetwork(network, req.reason(), ctx.actor(), ctx.now());
        });
      });

  server.AddCommand<pb::RenewNetworkRequest, pb::NetworkResponse>(
      [](Context& ctx, const pb::RenewNetworkRequest& req) {
        return Transition(
            ctx, req.definition().code(), [&](const Network& network) -> Result<NetworkUpdate> {
              VERKOSTO_ASSIGN_OR_RETURN(NetworkDefinition definition,
                                        codec::FromProto(req.definition()));
              VERKOSTO_ASSIGN_OR_RETURN(
                  NetworkUpdate renewed,
                  RenewNetwork(network, RenewCommand{std::move(definition), req.reason()},
                               ctx.actor(), ctx.now()));
              if (req.gender_balance_exception_reason().empty()) return renewed;
              // Issue 19: the special reasons for the body's gender balance,
              // recorded with the renewal (one transaction, both audited).
              VERKOSTO_ASSIGN_OR_RETURN(NetworkUpdate excepted,
                                        RecordGenderBalanceException(
                                            renewed.network, req.gender_balance_exception_reason(),
                                            ctx.actor(), ctx.now()));
              renewed.network = excepted.network;
              for (NetworkEvent& e : excepted.events) renewed.events.push_back(std::move(e));
              return renewed;
            });
      });

  // Issue 19: KEHA's reasons for a body that departs from the 4 a § balance.
  server.AddCommand<pb::RecordGenderBalanceExceptionRequest, pb::NetworkResponse>(
      [](Context& ctx, const pb::RecordGenderBalanceExceptionRequest& req) {
        return Transition(ctx, req.network_code(), [&](const Network& network) {
          return RecordGenderBalanceException(network, req.reason(), ctx.actor(), ctx.now());
        });
      });
}

void RegisterParticipation(messaging::RpcServer& server) {
  server.AddCommand<
      pb::DecideParticipationRequest,
      pb::DecideParticipationResponse>([](Context& ctx, const pb::DecideParticipationRequest& req)
                                           -> Result<pb::DecideParticipationResponse> {
    SqliteNetworkRepository repo(ctx.db());
    VERKOSTO_ASSIGN_OR_RETURN(Network network, LoadNetwork(repo, req.network_code(), ctx.actor()));
    VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> directory_ptr,
                              repo.LoadDirectory());
    const AreaDirectory& directory = *directory_ptr;
    const AreaCode area(req.area_code());
    VERKOSTO_ASSIGN_OR_RETURN(ParticipationHistory history, repo.History(network.code(), area));
    const DecideParticipationCommand command{area, codec::FromProto(req.decision()), req.reason()};
    VERKOSTO_ASSIGN_OR_RETURN(
        ParticipationUpdate update,
        DecideParticipation(network, directory, history, command, ctx.actor(), ctx.now()));
    for (const ParticipationDecided& event : update.events) {
      VERKOSTO_RETURN_IF_ERROR(repo.AppendDecision(event.decision));
      VERKOSTO_RETURN_IF_ERROR(ctx.Emit(*codec::ToProto(event)));
    }
    pb::DecideParticipationResponse response;
    if (const ParticipationDecision* current = update.history.current()) {
      *response.mutable_participation() = codec::ToProto(*current);
    }
    return response;
  });

  server.AddCommand<pb::AddCommentRequest, pb::AddCommentResponse>(
      [](Context& ctx, const pb::AddCommentRequest& req) -> Result<pb::AddCommentResponse> {
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Network network,
                                  LoadNetwork(repo, req.network_code(), ctx.actor()));
        VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> directory_ptr,
                                  repo.LoadDirectory());
        const AreaDirectory& directory = *directory_ptr;
        VERKOSTO_ASSIGN_OR_RETURN(
            CommentAdded event,
            AddComment(network, directory, AddCommentCommand{AreaCode(req.area_code()), req.text()},
                       ctx.actor(), ctx.now()));
        VERKOSTO_RETURN_IF_ERROR(repo.AddComment(event.comment));
        VERKOSTO_RETURN_IF_ERROR(ctx.Emit(*codec::ToProto(event)));
        pb::AddCommentResponse response;
        *response.mutable_comment() = codec::ToProto(event.comment);
        return response;
      });
}

void RegisterQueries(messaging::RpcServer& server) {
  server.AddQuery<pb::ListNetworksRequest, pb::ListNetworksResponse>(
      [](Context& ctx, const pb::ListNetworksRequest& req) -> Result<pb::ListNetworksResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kReadNetworks));
        NetworkFilter filter;
        filter.include_drafts = Authorize(ctx.actor(), Operation::kReadDrafts).ok();
        if (req.status() != pb::NETWORK_STATUS_UNSPECIFIED) {
          filter.status = codec::FromProto(req.status());
        }
        if (req.kind() != pb::NETWORK_KIND_UNSPECIFIED) filter.kind = codec::FromProto(req.kind());
        filter.owner = req.owner();
        // The caller's draft visibility is a filter too: a token of a KEHA
        // coordinator's list is not another reader's.
        constexpr std::string_view kList = "networks.list";
        const std::string filters =
            page::FilterKey({std::to_string(req.status()), std::to_string(req.kind()), req.owner(),
                             filter.include_drafts ? "drafts" : ""});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 1));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<Network> networks, repo.ListNetworks(filter, page));
        pb::ListNetworksResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(
                networks, page, kList, filters,
                [](const Network& n) { return std::vector<std::string>{n.code().value()}; },
                [&](const Network& n) {
                  return Added(*response.add_networks() = codec::ToProto(n));
                }));
        return response;
      });

  server.AddQuery<pb::GetNetworkRequest, pb::GetNetworkResponse>(
      [](Context& ctx, const pb::GetNetworkRequest& req) -> Result<pb::GetNetworkResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kReadNetworks));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Network network,
                                  LoadNetwork(repo, req.network_code(), ctx.actor()));
        VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> directory_ptr,
                                  repo.LoadDirectory());
        const AreaDirectory& directory = *directory_ptr;
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<ParticipationHistory> histories,
                                  repo.Histories(network.code()));
        uint32_t comments_total = 0;
        uint32_t versions_total = 0;
        VERKOSTO_ASSIGN_OR_RETURN(
            std::vector<Comment> comments,
            repo.NewestComments(network.code(), kNewestInNetwork, &comments_total));
        VERKOSTO_ASSIGN_OR_RETURN(
            std::vector<NetworkVersion> versions,
            repo.NewestVersions(network.code(), kNewestInNetwork, &versions_total));
        pb::GetNetworkResponse response;
        response.set_comments_total(comments_total);
        response.set_versions_total(versions_total);
        *response.mutable_network() = codec::ToProto(network);
        for (const ParticipationRow& row :
             ParticipationMatrix(network.code(), directory, histories)) {
          *response.add_participation() = codec::ToProto(row);
        }
        for (const Comment& c : comments) *response.add_comments() = codec::ToProto(c);
        for (const NetworkVersion& v : versions) *response.add_versions() = codec::ToProto(v);
        return response;
      });

  server.AddQuery<pb::GetParticipationHistoryRequest, pb::GetParticipationHistoryResponse>(
      [](Context& ctx, const pb::GetParticipationHistoryRequest& req)
          -> Result<pb::GetParticipationHistoryResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kReadNetworks));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Network network,
                                  LoadNetwork(repo, req.network_code(), ctx.actor()));
        constexpr std::string_view kList = "networks.participation";
        const std::string filters = page::FilterKey({network.code().value(), req.area_code()});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 1));
        VERKOSTO_ASSIGN_OR_RETURN(auto decisions,
                                  repo.Decisions(network.code(), AreaCode(req.area_code()), page));
        pb::GetParticipationHistoryResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(decisions, page, kList, filters, kIdKey, [&](const auto& row) {
              return Added(*response.add_decisions() = codec::ToProto(row.second));
            }));
        return response;
      });

  server.AddQuery<pb::ListCommentsRequest, pb::ListCommentsResponse>(
      [](Context& ctx, const pb::ListCommentsRequest& req) -> Result<pb::ListCommentsResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kReadNetworks));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Network network,
                                  LoadNetwork(repo, req.network_code(), ctx.actor()));
        constexpr std::string_view kList = "networks.comments";
        const std::string filters = page::FilterKey({network.code().value()});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 1));
        VERKOSTO_ASSIGN_OR_RETURN(auto comments, repo.ListComments(network.code(), page));
        pb::ListCommentsResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(comments, page, kList, filters, kIdKey, [&](const auto& row) {
              return Added(*response.add_comments() = codec::ToProto(row.second));
            }));
        return response;
      });

  server.AddQuery<pb::ListVersionsRequest, pb::ListVersionsResponse>(
      [](Context& ctx, const pb::ListVersionsRequest& req) -> Result<pb::ListVersionsResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kReadNetworks));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(Network network,
                                  LoadNetwork(repo, req.network_code(), ctx.actor()));
        constexpr std::string_view kList = "networks.versions";
        const std::string filters = page::FilterKey({network.code().value()});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 1));
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<NetworkVersion> versions,
                                  repo.ListVersions(network.code(), page));
        pb::ListVersionsResponse response;
        VERKOSTO_ASSIGN_OR_RETURN(*response.mutable_next_page_token(),
                                  messaging::FillPage(
                                      versions, page, kList, filters,
                                      [](const NetworkVersion& v) {
                                        return std::vector<std::string>{page::KeyOf(v.version)};
                                      },
                                      [&](const NetworkVersion& v) {
                                        return Added(*response.add_versions() = codec::ToProto(v));
                                      }));
        return response;
      });

  server.AddQuery<pb::GetBurdenRequest, pb::GetBurdenResponse>(
      [](Context& ctx, const pb::GetBurdenRequest& req) -> Result<pb::GetBurdenResponse> {
        VERKOSTO_RETURN_IF_ERROR(Authorize(ctx.actor(), Operation::kReadNetworks));
        SqliteNetworkRepository repo(ctx.db());
        VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> directory_ptr,
                                  repo.LoadDirectory());
        const AreaDirectory& directory = *directory_ptr;
        const AreaCode area(req.area_code());
        if (FindArea(directory, area) == nullptr) {
          return Status::NotFound("no area '" + req.area_code() + "'");
        }
        constexpr std::string_view kList = "networks.burden";
        const std::string filters = page::FilterKey({area.value()});
        VERKOSTO_ASSIGN_OR_RETURN(page::PageRequest page,
                                  page::Read(req.page_size(), req.page_token(), kList, filters, 1));
        // Only the networks the area decided on can cost it anything.
        NetworkFilter decided;
        decided.decided_by = area;
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<Network> networks,
                                  repo.ListNetworks(decided, std::nullopt));
        VERKOSTO_ASSIGN_OR_RETURN(std::vector<ParticipationHistory> histories,
                                  repo.AreaHistories(area));
        Burden burden = ComputeBurden(area, networks, histories);
        // The totals are over every line; the page shows some (in code order).
        std::vector<BurdenLine>& lines = burden.lines;
        if (!page.first()) {
          std::erase_if(lines,
                        [&](const BurdenLine& l) { return l.network.value() <= page.after[0]; });
        }
        // A burden line is small (a code, a name, four numbers): page_size bounds it.
        const std::vector<BurdenLine> all = std::move(lines);
        pb::GetBurdenResponse response = codec::ToProto(burden);
        response.clear_lines();
        VERKOSTO_ASSIGN_OR_RETURN(
            *response.mutable_next_page_token(),
            messaging::FillPage(
                all, page, kList, filters,
                [](const BurdenLine& l) { return std::vector<std::string>{l.network.value()}; },
                [&](const BurdenLine& l) {
                  return Added(*response.add_lines() = codec::ToProto(l));
                }));
        return response;
      });
}

}  // namespace

void RegisterNetworkHandlers(messaging::RpcServer& server) {
  RegisterDirectory(server);
  RegisterLifecycle(server);
  RegisterParticipation(server);
  RegisterQueries(server);
}

}  // namespace verkosto::networks
