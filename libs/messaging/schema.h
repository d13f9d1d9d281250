#pragma once

#include "storage/database.h"

namespace verkosto::messaging {

// The messaging tables (meta/epoch, outbox, idempotency, consumer cursors) as
// one migration. Every service uses it as its migration number 1.
storage::Migration MessagingTablesMigration();

}  // namespace verkosto::messaging
