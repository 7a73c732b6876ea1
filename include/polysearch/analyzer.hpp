#pragma once
/// @file
/// The text analyzer: the one pipeline that turns both documents and queries into terms.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/export.hpp"
#include "polysearch/language.hpp"

namespace polysearch {

/// One word of the input.  Offsets always point into the ORIGINAL text, whatever
/// normalization did to the word, so snippets can cut and highlight exactly.
struct Token {
  std::string term;  ///< normalized word: NFKC, case-folded, accents folded, Chinese in
                     ///< Simplified script; phrases and wildcards match this form
  std::string stem;  ///< `term` after the language's stemmer (equal to `term` where the
                     ///< language has none); plain query words match this form
  std::size_t begin = 0;       ///< byte offset of the word's first byte in the input
  std::size_t end = 0;         ///< byte offset one past the word's last byte
  std::uint32_t position = 0;  ///< word number, from 0; consecutive words differ by 1
  bool stopword = false;       ///< in the language's stop list (queries drop these)
};

/// How Han text is cut into terms.
enum class ChineseSegmentation {
  Words,    ///< ICU's dictionary words (after Traditional→Simplified folding)
  Bigrams,  ///< overlapping character bigrams over each run of Han characters (a lone
            ///< character stays a unigram), as Lucene's CJKBigramFilter does
};

/// "words" or "bigrams".
[[nodiscard]] POLYSEARCH_API const char* to_string(ChineseSegmentation segmentation) noexcept;

/// Parses "words" or "bigrams".  @throws InvalidArgument for anything else.
[[nodiscard]] POLYSEARCH_API ChineseSegmentation parse_chinese_segmentation(std::string_view name);

/// Switches for the analysis steps, to measure what each one buys.  An index stores the
/// options it was built with, and queries on it are analyzed with the same ones.
struct AnalyzerOptions {
  bool stemming = true;         ///< Snowball stems (off: `stem` equals `term`)
  bool fold_diacritics = true;  ///< "Gründung", "Grundung" and "Gruendung" give one term;
                                ///< off: words reach Snowball as written, with no accent
                                ///< folding or per-language accent normalization
  bool fold_chinese_script = true;  ///< Traditional Han folded to Simplified before
                                    ///< segmentation, so either script gives the same terms
  ChineseSegmentation chinese = ChineseSegmentation::Words;

  friend bool operator==(const AnalyzerOptions& a, const AnalyzerOptions& b) noexcept {
    return a.stemming == b.stemming && a.fold_diacritics == b.fold_diacritics &&
           a.fold_chinese_script == b.fold_chinese_script && a.chinese == b.chinese;
  }
  friend bool operator!=(const AnalyzerOptions& a, const AnalyzerOptions& b) noexcept {
    return !(a == b);
  }
};

/// Longest term kept, in bytes; longer words are dropped (their position is still
/// counted).  Xapian's own limit is 245 bytes for a term with its prefix.
inline constexpr std::size_t kMaxTermBytes = 120;

/// Analyzes text in one language: NFKC + full case folding, ICU word boundaries,
/// Han runs folded to Simplified and segmented with ICU's dictionary, accent folding,
/// then the language's Snowball stemmer.  Han text is analyzed as Chinese whatever the
/// analyzer's language, and Latin words inside Chinese text are case- and accent-folded.
///
/// Not thread-safe: it reuses ICU objects and buffers between calls.  Give each
/// thread its own Analyzer; moving one is cheap.
class POLYSEARCH_API Analyzer {
 public:
  /// @throws InvalidArgument for Language::Unknown (detect the language first).
  explicit Analyzer(Language language, AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  [[nodiscard]] Language language() const noexcept;
  [[nodiscard]] const AnalyzerOptions& options() const noexcept;

  /// Splits `utf8` into tokens.  Punctuation and spaces yield none; numbers are kept.
  /// @throws InputError (with the byte offset) if `utf8` is not valid UTF-8.
  [[nodiscard]] std::vector<Token> analyze(std::string_view utf8);

  /// Same, appending to `out` (cleared first) so a caller can reuse its buffer.
  void analyze(std::string_view utf8, std::vector<Token>& out);

  /// The `term` form of a word fragment without segmentation or stemming, as used for
  /// wildcard prefixes: "Gründ" → "grund", "FUNDACIÓ" → "fundacio", "告別" → "告别".
  [[nodiscard]] std::string normalize(std::string_view utf8);

  /// Whether a normalized term is one of this language's stop words.
  [[nodiscard]] bool is_stopword(std::string_view term) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polysearch
