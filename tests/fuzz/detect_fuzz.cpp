// Fuzz target: language detection and the public UTF-8 helpers (polysearch/text.hpp).
//
// Input: a text (any bytes).
//
// Checked: detect_language rejects invalid UTF-8 with InputError at the first bad byte and
// otherwise returns an analyzable language (never Unknown with the default fallback) and a
// confidence in [0, 1]; repair_utf8 returns valid UTF-8, and valid text unchanged;
// display_width does not crash.
#include "fuzz_support.hpp"
#include "polysearch/error.hpp"
#include "polysearch/language.hpp"

namespace {

void check_guess(const polysearch::LanguageGuess& guess) {
  POLYSEARCH_FUZZ_CHECK(guess.language != polysearch::Language::Unknown);
  POLYSEARCH_FUZZ_CHECK(guess.confidence >= 0.0 && guess.confidence <= 1.0);
  POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::is_valid_utf8(guess.detected));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = polysearch::fuzz::as_text(data, size);
  const auto invalid = polysearch::find_invalid_utf8(text);
  const std::string repaired = polysearch::repair_utf8(text);
  POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::is_valid_utf8(repaired));
  if (!invalid) POLYSEARCH_FUZZ_CHECK(repaired == text);
  (void)polysearch::display_width(repaired);
  try {
    check_guess(polysearch::detect_language(text));
    POLYSEARCH_FUZZ_CHECK(!invalid);
  } catch (const polysearch::InputError& error) {
    POLYSEARCH_FUZZ_CHECK(invalid && error.byte_offset() == invalid->offset);
    check_guess(polysearch::detect_language(repaired));
  }
  return 0;
}
