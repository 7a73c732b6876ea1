// German compounds, split with igerman98's Hunspell dictionary and bracketed with its word
// list.  How a word is analyzed (docs/GERMAN.md has the measurements):
//
//  1. The dictionary's reading (GermanMorphology, which reads it as Hunspell does, without
//     Hunspell's cost): a form of the dictionary (Verbrauch, Staubecken, Meisterschaft) is
//     no compound; a compound reading has parts its compound flags allow (Kranken +
//     versicherungs + beitrag).  The reading with the fewest parts wins; two different
//     readings with as few parts are a doubt, and the word stays whole.
//  2. A word the dictionary accepts but does not read is read without its inflectional
//     ending, the last part taking the ending back (kept from Hunspell's analysis, which
//     missed inflected compounds such as Nationalmannschaften).
//  3. Parts that are suffixes (-schaft, which the dictionary also has as a noun: der
//     Schaft) join the part before them: Meister + schaft is Meisterschaft.
//  4. Bracketing, for three parts or more: the cut between modifier and immediate head
//     where both sides are established words (a single part, or in the word list:
//     Fußball | Weltmeisterschaft, Krankenversicherung(s) | Beitrag); on a tie the longer
//     modifier, German compounds branching to the left more often than not.
#include "lang/german_compounds.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <string_view>

#include "lang/german_forms.hpp"
#include "lang/german_morphology.hpp"
#include "lang/word_splitter.hpp"
#include "polysearch/error.hpp"

#ifndef POLYSEARCH_GERMAN_DICTIONARY
#define POLYSEARCH_GERMAN_DICTIONARY "/usr/share/hunspell/de_DE"
#endif
#ifndef POLYSEARCH_GERMAN_WORDLIST
#define POLYSEARCH_GERMAN_WORDLIST "/usr/share/dict/ngerman"
#endif

namespace polysearch::detail {

std::string german_dictionary_path() {
  const char* path = std::getenv("POLYSEARCH_GERMAN_DICTIONARY");
  return path != nullptr && *path != '\0' ? path : POLYSEARCH_GERMAN_DICTIONARY;
}

std::string german_wordlist_path() {
  const char* path = std::getenv("POLYSEARCH_GERMAN_WORDLIST");
  return path != nullptr && *path != '\0' ? path : POLYSEARCH_GERMAN_WORDLIST;
}

namespace {

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString lower(const icu::UnicodeString& text) {
  icu::UnicodeString copy(text);
  copy.toLower(icu::Locale::getGerman());  // keeps ß, unlike case folding
  return copy;
}

// "weltmeisterschaft", "WELTMEISTERSCHAFT" → "Weltmeisterschaft": nouns are capitalized in
// the dictionary, and a query is often typed in lower case.  Mixed case stays as written.
icu::UnicodeString capitalized(icu::UnicodeString word) {
  word.replace(0, 1, static_cast<UChar>(u_toupper(word.charAt(0))));
  return word;
}

icu::UnicodeString dictionary_form(const icu::UnicodeString& word) {
  bool any_upper = false, any_lower = false;
  for (int32_t i = 1; i < word.length(); ++i) {
    any_upper = any_upper || u_isupper(word.charAt(i));
    any_lower = any_lower || u_islower(word.charAt(i));
  }
  if (any_upper && any_lower) return word;
  return capitalized(lower(word));
}

// Endings of inflection, longest first, that the dictionary's reading of a compound may not
// take (Hunspell's analysis took few).
constexpr std::array<std::u16string_view, 8> kInflections = {u"ern", u"nen", u"en", u"er",
                                                             u"es",  u"ns",  u"n",  u"s"};
// Linking elements (Fugen) a modifier may end in, besides its own form; and "e", which a
// modifier may have dropped (Schul- from Schule).
constexpr std::array<std::u16string_view, 6> kFugen = {u"es", u"en", u"er", u"s", u"n", u"e"};
// Parts the dictionary lets end a compound that are derivational suffixes in nearly every
// word that ends in them (Meisterschaft, Wirtschaft, not a Schaft of a Meister).
constexpr std::array<std::u16string_view, 4> kSuffixParts = {u"schaft", u"schaften", u"schafts",
                                                             u"schaftlich"};

// Prefixes of derived words, whose parts are not compound parts (Verbrauch, Gegenwart).
constexpr std::array<std::u16string_view, 24> kPrefixes = {
    u"be", u"ge", u"er",   u"ver",   u"zer",   u"ent",   u"emp",   u"miss",
    u"ur", u"un", u"über", u"unter", u"vor",   u"nach",  u"aus",   u"ein",
    u"an", u"ab", u"auf",  u"zu",    u"gegen", u"wider", u"durch", u"hinter"};

// Derivational suffixes, each with the ending its base word takes back: Gründung of
// gründen, Wanderung of wandern, Zugehörigkeit of zugehörig, Generation of generieren,
// Verbraucher of verbrauchen.  A listed word so derived is not a compound (Grün|dung,
// Zuge|hörigkeit, Gene|ration, Verb|raucher).
constexpr std::array<std::pair<std::u16string_view, std::u16string_view>, 7> kDerivations = {
    {{u"ung", u"en"},
     {u"ung", u"n"},
     {u"igkeit", u""},
     {u"keit", u""},
     {u"heit", u""},
     {u"ation", u"ieren"},
     {u"er", u"en"}}};

// Endings of present participles (wachsende, strahlenden), which the dictionary also
// reads as the noun Ende.
constexpr std::array<std::u16string_view, 5> kParticipleEndings = {u"ende", u"enden", u"endem",
                                                                   u"ender", u"endes"};

constexpr int32_t kShortestCompound = 6;  // in letters: Hausbau is the shortest kind

}  // namespace

namespace {

// UTF-8 into UTF-16 units, in `out` (kept from word to word).
void decode(std::string_view utf8, std::u16string& out) {
  out.resize(utf8.size());  // never more units than bytes
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()),
                       &length, utf8.data(), static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr,
                       &status);
  out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(length) : 0);
}

}  // namespace

class GermanLexicon {
 public:
  // Throws Error, saying which packages provide them, when the files are missing.
  static void require_installed(const std::string& dictionary, const std::string& wordlist) {
    for (const std::string& path : {dictionary + ".aff", dictionary + ".dic", wordlist}) {
      if (!std::filesystem::is_regular_file(path)) {
        throw Error("German compound splitting needs " + path +
                    " (Debian packages hunspell-de-de and wngerman; or set "
                    "POLYSEARCH_GERMAN_DICTIONARY / POLYSEARCH_GERMAN_WORDLIST), or turn it "
                    "off with --no-german-compounds");
      }
    }
  }

  GermanLexicon(const std::string& dictionary, const std::string& wordlist) {
    require_installed(dictionary, wordlist);
    const std::string dic = dictionary + ".dic";
    // The tables load at once, on three threads (measured: 120 ms for the word list's two
    // one after the other).
    std::future<void> nouns = std::async(std::launch::async, [&] { load_nouns(wordlist, dic); });
    std::future<void> forms = std::async(std::launch::async, [&] { load_forms(wordlist, dic); });
    morphology_ = std::make_unique<GermanMorphology>(dictionary);
    nouns.get();
    forms.get();
  }

  // Loaded on first use and kept for the life of the process (about 30 MB): analyzers
  // come and go with every query.
  static GermanLexicon& shared() {
    static std::mutex mutex;
    static std::unique_ptr<GermanLexicon> loaded;
    const std::lock_guard<std::mutex> lock(mutex);
    if (!loaded) {
      loaded = std::make_unique<GermanLexicon>(german_dictionary_path(), german_wordlist_path());
    }
    return *loaded;
  }

  // How the dictionary reads `word` (as Hunspell would: GermanMorphology).
  [[nodiscard]] Reading read(const icu::UnicodeString& word) const {
    return morphology_->read(word);
  }

  [[nodiscard]] bool accepts(const icu::UnicodeString& word) const {
    return morphology_->accepts(word);
  }

  // Whether the lower-cased `word` is a noun of the word list.
  [[nodiscard]] bool is_listed_noun(const icu::UnicodeString& lowered) const {
    return is_listed_noun(
        std::u16string_view(lowered.getBuffer(), static_cast<std::size_t>(lowered.length())));
  }
  [[nodiscard]] bool is_listed_noun(std::u16string_view lowered) const {
    return is_listed_noun_hash(word_hash(lowered.data(), lowered.size()));
  }
  // The same for a word_hash.
  [[nodiscard]] bool is_listed_noun_hash(std::uint64_t hash) const {
    return noun_filter_.may_contain(hash) && nouns_.contains(hash);
  }

  // The nouns (capitalized words of four bytes or more) of the word list and of the
  // dictionary's roots (the word list lacks some: Welle, Stufe), lower-cased in place in
  // one buffer: a byte loop, since the files are 430,000 lines read by every process that
  // splits a word (ICU's case mapping per line took four times as long).  Capitals are
  // ASCII or Latin-1 (Ä Ö Ü É …: C3 80–9E in UTF-8) in these files.
  void load_nouns(const std::string& wordlist, const std::string& dic) {
    std::string text;  // the two files, nouns lower-cased in place
    for (const std::string& file : {wordlist, dic}) {
      std::ifstream in(file, std::ios::binary | std::ios::ate);
      const std::size_t at = text.size();
      text.resize(at + static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg())));
      in.seekg(0);
      in.read(text.data() + at, static_cast<std::streamsize>(text.size() - at));
      text.resize(at + static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
      text.push_back('\n');
    }
    nouns_.reserve(450'000);  // measured: 430,000 lines, most of them nouns
    noun_filter_.reserve(450'000);
    std::u16string noun;
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    for (std::size_t begin = 0; begin < text.size();) {
      const std::size_t line_end = text.find('\n', begin);
      std::size_t end = begin;  // the word: a root's flags (Welle/Nm) are left out
      while (end < line_end && byte(end) != '/' && byte(end) != '\t' && byte(end) != ' ') ++end;
      const bool ascii_capital = byte(begin) >= 'A' && byte(begin) <= 'Z';
      const bool latin1_capital = byte(begin) == 0xC3 && begin + 1 < end &&
                                  byte(begin + 1) >= 0x80 && byte(begin + 1) <= 0x9E &&
                                  byte(begin + 1) != 0x97;  // × is no letter
      if (end - begin >= 4 && (ascii_capital || latin1_capital)) {
        for (std::size_t i = begin; i < end; ++i) {
          if (byte(i) >= 'A' && byte(i) <= 'Z') {
            text[i] = static_cast<char>(byte(i) + 0x20);
          } else if (byte(i) == 0xC3 && i + 1 < end && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9E &&
                     byte(i + 1) != 0x97) {
            text[i + 1] = static_cast<char>(byte(i + 1) + 0x20);
          }
        }
        decode(std::string_view(text).substr(begin, end - begin), noun);
        const std::uint64_t hash = word_hash(noun.data(), noun.size());
        nouns_.insert(hash);
        noun_filter_.insert(hash);
      }
      begin = line_end + 1;
    }
  }

  // Every form of the word list, and the dictionary's roots (the .dic file's words before
  // their flags): some occur only inside compounds (Mikro-, Audio-, Sub-).
  void load_forms(const std::string& wordlist, const std::string& dic) {
    forms_.reserve(600'000);  // measured: 540,000 forms
    std::string line;
    for (std::ifstream in(wordlist); std::getline(in, line);) forms_.add(line);
    std::ifstream in(dic);
    std::getline(in, line);  // the number of entries
    while (std::getline(in, line)) {
      forms_.add(std::string_view(line).substr(0, line.find_first_of("/\t ")));
    }
    forms_.seal();
  }

  // Whether the lower-cased `lowered` is a form of a noun of the dictionary (Kriegs, Tieren).
  [[nodiscard]] bool is_noun_form(const icu::UnicodeString& lowered) const {
    return morphology_->is_noun_form(lowered);
  }

  // Whether the lower-cased `lowered` is a noun: in the word list, or a form of a noun of
  // the dictionary (Kriegs, of Krieg).
  [[nodiscard]] bool is_noun(const icu::UnicodeString& lowered) const {
    return is_listed_noun(lowered) || morphology_->is_noun_form(lowered);
  }

  // Whether the dictionary has `lowered` as a form that begins compounds (Kriegs-, Dreh-,
  // Versicherungs-).
  [[nodiscard]] bool begins_compounds(const icu::UnicodeString& lowered) const {
    return morphology_->is_linking_form(lowered);
  }

  // The analysis of a word by a splitter without a user dictionary, as any such splitter
  // computed it (threads indexing at once share their work); null when none has yet.
  std::optional<CompoundAnalysis> remembered(std::uint64_t word) {
    const std::lock_guard<std::mutex> lock(memo_mutex_);
    const CompoundAnalysis* analysis = compounds_.find(word);
    if (analysis == nullptr) return std::nullopt;
    return *analysis;
  }

  void remember(std::uint64_t word, const CompoundAnalysis& analysis) {
    const std::lock_guard<std::mutex> lock(memo_mutex_);
    compounds_.insert(word, analysis);
  }

  // Whether `word` (any case) is made of forms of the word list and the dictionary's roots,
  // with linking elements: a word that is not is unknown to the dictionary (GermanForms).
  [[nodiscard]] int most_parts(const icu::UnicodeString& word) const {
    return forms_.most_parts(word);
  }

  // Whether the lower-cased `lowered` is a word, in either case.
  [[nodiscard]] bool is_word(const icu::UnicodeString& lowered) const {
    return accepts(lowered) || accepts(capitalized(lowered));
  }

 private:
  std::unique_ptr<GermanMorphology> morphology_;  // the dictionary, read as Hunspell reads it
  std::mutex memo_mutex_;                         // guards compounds_
  AnalysisCache compounds_{500'000};              // the answers, by word_hash()
  WordHashSet nouns_;                             // the word list's nouns, lower-cased
  WordHashFilter noun_filter_;  // most words asked about are no noun: answered here
  GermanForms forms_;           // what the dictionary may know a word to be made of
};

namespace {

// A read-only UnicodeString over a literal.
icu::UnicodeString view(std::u16string_view text) {
  return {false, text.data(), static_cast<int32_t>(text.size())};
}

bool is_prefix(const icu::UnicodeString& part) {
  return std::any_of(kPrefixes.begin(), kPrefixes.end(),
                     [&](std::u16string_view prefix) { return part == view(prefix); });
}

bool ends_with(const icu::UnicodeString& word, std::u16string_view ending) {
  return word.length() > static_cast<int32_t>(ending.size()) && word.endsWith(view(ending));
}

bool all_letters_in_bmp(const icu::UnicodeString& word) {
  for (int32_t i = 0; i < word.length(); ++i) {
    const UChar c = word.charAt(i);
    if (U16_IS_SURROGATE(c) || !u_isalpha(c)) return false;
  }
  return true;
}

// Joins a part that is a suffix (kSuffixParts) to the part before it.
void join_suffix_parts(const icu::UnicodeString& lowered, std::vector<int32_t>& cuts) {
  for (std::size_t i = cuts.size(); i-- > 0;) {
    const int32_t end = i + 1 < cuts.size() ? cuts[i + 1] : lowered.length();
    const icu::UnicodeString part = lowered.tempSubStringBetween(cuts[i], end);
    for (const std::u16string_view suffix : kSuffixParts) {
      if (part == view(suffix)) {
        cuts.erase(cuts.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
  }
}

// Joins a part that is a prefix (kPrefixes) to the part after it: Über|gang, Vor|läufer
// and Abhängigkeits|über+prüfung are derived words, not compounds of the prefix.
void join_prefix_parts(const icu::UnicodeString& lowered, std::vector<int32_t>& cuts) {
  for (std::size_t i = cuts.size(); i-- > 0;) {
    const int32_t begin = i > 0 ? cuts[i - 1] : 0;
    if (is_prefix(lowered.tempSubStringBetween(begin, cuts[i]))) {
      cuts.erase(cuts.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
}

}  // namespace

GermanCompoundSplitter::GermanCompoundSplitter(std::shared_ptr<const CompoundDictionary> dictionary)
    : dictionary_(std::move(dictionary)) {
  GermanLexicon::require_installed(german_dictionary_path(), german_wordlist_path());
}

GermanLexicon& GermanCompoundSplitter::lexicon() {
  if (lexicon_ == nullptr) lexicon_ = &GermanLexicon::shared();
  return *lexicon_;
}

namespace {

class Bracketing {
 public:
  Bracketing(GermanLexicon& lexicon, const icu::UnicodeString& lowered,
             const std::vector<int32_t>& cuts)
      : lexicon_(lexicon), lowered_(lowered) {
    bounds_.push_back(0);
    bounds_.insert(bounds_.end(), cuts.begin(), cuts.end());
    bounds_.push_back(lowered.length());
  }

  // Brackets the whole word; returns where its immediate head begins.
  int32_t run(std::vector<std::pair<int32_t, int32_t>>& constituents) {
    return bracket(0, bounds_.size() - 1, constituents);
  }

  // Brackets the word around the head a user gave (the cut at `head`), then each side.
  void run_with_head(int32_t head, std::vector<std::pair<int32_t, int32_t>>& constituents) {
    const std::size_t last = bounds_.size() - 1;
    std::size_t split = 1;
    while (split < last && bounds_[split] != head) ++split;
    constituents.emplace_back(bounds_[0], bounds_[split]);
    constituents.emplace_back(bounds_[split], bounds_[last]);
    if (split > 1) bracket(0, split, constituents);
    if (last - split > 1) bracket(split, last, constituents);
  }

 private:
  // Brackets parts [first, last); returns where the head begins.
  int32_t bracket(std::size_t first, std::size_t last,
                  std::vector<std::pair<int32_t, int32_t>>& constituents) {
    std::size_t best = first + 1;
    int best_score = -1;
    for (std::size_t k = first + 1; k < last; ++k) {
      const int score = established(first, k, true) + established(k, last, false);
      if (score >= best_score) {  // on a tie, the longer modifier
        best = k;
        best_score = score;
      }
    }
    constituents.emplace_back(bounds_[first], bounds_[best]);
    constituents.emplace_back(bounds_[best], bounds_[last]);
    if (best - first > 1) bracket(first, best, constituents);
    if (last - best > 1) bracket(best, last, constituents);
    return bounds_[best];
  }

  // 1 if parts [first, last) are one part or a word of the word list (a modifier also
  // without its linking element, or with the "e" it dropped), else 0.
  int established(std::size_t first, std::size_t last, bool modifier) {
    if (last - first == 1) return 1;
    const icu::UnicodeString span = lowered_.tempSubStringBetween(bounds_[first], bounds_[last]);
    if (lexicon_.is_listed_noun(span)) return 1;
    if (!modifier) return 0;
    for (const std::u16string_view fuge : kFugen) {
      if (ends_with(span, fuge)) {
        const icu::UnicodeString bare =
            span.tempSubString(0, span.length() - static_cast<int32_t>(fuge.size()));
        if (lexicon_.is_listed_noun(bare)) return 1;
      }
    }
    return lexicon_.is_listed_noun(icu::UnicodeString(span).append(u'e')) ? 1 : 0;
  }

  GermanLexicon& lexicon_;
  const icu::UnicodeString& lowered_;
  std::vector<int32_t> bounds_;  // 0, the cuts, the length
};

// The cuts of the compound reading with the fewest parts, or none when the word is a root,
// not a compound, or read two ways with as few parts.
std::vector<int32_t> fewest_parts(const Reading& reading, bool& ambiguous) {
  ambiguous = !reading.root && reading.ambiguous;
  if (reading.root || reading.ambiguous) return {};
  return reading.cuts;
}

// Whether the modifier [0, end) of a listed word ends in a vowel other than e: Greek and
// Latin stems (Para|meter, Genera|toren, Astro|nomen, Multi|media) more often than German
// nouns without a linking element.
bool ends_in_classical_vowel(const icu::UnicodeString& lowered, int32_t end) {
  return std::u16string_view(u"aiouy").find(lowered.charAt(end - 1)) != std::u16string_view::npos;
}

}  // namespace

// A word the dictionary lists whole (Bundesregierung, Nobelpreis) or accepts without
// analyzing (Menschenrechte, Versicherungsbeiträgen) is split where two nouns meet, at the
// one such place: the modifier as written, without a linking element (Bundes-, Menschen-)
// or missing its -e; the head as written.  Nouns are what the dictionary accepts only
// capitalized, or the word list has.  A listed word is split only with parts of four
// letters or more (Rind|fleisch, Werk|zeug), and not where its beginning is a prefix of a
// word (Ver|brauch: so not Verb|rauch) — prefix derivations are listed, not compounds — nor
// when it is a suffix derivation (Gründung, Verbraucher) or a lower-case word written
// capitalized (Zusammenführen, Spezifische: 167 of the bench corpus's German words were
// split so).  No head begins with -ion (Konstrukt|ionen).  A modifier is then split as a
// word of its own.
std::vector<int32_t> GermanCompoundSplitter::two_nouns(const icu::UnicodeString& lowered,
                                                       bool listed) {
  const int32_t shortest = listed ? 4 : 3;
  if (listed &&
      (lexicon().accepts(lowered) || prefix_derivation(lowered) || suffix_derivation(lowered))) {
    return {};
  }
  int32_t found = 0, found_bare = 0;
  bool weak = false;
  for (int32_t i = shortest; i + shortest <= lowered.length(); ++i) {
    if (lowered.compare(i, 3, u"ion", 0, 3) == 0) continue;      // Vers|ionen: -ion ends words
    if (!lexicon().is_noun(lowered.tempSubString(i))) continue;  // the head first: fewer nouns
    const int32_t bare = noun_modifier(lowered.tempSubString(0, i), listed);
    if (bare == 0) continue;
    if (found != 0) {
      if (bare == found_bare) continue;  // Kriegs|erklärung, not Kriegser|klärung
      return {};                         // two places: in doubt
    }
    found = i;
    found_bare = bare;
    // A classical stem in a listed word (Para|meter) is no modifier, but a doubt: with two
    // places to cut, the word stays whole.
    weak = listed && bare == i && ends_in_classical_vowel(lowered, i);
  }
  if (found == 0 || weak) return {};
  std::vector<int32_t> cuts = analyze(capitalized(lowered.tempSubString(0, found_bare))).cuts;
  for (int32_t& cut : cuts) cut = std::min(cut, found);
  cuts.push_back(found);
  return cuts;
}

// The length of the noun a modifier is (itself, or without its linking element), or 0.
int32_t GermanCompoundSplitter::noun_modifier(const icu::UnicodeString& modifier, bool listed) {
  if (is_prefix(modifier)) return 0;  // Vor|stellung, Über|gang: derived, not compound
  if (lexicon().is_noun(modifier) || lexicon().begins_compounds(modifier)) return modifier.length();
  for (const std::u16string_view fuge : kFugen) {
    if (listed && fuge != u"s" && fuge != u"es") continue;  // only -s- in a listed word
    const auto length = modifier.length() - static_cast<int32_t>(fuge.size());
    if (length >= 3 && ends_with(modifier, fuge) &&
        lexicon().is_noun(modifier.tempSubString(0, length))) {
      return length;
    }
  }
  if (!listed && lexicon().is_noun(icu::UnicodeString(modifier).append(u'e'))) {
    return modifier.length();
  }
  return 0;
}

namespace {

// The spans of a lower-cased word that are nouns of the lexicon, looked up without copying
// (the nouns are kept as UTF-8).  Words are of the BMP: one UTF-16 unit per letter.
class NounSpans {
 public:
  NounSpans(const GermanLexicon& lexicon, const icu::UnicodeString& lowered)
      : lexicon_(lexicon), word_(lowered.getBuffer(), static_cast<std::size_t>(lowered.length())) {}

  // A listed noun, ss also read as ß (Massnahmen as Swiss and case-folded text write
  // Maßnahmen); none begins with -ion, which ends Latin words (Imperfekt|ionen).
  [[nodiscard]] bool noun(int32_t begin, int32_t end) const {
    std::uint64_t state = kFnvOffset;
    for (const char16_t unit : span(begin, end)) state = fnv_step(state, unit);
    return noun(begin, end, state);
  }

  // As noun(begin, end), given the span's FNV-1a state (fewest_nouns extends it a letter
  // at a time rather than hashing each span anew).
  [[nodiscard]] bool noun(int32_t begin, int32_t end, std::uint64_t state) const {
    const std::u16string_view part = span(begin, end);
    if (part.substr(0, 3) == u"ion") return false;
    if (lexicon_.is_listed_noun_hash(finish_word_hash(state))) return true;
    if (part.find(u"ss") == std::u16string_view::npos) return false;
    std::u16string sharp;  // built letter by letter: replace() trips GCC 12's -Wrestrict
    for (std::size_t i = 0; i < part.size(); ++i) {
      const bool pair = part[i] == u's' && i + 1 < part.size() && part[i + 1] == u's';
      sharp.push_back(pair ? u'ß' : part[i]);
      if (pair) ++i;
    }
    return lexicon_.is_listed_noun(sharp);
  }

  // A listed noun with an ending of a plural or a dative (Dampfmaschine-n, Krustentier-en;
  // the word list has few plurals) that its own last noun takes: the dictionary has
  // Maschinen and Tieren, not Sprungen (hinge|sprungen) or Malere (mini|malere).  No
  // genitive -s: a word ending in one is mostly a modifier with its link (Überschneidungs).
  [[nodiscard]] bool inflected_noun(int32_t begin, int32_t end) const {
    for (const std::u16string_view ending : {u"en", u"n", u"e", u"nen"}) {
      const auto stem_end = end - static_cast<int32_t>(ending.size());
      if (stem_end - begin < 4 || span(stem_end, end) != ending ||
          !lexicon_.is_listed_noun(span(begin, stem_end))) {
        continue;
      }
      for (int32_t last = begin; last + 3 <= stem_end; ++last) {
        if (lexicon_.is_noun(alias(last, stem_end)) && lexicon_.is_noun_form(alias(last, end))) {
          return true;
        }
      }
    }
    return false;
  }

  // A noun as listed or a form of a noun of the dictionary (Sonnen, Kinder, Hunde): a
  // modifier with its linking element -e, -en, -er, -n is mostly such a form.
  [[nodiscard]] bool noun_form(int32_t begin, int32_t end) const {
    return lexicon_.is_noun(alias(begin, end));
  }

  // Whether the word up to `end` ends in a suffix that takes a linking s (Versicherung-s-,
  // Gesundheit-s-, Wissenschaft-s-, Funktion-s-): an s after it is the link, not a head's
  // first letter (Speicherungs|teil, not Speicherung|steil).
  [[nodiscard]] bool takes_s_link(int32_t end) const {
    const std::u16string_view modifier = span(0, end);
    for (const std::u16string_view suffix :
         {u"ung", u"heit", u"keit", u"schaft", u"ion", u"ität", u"tum", u"ling", u"sicht"}) {
      if (ends_in(modifier, suffix)) return true;
    }
    return false;
  }

  // Whether an s after the noun [begin, end) is unlikely to be its link, when the s could
  // as well begin the head: the noun takes no s by its suffix (takes_s_link), and it ends in
  // -e, -el, -en or -er, after which German rarely links with s (Kälber|stücke, not
  // Kälbers|tücke; Telegrafen|stange; Lüfter|steuerung), or it has no genitive in -s, being
  // feminine (Zeit|stempel, not Zeits|tempel; Datei|sätzen).  A masculine or neuter noun of
  // another ending links with s often (Wirts|tier, Auftrags|steuerung): the doubt stays.
  [[nodiscard]] bool s_link_doubted(int32_t begin, int32_t end) const {
    if (takes_s_link(end)) return false;
    const std::u16string_view noun = span(begin, end);
    for (const std::u16string_view ending : {u"e", u"el", u"en", u"er"}) {
      if (ends_in(noun, ending)) return true;
    }
    return !lexicon_.is_noun(icu::UnicodeString(alias(begin, end)).append(u's'));
  }

  // A listed noun without its final -e (Schul- of Schule), given the span's FNV-1a state.
  [[nodiscard]] bool noun_without_e(std::uint64_t state) const {
    return lexicon_.is_listed_noun_hash(finish_word_hash(fnv_step(state, u'e')));
  }

  // A verb's stem (Bezahl- of bezahlen, Kompilier- of kompilieren, Wander- of wandern),
  // or that stem with -e (Lese- of lesen): the dictionary has the verb's infinitive, first
  // and third person in lower case, so neither a past tense (sang-en) nor a preposition
  // (geg-en) nor an adjective (gut-en) is taken for one.
  [[nodiscard]] bool verb_stem(int32_t begin, int32_t end) const {
    std::u16string_view stem = span(begin, end);
    if (stem.size() > 3 && stem.back() == u'e') stem.remove_suffix(1);
    if (stem.size() < 3) return false;
    const auto word = [this, stem](std::u16string_view ending) {
      return lexicon_.accepts(
          icu::UnicodeString(stem.data(), static_cast<int32_t>(stem.size())).append(view(ending)));
    };
    if (!word(u"en") || !word(u"e") || !(word(u"t") || word(u"et"))) {
      const std::u16string_view last_two = stem.substr(stem.size() - 2);
      return (last_two == u"el" || last_two == u"er") && word(u"n") && word(u"t");
    }
    // A weak verb's past (holt-en of holen) is no stem of its own.
    if (stem.back() != u't') return true;
    const std::u16string_view before = stem.substr(0, stem.size() - 1);
    return !lexicon_.accepts(
        icu::UnicodeString(false, before.data(), static_cast<int32_t>(before.size()))
            .append(u"en"));
  }

  // A noun that is no word written in lower case (Dienst, not drücken or stelle): the head
  // after a verb's stem.
  [[nodiscard]] bool noun_only(int32_t begin, int32_t end) const {
    const std::u16string_view part = span(begin, end);
    return !lexicon_.accepts(
        icu::UnicodeString(false, part.data(), static_cast<int32_t>(part.size())));
  }

 private:
  [[nodiscard]] std::u16string_view span(int32_t begin, int32_t end) const {
    return word_.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
  }
  static bool ends_in(std::u16string_view word, std::u16string_view ending) {
    return word.size() >= ending.size() && word.substr(word.size() - ending.size()) == ending;
  }

  // The span as a read-only string sharing the word's letters.
  [[nodiscard]] icu::UnicodeString alias(int32_t begin, int32_t end) const {
    return {false, word_.data() + begin, end - begin};
  }

  const GermanLexicon& lexicon_;
  std::u16string_view word_;  // the lower-cased word, which outlives this
};

// A word as modifiers (nouns, each as listed, with a linking element or without its -e)
// and a noun head, with the fewest parts, and of those the fewest doubted links (an s
// s_link_doubted doubts; an -e, -en, -er, -n, -es that makes no form of the noun:
// Format|erkennung, not Format+er|kennung): where each part begins; empty when there is
// no such reading of two parts or more, or when two such readings cut differently
// (`ambiguous`).
std::vector<int32_t> fewest_nouns(const NounSpans& nouns, const icu::UnicodeString& lowered,
                                  bool& ambiguous) {
  const int32_t n = lowered.length();
  const auto at = [](int32_t i) { return static_cast<std::size_t>(i); };
  // From the end: fewest[i] parts cover [i, n), with doubtful[i] doubted links among them (as
  // few as can be); ways[i] counts the different cut positions that do (2: more than one);
  // next[i] is where the part beginning at i ends.
  constexpr int kNone = 1 << 20;
  std::vector<int> fewest(at(n) + 1, kNone), doubtful(fewest.size(), 0), ways(fewest.size(), 0);
  std::vector<int32_t> next(fewest.size(), n);
  std::vector<std::pair<int32_t, int>> candidates;  // where the next part begins; doubtful links
  for (int32_t i = n - 1; i >= 0; --i) {
    if (i > 0 && (nouns.noun(i, n) || nouns.inflected_noun(i, n))) {
      fewest[at(i)] = 1;
      ways[at(i)] = 1;
    }
    candidates.clear();
    const auto consider = [&](int32_t cut, int doubtful_link) {
      if (cut >= n || fewest[at(cut)] == kNone) return;
      for (auto& [seen, doubt] : candidates) {  // a cut reached by two modifiers counts once
        if (seen == cut) {
          doubt = std::min(doubt, doubtful_link);
          return;
        }
      }
      candidates.emplace_back(cut, doubtful_link);
    };
    std::uint64_t state = kFnvOffset;  // of [i, end)
    for (int32_t end = i; end < i + 3 && end < n; ++end) state = fnv_step(state, lowered[end]);
    for (int32_t end = i + 3; end < n; state = fnv_step(state, lowered[end++])) {
      if (nouns.noun(i, end, state)) {
        for (const std::u16string_view link : kFugen) {
          const auto length = static_cast<int32_t>(link.size());
          if (lowered.compare(end, length, view(link)) == 0) {
            // An s is the link after -ung and its kind; another link makes a noun's form.
            const bool doubted =
                link == u"s" ? nouns.s_link_doubted(i, end) : !nouns.noun_form(i, end + length);
            consider(end + length, doubted ? 1 : 0);
          }
        }
        // Versicherung|steil; and a listed form in -s is the noun with its link (Lüfters)
        const bool s_form = end - i > 4 && lowered[end - 1] == u's' && nouns.noun(i, end - 1) &&
                            nouns.s_link_doubted(i, end - 1);
        consider(end, (lowered[end] == u's' && nouns.takes_s_link(end)) || s_form ? 1 : 0);
      } else if (nouns.noun_without_e(state)) {
        consider(end, 0);
      } else if (fewest[at(end)] == 1 && (i == 0 || lowered[i] != u's') &&
                 nouns.noun_only(end, n) && nouns.verb_stem(i, end)) {
        // A verb's stem right before the head: Bezahl|dienst, Kompilier|zeit.  Not one with
        // s after another part: that s is more likely the part's link (Versions|auswahl).
        consider(end, 0);
      }
    }
    for (const auto& [cut, doubtful_link] : candidates) {
      const int parts = fewest[at(cut)] + 1;
      const int doubt = doubtful[at(cut)] + doubtful_link;
      if (parts < fewest[at(i)] || (parts == fewest[at(i)] && doubt < doubtful[at(i)])) {
        fewest[at(i)] = parts;
        doubtful[at(i)] = doubt;
        ways[at(i)] = ways[at(cut)];
        next[at(i)] = cut;
      } else if (parts == fewest[at(i)] && doubt == doubtful[at(i)]) {
        ways[at(i)] = std::min(2, ways[at(i)] + ways[at(cut)]);
      }
    }
  }
  if (fewest[0] == kNone || fewest[0] < 2) return {};
  if (ways[0] > 1) {
    ambiguous = true;
    return {};
  }
  std::vector<int32_t> begins;
  for (int32_t begin = 0; begin < n; begin = next[at(begin)]) begins.push_back(begin);
  return begins;
}

}  // namespace

// A word the dictionary does not know (its compound rules leave out many nouns: Stubentür,
// Wirtszelle, Gebärdensprache are rejected) split into nouns of the word list: modifiers,
// each as listed (Stuben, Pest), with a linking element (Wirt-s, Krümmung-s) or without
// its final -e (Schul-), then a listed noun as head (tür, zelle, sprache).  The split with
// the fewest parts; when two differ in their cuts, the word is in doubt and stays whole.
// Parts are nouns of four bytes or more (the word list's nouns): Bit|strom is not split.
// The last noun is the head (Architekturspezifikations|zeichenkette), and each noun's own
// cuts are finer parts (Sauerstoff is listed, and is Sauer+stoff).
std::vector<int32_t> GermanCompoundSplitter::listed_nouns(const icu::UnicodeString& lowered,
                                                          bool& ambiguous, int32_t& head) {
  constexpr int32_t kLongestSplit = 64;  // letters: longer "words" are no compounds
  if (lowered.length() < 2 * 3 || lowered.length() > kLongestSplit) return {};
  const std::vector<int32_t> begins =
      fewest_nouns(NounSpans(lexicon(), lowered), lowered, ambiguous);
  std::vector<int32_t> cuts;
  for (std::size_t i = 0; i < begins.size(); ++i) {
    const int32_t end = i + 1 < begins.size() ? begins[i + 1] : lowered.length();
    if (i > 0) cuts.push_back(begins[i]);
    head = begins[i];
    for (const int32_t cut :
         analyze(capitalized(lowered.tempSubStringBetween(begins[i], end))).cuts) {
      cuts.push_back(begins[i] + cut);
    }
  }
  return cuts;
}

// Whether `lowered` is a prefix and a word (ver + brauch, gegen + wart, über + gang).
bool GermanCompoundSplitter::prefix_derivation(const icu::UnicodeString& lowered) {
  for (const std::u16string_view prefix : kPrefixes) {
    const auto length = static_cast<int32_t>(prefix.size());
    if (lowered.length() - length >= 3 && lowered.startsWith(view(prefix)) &&
        lexicon().is_word(lowered.tempSubString(length))) {
      return true;
    }
  }
  return false;
}

// Whether `lowered` (also without an inflection ending) is a word of lower case with a
// derivational suffix (kDerivations): grün|dung is gründen's noun, not a Dung.
bool GermanCompoundSplitter::suffix_derivation(const icu::UnicodeString& lowered) {
  for (const char16_t* inflection : {u"", u"en", u"n", u"s"}) {
    const icu::UnicodeString ending(inflection);
    if (!ending.isEmpty() && !lowered.endsWith(ending)) continue;
    const icu::UnicodeString word = lowered.tempSubString(0, lowered.length() - ending.length());
    for (const auto& [suffix, verb_ending] : kDerivations) {
      const auto length = word.length() - static_cast<int32_t>(suffix.size());
      if (length < 3 || !ends_with(word, suffix)) continue;
      icu::UnicodeString base = word.tempSubString(0, length);
      if (lexicon().accepts(icu::UnicodeString(base).append(view(verb_ending)))) return true;
      // handl|ung, bettl|er of handeln, betteln: the verb's -eln, -ern
      const UChar last = base.charAt(length - 1);
      if (!verb_ending.empty() && (last == u'l' || last == u'r') &&
          lexicon().accepts(base.insert(length - 1, u'e').append(u'n'))) {
        return true;
      }
    }
  }
  return false;
}

namespace {
const CompoundAnalysis kWholeWord;  // no compound, no doubt: most words asked about
}  // namespace

const CompoundAnalysis* AnalysisCache::find(std::uint64_t hash) const {
  const std::uint32_t* at = index_.find(hash);
  if (at == nullptr) return nullptr;
  return *at == kWhole ? &kWholeWord : &analyses_[*at];
}

const CompoundAnalysis& AnalysisCache::insert(std::uint64_t hash, CompoundAnalysis analysis) {
  if (index_.size() >= largest_) {  // bounded: a cache, not a second lexicon
    index_.clear();
    analyses_.clear();
  }
  if (analysis.cuts.empty() && !analysis.ambiguous && analysis.constituents.empty()) {
    index_.insert(hash, kWhole);  // answered from the index alone
    return kWholeWord;
  }
  index_.insert(hash, static_cast<std::uint32_t>(analyses_.size()));
  analyses_.push_back(std::move(analysis));
  return analyses_.back();
}

const CompoundAnalysis& GermanCompoundSplitter::analyze(const icu::UnicodeString& word) {
  // Most words of a text are too short to split: answered without a key or a cache entry.
  static const CompoundAnalysis kNone;
  if (word.length() < kShortestCompound) return kNone;
  const std::uint64_t hash = word_hash(reinterpret_cast<const char16_t*>(word.getBuffer()),
                                       static_cast<std::size_t>(word.length()));
  if (const CompoundAnalysis* cached = cache_.find(hash)) return *cached;
  // A user dictionary changes the answers: only splitters without one share them.
  const bool shared = !dictionary_ || dictionary_->empty();
  std::optional<CompoundAnalysis> analysis;
  if (shared) analysis = lexicon().remembered(hash);
  if (!analysis) {
    analysis = compute(word);
    if (shared) lexicon().remember(hash, *analysis);
  }
  return cache_.insert(hash, std::move(*analysis));
}

// A word the dictionary rejects, written with "ss" where it has ß (Strassenrand, as Swiss
// German and case-folded text write Straßenrand): the analysis of the spelling with ß that
// it accepts, mapped back onto the word.
std::optional<CompoundAnalysis> GermanCompoundSplitter::with_sharp_s(
    const icu::UnicodeString& form) {
  if (form.indexOf(u"ss", 2, 0) < 0 || lexicon().accepts(form)) return std::nullopt;
  for (int32_t at = form.indexOf(u"ss", 2, 0); at >= 0; at = form.indexOf(u"ss", 2, at + 1)) {
    icu::UnicodeString sharp(form);
    sharp.replace(at, 2, u'ß');
    if (!lexicon().accepts(sharp)) continue;
    CompoundAnalysis analysis = analyze(sharp);
    const auto back = [at](int32_t position) { return position > at ? position + 1 : position; };
    for (int32_t& cut : analysis.cuts) cut = back(cut);
    analysis.head = back(analysis.head);
    for (auto& [begin, end] : analysis.constituents) {
      begin = back(begin);
      end = back(end);
    }
    return analysis;
  }
  return std::nullopt;
}

// Drops the last cut where the head is a participle's ending: wachs|ende is wachsende, of
// wachsen, not an Ende; Wochen|ende stays (no verb "wochenen").
void GermanCompoundSplitter::drop_participle_ending(const icu::UnicodeString& lowered,
                                                    std::vector<int32_t>& cuts) {
  if (cuts.empty()) return;
  const icu::UnicodeString head = lowered.tempSubString(cuts.back());
  const bool participle_ending =
      std::any_of(kParticipleEndings.begin(), kParticipleEndings.end(),
                  [&](std::u16string_view ending) { return head == view(ending); });
  if (!participle_ending) return;
  const int32_t from = cuts.size() > 1 ? cuts[cuts.size() - 2] : 0;
  const icu::UnicodeString stem = lowered.tempSubStringBetween(from, cuts.back());
  for (const char16_t* infinitive : {u"en", u"n"}) {
    if (lexicon().accepts(icu::UnicodeString(stem).append(icu::UnicodeString(infinitive)))) {
      cuts.pop_back();
      return;
    }
  }
}

// Of the places a word read as two parts can be cut (the dictionary's doubt), the one
// place with a noun on both sides (noun_modifier, then a noun): Vorab|ruf.  0 when no
// place or several are: Stau|becken and Staub|ecken, Wachs|tube and Wach|stube stay a doubt.
int32_t GermanCompoundSplitter::cut_between_nouns(const icu::UnicodeString& lowered,
                                                  const std::vector<int32_t>& cuts) {
  int32_t found = 0;
  for (const int32_t cut : cuts) {
    if (cut <= 0 || cut >= lowered.length()) return 0;  // read in another spelling (ß)
    if (!lexicon().is_noun(lowered.tempSubString(cut)) ||
        noun_modifier(lowered.tempSubString(0, cut), false) == 0) {
      continue;
    }
    if (found > 0) return 0;
    found = cut;
  }
  return found;
}

// Joins parts that together are a root of the dictionary: its rules read Verbrauchsteuer
// as Verb + rauch + steuer, but Verbrauch is a word of its own, not to be split.
void GermanCompoundSplitter::join_listed_words(const icu::UnicodeString& lowered,
                                               std::vector<int32_t>& cuts) {
  std::vector<int32_t> bounds{0};
  bounds.insert(bounds.end(), cuts.begin(), cuts.end());
  bounds.push_back(lowered.length());
  std::vector<int32_t> joined;
  for (std::size_t i = 0; i + 1 < bounds.size();) {
    std::size_t next = i + 1;
    for (std::size_t j = bounds.size() - 1; j > i + 1; --j) {
      if (i == 0 && j == bounds.size() - 1) continue;  // the whole word
      if (lexicon().read(capitalized(lowered.tempSubStringBetween(bounds[i], bounds[j]))).root) {
        next = j;
        break;
      }
    }
    if (i > 0) joined.push_back(bounds[i]);
    i = next;
  }
  cuts = std::move(joined);
}

// The split of a CompoundDictionary entry for `word`, or for `word` without an inflection
// ending (Staubeckens: stau+becken, the ending going with the head); nullopt when neither
// is an entry.
std::optional<CompoundAnalysis> GermanCompoundSplitter::user_split(const icu::UnicodeString& word) {
  if (!dictionary_ || dictionary_->empty()) return std::nullopt;
  const icu::UnicodeString lowered = lower(word);
  const std::string* marked = nullptr;
  auto find = [&](const icu::UnicodeString& form) {
    const auto it = dictionary_->entries().find(to_utf8(form));
    if (it != dictionary_->entries().end()) marked = &it->second;
  };
  find(lowered);
  for (std::size_t i = 0; marked == nullptr && i < kInflections.size(); ++i) {
    if (ends_with(lowered, kInflections[i])) {
      find(lowered.tempSubString(0,
                                 lowered.length() - static_cast<int32_t>(kInflections[i].size())));
    }
  }
  if (marked == nullptr) return std::nullopt;
  CompoundAnalysis analysis;  // an entry without marks: the word stays whole
  int32_t letters = 0, head = 0;
  for (const char c : *marked) {
    if (c == '+' || c == '|') {
      analysis.cuts.push_back(letters);
      if (c == '|') head = letters;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++letters;  // a code point begins: words are of the BMP, so one UTF-16 unit
    }
  }
  if (analysis.cuts.empty()) return analysis;
  Bracketing bracketing(lexicon(), lowered, analysis.cuts);
  if (head > 0) {
    analysis.head = head;
    bracketing.run_with_head(head, analysis.constituents);
  } else {
    analysis.head = bracketing.run(analysis.constituents);
  }
  return analysis;
}

CompoundAnalysis GermanCompoundSplitter::compute(const icu::UnicodeString& word) {
  CompoundAnalysis analysis;
  if (word.length() < kShortestCompound || !all_letters_in_bmp(word)) return analysis;
  if (std::optional<CompoundAnalysis> user = user_split(word)) return *user;

  // A word written in lower case that is a word so (zahlreiche, wachsende) is no noun, so no
  // noun compound: the dictionary reads it as written.  Otherwise in the dictionary's case
  // (a query's "weltmeisterschaft" is Weltmeisterschaft).
  // Not made of two forms of the lexicon or more: unknown to the dictionary or a word of one
  // piece, and no nouns to split it into.
  if (lexicon().most_parts(word) < 2) return analysis;
  const bool lower_case_word = u_islower(word.char32At(0)) && lexicon().accepts(word);
  const icu::UnicodeString form = lower_case_word ? word : dictionary_form(word);
  if (const std::optional<CompoundAnalysis> sharp_s = with_sharp_s(form)) return *sharp_s;
  Reading reading = lexicon().read(form);
  if (!reading.known && lexicon().accepts(form)) {
    // An inflected compound Hunspell accepts but does not analyze: read it without the
    // ending (Nationalmannschaften → Nationalmannschaft).
    for (const std::u16string_view ending : kInflections) {
      const auto stem_length = form.length() - static_cast<int32_t>(ending.size());
      if (!ends_with(form, ending) || stem_length < kShortestCompound) continue;
      reading = lexicon().read(form.tempSubString(0, stem_length));
      if (reading.known) break;
    }
  }
  const icu::UnicodeString lowered = lower(form);
  std::vector<int32_t> cuts = fewest_parts(reading, analysis.ambiguous);
  if (analysis.ambiguous && !lower_case_word) {
    if (const int32_t cut = cut_between_nouns(lowered, reading.two_part_cuts); cut > 0) {
      cuts = {cut};  // Vorab|ruf, the one reading of two nouns
      analysis.ambiguous = false;
    }
  }
  int32_t head = 0;  // where the head begins, when known before bracketing
  if (cuts.empty() && !analysis.ambiguous && !lower_case_word) {
    if (reading.root || lexicon().accepts(form)) {
      cuts = two_nouns(lowered, reading.root);
    } else if (!reading.known) {
      cuts = listed_nouns(lowered, analysis.ambiguous, head);  // Stuben|tür, Wirts|zelle
    }
  }
  join_suffix_parts(lowered, cuts);
  drop_participle_ending(lowered, cuts);
  join_prefix_parts(lowered, cuts);
  join_listed_words(lowered, cuts);
  if (cuts.empty()) return analysis;
  analysis.cuts = std::move(cuts);
  Bracketing bracketing(lexicon(), lowered, analysis.cuts);
  if (std::find(analysis.cuts.begin(), analysis.cuts.end(), head) != analysis.cuts.end()) {
    analysis.head = head;
    bracketing.run_with_head(head, analysis.constituents);
  } else {
    analysis.head = bracketing.run(analysis.constituents);
  }
  return analysis;
}

namespace {

class GermanWordSplitter final : public WordSplitter {
 public:
  explicit GermanWordSplitter(std::shared_ptr<const CompoundDictionary> dictionary)
      : splitter_(std::move(dictionary)) {}

  void split(const icu::UnicodeString& text, int32_t begin, int32_t end,
             std::vector<std::pair<int32_t, int32_t>>& parts) override {
    parts.clear();
    // Only letters of the BMP are split, so code points are UTF-16 units.
    const CompoundAnalysis& analysis = splitter_.analyze(text.tempSubStringBetween(begin, end));
    for (const auto& [from, to] : analysis.constituents)
      parts.emplace_back(begin + from, begin + to);
    // In text order, a longer part first, as tokens go (the analyzer's invariant).
    std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
  }

  const CompoundAnalysis& analyze(const icu::UnicodeString& word) override {
    return splitter_.analyze(word);
  }

 private:
  GermanCompoundSplitter splitter_;
};

}  // namespace

std::unique_ptr<WordSplitter> make_german_word_splitter(
    std::shared_ptr<const CompoundDictionary> dictionary) {
  return std::make_unique<GermanWordSplitter>(std::move(dictionary));
}

}  // namespace polysearch::detail
