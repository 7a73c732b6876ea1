# polysearch_add_public_library(<name> EXPORT_NAME <name> BASE_NAME <MACRO_BASE>
#                               EXPORT_HEADER <path under include/>)
#
# The installable library made from the objects of <name>_objects, compiled once: static,
# or shared with -DBUILD_SHARED_LIBS=ON.  Gets the alias polysearch::<EXPORT_NAME>, the
# project's version and SOVERSION, and its own export header defining <MACRO_BASE>_API
# (and, for a static library, <MACRO_BASE>_STATIC_DEFINE for whoever links it).
include(GenerateExportHeader)

function(polysearch_add_public_library name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXPORT_NAME;BASE_NAME;EXPORT_HEADER" "")
  if(arg_UNPARSED_ARGUMENTS OR NOT arg_EXPORT_NAME OR NOT arg_BASE_NAME OR NOT arg_EXPORT_HEADER)
    message(FATAL_ERROR "polysearch_add_public_library: needs EXPORT_NAME, BASE_NAME and "
                        "EXPORT_HEADER: ${ARGV}")
  endif()
  add_library(${name} $<TARGET_OBJECTS:${name}_objects>)
  add_library(polysearch::${arg_EXPORT_NAME} ALIAS ${name})
  generate_export_header(${name}
    BASE_NAME ${arg_BASE_NAME}
    EXPORT_MACRO_NAME ${arg_BASE_NAME}_API
    EXPORT_FILE_NAME "${PROJECT_BINARY_DIR}/include/${arg_EXPORT_HEADER}")
  set_target_properties(${name} PROPERTIES
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
    EXPORT_NAME ${arg_EXPORT_NAME})
  target_compile_definitions(${name} INTERFACE
    $<$<NOT:$<BOOL:${BUILD_SHARED_LIBS}>>:${arg_BASE_NAME}_STATIC_DEFINE>)
endfunction()
