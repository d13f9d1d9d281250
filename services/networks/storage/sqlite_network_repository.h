#pragma once

#include <SQLiteCpp/Database.h>

#include "networks/storage/network_repository.h"
#include "storage/query.h"

namespace verkosto::networks {

// NetworkRepository on the service's SQLite database (schema/0002, 0003).
// Tests use it on ":memory:". Not thread-safe, like the connection.
class SqliteNetworkRepository final : public NetworkRepository {
 public:
  explicit SqliteNetworkRepository(SQLite::Database& db) : db_(db) {}

  Result<std::shared_ptr<const AreaDirectory>> LoadDirectory() override;
  Status SaveDirectory(const AreaDirectory& directory) override;
  Result<std::optional<Network>> FindNetwork(const NetworkCode& code) override;
  Result<std::vector<Network>> ListNetworks(const NetworkFilter& filter,
                                            const std::optional<page::PageRequest>& page) override;
  Result<std::vector<Network>> ListOpenEndedBefore(const std::string& date) override;
  Result<bool> AnyNetwork() override;
  Status InsertNetwork(const Network& network) override;
  Status UpdateNetwork(const Network& network) override;
  Status AppendVersion(const NetworkCode& network, const NetworkVersion& version) override;
  Result<std::vector<NetworkVersion>> ListVersions(const NetworkCode& network,
                                                   const page::PageRequest& page) override;
  Result<std::vector<NetworkVersion>> NewestVersions(const NetworkCode& network, uint32_t count,
                                                     uint32_t* total) override;
  Result<ParticipationHistory> History(const NetworkCode& network, const AreaCode& area) override;
  Result<std::vector<ParticipationHistory>> Histories(
      const std::optional<NetworkCode>& network) override;
  Result<std::vector<ParticipationHistory>> AreaHistories(const AreaCode& area) override;
  Result<std::vector<std::pair<int64_t, ParticipationDecision>>> Decisions(
      const NetworkCode& network, const AreaCode& area, const page::PageRequest& page) override;
  Status AppendDecision(const ParticipationDecision& decision) override;
  Status AddComment(const Comment& comment) override;
  Result<std::vector<std::pair<int64_t, Comment>>> ListComments(
      const NetworkCode& network, const page::PageRequest& page) override;
  Result<std::vector<Comment>> NewestComments(const NetworkCode& network, uint32_t count,
                                              uint32_t* total) override;

 private:
  // LoadDirectory without the kept copy: the tables as they are.
  Result<AreaDirectory> ReadDirectory();
  // The networks of "SELECT ... FROM networks<tail>", `query`'s values bound.
  Result<std::vector<Network>> SelectNetworks(const std::string& tail, const storage::Query& query);
  Result<std::vector<NetworkVersion>> SelectVersions(const std::string& tail,
                                                     const storage::Query& query);
  Result<std::vector<std::pair<int64_t, Comment>>> SelectComments(const NetworkCode& network,
                                                                  const std::string& tail,
                                                                  const storage::Query& query);
  // With `ids`, each decision's row id in the order read.
  Result<std::vector<ParticipationHistory>> SelectHistories(const std::string& tail,
                                                            const storage::Query& query,
                                                            std::vector<int64_t>* ids = nullptr);
  Result<uint32_t> Count(const std::string& table, const NetworkCode& network);
  SQLite::Database& db_;
};

}  // namespace verkosto::networks
