#pragma once
// A quick "can the dictionary know this word?" test for the German compound splitter.
// Half the distinct words of a technical German text are unknown to the dictionary
// (AusweisApp, logfile, Localhost).  A word it knows is a sequence of forms of its lexicon,
// each followed by a linking element or none; the word list (wngerman, every inflected form)
// and the dictionary's own roots hold those forms.  A word that cannot be written so is
// unknown for certain, at the cost of a few hash look-ups, and a word of one form is no
// compound.  Measured on the bench corpus's German text when Hunspell still read the words
// (20-40 µs each): 60% of the words it did not know were caught, one of the 62,900 it knew
// was missed (docs/GERMAN.md).

#include <unicode/unistr.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "lang/word_hash.hpp"

namespace polysearch::detail {

class GermanForms {
 public:
  // Room for `forms` forms without growing.
  void reserve(std::size_t forms);

  // Adds one form (UTF-8, any case) of the word list or a root of the dictionary, and the
  // form without its final -e or -en (Schul- of Schule).
  void add(std::string_view utf8);

  // Whether `word` (any case) is a sequence of forms (of two letters or more), each
  // followed by a linking element (s, es, n, en, er, e) or none.  False for an empty word
  // and for words longer than Hunspell reads (100 code units).
  [[nodiscard]] bool composable(const icu::UnicodeString& word) const;

  // The most forms such a sequence for `word` has (0: not composable).  A word of one form
  // only (Verwendung: no ver-, no -wendung; Beispiel is bei+spiel) can be no compound, for
  // Hunspell or the word list: the splitter answers it without asking either.
  [[nodiscard]] int most_parts(const icu::UnicodeString& word) const;

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  // Builds the filter that answers most look-ups without the table; call after the last
  // add() (a form added later goes into the filter too).
  void seal();

 private:
  void insert(std::uint32_t fingerprint);
  [[nodiscard]] bool contains(std::uint32_t fingerprint) const;
  void add_hash(std::uint64_t hash, std::size_t length);

  std::vector<std::uint32_t> slots_;  // open addressing by 32-bit fingerprint; 0 is empty
  WordHashFilter filter_;             // of the fingerprints, built by seal()
  std::size_t size_ = 0;
  std::size_t longest_ = 0;  // longest form, in normalized code units
};

}  // namespace polysearch::detail
