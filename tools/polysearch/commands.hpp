#pragma once
// The subcommands of the polysearch tool.  Each add_*_command() registers its options on
// `app` and, when that subcommand is chosen, sets `action` to the code that runs it; main()
// calls the action after parsing, so CLI11 never sees our exceptions.

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/language.hpp"
#include "polysearch/searcher.hpp"

namespace polysearch::cli {

// Exit statuses (README "Errors and exit codes"; kExitStatusHelp says the same).
inline constexpr int kExitOk = 0;
// The question had an empty answer, as grep's 1: `search` found no hit, `delete` no id.
inline constexpr int kExitNoResults = 1;
// Wrong command line: unknown flag or language, bad value, query syntax.
inline constexpr int kExitUsage = 2;
// The data let us down: unreadable or invalid input (also when only some input documents
// or topics were skipped), a missing, corrupt or locked index, a failed write; and any
// other failure at run time.
inline constexpr int kExitDataError = 3;
// Interrupted by SIGINT or SIGTERM: 128 + the signal number (130, 143), as shells do.
inline constexpr int kExitSignalBase = 128;

// The exit statuses, as the help texts and the man page print them.
inline constexpr const char* kExitStatusHelp =
    R"help(Exit status:
  0    success
  1    no results: search found no hit, delete found none of the ids
  2    usage error: unknown flag, bad value or language, query syntax
  3    data error: unreadable or invalid input (also when only some documents or
       topics were skipped), missing, corrupt or locked index, I/O failure
  130  interrupted (SIGINT; 143 for SIGTERM); what was committed before stays)help";

// A wrong command line found after parsing (unknown language, malformed --bm25, empty
// query): reported as an error with exit status 2 (kExitUsage).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Action = std::function<int()>;

void add_index_command(CLI::App& app, Action& action);
void add_search_command(CLI::App& app, Action& action);
void add_info_command(CLI::App& app, Action& action);
void add_analyze_command(CLI::App& app, Action& action);
void add_segment_command(CLI::App& app, Action& action);
void add_segeval_command(CLI::App& app, Action& action);
void add_compounds_command(CLI::App& app, Action& action);
void add_delete_command(CLI::App& app, Action& action);
void add_compact_command(CLI::App& app, Action& action);
void add_detect_command(CLI::App& app, Action& action);
void add_bench_command(CLI::App& app, Action& action);
void add_run_command(CLI::App& app, Action& action);
void add_eval_command(CLI::App& app, Action& action);
void add_compare_command(CLI::App& app, Action& action);
void add_fuse_command(CLI::App& app, Action& action);
void add_tune_command(CLI::App& app, Action& action);
// Hidden: `completion bash` and `manpage` generate the shell completion and the man page
// from `app` itself, which must outlive the action.
void add_completion_command(CLI::App& app, Action& action);
void add_manpage_command(CLI::App& app, Action& action);

// Parses the value of a language option such as --lang; throws UsageError naming
// `option` for an unknown code.  "auto" gives Language::Unknown.
[[nodiscard]] Language parse_language_option(const std::string& value, const std::string& option);

// Same, for an option where "auto" makes no sense (--fallback-lang).
[[nodiscard]] Language parse_fallback_option(const std::string& value, const std::string& option);

// The TEXT... arguments joined by spaces, or all of standard input for a lone "-".
[[nodiscard]] std::string text_from_arguments(const std::vector<std::string>& arguments);

// Throws InputError("<what>: invalid UTF-8 (…) at byte N") if `text` is not valid UTF-8.
void require_utf8(const std::string& text, const std::string& what);

// --encoding NAME, for commands that read text files: the files' encoding, converted to
// UTF-8 with polysearch::to_utf8 (ICU's converters).  The help text says what it applies to.
void add_encoding_option(CLI::App& command, std::string& encoding, const std::string& applies_to);

// Whether an --encoding value asks for a conversion: not when empty or a spelling of UTF-8
// ("utf-8", "UTF8"), since UTF-8 input is checked (and --repair-utf8 repaired) as it is.
[[nodiscard]] bool needs_conversion(const std::string& encoding);

// Checks an --encoding value before any input is read; throws UsageError for an encoding
// ICU does not know.
void check_encoding_option(const std::string& encoding);

// `bytes` converted from `encoding` to UTF-8 when needs_conversion(); throws
// InputError("<what>: invalid Big5 (…) at byte N") for bytes the encoding cannot have.
[[nodiscard]] std::string convert_to_utf8(std::string bytes, const std::string& encoding,
                                          const std::string& what);

// Accepts a decimal integer >= `minimum` (CLI11's own range check prints a 300-digit
// maximum).
[[nodiscard]] CLI::Validator count_validator(std::size_t minimum = 0);

// The analysis switches shared by `index` and `analyze`.
struct AnalysisFlags {
  bool no_stemming = false;
  bool no_fold_diacritics = false;
  bool no_word_parts = false;
  bool no_german_compounds = false;
  bool no_fold_chinese_script = false;
  bool no_fold_chinese_variants = false;
  bool no_chinese_unigrams = false;
  std::string chinese_segmentation;  // empty: not given
  std::string dictionary;            // --dict FILE; empty: not given
  std::string compound_dictionary;   // --compound-dict FILE; empty: not given
};

void add_analysis_options(CLI::App& command, AnalysisFlags& flags);

// The options the flags ask for, or nullopt when none was given (an index then keeps its
// stored settings).  Throws UsageError for an unknown segmentation.
[[nodiscard]] std::optional<AnalyzerOptions> analysis_from_flags(const AnalysisFlags& flags);

// Parses a decimal number that must take the whole string (no spaces, finite).
[[nodiscard]] bool parse_double(const std::string& text, double& value);

// Parses --bm25 K1,B; throws UsageError unless K1 >= 0 and 0 <= B <= 1.
[[nodiscard]] Bm25Params parse_bm25(const std::string& text);

// --weight NAME[:PARAM=VALUE,…]: a UsageError naming what is wrong.
[[nodiscard]] Weighting parse_weight(const std::string& text);

// Adds --weight to a command that searches (search, run, bench).
void add_weight_option(CLI::App& command, std::string& weight);

// --prf METHOD[:PARAM=VALUE,…]: a UsageError naming what is wrong.
[[nodiscard]] Feedback parse_prf(const std::string& text);

// Adds --prf (pseudo-relevance feedback) to a command that searches (search, run, bench).
void add_prf_option(CLI::App& command, std::string& prf);

// --title-weight W: a number >= 0 (SearchRequest::title_weight); a UsageError otherwise.
[[nodiscard]] double parse_title_weight(const std::string& text);

// Adds --title-weight to a command that searches (search, run, bench, tune).
void add_title_weight_option(CLI::App& command, std::string& title_weight);

// Adds --title-wdf N (IndexOptions::title_wdf, 0 to kMaxTitleWdf) to a command that
// creates indexes (index, bench); `title_wdf` stays -1 when it is not given.
void add_title_wdf_option(CLI::App& command, int& title_wdf);

// The IndexOptions::title_wdf of --title-wdf: unset when it was not given (-1).
[[nodiscard]] std::optional<unsigned> title_wdf_option(int title_wdf);

// Adds --filter EXPR (repeatable) to a command that searches (search, run, bench).
void add_filter_option(CLI::App& command, std::vector<std::string>& filters);

// Searches the request's filters alone, so that a bad filter (unknown field, bad value,
// a word in it) stops a run of queries before the first one, as a usage error.
void check_filters(Searcher& searcher, const SearchRequest& request);

// SIGINT/SIGTERM ask a long command to stop at its next safe point (between two
// documents or queries).  A second signal ends the process at once, and so does the
// first one if the command is still running 3 s later (stuck in a call that does not
// return): one error line, exit status 128 + the signal.
void install_stop_signal_handlers();

// The signal number received since install_stop_signal_handlers(), or 0.
[[nodiscard]] int pending_stop_signal();

// Lifts the 3-second limit after a first signal, for work that cannot hang and is worth
// finishing (merging a new index's parts: nothing would be kept otherwise).  A second
// signal still ends the command at once.
void cancel_stop_grace();

// What a language option takes, for help texts and messages: "de, es, pt, zh, und
// (language-neutral) or auto".
[[nodiscard]] std::string language_option_codes();

// Value names shown in --help ("--db DIR"); the shell completion completes a DIR with
// directories, a FILE with files, a LANG with language codes, and a name made of
// alternatives ("words|bigrams|hybrid") with those words.
inline constexpr const char* kDirType = "DIR";
inline constexpr const char* kFileType = "FILE";
inline constexpr const char* kLanguageType = "LANG";
// The same codes for the shell completion: "auto de es pt zh und".
[[nodiscard]] std::string language_choices();

}  // namespace polysearch::cli
