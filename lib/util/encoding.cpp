// Conversion of text in other encodings to UTF-8, with ICU's converters (ucnv).
#include <unicode/ucnv.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "polysearch/error.hpp"
#include "polysearch/text.hpp"
#include "util/icu_status.hpp"

namespace polysearch {
namespace {

using ConverterPtr = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

// A converter for `encoding` that stops at the first byte sequence it cannot convert.
ConverterPtr open_converter(std::string_view encoding) {
  const std::string name(encoding);
  // ucnv_open("") would give the platform's default converter, not an error.
  if (name.empty() || name.find('\0') != std::string::npos) {
    throw InvalidArgument("unknown encoding '" + name + "'");
  }
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(name.c_str(), &status), &ucnv_close);
  if (U_FAILURE(status) || !converter) {
    throw InvalidArgument("unknown encoding '" + name +
                          "' (expected an ICU converter name such as ISO-8859-1, windows-1252, "
                          "GB18030 or Big5)");
  }
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  detail::check_icu(status, "ucnv_setToUCallBack");
  return converter;
}

// Appends UTF-16 code units, which hold whole surrogate pairs, as UTF-8.
void append_utf8(std::string& out, const UChar* units, int32_t length) {
  char bytes[U8_MAX_LENGTH];
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U16_NEXT(units, i, length, c);
    if (U_IS_SURROGATE(c)) c = 0xFFFD;  // unpaired: converters do not give one
    int32_t size = 0;
    U8_APPEND_UNSAFE(bytes, size, c);
    out.append(bytes, static_cast<std::size_t>(size));
  }
}

// "invalid Big5 (unmapped sequence C8 7F) at byte 12".
[[noreturn]] void throw_conversion_error(UConverter* converter, std::string_view encoding,
                                         UErrorCode failure, std::size_t consumed) {
  char invalid[32];
  int8_t length = sizeof invalid;
  UErrorCode status = U_ZERO_ERROR;
  ucnv_getInvalidChars(converter, invalid, &length, &status);
  if (U_FAILURE(status)) length = 0;
  const std::size_t offset = consumed - std::min<std::size_t>(consumed, length);
  std::string sequence;
  for (int8_t i = 0; i < length; ++i) {
    char hex[4];
    std::snprintf(hex, sizeof hex, "%s%02X", i == 0 ? "" : " ",
                  static_cast<unsigned>(static_cast<unsigned char>(invalid[i])));
    sequence += hex;
  }
  const char* what = failure == U_TRUNCATED_CHAR_FOUND ? "truncated sequence"
                     : failure == U_INVALID_CHAR_FOUND ? "unmapped sequence"
                                                       : "illegal sequence";
  throw InputError("invalid " + std::string(encoding) + " (" + what +
                       (sequence.empty() ? std::string() : " " + sequence) + ") at byte " +
                       std::to_string(offset),
                   offset);
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view encoding) {
  const ConverterPtr converter = open_converter(encoding);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  const char* const begin = bytes.data();
  const char* source = begin;
  const char* const source_end = begin + bytes.size();
  constexpr int32_t kUnits = 4096;
  UChar units[kUnits];
  int32_t carried = 0;  // a lead surrogate left from the last chunk
  for (;;) {
    UChar* target = units + carried;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, units + kUnits, &source, source_end, nullptr, true,
                   &status);
    const bool more = status == U_BUFFER_OVERFLOW_ERROR;
    if (U_FAILURE(status) && !more) {
      if (status == U_ILLEGAL_CHAR_FOUND || status == U_INVALID_CHAR_FOUND ||
          status == U_TRUNCATED_CHAR_FOUND) {
        throw_conversion_error(converter.get(), encoding, status,
                               static_cast<std::size_t>(source - begin));
      }
      detail::check_icu(status, "ucnv_toUnicode");
    }
    auto length = static_cast<int32_t>(target - units);
    carried = more && length > 0 && U16_IS_LEAD(units[length - 1]) ? 1 : 0;
    append_utf8(out, units, length - carried);
    if (carried != 0) units[0] = units[length - 1];
    if (!more) break;
  }
  return out;
}

}  // namespace polysearch
