#pragma once
/// @file
/// Scoring a word segmentation against a gold standard, with the measures of the SIGHAN
/// bakeoffs' `score` script (icwb2-data, Sproat and Emerson): word precision, recall and
/// F1, and with a training word list the OOV rate, OOV recall and IV recall.
///
/// Deliberate differences from `score`:
/// - A word is correct when a gold word covers exactly the same characters of the line.
///   `score` aligns the two word lists with `diff -y`, which can pair equal words at other
///   places (gold "AB A" and output "A BA" share "A" for diff, no span for us).
/// - Lines must hold the same characters, and the files the same number of lines; `score`
///   warns and counts the words, or stops at the end of the shorter file.
/// - Separators are ASCII white space and U+3000, as `score` splits (Perl's `\s` on bytes);
///   its Big5 ideographic space is not recognised, as the input is UTF-8.  A UTF-8 byte
///   order mark at the start of a file is dropped.
/// - The word list takes the first field of each line; `score` takes the whole line.
/// - Measures with nothing to divide are 0 where `score` fails or prints "--".

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <unordered_set>
#include <vector>

#include "polysearch/eval/export.hpp"

namespace polysearch::eval {

/// The words of a training set: a gold word outside it is out of vocabulary (OOV).
using WordList = std::unordered_set<std::string>;

/// The counts of one scored line.
struct LineSegmentationScores {
  std::size_t line = 0;           ///< 1-based line number in both files
  std::size_t gold_words = 0;     ///< words in the gold line
  std::size_t output_words = 0;   ///< words in the output line
  std::size_t correct_words = 0;  ///< output words with the span of a gold word
};

/// What score_segmentation() returns.  Rates are 0 when their denominator is 0.
struct SegmentationScores {
  std::size_t lines = 0;          ///< lines scored: those with words (equal texts: in both files)
  std::size_t empty_lines = 0;    ///< lines empty in both files (or only separators): skipped
  std::size_t gold_words = 0;     ///< words in the gold file
  std::size_t output_words = 0;   ///< words in the output file
  std::size_t correct_words = 0;  ///< output words with the span of a gold word
  double precision = 0.0;         ///< correct_words / output_words
  double recall = 0.0;            ///< correct_words / gold_words
  double f1 = 0.0;                ///< 2PR / (P + R)

  bool has_word_list = false;   ///< the OOV and IV figures below were computed
  std::size_t oov_words = 0;    ///< gold words not in the word list
  std::size_t oov_correct = 0;  ///< OOV gold words found with the same span in the output
  std::size_t iv_words = 0;     ///< gold words in the word list
  std::size_t iv_correct = 0;   ///< in-vocabulary gold words found with the same span
  double oov_rate = 0.0;        ///< oov_words / gold_words
  double oov_recall = 0.0;      ///< oov_correct / oov_words (`score` prints "--" for 0/0)
  double iv_recall = 0.0;       ///< iv_correct / iv_words

  /// Each scored line, in order, when SegmentationOptions::per_line is set.
  std::vector<LineSegmentationScores> per_line;
};

/// Settings of score_segmentation().
struct SegmentationOptions {
  /// Training words for the OOV and IV figures; not owned, may be null.
  const WordList* training_words = nullptr;
  bool per_line = false;  ///< fill SegmentationScores::per_line
};

/// Scores `output` against `gold`: both one sentence a line, words separated by runs of
/// separators (space, tab, CR, VT, FF, U+3000; so CRLF line ends are fine).  Each word
/// covers a span [begin, end) of the line's characters once the separators are removed;
/// an output word is correct when some gold word has the same span.  Characters and
/// training words are compared byte for byte: no normalization, not even of the script.
/// @throws InputError naming `source:line` for invalid UTF-8, for an output line whose
///         characters differ from the gold line's (the message names the first differing
///         character, counted from 1 without separators; an empty line on one side only
///         is such a difference), and for files with different line counts (naming both
///         counts).  `gold_source` and `output_source` name the streams in messages.
POLYSEARCH_EVAL_API SegmentationScores score_segmentation(std::istream& gold,
                                                          const std::string& gold_source,
                                                          std::istream& output,
                                                          const std::string& output_source,
                                                          const SegmentationOptions& options = {});

/// Same, from files.
/// @throws InputError as above, and when a file cannot be read.
POLYSEARCH_EVAL_API SegmentationScores score_segmentation(const std::filesystem::path& gold,
                                                          const std::filesystem::path& output,
                                                          const SegmentationOptions& options = {});

/// Reads a training word list: the first field of each line (separated as above; further
/// fields, such as a frequency, are ignored).  Blank lines are skipped.
/// @throws InputError naming `file:line` for invalid UTF-8, and for a file that cannot be
///         read or holds no word.
POLYSEARCH_EVAL_API WordList read_word_list(const std::filesystem::path& path);
/// Same, from a stream; `source` names it in error messages.
POLYSEARCH_EVAL_API WordList read_word_list(std::istream& in, const std::string& source);

}  // namespace polysearch::eval
