// polysearch detect: which language a text is in.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "input_files.hpp"
#include "output.hpp"
#include "polysearch/language.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kDetectFooter =
    R"help(Prints "CODE CONFIDENCE reliable|unreliable", e.g. "es 0.97 reliable": the analyzer's
language, the share of the text in it and the detector's verdict.  For text in a
language without an analyzer it prints the fallback and what was detected, e.g.
"und (fallback; detected en 0.97 reliable)".  Reads standard input when no TEXT
(or '-') is given.

Examples:
  polysearch detect "O projeto será gerido pela fundação"
  polysearch detect --json - < article.txt)help";

struct DetectCommandOptions {
  std::string fallback_lang = "und";
  bool json = false;
  std::string encoding;
  std::vector<std::string> text;
};

std::string describe(const LanguageGuess& guess) {
  const std::string code(language_code(guess.language));
  const std::string verdict =
      fixed(guess.confidence, 2) + " " + (guess.reliable ? "reliable" : "unreliable");
  if (!guess.fell_back) return code + " " + verdict;
  if (guess.detected.empty()) return code + " (fallback; nothing detected)";
  return code + " (fallback; detected " + guess.detected + " " + verdict + ")";
}

Json guess_json(const LanguageGuess& guess) {
  return {{"lang", language_code(guess.language)},
          {"confidence", guess.confidence},
          {"reliable", guess.reliable},
          {"detected", guess.detected},
          {"fell_back", guess.fell_back}};
}

int run_detect(const DetectCommandOptions& options) {
  DetectorOptions detector;
  detector.fallback = parse_fallback_option(options.fallback_lang, "--fallback-lang");
  check_encoding_option(options.encoding);
  const std::string text =
      convert_to_utf8(options.text.empty() ? read_stdin() : text_from_arguments(options.text),
                      options.encoding, "text");
  require_utf8(text, "text");
  const LanguageGuess guess = detect_language(text, detector);
  std::cout << (options.json ? json_line(guess_json(guess)) : describe(guess)) << '\n';
  return kExitOk;
}

}  // namespace

void add_detect_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<DetectCommandOptions>();
  CLI::App* sub = app.add_subcommand("detect", "Detect the language of a text");
  sub->add_option(
         "--fallback-lang", options->fallback_lang,
         "Language when the text is in none of " + list_language_codes(supported_languages(), ""))
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_flag("--json", options->json, "Print one JSON object");
  add_encoding_option(*sub, options->encoding, "the text");
  sub->add_option("TEXT", options->text, "Text, joined by spaces; - or nothing reads stdin");
  sub->footer(kDetectFooter);
  sub->callback([options, &action] { action = [options] { return run_detect(*options); }; });
}

}  // namespace polysearch::cli
