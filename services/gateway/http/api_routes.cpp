#include "gateway/http/api_routes.h"

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/empty.pb.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>

#include "core/result.h"
#include "gateway/auth/credentials.h"
#include "gateway/http/gateway_context.h"
#include "gateway/http/http_errors.h"
#include "gateway/records/records_export_format.h"
#include "gateway/web/my_contact.h"
#include "gateway/web/open_data.h"
#include "messaging/proto_fields.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::gateway {

namespace {

namespace gpb = ::google::protobuf;
namespace net = ::verkosto::networks::v1;
namespace nom = ::verkosto::nominations::v1;
namespace ntf = ::verkosto::notifications::v1;
namespace gw = ::verkosto::gateway::v1;

template <typename Req, typename Resp>
ApiRoute R(std::string method, std::string path, std::string service, std::string summary,
           std::string description) {
  ApiRoute route;
  route.method = std::move(method);
  route.path = std::move(path);
  route.service = std::move(service);
  route.request = Req::descriptor();
  route.response = Resp::descriptor();
  route.summary = std::move(summary);
  route.description = std::move(description);
  return route;
}

// `routes`, each tagged `tag` (one of ApiTags()), appended to `all`.
void Tagged(const std::string& tag, std::vector<ApiRoute> routes, std::vector<ApiRoute>& all) {
  for (ApiRoute& route : routes) {
    route.tag = tag;
    all.push_back(std::move(route));
  }
}

// `route` with its placeholder {placeholder} filling the request field `field`.
ApiRoute FillsField(ApiRoute route, const std::string& placeholder, const std::string& field) {
  route.path_fields[placeholder] = field;
  return route;
}

std::vector<ApiRoute> MakeRoutes() {
  std::vector<ApiRoute> r;
  Tagged(
      "session",
      {
          R<gw::ApiLoginRequest, gw::ApiSessionResponse>(
              "POST", "/api/v1/session", "gateway",
              "Log in with user name and password: sets the session cookie, returns the CSRF "
              "token",
              "Checks the user name and password and opens a session: the answer sets the "
              "HttpOnly session cookie and carries the session's CSRF token, to be sent as "
              "X-CSRF-Token with every request of this session that is not a GET. After five "
              "failed logins of one user name from one address each further failure doubles "
              "the wait before the next attempt (up to 15 minutes; docs/gateway.md). Errors: "
              "401 unauthenticated for a wrong login (the same answer for unknown user names), "
              "429 too_many_requests with Retry-After while an attempt must wait, 400 "
              "invalid_argument without user name or password."),
          R<gpb::Empty, gw::ApiSessionResponse>(
              "GET", "/api/v1/session", "gateway", "Who is logged in, and the session's CSRF token",
              "The account of the session cookie or API token, and for a session its CSRF "
              "token (empty for an API token, which needs none). Errors: 401 unauthenticated."),
          R<gpb::Empty, gpb::Empty>(
              "DELETE", "/api/v1/session", "gateway", "Log out",
              "Ends the session of the cookie and clears the cookie. Needs the session's CSRF "
              "token. Errors: 401 unauthenticated, 403 permission_denied without the CSRF "
              "token."),
          R<gw::ApiCreateTokenRequest, gw::ApiTokenResponse>(
              "POST", "/api/v1/tokens", "gateway",
              "A new API token for the logged-in user (shown once; send as Bearer)",
              "Creates an API token for the logged-in user and returns it once (the gateway "
              "keeps only its hash). Scripts send it as 'Authorization: Bearer <token>' and "
              "need no CSRF token. It stops working [auth] token_days (default 90) after it "
              "was drawn; revoking it, a password change and disabling the account end it at "
              "once. Only a session (a password login) draws tokens. Errors: 400 "
              "invalid_argument (label), 403 permission_denied for a request authenticated by "
              "an API token, or without the session's CSRF token."),
          R<gw::ListApiTokensRequest, gw::ListApiTokensResponse>(
              "GET", "/api/v1/tokens", "gateway",
              "The caller's API tokens (admins: anyone's, with user_id)",
              "The API tokens of the logged-in user that are not revoked, oldest first: id, "
              "label, when drawn and when they expire (expired ones marked). Admins may name "
              "another account with the query parameter user_id. Never the token itself. "
              "Errors: 403 permission_denied (another account's, unless admin), 404 "
              "not_found (user_id)."),
          R<gw::RevokeApiTokenRequest, gw::RevokeApiTokenResponse>(
              "DELETE", "/api/v1/tokens/{token_id}", "gateway",
              "Revoke an API token (own; admins: anyone's)",
              "Revokes the API token with this id (the 12 hex digits lists show) at once: the "
              "next request with it answers 401. The caller's own tokens; admins revoke "
              "anyone's, recorded in the audit trail. Revoking a revoked token changes "
              "nothing (changed false). Errors: 400 invalid_argument (token_id), 403 "
              "permission_denied without the session's CSRF token, 404 not_found (no such "
              "token, or another person's)."),
      },
      r);
  Tagged("areas",
         {
             R<net::ListAreasRequest, net::ListAreasResponse>(
                 "GET", "/api/v1/areas", "networks", "All employment areas",
                 "The 45 employment areas, ordered by code (their municipalities in GET "
                 "/api/v1/areas/{area_code})."),
             R<net::FindAreaRequest, net::FindAreaResponse>(
                 "GET", "/api/v1/area-of-municipality", "networks",
                 "The area a municipality (name or code, query `municipality`) belongs to",
                 "Looks up a municipality by its Finnish or Swedish name (case-insensitive) or "
                 "its Statistics Finland code and answers the employment area it belongs to. "
                 "Errors: 404 not_found."),
             R<net::GetAreaRequest, net::GetAreaResponse>(
                 "GET", "/api/v1/areas/{area_code}", "networks", "One area with its municipalities",
                 "One employment area with its municipalities. Errors: 404 not_found."),
             R<net::SetAreaContactsRequest, net::SetAreaContactsResponse>(
                 "PUT", "/api/v1/areas/{area_code}/contacts", "networks",
                 "Set an area's registry and leadership contacts (admin)",
                 "Replaces an area's real registry and leadership contacts (demo contacts are "
                 "invented). Admins only. Errors: 400 invalid_argument naming the field, 403 "
                 "permission_denied, 404 not_found."),
             R<net::GetBurdenRequest, net::GetBurdenResponse>(
                 "GET", "/api/v1/areas/{area_code}/burden", "networks",
                 "What taking part in networks costs an area (hours)",
                 "For every network the area takes part in: seats x meetings a year x hours a "
                 "meeting, and the total per year and per month, in tenths of an hour. Errors: "
                 "404 not_found."),
             R<net::LoadReferenceDataRequest, net::LoadReferenceDataResponse>(
                 "POST", "/api/v1/reference-data", "networks",
                 "Load the area and municipality reference data (admin)",
                 "Loads the areas and municipalities from the text of the two CSV files. "
                 "Idempotent: the same data changes nothing. A bad row refuses the whole load. "
                 "Admins only. Errors: 400 invalid_argument with field '<file>:<line>', 403 "
                 "permission_denied."),
         },
         r);
  Tagged(
      "networks",
      {
          R<net::ListNetworksRequest, net::ListNetworksResponse>(
              "GET", "/api/v1/networks", "networks", "Networks, optionally filtered",
              "Networks filtered by status, kind or owner (query parameters; unset ones match "
              "everything). Drafts are visible to KEHA coordinators only."),
          R<net::CreateNetworkRequest, net::NetworkResponse>(
              "POST", "/api/v1/networks", "networks", "Create a draft network (KEHA)",
              "Creates a network as a draft from its definition. KEHA coordinators only. "
              "Errors: 400 invalid_argument naming the field, 409 already_exists (code), 403 "
              "permission_denied."),
          R<net::GetNetworkRequest, net::GetNetworkResponse>(
              "GET", "/api/v1/networks/{network_code}", "networks",
              "One network with participation, its newest comments and versions",
              "One network with every area's participation decision and the newest 100 of "
              "the areas' comments and of the recorded versions of its changes (comments_total "
              "and versions_total count all; the comments and versions routes page through "
              "them). Errors: 404 not_found."),
          R<net::ListCommentsRequest, net::ListCommentsResponse>(
              "GET", "/api/v1/networks/{network_code}/comments", "networks",
              "The areas' comments on a network, oldest first (paged)",
              "Every comment of the areas on the network, oldest first, page_size at a time "
              "(default 100, at most 1000), with next_page_token while more follow. Errors: 400 "
              "invalid_argument (page_size, page_token), 404 not_found."),
          R<net::ListVersionsRequest, net::ListVersionsResponse>(
              "GET", "/api/v1/networks/{network_code}/versions", "networks",
              "The recorded versions of a network's changes, oldest first (paged)",
              "Every recorded change of the open network (who, when, why, which fields), "
              "oldest first, page_size at a time (default 100, at most 1000), with "
              "next_page_token while more follow. Errors: 400 invalid_argument (page_size, "
              "page_token), 404 not_found."),
          FillsField(
              R<net::UpdateNetworkRequest, net::NetworkResponse>(
                  "PUT", "/api/v1/networks/{network_code}", "networks",
                  "Replace a network's definition (KEHA; reason required when open)",
                  "Replaces the definition of a draft, proposed or open network; the path's "
                  "network_code is the definition's code (it wins over the body's "
                  "definition.code). An open network's change needs a reason and is recorded "
                  "as a new version. KEHA coordinators only. Errors: 400 invalid_argument "
                  "naming the field, 404 not_found, 409 failed_precondition (closed or "
                  "cancelled)."),
              "network_code", "definition.code"),
          R<net::ProposeNetworkRequest, net::NetworkResponse>(
              "POST", "/api/v1/networks/{network_code}/propose", "networks",
              "Propose a draft (KEHA)",
              "Makes a draft visible to every area as a proposal. Needs goals, a term and a "
              "communication plan. KEHA coordinators only. Errors: 400 invalid_argument naming "
              "every missing field (field 'a,b'), 409 failed_precondition from another status."),
          R<net::OpenNetworkRequest, net::NetworkResponse>(
              "POST", "/api/v1/networks/{network_code}/open", "networks", "Open a network (KEHA)",
              "Opens a proposed network for nomination requests; the same requirements as "
              "proposing. KEHA coordinators only. Errors: 400 invalid_argument naming every "
              "missing field, 409 failed_precondition from another status."),
          R<net::CloseNetworkRequest, net::NetworkResponse>(
              "POST", "/api/v1/networks/{network_code}/close", "networks",
              "Close an open network early (KEHA, reason required)",
              "Closes an open network before its term ends; its memberships end. KEHA "
              "coordinators only. Errors: 400 invalid_argument (reason), 409 "
              "failed_precondition unless open."),
          R<net::CancelNetworkRequest, net::NetworkResponse>(
              "POST", "/api/v1/networks/{network_code}/cancel", "networks",
              "Cancel a draft or proposed network (KEHA, reason required)",
              "Cancels a network that was never opened. KEHA coordinators only. Errors: 400 "
              "invalid_argument (reason), 409 failed_precondition once open."),
          R<net::DecideParticipationRequest, net::DecideParticipationResponse>(
              "POST", "/api/v1/networks/{network_code}/participation/{area_code}", "networks",
              "An area takes part or declines (its director or deputy)",
              "Records the area's decision to take part in the network or to decline (with a "
              "reason). Each area decides for itself: only its own director or deputy. A "
              "declining area gets no nomination requests for the network. Errors: 400 "
              "invalid_argument, 403 permission_denied, 404 not_found."),
          R<net::GetParticipationHistoryRequest, net::GetParticipationHistoryResponse>(
              "GET", "/api/v1/networks/{network_code}/participation/{area_code}", "networks",
              "Every participation decision of an area for a network",
              "Every participation decision the area made for the network, oldest first, with "
              "who decided and when. Errors: 404 not_found."),
          R<net::AddCommentRequest, net::AddCommentResponse>(
              "POST", "/api/v1/networks/{network_code}/comments", "networks",
              "Comment on a network for an area (its director or deputy)",
              "Adds the area's comment on a proposed or open network (rule 7); every area and "
              "KEHA see it. Only the area's own director or deputy. Errors: 400 "
              "invalid_argument (text empty or too long), 403 permission_denied, 409 "
              "failed_precondition (not proposed or open)."),
          FillsField(
              R<net::RenewNetworkRequest, net::NetworkResponse>(
                  "POST", "/api/v1/networks/{network_code}/renew", "networks",
                  "Renew an open network for a new term (KEHA, reason required)",
                  "Stores the reviewed definition (goals, plan, the new term starting after "
                  "the current term's end; rule 2 again) as the network's next_term. The "
                  "network keeps its term; when it ends, the network rolls to the new one and "
                  "every membership its area's leadership did not confirm ends. KEHA "
                  "coordinators only. Errors: 400 invalid_argument naming the field "
                  "(term.start_date, reason, goals, ...), 404 not_found, 409 "
                  "failed_precondition (not open, a renewal pending)."),
              "network_code", "definition.code"),
          // issue 19: equality
          R<net::RecordGenderBalanceExceptionRequest, net::NetworkResponse>(
              "POST", "/api/v1/networks/{network_code}/gender-balance-exception", "networks",
              "Record why the body departs from the Equality Act 4 a § balance (KEHA)",
              "Stores KEHA's special reasons (reason, required) as the network's "
              "gender_balance_exception, audited as a version and a "
              "GenderBalanceExceptionRecorded event; a new one replaces the old. The balance "
              "itself: GET /api/v1/networks/{network_code}/gender-balance. KEHA coordinators "
              "only. Errors: 400 invalid_argument (reason), 403 permission_denied, 404 "
              "not_found, 409 failed_precondition (draft, closed or cancelled)."),
      },
      r);
  Tagged(
      "nominations",
      {
          R<nom::SendRequestRequest, nom::SendRequestResponse>(
              "POST", "/api/v1/networks/{network_code}/requests", "nominations",
              "Send a nomination request to areas (KEHA)",
              "Sends a nomination request for an open network: one case per area, to the "
              "area's registry. An empty area list means every area. KEHA coordinators only. "
              "A deadline that is not a working day (weekend or holiday, Act 150/1930) is "
              "accepted with deadline_warning naming the next working day. "
              "Errors: 400 invalid_argument naming the field, 409 failed_precondition (network "
              "not open, or areas that declined: field area_codes)."),
          R<nom::NetworkMatrixRequest, nom::NetworkMatrixResponse>(
              "GET", "/api/v1/networks/{network_code}/matrix", "nominations",
              "The network's status matrix (areas x state, nominees, CSV)",
              "Every area with its latest case for the network, its state, deadline and "
              "nominees, and the same matrix as CSV. Errors: 404 not_found."),
          R<nom::LogIncomingRequestRequest, nom::CaseResponse>(
              "POST", "/api/v1/incoming-requests", "nominations",
              "Log a request that came by e-mail or letter (registry clerk)",
              "Logs a nomination request that reached the area's registry outside verkosto "
              "(e-mail, letter, other) as a registered case of the area. Registry clerks of "
              "the area only. Errors: 400 invalid_argument naming the field, 409 "
              "already_exists (diary number), 409 failed_precondition (network not open)."),
          R<nom::RegistryInboxRequest, nom::CaseListResponse>(
              "GET", "/api/v1/registry/inbox", "nominations",
              "Cases of the clerk's area awaiting registration",
              "The cases sent to the registry clerk's area that are not registered yet."),
          R<nom::RegistryJournalRequest, nom::CaseListResponse>(
              "GET", "/api/v1/registry/journal", "nominations",
              "Registered cases of the clerk's area (query `search`)",
              "Every registered case of the registry clerk's area, newest first; `search` "
              "matches the diary number, network, subject or sender."),
          R<nom::DirectorInboxRequest, nom::CaseListResponse>(
              "GET", "/api/v1/director/inbox", "nominations",
              "Registered, undecided cases of the director's area",
              "The cases of the director's (or deputy's) area that are registered and wait "
              "for the leadership's decision."),
          R<nom::GetCaseRequest, nom::CaseResponse>(
              "GET", "/api/v1/cases/{case_id}", "nominations", "One case",
              "One nomination case with its registration and decision. KEHA, admins and "
              "observers see every case; the area's staff only their own area's. Errors: 404 "
              "not_found (also for another area's case)."),
          R<nom::RegisterCaseRequest, nom::CaseResponse>(
              "POST", "/api/v1/cases/{case_id}/register", "nominations",
              "Register a case (registry clerk)",
              "Registers a case in the area's registry: diary number, date received and "
              "organisation. Registry clerks of the case's area only. Errors: 400 "
              "invalid_argument naming the field, 409 already_exists (diary number), 409 "
              "failed_precondition (already registered)."),
          R<nom::ApproveCaseRequest, nom::CaseResponse>(
              "POST", "/api/v1/cases/{case_id}/approve", "nominations",
              "Approve with nominees (director or deputy)",
              "The area's leadership approves a registered case by naming its nominees (not "
              "more than the seats asked); their memberships start. The area's director or "
              "deputy only. Errors: 400 invalid_argument naming the field (e.g. "
              "nominees[1].email), 409 failed_precondition (not registered or decided)."),
          R<nom::DeclineCaseRequest, nom::CaseResponse>(
              "POST", "/api/v1/cases/{case_id}/decline", "nominations",
              "Decline with a reason (director or deputy)",
              "The area's leadership declines a registered case, with a reason. The area's "
              "director or deputy only. Errors: 400 invalid_argument (reason), 409 "
              "failed_precondition (not registered or already decided)."),
          R<nom::WithdrawCaseRequest, nom::CaseResponse>(
              "POST", "/api/v1/cases/{case_id}/withdraw", "nominations",
              "Withdraw an undecided case (KEHA)",
              "KEHA withdraws a case that is not decided yet, with a reason. KEHA "
              "coordinators only. Errors: 400 invalid_argument (reason), 409 "
              "failed_precondition (decided or withdrawn)."),
          R<nom::ExtendDeadlineRequest, nom::CaseResponse>(
              "POST", "/api/v1/cases/{case_id}/extend", "nominations",
              "Move an undecided case's deadline later (KEHA)",
              "KEHA moves an undecided case's deadline later. KEHA coordinators only. A new "
              "deadline that is not a working day (Act 150/1930) is accepted with "
              "deadline_warning naming the next working day. Errors: "
              "400 invalid_argument (deadline), 409 failed_precondition (decided or "
              "withdrawn)."),
          R<nom::ListMembershipsRequest, nom::ListMembershipsResponse>(
              "GET", "/api/v1/memberships", "nominations", "Memberships by network, area or e-mail",
              "Memberships filtered by network, area or the member's e-mail (unset filters "
              "match all); ended ones only with include_ended."),
          R<nom::RequestReplacementRequest, nom::CaseResponse>(
              "POST", "/api/v1/memberships/{membership_id}/replacement", "nominations",
              "Ask the area to name a successor for a membership (KEHA)",
              "Opens a replacement case for a membership: the area names a successor through "
              "its registry and leadership like for any request. KEHA coordinators only. "
              "Errors: 404 not_found, 409 failed_precondition (membership ended)."),
          R<nom::RecordResignationRequest, nom::MembershipResponse>(
              "POST", "/api/v1/memberships/{membership_id}/resignation", "nominations",
              "Record that a member resigned (director or deputy)",
              "Ends a membership because its member resigned. The area's director or deputy "
              "only. Errors: 400 invalid_argument (date), 404 not_found, 409 "
              "failed_precondition (already ended). A pending resignation request of the "
              "membership is closed by it (state recorded)."),
          R<nom::PendingResignationsRequest, nom::PendingResignationsResponse>(
              "GET", "/api/v1/resignation-requests", "nominations",
              "Pending resignation requests of the caller's area (director or deputy)",
              "The members of the caller's area who asked to resign and wait for the "
              "leadership, oldest first, with their reason. Recording the resignation (POST "
              "/api/v1/memberships/{membership_id}/resignation) closes a request. The area's "
              "director or deputy only. Errors: 403 permission_denied."),
          R<nom::ReplaceMemberRequest, nom::CaseResponse>(
              "POST", "/api/v1/memberships/{membership_id}/replace", "nominations",
              "Replace a member of the own area by naming the successor (director or deputy)",
              "The area's leadership decides itself to replace its member: the successor "
              "(name, title, e-mail, municipality, the same seat), the reason and the area's "
              "diary number of the decision. The old membership ends and the successor's "
              "starts in one step, through an approved replacement case (started_by_area). "
              "The area's director or deputy (for the director) only. Errors: 403 "
              "permission_denied (another area's membership), 400 invalid_argument naming "
              "the field (reason, diary_number, successor.email, successor.seat, ...), 404 "
              "not_found, 409 already_exists (diary_number), 409 failed_precondition "
              "(ended, network not open)."),
          R<nom::RecallMemberRequest, nom::MembershipResponse>(
              "POST", "/api/v1/memberships/{membership_id}/recall", "nominations",
              "Recall a member of the own area, with a reason (director or deputy)",
              "The area's leadership ends its member's membership today without a successor "
              "(end_reason END_REASON_RECALLED). The area's director or deputy (for the "
              "director) only. Errors: 403 permission_denied (another area's membership), 400 "
              "invalid_argument (reason), 404 not_found, 409 failed_precondition (ended)."),
          R<nom::RecordPaperAnswerRequest, nom::CaseResponse>(
              "POST", "/api/v1/cases/{case_id}/paper-answer", "nominations",
              "Record an area's answer that came by letter or e-mail (KEHA)",
              "KEHA records the decision of an area that does not use verkosto: approve with "
              "nominees or decline with a reason, the area's diary number, the decision date "
              "and who decided there. An approval starts the memberships as the "
              "leadership's approval does; the decision is marked with the channel. KEHA "
              "coordinators only. Errors: 400 invalid_argument naming the field (channel, "
              "diary_number, decision_date, decided_by, reason, nominees[i]...), 404 "
              "not_found, 409 already_exists (diary_number), 409 failed_precondition "
              "(decided, withdrawn, network not open)."),
          R<nom::NationalViewRequest, nom::NationalViewResponse>(
              "GET", "/api/v1/national-view", "nominations",
              "The national view: every area x every network (query status, area_code)",
              "One cell per network and area: the area's participation decision, the members "
              "named, open requests and overdue ones, and the hours a year its memberships "
              "take; paged by cell. The first page also carries each area's burden (actual "
              "memberships x the network's cadence), the national total and the people in two "
              "or more current networks. `status` empty = proposed and open. The same as CSV: "
              "GET /national-view.csv (web session). Errors: 400 invalid_argument (status, "
              "area_code, page_token)."),
          R<nom::SendConfirmationRequestsRequest, nom::SendRequestResponse>(
              "POST", "/api/v1/networks/{network_code}/confirmation-requests", "nominations",
              "Ask each area to confirm its sitting members for the renewed term (KEHA)",
              "For a network with a pending renewal: one confirmation case per area with "
              "sitting members, listing them, to the area's registry and then its leadership. "
              "The deadline falls within the current term. KEHA coordinators only. Errors: "
              "400 invalid_argument (deadline), 409 failed_precondition (no pending renewal, "
              "no area left to ask)."),
          R<nom::DecideConfirmationRequest, nom::CaseResponse>(
              "POST", "/api/v1/cases/{case_id}/confirmation", "nominations",
              "Confirm, replace or end each sitting member (director or deputy)",
              "The area's leadership decides a registered confirmation case with one answer "
              "per sitting member: CONFIRMATION_CHOICE_CONFIRM (continues into the new term), "
              "_REPLACE with a successor (starts on the new term's first day) or _END with a "
              "reason. Replaced and ended members serve to the end of the old term. The "
              "area's director or deputy only. Errors: 400 invalid_argument naming the field "
              "(answers[<membership_id>], answers[<membership_id>].reason, "
              "answers[<membership_id>].successor.email, ...), 403 permission_denied, 409 "
              "failed_precondition (not registered, decided, renewal no longer pending)."),
          // Issue 18: a case's history.
          R<nom::ListCaseHistoryRequest, nom::ListCaseHistoryResponse>(
              "GET", "/api/v1/cases/{case_id}/history", "nominations",
              "A case's history: every act, oldest first (paged)",
              "Every act on the case in the order it happened: sent (with KEHA's diary "
              "number), registered or logged (the area's diary number, date received, "
              "channel), deadline extended (previous and new deadline), reminders (7 and 2 "
              "working days), overdue, approved or declined (who, in which role, on whose "
              "behalf, the reason, the nominees' names), paper answers, confirmations and "
              "withdrawal. Seen by whoever may see the case (GET /api/v1/cases/{case_id}). "
              "Errors: 404 not_found (also for another area's case)."),
          // issue 19: letters.
          R<nom::ListCaseLettersRequest, nom::ListCaseLettersResponse>(
              "GET", "/api/v1/cases/{case_id}/letters", "nominations",
              "A case's formal letters (PDF): kind, language, size, SHA-256",
              "The letters the nominations service keeps for the case, kind then language: "
              "the request (written when KEHA sends it), the registry's acknowledgement of "
              "receipt and the decision, in the area's first language, and any other language "
              "of a bilingual area once asked for. Download each from "
              "/api/v1/cases/{case_id}/letters/{kind}-{language}.pdf. Seen by whoever may see "
              "the case. Errors: 404 not_found (also for another area's case)."),
          R<nom::GetCaseLetterRequest, nom::CaseLetterResponse>(
              "GET", "/api/v1/cases/{case_id}/letters/{kind}-{language}.pdf", "nominations",
              "One formal letter as a PDF (application/pdf)",
              "The stored PDF itself (not JSON): Content-Type application/pdf, "
              "Content-Disposition attachment with the file name "
              "<case id>-<kind>-<language>.pdf and ETag the SHA-256 of the bytes, which are "
              "the same every time. kind is request, acknowledgement or decision; language fi "
              "or sv. The other language of a bilingual area is written on its first download. "
              "Seen by whoever may see the case. Errors (JSON): 404 not_found (a letter the "
              "case does not have yet, a language the area does not use, another area's case)."),
          // Issue 19: export. The records export (docs/records-export.md).
          R<nom::ExportCaseRecordsRequest, nom::ExportCaseRecordsResponse>(
              "GET", "/api/v1/cases/{case_id}/record", "nominations",
              "A case's record for the area's case management (JSON or XML)",
              "The case as a record (JHS 191 / SAHKE2 concepts): title, KEHA's and the "
              "area's diary numbers, parties (nominees by name and title, never e-mail), "
              "every act with its date, the decision, publicity class, retention period and "
              "the formal letters (kind, language, filename, sha256, size, download path). "
              "format=json (default; docs/records-export.schema.json) or format=xml "
              "(docs/records-export.xsd), or Accept: application/xml. KEHA coordinators, "
              "and the area's registry clerk, director and deputy. Errors: 400 "
              "invalid_argument (format), 403 permission_denied (a role that may see but not "
              "export), 404 not_found (also for another area's case)."),
          R<nom::ExportCaseRecordsRequest, nom::ExportCaseRecordsResponse>(
              "GET", "/api/v1/areas/{area_code}/records", "nominations",
              "An area's case records of a period (JSON or XML, paged)",
              "The records of the area's cases opened (sent, or received when logged) from "
              "`from` to `to` (YYYY-MM-DD, both included, at most 366 days), newest first, "
              "page_size at a time (default 20, at most 100) with next_page_token while more "
              "follow. Same record and formats as GET /api/v1/cases/{case_id}/record. KEHA "
              "coordinators any area; the area's registry clerk, director and deputy their "
              "own. Errors: 400 invalid_argument naming the field (from, to, format, "
              "page_size, page_token), 403 permission_denied (another area), 404 not_found "
              "(area)."),
          // issue 19: equality
          R<nom::GenderBalanceRequest, nom::GenderBalanceResponse>(
              "GET", "/api/v1/networks/{network_code}/gender-balance", "nominations",
              "A network's gender balance, Equality Act 4 a § (KEHA, leadership)",
              "The current members and the current deputies, each group counted on its own: "
              "women, men, not stated, their whole percents, how many of each the 40 % rule "
              "needs and the verdict (BALANCE_VERDICT_MEETS, _BREAKS, _CANNOT_BE_ASSESSED when "
              "the not-stated decide it, _EMPTY), and the body's verdict. Aggregate only. KEHA "
              "coordinators and areas' directors and deputies only. Errors: 403 "
              "permission_denied, 404 not_found (network)."),
      },
      r);
  Tagged("me",
         {
             R<nom::ListMyMembershipsRequest, nom::ListMyMembershipsResponse>(
                 "GET", "/api/v1/me/memberships", "nominations",
                 "My memberships, current and ended (nominee)",
                 "The caller's own memberships (by the account's e-mail), current first: each with "
                 "the decision (who decided, on whose behalf, when), the area's diary number of "
                 "the case, the network's names, term and goals, and the latest resignation "
                 "request. Nominees only. Errors: 403 permission_denied (another role, or an "
                 "account without an e-mail)."),
             R<nom::CorrectMyContactRequest, nom::CorrectMyContactResponse>(
                 "PUT", "/api/v1/me/contact", "nominations",
                 "Correct my own title, e-mail and language (nominee)",
                 "Sets the title, e-mail and/or language on every current membership of the "
                 "caller; empty fields (language LANGUAGE_UNSPECIFIED) keep their value, and "
                 "sending the same values again "
                 "changes nothing. A new e-mail also becomes the account's e-mail, after the "
                 "memberships have it, so the caller keeps seeing them (a failed step is "
                 "completed by sending the request again). Nominees only. Errors: 400 "
                 "invalid_argument naming the field (title at most 200 characters, email, "
                 "language a LANGUAGE_* name), 409 already_exists (email used by another person's "
                 "membership or account), 409 failed_precondition (no current membership), 403 "
                 "permission_denied."),
             R<nom::RequestResignationRequest, nom::ResignationRequestResponse>(
                 "POST", "/api/v1/me/memberships/{membership_id}/resignation-request",
                 "nominations", "Ask my area's leadership to record my resignation (nominee)",
                 "Records the caller's request to resign from one of their own memberships and "
                 "tells the area's leadership, which records the resignation (rule 3: the area "
                 "decides, not the person alone); the membership goes on until then. Nominees "
                 "only. Errors: 400 invalid_argument (reason: required, at most 2000 characters), "
                 "403 permission_denied (not the caller's membership), 404 not_found, 409 "
                 "failed_precondition (ended, or a request already pending)."),
             R<nom::DeskRequest, nom::DeskResponse>(
                 "GET", "/api/v1/desk", "nominations",
                 "What needs the caller now: the desk's counts and short lists",
                 "The caller's desk as the nominations service answers it for their role "
                 "(docs/web.md, \"Desk\"): cases by state and overdue ones (a registry clerk, "
                 "director or deputy their own area's, KEHA, observers and admins every "
                 "area's, a nominee none), networks proposed and open; a registry clerk's "
                 "cases to register and a director's or deputy's cases to decide, nearest "
                 "deadline first with the days left; the leadership's pending participation "
                 "decisions and the memberships whose term ends within term_notice_days; "
                 "KEHA's areas with overdue cases and proposed networks. Each list has at "
                 "most `limit` items (default 10). counts_only=true answers the counts only. "
                 "The web desk adds the nominee's memberships and inbox, the proposals' "
                 "comments, the accounts and health from their own routes. Errors: 400 "
                 "invalid_argument (limit over 50)."),
         },
         r);
  Tagged("notifications",
         {
             R<ntf::ListInboxRequest, ntf::ListInboxResponse>(
                 "GET", "/api/v1/inbox", "notifications", "The caller's inbox, newest first",
                 "The messages of the caller's mailboxes, newest first, and how many are "
                 "unread; optionally only unread ones, at most `limit` (default 50, at most "
                 "500)."),
             R<ntf::MarkReadRequest, ntf::MarkReadResponse>(
                 "POST", "/api/v1/inbox/read", "notifications", "Mark messages (or all) read",
                 "Marks the given messages, or all, of the caller's mailboxes read and answers "
                 "how many changed; ids the caller cannot see are ignored. Errors: 400 "
                 "invalid_argument (field ids) when neither ids nor all is given."),
             R<ntf::GetPreferencesRequest, ntf::GetPreferencesResponse>(
                 "GET", "/api/v1/preferences", "notifications",
                 "E-mail preferences of the caller's mailboxes",
                 "The language, e-mail mode and address of each of the caller's mailboxes "
                 "(defaults where none were set)."),
             R<ntf::SetPreferencesRequest, ntf::SetPreferencesResponse>(
                 "PUT", "/api/v1/preferences", "notifications",
                 "Set e-mail preferences of the caller's mailboxes",
                 "Sets the e-mail preferences of the caller's own mailboxes or of the one "
                 "named; fields left empty keep their value. Errors: 400 invalid_argument "
                 "(language, email, mailbox), 403 permission_denied (system actors)."),
             R<ntf::ListDeliveriesRequest, ntf::ListDeliveriesResponse>(
                 "GET", "/api/v1/deliveries", "notifications", "The e-mail delivery log",
                 "Every e-mail delivery with its attempts, newest first. KEHA coordinators and "
                 "admins see all; everyone else only those of their own mailboxes."),
             R<ntf::ListAnnouncementsRequest, ntf::ListAnnouncementsResponse>(
                 "GET", "/api/v1/networks/{network_code}/announcements", "notifications",
                 "A network's public announcements, newest first (no login)",
                 "What the network's communication plan tells the public (its public "
                 "catalogue: opened, changed, closed early, ...), newest first, in `language` "
                 "(fi, sv or en; default fi), page_size at a time (default 100, at most 1000) "
                 "with next_page_token while more follow. Needs no login. Errors: 400 "
                 "invalid_argument (page_size, page_token, language)."),
         },
         r);
  Tagged(
      "accounts",
      {
          R<gw::ListAccountsRequest, gw::ListAccountsResponse>(
              "GET", "/api/v1/accounts", "gateway", "Every account (admin)",
              "Every account of the gateway, ordered by user id; disabled ones with "
              "include_disabled. Admins only. Errors: 403 permission_denied."),
          R<gw::CreateAccountRequest, gw::CreateAccountResponse>(
              "POST", "/api/v1/accounts", "gateway", "Create an account (admin)",
              "Creates a local account with its first password (12 to 256 characters, not "
              "the user id). Admins only. Errors: 400 invalid_argument naming the field, 409 "
              "already_exists (user_id), 403 permission_denied."),
          R<gw::DisableAccountRequest, gw::DisableAccountResponse>(
              "POST", "/api/v1/accounts/{user_id}/disable", "gateway",
              "Disable an account, ending its sessions and tokens (admin)",
              "Disables an account, with a reason for the audit trail; its sessions and API "
              "tokens end. Admins only. Errors: 403 permission_denied, 404 not_found."),
          R<gw::SetPasswordRequest, gw::SetPasswordResponse>(
              "PUT", "/api/v1/accounts/{user_id}/password", "gateway",
              "Change my password (current one needed), or reset another's (admin, reason)",
              "Sets a new password (12 to 256 characters, not the user id). The account "
              "itself gives current_password: a wrong one is refused, audited and counted "
              "like a failed login; its other sessions end, the one asking stays. An admin "
              "resets another account's password with a reason for the audit trail; every "
              "session of that account ends. Either way every API token of the account is "
              "revoked and its failed logins are cleared. Errors: 400 invalid_argument "
              "(new_password, current_password missing, reason missing), 403 "
              "permission_denied (another account's, unless admin; field current_password "
              "when it is wrong or the user name is locked), 404 not_found."),
          R<gw::ListAuditRequest, gw::ListAuditResponse>(
              "GET", "/api/v1/audit", "gateway", "The audit trail of accounts and logins (admin)",
              "Every account change and login attempt, newest first: who, when, the subject "
              "and the client address. Admins only. Errors: 403 permission_denied."),
      },
      r);
  for (size_t i = 0; i < 4; ++i) r[i].custom = true;
  for (ApiRoute& route : r) {
    // Two services in a safe order (ServeMyContact).
    if (route.request == nom::CorrectMyContactRequest::descriptor()) route.custom = true;
    // Keeps the asking session (auth_routes.cpp).
    if (route.request == gw::SetPasswordRequest::descriptor()) route.custom = true;
    // issue 19: letters. Answers the PDF, not JSON (ServeLetter).
    if (route.request == nom::GetCaseLetterRequest::descriptor()) route.custom = true;
    // Issue 19: export. Answers JSON or XML files (ServeRecords).
    if (route.request == nom::ExportCaseRecordsRequest::descriptor()) route.custom = true;
  }
  r[0].is_public = true;
  for (ApiRoute& route : r) {
    // The public catalogue's announcements (the communication plan's "public").
    if (route.request == ntf::ListAnnouncementsRequest::descriptor()) route.is_public = true;
  }
  return r;
}

gpb::util::JsonPrintOptions PrintOptions() {
  gpb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  return options;
}

Status ParseJson(const std::string& json, gpb::Message* message, const std::string& what) {
  gpb::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = gpb::util::JsonStringToMessage(json, message, options);
  if (!parsed.ok()) {
    return Status::InvalidArgument(what, "cannot be read as " + message->GetDescriptor()->name() +
                                             ": " + std::string(parsed.message()));
  }
  return Status::Ok();
}

// Names of the {placeholders} of `path`, in order.
std::vector<std::string> Placeholders(const std::string& path) {
  std::vector<std::string> names;
  for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open)) {
    const size_t close = path.find('}', open);
    names.push_back(path.substr(open + 1, close - open - 1));
    open = close;
  }
  return names;
}

// `path` with each {placeholder} replaced by a regular expression group.
std::string PathPattern(const std::string& path) {
  std::string pattern;
  size_t pos = 0;
  for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', pos)) {
    pattern += path.substr(pos, open - pos) + "([^/]+)";
    pos = path.find('}', open) + 1;
  }
  return pattern + path.substr(pos);
}

bool IsJson(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  return type.rfind("application/json", 0) == 0;
}

// Decodes the request message of `route` from path, query and body.
Status DecodeRequest(const ApiRoute& route, const httplib::Request& req, gpb::Message* message) {
  if (route.method != "GET" && !req.body.empty()) {
    // A cross-site HTML form cannot send JSON without the browser asking first.
    if (!IsJson(req)) {
      return Status::InvalidArgument("content_type", "the body must be application/json");
    }
    VERKOSTO_RETURN_IF_ERROR(ParseJson(req.body, message, "body"));
  }
  // Path placeholders win over the body (the URL names the thing acted on).
  const std::vector<std::string> names = Placeholders(route.path);
  for (size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) {
    VERKOSTO_RETURN_IF_ERROR(messaging::SetFieldFromText(message, PathField(route, names[i]),
                                                         {req.matches[i + 1].str()}));
  }
  if (route.method == "GET") {
    std::set<std::string> seen;
    for (const auto& [key, unused] : req.params) {
      if (!seen.insert(key).second) continue;
      std::vector<std::string> values;
      for (auto [it, end] = req.params.equal_range(key); it != end; ++it) {
        values.push_back(it->second);
      }
      VERKOSTO_RETURN_IF_ERROR(messaging::SetFieldFromText(message, key, values));
    }
  }
  return Status::Ok();
}

void ReplyMessage(httplib::Response& res, const gpb::Message& message) {
  std::string json;
  (void)gpb::util::MessageToJsonString(message, &json, PrintOptions());
  res.status = 200;
  res.set_content(json, "application/json");
}

// The header naming a command a script may send again (OpenAPI documents it).
constexpr char kIdempotencyKey[] = "Idempotency-Key";
constexpr size_t kMaxIdempotencyKey = 200;

// The request's Idempotency-Key, if it sent one. Errors: invalid_argument
// (field "Idempotency-Key") when it is empty, longer than kMaxIdempotencyKey
// or holds anything but printable ASCII without spaces.
Result<std::optional<std::string>> IdempotencyKey(const httplib::Request& req) {
  if (!req.has_header(kIdempotencyKey)) return std::optional<std::string>();
  const std::string key = req.get_header_value(kIdempotencyKey);
  const bool printable =
      std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 127; });
  if (key.empty() || key.size() > kMaxIdempotencyKey || !printable) {
    return Status::InvalidArgument(kIdempotencyKey,
                                   "must be 1.." + std::to_string(kMaxIdempotencyKey) +
                                       " printable ASCII characters without spaces, e.g. a UUID");
  }
  return std::optional<std::string>(key);
}

void Serve(const ApiRoute& route, GatewayContext& ctx, const httplib::Request& req,
           httplib::Response& res) {
  std::optional<RequestUser> user = ctx.CurrentUser(req);
  if (!user && route.is_public && route.method == "GET") {
    // A public query (no login): asked as the anonymous public.
    RequestUser anonymous;
    anonymous.actor.user_id = "web:public";
    anonymous.actor.display_name = "public";
    anonymous.actor.role = Role::kObserver;
    user = std::move(anonymous);
  }
  if (!user) {
    return ReplyUnauthenticated(res,
                                "log in first (session cookie or Authorization: Bearer token)");
  }
  if (route.method != "GET" && !ctx.CheckCsrf(req, *user)) return ReplyCsrfRefused(res);
  const gpb::Message* prototype =
      gpb::MessageFactory::generated_factory()->GetPrototype(route.request);
  const gpb::Message* response_prototype =
      gpb::MessageFactory::generated_factory()->GetPrototype(route.response);
  if (prototype == nullptr || response_prototype == nullptr) {
    return ReplyError(res, Status::Internal("no message type for " + route.path));
  }
  std::unique_ptr<gpb::Message> request(prototype->New());
  std::unique_ptr<gpb::Message> response(response_prototype->New());
  if (Status st = DecodeRequest(route, req, request.get()); !st.ok()) return ReplyError(res, st);
  Result<std::optional<std::string>> key = IdempotencyKey(req);
  if (!key.ok()) return ReplyError(res, key.status());
  Status st;
  if (*key && route.method != "GET") {
    // The key is the client's name for one command of this user on this
    // route with this body: the same again is answered from the first
    // answer; another body under the same key is another command.
    const std::string retry_key = user->actor.user_id + '\n' + route.method + ' ' + req.path +
                                  '\n' + TokenHash(req.body) + '\n' + **key;
    st = ctx.CallOnce(route.service, user->actor, retry_key, *request, response.get());
  } else {
    st = ctx.Call(route.service, user->actor, *request, response.get());
  }
  if (!st.ok()) return ReplyError(res, st);
  ReplyMessage(res, *response);
}

// PUT /api/v1/me/contact: the memberships first, then the account's e-mail
// (ChangeMyContact says why that order).
void ServeMyContact(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::optional<RequestUser> user = ctx.CurrentUser(req);
  if (!user) {
    return ReplyUnauthenticated(res,
                                "log in first (session cookie or Authorization: Bearer token)");
  }
  if (!ctx.CheckCsrf(req, *user)) return ReplyCsrfRefused(res);
  nom::CorrectMyContactRequest request;
  nom::CorrectMyContactResponse response;
  if (req.body.empty() || !IsJson(req)) {
    return ReplyError(res,
                      Status::InvalidArgument("content_type", "the body must be application/json"));
  }
  if (Status st = ParseJson(req.body, &request, "body"); !st.ok()) return ReplyError(res, st);
  if (Status st = ChangeMyContact(ctx, user->actor, request, &response); !st.ok()) {
    return ReplyError(res, st);
  }
  ReplyMessage(res, response);
}

// GET /api/v1/cases/{case_id}/letters/{kind}-{language}.pdf: the stored PDF
// with its file name and its SHA-256 as ETag (issue 19: letters).
void ServeLetter(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::optional<RequestUser> user = ctx.CurrentUser(req);
  if (!user) {
    return ReplyUnauthenticated(res,
                                "log in first (session cookie or Authorization: Bearer token)");
  }
  const std::string kind = req.matches[2];
  nom::GetCaseLetterRequest request;
  request.set_case_id(req.matches[1]);
  request.set_kind(kind == "request"           ? nom::LETTER_KIND_REQUEST
                   : kind == "acknowledgement" ? nom::LETTER_KIND_ACKNOWLEDGEMENT
                                               : nom::LETTER_KIND_DECISION);
  request.set_language(req.matches[3]);
  nom::CaseLetterResponse response;
  if (Status st = ctx.Call("nominations", user->actor, request, &response); !st.ok()) {
    // A language the area does not use is as absent as a letter not written yet.
    return ReplyError(
        res, st.code() == ErrorCode::kInvalidArgument ? Status::NotFound(st.message()) : st);
  }
  const std::string etag = "\"" + response.letter().sha256() + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "private, no-cache");
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return;
  }
  res.set_header("Content-Disposition",
                 "attachment; filename=\"" + response.letter().filename() + "\"");
  res.set_content(response.pdf(), "application/pdf");
}

// Issue 19: export. GET /api/v1/cases/{case_id}/record and
// /api/v1/areas/{area_code}/records: the nominations service's reply written
// as the records export's JSON or XML (gateway/records), chosen by `format`
// or else the Accept header.
void ServeRecords(const ApiRoute& route, GatewayContext& ctx, const httplib::Request& req,
                  httplib::Response& res) {
  std::optional<RequestUser> user = ctx.CurrentUser(req);
  if (!user) {
    return ReplyUnauthenticated(res,
                                "log in first (session cookie or Authorization: Bearer token)");
  }
  nom::ExportCaseRecordsRequest request;
  if (Status st = DecodeRequest(route, req, &request); !st.ok()) return ReplyError(res, st);
  if (request.format().empty()) {
    const std::string accept = req.get_header_value("Accept");
    const bool wants_xml = accept.find("application/xml") != std::string::npos ||
                           accept.find("text/xml") != std::string::npos;
    request.set_format(wants_xml && accept.find("application/json") == std::string::npos ? "xml"
                                                                                         : "json");
  }
  if (request.format() != "json" && request.format() != "xml" && request.format() != "protojson") {
    return ReplyError(res, Status::InvalidArgument("format", "must be json or xml"));
  }
  nom::ExportCaseRecordsResponse response;
  if (Status st = ctx.Call(route.service, user->actor, request, &response); !st.ok()) {
    return ReplyError(res, st);
  }
  // The reply message itself (protobuf JSON mapping): what the CLI reads to
  // merge the pages and write the file with the same serializer.
  if (request.format() == "protojson") return ReplyMessage(res, response);
  const RecordsFormat format =
      request.format() == "xml" ? RecordsFormat::kXml : RecordsFormat::kJson;
  res.status = 200;
  res.set_content(RecordsTo(format, response), std::string(RecordsContentType(format)));
}

// --- OpenAPI -------------------------------------------------------------

gpb::Value Str(const std::string& s) {
  gpb::Value v;
  v.set_string_value(s);
  return v;
}
gpb::Struct& Obj(gpb::Value& v) { return *v.mutable_struct_value(); }
gpb::Value& At(gpb::Struct& s, const std::string& key) { return (*s.mutable_fields())[key]; }
gpb::Value& At(gpb::Value& v, const std::string& key) { return At(Obj(v), key); }
void Append(gpb::Value& list, gpb::Value item) {
  *list.mutable_list_value()->add_values() = std::move(item);
}

std::string Ref(const gpb::Descriptor* d) { return "#/components/schemas/" + d->full_name(); }

class SchemaBuilder {
 public:
  explicit SchemaBuilder(gpb::Struct& schemas) : schemas_(schemas) {}

  // Adds `d` (and what it uses) to the schemas; returns a $ref to it.
  gpb::Value RefTo(const gpb::Descriptor* d) {
    Add(d);
    gpb::Value v;
    At(v, "$ref") = Str(Ref(d));
    return v;
  }

  gpb::Value FieldSchema(const gpb::FieldDescriptor* f, bool ignore_repeated = false) {
    if (f->is_map()) {
      gpb::Value v;
      At(v, "type") = Str("object");
      At(v, "additionalProperties") = FieldSchema(f->message_type()->map_value());
      return v;
    }
    if (f->is_repeated() && !ignore_repeated) {
      gpb::Value v;
      At(v, "type") = Str("array");
      At(v, "items") = FieldSchema(f, true);
      return v;
    }
    gpb::Value v;
    switch (f->type()) {
      case gpb::FieldDescriptor::TYPE_STRING:
        At(v, "type") = Str("string");
        break;
      case gpb::FieldDescriptor::TYPE_BYTES:
        At(v, "type") = Str("string");
        At(v, "format") = Str("byte");
        break;
      case gpb::FieldDescriptor::TYPE_BOOL:
        At(v, "type") = Str("boolean");
        break;
      case gpb::FieldDescriptor::TYPE_DOUBLE:
      case gpb::FieldDescriptor::TYPE_FLOAT:
        At(v, "type") = Str("number");
        break;
      case gpb::FieldDescriptor::TYPE_INT32:
      case gpb::FieldDescriptor::TYPE_SINT32:
      case gpb::FieldDescriptor::TYPE_SFIXED32:
      case gpb::FieldDescriptor::TYPE_UINT32:
      case gpb::FieldDescriptor::TYPE_FIXED32:
        At(v, "type") = Str("integer");
        At(v, "format") = Str("int32");
        break;
      case gpb::FieldDescriptor::TYPE_INT64:
      case gpb::FieldDescriptor::TYPE_SINT64:
      case gpb::FieldDescriptor::TYPE_SFIXED64:
      case gpb::FieldDescriptor::TYPE_UINT64:
      case gpb::FieldDescriptor::TYPE_FIXED64:
        // Protobuf's JSON mapping writes 64-bit integers as strings.
        At(v, "type") = Str("string");
        At(v, "format") = Str("int64");
        break;
      case gpb::FieldDescriptor::TYPE_ENUM: {
        At(v, "type") = Str("string");
        gpb::Value& values = At(v, "enum");
        for (int i = 0; i < f->enum_type()->value_count(); ++i) {
          Append(values, Str(f->enum_type()->value(i)->name()));
        }
        break;
      }
      case gpb::FieldDescriptor::TYPE_MESSAGE:
      case gpb::FieldDescriptor::TYPE_GROUP:
        return RefTo(f->message_type());
    }
    return v;
  }

 private:
  void Add(const gpb::Descriptor* d) {
    if (schemas_.fields().count(d->full_name()) > 0) return;
    gpb::Value& schema = At(schemas_, d->full_name());
    At(schema, "type") = Str("object");
    At(schema, "properties").mutable_struct_value();
    for (int i = 0; i < d->field_count(); ++i) {
      const gpb::FieldDescriptor* f = d->field(i);
      gpb::Value field_schema = FieldSchema(f);
      // `schema` may have moved when FieldSchema added other schemas.
      At(At(At(schemas_, d->full_name()), "properties"), f->name()) = std::move(field_schema);
    }
  }

  gpb::Struct& schemas_;
};

}  // namespace

const std::vector<ApiRoute>& ApiRoutes() {
  static const std::vector<ApiRoute> kRoutes = MakeRoutes();
  return kRoutes;
}

std::string PathField(const ApiRoute& route, const std::string& placeholder) {
  const auto it = route.path_fields.find(placeholder);
  return it == route.path_fields.end() ? placeholder : it->second;
}

const std::vector<ApiTag>& ApiTags() {
  static const std::vector<ApiTag> kTags = {
      {"session",
       "Logging in and out as an API client, and API tokens for scripts (the gateway itself)."},
      {"areas",
       "The 45 employment areas, their municipalities and contacts, and what taking part in "
       "networks costs each (the networks service)."},
      {"networks",
       "National networks: KEHA defines, proposes, opens, closes or cancels them; areas decide "
       "whether they take part and comment on proposals (the networks service)."},
      {"nominations",
       "Nomination requests and cases: KEHA sends, the area's registry registers or logs, the "
       "area's leadership approves with nominees or declines; memberships and the status "
       "matrix (the nominations service)."},
      {"notifications",
       "The caller's inbox, e-mail preferences and the e-mail delivery log (the notifications "
       "service)."},
      {"me",
       "A nominee's own memberships: see them with the decision, diary number, term and goals; "
       "correct their own title, e-mail and language; ask the area's leadership to record "
       "their resignation (the nominations service, and the gateway for the account's "
       "e-mail)."},
      {"accounts", "The gateway's local accounts and their audit trail (admins)."},
  };
  return kTags;
}

void RegisterApiRoutes(httplib::Server& server, const ContextForThread& context) {
  server.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    static const std::string kDocument = OpenApiJson();
    res.set_content(kDocument, "application/json");
  });
  server.Put("/api/v1/me/contact", [context](const httplib::Request& req, httplib::Response& res) {
    ServeMyContact(context(), req, res);
  });
  // issue 19: letters.
  server.Get(
      R"(/api/v1/cases/([A-Za-z0-9_:.-]+)/letters/(request|acknowledgement|decision)-(fi|sv)\.pdf)",
      [context](const httplib::Request& req, httplib::Response& res) {
        ServeLetter(context(), req, res);
      });
  for (const ApiRoute& route : ApiRoutes()) {
    // Issue 19: export.
    if (route.request == nom::ExportCaseRecordsRequest::descriptor()) {
      server.Get(PathPattern(route.path),
                 [&route, context](const httplib::Request& req, httplib::Response& res) {
                   ServeRecords(route, context(), req, res);
                 });
    }
  }
  for (const ApiRoute& route : ApiRoutes()) {
    if (route.custom) continue;
    auto handler = [&route, context](const httplib::Request& req, httplib::Response& res) {
      Serve(route, context(), req, res);
    };
    const std::string pattern = PathPattern(route.path);
    if (route.method == "GET") {
      server.Get(pattern, handler);
    } else if (route.method == "POST") {
      server.Post(pattern, handler);
    } else if (route.method == "PUT") {
      server.Put(pattern, handler);
    } else if (route.method == "DELETE") {
      server.Delete(pattern, handler);
    }
  }
  // Anything else under /api/v1/ is a JSON 404, not a page. (The capture makes
  // its metrics route label "/api/v1/{}", not each path asked for.)
  const auto unknown = [](const httplib::Request& req, httplib::Response& res) {
    ReplyError(res, Status::NotFound("no API route " + req.method + " " + req.path +
                                     " (see /api/v1/openapi.json)"));
  };
  server.Get("/api/v1/(.*)", unknown);
  server.Post("/api/v1/(.*)", unknown);
  server.Put("/api/v1/(.*)", unknown);
  server.Delete("/api/v1/(.*)", unknown);
}

std::string OpenApiJson() {
  gpb::Value doc;
  At(doc, "openapi") = Str("3.0.3");
  At(At(doc, "info"), "title") = Str("verkosto JSON API");
  At(At(doc, "info"), "version") = Str("1");
  At(At(doc, "info"), "description") =
      Str("Every operation of the networks, nominations and notifications services, as the "
          "logged-in user. Log in with POST /api/v1/session (cookie; send the returned "
          "csrf_token as X-CSRF-Token on other methods than GET) or send "
          "'Authorization: Bearer <API token>'. Errors are {code, message, field, violations}: "
          "violations lists every offending request field with what is wrong with it, field "
          "is the first of them.");
  At(At(At(doc, "info"), "contact"), "name") = Str("verkosto");
  {
    gpb::Value server;
    At(server, "url") = Str("/");
    At(server, "description") = Str("The gateway that serves this document");
    Append(At(doc, "servers"), std::move(server));
  }
  auto add_tag = [&doc](const std::string& name, const std::string& description) {
    gpb::Value t;
    At(t, "name") = Str(name);
    At(t, "description") = Str(description);
    Append(At(doc, "tags"), std::move(t));
  };
  for (const ApiTag& tag : ApiTags()) add_tag(tag.name, tag.description);
  gpb::Value& schemes = At(At(doc, "components"), "securitySchemes");
  At(At(schemes, "session"), "type") = Str("apiKey");
  At(At(schemes, "session"), "in") = Str("cookie");
  At(At(schemes, "session"), "name") = Str(kSessionCookie);
  At(At(schemes, "bearer"), "type") = Str("http");
  At(At(schemes, "bearer"), "scheme") = Str("bearer");
  gpb::Value security;
  {
    gpb::Value session;
    At(session, "session").mutable_list_value();
    gpb::Value bearer;
    At(bearer, "bearer").mutable_list_value();
    Append(security, std::move(session));
    Append(security, std::move(bearer));
  }
  gpb::Struct schemas;
  SchemaBuilder builder(schemas);
  const gpb::Value error_ref = builder.RefTo(gw::ApiError::descriptor());
  gpb::Value& paths = At(doc, "paths");
  for (const ApiRoute& route : ApiRoutes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(c - 'A' + 'a');
    gpb::Value op;
    At(op, "summary") = Str(route.summary);
    At(op, "description") = Str(route.description);
    // "post_networks_network_code_open": unique, and an identifier for code generators.
    std::string operation_id = method;
    for (char c : route.path.substr(std::string("/api/v1").size())) {
      const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum) {
        operation_id += c;
      } else if (operation_id.back() != '_') {
        operation_id += '_';
      }
    }
    if (operation_id.back() == '_') operation_id.pop_back();
    At(op, "operationId") = Str(operation_id);
    Append(At(op, "tags"), Str(route.tag));
    At(op, "x-verkosto-operation") = Str(route.request->full_name());
    if (route.is_public) {
      At(op, "security").mutable_list_value();  // no login needed
    } else {
      At(op, "security") = security;
    }
    gpb::Value& parameters = At(op, "parameters");
    parameters.mutable_list_value();
    std::set<std::string> in_path;
    for (const std::string& p : Placeholders(route.path)) {
      const std::string field = PathField(route, p);
      in_path.insert(field.substr(0, field.find('.')));
      gpb::Value param;
      At(param, "name") = Str(p);
      At(param, "in") = Str("path");
      At(param, "required").set_bool_value(true);
      if (field != p) At(param, "description") = Str("Fills the request field " + field + ".");
      const gpb::FieldDescriptor* f = messaging::FindField(route.request, field);
      if (f != nullptr) At(param, "schema") = builder.FieldSchema(f);
      Append(parameters, std::move(param));
    }
    if (route.method == "GET") {
      for (int i = 0; i < route.request->field_count(); ++i) {
        const gpb::FieldDescriptor* f = route.request->field(i);
        if (in_path.count(f->name()) > 0 || f->message_type() != nullptr) continue;
        gpb::Value param;
        At(param, "name") = Str(f->name());
        At(param, "in") = Str("query");
        At(param, "required").set_bool_value(false);
        At(param, "schema") = builder.FieldSchema(f);
        Append(parameters, std::move(param));
      }
    } else if (!route.custom) {  // the generic handler (Serve) honours the key
      gpb::Value param;
      At(param, "name") = Str(kIdempotencyKey);
      At(param, "in") = Str("header");
      At(param, "required").set_bool_value(false);
      At(param, "description") =
          Str("Makes a retry safe: the first request with this key is carried out, and the "
              "same request again (same user, route and body) within 24 hours gets the first "
              "answer instead of acting twice — e.g. after a timeout. 1..200 printable ASCII "
              "characters, e.g. a UUID; another body under the same key is another request.");
      At(At(param, "schema"), "type") = Str("string");
      Append(parameters, std::move(param));
    }
    if (route.method != "GET" && route.request->field_count() > 0) {
      gpb::Value& body = At(op, "requestBody");
      At(body, "required").set_bool_value(true);
      At(At(At(body, "content"), "application/json"), "schema") = builder.RefTo(route.request);
    }
    gpb::Value& ok = At(At(op, "responses"), "200");
    At(ok, "description") = Str(route.response->name());
    At(At(At(ok, "content"), "application/json"), "schema") = builder.RefTo(route.response);
    if (route.request == nom::ExportCaseRecordsRequest::descriptor()) {
      // Issue 19: export. The body is the records export's file, not the reply message.
      gpb::Value& content = At(ok, "content");
      content.mutable_struct_value()->mutable_fields()->clear();
      At(ok, "description") =
          Str("The records export: JSON per docs/records-export.schema.json, or XML per "
              "docs/records-export.xsd (namespace urn:verkosto:records-export:1)");
      gpb::Value& json = At(At(content, "application/json"), "schema");
      gpb::Value file;
      At(file, "type") = Str("object");
      At(file, "description") = Str("format=json: docs/records-export.schema.json");
      Append(At(json, "oneOf"), std::move(file));
      // format=protojson: the reply message itself (what the CLI reads).
      Append(At(json, "oneOf"), builder.RefTo(route.response));
      At(At(At(content, "application/xml"), "schema"), "type") = Str("string");
    }
    gpb::Value& error = At(At(op, "responses"), "default");
    At(error, "description") =
        Str("An error: 400 invalid_argument, 401 unauthenticated, 403 permission_denied (also a "
            "missing CSRF token), 404 not_found, 409 already_exists or failed_precondition, "
            "503 unavailable, 504 deadline_exceeded, 500 internal");
    At(At(At(error, "content"), "application/json"), "schema") = error_ref;
    At(At(paths, route.path), method) = std::move(op);
  }
  // issue 19: open: the open data (no login; gateway/web/open_data.h), not
  // forwarded RPCs: JSON and CSV documents of their own (their schema is
  // /open-data/v1/schema.json).
  add_tag("open-data",
          "Open data without a login, CC BY 4.0: the published networks and their decided "
          "composition as JSON and CSV (docs/open-data.md).");
  for (const web::open_data::RouteDoc& route : web::open_data::RouteDocs()) {
    gpb::Value op;
    At(op, "summary") = Str(route.summary);
    At(op, "description") = Str(route.description);
    std::string operation_id = "get";
    for (char c : route.path) {
      const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum) {
        operation_id += c;
      } else if (operation_id.back() != '_') {
        operation_id += '_';
      }
    }
    At(op, "operationId") = Str(operation_id);
    Append(At(op, "tags"), Str("open-data"));
    At(op, "security").mutable_list_value();  // no login needed
    gpb::Value& parameters = At(op, "parameters");
    parameters.mutable_list_value();
    if (route.paged) {
      gpb::Value size;
      At(size, "name") = Str("page_size");
      At(size, "in") = Str("query");
      At(size, "required").set_bool_value(false);
      At(size, "description") = Str("Items per page: 0 or none = 100, at most 500.");
      At(At(size, "schema"), "type") = Str("integer");
      At(At(size, "schema"), "minimum").set_number_value(0);
      At(At(size, "schema"), "maximum").set_number_value(web::open_data::kMaxPageSize);
      Append(parameters, std::move(size));
      gpb::Value token;
      At(token, "name") = Str("page_token");
      At(token, "in") = Str("query");
      At(token, "required").set_bool_value(false);
      At(token, "description") =
          Str("The previous page's next_page_token (with the same page_size); none for the "
              "first page.");
      At(At(token, "schema"), "type") = Str("string");
      Append(parameters, std::move(token));
    }
    for (const char* name : {"If-None-Match", "If-Modified-Since"}) {
      gpb::Value param;
      At(param, "name") = Str(name);
      At(param, "in") = Str("header");
      At(param, "required").set_bool_value(false);
      At(param, "description") = Str("A conditional request: 304 when the copy is current.");
      At(At(param, "schema"), "type") = Str("string");
      Append(parameters, std::move(param));
    }
    gpb::Value& ok = At(At(op, "responses"), "200");
    At(ok, "description") = Str("The document (JSON Schema: /open-data/v1/schema.json)");
    gpb::Value& media = At(At(ok, "content"), route.content_type);
    At(At(media, "schema"), "type") = Str(route.content_type == "text/csv" ? "string" : "object");
    for (const char* name : {"ETag", "Last-Modified", "Link", "Cache-Control"}) {
      gpb::Value header;
      At(header, "description") =
          Str(std::string(name) == "Link"
                  ? "rel=\"license\" (CC BY 4.0), rel=\"describedby\" (the schema) and, "
                    "while more pages follow, rel=\"next\""
                  : std::string(name) + " of the answer");
      At(At(header, "schema"), "type") = Str("string");
      At(At(ok, "headers"), name) = std::move(header);
    }
    At(At(At(op, "responses"), "304"), "description") = Str("Not modified");
    gpb::Value& error = At(At(op, "responses"), "default");
    At(error, "description") = Str("An error: 400 invalid_argument, 503 unavailable");
    At(At(At(error, "content"), "application/json"), "schema") = error_ref;
    At(At(paths, route.path), "get") = std::move(op);
  }
  // Issue 20: metrics. GET /metrics, for Prometheus (docs/gateway.md, "Metrics").
  {
    add_tag("metrics",
            "The system's counters in the Prometheus text format, for a scraper: requests, "
            "latencies, event streams, e-mail, logins (docs/gateway.md, \"Metrics\").");
    gpb::Value& metrics_scheme = At(At(At(doc, "components"), "securitySchemes"), "metrics_token");
    At(metrics_scheme, "type") = Str("http");
    At(metrics_scheme, "scheme") = Str("bearer");
    At(metrics_scheme, "description") = Str("[http] metrics_token of the gateway's config.");
    gpb::Value op;
    At(op, "summary") = Str("The system's metrics (Prometheus text format 0.0.4)");
    At(op, "description") =
        Str("Per service (networks, nominations, notifications, gateway): up, requests by "
            "operation and outcome with latency histograms, outbox head, each consumer's "
            "cursor and lag; e-mails by state; login failures and active sessions; the "
            "gateway's HTTP requests by route pattern and status code. With [http] "
            "metrics_token configured: only with Authorization: Bearer <token>; without it: "
            "only from a loopback address (127.0.0.1, ::1). No session cookie counts.");
    At(op, "operationId") = Str("getMetrics");
    Append(At(op, "tags"), Str("metrics"));
    {
      gpb::Value& metrics_security = At(op, "security");
      gpb::Value bearer;
      At(bearer, "metrics_token").mutable_list_value();
      Append(metrics_security, std::move(bearer));
      gpb::Value loopback;  // none: a loopback client without a token configured
      loopback.mutable_struct_value();
      Append(metrics_security, std::move(loopback));
    }
    gpb::Value& ok = At(At(op, "responses"), "200");
    At(ok, "description") = Str("The metrics");
    At(At(At(At(ok, "content"), "text/plain; version=0.0.4"), "schema"), "type") = Str("string");
    At(At(At(op, "responses"), "401"), "description") =
        Str("A token is configured and the request's is missing or wrong");
    At(At(At(op, "responses"), "403"), "description") =
        Str("No token is configured and the client is not on a loopback address");
    At(At(paths, "/metrics"), "get") = std::move(op);
  }
  At(At(doc, "components"), "schemas").mutable_struct_value()->Swap(&schemas);
  std::string json;
  gpb::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)gpb::util::MessageToJsonString(doc, &json, options);
  return json;
}

}  // namespace verkosto::gateway
