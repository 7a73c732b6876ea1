#pragma once
// Function-word evidence for the language of a short text, for the detector: CLD2 needs
// more text than a sentence to tell Spanish from Galician or Portuguese, and takes a short
// sentence that names English things ("Steve Jobs fundó Apple en California.") for English.
// Articles, prepositions and conjunctions are the commonest words of any sentence and say
// its language plainly.

#include <cstddef>
#include <string_view>

#include "polysearch/language.hpp"

namespace polysearch::detail {

struct FunctionWordVote {
  // The supported language that wins, or Unknown.
  Language language = Language::Unknown;
  // Against its closest rival: the words and letters that are the winner's and not the
  // rival's, and the other way round.
  std::size_t words = 0;
  std::size_t rival_words = 0;
};

// The supported language whose function words in `utf8` outnumber those of every other
// supported language, and with `against_other_languages` those of the languages without
// an analyzer that share many of them (English, French, Italian, Catalan, Dutch), by at
// least one.  A word counts for language A against B when it is on A's list and not on B's:
// A's stop list (LanguageProfile::stopwords) and its detection words, and each of its
// detection letters counts as a word ("¿" Spanish).  Unknown when no language wins.
FunctionWordVote vote_by_function_words(std::string_view utf8, bool against_other_languages);

}  // namespace polysearch::detail
