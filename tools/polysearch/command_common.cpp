// Helpers shared by the subcommands.
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <string>
#include <vector>

#include "commands.hpp"
#include "input_files.hpp"
#include "polysearch/error.hpp"
#include "polysearch/index_writer.hpp"
#include "polysearch/text.hpp"
#include "utf8_text.hpp"

namespace polysearch::cli {
namespace {

// Written by the signal handler, read by every thread; a lock-free atomic may be stored to
// from a signal handler.
std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

// How long a command may take to reach its next safe point and finish after SIGINT or
// SIGTERM.  A flag alone is not enough: a call into Xapian that does not return (it can
// loop forever on a damaged table) never reaches the next check of it.
constexpr unsigned kStopGraceSeconds = 3;

// Only async-signal-safe calls below: atomics, alarm, write, signal, raise, _exit.
extern "C" void on_stop_signal(int signal_number) {
  int none = 0;
  if (!g_stop_signal.compare_exchange_strong(none, signal_number, std::memory_order_relaxed)) {
    // A second signal, of either kind: end at once, as that signal does by default.
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
    return;
  }
  alarm(kStopGraceSeconds);
}

extern "C" void on_stop_grace_over(int /*signal_number*/) {
  static const char message[] =
      "polysearch: error: interrupted; still busy 3 s after the signal, so ended at once: only "
      "what was committed before stays\n";
  static_assert(kStopGraceSeconds == 3, "the message says 3 s");
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
  _exit(kExitSignalBase + g_stop_signal.load(std::memory_order_relaxed));
}

}  // namespace

void install_stop_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  struct sigaction grace {};
  grace.sa_handler = on_stop_grace_over;
  sigemptyset(&grace.sa_mask);
  sigaction(SIGALRM, &grace, nullptr);
}

int pending_stop_signal() { return g_stop_signal.load(std::memory_order_relaxed); }

void cancel_stop_grace() { alarm(0); }

std::string language_option_codes() {
  return list_language_codes(supported_languages(), "") + ", " +
         std::string(language_code(Language::Neutral)) + " (language-neutral) or " +
         std::string(language_code(Language::Unknown));
}

std::string language_choices() {
  std::string choices(language_code(Language::Unknown));
  for (const Language language : analyzable_languages()) {
    choices += ' ';
    choices += language_code(language);
  }
  return choices;
}

Language parse_language_option(const std::string& value, const std::string& option) {
  try {
    return parse_language(value);
  } catch (const InvalidArgument&) {
    throw UsageError("unknown language '" + value + "' for " + option + " (expected " +
                     language_option_codes() + ")");
  }
}

Language parse_fallback_option(const std::string& value, const std::string& option) {
  const Language language = parse_language_option(value, option);
  if (language == Language::Unknown) {
    throw UsageError(option + " needs a language, not 'auto' (expected " +
                     list_language_codes(analyzable_languages()) + ")");
  }
  return language;
}

void add_analysis_options(CLI::App& command, AnalysisFlags& flags) {
  command.add_flag("--no-stemming", flags.no_stemming, "Index words unstemmed")
      ->group("Analysis (stored in a new index)");
  command
      .add_flag("--no-fold-diacritics", flags.no_fold_diacritics,
                "Terms keep their accents as written: no accent folding, no reading of "
                "ae/oe/ue as umlauts, no Spanish or Portuguese accent restoration before "
                "Snowball; phrases and wildcards then tell Gründung from Grundung, plain "
                "words only where the stems differ (Snowball itself drops German umlauts "
                "and Spanish acute accents)")
      ->group("Analysis (stored in a new index)");
  command
      .add_flag("--no-word-parts", flags.no_word_parts,
                "Keep words joined by apostrophes, dots, underscores or @ whole, and "
                "apostrophes as written: água then misses d'água, beispiel info@beispiel.de")
      ->group("Analysis (stored in a new index)");
  command
      .add_flag("--no-german-compounds", flags.no_german_compounds,
                "Keep German compounds whole: by default they are also indexed by their "
                "parts, at the word's place (Fußballweltmeisterschaft → Fußball, "
                "Weltmeisterschaft, Fuß, Ball, Welt, Meisterschaft), so a part finds them")
      ->group("Analysis (stored in a new index)");
  command
      .add_option("--compound-dict", flags.compound_dictionary,
                  "German compound splits of your own, one word a line with its parts "
                  "marked: Stau+becken, Fuß+ball|welt+meisterschaft ('|' before the head); "
                  "a word without marks stays whole")
      ->group("Analysis (stored in a new index)")
      ->type_name(kFileType);
  command
      .add_flag("--no-fold-chinese-script", flags.no_fold_chinese_script,
                "Segment Traditional Han as it is, without folding it to Simplified")
      ->group("Analysis (stored in a new index)");
  command
      .add_flag("--no-fold-chinese-variants", flags.no_fold_chinese_variants,
                "Keep the Han variants ICU does not convert (牠, 閤, Japanese 様) as they "
                "are, and 着 apart from 著")
      ->group("Analysis (stored in a new index)");
  command
      .add_option("--chinese-segmentation", flags.chinese_segmentation,
                  "Han text as 'hybrid' (default): the dictionary words plus the character "
                  "bigrams of the text, across word boundaries too (清华大学的学生 also gives "
                  "华大 and 学的); 'words' only; or 'bigrams' only")
      ->group("Analysis (stored in a new index)")
      ->type_name("hybrid|words|bigrams");
  command
      .add_flag("--no-chinese-unigrams", flags.no_chinese_unigrams,
                "In hybrid segmentation, do not index single Han characters: a "
                "one-character query (学) then finds only that character as a word")
      ->group("Analysis (stored in a new index)");
  command
      .add_option("--dict", flags.dictionary,
                  "User dictionary: one Chinese word a line, optional frequency; the "
                  "segmenter keeps these words whole")
      ->group("Analysis (stored in a new index)")
      ->type_name(kFileType);
}

std::optional<AnalyzerOptions> analysis_from_flags(const AnalysisFlags& flags) {
  if (!flags.no_stemming && !flags.no_fold_diacritics && !flags.no_word_parts &&
      !flags.no_german_compounds && !flags.no_fold_chinese_script &&
      !flags.no_fold_chinese_variants && !flags.no_chinese_unigrams &&
      flags.chinese_segmentation.empty() && flags.dictionary.empty() &&
      flags.compound_dictionary.empty()) {
    return std::nullopt;
  }
  AnalyzerOptions options;
  options.stemming = !flags.no_stemming;
  options.fold_diacritics = !flags.no_fold_diacritics;
  options.word_parts = !flags.no_word_parts;
  options.compounds = !flags.no_german_compounds;
  options.chinese.fold_script = !flags.no_fold_chinese_script;
  options.chinese.fold_variants = !flags.no_fold_chinese_variants;
  options.chinese.unigrams = !flags.no_chinese_unigrams;
  if (!flags.chinese_segmentation.empty()) {
    try {
      options.chinese.segmentation = parse_chinese_segmentation(flags.chinese_segmentation);
    } catch (const InvalidArgument&) {
      throw UsageError("unknown --chinese-segmentation '" + flags.chinese_segmentation +
                       "' (expected words, bigrams or hybrid)");
    }
  }
  if (!flags.dictionary.empty()) {
    options.chinese.dictionary =
        std::make_shared<UserDictionary>(UserDictionary::read(flags.dictionary));
  }
  if (!flags.compound_dictionary.empty()) {
    options.compound_dictionary =
        std::make_shared<CompoundDictionary>(CompoundDictionary::read(flags.compound_dictionary));
  }
  return options;
}

void add_encoding_option(CLI::App& command, std::string& encoding, const std::string& applies_to) {
  command
      .add_option("--encoding", encoding,
                  "Encoding of " + applies_to +
                      ": ISO-8859-1 (latin1), windows-1252, GB18030, Big5 or another ICU "
                      "converter name; converted to UTF-8 (default: UTF-8, checked as it is)")
      ->type_name("ENCODING");
}

bool needs_conversion(const std::string& encoding) {
  std::string folded;
  for (const char c : encoding) {
    if (c != '-' && c != '_')
      folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return !folded.empty() && folded != "utf8";
}

void check_encoding_option(const std::string& encoding) {
  if (!needs_conversion(encoding)) return;
  try {
    (void)to_utf8({}, encoding);
  } catch (const InvalidArgument&) {
    throw UsageError("unknown encoding '" + encoding +
                     "' for --encoding (expected ISO-8859-1, windows-1252, GB18030, Big5 or "
                     "another name ICU knows, such as UTF-16)");
  }
}

std::string convert_to_utf8(std::string bytes, const std::string& encoding,
                            const std::string& what) {
  if (!needs_conversion(encoding)) return bytes;
  try {
    return to_utf8(bytes, encoding);
  } catch (const InputError& error) {
    throw InputError(what + ": " + error.what(), error.byte_offset());
  }
}

CLI::Validator count_validator(std::size_t minimum) {
  return CLI::Validator(
      [minimum](std::string& value) -> std::string {
        const bool digits = !value.empty() && value.size() <= 18 &&
                            value.find_first_not_of("0123456789") == std::string::npos;
        if (digits && std::stoull(value) >= minimum) return {};
        return "expected an integer >= " + std::to_string(minimum) + ", got '" + value + "'";
      },
      "");
}

std::string text_from_arguments(const std::vector<std::string>& arguments) {
  if (arguments.size() == 1 && arguments[0] == "-") return read_stdin();
  std::string text;
  for (const auto& argument : arguments) {
    if (!text.empty()) text += ' ';
    text += argument;
  }
  return text;
}

void require_utf8(const std::string& text, const std::string& what) {
  if (const auto problem = find_invalid_utf8(text)) {
    throw InputError(what + ": invalid UTF-8 (" + problem->reason + ") at byte " +
                         std::to_string(problem->offset),
                     problem->offset);
  }
}

bool parse_double(const std::string& text, double& value) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0])) != 0) return false;
  errno = 0;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return errno == 0 && end == text.c_str() + text.size() && std::isfinite(value);
}

Bm25Params parse_bm25(const std::string& text) {
  const std::size_t comma = text.find(',');
  Bm25Params params;
  const bool ok = comma != std::string::npos && parse_double(text.substr(0, comma), params.k1) &&
                  parse_double(text.substr(comma + 1), params.b) && params.k1 >= 0 &&
                  params.b >= 0 && params.b <= 1;
  if (!ok) {
    throw UsageError("invalid --bm25 '" + text +
                     "' (expected K1,B with K1 >= 0 and 0 <= B <= 1, e.g. 1.2,0.75)");
  }
  return params;
}

Weighting parse_weight(const std::string& text) {
  try {
    return parse_weighting(text);
  } catch (const InvalidArgument& e) {
    throw UsageError("invalid --weight: " + std::string(e.what()));
  }
}

void add_weight_option(CLI::App& command, std::string& weight) {
  std::string models;
  for (const std::string_view name : weighting_names()) {
    models += (models.empty() ? "" : ", ") + std::string(name);
  }
  command
      .add_option("--weight", weight,
                  "Ranking model and parameters, e.g. bm25:k1=1.2,b=0.75, lm-dirichlet:mu=800, "
                  "pl2:c=1, dph (default bm25+: BM25+ with delta 1; --bm25 K1,B still sets its k1 "
                  "and b). Models: " +
                      models)
      ->type_name("NAME[:P=V,...]");
}

Feedback parse_prf(const std::string& text) {
  try {
    return parse_feedback(text);
  } catch (const InvalidArgument& e) {
    throw UsageError("invalid --prf: " + std::string(e.what()));
  }
}

void add_prf_option(CLI::App& command, std::string& prf) {
  command
      .add_option("--prf", prf,
                  "Expand queries by pseudo-relevance feedback: rm3 or bo1, with "
                  "docs=N (feedback documents, 10), terms=N (expansion terms, 10), "
                  "weight=W (the original query's share, 0.5), bigrams=0|1 (Chinese "
                  "bigrams too, 1); e.g. rm3:docs=10,terms=10,weight=0.5 (default off)")
      ->type_name("METHOD[:P=V,...]");
}

double parse_title_weight(const std::string& text) {
  double weight = 0.0;
  if (!parse_double(text, weight) || weight < 0.0) {
    throw UsageError("invalid --title-weight '" + text + "' (expected a number >= 0, e.g. 0.5)");
  }
  return weight;
}

void add_title_weight_option(CLI::App& command, std::string& title_weight) {
  command
      .add_option("--title-weight", title_weight,
                  "Also match each query word in the documents' titles, its score scaled by W "
                  "(on top of the title's share of the text); 0: off")
      ->capture_default_str()
      ->type_name("W");
}

void add_title_wdf_option(CLI::App& command, int& title_wdf) {
  command
      .add_option("--title-wdf", title_wdf,
                  "How many times a title word counts among a new index's words (its weight "
                  "against the text's, stored in the index; default " +
                      std::to_string(kDefaultTitleWdf) + ", 3 in indexes from before)")
      ->check(CLI::Range(0, static_cast<int>(kMaxTitleWdf)))
      ->type_name("N");
}

std::optional<unsigned> title_wdf_option(int title_wdf) {
  if (title_wdf < 0) return std::nullopt;
  return static_cast<unsigned>(title_wdf);
}

void add_filter_option(CLI::App& command, std::vector<std::string>& filters) {
  command
      .add_option("--filter", filters,
                  "Keep only documents that pass this filter, in the query syntax: "
                  "category:sport, price:10..20, date:2024-01-01.., lang:de, -tags:old; "
                  "repeatable (all must pass); never changes a score")
      ->type_name("EXPR")
      ->allow_extra_args(false);
}

void check_filters(Searcher& searcher, const SearchRequest& request) {
  if (request.filters.empty() && request.filter_queries.empty()) return;
  SearchRequest probe = request;
  probe.query.clear();  // the filters alone: browsing
  probe.limit = 0;
  probe.facets.clear();
  probe.collapse.clear();
  (void)searcher.search(probe);
}

}  // namespace polysearch::cli
