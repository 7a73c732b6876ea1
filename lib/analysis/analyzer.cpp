// The analysis pipeline shared by indexing and querying:
//
//   UTF-8 ──decode──► UTF-16 + byte offsets ──Han runs: Traditional→Simplified──►
//   ICU word break (dictionary for Han) ──► per word: NFKC_Casefold → fold accents →
//   profile.prepare_for_stemming → fold accents = term ──Snowball──► fold accents = stem
//
// A word is Chinese when ICU marks it ideographic, whatever the analyzer's language;
// every other word uses the analyzer's own profile.  Offsets are never changed by a stage.
#include "polysearch/analyzer.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_set>

#include "analysis/dictionary_segmenter.hpp"
#include "analysis/normalizer.hpp"
#include "lang/chinese.hpp"
#include "lang/profile.hpp"
#include "lang/snowball_stemmer.hpp"
#include "lang/stopwords.hpp"
#include "polysearch/error.hpp"
#include "util/icu_status.hpp"
#include "util/utf8.hpp"

namespace polysearch {
namespace {

using detail::LanguageProfile;

// Creating a word BreakIterator loads rules and dictionaries; clone a prototype instead.
std::unique_ptr<icu::BreakIterator> clone_word_break_iterator() {
  static std::mutex mutex;
  static std::unique_ptr<icu::BreakIterator> prototype;
  const std::lock_guard<std::mutex> lock(mutex);
  if (!prototype) {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    detail::check_icu(status, "BreakIterator::createWordInstance");
  }
  return std::unique_ptr<icu::BreakIterator>(prototype->clone());
}

// The term form of one word, without stemming; `prepared` receives the form the stemmer
// should see.  Without folding, the language's accent normalization is skipped too: the
// word goes to Snowball as written, as in a plain Snowball pipeline.
std::string term_of_word(std::string casefolded, const LanguageProfile& profile, bool fold,
                         std::string& prepared) {
  if (!fold) {
    prepared = casefolded;
    return casefolded;
  }
  prepared = detail::fold_diacritics(casefolded);
  if (profile.prepare_for_stemming == nullptr) return prepared;
  profile.prepare_for_stemming(prepared);
  return detail::fold_diacritics(prepared);
}

using StopwordSet = std::unordered_set<std::string>;

// Stop words pass through the same term pipeline as text, so "für" matches "fuer".
const StopwordSet& stopwords_of(const LanguageProfile& profile, bool fold) {
  static std::mutex mutex;
  static std::map<std::pair<Language, bool>, StopwordSet> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto [it, inserted] = cache.try_emplace({profile.language, fold});
  if (inserted) {
    std::string prepared;
    for (const std::string& word : detail::parse_stopword_file(profile.stopwords)) {
      it->second.insert(term_of_word(detail::nfkc_casefold(word), profile, fold, prepared));
    }
  }
  return it->second;
}

bool is_word_character(UChar32 c) {
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

bool is_ideographic(int32_t rule_status) {
  return rule_status >= UBRK_WORD_IDEO && rule_status < UBRK_WORD_IDEO_LIMIT;
}

}  // namespace

struct Analyzer::Impl {
  Impl(Language lang, AnalyzerOptions opts)
      : language(lang),
        options(std::move(opts)),
        profile(detail::profile_for(lang)),
        words(clone_word_break_iterator()),
        han(options.fold_chinese_variants),
        stopwords(stopwords_of(profile, options.fold_diacritics)) {
    if (profile.snowball_algorithm != nullptr && options.stemming) {
      stemmer = Xapian::Stem(new detail::SnowballStemmer(profile.snowball_algorithm));
    }
    if (options.dictionary && !options.dictionary->empty()) {
      dictionary.emplace(*options.dictionary, options.fold_chinese_script,
                         options.fold_chinese_variants);
    }
  }

  // Decodes valid UTF-8 into `text`, recording each UTF-16 unit's source byte offset.
  void decode(std::string_view utf8) {
    text.remove();
    offsets.clear();
    offsets.reserve(utf8.size() + 1);
    for (std::size_t i = 0; i < utf8.size();) {
      const auto begin = static_cast<std::uint32_t>(i);
      const char32_t c = detail::decode_utf8(utf8, i);
      text.append(static_cast<UChar32>(c));
      offsets.push_back(begin);
      if (c > 0xFFFF) offsets.push_back(begin);
    }
    offsets.push_back(static_cast<std::uint32_t>(utf8.size()));
  }

  // Validates, decodes and folds `utf8`, then cuts it into `pieces`.
  void prepare(std::string_view utf8) {
    detail::require_valid_utf8(utf8);
    if (utf8.size() > UINT32_MAX) throw InputError("text longer than 4 GiB", UINT32_MAX);
    decode(utf8);
    if (options.fold_chinese_script) han.fold(text, offsets);
    cut(pieces);
  }

  // One word, Han word or punctuation mark as the segmenter cut the text (units of `text`).
  struct Piece {
    int32_t begin;
    int32_t end;
    int32_t rule_status;
    [[nodiscard]] bool han() const { return is_ideographic(rule_status); }
    [[nodiscard]] bool word() const { return rule_status >= UBRK_WORD_NONE_LIMIT; }
  };

  // ICU's word boundaries, white space dropped, each run of Han words re-cut with the
  // user dictionary.
  void cut(std::vector<Piece>& out) {
    out.clear();
    words->setText(text);
    std::size_t run_begin = 0;  // first Han piece of the current run in `out`
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
      const Piece piece{start, end, words->getRuleStatus()};
      if (!piece.word()) {
        if (!is_white_space(start, end)) add_piece(out, piece, run_begin);
        continue;
      }
      // ICU keeps U+202F (narrow no-break space, an ExtendNumLet) inside a word, and
      // NFKC would turn it into a space inside the term; the query parser splits at
      // every White_Space character, so the words are split there too.
      int32_t from = start;
      for (int32_t i = start; i < end; i = text.moveIndex32(i, 1)) {
        if (!u_isUWhiteSpace(text.char32At(i))) continue;
        if (from < i) add_piece(out, Piece{from, i, piece.rule_status}, run_begin);
        from = text.moveIndex32(i, 1);
      }
      if (from < end) add_piece(out, Piece{from, end, piece.rule_status}, run_begin);
    }
    apply_dictionary(out, run_begin);
  }

  // Appends a piece, closing the run of Han words before it when it does not continue it.
  void add_piece(std::vector<Piece>& out, const Piece& piece, std::size_t& run_begin) {
    const bool continues_run =
        piece.han() && !out.empty() && out.back().han() && out.back().end == piece.begin;
    if (!continues_run) {
      apply_dictionary(out, run_begin);
      run_begin = out.size();
    }
    out.push_back(piece);
  }

  [[nodiscard]] bool is_white_space(int32_t begin, int32_t end) const {
    for (int32_t i = begin; i < end; i = text.moveIndex32(i, 1)) {
      if (!u_isUWhiteSpace(text.char32At(i))) return false;
    }
    return true;
  }

  // Re-cuts pieces[first..] (one run of adjacent Han words) so that the dictionary's
  // choice of words is kept whole: ICU's boundaries inside a chosen word go, the word's
  // edges are added.
  void apply_dictionary(std::vector<Piece>& out, std::size_t first) {
    if (!dictionary || first >= out.size() || !out[first].han()) return;
    const int32_t end = out.back().end;
    const int32_t status = out[first].rule_status;
    dictionary->choose(text, out[first].begin, end, chosen);
    if (chosen.empty()) return;
    boundaries.clear();
    std::size_t next = 0;  // first chosen word that ends after the boundary
    for (std::size_t i = first; i < out.size(); ++i) {
      const int32_t boundary = out[i].begin;
      while (next < chosen.size() && chosen[next].second <= boundary) ++next;
      if (next == chosen.size() || boundary <= chosen[next].first) boundaries.push_back(boundary);
    }
    for (const auto& [word_begin, word_end] : chosen) {
      boundaries.push_back(word_begin);
      boundaries.push_back(word_end);
    }
    boundaries.push_back(end);
    std::sort(boundaries.begin(), boundaries.end());
    boundaries.erase(std::unique(boundaries.begin(), boundaries.end()), boundaries.end());
    out.resize(first);
    for (std::size_t i = 0; i + 1 < boundaries.size(); ++i) {
      out.push_back(Piece{boundaries[i], boundaries[i + 1], status});
    }
  }

  void emit(const Piece& piece, std::uint32_t position, std::vector<Token>& out) {
    emit(piece.begin, piece.end, piece.rule_status, position, out);
  }

  void emit(int32_t start, int32_t end, int32_t rule_status, std::uint32_t position,
            std::vector<Token>& out) {
    const LanguageProfile& word_profile =
        is_ideographic(rule_status) ? detail::chinese_profile() : profile;
    std::string casefolded = detail::nfkc_casefold(text, start, end);
    if (casefolded.empty()) return;  // only default-ignorable characters
    Token token;
    token.term =
        term_of_word(std::move(casefolded), word_profile, options.fold_diacritics, prepared);
    if (token.term.empty() || token.term.size() > kMaxTermBytes) return;
    if (word_profile.snowball_algorithm != nullptr && !stemmer.is_none()) {
      token.stem = stemmer(prepared);
      if (options.fold_diacritics) token.stem = detail::fold_diacritics(token.stem);
    }
    if (token.stem.empty()) token.stem = token.term;  // a stemmer may return ""
    token.begin = offsets[static_cast<std::size_t>(start)];
    token.end = offsets[static_cast<std::size_t>(end)];
    token.position = position;
    token.stopword = stopwords.count(token.term) != 0;
    out.push_back(std::move(token));
  }

  void analyze(std::string_view utf8, std::vector<Token>& out) {
    out.clear();
    prepare(utf8);
    std::uint32_t position = 0;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      const Piece& piece = pieces[i];
      if (!piece.word()) continue;  // punctuation
      if (piece.han() && options.chinese == ChineseSegmentation::Bigrams) {
        // Bigrams span the words of a run: up to the end of the adjacent Han pieces.
        const std::size_t last = last_of_han_run(i);
        emit_bigrams(piece.begin, pieces[last].end, piece.rule_status, position, out);
        i = last;
        continue;
      }
      if (piece.han() && options.chinese == ChineseSegmentation::Hybrid) {
        i = emit_hybrid_run(i, position, out);
        continue;
      }
      emit(piece, position, out);
      ++position;  // counted even for a dropped word, so phrases stay honest
    }
  }

  // Hybrid segmentation of the run of adjacent Han words starting at pieces[first]: each
  // word at its position, followed by the sub-word bigrams that start inside it (the
  // last may reach into the next word), at the same position.  Returns the run's last
  // piece.
  std::size_t emit_hybrid_run(std::size_t first, std::uint32_t& position, std::vector<Token>& out) {
    const std::size_t last = last_of_han_run(first);
    const int32_t run_end = pieces[last].end;
    for (std::size_t i = first; i <= last; ++i, ++position) {
      const Piece& piece = pieces[i];
      const std::size_t before_word = out.size();
      emit(piece, position, out);
      // A word emit() dropped (too long, or only characters that fold to nothing) leaves
      // its sub-words nothing to belong to: they are dropped too.
      if (out.size() == before_word) continue;
      for (int32_t start = piece.begin; start < piece.end; start = text.moveIndex32(start, 1)) {
        const int32_t second = text.moveIndex32(start, 1);
        if (second >= run_end) break;
        const std::size_t before = out.size();
        emit(start, text.moveIndex32(second, 1), piece.rule_status, position, out);
        if (out.size() > before) out.back().subword = true;
      }
    }
    return last;
  }

  // Overlapping character bigrams of [begin, end), one position each; a lone character
  // is a unigram.
  void emit_bigrams(int32_t begin, int32_t end, int32_t status, std::uint32_t& position,
                    std::vector<Token>& out) {
    int32_t first = begin;
    int32_t second = text.moveIndex32(first, 1);
    if (second >= end) {
      emit(first, end, status, position++, out);
      return;
    }
    while (second < end) {
      const int32_t third = text.moveIndex32(second, 1);
      emit(first, third, status, position++, out);
      first = second;
      second = third;
    }
  }

  // The last piece of the run of adjacent Han words that starts at pieces[first].
  [[nodiscard]] std::size_t last_of_han_run(std::size_t first) const {
    std::size_t last = first;
    while (last + 1 < pieces.size() && pieces[last + 1].han() &&
           pieces[last + 1].begin == pieces[last].end) {
      ++last;
    }
    return last;
  }

  std::vector<Segment> segment(std::string_view utf8) {
    prepare(utf8);
    std::vector<Segment> out;
    out.reserve(pieces.size());
    for (const Piece& piece : pieces) {
      out.push_back(Segment{offsets[static_cast<std::size_t>(piece.begin)],
                            offsets[static_cast<std::size_t>(piece.end)], piece.word()});
    }
    return out;
  }

  std::string normalize(std::string_view utf8) {
    detail::require_valid_utf8(utf8);
    decode(utf8);
    if (options.fold_chinese_script) han.fold(text, offsets);
    // Punctuation at either end is not part of any term ("(fund", "fund.").
    int32_t begin = 0, end = text.length();
    while (begin < end && !is_word_character(text.char32At(begin))) begin = text.moveIndex32(begin, 1);
    while (end > begin && !is_word_character(text.char32At(text.moveIndex32(end, -1)))) {
      end = text.moveIndex32(end, -1);
    }
    std::string casefolded = detail::nfkc_casefold(text, begin, end);
    return term_of_word(std::move(casefolded), profile, options.fold_diacritics, prepared);
  }

  Language language;
  AnalyzerOptions options;
  const LanguageProfile& profile;
  std::unique_ptr<icu::BreakIterator> words;
  detail::HanScriptFolder han;
  std::optional<detail::DictionarySegmenter> dictionary;
  Xapian::Stem stemmer;  // "none" when the language has no stemmer
  const StopwordSet& stopwords;
  icu::UnicodeString text;              // reused between calls
  std::vector<std::uint32_t> offsets;   // byte offset of each unit of `text`, plus end
  std::vector<Piece> pieces;            // the segmentation of `text`
  std::vector<std::pair<int32_t, int32_t>> chosen;  // scratch: dictionary words of a run
  std::vector<int32_t> boundaries;      // scratch
  std::string prepared;                 // scratch: the stemmer's input
};

const char* to_string(ChineseSegmentation segmentation) noexcept {
  switch (segmentation) {
    case ChineseSegmentation::Words: return "words";
    case ChineseSegmentation::Bigrams: return "bigrams";
    case ChineseSegmentation::Hybrid: return "hybrid";
  }
  return "words";
}

ChineseSegmentation parse_chinese_segmentation(std::string_view name) {
  for (auto mode : {ChineseSegmentation::Words, ChineseSegmentation::Bigrams,
                    ChineseSegmentation::Hybrid}) {
    if (name == to_string(mode)) return mode;
  }
  throw InvalidArgument("unknown Chinese segmentation '" + std::string(name) +
                        "' (expected words, bigrams or hybrid)");
}

Analyzer::Analyzer(Language language, AnalyzerOptions options)
    : impl_(std::make_unique<Impl>(language, options)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

Language Analyzer::language() const noexcept { return impl_->language; }

const AnalyzerOptions& Analyzer::options() const noexcept { return impl_->options; }

std::vector<Token> Analyzer::analyze(std::string_view utf8) {
  std::vector<Token> tokens;
  impl_->analyze(utf8, tokens);
  return tokens;
}

void Analyzer::analyze(std::string_view utf8, std::vector<Token>& out) { impl_->analyze(utf8, out); }

std::vector<Segment> Analyzer::segment(std::string_view utf8) { return impl_->segment(utf8); }

std::string Analyzer::normalize(std::string_view utf8) { return impl_->normalize(utf8); }

bool Analyzer::is_stopword(std::string_view term) const {
  return impl_->stopwords.count(std::string(term)) != 0;
}

}  // namespace polysearch
