# verkosto_service_root(SERVICE OUT): the include root of one service, made
# in the build tree: <build>/include_roots/SERVICE holds only the link
# SERVICE -> services/SERVICE. A target that uses it includes
# "SERVICE/<dir>/<file>.h" and no other service's headers: the boundary
# between services is the build's, not a convention (docs/architecture.md,
# "Boundaries"). The shared contract, libs/ and the generated protos, comes
# with verkosto_core and verkosto_proto.
function(verkosto_service_root svc out)
  set(root ${CMAKE_BINARY_DIR}/include_roots/${svc})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/services/${svc} ${root}/${svc} SYMBOLIC)
  set(${out} ${root} PARENT_SCOPE)
endfunction()

# verkosto_library(NAME SOURCES ... DEPS ... [SERVICE svc] [INCLUDE dirs]): one
# of our own static libraries. Headers are included as "<dir>/<file>.h"
# relative to libs/ (verkosto_core's root) or, with SERVICE, to that
# service's root alone (verkosto_service_root), which the library passes on
# to whatever links it.
function(verkosto_library name)
  cmake_parse_arguments(ARG "" "SERVICE" "SOURCES;DEPS;INCLUDE" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE verkosto_warnings)
  if(ARG_SERVICE)
    verkosto_service_root(${ARG_SERVICE} root)
    target_include_directories(${name} PUBLIC ${root})
  endif()
  if(ARG_INCLUDE)
    target_include_directories(${name} PUBLIC ${ARG_INCLUDE})
  endif()
endfunction()

# verkosto_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with ctest.
function(verkosto_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main
                                        verkosto_warnings)
  set(props ENVIRONMENT "VERKOSTO_BIN_DIR=${CMAKE_BINARY_DIR}/bin")
  if(ARG_LABELS)
    list(APPEND props LABELS "${ARG_LABELS}")
  endif()
  if(ARG_TIMEOUT)
    list(APPEND props TIMEOUT "${ARG_TIMEOUT}")
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES ${props})
endfunction()

# verkosto_executable(NAME SOURCES ... DEPS ...): a program installed to bin/.
function(verkosto_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} verkosto_warnings)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
  install(TARGETS ${name} RUNTIME DESTINATION bin)
endfunction()

# verkosto_embed_sql(TARGET DIR NAMESPACE FUNCTION FIRST): compiles the
# numbered migrations in DIR (the first numbered FIRST) into TARGET as
# `NAMESPACE::FUNCTION()`, every migration of the service's database
# (messaging::ServiceMigrations: the messaging tables first). TARGET links
# verkosto_messaging.
function(verkosto_embed_sql target dir ns fn first)
  file(GLOB sql_files CONFIGURE_DEPENDS ${dir}/*.sql)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_migrations.cpp)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUTPUT=${out} -DNAMESPACE=${ns} -DFUNCTION=${fn} -DFIRST=${first}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedSql.cmake
    DEPENDS ${sql_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedSql.cmake
    COMMENT "Embedding migrations of ${dir}")
  target_sources(${target} PRIVATE ${out})
endfunction()
