#pragma once

#include <SQLiteCpp/Database.h>

#include "networks/storage/network_repository.h"

namespace verkosto::networks {

// NetworkRepository on the service's SQLite database (schema/0002, 0003).
// Tests use it on ":memory:". Not thread-safe, like the connection.
class SqliteNetworkRepository final : public NetworkRepository {
 public:
  explicit SqliteNetworkRepository(SQLite::Database& db) : db_(db) {}

  Result<std::shared_ptr<const AreaDirectory>> LoadDirectory() override;
  Status SaveDirectory(const AreaDirectory& directory) override;
  Result<std::optional<Network>> FindNetwork(const NetworkCode& code) override;
  Result<std::vector<Network>> ListNetworks() override;
  Status InsertNetwork(const Network& network) override;
  Status UpdateNetwork(const Network& network) override;
  Status AppendVersion(const NetworkCode& network, const NetworkVersion& version) override;
  Result<std::vector<NetworkVersion>> ListVersions(const NetworkCode& network) override;
  Result<ParticipationHistory> History(const NetworkCode& network, const AreaCode& area) override;
  Result<std::vector<ParticipationHistory>> Histories(
      const std::optional<NetworkCode>& network) override;
  Status AppendDecision(const ParticipationDecision& decision) override;
  Status AddComment(const Comment& comment) override;
  Result<std::vector<Comment>> ListComments(const NetworkCode& network) override;

 private:
  // LoadDirectory without the kept copy: the tables as they are.
  Result<AreaDirectory> ReadDirectory();
  Result<std::vector<Network>> SelectNetworks(const std::string& where, const std::string& code);
  SQLite::Database& db_;
};

}  // namespace verkosto::networks
