// The networks service: config -> logging -> database -> wiring -> run.
#include "networks/service.h"

int main(int argc, char** argv) {
  return verkosto::runtime::RunServiceMain(
      argc, argv, "networks",
      "verkosto networks service: the area directory, network definitions and participation",
      verkosto::networks::Migrations(), verkosto::networks::Wire);
}
