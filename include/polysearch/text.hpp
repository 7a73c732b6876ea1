#pragma once
/// @file
/// UTF-8 helpers that callers need to prepare input the way the library checks it, and
/// conversion of text in other encodings to UTF-8.

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

/// `bytes` in `encoding` converted to UTF-8, with ICU's converters.  `encoding` is an ICU
/// converter name or alias, matched ignoring case and punctuation: "ISO-8859-1" (also
/// "latin1"), "windows-1252" ("cp1252"), "GB18030", "Big5", "UTF-16" and the others ICU
/// knows.  Byte order marks are kept (as U+FEFF), except those an encoding consumes
/// itself (UTF-16's).  ISO-8859-1 and windows-1252 take any byte (windows-1252's five
/// unassigned ones become C1 controls, as in web browsers); multi-byte encodings refuse
/// sequences they cannot have, such as a GB18030 lead byte without its trail byte.
/// @throws InvalidArgument for an empty or unknown encoding name;
///         InputError("invalid GB18030 (illegal sequence 81) at byte 4") for bytes the
///         encoding cannot have, whose byte_offset() is that of the first such byte.
POLYSEARCH_API std::string to_utf8(std::string_view bytes, std::string_view encoding);

/// Terminal columns: East Asian wide and fullwidth characters count 2, combining marks
/// and format characters 0, others 1.  Ill-formed bytes count 1 each.
POLYSEARCH_API std::size_t display_width(std::string_view text);

}  // namespace polysearch
