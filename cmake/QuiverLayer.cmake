# quiver_layer(NAME DEPS...): one static library per folder of src/quiver, made
# of every .cc below it. A layer links only the layers above it in DESIGN.md.
function(quiver_layer name)
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.cc)
  if(NOT srcs)
    # A layer with no sources yet still exists, so that layers below link it.
    add_library(quiver_${name} INTERFACE)
    target_include_directories(quiver_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(quiver_${name} INTERFACE ${ARGN})
    return()
  endif()
  add_library(quiver_${name} STATIC ${srcs})
  target_include_directories(quiver_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(quiver_${name} PUBLIC ${ARGN})
endfunction()

# quiver_unit_tests(LAYER DEPS...): one GoogleTest binary per layer, made of
# every *_test.cc in tests/unit/<layer>/, registered with CTest.
function(quiver_unit_tests layer)
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_SOURCE_DIR}/unit/${layer}/*_test.cc)
  if(NOT srcs)
    return()
  endif()
  add_executable(${layer}_tests ${srcs})
  target_link_libraries(${layer}_tests PRIVATE ${ARGN} GTest::gtest_main GTest::gmock)
  target_compile_definitions(${layer}_tests PRIVATE
    QUIVER_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    QUIVER_SHARED_DIR="${QUIVER_SHARED_DIR}")
  gtest_discover_tests(${layer}_tests DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "QUIVER_SHARED_DIR=${QUIVER_SHARED_DIR}")
endfunction()
