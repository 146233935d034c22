# Generates C++ accessors for the Arrow IPC flatbuffer schemas in this folder
# at build time (flatc from the Debian flatbuffers-compiler package).
find_program(QUIVER_FLATC flatc REQUIRED)
set(_fbs_dir ${CMAKE_CURRENT_LIST_DIR})
set(_fbs_out ${CMAKE_CURRENT_BINARY_DIR}/arrow_ipc_fbs)
set(_fbs_headers
    ${_fbs_out}/Schema_generated.h ${_fbs_out}/Message_generated.h ${_fbs_out}/File_generated.h)
add_custom_command(
  OUTPUT ${_fbs_headers}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_fbs_out}
  COMMAND ${QUIVER_FLATC} --cpp --scoped-enums --no-warnings -o ${_fbs_out}
          ${_fbs_dir}/Schema.fbs ${_fbs_dir}/Message.fbs ${_fbs_dir}/File.fbs
  DEPENDS ${_fbs_dir}/Schema.fbs ${_fbs_dir}/Message.fbs ${_fbs_dir}/File.fbs
  COMMENT "flatc: Arrow IPC schemas"
  VERBATIM)
add_custom_target(quiver_arrow_ipc_fbs DEPENDS ${_fbs_headers})
add_dependencies(quiver_arrow quiver_arrow_ipc_fbs)
target_include_directories(quiver_arrow PRIVATE ${_fbs_out})
