# Install rules: headers, the library, a CMake package (polysearch::polysearch) and a
# pkg-config file.  The private dependencies appear in the package only so that a static
# libpolysearch.a can be linked; a shared library hides them.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(POLYSEARCH_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/polysearch")

install(TARGETS polysearch EXPORT polysearch-targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/polysearch "${PROJECT_BINARY_DIR}/include/polysearch"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
if(TARGET polysearch_cli)
  install(TARGETS polysearch_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT polysearch-targets
  NAMESPACE polysearch::
  DESTINATION ${POLYSEARCH_CMAKE_DIR})
install(FILES cmake/FindStemmer.cmake cmake/FindCLD2.cmake DESTINATION ${POLYSEARCH_CMAKE_DIR})

configure_package_config_file(cmake/polysearch-config.cmake.in
  "${PROJECT_BINARY_DIR}/polysearch-config.cmake"
  INSTALL_DESTINATION ${POLYSEARCH_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/polysearch-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/polysearch-config.cmake"
  "${PROJECT_BINARY_DIR}/polysearch-config-version.cmake"
  DESTINATION ${POLYSEARCH_CMAKE_DIR})

file(RELATIVE_PATH POLYSEARCH_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(cmake/polysearch.pc.in "${PROJECT_BINARY_DIR}/polysearch.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/polysearch.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
