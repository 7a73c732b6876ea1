// Speed of German compound splitting on one core (issue 18's goal: a million words of
// running text a second), over the words of a corpus file as the indexer meets them.
//
//   polysearch_compound_speed [--mb N] [--dump SPLITS.tsv] FILE.jsonl|FILE.txt
//
// A .jsonl file is read as the bench corpus (title and text of each line); any other file
// as plain text.  Words are runs of letters.  The splitter starts cold (its caches and the
// process's empty, the lexicon loaded beforehand and timed apart) and meets the words in
// text order, as indexing does; a second pass over the same words shows the speed of the
// cache alone.  --dump writes each distinct word of 6+ letters with its split (as
// `polysearch compounds` prints it), in order of first occurrence: two versions of the
// splitter are compared by diffing their dumps.
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "corpus_file.hpp"
#include "lang/german_compounds.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// This thread's CPU time: steadier than the wall clock on a shared machine.
double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// The title and text of the file's documents (bench::append_corpus_file), or its lines,
// up to `megabytes` of them.
std::vector<std::string> read_texts(const std::string& file, double megabytes) {
  std::vector<std::string> texts;
  if (file.size() > 6 && file.compare(file.size() - 6, 6, ".jsonl") == 0) {
    std::vector<polysearch::Document> documents;
    double bytes = 0;
    polysearch::bench::append_corpus_file(file, documents, bytes);
    for (const polysearch::Document& document : documents)
      texts.push_back(document.title + "\n" + document.text);
  } else {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file);
    for (std::string line; std::getline(in, line);) texts.push_back(line);
  }
  double bytes = 0;
  std::size_t kept = 0;
  while (kept < texts.size() && bytes < megabytes * 1e6)
    bytes += static_cast<double>(texts[kept++].size());
  texts.resize(kept);
  return texts;
}

// The runs of letters of the texts, in order.
std::vector<icu::UnicodeString> words_of(const std::vector<std::string>& texts) {
  std::vector<icu::UnicodeString> words;
  for (const std::string& text : texts) {
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
    int32_t begin = -1;
    for (int32_t i = 0; i <= unicode.length(); ++i) {
      const bool letter = i < unicode.length() && u_isalpha(unicode.charAt(i));
      if (letter && begin < 0) begin = i;
      if (!letter && begin >= 0) {
        words.emplace_back(unicode, begin, i - begin);
        begin = -1;
      }
    }
  }
  return words;
}

// Each distinct word of 6+ letters and its split, "+" between parts, "|" before the head.
void write_splits(const std::string& file, const std::vector<icu::UnicodeString>& words,
                  polysearch::detail::GermanCompoundSplitter& splitter) {
  std::ofstream out(file);
  std::unordered_set<std::u16string> seen;
  for (const icu::UnicodeString& word : words) {
    if (word.length() < 6 ||
        !seen.emplace(word.getBuffer(), static_cast<std::size_t>(word.length())).second) {
      continue;
    }
    const polysearch::detail::CompoundAnalysis& analysis = splitter.analyze(word);
    icu::UnicodeString marked(word);
    for (auto cut = analysis.cuts.rbegin(); cut != analysis.cuts.rend(); ++cut) {
      marked.insert(*cut, *cut == analysis.head ? u'|' : u'+');
    }
    std::string utf8;
    out << word.toUTF8String(utf8) << '\t';
    utf8.clear();
    out << marked.toUTF8String(utf8) << (analysis.ambiguous ? "\tambiguous" : "") << '\n';
  }
  if (!out) throw std::runtime_error("cannot write " + file);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    double megabytes = 1e9;
    std::string file, dump;
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--mb" && i + 1 < argc) {
        megabytes = std::stod(argv[++i]);
      } else if (arg == "--dump" && i + 1 < argc) {
        dump = argv[++i];
      } else if (!arg.empty() && arg[0] != '-' && file.empty()) {
        file = arg;
      } else {
        std::cerr << "usage: polysearch_compound_speed [--mb N] [--dump SPLITS.tsv] "
                     "FILE.jsonl|FILE.txt\n";
        return 2;
      }
    }
    if (file.empty()) {
      std::cerr
          << "usage: polysearch_compound_speed [--mb N] [--dump SPLITS.tsv] FILE.jsonl|FILE.txt\n";
      return 2;
    }
    const std::vector<icu::UnicodeString> words = words_of(read_texts(file, megabytes));
    std::size_t long_words = 0;
    std::unordered_set<std::u16string> distinct;
    for (const icu::UnicodeString& word : words) {
      if (word.length() < 6) continue;
      ++long_words;
      distinct.emplace(word.getBuffer(), static_cast<std::size_t>(word.length()));
    }

    polysearch::detail::GermanCompoundSplitter splitter;
    Clock::time_point start = Clock::now();
    (void)splitter.analyze(u"Fußballweltmeisterschaft");  // loads the lexicon
    const double load = seconds_since(start);

    std::size_t split = 0;
    start = Clock::now();
    const double cpu_start = cpu_seconds();
    for (const icu::UnicodeString& word : words)
      split += splitter.analyze(word).cuts.empty() ? 0 : 1;
    const double cold = seconds_since(start);
    const double cold_cpu = cpu_seconds() - cpu_start;
    start = Clock::now();
    for (const icu::UnicodeString& word : words)
      split += splitter.analyze(word).cuts.empty() ? 0 : 1;
    const double warm = seconds_since(start);

    std::printf("words                    %zu (%zu of 6+ letters, %zu distinct)\n", words.size(),
                long_words, distinct.size());
    std::printf("lexicon load             %.3f s\n", load);
    std::printf("first pass               %.3f s  %.0f words/s  %.1f us per distinct word\n", cold,
                static_cast<double>(words.size()) / cold,
                cold * 1e6 / static_cast<double>(distinct.size()));
    std::printf("first pass, CPU time     %.3f s  %.0f words/s\n", cold_cpu,
                static_cast<double>(words.size()) / cold_cpu);
    std::printf("second pass (cached)     %.3f s  %.0f words/s\n", warm,
                static_cast<double>(words.size()) / warm);
    std::printf("words split              %.4f of words of 6+ letters\n",
                static_cast<double>(split) / 2.0 / static_cast<double>(long_words));
    if (!dump.empty()) write_splits(dump, words, splitter);
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "polysearch_compound_speed: " << error.what() << "\n";
    return 1;
  }
}
