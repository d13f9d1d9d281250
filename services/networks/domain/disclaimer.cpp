#include "networks/domain/disclaimer.h"

#include <string>

namespace verkosto::networks {

LocalizedText Disclaimer() {
  return LocalizedText{std::string(kDisclaimerFi), std::string(kDisclaimerSv),
                       std::string(kDisclaimerEn)};
}

}  // namespace verkosto::networks
