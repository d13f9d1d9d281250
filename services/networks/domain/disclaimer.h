#pragma once

#include <string_view>

#include "networks/domain/types.h"

namespace verkosto::networks {

// Rule 6 of the C6 statement: networks do not speak for the areas. This note
// accompanies every network wherever it or its material is shown (it is part
// of the network data returned to clients).
inline constexpr std::string_view kDisclaimerFi =
    "Verkoston näkemykset ja tuotokset eivät ole työllisyysalueiden virallisia kannanottoja "
    "eivätkä sido työllisyysalueita. Kukin työllisyysalue päättää kannoistaan itsenäisesti.";
inline constexpr std::string_view kDisclaimerSv =
    "Nätverkets synpunkter och material är inte sysselsättningsområdenas officiella "
    "ståndpunkter och binder inte sysselsättningsområdena. Varje sysselsättningsområde "
    "beslutar självständigt om sina ståndpunkter.";
inline constexpr std::string_view kDisclaimerEn =
    "The views and output of this network are not official positions of the employment areas "
    "and do not bind them. Each employment area decides its positions independently.";

// The three texts together.
LocalizedText Disclaimer();

}  // namespace verkosto::networks
