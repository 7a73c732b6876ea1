// polysearch analyze: show how the analyzer turns text into terms.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/analyzer.hpp"
#include "polysearch/language.hpp"
#include "polysearch/schema.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kAnalyzeFooter =
    R"help(Prints one line per token: position, the original text, its term (normalized: the form
phrases match) and its stem (the form plain query words match), and marks stop words.
With --lang auto the language is detected first and reported on the first line.
--json prints one object per token: position, text, begin, end (code points of the
input), byte_begin, byte_end, term, stem, stopword, part (a part of the word before it, at
its position: d'água → água, or a German compound's constituent), lang.
--keyword prints instead the value a keyword field with "fold": true indexes and matches
for TEXT (case, diacritics and Chinese script folded; the whole text is one value), e.g.
"Política" → "politica"; fields without fold match values as written.

Examples:
  polysearch analyze --lang de "Die Gründung der Stiftung"
  polysearch analyze --lang auto --json "O projeto será gerido pela fundação"
  polysearch analyze --lang zh - < article.txt
  polysearch analyze --lang zh --chinese-segmentation bigrams "清华大学"
  polysearch analyze --lang de "Fußballweltmeisterschaft"
  polysearch analyze --keyword "Política Exterior")help";

struct AnalyzeCommandOptions {
  std::string lang = "auto";
  std::string fallback_lang = "und";
  bool json = false;
  bool keyword = false;
  std::string encoding;
  AnalysisFlags analysis;
  std::vector<std::string> text;
};

std::string describe_guess(const LanguageGuess& guess) {
  std::string text = "language: " + std::string(language_code(guess.language)) + " (detected " +
                     (guess.detected.empty() ? std::string("nothing") : guess.detected) +
                     ", confidence " + fixed(guess.confidence, 2) + ", " +
                     (guess.reliable ? "reliable" : "unreliable");
  if (guess.fell_back) text += "; fallback";
  return text + ")";
}

// What the last column says of a token.
std::string note_of(const Token& token) {
  if (token.stopword) return "(stop word)";
  if (token.compound) return "(compound part)";
  if (token.part) return "(part)";
  if (token.subword) return "(subword)";
  return "";
}

void print_tokens(const std::vector<Token>& tokens, std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  for (const Token& token : tokens) {
    rows.push_back({std::to_string(token.position),
                    printable(text.substr(token.begin, token.end - token.begin)), "→",
                    printable(token.term), printable(token.stem), note_of(token)});
  }
  std::cout << format_table(rows, {true});
}

void print_tokens_json(const std::vector<Token>& tokens, std::string_view text, Language language) {
  for (const Token& token : tokens) {
    const Json object = {{"position", token.position},
                         {"text", text.substr(token.begin, token.end - token.begin)},
                         {"begin", code_point_index(text, token.begin)},
                         {"end", code_point_index(text, token.end)},
                         {"byte_begin", token.begin},
                         {"byte_end", token.end},
                         {"term", token.term},
                         {"stem", token.stem},
                         {"stopword", token.stopword},
                         {"part", token.part},
                         {"lang", language_code(language)}};
    std::cout << json_line(object) << '\n';
  }
}

int run_analyze(const AnalyzeCommandOptions& options) {
  Language language = parse_language_option(options.lang, "--lang");
  DetectorOptions detector;
  detector.fallback = parse_fallback_option(options.fallback_lang, "--fallback-lang");
  check_encoding_option(options.encoding);
  const std::string text =
      convert_to_utf8(text_from_arguments(options.text), options.encoding, "text");
  require_utf8(text, "text");
  if (options.keyword) {
    const AnalyzerOptions analysis =
        analysis_from_flags(options.analysis).value_or(AnalyzerOptions{});
    const std::string folded = fold_keyword(text, analysis);
    if (options.json) {
      std::cout << json_line(Json{{"text", text}, {"keyword", folded}}) << '\n';
    } else {
      std::cout << printable(text) << " → " << printable(folded) << '\n';
    }
    return kExitOk;
  }
  if (language == Language::Unknown) {
    const LanguageGuess guess = detect_language(text, detector);
    language = guess.language;
    if (!options.json) std::cout << describe_guess(guess) << '\n';
  }
  Analyzer analyzer(language, analysis_from_flags(options.analysis).value_or(AnalyzerOptions{}));
  const std::vector<Token> tokens = analyzer.analyze(text);
  if (options.json) {
    print_tokens_json(tokens, text, language);
  } else {
    print_tokens(tokens, text);
  }
  return kExitOk;
}

}  // namespace

void add_analyze_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<AnalyzeCommandOptions>();
  CLI::App* sub = app.add_subcommand("analyze", "Show the tokens, terms and stems of a text");
  sub->add_option("--lang", options->lang, std::string("Language: ") + language_option_codes())
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_option("--fallback-lang", options->fallback_lang,
                  "With --lang auto: language when detection finds none of " +
                      list_language_codes(supported_languages(), ""))
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_flag("--json", options->json, "One JSON object per token and line");
  sub->add_flag("--keyword", options->keyword,
                "Show the value a folding keyword field indexes for TEXT (see below)");
  add_encoding_option(*sub, options->encoding, "the text");
  add_analysis_options(*sub, options->analysis);
  sub->add_option("TEXT", options->text, "Text to analyze, joined by spaces; - reads stdin")
      ->required();
  sub->footer(kAnalyzeFooter);
  sub->callback([options, &action] { action = [options] { return run_analyze(*options); }; });
}

}  // namespace polysearch::cli
