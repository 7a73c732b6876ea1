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

#include <map>
#include <mutex>
#include <unordered_set>

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
        options(opts),
        profile(detail::profile_for(lang)),
        words(clone_word_break_iterator()),
        stopwords(stopwords_of(profile, options.fold_diacritics)) {
    if (profile.snowball_algorithm != nullptr && options.stemming) {
      stemmer = Xapian::Stem(new detail::SnowballStemmer(profile.snowball_algorithm));
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
    detail::require_valid_utf8(utf8);
    if (utf8.size() > UINT32_MAX) throw InputError("text longer than 4 GiB", UINT32_MAX);
    decode(utf8);
    if (options.fold_chinese_script) han.fold(text, offsets);
    words->setText(text);
    const bool han_bigrams = options.chinese == ChineseSegmentation::Bigrams;
    std::uint32_t position = 0;
    HanRun run;
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
      const int32_t status = words->getRuleStatus();
      if (han_bigrams && is_ideographic(status) && (run.empty() || run.end == start)) {
        run.extend(start, end, status);  // bigrams span ICU's word boundaries
        continue;
      }
      if (!run.empty()) emit_bigrams(run, position, out);
      if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
      if (han_bigrams && is_ideographic(status)) {
        run.extend(start, end, status);
        continue;
      }
      emit(start, end, status, position, out);
      ++position;  // counted even for a dropped word, so phrases stay honest
    }
    if (!run.empty()) emit_bigrams(run, position, out);
  }

  // A run of adjacent ideographic words, in units of `text`.
  struct HanRun {
    int32_t begin = -1;
    int32_t end = -1;
    int32_t status = 0;
    [[nodiscard]] bool empty() const { return begin < 0; }
    void extend(int32_t word_begin, int32_t word_end, int32_t word_status) {
      if (empty()) begin = word_begin, status = word_status;
      end = word_end;
    }
  };

  // Overlapping character bigrams of the run, one position each; a lone character is
  // a unigram.  Empties the run.
  void emit_bigrams(HanRun& run, std::uint32_t& position, std::vector<Token>& out) {
    int32_t first = run.begin;
    int32_t second = text.moveIndex32(first, 1);
    if (second >= run.end) {
      emit(first, run.end, run.status, position++, out);
    }
    while (second < run.end) {
      const int32_t third = text.moveIndex32(second, 1);
      emit(first, third, run.status, position++, out);
      first = second;
      second = third;
    }
    run = HanRun{};
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
  Xapian::Stem stemmer;  // "none" when the language has no stemmer
  const StopwordSet& stopwords;
  icu::UnicodeString text;              // reused between calls
  std::vector<std::uint32_t> offsets;   // byte offset of each unit of `text`, plus end
  std::string prepared;                 // scratch: the stemmer's input
};

const char* to_string(ChineseSegmentation segmentation) noexcept {
  switch (segmentation) {
    case ChineseSegmentation::Words: return "words";
    case ChineseSegmentation::Bigrams: return "bigrams";
  }
  return "words";
}

ChineseSegmentation parse_chinese_segmentation(std::string_view name) {
  for (auto mode : {ChineseSegmentation::Words, ChineseSegmentation::Bigrams}) {
    if (name == to_string(mode)) return mode;
  }
  throw InvalidArgument("unknown Chinese segmentation '" + std::string(name) +
                        "' (expected words or bigrams)");
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

std::string Analyzer::normalize(std::string_view utf8) { return impl_->normalize(utf8); }

bool Analyzer::is_stopword(std::string_view term) const {
  return impl_->stopwords.count(std::string(term)) != 0;
}

}  // namespace polysearch
