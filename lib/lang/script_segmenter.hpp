#pragma once
// How a language that owns a script (LanguageProfile::script; Han: Chinese) cuts the runs
// of that script into terms, whatever the language of the text around them.  The analyzer
// owns the text and its word breaks; a segmenter folds the text before word breaking,
// re-cuts its runs, and says which spans of a run become tokens at which positions.
// charabia's segmenter map, keyed by (Script, Language), is the model.

#include <unicode/ubrk.h>
#include <unicode/unistr.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace polysearch::detail {

// One word or punctuation mark as the word breaker cut the text, in UTF-16 units of the
// analyzer's text, with ICU's rule status (UBRK_WORD_*).
struct Piece {
  int32_t begin;
  int32_t end;
  int32_t rule_status;
  [[nodiscard]] bool word() const {
    return rule_status >= UBRK_WORD_NONE_LIMIT;
  }  // not punctuation
};

// A span of the text that becomes a token, at a word position.  A subword (Token::subword)
// belongs to the word before it at the same position, and is dropped when that word is.
struct Cut {
  int32_t begin;
  int32_t end;
  std::uint32_t position;
  bool subword = false;
};

class ScriptSegmenter {
 public:
  virtual ~ScriptSegmenter() = default;

  // Whether a piece is in this segmenter's script.
  [[nodiscard]] virtual bool takes(const Piece& piece) const = 0;

  // Rewrites the whole text before word breaking (Chinese: Traditional → Simplified), unit
  // for unit or with `offsets` (the source byte offset of each unit, plus one for the end)
  // kept in step.
  virtual void fold(icu::UnicodeString& text, std::vector<std::uint32_t>& offsets) = 0;

  // Re-cuts pieces[first..], a run of adjacent pieces this segmenter takes.
  virtual void recut(const icu::UnicodeString& text, std::vector<Piece>& pieces,
                     std::size_t first) = 0;

  // The tokens of the run run[0..count), a run of adjacent words this segmenter takes, from
  // word position `position` on; advances `position` past the run.
  virtual void cut(const icu::UnicodeString& text, const Piece* run, std::size_t count,
                   std::uint32_t& position, std::vector<Cut>& out) const = 0;
};

}  // namespace polysearch::detail
