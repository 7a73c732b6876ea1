#pragma once
// What the German compound splitter asked Hunspell, answered from a table of every form the
// same Hunspell dictionary (igerman98, hunspell-de-de) generates.  Hunspell took 20-40 µs a
// question, trying every way to compound a word in two cases; the compound splitter asked
// two or three per new word, half its indexing time on German text.  Here a word is read
// with one hash look-up per substring.
//
// The table holds, for each form (lower-cased), which roles igerman98's flags give it: a
// word of its own (in which case), a compound's first part (COMPOUNDBEGIN), a middle part
// (COMPOUNDMIDDLE), a last part (COMPOUNDEND); whether its root is a noun; whether it came
// from the "k" prefix that makes linking forms (Kriegs-, Versicherungs-).  Affixes are
// applied as Hunspell applies them (strip, add, condition, cross products, continuation
// flags); forms with hyphens are left out, since the analyzer cuts words at hyphens first.
// docs/GERMAN.md compares its answers with Hunspell's.

#include <unicode/unistr.h>

#include <cstdint>
#include <string>
#include <vector>

#include "lang/word_hash.hpp"

namespace polysearch::detail {

// How a word reads: a form of the dictionary (root), else compound readings.
struct Reading {
  bool known = false;         // a form of the dictionary, or a compound of its forms
  bool root = false;          // a form of the dictionary itself: no compound reading is made
  bool ambiguous = false;     // two different compound readings with the fewest parts
  std::vector<int32_t> cuts;  // where the parts after the first begin (fewest parts)
  // When two parts are the fewest and they can be cut in more than one place (ambiguous):
  // each place (Stau|becken, Staub|ecken).
  std::vector<int32_t> two_part_cuts;
};

class GermanMorphology {
 public:
  // Reads `dictionary`.aff and .dic.  @throws Error when they cannot be read.
  explicit GermanMorphology(const std::string& dictionary);

  // The word (as written) read as Hunspell's analysis would: a form of the dictionary in a
  // case the word allows, else the compound readings with the fewest parts.
  [[nodiscard]] Reading read(const icu::UnicodeString& word) const;

  // Whether Hunspell's spell check accepts the word: a form that stands alone, or a
  // compound, in a case the word allows.
  [[nodiscard]] bool accepts(const icu::UnicodeString& word) const;

  // Whether the lower-cased word is a form of a noun (a root written with a capital).
  [[nodiscard]] bool is_noun_form(const icu::UnicodeString& lowered) const;

  // Whether the lower-cased word is a linking form that begins compounds (the "k" prefix's
  // forms: kriegs, versicherungs, dreh).
  [[nodiscard]] bool is_linking_form(const icu::UnicodeString& lowered) const;

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  // Role bits of a form.
  enum Bit : std::uint16_t {
    kWordLower = 1U << 0,   // stands alone, written in lower case
    kWordUpper = 1U << 1,   // stands alone, written with a capital
    kAnyLower = 1U << 2,    // any form (also only in compounds), lower case
    kAnyUpper = 1U << 3,    // any form, capital
    kBeginLower = 1U << 4,  // may begin a compound, lower case
    kBeginUpper = 1U << 5,  // may begin a compound, capital
    kMiddle = 1U << 6,      // may be a middle part
    kEnd = 1U << 7,         // may end a compound
    kNoun = 1U << 8,        // a form of a root written with a capital
    kLinking = 1U << 9,     // made by the "k" prefix
    kForbidden = 1U << 10,  // FORBIDDENWORD: never a word nor a part
    kMixedWord = 1U << 11,  // stands alone, written in mixed case (FreeBSD)
    kMixedAny = 1U << 12,   // any form written in mixed case
  };

  // How a word is written, as Hunspell tells cases apart.
  enum class Case { kLower, kCapital, kAllCaps, kMixed };

 private:
  struct Roles {
    std::uint16_t word, any, begin;  // the bits that count for a word written so
  };
  static Roles roles_for(Case written);
  [[nodiscard]] std::uint16_t bits(const char16_t* text, std::size_t length) const;
  [[nodiscard]] std::uint16_t bits(const icu::UnicodeString& word) const;
  void insert(std::uint64_t hash, std::uint16_t bits);
  void grow();
  // The fewest-parts compound reading of `lowered`; `begin_bits` are the roles a first
  // part may have in the word's case.  False when there is none.
  bool compound(const std::u16string& lowered, std::uint16_t begin_bits, Reading& reading) const;

  // Open addressing, a word_hash's tag and the form's roles in one word (not a WordHashMap:
  // 8 bytes a slot keep the 300,000 forms in 4 MB, for the walk over a word's substrings).
  std::vector<std::uint64_t> slots_;  // hash tag | roles; 0 is empty
  WordHashFilter filter_;             // of the tags, built once all forms are in
  std::size_t shortest_part_ = 2;     // the .aff file's COMPOUNDMIN
  std::size_t size_ = 0;
};

}  // namespace polysearch::detail
