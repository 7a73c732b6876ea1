// polysearch compounds: show how German compounds are split, or score the splitter
// against a gold list of hand-checked splits.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/compounds.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/compounds.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kCompoundsFooter =
    R"help(With WORDs: prints each word as the analyzer splits it, "+" between its parts and "|"
before its immediate head (Fußballweltmeisterschaft → Fuß+ball|welt+meisterschaft); a word
that is no compound, or whose split is in doubt ("ambiguous"), is printed whole.  The
index then also has, at the word's place, each constituent: Fußball, Weltmeisterschaft,
Fuß, Ball, Welt, Meisterschaft (polysearch analyze shows them).

With --gold FILE: scores the splitter against a gold list, one word a line:
word<TAB>analysis[;analysis…][<TAB>source], the analysis written as above (the word itself
for a simple word; several for an ambiguous word, where any of them or no split is right).
Prints, for the compounds, how often the immediate head is right and how often every cut
is; for the simple words, how often they were split (false splits); with --misses, each
word got wrong.  fixtures/german-compounds/gold.tsv is such a list.

--compound-dict FILE gives splits of your own, one word a line, marked as above:
Stau+becken, Fuß+ball|welt+meisterschaft; a word without marks stays whole
(Staubecken).  Words match whatever their case and with an inflection ending
(Staubeckens); blank lines and lines starting with # are skipped.  index, analyze and
bench take the same option; an index stores the entries with its settings.

--json prints one object per word ({"word", "split", "parts", "head", "ambiguous"}), or
for --gold one object: {"gold", "compounds", "head_accuracy", "split_accuracy", "simple",
"false_splits", "false_split_rate", "ambiguous", "ambiguous_accuracy", "misses": [{"word",
"gold", "output", "kind"}]}.

Examples:
  polysearch compounds Krankenversicherungsbeitrag Verbrauch Staubecken
  polysearch compounds --gold fixtures/german-compounds/gold.tsv --misses
  polysearch compounds --compound-dict splits.txt Staubecken)help";

struct CompoundsCommandOptions {
  std::string lang = "de";
  std::string gold;
  std::string dictionary;  // --compound-dict FILE
  bool misses = false;
  bool json = false;
  std::vector<std::string> words;
};

void print_words(CompoundSplitter& splitter, const CompoundsCommandOptions& options) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& word : options.words) {
    const CompoundSplit split = splitter.split(word);
    if (options.json) {
      std::cout << json_line(Json{{"word", word},
                                  {"split", split.written()},
                                  {"parts", split.parts},
                                  {"head", split.head},
                                  {"ambiguous", split.ambiguous}})
                << '\n';
    } else {
      rows.push_back({printable(word), "→", printable(split.written()),
                      split.ambiguous ? "(ambiguous: left whole)" : ""});
    }
  }
  if (!options.json) std::cout << format_table(rows, {});
}

Json scores_json(const std::string& gold, const eval::CompoundScores& scores) {
  Json misses = Json::array();
  for (const eval::CompoundMiss& miss : scores.misses) {
    misses.push_back(
        {{"word", miss.word}, {"gold", miss.gold}, {"output", miss.output}, {"kind", miss.kind}});
  }
  return Json{{"gold", gold},
              {"compounds", scores.compounds},
              {"head_accuracy", scores.head_accuracy},
              {"split_accuracy", scores.split_accuracy},
              {"simple", scores.simple},
              {"false_splits", scores.false_splits},
              {"false_split_rate", scores.false_split_rate},
              {"ambiguous", scores.ambiguous},
              {"ambiguous_accuracy", scores.ambiguous_accuracy},
              {"misses", std::move(misses)}};
}

void print_scores(const eval::CompoundScores& scores, bool with_misses) {
  if (with_misses && !scores.misses.empty()) {
    std::vector<std::vector<std::string>> rows{{"kind", "word", "gold", "output"}};
    for (const eval::CompoundMiss& miss : scores.misses) {
      rows.push_back(
          {miss.kind, printable(miss.word), printable(miss.gold), printable(miss.output)});
    }
    std::cout << format_table(rows, {}) << '\n';
  }
  const auto count = [](std::size_t n) { return std::to_string(n); };
  std::vector<std::vector<std::string>> rows{
      {"compounds", count(scores.compounds)},
      {"head correct", fixed(scores.head_accuracy, 4)},
      {"all cuts correct", fixed(scores.split_accuracy, 4)},
      {"simple words", count(scores.simple)},
      {"false splits",
       count(scores.false_splits) + " (" + fixed(scores.false_split_rate, 4) + ")"}};
  if (scores.ambiguous > 0) {
    rows.push_back({"ambiguous words", count(scores.ambiguous)});
    rows.push_back({"ambiguous right", fixed(scores.ambiguous_accuracy, 4)});
  }
  std::cout << format_table(rows, {false, true});
}

int run_compounds(const CompoundsCommandOptions& options) {
  const Language language = parse_language_option(options.lang, "--lang");
  if (!splits_compounds(language)) {
    throw UsageError("--lang " + options.lang + ": no compound splitter (only de has one)");
  }
  if (options.gold.empty() == options.words.empty()) {
    throw UsageError("give either WORDs to split or --gold FILE to score, not both");
  }
  std::shared_ptr<const CompoundDictionary> dictionary;
  if (!options.dictionary.empty()) {
    dictionary = std::make_shared<CompoundDictionary>(CompoundDictionary::read(options.dictionary));
  }
  CompoundSplitter splitter(language, std::move(dictionary));
  if (options.gold.empty()) {
    print_words(splitter, options);
    return kExitOk;
  }
  const eval::CompoundScores scores = eval::score_compounds(
      eval::read_compound_gold(options.gold),
      [&](const std::string& word) { return splitter.split(word).written(); });
  if (options.json) {
    std::cout << json_line(scores_json(options.gold, scores)) << '\n';
  } else {
    print_scores(scores, options.misses);
  }
  return kExitOk;
}

}  // namespace

void add_compounds_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<CompoundsCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "compounds", "Split German compounds, or score the splitter against a gold list");
  sub->add_option("--lang", options->lang, "Language of the words (de)")
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_option("--gold", options->gold, "Gold list to score against (see below)")
      ->type_name(kFileType);
  sub->add_option("--compound-dict", options->dictionary,
                  "Splits of your own, applied first (see below)")
      ->type_name(kFileType);
  sub->add_flag("--misses", options->misses, "With --gold: also list each word got wrong");
  sub->add_flag("--json", options->json, "Print JSON (see below)");
  sub->add_option("WORD", options->words, "Words to split");
  sub->footer(kCompoundsFooter);
  sub->callback([options, &action] { action = [options] { return run_compounds(*options); }; });
}

}  // namespace polysearch::cli
