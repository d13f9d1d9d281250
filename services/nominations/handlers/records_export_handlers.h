#pragma once

#include "messaging/rpc_server.h"

namespace verkosto::nominations {

// ExportCaseRecords (issue 19, item 3; docs/records-export.md): a case's
// record, or an area's records of a period, for the area's own case
// management. Who may: records_export.h (AuthorizeExport).
void RegisterRecordsExportHandlers(messaging::RpcServer& server);

}  // namespace verkosto::nominations
