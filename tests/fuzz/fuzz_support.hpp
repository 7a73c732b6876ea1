#pragma once
// Shared by the fuzz targets in tests/fuzz/.  Each target defines LLVMFuzzerTestOneInput
// (and, when it needs set-up, LLVMFuzzerInitialize).  Built with -DPOLYSEARCH_FUZZ=ON the
// targets link libFuzzer's main; otherwise replay_main.cpp drives them over a directory of
// inputs, so that every input ever found to crash is replayed by the ordinary test suite.
//
// A target must crash (abort) on every bug and on nothing else: expected errors, such as
// InputError for invalid UTF-8, are caught and checked; anything else escapes and ends the
// process through std::terminate, which libFuzzer reports as a crash.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

// Like assert(), but on in every build type, and it says what failed.
#define POLYSEARCH_FUZZ_CHECK(condition)                                                 \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)

namespace polysearch::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return size == 0 ? std::string_view()
                   : std::string_view(reinterpret_cast<const char*>(data), size);
}

inline bool is_valid_utf8(std::string_view text) { return !find_invalid_utf8(text).has_value(); }

// Whether `offset` is a character boundary of `text` (or its end).
inline bool on_boundary(std::string_view text, std::size_t offset) {
  return offset == text.size() ||
         (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0u) != 0x80u);
}

// The invariants of tests/support/test_support.cpp check_token_invariants (the doctest
// version reports through CHECK; this one aborts).
inline void check_tokens(std::string_view text, const std::vector<Token>& tokens) {
  std::size_t previous_begin = 0;
  std::size_t word_end = 0;  // end of the last token that is neither sub-word nor part
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const bool shares_position = t.subword || t.part;
    POLYSEARCH_FUZZ_CHECK(t.begin < t.end);
    POLYSEARCH_FUZZ_CHECK(t.end <= text.size());
    POLYSEARCH_FUZZ_CHECK(t.begin >= previous_begin);
    POLYSEARCH_FUZZ_CHECK(on_boundary(text, t.begin));
    POLYSEARCH_FUZZ_CHECK(on_boundary(text, t.end));
    POLYSEARCH_FUZZ_CHECK(!(t.subword && t.part));
    if (i == 0) POLYSEARCH_FUZZ_CHECK(!shares_position);
    if (i > 0 && shares_position) POLYSEARCH_FUZZ_CHECK(t.position == tokens[i - 1].position);
    if (i > 0 && !shares_position) POLYSEARCH_FUZZ_CHECK(t.position > tokens[i - 1].position);
    if (t.part) POLYSEARCH_FUZZ_CHECK(t.end <= word_end);
    if (!shares_position) word_end = t.end;
    POLYSEARCH_FUZZ_CHECK(!t.term.empty());
    POLYSEARCH_FUZZ_CHECK(!t.stem.empty());
    POLYSEARCH_FUZZ_CHECK(t.term.size() <= kMaxTermBytes);
    POLYSEARCH_FUZZ_CHECK(is_valid_utf8(t.term));
    POLYSEARCH_FUZZ_CHECK(is_valid_utf8(t.stem));
    previous_begin = t.begin;
  }
}

}  // namespace polysearch::fuzz
