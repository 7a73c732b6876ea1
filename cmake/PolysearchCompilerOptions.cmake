# Warnings and sanitizers live on private INTERFACE targets that only our own targets link,
# so nothing here leaks into a consumer's build (fmt and simdjson do the same).

add_library(polysearch_warnings INTERFACE)
target_compile_options(polysearch_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wold-style-cast
  -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough
  # -Wnull-dereference is left out: GCC 12 reports false positives inside libstdc++.
  $<$<BOOL:${POLYSEARCH_WERROR}>:-Werror>)

add_library(polysearch_sanitizers INTERFACE)
if(POLYSEARCH_SANITIZE)
  # -fno-sanitize-recover makes every UBSan report fail the test that triggered it.
  set(_polysearch_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(polysearch_sanitizers INTERFACE ${_polysearch_san})
  target_link_options(polysearch_sanitizers INTERFACE ${_polysearch_san})
endif()
