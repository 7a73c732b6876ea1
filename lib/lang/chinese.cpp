// Chinese: no stemmer, no stop list; detected by its script, and the owner of Han text in
// every language.  Han runs are folded to Simplified (chinese_script.cpp), cut into words
// by ICU's dictionary, re-cut with the user dictionary (dictionary_segmenter.cpp), and
// indexed as words, character bigrams or both (ChineseSegmentation).
#include <unicode/ubrk.h>

#include <algorithm>
#include <optional>
#include <string>

#include "lang/chinese_script.hpp"
#include "lang/dictionary_segmenter.hpp"
#include "lang/profile.hpp"
#include "lang/script_segmenter.hpp"
#include "polysearch/error.hpp"

namespace polysearch {
namespace detail {
namespace {

class HanSegmenter final : public ScriptSegmenter {
 public:
  explicit HanSegmenter(const ChineseOptions& options)
      : options_(options), folder_(options.fold_variants) {
    if (options.dictionary && !options.dictionary->empty()) {
      dictionary_.emplace(*options.dictionary, options.fold_script, options.fold_variants);
    }
  }

  // ICU's word break marks Han words ideographic (and gives them its dictionary's cuts).
  [[nodiscard]] bool takes(const Piece& piece) const override {
    return piece.rule_status >= UBRK_WORD_IDEO && piece.rule_status < UBRK_WORD_IDEO_LIMIT;
  }

  void fold(icu::UnicodeString& text, std::vector<std::uint32_t>& offsets) override {
    if (options_.fold_script) folder_.fold(text, offsets);
  }

  // The user dictionary's choice of words is kept whole: ICU's boundaries inside a chosen
  // word go, the word's edges are added.
  void recut(const icu::UnicodeString& text, std::vector<Piece>& pieces,
             std::size_t first) override {
    if (!dictionary_ || first >= pieces.size()) return;
    const int32_t end = pieces.back().end;
    const int32_t status = pieces[first].rule_status;
    dictionary_->choose(text, pieces[first].begin, end, chosen_);
    if (chosen_.empty()) return;
    boundaries_.clear();
    std::size_t next = 0;  // first chosen word that ends after the boundary
    for (std::size_t i = first; i < pieces.size(); ++i) {
      const int32_t boundary = pieces[i].begin;
      while (next < chosen_.size() && chosen_[next].second <= boundary) ++next;
      if (next == chosen_.size() || boundary <= chosen_[next].first) {
        boundaries_.push_back(boundary);
      }
    }
    for (const auto& [word_begin, word_end] : chosen_) {
      boundaries_.push_back(word_begin);
      boundaries_.push_back(word_end);
    }
    boundaries_.push_back(end);
    std::sort(boundaries_.begin(), boundaries_.end());
    boundaries_.erase(std::unique(boundaries_.begin(), boundaries_.end()), boundaries_.end());
    pieces.resize(first);
    for (std::size_t i = 0; i + 1 < boundaries_.size(); ++i) {
      pieces.push_back(Piece{boundaries_[i], boundaries_[i + 1], status});
    }
  }

  void cut(const icu::UnicodeString& text, const Piece* run, std::size_t count,
           std::uint32_t& position, std::vector<Cut>& out) const override {
    switch (options_.segmentation) {
      case ChineseSegmentation::Words:
        for (std::size_t i = 0; i < count; ++i)
          out.push_back({run[i].begin, run[i].end, position++});
        return;
      case ChineseSegmentation::Bigrams:
        cut_bigrams(text, run[0].begin, run[count - 1].end, position, out);
        return;
      case ChineseSegmentation::Hybrid: cut_hybrid(text, run, count, position, out); return;
    }
  }

 private:
  // Overlapping character bigrams of [begin, end), one position each; a lone character
  // is a unigram.  Bigrams span the words of a run.
  static void cut_bigrams(const icu::UnicodeString& text, int32_t begin, int32_t end,
                          std::uint32_t& position, std::vector<Cut>& out) {
    int32_t first = begin;
    int32_t second = text.moveIndex32(first, 1);
    if (second >= end) {
      out.push_back({first, end, position++});
      return;
    }
    while (second < end) {
      const int32_t third = text.moveIndex32(second, 1);
      out.push_back({first, third, position++});
      first = second;
      second = third;
    }
  }

  // Each word at its position, followed by the sub-word bigrams that start inside it (the
  // last may reach into the next word of the run) and, with unigrams, each of its
  // characters, at the same position.
  void cut_hybrid(const icu::UnicodeString& text, const Piece* run, std::size_t count,
                  std::uint32_t& position, std::vector<Cut>& out) const {
    const int32_t run_end = run[count - 1].end;
    for (std::size_t i = 0; i < count; ++i, ++position) {
      const Piece& word = run[i];
      out.push_back({word.begin, word.end, position});
      for (int32_t start = word.begin; start < word.end;) {
        const int32_t second = text.moveIndex32(start, 1);
        if (second < run_end) out.push_back({start, text.moveIndex32(second, 1), position, true});
        if (options_.unigrams) out.push_back({start, second, position, true});
        start = second;
      }
    }
  }

  ChineseOptions options_;
  HanScriptFolder folder_;
  std::optional<DictionarySegmenter> dictionary_;
  std::vector<std::pair<int32_t, int32_t>> chosen_;  // scratch: dictionary words of a run
  std::vector<int32_t> boundaries_;                  // scratch
};

}  // namespace

template <>
const LanguageProfile& profile_of<Language::Chinese>() {
  static const LanguageProfile profile = [] {
    LanguageProfile chinese;
    chinese.script = USCRIPT_HAN;
    // Words of the question, not of its topic (in Simplified: queries are folded first).
    chinese.question_words =
        "什么 怎么 怎么办 怎样 怎么样 如何 为什么 为何 哪 哪些 哪个 哪里 哪儿 哪种 几 多少 "
        "谁 是否 吗 呢 吧 啊 么 请问 能否 可否 是不是 有没有 会不会 能不能 可不可以 要不要";
    chinese.make_segmenter =
        [](const AnalyzerOptions& options) -> std::unique_ptr<ScriptSegmenter> {
      return std::make_unique<HanSegmenter>(options.chinese);
    };
    return chinese;
  }();
  return profile;
}

}  // namespace detail

const char* to_string(ChineseSegmentation segmentation) noexcept {
  switch (segmentation) {
    case ChineseSegmentation::Words: return "words";
    case ChineseSegmentation::Bigrams: return "bigrams";
    case ChineseSegmentation::Hybrid: return "hybrid";
  }
  return "words";
}

ChineseSegmentation parse_chinese_segmentation(std::string_view name) {
  for (auto mode :
       {ChineseSegmentation::Words, ChineseSegmentation::Bigrams, ChineseSegmentation::Hybrid}) {
    if (name == to_string(mode)) return mode;
  }
  throw InvalidArgument("unknown Chinese segmentation '" + std::string(name) +
                        "' (expected words, bigrams or hybrid)");
}

}  // namespace polysearch
