// The gateway: config -> logging -> database -> wiring (HTTP) -> run.
#include "gateway/service.h"

int main(int argc, char** argv) {
  return verkosto::runtime::RunServiceMain(
      argc, argv, "gateway", "verkosto gateway: web UI, JSON API and login over HTTP",
      verkosto::gateway::Migrations(), verkosto::gateway::Wire);
}
