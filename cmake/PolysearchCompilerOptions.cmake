# Warnings and sanitizers live on private INTERFACE targets that only our own targets link,
# so nothing here leaks into a consumer's build (fmt and simdjson do the same).

add_library(polysearch_warnings INTERFACE)
target_compile_options(polysearch_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wold-style-cast
  -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough
  # -Wnull-dereference is left out: GCC 12 reports false positives inside libstdc++.
  $<$<BOOL:${POLYSEARCH_WERROR}>:-Werror>)

add_library(polysearch_sanitizers INTERFACE)
if(POLYSEARCH_FUZZ)
  # libFuzzer is clang's; say so before a confusing link error.
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "POLYSEARCH_FUZZ=ON needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}: "
                        "configure a fresh build directory with CXX=clang++ (tools/fuzz.sh does)")
  endif()
  # Everything we compile gets libFuzzer's coverage instrumentation and the sanitizers; only
  # the fuzz targets link libFuzzer itself (-fsanitize=fuzzer, tests/fuzz/CMakeLists.txt).
  set(_polysearch_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(polysearch_sanitizers INTERFACE -fsanitize=fuzzer-no-link ${_polysearch_san})
  target_link_options(polysearch_sanitizers INTERFACE ${_polysearch_san})
elseif(POLYSEARCH_SANITIZE)
  # -fno-sanitize-recover makes every UBSan report fail the test that triggered it.
  set(_polysearch_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(polysearch_sanitizers INTERFACE ${_polysearch_san})
  target_link_options(polysearch_sanitizers INTERFACE ${_polysearch_san})
  # Executables are linked without PIE: UBSan's per-check data (54 MB at -O0) then needs
  # no load-time relocation, and a sanitized 'polysearch --version' starts in 0.15 s, not
  # 0.33 s, which the CLI scripts and one-process-per-case tests pay thousands of times.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_link_options(polysearch_sanitizers INTERFACE
      $<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:-no-pie>)
  endif()
endif()
