#pragma once

#include <gtest/gtest.h>

#include <span>
#include <string>

#include "storage/database.h"

namespace verkosto::testing {

// The schema of a database as text (every CREATE statement, sorted by name),
// to compare databases that reached the same version by different paths.
std::string SchemaOf(SQLite::Database& db);

// Checks that `migrations` bring a database to the same schema from empty
// and from each earlier version, and that the version ends at the last step.
void ExpectMigratesFromEveryVersion(std::span<const storage::Migration> migrations);

}  // namespace verkosto::testing
