#pragma once
/// @file
/// UTF-8 helpers that callers need to prepare input the way the library checks it.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "polysearch/export.hpp"

namespace polysearch {

/// Where and why a byte sequence is not well-formed UTF-8.
struct Utf8Error {
  std::size_t offset = 0;   ///< byte offset of the first bad byte
  const char* reason = "";  ///< static text, e.g. "truncated sequence", "encoded surrogate"
};

/// The first ill-formed sequence (Unicode 15, table 3-7: no overlong forms, surrogates or
/// code points above U+10FFFF), or nullopt when `text` is valid UTF-8.  The library
/// rejects such input with InputError carrying the same offset.
POLYSEARCH_API std::optional<Utf8Error> find_invalid_utf8(std::string_view text) noexcept;

/// `text` with each ill-formed sequence replaced by U+FFFD, one per maximal subpart (the
/// practice of ICU, Python and web browsers).
POLYSEARCH_API std::string repair_utf8(std::string_view text);

/// Terminal columns: East Asian wide and fullwidth characters count 2, combining marks
/// and format characters 0, others 1.  Ill-formed bytes count 1 each.
POLYSEARCH_API std::size_t display_width(std::string_view text);

}  // namespace polysearch
