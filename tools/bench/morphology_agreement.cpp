// How often GermanMorphology (the compound splitter's own reading of igerman98's dictionary)
// answers as Hunspell 1.7 does over the same dictionary, word by word:
//
//   polysearch_morphology_agreement WORDS.tsv [DIFFERENCES.tsv]
//
// WORDS.tsv: one word a line, in its first column (polysearch_compound_speed --dump writes
// a corpus's distinct words of six letters or more so).  Compared: spell checking
// (Hunspell::spell against accepts), whether the word is a form of the dictionary (a reading
// without compound parts), whether Hunspell's analysis reads it at all, and where both read
// a compound, whether one of Hunspell's compound readings has our parts.  Also prints the
// time each takes.  Built only where Hunspell's headers are installed (libhunspell-dev).
#include <unicode/unistr.h>
#include <hunspell/hunspell.hxx>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "lang/german_compounds.hpp"
#include "lang/german_morphology.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string lower_utf8(const icu::UnicodeString& text) {
  icu::UnicodeString lowered(text);
  lowered.toLower();
  std::string out;
  return lowered.toUTF8String(out);
}

// Hunspell's analyses of a word: whether one is a root (no "pa:" field), and each compound
// reading's parts after the first, lower-cased and joined by "+".
struct HunspellReading {
  bool known = false, root = false;
  std::vector<std::string> compounds;
};

HunspellReading hunspell_reading(Hunspell& hunspell, const std::string& word) {
  HunspellReading reading;
  for (const std::string& analysis : hunspell.analyze(word)) {
    reading.known = true;
    std::string parts;
    for (std::size_t at = analysis.find("pa:"); at != std::string::npos;
         at = analysis.find("pa:", at + 3)) {
      const std::size_t end = analysis.find_first_of(" \t", at);
      parts += lower_utf8(icu::UnicodeString::fromUTF8(analysis.substr(at + 3, end - at - 3)));
      parts += "+";
    }
    if (parts.empty()) {
      reading.root = true;
    } else {
      reading.compounds.push_back(parts);
    }
  }
  return reading;
}

// Our reading's parts after the first, as hunspell_reading writes them.
std::string our_parts(const icu::UnicodeString& word, const polysearch::detail::Reading& reading) {
  icu::UnicodeString lowered(word);
  lowered.toLower();
  std::string parts;
  for (std::size_t i = 0; i < reading.cuts.size(); ++i) {
    const int32_t end = i + 1 < reading.cuts.size() ? reading.cuts[i + 1] : lowered.length();
    lowered.tempSubStringBetween(reading.cuts[i], end).toUTF8String(parts);
    parts += "+";
  }
  return parts;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: polysearch_morphology_agreement WORDS.tsv [DIFFERENCES.tsv]\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "polysearch_morphology_agreement: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::vector<std::string> words;
  for (std::string line; std::getline(in, line);) words.push_back(line.substr(0, line.find('\t')));
  try {
    const std::string dictionary = polysearch::detail::german_dictionary_path();
    Clock::time_point start = Clock::now();
    const polysearch::detail::GermanMorphology morphology(dictionary);
    const double our_load = seconds_since(start);
    start = Clock::now();
    Hunspell hunspell((dictionary + ".aff").c_str(), (dictionary + ".dic").c_str());
    const double hunspell_load = seconds_since(start);

    std::ofstream differences(argc == 3 ? argv[2] : "/dev/null");
    std::size_t spell = 0, root = 0, known = 0, compared = 0, same_parts = 0;
    double our_time = 0, hunspell_time = 0;
    for (const std::string& word : words) {
      const icu::UnicodeString text = icu::UnicodeString::fromUTF8(word);
      start = Clock::now();
      const bool we_accept = morphology.accepts(text);
      const polysearch::detail::Reading ours = morphology.read(text);
      our_time += seconds_since(start);
      start = Clock::now();
      const bool it_accepts = hunspell.spell(word);
      const HunspellReading theirs = hunspell_reading(hunspell, word);
      hunspell_time += seconds_since(start);

      spell += we_accept == it_accepts ? 1 : 0;
      root += ours.root == theirs.root ? 1 : 0;
      known += ours.known == theirs.known ? 1 : 0;
      bool parts_differ = false;
      if (!ours.root && !theirs.root && ours.known && !theirs.compounds.empty()) {
        ++compared;
        const std::string parts = our_parts(text, ours);
        bool found = false;
        for (const std::string& reading : theirs.compounds) found = found || reading == parts;
        same_parts += found ? 1 : 0;
        parts_differ = !found;
      }
      if (we_accept != it_accepts || ours.root != theirs.root || ours.known != theirs.known ||
          parts_differ) {
        differences << word << "\tspell " << it_accepts << we_accept << "\troot " << theirs.root
                    << ours.root << "\tknown " << theirs.known << ours.known << "\thunspell ";
        for (const std::string& reading : theirs.compounds) differences << reading << " ";
        differences << "\tours " << (ours.known && !ours.root ? our_parts(text, ours) : "")
                    << (ours.ambiguous ? " (ambiguous)" : "") << "\n";
      }
    }
    const auto share = [&](std::size_t n, std::size_t of) {
      return of == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(of);
    };
    std::printf("words                      %zu\n", words.size());
    std::printf("spell check agrees         %.5f\n", share(spell, words.size()));
    std::printf("root (form) agrees         %.5f\n", share(root, words.size()));
    std::printf("analysis reads it, agrees  %.5f\n", share(known, words.size()));
    std::printf("compound parts, same       %.5f of %zu read as compounds by both\n",
                share(same_parts, compared), compared);
    std::printf("load                       ours %.3f s, Hunspell %.3f s\n", our_load,
                hunspell_load);
    std::printf("time per word              ours %.2f us, Hunspell %.2f us\n",
                our_time * 1e6 / static_cast<double>(words.size()),
                hunspell_time * 1e6 / static_cast<double>(words.size()));
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "polysearch_morphology_agreement: " << error.what() << "\n";
    return 1;
  }
}
