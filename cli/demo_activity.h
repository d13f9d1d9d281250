#pragma once

#include <atomic>
#include <string>

#include "config/config.h"
#include "core/result.h"

namespace verkosto::cli {

// The demo's living part (issue 17, item 7): what `verkosto up` with demo data
// does once the services answer, so that a newcomer sees open networks with
// cases in every state. Everything goes through the services' RPC commands,
// sent with the gateway's key as the people who would do it — the demo
// accounts (gateway/domain/demo_accounts.h) for Kainuu-Koillismaa, Helsinki,
// Pohjanmaa and KEHA, and invented directors and registry clerks for Tampere
// and Oulu — exactly as the web pages would send them; nothing is inserted
// into a database. Every member comes from an approval (rule 1).
//
// Three networks of the demo catalogue are opened (their definitions meet
// rule 2: goals, a term relative to the first start, a communication plan):
//   opastajaverkosto               Kainuu approved (Nelli Nimitetty + a deputy),
//                                  Helsinki approved, Pohjanmaa awaiting
//                                  registration, Tampere registered, Oulu declined
//   osaamisverkosto                Kainuu awaiting registration, Pohjanmaa and
//                                  Tampere approved, Oulu declines to take part,
//                                  Helsinki overdue (see below)
//   tiedolla-johtamisen-verkosto   Kainuu and Helsinki approved (the same
//                                  people as above: two networks each),
//                                  Tampere awaiting registration, Pohjanmaa
//                                  declines to take part
// Deadlines are days after the first start.
//
// "Overdue" needs a deadline already passed. The demo neither moves a clock
// nor lets a deadline in the past through SendRequest: the Helsinki registry
// logs a request that reached it by letter 40 days ago with a deadline 10 days
// ago (LogIncomingRequest — a registry may log a late letter, and the domain
// marks such a case overdue at once). So the overdue case is registered,
// undecided and past its deadline, as in real life when a letter was found late.
//
// Idempotent: a finished run leaves DATA/demo-activity.done and is not run
// again. Each command has a request id fixed by its step under a fixed client
// id, so a run that was interrupted repeats its commands and each service
// answers a repeated one from its stored reply (kept a day), with no second
// effect; and a network that is already open with cases is left alone, so
// nothing is sent twice even after the stored replies are gone.
inline constexpr char kDemoActivityDone[] = "demo-activity.done";

// Runs the story against the services of `system` (whose keys the caller
// made, so it can read the gateway's), waiting first until networks and
// nominations answer. Returns early with Cancelled-like Unavailable when
// `stop` becomes true. Writes DATA/demo-activity.done when done; does nothing
// if that file exists.
Status RunDemoActivity(const config::SystemConfig& system, const std::atomic<bool>& stop);

}  // namespace verkosto::cli
