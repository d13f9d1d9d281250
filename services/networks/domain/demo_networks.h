#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "networks/domain/network.h"

namespace verkosto::networks {

// Demo catalogue: KEHA's real networks and the other bodies listed in
// data/reference/keha_networks.csv (columns code, name_fi, name_en, kind,
// description, source), turned into network definitions so that a new user
// sees a realistic catalogue.
//
// Only the code, the Finnish and English names, the kind and the description
// come from the file. Everything else is INVENTED for the demo and says
// nothing about the real networks: the Swedish names (unofficial translations
// made here), the goals, the term, the communication plan, the meeting
// cadence and the seats.
//
// The term is relative to `today`, the day of the first start: it begins that
// day and ends two years later (kDemoTermDays), so a demo started in any year
// has a catalogue whose terms still run.
//
// Kinds in the file: keha_run and nomination_request (networks KEHA runs or
// asked nominations for) and advisory_board / subcommittee (the national
// advisory board and its sub-committees, statutory) become proposals
// (status proposed); city_network (C6, C23: the cities' own cooperation, not
// KEHA's) becomes a draft owned by the cities.

struct DemoNetwork {
  NetworkDefinition definition;
  NetworkStatus status = NetworkStatus::kDraft;  // kDraft or kProposed
};

// InvalidArgument with field "keha_networks.csv:<line>" for a CSV error, a
// wrong header, a code that is not a slug, a repeated code, an empty name_fi
// or an unknown kind. Every returned definition passes ValidateDefinition, and
// every proposed one passes CheckReadyToPublish.
Result<std::vector<DemoNetwork>> ParseDemoNetworks(std::string_view keha_networks_csv,
                                                   const Date& today);

// Days from the first start to the demo terms' last day.
inline constexpr int kDemoTermDays = 730;

}  // namespace verkosto::networks
