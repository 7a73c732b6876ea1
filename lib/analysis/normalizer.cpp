#include "analysis/normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "util/icu_status.hpp"
#include "util/utf8.hpp"

namespace polysearch::detail {
namespace {

// ICU's normalizer singletons are immutable and safe to share between threads.
const icu::Normalizer2& nfkc_cf() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    check_icu(status, "Normalizer2::getNFKCCasefoldInstance");
    return n;
  }();
  return *instance;
}

const icu::Normalizer2& nfd() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    check_icu(status, "Normalizer2::getNFDInstance");
    return n;
  }();
  return *instance;
}

const icu::Normalizer2& nfc() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    check_icu(status, "Normalizer2::getNFCInstance");
    return n;
  }();
  return *instance;
}

// Latin letters with diacritics and the combining marks: the only code points
// fold_diacritics() changes.  Han, for one, is left alone without any ICU call.
bool has_latin_diacritic_candidates(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t c = decode_utf8(utf8, i);
    if ((c >= 0x00C0 && c <= 0x036F) || (c >= 0x1E00 && c <= 0x1EFF)) return true;
  }
  return false;
}

bool is_ascii_range(const icu::UnicodeString& text, int32_t begin, int32_t end) {
  const char16_t* buffer = text.getBuffer();
  for (int32_t i = begin; i < end; ++i) {
    if (buffer[i] >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string nfkc_casefold(const icu::UnicodeString& text, int32_t begin, int32_t end) {
  std::string out;
  if (is_ascii_range(text, begin, end)) {
    // ASCII is already NFKC; case folding is just lowering.
    const char16_t* buffer = text.getBuffer();
    out.reserve(static_cast<std::size_t>(end - begin));
    for (int32_t i = begin; i < end; ++i) {
      char c = static_cast<char>(buffer[i]);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      out += c;
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString folded =
      nfkc_cf().normalize(text.tempSubStringBetween(begin, end), status);
  check_icu(status, "Normalizer2::normalize(nfkc_cf)");
  folded.toUTF8String(out);
  return out;
}

std::string nfkc_casefold(std::string_view utf8) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return nfkc_casefold(text, 0, text.length());
}

void fold_apostrophes(std::string& utf8) {
  // U+2018 and U+2019 are E2 80 98/99; U+02BC is CA BC.
  if (utf8.find('\xE2') == std::string::npos && utf8.find('\xCA') == std::string::npos) return;
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (utf8.compare(i, 3, "\u2019") == 0 || utf8.compare(i, 3, "\u2018") == 0) {
      out += '\'';
      i += 2;
    } else if (utf8.compare(i, 2, "\u02BC") == 0) {
      out += '\'';
      i += 1;
    } else {
      out += utf8[i];
    }
  }
  utf8 = std::move(out);
}

std::string fold_diacritics(std::string_view utf8) {
  if (is_ascii(utf8) || !has_latin_diacritic_candidates(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed =
      nfd().normalize(icu::UnicodeString::fromUTF8(
                          icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))),
                      status);
  check_icu(status, "Normalizer2::normalize(nfd)");
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
    i += U16_LENGTH(c);
  }
  // Recompose what is left (Hangul, for one, decomposes without marks).
  const icu::UnicodeString recomposed = nfc().normalize(stripped, status);
  check_icu(status, "Normalizer2::normalize(nfc)");
  std::string out;
  recomposed.toUTF8String(out);
  return out;
}

}  // namespace polysearch::detail
