# Every third-party library becomes an imported target here, so lib/ and tools/ link names,
# never raw paths.

find_package(PkgConfig REQUIRED)
# Xapian 1.4's CMake config only sets variables; its pkg-config file gives us a target.
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core>=1.4)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(Stemmer REQUIRED)
find_package(CLD2 REQUIRED)
# Header-only; the library reads and writes schemas with it (lib/schema/).
find_package(nlohmann_json 3.10 REQUIRED)
if(POLYSEARCH_BUILD_TOOLS)
  find_package(CLI11 2.1 REQUIRED)
endif()
if(POLYSEARCH_BUILD_TESTS)
  find_package(doctest 2.4 REQUIRED)
endif()
