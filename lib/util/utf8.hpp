#pragma once
// UTF-8 validation and decoding.  ICU accepts ill-formed UTF-8 silently (it substitutes
// U+FFFD), so input is checked here first and rejected with a byte offset.  The public
// part (find_invalid_utf8, repair_utf8, display_width) is in polysearch/text.hpp.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "polysearch/text.hpp"

namespace polysearch::detail {

// Throws InputError("invalid UTF-8 (<what>) at byte N") if `text` is not valid UTF-8;
// `context` (e.g. "document 'x'") prefixes the message when not empty.
void require_valid_utf8(std::string_view text, std::string_view context = {});

// Decodes the code point starting at text[i] and advances i past it.  `text` must be
// valid UTF-8: nothing is checked, so call it only on validated text.
char32_t decode_utf8(std::string_view text, std::size_t& i) noexcept;

// decode_utf8 for text that may be ill-formed (i < text.size()): a byte that does not
// start a well-formed sequence decodes as U+FFFD and advances i by one, so a scan always
// moves forward and never reads past the end.
char32_t decode_utf8_or_replacement(std::string_view text, std::size_t& i) noexcept;

// Terminal columns of one character (see polysearch::display_width).
std::size_t char_display_width(char32_t c) noexcept;

// Largest prefix length <= max_bytes that ends on a character boundary.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) noexcept;

inline bool is_ascii(std::string_view text) noexcept {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace polysearch::detail
