# Decides once per configure whether quiver-slt gets the Quiver adapter:
# the execution layer must offer session_context.h and quiver_engine.cc must
# compile against it (while that API is young, a mismatch falls back to the
# fake engine instead of breaking everyone's build). Sets the GLOBAL property
# QUIVER_SLT_HAVE_QUIVER, read by tools/slt and tests/slt.
include_guard(GLOBAL)

set(_slt_have OFF)
if(TARGET quiver_execution AND EXISTS ${PROJECT_SOURCE_DIR}/src/quiver/execution/session_context.h)
  get_target_property(_slt_inc quiver_arrow INCLUDE_DIRECTORIES)
  if(NOT _slt_inc)
    set(_slt_inc "")
  endif()
  list(FILTER _slt_inc EXCLUDE REGEX "\\$<")
  set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
  try_compile(_slt_compiles
    SOURCES ${PROJECT_SOURCE_DIR}/tools/slt/quiver_engine.cc
    CMAKE_FLAGS
      "-DINCLUDE_DIRECTORIES=${PROJECT_SOURCE_DIR}/tools/slt;${PROJECT_SOURCE_DIR}/src;${_slt_inc}"
    CXX_STANDARD 20
    NO_CACHE
    OUTPUT_VARIABLE _slt_log)
  if(_slt_compiles)
    set(_slt_have ON)
  else()
    message(STATUS "quiver-slt: tools/slt/quiver_engine.cc does not compile against the "
                   "execution layer yet; quiver-slt runs only its fake engine")
  endif()
endif()
set_property(GLOBAL PROPERTY QUIVER_SLT_HAVE_QUIVER ${_slt_have})
