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
  bool subword = false;  ///< a character bigram inside a longer Chinese word, at that
                         ///< word's position (ChineseSegmentation::Hybrid); phrases skip it
};

/// A piece of text as the segmenter cut it, before normalization (Analyzer::segment).
struct Segment {
  std::size_t begin = 0;  ///< byte offset of the first byte in the input
  std::size_t end = 0;    ///< byte offset one past the last byte
  bool word = true;       ///< false for punctuation and symbols (white space is no segment)
};

/// How Han text is cut into terms.
enum class ChineseSegmentation {
  Words,    ///< ICU's dictionary words (after Traditional→Simplified folding)
  Bigrams,  ///< overlapping character bigrams over each run of Han characters (a lone
            ///< character stays a unigram), as Lucene's CJKBigramFilter does
  Hybrid,   ///< the words, plus sub-word bigrams at each word's position: the bigrams
            ///< inside every word of three or more characters (清华大学 also gives 清华,
            ///< 华大, 大学) and across two adjacent one-character words (新|智|元 also
            ///< gives 新智, 智元), so a sub-word or a query cut differently still
            ///< matches, while phrases match the words
};

/// "words", "bigrams" or "hybrid".
[[nodiscard]] POLYSEARCH_API const char* to_string(ChineseSegmentation segmentation) noexcept;

/// Parses "words", "bigrams" or "hybrid".  @throws InvalidArgument for anything else.
[[nodiscard]] POLYSEARCH_API ChineseSegmentation parse_chinese_segmentation(std::string_view name);

/// Words the Chinese segmenter keeps whole: names and domain terms its own dictionary
/// does not know (新智元, 深度學習).  Words are matched after the same script folding as
/// the text, so with AnalyzerOptions::fold_chinese_script (the default) one entry serves
/// text in either script.  Inside a run of Han text the segmenter covers as
/// many characters as it can with these words (the longest words on a tie, then the
/// highest total frequency) and cuts the rest as it would without them.
class POLYSEARCH_API UserDictionary {
 public:
  /// Longest word accepted, in characters.
  static constexpr std::size_t kMaxWordLength = 32;

  /// Reads one word a line, optionally followed by white space and a frequency (a
  /// positive number, default 1); blank lines and lines starting with '#' are skipped.
  /// @throws InputError naming `file:line` for a malformed line or an unreadable file.
  [[nodiscard]] static UserDictionary read(const std::filesystem::path& path);

  /// Same, from text; `source` names it in error messages.
  [[nodiscard]] static UserDictionary parse(std::string_view text,
                                            std::string_view source = "dictionary");

  /// Adds a word of 2 to kMaxWordLength Han characters; adding it again keeps the
  /// higher frequency.
  /// @throws InvalidArgument for any other word or a frequency that is not positive.
  void add(std::string_view word, double frequency = 1.0);

  /// Number of words.
  [[nodiscard]] std::size_t size() const noexcept { return words_.size(); }
  /// Whether there is no word.
  [[nodiscard]] bool empty() const noexcept { return words_.empty(); }

  /// Word (NFKC, case-folded) → frequency.
  [[nodiscard]] const std::map<std::string, double>& words() const noexcept { return words_; }

  /// Same words with the same frequencies.
  friend bool operator==(const UserDictionary& a, const UserDictionary& b) noexcept {
    return a.words_ == b.words_;
  }
  /// Not the same words or frequencies.
  friend bool operator!=(const UserDictionary& a, const UserDictionary& b) noexcept {
    return !(a == b);
  }

 private:
  std::map<std::string, double> words_;
};

/// Switches for the analysis steps, to measure what each one buys.  An index stores the
/// options it was built with, and queries on it are analyzed with the same ones.
struct AnalyzerOptions {
  bool stemming = true;         ///< Snowball stems (off: `stem` equals `term`)
  bool fold_diacritics = true;  ///< "Gründung", "Grundung" and "Gruendung" give one term;
                                ///< off: words reach Snowball as written, with no accent
                                ///< folding or per-language accent normalization
  bool fold_chinese_script = true;  ///< Traditional Han folded to Simplified before
                                    ///< segmentation, so either script gives the same terms
  /// With fold_chinese_script, also fold the Han variants ICU's transform leaves alone
  /// (牠 → 它, 閤 → 合, Japanese 様 → 样); indexes from before this option keep it off.
  bool fold_chinese_variants = true;
  /// Hybrid by default: better nDCG@10 than words or bigrams alone on both Chinese test
  /// collections (docs/CHINESE.md), for an index 1.7 times the size of words only.
  ChineseSegmentation chinese = ChineseSegmentation::Hybrid;
  /// Words the Chinese segmenter keeps whole; null or empty for none.  Shared, because
  /// options are copied into every analyzer.
  std::shared_ptr<const UserDictionary> dictionary;

  /// Same settings; a null and an empty dictionary count as equal.
  friend bool operator==(const AnalyzerOptions& a, const AnalyzerOptions& b) noexcept {
    return a.stemming == b.stemming && a.fold_diacritics == b.fold_diacritics &&
           a.fold_chinese_script == b.fold_chinese_script &&
           a.fold_chinese_variants == b.fold_chinese_variants && a.chinese == b.chinese &&
           same_dictionary(a.dictionary.get(), b.dictionary.get());
  }
  /// Some setting differs.
  friend bool operator!=(const AnalyzerOptions& a, const AnalyzerOptions& b) noexcept {
    return !(a == b);
  }

 private:
  static bool same_dictionary(const UserDictionary* a, const UserDictionary* b) noexcept {
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
