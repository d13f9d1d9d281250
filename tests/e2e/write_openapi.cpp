// Writes the gateway's OpenAPI document (what GET /api/v1/openapi.json
// serves) to the file named by its one argument, for the Spectral lint
// (ctest openapi_spectral; see spectral.sh).
#include <fstream>
#include <iostream>

#include "gateway/http/api_routes.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " OUTPUT.json\n";
    return 2;
  }
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << verkosto::gateway::OpenApiJson();
  out.close();
  if (!out) {
    std::cerr << "cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
