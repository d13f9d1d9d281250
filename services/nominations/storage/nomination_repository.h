#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/page.h"
#include "core/result.h"
#include "nominations/domain/membership.h"
#include "nominations/domain/read_models.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// One send: the request row every case points to.
struct RequestRecord {
  RequestId id;
  NetworkCode network;
  CaseKind kind = CaseKind::kNomination;
  Channel channel = Channel::kSystem;
  Stamp sent;
};

// Which cases ListCases returns; unset fields match all.
struct CaseFilter {
  std::optional<AreaCode> area;
  std::optional<NetworkCode> network;
  std::vector<CaseState> states;         // empty = any
  bool registered_only = false;          // has a registration
  bool with_deadline_open_only = false;  // open cases with a deadline (timers)
  std::string search;                    // substring of diary number, network, subject or sender
  bool latest_per_area_only = false;     // only each area's newest case (of the network, if set)
  // Issue 19 (records export): cases opened on or after / on or before these days.
  std::optional<Date> opened_from{};
  std::optional<Date> opened_to{};
};

// Which memberships ListMemberships returns; unset fields match all.
struct MembershipFilter {
  std::optional<NetworkCode> network;
  std::optional<AreaCode> area;
  std::string email;  // case-insensitive exact match
  bool include_ended = false;
};

// Which resignation requests ListResignationRequests returns; unset fields match all.
struct ResignationFilter {
  std::optional<AreaCode> area;
  std::optional<MembershipId> membership;
  bool pending_only = false;
};

// Where the nominations service keeps its state. Every method runs on the
// caller's connection inside the caller's transaction (the RPC server's group
// transaction, a consumer batch or a timer run), so a state change and its
// outbox events commit together. Errors come from storage: already_exists for
// a duplicate key (e.g. a diary number used twice in one area),
// failed_precondition for a broken reference, unavailable when busy,
// internal otherwise (including a stored membership that fails
// Membership::Restore).
class NominationRepository {
 public:
  virtual ~NominationRepository() = default;

  // --- the read model of networks ---
  virtual Status UpsertNetwork(const NetworkInfo& network) = 0;
  virtual Result<std::optional<NetworkInfo>> FindNetworkInfo(const NetworkCode& code) = 0;
  // The network as the domain sees it: status, term and every area with its
  // current participation. nullopt when the network is unknown.
  virtual Result<std::optional<NetworkView>> FindNetwork(const NetworkCode& code) = 0;
  // Adds `areas` to the directory or updates their names. AreaDirectoryChanged
  // lists only the areas that changed (setting one area's contacts sends that
  // one), so areas not named stay. A known area keeps its place; new ones
  // follow in the given order.
  virtual Status UpsertAreas(const std::vector<AreaInfo>& areas) = 0;
  virtual Result<std::vector<AreaInfo>> ListAreas() = 0;
  // nullopt when the directory does not know the area (yet).
  virtual Result<std::optional<AreaInfo>> FindArea(const AreaCode& code) = 0;
  virtual Status SetParticipation(const NetworkCode& network, const AreaCode& area,
                                  Participation participation, TimePoint at) = 0;

  // --- requests and cases ---
  // already_exists when the id is taken.
  virtual Status InsertRequest(const RequestRecord& request) = 0;
  // Inserts or updates the case with its registration and decision.
  // already_exists when its diary number is used by another case of the area.
  virtual Status SaveCase(const Case& c) = 0;
  virtual Result<std::optional<Case>> FindCase(const CaseId& id) = 0;
  // Newest first (in the order they were created).
  virtual Result<std::vector<Case>> ListCases(const CaseFilter& filter) = 0;
  // One page of ListCases (page.fetch() at most), each case with its key.
  virtual Result<std::vector<page::Keyed<Case>>> ListCasePage(const CaseFilter& filter,
                                                              const page::PageRequest& page) = 0;
  virtual Result<bool> DiaryNumberInUse(const AreaCode& area, const std::string& diary_number) = 0;

  // --- memberships ---
  // already_exists when the id is taken.
  virtual Status InsertMembership(const MembershipRecord& membership) = 0;
  // not_found when there is no such membership.
  virtual Status UpdateMembership(const MembershipRecord& membership) = 0;
  // Restored through Membership::Restore with its deciding case.
  virtual Result<std::optional<Membership>> FindMembership(const MembershipId& id) = 0;
  // By network, area, then id.
  virtual Result<std::vector<Membership>> ListMemberships(const MembershipFilter& filter) = 0;
  // One page of ListMemberships, each with its key.
  virtual Result<std::vector<page::Keyed<Membership>>> ListMembershipPage(
      const MembershipFilter& filter, const page::PageRequest& page) = 0;

  // Retention: clears the contact data (e-mail, language; retention.h,
  // WithoutContactData) of the membership `id` and of its nominee entry in
  // the deciding case, together, so the membership still restores against
  // its case. Everything else stays. Clearing cleared data changes nothing.
  // not_found when there is no such membership.
  virtual Status RemoveContactData(const MembershipId& id) = 0;
  // --- nominee self-service ---
  // Memberships (current and ended) whose current e-mail (after any contact
  // correction) is `email`, ignoring case, or whose contact `user_id`
  // corrected.
  virtual Result<std::vector<Membership>> ListOwnMemberships(const std::string& email,
                                                             const std::string& user_id) = 0;
  // One page of them, newest first: current ones before ended ones, then by
  // start date (latest first) and id.
  virtual Result<std::vector<page::Keyed<Membership>>> ListOwnMembershipPage(
      const std::string& email, const std::string& user_id, const page::PageRequest& page) = 0;
  // Inserts or replaces the membership's contact correction.
  virtual Status SaveMembershipContact(const MembershipId& membership,
                                       const ContactCorrection& contact) = 0;
  // already_exists when the id is taken or the membership has a pending one.
  virtual Status InsertResignationRequest(const ResignationRequest& request) = 0;
  // Writes the state and the closing stamp; not_found for an unknown id.
  virtual Status UpdateResignationRequest(const ResignationRequest& request) = 0;
  // Oldest first.
  virtual Result<std::vector<ResignationRequest>> ListResignationRequests(
      const ResignationFilter& filter) = 0;
  // One page of them, each with its key.
  virtual Result<std::vector<page::Keyed<ResignationRequest>>> ListResignationPage(
      const ResignationFilter& filter, const page::PageRequest& page) = 0;

  // --- timers ---
  virtual Result<std::optional<Date>> LastTimerDate() = 0;
  virtual Status SetLastTimerDate(const Date& date) = 0;
  // The last Helsinki date the daily job `name` ran; nullopt before its first run.
  virtual Result<std::optional<Date>> LastDailyRun(const std::string& name) = 0;
  virtual Status SetLastDailyRun(const std::string& name, const Date& date) = 0;
};

}  // namespace verkosto::nominations
