#pragma once
/// @file
/// Chinese analysis settings: how Han text is folded and segmented, and the user
/// dictionary of words the segmenter keeps whole.  Han text is analyzed as Chinese in
/// every language's analyzer, so these settings apply to all of them.

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "polysearch/export.hpp"

namespace polysearch {

/// How Han text is cut into terms.
enum class ChineseSegmentation {
  Words,    ///< ICU's dictionary words (after Traditional→Simplified folding)
  Bigrams,  ///< overlapping character bigrams over each run of Han characters (a lone
            ///< character stays a unigram), as Lucene's CJKBigramFilter does
  Hybrid,   ///< the words, plus the character bigrams of each Han run at the
            ///< positions of the words they start in: those inside a word
            ///< (清华大学 also gives 清华, 华大, 大学) and those across word
            ///< boundaries (清华大学|的 also gives 学的), so a sub-word or a query
            ///< cut differently still matches, while phrases match the words
};

/// "words", "bigrams" or "hybrid".
[[nodiscard]] POLYSEARCH_API const char* to_string(ChineseSegmentation segmentation) noexcept;

/// Parses "words", "bigrams" or "hybrid".  @throws InvalidArgument for anything else.
[[nodiscard]] POLYSEARCH_API ChineseSegmentation parse_chinese_segmentation(std::string_view name);

/// Words the Chinese segmenter keeps whole: names and domain terms its own dictionary
/// does not know (新智元, 深度學習).  Words are matched after the same script folding as
/// the text, so with ChineseOptions::fold_script (the default) one entry serves
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

/// How Han text is folded and cut into terms (AnalyzerOptions::chinese).
struct ChineseOptions {
  bool fold_script = true;  ///< Traditional Han folded to Simplified before segmentation,
                            ///< so either script gives the same terms
  /// With fold_script, also fold the Han variants ICU's transform leaves alone
  /// (牠 → 它, 閤 → 合, Japanese 様 → 样); indexes from before this option keep it off.
  bool fold_variants = true;
  /// Hybrid by default: better nDCG@10 than words or bigrams alone on both Chinese test
  /// collections (docs/CHINESE.md), for an index 1.7 times the size of words only.
  ChineseSegmentation segmentation = ChineseSegmentation::Hybrid;
  /// In Hybrid segmentation, also index every Han character on its own (a sub-word at its
  /// word's position), so that a one-character query (学, 王, 書) finds the words that
  /// contain it; longer queries match words and bigrams only.  Indexes from before this
  /// option keep it off.
  bool unigrams = true;
  /// Words the segmenter keeps whole; null or empty for none.  Shared, because options
  /// are copied into every analyzer.
  std::shared_ptr<const UserDictionary> dictionary;

  /// Same settings; a null and an empty dictionary count as equal.
  friend bool operator==(const ChineseOptions& a, const ChineseOptions& b) noexcept {
    return a.fold_script == b.fold_script && a.fold_variants == b.fold_variants &&
           a.segmentation == b.segmentation && a.unigrams == b.unigrams &&
           same_dictionary(a.dictionary.get(), b.dictionary.get());
  }
  /// Some setting differs.
  friend bool operator!=(const ChineseOptions& a, const ChineseOptions& b) noexcept {
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

}  // namespace polysearch
