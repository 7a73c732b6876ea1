#include "util/utf8.hpp"

#include <unicode/uchar.h>

#include <string>

#include "polysearch/error.hpp"

namespace polysearch::detail {
namespace {

// Length of a well-formed sequence starting at text[i], or 0 with `what` set and
// `bad_length` the length of the ill-formed part (the "maximal subpart", at least 1).
std::size_t sequence_length(std::string_view text, std::size_t i, const char*& what,
                            std::size_t& bad_length) noexcept {
  bad_length = 1;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    what = (lead >= 0x80 && lead <= 0xBF)   ? "unexpected continuation byte"
           : (lead == 0xC0 || lead == 0xC1) ? "overlong encoding"
                                            : "invalid byte";
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= text.size()) {
      what = "truncated sequence";
      bad_length = k;
      return 0;
    }
    const unsigned char b = byte(i + k);
    const unsigned char min = (k == 1) ? lo : 0x80;
    const unsigned char max = (k == 1) ? hi : 0xBF;
    if (b < min || b > max) {
      what = (k == 1 && b >= 0x80 && b <= 0xBF)
                 ? (lead == 0xED ? "encoded surrogate" : "overlong or out-of-range sequence")
                 : "truncated sequence";
      bad_length = k;
      return 0;
    }
  }
  return length;
}

}  // namespace

}  // namespace polysearch::detail

namespace polysearch {

std::optional<Utf8Error> find_invalid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // Fast path: eight ASCII bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t chunk = 0;
      for (std::size_t k = 0; k < 8; ++k) {
        chunk |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i + k])) << (8 * k);
      }
      if (chunk & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const char* what = nullptr;
    std::size_t bad_length = 0;
    const std::size_t length = detail::sequence_length(text, i, what, bad_length);
    if (length == 0) return Utf8Error{i, what};
    i += length;
  }
  return std::nullopt;
}

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char* what = nullptr;
    std::size_t bad_length = 0;
    const std::size_t length = detail::sequence_length(text, i, what, bad_length);
    if (length > 0) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";  // one U+FFFD per maximal subpart, as ICU and browsers do
      i += bad_length;
    }
  }
  return out;
}

std::size_t display_width(std::string_view text) {
  if (find_invalid_utf8(text)) return display_width(repair_utf8(text));
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();)
    width += detail::char_display_width(detail::decode_utf8(text, i));
  return width;
}

}  // namespace polysearch

namespace polysearch::detail {

std::size_t char_display_width(char32_t c) noexcept {
  const auto code_point = static_cast<UChar32>(c);
  if (U_GET_GC_MASK(code_point) & (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_CF_MASK)) return 0;
  const auto east_asian = u_getIntPropertyValue(code_point, UCHAR_EAST_ASIAN_WIDTH);
  return (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) ? 2 : 1;
}

void require_valid_utf8(std::string_view text, std::string_view context) {
  if (const auto problem = find_invalid_utf8(text)) {
    std::string message;
    if (!context.empty()) message.append(context).append(": ");
    message += "invalid UTF-8 (" + std::string(problem->reason) + ") at byte " +
               std::to_string(problem->offset);
    throw InputError(message, problem->offset);
  }
}

char32_t decode_utf8(std::string_view text, std::size_t& i) noexcept {
  const auto byte = [&](std::size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[k]));
  };
  const char32_t lead = byte(i);
  if (lead < 0x80) {
    i += 1;
    return lead;
  }
  if (lead < 0xE0) {
    const char32_t c = ((lead & 0x1F) << 6) | (byte(i + 1) & 0x3F);
    i += 2;
    return c;
  }
  if (lead < 0xF0) {
    const char32_t c = ((lead & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
    i += 3;
    return c;
  }
  const char32_t c = ((lead & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) |
                     ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F);
  i += 4;
  return c;
}

char32_t decode_utf8_or_replacement(std::string_view text, std::size_t& i) noexcept {
  const char* what = nullptr;
  std::size_t bad_length = 0;
  if (sequence_length(text, i, what, bad_length) == 0) {
    i += 1;
    return 0xFFFD;
  }
  return decode_utf8(text, i);
}

std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) noexcept {
  if (max_bytes >= text.size()) return text.size();
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace polysearch::detail
