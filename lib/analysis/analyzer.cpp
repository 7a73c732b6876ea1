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
// should see.
std::string term_of_word(std::string casefolded, const LanguageProfile& profile,
                         std::string& prepared) {
  prepared = detail::fold_diacritics(casefolded);
  if (profile.prepare_for_stemming != nullptr) {
    profile.prepare_for_stemming(prepared);
    return detail::fold_diacritics(prepared);
  }
  return prepared;
}

using StopwordSet = std::unordered_set<std::string>;

// Stop words pass through the same term pipeline as text, so "für" matches "fuer".
const StopwordSet& stopwords_of(const LanguageProfile& profile) {
  static std::mutex mutex;
  static std::map<Language, StopwordSet> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto [it, inserted] = cache.try_emplace(profile.language);
  if (inserted) {
    std::string prepared;
    for (const std::string& word : detail::parse_stopword_file(profile.stopwords)) {
      it->second.insert(term_of_word(detail::nfkc_casefold(word), profile, prepared));
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
  explicit Impl(Language lang)
      : language(lang),
        profile(detail::profile_for(lang)),
        words(clone_word_break_iterator()),
        stopwords(stopwords_of(profile)) {
    if (profile.snowball_algorithm != nullptr) {
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
    token.term = term_of_word(std::move(casefolded), word_profile, prepared);
    if (token.term.empty() || token.term.size() > kMaxTermBytes) return;
    if (word_profile.snowball_algorithm != nullptr && !stemmer.is_none()) {
      token.stem = detail::fold_diacritics(stemmer(prepared));
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
    han.fold(text, offsets);
    words->setText(text);
    std::uint32_t position = 0;
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
      const int32_t status = words->getRuleStatus();
      if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
      emit(start, end, status, position, out);
      ++position;  // counted even for a dropped word, so phrases stay honest
    }
  }

  std::string normalize(std::string_view utf8) {
    detail::require_valid_utf8(utf8);
    decode(utf8);
    han.fold(text, offsets);
    // Punctuation at either end is not part of any term ("(fund", "fund.").
    int32_t begin = 0, end = text.length();
    while (begin < end && !is_word_character(text.char32At(begin))) begin = text.moveIndex32(begin, 1);
    while (end > begin && !is_word_character(text.char32At(text.moveIndex32(end, -1)))) {
      end = text.moveIndex32(end, -1);
    }
    std::string casefolded = detail::nfkc_casefold(text, begin, end);
    return term_of_word(std::move(casefolded), profile, prepared);
  }

  Language language;
  const LanguageProfile& profile;
  std::unique_ptr<icu::BreakIterator> words;
  detail::HanScriptFolder han;
  Xapian::Stem stemmer;  // "none" when the language has no stemmer
  const StopwordSet& stopwords;
  icu::UnicodeString text;              // reused between calls
  std::vector<std::uint32_t> offsets;   // byte offset of each unit of `text`, plus end
  std::string prepared;                 // scratch: the stemmer's input
};

Analyzer::Analyzer(Language language) : impl_(std::make_unique<Impl>(language)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

Language Analyzer::language() const noexcept { return impl_->language; }

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
