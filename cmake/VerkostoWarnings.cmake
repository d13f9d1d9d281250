# Strict warnings for our own targets only (generated protobuf code is exempt).
add_library(verkosto_warnings INTERFACE)
target_compile_options(verkosto_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference -Wdouble-promotion
  -Wformat=2 -Wimplicit-fallthrough -Wmisleading-indentation -Wduplicated-cond
  -Wduplicated-branches -Wlogical-op -Wuseless-cast)
if(VERKOSTO_WERROR)
  target_compile_options(verkosto_warnings INTERFACE -Werror)
endif()
