# API reference: `cmake --build <dir> --target docs` runs Doxygen on docs/Doxyfile and writes
# <dir>/docs/html/index.html.  Without Doxygen there is no docs target (and the docs test
# reports itself skipped).  Any Doxygen warning fails the build of the docs.

find_package(Doxygen QUIET)
if(DOXYGEN_FOUND)
  # docs/Doxyfile is written for the repository root; this one adds what the build knows.
  set(POLYSEARCH_DOXYFILE "${PROJECT_BINARY_DIR}/docs/Doxyfile")
  file(CONFIGURE OUTPUT "${POLYSEARCH_DOXYFILE}" CONTENT [[
@INCLUDE         = "@PROJECT_SOURCE_DIR@/docs/Doxyfile"
PROJECT_NUMBER   = @PROJECT_VERSION@
OUTPUT_DIRECTORY = "@PROJECT_BINARY_DIR@/docs"
]] @ONLY)
  add_custom_target(docs
    COMMAND "${DOXYGEN_EXECUTABLE}" "${POLYSEARCH_DOXYFILE}"
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    COMMENT "API reference: ${PROJECT_BINARY_DIR}/docs/html/index.html"
    VERBATIM)
endif()
