// The web UI's one route table. The handlers live by the area of the UI they
// serve (handlers.h names the file of each); page.h is what they stand on.
#include "gateway/web/pages.h"

#include "gateway/web/handlers.h"

namespace verkosto::gateway::web {

bool IsApiPath(const std::string& path) {
  return path == "/api/v1" || path.rfind("/api/v1/", 0) == 0;
}

// Case ids are "<request id>.<area code>"; the case patterns also take the
// legacy "<request id>/<area code>" of links in e-mails sent before.
const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = {
      {"GET", "/", CataloguePage},
      {"GET", "/login", LoginPage},
      {"GET", "/accessibility", AccessibilityPage},
      {"GET", "/lang", LangSwitch},
      {"GET", "/static/style.css", StyleSheet},
      {"GET", "/networks", NetworksPage},
      {"GET", "/networks/new", NewNetworkPage},
      {"POST", "/networks/new", CreateNetwork},
      {"GET", R"(/networks/([A-Za-z0-9_-]+))", NetworkPage},
      {"GET", R"(/networks/([A-Za-z0-9_-]+)/edit)", EditNetworkPage},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/edit)", UpdateNetwork},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/(propose|open|close|cancel))", NetworkLifecycle},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/send)", SendRequest},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/comments)", AddComment},
      {"GET", R"(/networks/([A-Za-z0-9_-]+)/matrix(?:\.csv)?)", MatrixPage},
      {"POST", R"(/cases/([A-Za-z0-9_:./-]+)/(withdraw|extend))", CaseKeha},
      {"GET", "/registry", RegistryPage},
      {"POST", R"(/cases/([A-Za-z0-9_:./-]+)/register)", RegisterCase},
      {"GET", "/registry/log", RegistryLogPage},
      {"POST", "/registry/log", LogIncoming},
      {"GET", R"(/registry/journal(?:\.csv)?)", JournalPage},
      {"GET", "/director", DirectorPage},
      // issue 19: letters. Before the case page, whose pattern would take it.
      {"GET",
       R"(/cases/([A-Za-z0-9_:./-]+)/letters/(request|acknowledgement|decision)-(fi|sv)\.pdf)",
       LetterDownload},
      {"GET", R"(/cases/([A-Za-z0-9_:./-]+))", CasePage},
      {"POST", R"(/cases/([A-Za-z0-9_:./-]+)/(approve|decline))", DecideCase},
      {"GET", "/area", AreaPage},
      {"POST", "/area/participation", DecideParticipation},
      {"GET", "/me/tokens", MyTokensPage},
      {"POST", R"(/me/tokens/([0-9a-f]{12})/revoke)", RevokeMyToken},
      {"GET", "/inbox", InboxPage},
      {"POST", "/inbox/read", MarkRead},
      {"GET", "/me/memberships", MyMembershipsPage},
      {"POST", "/me/contact", CorrectMyContact},
      {"POST", R"(/me/memberships/([A-Za-z0-9_:.-]+)/resign)", AskToResign},
      {"GET", "/director/resignations", ResignationsPage},
      {"POST", R"(/director/resignations/([A-Za-z0-9_:.-]+)/record)", RecordResignation},
      {"POST", R"(/cases/([A-Za-z0-9_:./-]+)/paper-answer)", PaperAnswer},
      {"GET", R"(/memberships/([A-Za-z0-9_:.-]+))", MembershipPage},
      {"POST", R"(/memberships/([A-Za-z0-9_:.-]+)/(replace|recall|replacement))", ChangeMembership},
      {"GET", R"(/national-view(?:\.csv)?)", NationalViewPage},
      {"GET", R"(/networks/([A-Za-z0-9_-]+)/renew)", RenewNetworkPage},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/renew)", RenewNetwork},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/confirmations)", SendConfirmations},
      {"POST", R"(/cases/([A-Za-z0-9_:./-]+)/confirmation)", DecideConfirmationCase},
      {"GET", "/desk", DeskPage},
      // issue 19: open: the open data (no login; docs/open-data.md).
      {"GET", R"(/open-data/v1/(networks|members)\.(json|csv))", OpenDataList},
      {"GET", "/open-data/v1/schema.json", OpenDataSchema},
      {"GET", "/registry/export", RecordsExportPage},  // issue 19: export
      // issue 19: equality
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/gender-exception)", RecordGenderException},
  };
  return kRoutes;
}

}  // namespace verkosto::gateway::web
