// polysearch segment: cut lines of text into words, as the index does.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "polysearch/analyzer.hpp"
#include "polysearch/error.hpp"
#include "polysearch/text.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kSegmentFooter =
    R"help(Reads lines (from FILE, or standard input by default or with '-') and prints each
line's words separated by one space, one output line per input line.

--mode words (the default) prints the words and punctuation marks as written, in the
original script: the segmentation that 'polysearch segeval' scores.  --mode bigrams and
--mode hybrid print the pieces of text each index term comes from, in index order.
hybrid gives the words and, beside them, the character bigrams of the text: not only
those inside a word but also those across word boundaries (清华大学的学生 gives 学的
and 的学 as well as 清华, 华大 and 大学).  --terms prints the index terms themselves:
Simplified script, case-folded, no punctuation.

--encoding NAME reads input in another encoding (GB18030, Big5, …) instead of UTF-8.

Examples:
  echo '清华大学的学生' | polysearch segment
  polysearch segment --dict names.txt < news.txt
  polysearch segment < test.raw.txt | polysearch segeval --gold test.gold.txt --output -
  polysearch segment --terms --mode hybrid article.txt)help";

struct SegmentCommandOptions {
  std::string mode = "words";
  std::string dictionary;
  bool no_fold_chinese_script = false;
  bool no_fold_chinese_variants = false;
  bool terms = false;
  std::string encoding;
  std::string input = "-";
};

AnalyzerOptions analyzer_options(const SegmentCommandOptions& options) {
  AnalyzerOptions analysis;
  analysis.chinese.fold_script = !options.no_fold_chinese_script;
  analysis.chinese.fold_variants = !options.no_fold_chinese_variants;
  try {
    analysis.chinese.segmentation = parse_chinese_segmentation(options.mode);
  } catch (const InvalidArgument&) {
    throw UsageError("unknown --mode '" + options.mode + "' (expected words, bigrams or hybrid)");
  }
  if (!options.dictionary.empty()) {
    analysis.chinese.dictionary =
        std::make_shared<UserDictionary>(UserDictionary::read(options.dictionary));
  }
  return analysis;
}

// One input line as the requested pieces, separated by single spaces.
class LineSegmenter {
 public:
  explicit LineSegmenter(const SegmentCommandOptions& options)
      : analyzer_(Language::Chinese, analyzer_options(options)),
        terms_(options.terms),
        words_(analyzer_.options().chinese.segmentation == ChineseSegmentation::Words) {}

  void write(std::string_view line, std::string& out) {
    out.clear();
    auto append = [&out](std::string_view piece) {
      if (!out.empty()) out += ' ';
      out += piece;
    };
    if (words_ && !terms_) {
      for (const Segment& segment : analyzer_.segment(line)) {
        append(line.substr(segment.begin, segment.end - segment.begin));
      }
      return;
    }
    analyzer_.analyze(line, tokens_);
    for (const Token& token : tokens_) {
      append(terms_ ? std::string_view(token.term)
                    : line.substr(token.begin, token.end - token.begin));
    }
  }

 private:
  Analyzer analyzer_;
  bool terms_;
  bool words_;
  std::vector<Token> tokens_;
};

int run_segment(const SegmentCommandOptions& options) {
  check_encoding_option(options.encoding);
  LineSegmenter segmenter(options);
  std::ifstream file;
  if (options.input != "-") {
    file.open(options.input, std::ios::binary);
    if (!file) throw InputError("cannot read '" + options.input + "'", 0);
  }
  const std::string name = options.input == "-" ? "standard input" : options.input;
  // Another encoding is converted whole (a line break need not be one byte in it).
  std::istringstream converted;
  if (needs_conversion(options.encoding)) {
    std::ostringstream bytes;
    bytes << (options.input == "-" ? std::cin.rdbuf() : file.rdbuf());
    converted.str(convert_to_utf8(bytes.str(), options.encoding, name));
  }
  std::istream& in = needs_conversion(options.encoding) ? converted
                     : options.input == "-"             ? std::cin
                                                        : file;
  std::string line, out;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (const auto error = find_invalid_utf8(line)) {
      throw InputError(name + ":" + std::to_string(number) + ": invalid UTF-8 (" + error->reason +
                           ") at byte " + std::to_string(error->offset),
                       error->offset);
    }
    segmenter.write(line, out);
    out += '\n';
    std::cout << out;
  }
  if (in.bad()) throw InputError("read error on " + name, 0);
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void add_segment_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<SegmentCommandOptions>();
  CLI::App* command = app.add_subcommand("segment", "Cut lines of Chinese text into words");
  command->footer(kSegmentFooter);
  command->add_option("--mode", options->mode, "words (default), bigrams or hybrid")
      ->type_name("words|bigrams|hybrid");
  command
      ->add_option("--dict", options->dictionary,
                   "User dictionary: one word a line, optional frequency")
      ->type_name(kFileType);
  command->add_flag("--no-fold-chinese-script", options->no_fold_chinese_script,
                    "Segment Traditional Han as it is, without folding it to Simplified first");
  command->add_flag("--no-fold-chinese-variants", options->no_fold_chinese_variants,
                    "Keep the Han variants ICU does not convert (牠, 閤, 様) as they are");
  command->add_flag("--terms", options->terms, "Print the index terms instead of the text");
  add_encoding_option(*command, options->encoding, "the input");
  command->add_option("FILE", options->input, "Text to segment, one sentence a line ('-': stdin)")
      ->type_name(kFileType);
  command->callback([options, &action] { action = [options] { return run_segment(*options); }; });
}

}  // namespace polysearch::cli
