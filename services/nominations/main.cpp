// The nominations service: config -> logging -> database -> wiring -> run.
#include "nominations/service.h"

int main(int argc, char** argv) {
  return verkosto::runtime::RunServiceMain(
      argc, argv, "nominations",
      "verkosto nominations service: nomination requests, registry, decisions and memberships",
      verkosto::nominations::Migrations(), verkosto::nominations::Wire);
}
