// The analysis pipeline shared by indexing and querying:
//
//   UTF-8 ──decode──► UTF-16 + byte offsets ──fold (each script segmenter)──►
//   cut: ICU word break, runs of an owned script re-cut by their segmenter ──►
//   per piece: NFKC_Casefold → fold accents → profile.prepare_for_stemming →
//   fold accents = term ──Snowball──► fold accents = stem
//
// A word in a script some language owns (Han: Chinese) is that language's, cut by its
// segmenter (lib/lang/), whatever the analyzer's language; every other word uses the
// analyzer's own profile.  Offsets are never changed by a stage.
#include "polysearch/analyzer.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include <map>
#include <mutex>
#include <unordered_set>

#include "analysis/normalizer.hpp"
#include "lang/profile.hpp"
#include "lang/script_segmenter.hpp"
#include "lang/snowball_stemmer.hpp"
#include "lang/stopwords.hpp"
#include "lang/word_hash.hpp"
#include "lang/word_splitter.hpp"
#include "polysearch/error.hpp"
#include "util/icu_status.hpp"
#include "util/utf8.hpp"

namespace polysearch {
namespace {

using detail::Cut;
using detail::LanguageProfile;
using detail::Piece;

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
  static std::map<std::pair<const LanguageProfile*, bool>, StopwordSet> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto [it, inserted] = cache.try_emplace({&profile, fold});
  if (inserted) {
    std::string prepared;
    const std::string_view file = detail::stopword_file(profile.stopwords);
    // A space-separated list is a stop file of one line.
    for (const std::string_view text : {file, profile.question_words}) {
      for (const std::string& word : detail::parse_stopword_file(text)) {
        it->second.insert(term_of_word(detail::nfkc_casefold(word), profile, fold, prepared));
      }
    }
  }
  return it->second;
}

bool is_mark(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

bool is_word_character(UChar32 c) { return u_isalnum(c) || is_mark(c); }

// What a character of a word is, for cutting the word into parts (AnalyzerOptions::word_parts).
enum class PartClass { Joiner, Letter, Digit };

PartClass part_class(UChar32 c) {
  // ʼ (U+02BC) is a letter to Unicode, but written as an apostrophe.
  if (detail::is_folded_apostrophe(static_cast<char32_t>(c))) return PartClass::Joiner;
  if (u_isalpha(c)) return PartClass::Letter;
  if (u_isdigit(c)) return PartClass::Digit;
  return PartClass::Joiner;  // an apostrophe, dot, underscore, @, or a symbol
}

// A compound part's term and stem; both empty where the part is left out.
struct PartTerms {
  std::string term;
  std::string stem;
};

// The part terms of the compounds an analyzer has met, by the compound's word_hash:
// bounded, as a cache (a text of 24 MB has about 30,000 compounds).
class PartTermsCache {
 public:
  [[nodiscard]] const std::vector<PartTerms>* find(std::uint64_t word) const {
    const std::uint32_t* at = index_.find(word);
    return at == nullptr ? nullptr : &terms_[*at];
  }

  const std::vector<PartTerms>& insert(std::uint64_t word, std::vector<PartTerms> terms) {
    if (terms_.size() >= kLargest) {
      index_.clear();
      terms_.clear();
    }
    index_.insert(word, static_cast<std::uint32_t>(terms_.size()));
    terms_.push_back(std::move(terms));
    return terms_.back();
  }

 private:
  static constexpr std::size_t kLargest = 100'000;
  detail::WordHashMap<std::uint32_t> index_;
  std::vector<std::vector<PartTerms>> terms_;
};

}  // namespace

struct Analyzer::Impl {
  Impl(Language lang, AnalyzerOptions opts)
      : language(lang),
        options(std::move(opts)),
        profile(detail::profile_for(lang)),
        words(clone_word_break_iterator()),
        scripts(detail::make_script_segmenters(options)),
        stopwords(stopwords_of(profile, options.fold_diacritics)) {
    if (profile.snowball_algorithm != nullptr && options.stemming) {
      stemmer = Xapian::Stem(new detail::SnowballStemmer(profile.snowball_algorithm));
    }
    if (options.compounds && profile.make_word_splitter != nullptr) {
      splitter = profile.make_word_splitter(options.compound_dictionary);
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

  // Validates and decodes `utf8`, and lets each script segmenter fold it.
  void decode_and_fold(std::string_view utf8) {
    detail::require_valid_utf8(utf8);
    if (utf8.size() > UINT32_MAX) throw InputError("text longer than 4 GiB", UINT32_MAX);
    decode(utf8);
    for (detail::ScriptAnalysis& script : scripts) script.segmenter->fold(text, offsets);
  }

  // The segmenter whose script `piece` is in, or null for the analyzer's own words.
  [[nodiscard]] detail::ScriptAnalysis* script_of(const Piece& piece) {
    for (detail::ScriptAnalysis& script : scripts) {
      if (script.segmenter->takes(piece)) return &script;
    }
    return nullptr;
  }

  // ICU's word boundaries, white space dropped, each run of an owned script re-cut by
  // its segmenter.
  void cut() {
    pieces.clear();
    words->setText(text);
    std::size_t run_begin = 0;  // first piece of the current run in `pieces`
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
      const Piece piece{start, end, words->getRuleStatus()};
      if (!piece.word()) {
        if (!is_white_space(start, end)) add_piece(piece, run_begin);
        continue;
      }
      // ICU keeps U+202F (narrow no-break space, an ExtendNumLet) inside a word, and
      // NFKC would turn it into a space inside the term; the query parser splits at
      // every White_Space character, so the words are split there too.
      int32_t from = start;
      for (int32_t i = start; i < end; i = text.moveIndex32(i, 1)) {
        if (!u_isUWhiteSpace(text.char32At(i))) continue;
        if (from < i) add_piece(Piece{from, i, piece.rule_status}, run_begin);
        from = text.moveIndex32(i, 1);
      }
      if (from < end) add_piece(Piece{from, end, piece.rule_status}, run_begin);
    }
    recut_run(run_begin);
  }

  // Appends a piece, closing the run before it when it does not continue it.
  void add_piece(const Piece& piece, std::size_t& run_begin) {
    if (!continues_run(piece)) {
      recut_run(run_begin);
      run_begin = pieces.size();
    }
    pieces.push_back(piece);
  }

  // Whether `piece` continues the run of an owned script that the last piece is in.
  [[nodiscard]] bool continues_run(const Piece& piece) {
    if (pieces.empty() || pieces.back().end != piece.begin) return false;
    const detail::ScriptAnalysis* script = script_of(piece);
    return script != nullptr && script == script_of(pieces.back());
  }

  // Hands pieces[first..], when a run of an owned script, to its segmenter to re-cut.
  void recut_run(std::size_t first) {
    if (first >= pieces.size()) return;
    if (detail::ScriptAnalysis* script = script_of(pieces[first])) {
      script->segmenter->recut(text, pieces, first);
    }
  }

  [[nodiscard]] bool is_white_space(int32_t begin, int32_t end) const {
    for (int32_t i = begin; i < end; i = text.moveIndex32(i, 1)) {
      if (!u_isUWhiteSpace(text.char32At(i))) return false;
    }
    return true;
  }

  // The number of pieces from pieces[first] on that continue its run of `script`.
  [[nodiscard]] std::size_t run_length(std::size_t first,
                                       const detail::ScriptAnalysis& script) const {
    std::size_t last = first;
    while (last + 1 < pieces.size() && pieces[last + 1].begin == pieces[last].end &&
           script.segmenter->takes(pieces[last + 1])) {
      ++last;
    }
    return last - first + 1;
  }

  void analyze(std::string_view utf8, std::vector<Token>& out) {
    out.clear();
    decode_and_fold(utf8);
    cut();
    std::uint32_t position = 0;
    for (std::size_t i = 0; i < pieces.size();) {
      const Piece& piece = pieces[i];
      if (!piece.word()) {  // punctuation
        ++i;
        continue;
      }
      if (const detail::ScriptAnalysis* script = script_of(piece)) {
        const std::size_t count = run_length(i, *script);
        cuts.clear();
        script->segmenter->cut(text, &pieces[i], count, position, cuts);
        emit_cuts(*script->profile, out);
        i += count;
        continue;
      }
      if (emit(piece.begin, piece.end, profile, position, out)) {
        if (options.word_parts) emit_parts(piece.begin, piece.end, position, out);
        if (splitter) emit_compound_parts(piece.begin, piece.end, position, out);
      }
      ++position;  // counted even for a dropped word, so phrases stay honest
      ++i;
    }
  }

  // Emits a segmenter's cuts; a subword goes with the word it belongs to.
  void emit_cuts(const LanguageProfile& word_profile, std::vector<Token>& out) {
    bool word_emitted = false;
    for (const Cut& cut : cuts) {
      if (cut.subword && !word_emitted) continue;
      const bool emitted = emit(cut.begin, cut.end, word_profile, cut.position, out);
      if (!cut.subword) word_emitted = emitted;
      if (emitted && cut.subword) out.back().subword = true;
    }
  }

  // The parts of the word text[start, end) at its position, after it: the runs of letters
  // and the runs of digits between the characters that join them (d'água, snake_case,
  // info@beispiel.de, covid19).  A part of one letter (the "d" of d'água, the "s" of
  // gibt's) or a stop word is no use on its own and is left out; so are the parts of a
  // number ("3.14").  A one-digit part stays: omega1 is not omega12.
  void emit_parts(int32_t start, int32_t end, std::uint32_t position, std::vector<Token>& out) {
    part_spans.clear();
    bool letters = false;
    PartClass open = PartClass::Joiner;  // the class of the part being read
    for (int32_t i = start; i < end; i = text.moveIndex32(i, 1)) {
      const UChar32 c = text.char32At(i);
      if (is_mark(c) && open != PartClass::Joiner) continue;  // marks stay with their letter
      const PartClass kind = part_class(c);
      letters = letters || kind == PartClass::Letter;
      if (kind == open) continue;
      if (open != PartClass::Joiner) part_spans.back().second = i;
      if (kind != PartClass::Joiner) part_spans.emplace_back(i, end);
      open = kind;
    }
    if (!letters || (part_spans.size() == 1 && part_spans[0] == std::make_pair(start, end))) return;
    for (const auto& [part_begin, part_end] : part_spans) {
      const bool one_letter = text.moveIndex32(part_begin, 1) >= part_end &&
                              part_class(text.char32At(part_begin)) == PartClass::Letter;
      if (one_letter) continue;
      if (!emit(part_begin, part_end, profile, position, out)) continue;
      if (out.back().stopword) {
        out.pop_back();
        continue;
      }
      out.back().part = true;
    }
  }

  // The constituents of a compound word text[start, end), at its position, after it
  // (AnalyzerOptions::compounds).  Stop words among them are left out, as with parts.
  // The terms and stems of a compound's parts are kept for the compound's next occurrence
  // (part_terms): a compound is met again and again in a text, and each part costs the
  // stemmer a call.
  void emit_compound_parts(int32_t start, int32_t end, std::uint32_t position,
                           std::vector<Token>& out) {
    splitter->split(text, start, end, part_spans);
    if (part_spans.empty()) return;
    const std::uint64_t word =
        detail::word_hash(reinterpret_cast<const char16_t*>(text.getBuffer()) + start,
                          static_cast<std::size_t>(end - start));
    const std::vector<PartTerms>* known = part_terms.find(word);
    if (known == nullptr) known = &part_terms.insert(word, analyze_parts(position));
    for (std::size_t i = 0; i < part_spans.size(); ++i) {
      const PartTerms& terms = (*known)[i];
      if (terms.term.empty()) continue;  // no term, or a stop word
      Token token;
      token.term = terms.term;
      token.stem = terms.stem;
      token.begin = offsets[static_cast<std::size_t>(part_spans[i].first)];
      token.end = offsets[static_cast<std::size_t>(part_spans[i].second)];
      token.position = position;
      token.part = true;
      token.compound = true;
      out.push_back(std::move(token));
    }
  }

  // The term and stem of each of part_spans, empty where a part gives none or is a stop word.
  std::vector<PartTerms> analyze_parts(std::uint32_t position) {
    std::vector<PartTerms> terms(part_spans.size());
    std::vector<Token> scratch;
    for (std::size_t i = 0; i < part_spans.size(); ++i) {
      scratch.clear();
      if (!emit(part_spans[i].first, part_spans[i].second, profile, position, scratch) ||
          scratch.back().stopword) {
        continue;
      }
      terms[i] = PartTerms{std::move(scratch.back().term), std::move(scratch.back().stem)};
    }
    return terms;
  }

  // The term form of a casefolded word (apostrophes folded with word_parts).
  std::string term_of(std::string casefolded, const LanguageProfile& word_profile) {
    if (options.word_parts) detail::fold_apostrophes(casefolded);
    return term_of_word(std::move(casefolded), word_profile, options.fold_diacritics, prepared);
  }

  // Appends the token of text[start, end); false when the word gives no term (too long,
  // or only characters that fold to nothing).
  bool emit(int32_t start, int32_t end, const LanguageProfile& word_profile, std::uint32_t position,
            std::vector<Token>& out) {
    std::string casefolded = detail::nfkc_casefold(text, start, end);
    if (casefolded.empty()) return false;  // only default-ignorable characters
    Token token;
    token.term = term_of(std::move(casefolded), word_profile);
    if (token.term.empty() || token.term.size() > kMaxTermBytes) return false;
    if (&word_profile == &profile && !stemmer.is_none()) {
      token.stem = stemmer(prepared);
      if (options.fold_diacritics) token.stem = detail::fold_diacritics(token.stem);
    }
    if (token.stem.empty()) token.stem = token.term;  // a stemmer may return ""
    token.begin = offsets[static_cast<std::size_t>(start)];
    token.end = offsets[static_cast<std::size_t>(end)];
    token.position = position;
    token.stopword = stopwords.count(token.term) != 0;
    out.push_back(std::move(token));
    return true;
  }

  std::vector<Segment> segment(std::string_view utf8) {
    decode_and_fold(utf8);
    cut();
    std::vector<Segment> out;
    out.reserve(pieces.size());
    for (const Piece& piece : pieces) {
      out.push_back(Segment{offsets[static_cast<std::size_t>(piece.begin)],
                            offsets[static_cast<std::size_t>(piece.end)], piece.word()});
    }
    return out;
  }

  std::string normalize(std::string_view utf8) {
    decode_and_fold(utf8);
    // Punctuation at either end is not part of any term ("(fund", "fund.").
    int32_t begin = 0, end = text.length();
    while (begin < end && !is_word_character(text.char32At(begin)))
      begin = text.moveIndex32(begin, 1);
    while (end > begin && !is_word_character(text.char32At(text.moveIndex32(end, -1)))) {
      end = text.moveIndex32(end, -1);
    }
    return term_of(detail::nfkc_casefold(text, begin, end), profile);
  }

  Language language;
  AnalyzerOptions options;
  const LanguageProfile& profile;
  std::unique_ptr<icu::BreakIterator> words;
  std::vector<detail::ScriptAnalysis> scripts;     // segmenters of the scripts languages own
  Xapian::Stem stemmer;                            // "none" when the language has no stemmer
  std::unique_ptr<detail::WordSplitter> splitter;  // compounds, if on and the language has one
  const StopwordSet& stopwords;
  icu::UnicodeString text;             // reused between calls
  std::vector<std::uint32_t> offsets;  // byte offset of each unit of `text`, plus end
  std::vector<Piece> pieces;           // the segmentation of `text`
  std::vector<Cut> cuts;               // scratch: the tokens of one run
  std::vector<std::pair<int32_t, int32_t>> part_spans;  // scratch: the parts of one word
  PartTermsCache part_terms;                            // compounds met: their parts' terms
  std::string prepared;                                 // scratch: the stemmer's input
};

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

void Analyzer::analyze(std::string_view utf8, std::vector<Token>& out) {
  impl_->analyze(utf8, out);
}

std::vector<Segment> Analyzer::segment(std::string_view utf8) { return impl_->segment(utf8); }

std::string Analyzer::normalize(std::string_view utf8) { return impl_->normalize(utf8); }

bool Analyzer::is_stopword(std::string_view term) const {
  return impl_->stopwords.count(std::string(term)) != 0;
}

}  // namespace polysearch
