#pragma once
/// @file
/// The text analyzer: the one pipeline that turns both documents and queries into terms.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/chinese.hpp"
#include "polysearch/compounds.hpp"
#include "polysearch/export.hpp"
#include "polysearch/language.hpp"

namespace polysearch {

/// One word of the input.  Offsets always point into the ORIGINAL text, whatever
/// normalization did to the word, so snippets can cut and highlight exactly.
struct Token {
  std::string term;            ///< normalized word: NFKC, case-folded, accents folded, Chinese in
                               ///< Simplified script; phrases and wildcards match this form
  std::string stem;            ///< `term` after the language's stemmer (equal to `term` where the
                               ///< language has none); plain query words match this form
  std::size_t begin = 0;       ///< byte offset of the word's first byte in the input
  std::size_t end = 0;         ///< byte offset one past the word's last byte
  std::uint32_t position = 0;  ///< word number, from 0; consecutive words differ by 1
  bool stopword = false;       ///< in the language's stop list (queries drop these)
  bool subword = false;        ///< a character bigram or unigram inside Chinese text, at its
                               ///< word's position (ChineseSegmentation::Hybrid); phrases skip it
  bool part = false;  ///< a part of the word before it, at its position: the pieces of a word
                      ///< joined by apostrophes, dots, underscores or @, or made of letters
                      ///< and digits (d'água → água, snake_case → snake, case, covid19 →
                      ///< covid, 19; AnalyzerOptions::word_parts); found like a word of its
                      ///< own, skipped by phrases
  bool compound = false;  ///< with `part`: a constituent of a compound word (German
                          ///< Fußballweltmeisterschaft → Fußball, Weltmeisterschaft, …;
                          ///< AnalyzerOptions::compounds)
};

/// A piece of text as the segmenter cut it, before normalization (Analyzer::segment).
struct Segment {
  std::size_t begin = 0;  ///< byte offset of the first byte in the input
  std::size_t end = 0;    ///< byte offset one past the last byte
  bool word = true;       ///< false for punctuation and symbols (white space is no segment)
};

/// Switches for the analysis steps, to measure what each one buys.  An index stores the
/// options it was built with, and queries on it are analyzed with the same ones.
struct AnalyzerOptions {
  bool stemming = true;         ///< Snowball stems (off: `stem` equals `term`)
  bool fold_diacritics = true;  ///< "Gründung", "Grundung" and "Gruendung" give one term;
                                ///< off: words reach Snowball as written, with no accent
                                ///< folding or per-language accent normalization, so terms
                                ///< (phrases, wildcards) keep accents; stems still lose
                                ///< those Snowball removes (German umlauts, Spanish á é í
                                ///< ó ú), so Gründung and Grundung keep one stem
  /// Apostrophes (’ ʼ ‘ ') are one character, and a word joined by them, dots,
  /// underscores or @, or made of letters and digits, is also indexed by its parts, at
  /// its position (Token::part): "água" finds "d’água", "reilly" "O'Reilly", "beispiel"
  /// "info@beispiel.de", "COVID-19" "covid19".  Parts of one letter (the d of d'água) and
  /// stop words are left out.  Indexes from before this option keep it off.
  bool word_parts = true;
  /// Compound words, in a language with a splitter (German), are followed by their
  /// constituents as parts (Token::part and Token::compound): Fußballweltmeisterschaft →
  /// Fußball, Weltmeisterschaft, Fuß, Ball, Welt, Meisterschaft.  A word whose split is in
  /// doubt (Staubecken) stays whole.  Needs Debian's hunspell-de-de and wngerman at run
  /// time (docs/GERMAN.md).  Indexes from before this option keep it off.
  bool compounds = true;
  /// Splits the user decides for compound words (`--compound-dict FILE`), applied before
  /// the splitter's own; null or empty for none.  Shared, as options are copied into every
  /// analyzer.
  std::shared_ptr<const CompoundDictionary> compound_dictionary;
  ChineseOptions chinese;  ///< how Han text is folded and cut, in every language

  /// Same settings.
  friend bool operator==(const AnalyzerOptions& a, const AnalyzerOptions& b) noexcept {
    return a.stemming == b.stemming && a.fold_diacritics == b.fold_diacritics &&
           a.word_parts == b.word_parts && a.compounds == b.compounds &&
           same_compound_dictionary(a.compound_dictionary.get(), b.compound_dictionary.get()) &&
           a.chinese == b.chinese;
  }
  /// Some setting differs.
  friend bool operator!=(const AnalyzerOptions& a, const AnalyzerOptions& b) noexcept {
    return !(a == b);
  }

 private:
  static bool same_compound_dictionary(const CompoundDictionary* a,
                                       const CompoundDictionary* b) noexcept {
    const bool a_empty = a == nullptr || a->empty();
    const bool b_empty = b == nullptr || b->empty();
    if (a_empty || b_empty) return a_empty == b_empty;
    return *a == *b;
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
  /// Moves the analyzer; the moved-from one may only be destroyed or assigned to.
  Analyzer(Analyzer&&) noexcept;
  /// Moves the analyzer; the moved-from one may only be destroyed or assigned to.
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  /// The language this analyzer was made for.
  [[nodiscard]] Language language() const noexcept;
  /// The options this analyzer was made with.
  [[nodiscard]] const AnalyzerOptions& options() const noexcept;

  /// Splits `utf8` into tokens.  Punctuation and spaces yield none; numbers are kept.
  /// @throws InputError (with the byte offset) if `utf8` is not valid UTF-8.
  [[nodiscard]] std::vector<Token> analyze(std::string_view utf8);

  /// Same, appending to `out` (cleared first) so a caller can reuse its buffer.
  void analyze(std::string_view utf8, std::vector<Token>& out);

  /// Cuts `utf8` into words and punctuation as analyze() does, without normalizing:
  /// each Han word is one segment in Words mode (the user dictionary applied), and so
  /// in every mode, since bigrams are derived from these words.  White space yields
  /// no segment.
  /// @throws InputError (with the byte offset) if `utf8` is not valid UTF-8.
  [[nodiscard]] std::vector<Segment> segment(std::string_view utf8);

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
