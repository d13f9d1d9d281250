# Script mode: writes OUTPUT, a C++ file defining
#   std::vector<verkosto::storage::Migration> NAMESPACE::FUNCTION()
# as verkosto::messaging::ServiceMigrations (libs/messaging/schema.h) of every
# NNNN_name.sql of DIR embedded in order, numbered from FIRST (default 1).
file(GLOB files "${DIR}/*.sql")
list(SORT files)
set(body "")
if(NOT DEFINED FIRST)
  set(FIRST 1)
endif()
set(expected ${FIRST})
foreach(f ${files})
  get_filename_component(base "${f}" NAME_WE)
  string(REGEX MATCH "^([0-9]+)_(.*)$" m "${base}")
  if(NOT m)
    message(FATAL_ERROR "migration file ${f} is not named NNNN_verb_noun.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "migration ${f}: expected number ${expected}")
  endif()
  math(EXPR expected "${expected} + 1")
  file(READ "${f}" sql)
  string(APPEND body "      {${version}, \"${CMAKE_MATCH_2}\", R\"verkosto_sql(${sql})verkosto_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${DIR} by cmake/EmbedSql.cmake; do not edit.
#include <vector>

#include \"messaging/schema.h\"
#include \"storage/database.h\"

namespace ${NAMESPACE} {

std::vector<verkosto::storage::Migration> ${FUNCTION}() {
  static const std::vector<verkosto::storage::Migration> kOwn = {
${body}  };
  return verkosto::messaging::ServiceMigrations(kOwn);
}

}  // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
