#pragma once
// German compounds: Fußballweltmeisterschaft → Fußball + Weltmeisterschaft, and their
// parts.  The lexicon is Debian's: igerman98's Hunspell dictionary (hunspell-de-de), whose
// compound rules say which forms may begin, continue and end a compound (Fugen included:
// Versicherungs-, Straßen-, Schul-) and whose roots are words not to be split (Verbrauch,
// Staubecken), read by our own code (german_morphology.hpp); and igerman98's word list
// (wngerman), which knows which sequences of parts are established words (Fußball,
// Weltmeisterschaft), to bracket a compound of three or more parts.  Both are read at run
// time from where Debian installs them (docs/GERMAN.md says why and how it was measured).

#include <unicode/unistr.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lang/word_hash.hpp"
#include "lang/word_splitter.hpp"
#include "polysearch/compounds.hpp"

namespace polysearch::detail {

class GermanLexicon;  // german_compounds.cpp: the two dictionaries, loaded once per process

// A splitter's answers by word_hash (the look-up runs for every word of six letters or more
// of the text: a table of strings cost 0.75 s of 22 in indexing the German bench corpus).
// Words left whole, most of them, take no entry of their own: the cache adds few long-lived
// allocations to the heap Xapian's writes use.
class AnalysisCache {
 public:
  // Keeps at most `largest` words.
  explicit AnalysisCache(std::size_t largest = 200'000) : largest_(largest) {}

  [[nodiscard]] const CompoundAnalysis* find(std::uint64_t hash) const;
  // Stores `analysis`; the answers already returned stay valid, until the cache is full
  // and starts again empty.
  const CompoundAnalysis& insert(std::uint64_t hash, CompoundAnalysis analysis);

 private:
  static constexpr std::uint32_t kWhole = ~0U;  // in index_: a word left whole, not stored
  std::size_t largest_;
  WordHashMap<std::uint32_t> index_;       // where each word's analysis is in analyses_
  std::deque<CompoundAnalysis> analyses_;  // a deque: references survive insertion
};

class GermanCompoundSplitter {
 public:
  // The lexicon is loaded on the first word to split, once per process.  `dictionary`:
  // the user's splits, which take precedence (null: none).
  // @throws Error when the dictionaries are not installed (the message says which package).
  explicit GermanCompoundSplitter(std::shared_ptr<const CompoundDictionary> dictionary = nullptr);

  // Analyzes one word as written (any case: a query's "weltmeisterschaft" too).  The
  // result is cached by this splitter (not thread-safe: one per analyzer).
  const CompoundAnalysis& analyze(const icu::UnicodeString& word);

 private:
  CompoundAnalysis compute(const icu::UnicodeString& word);
  std::optional<CompoundAnalysis> user_split(const icu::UnicodeString& word);
  std::optional<CompoundAnalysis> with_sharp_s(const icu::UnicodeString& form);
  void drop_participle_ending(const icu::UnicodeString& lowered, std::vector<int32_t>& cuts);
  void join_listed_words(const icu::UnicodeString& lowered, std::vector<int32_t>& cuts);
  std::vector<int32_t> two_nouns(const icu::UnicodeString& lowered, bool listed);
  std::vector<int32_t> listed_nouns(const icu::UnicodeString& lowered, bool& ambiguous,
                                    int32_t& head);
  int32_t noun_modifier(const icu::UnicodeString& modifier, bool listed);
  int32_t cut_between_nouns(const icu::UnicodeString& lowered, const std::vector<int32_t>& cuts);
  bool prefix_derivation(const icu::UnicodeString& lowered);
  bool suffix_derivation(const icu::UnicodeString& lowered);

  GermanLexicon& lexicon();

  std::shared_ptr<const CompoundDictionary> dictionary_;
  GermanLexicon* lexicon_ = nullptr;  // the process's, once needed
  AnalysisCache cache_;
};

// The splitter of German's profile (LanguageProfile::make_word_splitter).
std::unique_ptr<WordSplitter> make_german_word_splitter(
    std::shared_ptr<const CompoundDictionary> dictionary);

// Where the dictionaries are looked for: the environment's POLYSEARCH_GERMAN_DICTIONARY
// (the Hunspell files' path without .aff/.dic) and POLYSEARCH_GERMAN_WORDLIST, else the
// paths found at build time (/usr/share/hunspell/de_DE, /usr/share/dict/ngerman).
std::string german_dictionary_path();
std::string german_wordlist_path();

}  // namespace polysearch::detail
