#pragma once
/// @file
/// Scoring a compound splitter against a gold list (fixtures/german-compounds/README.md):
/// one word a line, `word<TAB>analysis[;analysis…][<TAB>source]`, an analysis being the
/// word cut into its parts with "+" between parts and "|" before the immediate head
/// ("Kranken+versicherungs|beitrag"), or the word itself for a simple word.  A line with
/// several analyses is ambiguous: any of them, or the word left whole, is right.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "polysearch/eval/export.hpp"

namespace polysearch::eval {

/// One line of a gold list.
struct CompoundGoldEntry {
  std::size_t line = 0;               ///< 1-based line number
  std::string word;                   ///< as written
  std::vector<std::string> analyses;  ///< one, or several for an ambiguous word
  std::string source;                 ///< the third field, if any
};

/// A word the splitter got wrong.
struct CompoundMiss {
  std::string word;    ///< as the list writes it
  std::string gold;    ///< the gold analyses, joined by ";"
  std::string output;  ///< the splitter's, written the same way
  std::string kind;    ///< "head", "parts" (head right, other cuts not), "false split", "ambiguous"
};

/// What score_compounds() returns.  Rates are 0 when their denominator is 0.
struct CompoundScores {
  std::size_t compounds = 0;         ///< entries with one analysis that has a head
  std::size_t heads_correct = 0;     ///< … whose immediate head the splitter found
  std::size_t splits_correct = 0;    ///< … with every cut right (the head too)
  std::size_t simple = 0;            ///< entries with one analysis and no cut
  std::size_t false_splits = 0;      ///< … that the splitter split
  std::size_t ambiguous = 0;         ///< entries with several analyses
  std::size_t ambiguous_ok = 0;      ///< … split as one of them, or left whole
  double head_accuracy = 0.0;        ///< heads_correct / compounds
  double split_accuracy = 0.0;       ///< splits_correct / compounds
  double false_split_rate = 0.0;     ///< false_splits / simple
  double ambiguous_accuracy = 0.0;   ///< ambiguous_ok / ambiguous
  std::vector<CompoundMiss> misses;  ///< in the order of the list
};

/// Reads a gold list; `#` lines and blank lines are skipped.
/// @throws InputError naming `source:line` for invalid UTF-8, a line without an analysis,
///         or an analysis that is not the word cut (removing "+" and "|" must give the word;
///         at most one "|"; a cut analysis needs its "|").
POLYSEARCH_EVAL_API std::vector<CompoundGoldEntry> read_compound_gold(std::istream& in,
                                                                      const std::string& source);
/// Same, from a file.  @throws InputError as above, and when it cannot be read.
POLYSEARCH_EVAL_API std::vector<CompoundGoldEntry> read_compound_gold(
    const std::filesystem::path& path);

/// Scores `split`, which returns a word's analysis written as the gold list writes it.
POLYSEARCH_EVAL_API CompoundScores
score_compounds(const std::vector<CompoundGoldEntry>& gold,
                const std::function<std::string(const std::string& word)>& split);

}  // namespace polysearch::eval
