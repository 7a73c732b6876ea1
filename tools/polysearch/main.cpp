// polysearch: index, search and inspect polysearch indexes from the command line.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/error.hpp"
#include "polysearch/version.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kCommandList =
    "index, search, info, analyze, segment, segeval, delete, compact, detect, run, eval, compare, "
    "fuse, tune, bench";

constexpr const char* kMainExamples = R"help(Examples:
  polysearch index --db ./idx fixtures/seeds
  polysearch search --db ./idx "fundación linux"
  polysearch search --db ./idx --json -k 3 linux | jq -r .id
  polysearch info --db ./idx
  polysearch analyze --lang de "Gründung der Stiftung"
  echo 'O projeto será gerido pela fundação' | polysearch detect -
  polysearch run --db ./idx --queries queries.tsv --output run.txt
  polysearch eval --qrels qrels.txt run.txt
  polysearch compare --qrels qrels.txt baseline.run new.run
  polysearch bench --collection xquad/de

A '-' in place of a file or text reads standard input; --json prints JSON for jq.
Run 'polysearch COMMAND --help' for a command's options, 'man polysearch' for all.)help";

bool is_command(CLI::App& app, std::string_view name) {
  return !app.get_subcommands([name](CLI::App* sub) { return sub->check_name(std::string(name)); })
              .empty();
}

// The help hint names the subcommand the user was typing, if any.
std::string help_hint(CLI::App& app) {
  const auto chosen = app.get_subcommands();
  const std::string command = chosen.empty() ? std::string() : chosen.front()->get_name() + " ";
  return "; see 'polysearch " + command + "--help'";
}

int report_parse_error(CLI::App& app, const CLI::ParseError& error) {
  if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
  std::string message = lowercase_initial(error.what());
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && app.get_subcommands().empty()) {
    message = std::string("missing command (") + kCommandList + ")";
  }
  print_error(message + help_hint(app));
  return kExitUsage;
}

int run(int argc, char** argv) {
  CLI::App app{"Full-text search for German, Spanish, Portuguese and Chinese.", "polysearch"};
  app.set_version_flag("--version", "polysearch " + std::string(polysearch::version()));
  app.require_subcommand(1);
  app.footer(std::string(kMainExamples) + "\n\n" + kExitStatusHelp);
  Action action;
  add_index_command(app, action);
  add_search_command(app, action);
  add_info_command(app, action);
  add_analyze_command(app, action);
  add_segment_command(app, action);
  add_segeval_command(app, action);
  add_compounds_command(app, action);
  add_delete_command(app, action);
  add_compact_command(app, action);
  add_detect_command(app, action);
  add_run_command(app, action);
  add_eval_command(app, action);
  add_compare_command(app, action);
  add_fuse_command(app, action);
  add_tune_command(app, action);
  add_bench_command(app, action);
  add_completion_command(app, action);
  add_manpage_command(app, action);

  if (argc >= 2 && argv[1][0] != '-' && !is_command(app, argv[1])) {
    throw UsageError("unknown command '" + std::string(argv[1]) + "' (commands: " + kCommandList +
                     "); see 'polysearch --help'");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return report_parse_error(app, error);
  }
  if (!action) return kExitUsage;
  const int status = action();
  // A full disk or a closed pipe must not pass for success (`search … > /dev/full`).
  if (!std::cout.flush()) throw Error("cannot write to standard output");
  return status;
}

}  // namespace
}  // namespace polysearch::cli

// Exceptions escaping a command become one error line and an exit status: the caller's
// mistakes (a bad flag, language or query) give 2, everything else, from a missing index
// to invalid input or a failed write, gives 3.
int main(int argc, char** argv) {
  using polysearch::cli::kExitDataError;
  using polysearch::cli::kExitUsage;
  using polysearch::cli::print_error;
  // Xapian 1.4 sometimes calls std::terminate from inside a commit whose write fails
  // (seen with ENOSPC; the library checks free space first to avoid it).  Say so on one
  // line instead of "terminate called without an active exception" and an abort.
  std::set_terminate([] {
    static const char message[] =
        "polysearch: error: aborted inside the Xapian library (it does so on some write "
        "errors, such as a full disk); every batch committed before is intact\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
    std::_Exit(kExitDataError);
  });
  try {
    return polysearch::cli::run(argc, argv);
  } catch (const polysearch::cli::UsageError& error) {
    print_error(error.what());
    return kExitUsage;
  } catch (const polysearch::QuerySyntaxError& error) {
    print_error(error.what());
    return kExitUsage;
  } catch (const polysearch::InvalidArgument& error) {
    print_error(error.what());
    return kExitUsage;
  } catch (const polysearch::Error& error) {  // InputError, IndexError, I/O failures
    print_error(error.what());
    return kExitDataError;
  } catch (const std::exception& error) {
    print_error(std::string("unexpected failure: ") + error.what());
    return kExitDataError;
  } catch (...) {
    print_error("unexpected failure: an exception of unknown type");
    return kExitDataError;
  }
}
