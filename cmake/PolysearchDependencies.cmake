# Every third-party library becomes an imported target here, so lib/ and tools/ link names,
# never raw paths.

find_package(PkgConfig REQUIRED)
# Xapian 1.4's CMake config only sets variables; its pkg-config file gives us a target.
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core>=1.4)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(Stemmer REQUIRED)
find_package(CLD2 REQUIRED)
# German compounds (lib/lang/german_compounds.cpp): igerman98's Hunspell dictionary, read
# by our own code (lib/lang/german_morphology.cpp), and igerman98's word list; both read at
# run time from where Debian installs them (hunspell-de-de, wngerman), found here so the
# paths are compiled in.  Hunspell itself is only needed by a benchmark that compares our
# reading of the dictionary with its own (tools/bench/morphology_agreement.cpp).
pkg_check_modules(HUNSPELL QUIET IMPORTED_TARGET hunspell)
find_file(POLYSEARCH_GERMAN_DICTIONARY_FILE de_DE.dic PATHS /usr/share/hunspell)
find_file(POLYSEARCH_GERMAN_WORDLIST ngerman PATHS /usr/share/dict)
if(NOT POLYSEARCH_GERMAN_DICTIONARY_FILE OR NOT POLYSEARCH_GERMAN_WORDLIST)
  message(WARNING "German compound splitting needs hunspell-de-de and wngerman "
    "(tools/install-deps.sh); without them it fails at run time with a message saying so")
  set(POLYSEARCH_GERMAN_DICTIONARY_FILE /usr/share/hunspell/de_DE.dic)
  set(POLYSEARCH_GERMAN_WORDLIST /usr/share/dict/ngerman)
endif()
string(REGEX REPLACE "\\.dic$" "" POLYSEARCH_GERMAN_DICTIONARY "${POLYSEARCH_GERMAN_DICTIONARY_FILE}")
# Header-only; the library reads and writes schemas with it (lib/schema/).
find_package(nlohmann_json 3.10 REQUIRED)
if(POLYSEARCH_BUILD_TOOLS)
  find_package(CLI11 2.1 REQUIRED)
endif()
if(POLYSEARCH_BUILD_TESTS)
  find_package(doctest 2.4 REQUIRED)
endif()
