#pragma once
// Chinese script folding: Traditional → Simplified before word breaking, so that the same
// sentence in either script is cut into the same words and yields the same terms.

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace polysearch::detail {

bool is_han(UChar32 c) noexcept;

class HanScriptFolder {
 public:
  HanScriptFolder();
  ~HanScriptFolder();
  HanScriptFolder(HanScriptFolder&&) noexcept;
  HanScriptFolder& operator=(HanScriptFolder&&) noexcept;

  // Rewrites every run of Han characters in `text` with ICU's "Traditional-Simplified"
  // transform.  `offsets[i]` is the source byte offset of UTF-16 unit i (with one extra
  // entry for the end); it is kept in step, so every output unit still points at the
  // character it came from.
  void fold(icu::UnicodeString& text, std::vector<std::uint32_t>& offsets);

 private:
  // Rebuilds text and offsets character by character; used for the rare run whose
  // transform changed its length.
  void fold_per_character(icu::UnicodeString& text, std::vector<std::uint32_t>& offsets,
                          int32_t begin, int32_t end);

  std::unique_ptr<icu::Transliterator> transliterator_;
};

}  // namespace polysearch::detail
