// Word segmentation scores in the manner of the SIGHAN bakeoffs' `score` script, with
// words matched by character span instead of by diff (see polysearch/eval/segmentation.hpp).
#include <fstream>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eval/input_file.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/segmentation.hpp"
#include "polysearch/text.hpp"

namespace polysearch::eval {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

// Bytes of the separator starting at line[i], or 0 if none starts there.
std::size_t separator_length(std::string_view line, std::size_t i) {
  switch (line[i]) {
    case ' ':
    case '\t':
    case '\r':
    case '\v':
    case '\f': return 1;
    default:
      return line.compare(i, kIdeographicSpace.size(), kIdeographicSpace) == 0
                 ? kIdeographicSpace.size()
                 : 0;
  }
}

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t skip = 0;
    while (i < line.size() && (skip = separator_length(line, i)) > 0) i += skip;
    const std::size_t begin = i;
    while (i < line.size() && separator_length(line, i) == 0) ++i;
    if (i > begin) words.push_back(line.substr(begin, i - begin));
  }
  return words;
}

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string count_of_lines(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " line" : " lines");
}

// Reads a file line by line, knowing where it is for error messages.  Lines are checked
// for UTF-8 and lose a leading byte order mark on line 1.
class LineSource {
 public:
  LineSource(std::istream& in, std::string source) : in_(in), source_(std::move(source)) {}

  bool next(std::string& line) {
    line_offset_ = next_offset_;
    if (!std::getline(in_, line)) {
      if (in_.bad()) throw InputError(source_ + ": read error", line_offset_);
      return false;
    }
    next_offset_ += line.size() + 1;
    std::size_t skipped = 0;
    if (++line_number_ == 1 && line.compare(0, kUtf8Bom.size(), kUtf8Bom) == 0) {
      line.erase(0, kUtf8Bom.size());
      skipped = kUtf8Bom.size();
    }
    if (const auto error = find_invalid_utf8(line)) {
      fail("invalid UTF-8 (" + std::string(error->reason) + ") at byte " +
               std::to_string(error->offset + skipped),
           error->offset + skipped);
    }
    return true;
  }

  // The number of lines, reading what is left of the input.
  std::size_t count_lines() {
    std::string rest;
    while (std::getline(in_, rest)) ++line_number_;
    return line_number_;
  }

  [[nodiscard]] std::size_t line_number() const { return line_number_; }
  [[nodiscard]] std::string where() const { return source_ + ":" + std::to_string(line_number_); }

  [[noreturn]] void fail(const std::string& what, std::size_t offset_in_line = 0) const {
    throw InputError(where() + ": " + what, line_offset_ + offset_in_line);
  }

 private:
  std::istream& in_;
  std::string source_;
  std::size_t line_number_ = 0;
  std::size_t line_offset_ = 0;
  std::size_t next_offset_ = 0;
};

// A line's words, its text without separators, and the byte offset in that text where
// each word ends.  The texts of gold and output are equal, so byte spans match exactly
// when character spans do.
struct SegmentedLine {
  std::vector<std::string_view> words;
  std::string text;
  std::vector<std::size_t> ends;

  void assign(std::string_view line) {
    words = split_words(line);
    text.clear();
    ends.clear();
    for (const std::string_view word : words) {
      text += word;
      ends.push_back(text.size());
    }
  }
};

// Bytes of the character whose UTF-8 sequence starts with `lead` (the text is valid UTF-8).
std::size_t character_length(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  return byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
}

std::string character_at(std::string_view text, std::size_t byte) {
  return in_quotes(text.substr(byte, character_length(text[byte])));
}

// Throws unless both lines hold the same characters, naming the first that differs.
void require_same_text(const SegmentedLine& gold, const LineSource& gold_source,
                       const SegmentedLine& output, const LineSource& output_source) {
  if (gold.text == output.text) return;
  const std::string gold_line = gold_source.where();
  if (output.text.empty()) output_source.fail("empty line, but " + gold_line + " has text");
  if (gold.text.empty()) output_source.fail(gold_line + " is empty, but this line has text");
  std::size_t i = 0;
  std::size_t character = 1;
  while (i < gold.text.size() && i < output.text.size()) {
    // A lead byte gives the length, and UTF-8 encodes each character one way only: the
    // characters are equal when their bytes are.
    const std::size_t length = character_length(gold.text[i]);
    if (gold.text.compare(i, length, output.text, i, length) != 0) break;
    i += length;
    ++character;
  }
  const std::string at = "character " + std::to_string(character);
  if (i == output.text.size()) {
    output_source.fail("the line ends before " + at + ", where " + gold_line + " has " +
                       character_at(gold.text, i));
  }
  if (i == gold.text.size()) {
    output_source.fail("the line goes on at " + at + " with " + character_at(output.text, i) +
                       ", where " + gold_line + " ends");
  }
  output_source.fail("the text differs from " + gold_line + " at " + at + ": " +
                     character_at(output.text, i) + " instead of " + character_at(gold.text, i));
}

// Counts a gold word as in or out of the training vocabulary.
void count_vocabulary(const WordList& vocabulary, std::string_view word, bool correct,
                      SegmentationScores& scores) {
  if (vocabulary.count(std::string(word)) > 0) {
    ++scores.iv_words;
    if (correct) ++scores.iv_correct;
  } else {
    ++scores.oov_words;
    if (correct) ++scores.oov_correct;
  }
}

// Adds one line pair to `scores`: a two-pointer walk over the word ends of both lines.
void score_line(const SegmentedLine& gold, const SegmentedLine& output,
                const SegmentationOptions& options, std::size_t line_number,
                SegmentationScores& scores) {
  std::size_t correct = 0;
  std::size_t gold_begin = 0;
  std::size_t output_begin = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < gold.ends.size() && j < output.ends.size()) {
    const std::size_t gold_end = gold.ends[i];
    const std::size_t output_end = output.ends[j];
    const bool match = gold_end == output_end && gold_begin == output_begin;
    if (match) ++correct;
    if (gold_end <= output_end) {  // gold word i ends here: it is counted now
      if (options.training_words != nullptr) {
        count_vocabulary(*options.training_words, gold.words[i], match, scores);
      }
      gold_begin = gold_end;
      ++i;
    }
    if (output_end <= gold_end) {
      output_begin = output_end;
      ++j;
    }
  }
  ++scores.lines;
  scores.gold_words += gold.words.size();
  scores.output_words += output.words.size();
  scores.correct_words += correct;
  if (options.per_line) {
    scores.per_line.push_back({line_number, gold.words.size(), output.words.size(), correct});
  }
}

double ratio(std::size_t numerator, std::size_t denominator) {
  return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

void compute_rates(SegmentationScores& scores) {
  scores.precision = ratio(scores.correct_words, scores.output_words);
  scores.recall = ratio(scores.correct_words, scores.gold_words);
  const double sum = scores.precision + scores.recall;
  scores.f1 = sum > 0.0 ? 2.0 * scores.precision * scores.recall / sum : 0.0;
  if (scores.has_word_list) {
    scores.oov_rate = ratio(scores.oov_words, scores.gold_words);
    scores.oov_recall = ratio(scores.oov_correct, scores.oov_words);
    scores.iv_recall = ratio(scores.iv_correct, scores.iv_words);
  }
}

}  // namespace

SegmentationScores score_segmentation(std::istream& gold, const std::string& gold_source,
                                      std::istream& output, const std::string& output_source,
                                      const SegmentationOptions& options) {
  LineSource gold_lines(gold, gold_source);
  LineSource output_lines(output, output_source);
  SegmentationScores scores;
  scores.has_word_list = options.training_words != nullptr;
  std::string gold_line;
  std::string output_line;
  SegmentedLine gold_words;
  SegmentedLine output_words;
  for (;;) {
    const bool more_gold = gold_lines.next(gold_line);
    const bool more_output = output_lines.next(output_line);
    if (!more_gold && !more_output) break;
    if (more_gold != more_output) {
      const std::size_t gold_count = gold_lines.count_lines();
      const std::size_t output_count = output_lines.count_lines();
      throw InputError(output_source + " has " + count_of_lines(output_count) + " but " +
                           gold_source + " has " + std::to_string(gold_count),
                       0);
    }
    gold_words.assign(gold_line);
    output_words.assign(output_line);
    require_same_text(gold_words, gold_lines, output_words, output_lines);
    if (gold_words.words.empty()) {
      ++scores.empty_lines;
      continue;
    }
    score_line(gold_words, output_words, options, gold_lines.line_number(), scores);
  }
  compute_rates(scores);
  return scores;
}

SegmentationScores score_segmentation(const std::filesystem::path& gold,
                                      const std::filesystem::path& output,
                                      const SegmentationOptions& options) {
  std::ifstream gold_in = detail::open_input_file(gold);
  std::ifstream output_in = detail::open_input_file(output);
  return score_segmentation(gold_in, gold.string(), output_in, output.string(), options);
}

WordList read_word_list(std::istream& in, const std::string& source) {
  LineSource lines(in, source);
  WordList words;
  std::string line;
  while (lines.next(line)) {
    const std::vector<std::string_view> fields = split_words(line);
    if (!fields.empty()) words.emplace(fields.front());
  }
  if (words.empty()) throw InputError(source + ": no words", 0);
  return words;
}

WordList read_word_list(const std::filesystem::path& path) {
  std::ifstream in = detail::open_input_file(path);
  return read_word_list(in, path.string());
}

}  // namespace polysearch::eval
