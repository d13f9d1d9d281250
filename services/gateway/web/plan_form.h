#pragma once

#include <httplib.h>

#include "gateway/web/i18n.h"
#include "gateway/web/page.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::gateway::web {

// The communication plan's typed part on the KEHA network form and the
// network page (docs/networks.md#communication-plan).

// The form's table: a row per audience ("audience" label, its "channel"),
// a checkbox per event (name "plan.<audience>.<event>", "checked", an
// accessible "label"), the column heads ("events"), and "standard" (the
// definition lists no targets: the standard plan acts).
Data PlanTableData(const Catalogue& t, const networks::v1::CommunicationPlan& plan);

// Reads the table back into `plan->targets`: none when "plan.standard" is
// ticked, else one target per audience with a ticked event (its channel the
// audience's).
void ReadPlanTargets(const httplib::Request& req, networks::v1::CommunicationPlan* plan);

// The plan as it acts, in words: one line per audience ("text"), and whether
// it is the standard plan ("standard"), the notes interval and the reminder's
// address.
Data EffectivePlanData(const Catalogue& t, const networks::v1::Network& network);

}  // namespace verkosto::gateway::web
