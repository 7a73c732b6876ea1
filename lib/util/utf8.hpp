#pragma once
// UTF-8 validation and decoding.  ICU accepts ill-formed UTF-8 silently (it substitutes
// U+FFFD), so input is checked here first and rejected with a byte offset.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace polysearch::detail {

struct Utf8Problem {
  std::size_t offset;  // byte offset of the first bad byte
  const char* what;    // e.g. "truncated sequence"
};

// Checks well-formedness per the Unicode standard (no overlong forms, no surrogates, no
// code points above U+10FFFF).  Returns the first problem, or nullopt if valid.
std::optional<Utf8Problem> find_invalid_utf8(std::string_view text) noexcept;

// Throws InputError("invalid UTF-8 (<what>) at byte N") if `text` is not valid UTF-8;
// `context` (e.g. "document 'x'") prefixes the message when not empty.
void require_valid_utf8(std::string_view text, std::string_view context = {});

// Replaces each ill-formed sequence with U+FFFD (the "maximal subpart" practice).
std::string repair_utf8(std::string_view text);

// Decodes the code point starting at text[i] of valid UTF-8 and advances i past it.
char32_t decode_utf8(std::string_view text, std::size_t& i) noexcept;

// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t c);

// Largest prefix length <= max_bytes that ends on a character boundary.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) noexcept;

inline bool is_ascii(std::string_view text) noexcept {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace polysearch::detail
