// polysearch segeval: score a word segmentation against a gold standard, SIGHAN-style.
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "input_files.hpp"
#include "output.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/segmentation.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kSegevalFooter =
    R"help(Scores a segmentation with the measures of the SIGHAN bakeoffs' 'score' script.
Both files hold one sentence a line, words separated by white space (spaces, tabs,
U+3000).  An output word is correct when a gold word covers exactly the same characters
of the line.  Prints lines, gold words, output words, correct words, precision = correct
/ output words, recall = correct / gold words and F1; with --words (a training word
list, one word a line: the first field counts), also the OOV rate (gold words not in the
list), OOV recall and IV recall ("--" when there is no such gold word; a rate is 0 when
there is nothing to divide).

Both files must have the same lines with the same characters once the separators are
removed; lines empty in both are skipped.  Unlike 'score', words are matched by position,
not by diff, and a misaligned line is an error naming the first differing character.

--json prints one object: {"gold", "output", "words", "lines", "empty_lines", "gold_words",
"output_words", "correct_words", "precision", "recall", "f1"}, with --words also
"oov_words", "oov_rate", "oov_recall", "iv_words" and "iv_recall" (null for "--"), and
with --per-line "per_line": [{"line", "gold_words", "output_words", "correct_words"}].

Examples:
  polysearch segeval --gold test.gold.txt --output test.seg.txt
  polysearch segeval --gold test.gold.txt --output test.seg.txt --words training_words.txt
  polysearch segment < test.raw.txt | polysearch segeval --gold test.gold.txt --output -
  polysearch segeval --gold test.gold.txt --output test.seg.txt --json | jq .f1)help";

struct SegevalCommandOptions {
  std::string gold;
  std::string output;
  std::string words;
  bool json = false;
  bool per_line = false;
};

std::string source_name(const std::string& argument) {
  return argument == "-" ? "standard input" : argument;
}

// The bytes of a file, or of standard input for "-".
std::string read_input(const std::string& argument) {
  if (argument == "-") return read_stdin();
  std::string error;
  std::optional<std::string> bytes = read_file(argument, error);
  if (!bytes) throw InputError(error, 0);
  return std::move(*bytes);
}

std::string rate(double value, std::size_t denominator) {
  return denominator == 0 ? "--" : fixed(value, 4);
}

Json rate_json(double value, std::size_t denominator) {
  return denominator == 0 ? Json(nullptr) : Json(value);
}

Json scores_json(const SegevalCommandOptions& options, const eval::SegmentationScores& scores) {
  Json out{{"gold", options.gold},
           {"output", options.output},
           {"words", options.words.empty() ? Json(nullptr) : Json(options.words)},
           {"lines", scores.lines},
           {"empty_lines", scores.empty_lines},
           {"gold_words", scores.gold_words},
           {"output_words", scores.output_words},
           {"correct_words", scores.correct_words},
           {"precision", scores.precision},
           {"recall", scores.recall},
           {"f1", scores.f1}};
  if (scores.has_word_list) {
    out["oov_words"] = scores.oov_words;
    out["oov_rate"] = scores.oov_rate;
    out["oov_recall"] = rate_json(scores.oov_recall, scores.oov_words);
    out["iv_words"] = scores.iv_words;
    out["iv_recall"] = rate_json(scores.iv_recall, scores.iv_words);
  }
  if (options.per_line) {
    Json lines = Json::array();
    for (const eval::LineSegmentationScores& line : scores.per_line) {
      lines.push_back({{"line", line.line},
                       {"gold_words", line.gold_words},
                       {"output_words", line.output_words},
                       {"correct_words", line.correct_words}});
    }
    out["per_line"] = std::move(lines);
  }
  return out;
}

void print_per_line(const eval::SegmentationScores& scores) {
  std::vector<std::vector<std::string>> rows{{"line", "gold", "output", "correct"}};
  for (const eval::LineSegmentationScores& line : scores.per_line) {
    rows.push_back({std::to_string(line.line), std::to_string(line.gold_words),
                    std::to_string(line.output_words), std::to_string(line.correct_words)});
  }
  std::cout << format_table(rows, {true, true, true, true}) << '\n';
}

void print_scores(const eval::SegmentationScores& scores) {
  std::vector<std::vector<std::string>> rows{{"lines", std::to_string(scores.lines)}};
  if (scores.empty_lines > 0) {
    rows.push_back({"empty lines", std::to_string(scores.empty_lines)});
  }
  rows.push_back({"gold words", std::to_string(scores.gold_words)});
  rows.push_back({"output words", std::to_string(scores.output_words)});
  rows.push_back({"correct", std::to_string(scores.correct_words)});
  rows.push_back({"precision", fixed(scores.precision, 4)});
  rows.push_back({"recall", fixed(scores.recall, 4)});
  rows.push_back({"F1", fixed(scores.f1, 4)});
  if (scores.has_word_list) {
    rows.push_back({"OOV rate", fixed(scores.oov_rate, 4)});
    rows.push_back({"OOV recall", rate(scores.oov_recall, scores.oov_words)});
    rows.push_back({"IV recall", rate(scores.iv_recall, scores.iv_words)});
  }
  std::cout << format_table(rows, {false, true});
}

int run_segeval(const SegevalCommandOptions& options) {
  if (options.gold == "-" && options.output == "-") {
    throw UsageError("--gold and --output cannot both be standard input");
  }
  std::optional<eval::WordList> words;
  if (!options.words.empty()) words = eval::read_word_list(options.words);
  std::istringstream gold(read_input(options.gold));
  std::istringstream output(read_input(options.output));
  eval::SegmentationOptions settings;
  settings.training_words = words ? &*words : nullptr;
  settings.per_line = options.per_line;
  const eval::SegmentationScores scores = eval::score_segmentation(
      gold, source_name(options.gold), output, source_name(options.output), settings);
  if (options.json) {
    std::cout << json_line(scores_json(options, scores)) << '\n';
  } else {
    if (options.per_line) print_per_line(scores);
    print_scores(scores);
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void add_segeval_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<SegevalCommandOptions>();
  CLI::App* sub =
      app.add_subcommand("segeval", "Score a word segmentation against a gold standard");
  sub->add_option("--gold", options->gold, "Gold segmentation: one sentence a line ('-': stdin)")
      ->required()
      ->type_name(kFileType);
  sub->add_option("--output", options->output,
                  "Segmentation to score, lines aligned with the gold ('-': stdin)")
      ->required()
      ->type_name(kFileType);
  sub->add_option("--words", options->words,
                  "Training word list for OOV figures: one word a line (first field)")
      ->type_name(kFileType);
  sub->add_flag("--per-line", options->per_line, "Also print each line's word counts");
  sub->add_flag("--json", options->json, "Print one JSON object");
  sub->footer(kSegevalFooter);
  sub->callback([options, &action] { action = [options] { return run_segeval(*options); }; });
}

}  // namespace polysearch::cli
