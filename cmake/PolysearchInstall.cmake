# Install rules: headers, the two libraries, a CMake package (polysearch::polysearch and
# polysearch::eval) and a pkg-config file for each (polysearch, polysearch-eval).  The
# private dependencies appear in the package only so that a static libpolysearch.a can be
# linked; a shared library carries them itself.
# tests/packaging/consumer_test.sh builds examples/ against what these rules install.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(POLYSEARCH_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/polysearch")
get_target_property(_polysearch_type polysearch TYPE)
if(_polysearch_type STREQUAL "STATIC_LIBRARY")
  set(POLYSEARCH_STATIC TRUE)
else()
  set(POLYSEARCH_STATIC FALSE)
endif()

if(NOT POLYSEARCH_STATIC)
  # A shared libpolysearch_eval finds libpolysearch next to it, wherever the prefix is.
  set_target_properties(polysearch_eval PROPERTIES INSTALL_RPATH "$ORIGIN")
endif()
install(TARGETS polysearch polysearch_eval EXPORT polysearch-targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Both libraries' headers: include/polysearch/ and include/polysearch/eval/ (and export.hpp
# in each, generated).
install(DIRECTORY include/polysearch "${PROJECT_BINARY_DIR}/include/polysearch"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
if(TARGET polysearch_cli)
  if(NOT POLYSEARCH_STATIC)
    # The installed tool finds the shared libpolysearch and libpolysearch_eval in the
    # prefix it was installed to, whatever that is (cmake --install --prefix).
    file(RELATIVE_PATH _polysearch_bin_to_lib
      "/prefix/${CMAKE_INSTALL_BINDIR}" "/prefix/${CMAKE_INSTALL_LIBDIR}")
    set_target_properties(polysearch_cli PROPERTIES INSTALL_RPATH "$ORIGIN/${_polysearch_bin_to_lib}")
  endif()
  install(TARGETS polysearch_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT polysearch-targets
  NAMESPACE polysearch::
  DESTINATION ${POLYSEARCH_CMAKE_DIR})
if(POLYSEARCH_STATIC)
  install(FILES cmake/FindStemmer.cmake cmake/FindCLD2.cmake DESTINATION ${POLYSEARCH_CMAKE_DIR})
endif()

configure_package_config_file(cmake/polysearch-config.cmake.in
  "${PROJECT_BINARY_DIR}/polysearch-config.cmake"
  INSTALL_DESTINATION ${POLYSEARCH_CMAKE_DIR})
# 0.x: a new minor version may break the API, so only the same major.minor is compatible.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/polysearch-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/polysearch-config.cmake"
  "${PROJECT_BINARY_DIR}/polysearch-config-version.cmake"
  DESTINATION ${POLYSEARCH_CMAKE_DIR})

# Static: `pkg-config --static --libs polysearch` adds the dependencies.  Shared: none are
# needed, not even their .pc files (pkg-config reads Requires.private for --cflags too).
if(POLYSEARCH_STATIC)
  set(POLYSEARCH_PC_REQUIRES_PRIVATE "xapian-core icu-uc icu-i18n")
  set(POLYSEARCH_PC_LIBS_PRIVATE "-lstemmer -lcld2")
else()
  set(POLYSEARCH_PC_REQUIRES_PRIVATE "")
  set(POLYSEARCH_PC_LIBS_PRIVATE "")
endif()
file(RELATIVE_PATH POLYSEARCH_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" POLYSEARCH_PC_TO_PREFIX "${POLYSEARCH_PC_TO_PREFIX}")
configure_file(cmake/polysearch.pc.in "${PROJECT_BINARY_DIR}/polysearch.pc" @ONLY)
# polysearch-eval.pc: Requires polysearch, whose flags (and static dependencies) it adds.
configure_file(cmake/polysearch-eval.pc.in "${PROJECT_BINARY_DIR}/polysearch-eval.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/polysearch.pc" "${PROJECT_BINARY_DIR}/polysearch-eval.pc"
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
