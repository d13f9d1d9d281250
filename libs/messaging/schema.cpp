#include "messaging/schema.h"

namespace verkosto::messaging {

namespace {
constexpr char kMessagingTablesSql[] = {
#include "messaging_tables.sql.inc"
};
}  // namespace

storage::Migration MessagingTablesMigration() {
  return storage::Migration{1, "create_messaging_tables", std::string(kMessagingTablesSql)};
}

}  // namespace verkosto::messaging
