#pragma once

#include <SQLiteCpp/Database.h>

#include "nominations/storage/nomination_repository.h"
#include "storage/query.h"

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
  Result<std::vector<page::Keyed<Case>>> ListCasePage(const CaseFilter& filter,
                                                      const page::PageRequest& page) override;
  Result<bool> DiaryNumberInUse(const AreaCode& area, const std::string& diary_number) override;
  Status InsertMembership(const MembershipRecord& membership) override;
  Status UpdateMembership(const MembershipRecord& membership) override;
  Result<std::optional<Membership>> FindMembership(const MembershipId& id) override;
  Result<std::vector<Membership>> ListMemberships(const MembershipFilter& filter) override;
  Result<std::vector<page::Keyed<Membership>>> ListMembershipPage(
      const MembershipFilter& filter, const page::PageRequest& page) override;
  Status RemoveContactData(const MembershipId& id) override;
  Result<std::vector<Membership>> ListOwnMemberships(const std::string& email,
                                                     const std::string& user_id) override;
  Result<std::vector<page::Keyed<Membership>>> ListOwnMembershipPage(
      const std::string& email, const std::string& user_id, const page::PageRequest& page) override;
  Status SaveMembershipContact(const MembershipId& membership,
                               const ContactCorrection& contact) override;
  Status InsertResignationRequest(const ResignationRequest& request) override;
  Status UpdateResignationRequest(const ResignationRequest& request) override;
  Result<std::vector<ResignationRequest>> ListResignationRequests(
      const ResignationFilter& filter) override;
  Result<std::vector<page::Keyed<ResignationRequest>>> ListResignationPage(
      const ResignationFilter& filter, const page::PageRequest& page) override;
  Result<std::optional<Date>> LastTimerDate() override;
  Status SetLastTimerDate(const Date& date) override;
  Result<std::optional<Date>> LastDailyRun(const std::string& name) override;
  Status SetLastDailyRun(const std::string& name, const Date& date) override;

 private:
  // A confirmation case's new term, sitting members and answers (schema/0014).
  Status SaveConfirmation(const Case& c);
  Status LoadConfirmation(Case& c);
  // The cases of `query` in the order of `tail` (ORDER BY ... LIMIT); with
  // `seqs`, each case's sequence number.
  Result<std::vector<Case>> SelectCases(const storage::Query& query, const std::string& tail,
                                        std::vector<int64_t>* seqs = nullptr);
  Result<std::vector<MembershipRecord>> SelectMemberships(const storage::Query& query,
                                                          const std::string& tail);
  Result<std::vector<Membership>> Restore(std::vector<MembershipRecord> records);
  // ListCases' filters, ListMemberships', ListOwnMemberships', ListResignationRequests'.
  static storage::Query CaseQuery(const CaseFilter& filter);
  static storage::Query MembershipQuery(const MembershipFilter& filter);
  static storage::Query OwnQuery(const std::string& email, const std::string& user_id);
  static storage::Query ResignationQuery(const ResignationFilter& filter);
  Result<std::vector<ResignationRequest>> SelectResignations(const storage::Query& query,
                                                             const std::string& tail);
  Result<Membership> RestoreMembership(MembershipRecord record);
  Status LoadContact(MembershipRecord& record);
  Status SaveGoals(const NetworkCode& network, const std::vector<std::string>& goals);
  Result<std::vector<std::string>> LoadGoals(const NetworkCode& network);
  // The communication plan's lists and lines (schema/0020).
  Status SavePlan(const NetworkInfo& network);
  Status LoadPlan(NetworkInfo& network);

  SQLite::Database& db_;
};

}  // namespace verkosto::nominations
