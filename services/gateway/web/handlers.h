#pragma once

// Every page and form handler of the web UI, by the file (the area of the UI)
// that holds it; Routes() in pages.cpp binds them to paths. Each has the
// signature of web::Handler (pages.h).

#include <httplib.h>

#include "gateway/http/gateway_context.h"

namespace verkosto::gateway::web {

// public_pages.cpp: no login needed.
void CataloguePage(GatewayContext&, const httplib::Request&, httplib::Response&);
void LoginPage(GatewayContext&, const httplib::Request&, httplib::Response&);
// The accessibility statement (Act 306/2019), for everyone.
void AccessibilityPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void LangSwitch(GatewayContext&, const httplib::Request&, httplib::Response&);
void StyleSheet(GatewayContext&, const httplib::Request&, httplib::Response&);

// network_edit_pages.cpp: KEHA creates and edits networks and moves them on.
void NewNetworkPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void CreateNetwork(GatewayContext&, const httplib::Request&, httplib::Response&);
void EditNetworkPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void UpdateNetwork(GatewayContext&, const httplib::Request&, httplib::Response&);
void NetworkLifecycle(GatewayContext&, const httplib::Request&, httplib::Response&);

// network_pages.cpp: the networks list, one network, its comments, sending a request.
void NetworksPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void NetworkPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void AddComment(GatewayContext&, const httplib::Request&, httplib::Response&);
void SendRequest(GatewayContext&, const httplib::Request&, httplib::Response&);

// matrix_pages.cpp: a network's status matrix (and CSV); withdraw, extend.
void MatrixPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void CaseKeha(GatewayContext&, const httplib::Request&, httplib::Response&);

// registry_pages.cpp: the registry clerk's desk, logging and journal.
void RegistryPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void RegisterCase(GatewayContext&, const httplib::Request&, httplib::Response&);
void RegistryLogPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void LogIncoming(GatewayContext&, const httplib::Request&, httplib::Response&);
void JournalPage(GatewayContext&, const httplib::Request&, httplib::Response&);

// case_pages.cpp: the director's desk, a case's page and its decision.
void DirectorPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void CasePage(GatewayContext&, const httplib::Request&, httplib::Response&);
void DecideCase(GatewayContext&, const httplib::Request&, httplib::Response&);
// KEHA records an area's answer that came by letter or e-mail (issue 17).
void PaperAnswer(GatewayContext&, const httplib::Request&, httplib::Response&);
// The leadership answers a confirmation request per sitting member (issue 17).
void DecideConfirmationCase(GatewayContext&, const httplib::Request&, httplib::Response&);

// letter_pages.cpp: a case's formal letters as PDF (issue 19: letters).
void LetterDownload(GatewayContext&, const httplib::Request&, httplib::Response&);

// confirmation_pages.cpp: KEHA renews a network and sends confirmation requests.
void RenewNetworkPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void RenewNetwork(GatewayContext&, const httplib::Request&, httplib::Response&);
void SendConfirmations(GatewayContext&, const httplib::Request&, httplib::Response&);

// leadership_pages.cpp: the area page and participation; resignations.
void AreaPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void DecideParticipation(GatewayContext&, const httplib::Request&, httplib::Response&);
void ResignationsPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void RecordResignation(GatewayContext&, const httplib::Request&, httplib::Response&);

// nominee_pages.cpp: a nominee's memberships, contact and resigning.
void MyMembershipsPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void CorrectMyContact(GatewayContext&, const httplib::Request&, httplib::Response&);
void AskToResign(GatewayContext&, const httplib::Request&, httplib::Response&);

// token_pages.cpp: everyone's own API tokens, and revoking one.
void MyTokensPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void RevokeMyToken(GatewayContext&, const httplib::Request&, httplib::Response&);

// inbox_pages.cpp: everyone's notifications inbox.
void InboxPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void MarkRead(GatewayContext&, const httplib::Request&, httplib::Response&);

// membership_pages.cpp: one membership; the leadership replaces or recalls
// its member, KEHA asks for a successor (issue 17).
void MembershipPage(GatewayContext&, const httplib::Request&, httplib::Response&);
void ChangeMembership(GatewayContext&, const httplib::Request&, httplib::Response&);
// national_view_pages.cpp: 45 areas x every network, burden, loads, CSV.
void NationalViewPage(GatewayContext&, const httplib::Request&, httplib::Response&);
// desk_pages.cpp: everyone's home page after login (issue 18).
void DeskPage(GatewayContext&, const httplib::Request&, httplib::Response&);

// issue 19: open: open_data_routes.cpp: the open data, JSON and CSV, no login.
void OpenDataList(GatewayContext&, const httplib::Request&, httplib::Response&);
void OpenDataSchema(GatewayContext&, const httplib::Request&, httplib::Response&);
// records_export_pages.cpp (issue 19: export): an area's records of a
// period as the records export's JSON or XML file.
void RecordsExportPage(GatewayContext&, const httplib::Request&, httplib::Response&);
// gender_pages.cpp (issue 19, Equality Act 4 a §): POST
// /networks/{code}/gender-exception, KEHA records the special reasons why the
// body departs from the 40 % rule; a blank reason is 422 naming "reason" and
// nothing is written.
void RecordGenderException(GatewayContext&, const httplib::Request&, httplib::Response&);

}  // namespace verkosto::gateway::web
