#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/page.h"
#include "core/result.h"
#include "networks/domain/area_directory.h"
#include "networks/domain/network.h"
#include "networks/domain/participation.h"

namespace verkosto::networks {

// Which networks a list query returns; unset filters match all.
struct NetworkFilter {
  std::optional<NetworkStatus> status;
  std::optional<NetworkKind> kind;
  std::string owner;
  bool include_drafts = true;
  // Only the networks `area` has made a participation decision on.
  std::optional<AreaCode> decided_by;
};

// Where the networks service keeps its state. Every method runs on the
// caller's connection and inside the caller's transaction (the RPC server's
// group transaction, or a periodic task's), so a command's state change and
// its outbox events commit together. Errors come from storage: already_exists
// for a duplicate key, failed_precondition for a broken reference,
// unavailable when busy, internal otherwise.
class NetworkRepository {
 public:
  virtual ~NetworkRepository() = default;

  // The whole directory, areas in reference-file order (empty before the first
  // load). Shared and read-only: the repository may keep it until it changes.
  virtual Result<std::shared_ptr<const AreaDirectory>> LoadDirectory() = 0;
  // Replaces the directory: areas and municipalities not in `directory` go.
  virtual Status SaveDirectory(const AreaDirectory& directory) = 0;

  // nullopt when there is no network with `code`.
  virtual Result<std::optional<Network>> FindNetwork(const NetworkCode& code) = 0;
  // All networks, by code.
  // The networks matching `filter` in code order; with `page`, at most
  // page->fetch() of them after its key.
  virtual Result<std::vector<Network>> ListNetworks(
      const NetworkFilter& filter, const std::optional<page::PageRequest>& page) = 0;
  // Open networks whose term ended before `date` (YYYY-MM-DD).
  virtual Result<std::vector<Network>> ListOpenEndedBefore(const std::string& date) = 0;
  virtual Result<bool> AnyNetwork() = 0;
  // already_exists when the code is taken.
  virtual Status InsertNetwork(const Network& network) = 0;
  // not_found when there is no such network.
  virtual Status UpdateNetwork(const Network& network) = 0;

  virtual Status AppendVersion(const NetworkCode& network, const NetworkVersion& version) = 0;
  // Oldest first.
  // A network's versions in order after the page's key (version number).
  virtual Result<std::vector<NetworkVersion>> ListVersions(const NetworkCode& network,
                                                           const page::PageRequest& page) = 0;
  // The newest `count` versions, oldest of them first, and how many there are.
  virtual Result<std::vector<NetworkVersion>> NewestVersions(const NetworkCode& network,
                                                             uint32_t count, uint32_t* total) = 0;

  // One area's decisions about one network, oldest first (empty history if none).
  virtual Result<ParticipationHistory> History(const NetworkCode& network,
                                               const AreaCode& area) = 0;
  // Every (network, area) history; with `network` set, that network's only.
  virtual Result<std::vector<ParticipationHistory>> Histories(
      const std::optional<NetworkCode>& network = std::nullopt) = 0;
  // Every history of `area`, of any network.
  virtual Result<std::vector<ParticipationHistory>> AreaHistories(const AreaCode& area) = 0;
  // One page of the decisions of `area` on `network`, oldest first.
  virtual Result<std::vector<std::pair<int64_t, ParticipationDecision>>> Decisions(
      const NetworkCode& network, const AreaCode& area, const page::PageRequest& page) = 0;
  virtual Status AppendDecision(const ParticipationDecision& decision) = 0;

  virtual Status AddComment(const Comment& comment) = 0;
  // Oldest first.
  // A network's comments, oldest first, after the page's key (the comment's id).
  virtual Result<std::vector<std::pair<int64_t, Comment>>> ListComments(
      const NetworkCode& network, const page::PageRequest& page) = 0;
  // The newest `count` comments, oldest of them first, and how many there are.
  virtual Result<std::vector<Comment>> NewestComments(const NetworkCode& network, uint32_t count,
                                                      uint32_t* total) = 0;
};

// Records the version history entry `event` carries (NetworkChanged,
// NetworkRenewed, NetworkTermStarted); other events record none.
Status AppendVersionOf(NetworkRepository& repo, const NetworkCode& network,
                       const NetworkEvent& event);

}  // namespace verkosto::networks
