// Speed of each Chinese analysis stage on one core, in MB/s of UTF-8 input:
// ICU's Traditional-Simplified Transliterator, polysearch's conversion table (same
// output), ICU's word break alone, and the whole Analyzer in each segmentation mode.
//
//   polysearch_chinese_speed [--mb N] FILE...
//
// The files' lines are the "documents"; they are repeated until there are N MB (default
// 20) and each stage converts them line by line, best of three runs.
#include <unicode/brkiter.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "lang/chinese_script.hpp"
#include "polysearch/analyzer.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> read_lines(const std::vector<std::string>& files, double megabytes) {
  std::vector<std::string> source;
  for (const std::string& file : files) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) source.push_back(line);
    }
  }
  if (source.empty()) throw std::runtime_error("no text in the given files");
  std::vector<std::string> lines;
  double bytes = 0;
  while (bytes < megabytes * 1e6) {
    for (const std::string& line : source) {
      lines.push_back(line);
      bytes += static_cast<double>(line.size());
    }
  }
  return lines;
}

double total_bytes(const std::vector<std::string>& lines) {
  double bytes = 0;
  for (const std::string& line : lines) bytes += static_cast<double>(line.size());
  return bytes;
}

// Best of three runs of `stage` over every line, in MB/s.
double megabytes_per_second(const std::vector<std::string>& lines,
                            const std::function<void(const std::string&)>& stage) {
  double best = 1e30;
  for (int run = 0; run < 3; ++run) {
    const auto start = Clock::now();
    for (const std::string& line : lines) stage(line);
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return total_bytes(lines) / 1e6 / best;
}

void print_row(const char* stage, double speed) {
  std::printf("| %s | %.1f |\n", stage, speed);
  std::fflush(stdout);
}

int run(int argc, char** argv) {
  double megabytes = 20;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--mb" && i + 1 < argc) {
      megabytes = std::stod(argv[++i]);
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "usage: polysearch_chinese_speed [--mb N] FILE...\n";
      return 2;
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::cerr << "usage: polysearch_chinese_speed [--mb N] FILE...\n";
    return 2;
  }
  const std::vector<std::string> lines = read_lines(files, megabytes);
  std::printf("%zu lines, %.1f MB of UTF-8, one thread, best of 3\n\n", lines.size(),
              total_bytes(lines) / 1e6);
  std::printf("| stage | MB/s |\n| --- | --- |\n");

  icu::UnicodeString text;
  const auto transliterator = polysearch::detail::clone_traditional_to_simplified();
  print_row("UTF-8 → UTF-16 only", megabytes_per_second(lines, [&](const std::string& line) {
              text = icu::UnicodeString::fromUTF8(line);
            }));
  print_row("ICU Transliterator Traditional-Simplified (with UTF-8 → UTF-16)",
            megabytes_per_second(lines, [&](const std::string& line) {
              text = icu::UnicodeString::fromUTF8(line);
              transliterator->transliterate(text);
            }));
  const polysearch::detail::TraditionalToSimplified* table =
      polysearch::detail::TraditionalToSimplified::from_icu();
  if (table == nullptr) throw std::runtime_error("ICU's rules did not compile into a table");
  print_row("polysearch table (with UTF-8 → UTF-16)",
            megabytes_per_second(lines, [&](const std::string& line) {
              text = icu::UnicodeString::fromUTF8(line);
              const int32_t length = text.length();
              table->convert(text.getBuffer(length), static_cast<std::size_t>(length));
              text.releaseBuffer(length);
            }));

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) throw std::runtime_error("cannot create an ICU word break iterator");
  print_row("ICU word break (with UTF-8 → UTF-16)",
            megabytes_per_second(lines, [&](const std::string& line) {
              text = icu::UnicodeString::fromUTF8(line);
              words->setText(text);
              for (int32_t end = words->first(); end != icu::BreakIterator::DONE;
                   end = words->next()) {
              }
            }));

  std::vector<polysearch::Token> tokens;
  for (auto mode :
       {polysearch::ChineseSegmentation::Words, polysearch::ChineseSegmentation::Bigrams,
        polysearch::ChineseSegmentation::Hybrid}) {
    polysearch::AnalyzerOptions options;
    options.chinese.segmentation = mode;
    polysearch::Analyzer analyzer(polysearch::Language::Chinese, options);
    const std::string stage = std::string("polysearch Analyzer, ") + polysearch::to_string(mode) +
                              " (fold + segment + terms)";
    print_row(stage.c_str(), megabytes_per_second(lines, [&](const std::string& line) {
                analyzer.analyze(line, tokens);
              }));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "polysearch_chinese_speed: " << error.what() << '\n';
    return 1;
  }
}
