#pragma once

#include <SQLiteCpp/Database.h>

#include "nominations/storage/nomination_repository.h"

namespace verkosto::nominations {

// NominationRepository on the service's SQLite database (schema/0002 …).
// Tests use it on ":memory:". Not thread-safe, like the connection.
class SqliteNominationRepository final : public NominationRepository {
 public:
  explicit SqliteNominationRepository(SQLite::Database& db) : db_(db) {}

  Status UpsertNetwork(const NetworkInfo& network) override;
  Result<std::optional<NetworkInfo>> FindNetworkInfo(const NetworkCode& code) override;
  Result<std::optional<NetworkView>> FindNetwork(const NetworkCode& code) override;
  Status UpsertAreas(const std::vector<AreaInfo>& areas) override;
  Result<std::vector<AreaInfo>> ListAreas() override;
  Result<std::optional<AreaInfo>> FindArea(const AreaCode& code) override;
  Status SetParticipation(const NetworkCode& network, const AreaCode& area,
                          Participation participation, TimePoint at) override;
  Status InsertRequest(const RequestRecord& request) override;
  Status SaveCase(const Case& c) override;
  Result<std::optional<Case>> FindCase(const CaseId& id) override;
  Result<std::vector<Case>> ListCases(const CaseFilter& filter) override;
  Result<bool> DiaryNumberInUse(const AreaCode& area, const std::string& diary_number) override;
  Status InsertMembership(const MembershipRecord& membership) override;
  Status UpdateMembership(const MembershipRecord& membership) override;
  Result<std::optional<Membership>> FindMembership(const MembershipId& id) override;
  Result<std::vector<Membership>> ListMemberships(const MembershipFilter& filter) override;
  Status RemoveContactData(const MembershipId& id) override;
  Result<std::vector<Membership>> ListOwnMemberships(const std::string& email,
                                                     const std::string& user_id) override;
  Status SaveMembershipContact(const MembershipId& membership,
                               const ContactCorrection& contact) override;
  Status InsertResignationRequest(const ResignationRequest& request) override;
  Status UpdateResignationRequest(const ResignationRequest& request) override;
  Result<std::vector<ResignationRequest>> ListResignationRequests(
      const ResignationFilter& filter) override;
  Result<std::optional<Date>> LastTimerDate() override;
  Status SetLastTimerDate(const Date& date) override;
  Result<std::optional<Date>> LastDailyRun(const std::string& name) override;
  Status SetLastDailyRun(const std::string& name, const Date& date) override;

 private:
  Result<std::vector<Case>> SelectCases(const std::string& where,
                                        const std::vector<std::string>& args);
  Result<std::vector<MembershipRecord>> SelectMemberships(const std::string& where,
                                                          const std::vector<std::string>& args);
  Result<Membership> RestoreMembership(MembershipRecord record);
  Status LoadContact(MembershipRecord& record);
  Status SaveGoals(const NetworkCode& network, const std::vector<std::string>& goals);
  Result<std::vector<std::string>> LoadGoals(const NetworkCode& network);

  SQLite::Database& db_;
};

}  // namespace verkosto::nominations
