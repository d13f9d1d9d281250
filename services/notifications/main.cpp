// The notifications service: config -> logging -> database -> wiring -> run.
#include "notifications/service.h"

int main(int argc, char** argv) {
  return verkosto::runtime::RunServiceMain(
      argc, argv, "notifications", "verkosto notifications service: the in-app inbox and e-mail",
      verkosto::notifications::Migrations(), verkosto::notifications::Wire);
}
