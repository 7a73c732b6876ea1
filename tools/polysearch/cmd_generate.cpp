// polysearch completion, polysearch manpage: the bash completion script and the man page,
// generated from the commands' own options, descriptions and help texts so that they
// cannot drift from them.  Both commands are hidden from --help; the build runs them
// (tools/CMakeLists.txt); tests/cli/completion_test.sh and manpage_test.sh check them.
#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "commands.hpp"
#include "input_files.hpp"
#include "polysearch/error.hpp"
#include "polysearch/version.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kCompletionFooter =
    R"help(Prints a bash completion script for polysearch: subcommands, each subcommand's
options, and their values (directories for DIR, files for FILE, language codes for
LANG, the listed words for choices such as words|bigrams|hybrid).  The copy in the
source tree, tools/completion/polysearch.bash, is this command's output.

Examples:
  polysearch completion bash > ~/.local/share/bash-completion/completions/polysearch
  source <(polysearch completion bash))help";

constexpr const char* kManpageFooter =
    R"help(Writes the man page polysearch(1), in roff, from the same texts as --help: every
command's description, options and notes, the exit statuses and the environment.
The build writes it to polysearch.1 and installs it in share/man/man1.

Examples:
  polysearch manpage --output polysearch.1 && man -l polysearch.1)help";

// The visible subcommands, in the order of --help.
std::vector<const CLI::App*> visible_commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

std::vector<const CLI::Option*> named_options(const CLI::App& command) {
  return command.get_options([](const CLI::Option* option) { return option->nonpositional(); });
}

std::vector<const CLI::Option*> positionals(const CLI::App& command) {
  return command.get_options([](const CLI::Option* option) {
    return option->get_positional() && !option->nonpositional();
  });
}

bool takes_value(const CLI::Option& option) { return option.get_items_expected_max() > 0; }

bool is_repeatable(const CLI::Option& option) {
  return option.get_items_expected_max() >= CLI::detail::expected_max_vector_size;
}

// "-k --limit": every spelling of an option.
std::vector<std::string> spellings(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const std::string& name : option.get_snames()) names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) names.push_back("--" + name);
  return names;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// ---- bash completion -------------------------------------------------------------------

// What a value is completed with: a bash call of _polysearch_complete, or "" for nothing.
std::string value_completion(const CLI::Option& option) {
  std::string type = option.get_type_name();
  // index's PATH (files or directories) keeps CLI11's type name: "PATH TEXT ..." reads
  // better in --help than "PATH PATH ...".
  if (!option.nonpositional() && option.get_single_name() == "PATH") type = "PATH";
  if (type == kDirType) return "_polysearch_complete dirs";
  if (type == kFileType || type == "PATH") return "_polysearch_complete files";
  if (type == kLanguageType) {
    return std::string("_polysearch_complete words '") + language_choices() + "'";
  }
  if (type.find('|') != std::string::npos) {
    std::string words = type;
    for (char& c : words) {
      if (c == '|') c = ' ';
    }
    return "_polysearch_complete words '" + words + "'";
  }
  return "";
}

void write_command_case(std::ostream& out, const CLI::App& command) {
  std::vector<std::string> flags;
  std::vector<std::pair<std::string, std::string>> valued;  // spellings, completion
  for (const CLI::Option* option : named_options(command)) {
    const std::vector<std::string> names = spellings(*option);
    flags.insert(flags.end(), names.begin(), names.end());
    if (takes_value(*option)) valued.emplace_back(join(names, " | "), value_completion(*option));
  }
  std::string positional;
  for (const CLI::Option* option : positionals(command)) {
    positional = value_completion(*option);
    if (!positional.empty()) break;
  }
  out << "    " << command.get_name() << ")\n"
      << "      case $prev in\n";
  for (const auto& [names, completion] : valued) {
    out << "        " << names << ") " << completion << (completion.empty() ? "" : " ") << ";;\n";
  }
  out << "        *)\n"
      << "          if [[ $cur == -* ]]; then\n"
      << "            _polysearch_complete words '" << join(flags, " ") << "'\n";
  if (!positional.empty()) {
    out << "          else\n"
        << "            " << positional << "\n";
  }
  out << "          fi\n"
      << "          ;;\n"
      << "      esac\n"
      << "      ;;\n";
}

std::string bash_completion(const CLI::App& app) {
  std::vector<std::string> commands;
  for (const CLI::App* command : visible_commands(app)) commands.push_back(command->get_name());
  std::vector<std::string> root_flags;
  for (const CLI::Option* option : named_options(app)) {
    for (const std::string& name : spellings(*option)) root_flags.push_back(name);
  }
  std::ostringstream out;
  out << R"bash(# bash completion for polysearch                                 -*- shell-script -*-
# Generated by 'polysearch completion bash' from the tool's options: do not edit, run
#   build/polysearch completion bash > tools/completion/polysearch.bash
# (tests/cli/completion_test.sh fails when this file and the tool disagree).
# Installed as share/bash-completion/completions/polysearch; or source it from ~/.bashrc.

# _polysearch_complete files|dirs|words [WORDS]: candidates for the word being completed.
_polysearch_complete() {
  case $1 in
    files)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      ;;
    dirs)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      ;;
    words)
      mapfile -t COMPREPLY < <(compgen -W "$2" -- "$cur")
      ;;
  esac
}

_polysearch() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]:-} command="" i
  COMPREPLY=()
  # --option=value: bash splits the word at '=' (COMP_WORDBREAKS).
  if [[ $cur == "=" ]]; then
    cur=""
  elif [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  # The subcommand is the first word that is not an option (the tool's own options take
  # no value).
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ ${COMP_WORDS[i]} != -* ]]; then
      command=${COMP_WORDS[i]}
      break
    fi
  done
  case $command in
    "")
      if [[ $cur == -* ]]; then
        _polysearch_complete words ')bash"
      << join(root_flags, " ") << R"bash('
      else
        _polysearch_complete words ')bash"
      << join(commands, " ") << R"bash('
      fi
      ;;
)bash";
  for (const CLI::App* command : visible_commands(app)) write_command_case(out, *command);
  out << R"bash(  esac
}

complete -F _polysearch polysearch
)bash";
  return out.str();
}

// ---- man page --------------------------------------------------------------------------

// Text escaped for roff: backslashes, hyphens (so that options copy as ASCII '-') and a
// leading '.' or '\'' that would start a request.
std::string roff(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

// "polysearch index [OPTIONS] PATH...".
std::string usage(const CLI::App& command) {
  std::string text = "polysearch " + command.get_name() + " [OPTIONS]";
  for (const CLI::Option* option : positionals(command)) {
    std::string name = option->get_single_name() + (is_repeatable(*option) ? "..." : "");
    text += " " + (option->get_required() ? name : "[" + name + "]");
  }
  return text;
}

// The first line of an option's entry: "\fB\-k\fR, \fB\-\-limit\fR \fIUINT\fR".
std::string option_heading(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const std::string& name : spellings(option)) names.push_back("\\fB" + roff(name) + "\\fR");
  std::string heading = join(names, ", ");
  if (takes_value(option)) heading += " \\fI" + roff(option.get_type_name()) + "\\fR";
  return heading;
}

std::string option_text(const CLI::Option& option) {
  std::string text = option.get_description();
  if (!option.get_default_str().empty()) text += " (default: " + option.get_default_str() + ")";
  if (option.get_required()) text += " (required)";
  if (is_repeatable(option) && option.nonpositional()) text += " (repeatable)";
  return roff(text);
}

// A help footer as roff: indented lines (tables, examples) stay as they are, the other
// lines of a paragraph are filled; blank lines separate paragraphs.
void write_footer(std::ostream& out, std::string_view footer) {
  bool in_verbatim = false;
  std::istringstream lines{std::string(footer)};
  for (std::string line; std::getline(lines, line);) {
    const bool verbatim = line.rfind("  ", 0) == 0;
    if (line.empty()) {
      if (in_verbatim) out << ".fi\n";
      in_verbatim = false;
      out << ".PP\n";
      continue;
    }
    if (verbatim != in_verbatim) out << (verbatim ? ".nf\n" : ".fi\n");
    in_verbatim = verbatim;
    out << roff(line) << '\n';
  }
  if (in_verbatim) out << ".fi\n";
}

void write_command(std::ostream& out, const CLI::App& command) {
  out << ".SS \"" << roff(command.get_name()) << "\"\n"
      << ".B " << roff(usage(command)) << "\n.PP\n"
      << roff(command.get_description()) << ".\n";
  for (const CLI::Option* option : positionals(command)) {
    out << ".TP\n\\fI" << roff(option->get_single_name()) << "\\fR\n"
        << option_text(*option) << '\n';
  }
  // Options in --help's order: CLI11's own group ("Options") first, then ours.
  std::vector<std::string> groups;
  for (const CLI::Option* option : named_options(command)) {
    if (std::find(groups.begin(), groups.end(), option->get_group()) == groups.end()) {
      groups.push_back(option->get_group());
    }
  }
  for (const std::string& group : groups) {
    if (group != "Options") out << ".PP\n" << roff(group) << ":\n";
    for (const CLI::Option* option : named_options(command)) {
      if (option->get_group() != group) continue;
      out << ".TP\n" << option_heading(*option) << '\n' << option_text(*option) << '\n';
    }
  }
  out << ".PP\n";
  write_footer(out, command.get_footer());
}

std::string man_page(const CLI::App& app) {
  std::ostringstream out;
  const std::string version(polysearch::version());
  out << ".\\\" Generated by 'polysearch manpage' from the tool's help texts: do not edit.\n"
      << ".TH POLYSEARCH 1 \"\" \"polysearch " << version << "\" \"User Commands\"\n"
      << ".SH NAME\n"
      << "polysearch \\- full\\-text search for German, Spanish, Portuguese and Chinese\n"
      << ".SH SYNOPSIS\n"
      << ".B polysearch\n.I COMMAND\n.RI [ OPTIONS ] \" \" [ ARGUMENTS ]\n.br\n"
      << ".B polysearch\n.RB [ \\-\\-help | \\-\\-version ]\n.br\n"
      << ".B polysearch\n.I COMMAND\n.B \\-\\-help\n"
      << ".SH DESCRIPTION\n"
      << roff(app.get_description()) << "\n"
      << ".PP\nThe commands are listed below with their options; "
      << "\\fBpolysearch \\fICOMMAND\\fB \\-\\-help\\fR prints the same text.\n"
      << "A \\fB\\-\\fR in place of a file or text reads standard input, and \\fB\\-\\-json\\fR "
      << "prints one JSON object (or one per line) for tools such as \\fBjq\\fR(1).\n"
      << ".SH COMMANDS\n";
  for (const CLI::App* command : visible_commands(app)) write_command(out, *command);
  const std::string_view exit_status = kExitStatusHelp;
  out << ".SH \"EXIT STATUS\"\n";
  write_footer(out, exit_status.substr(exit_status.find('\n') + 1));
  out << ".SH ENVIRONMENT\n"
      << ".TP\n.B NO_COLOR\n"
      << "When set and not empty, \\fBsearch\\fR marks matched words with **\\&...** instead of "
         "bold, even on a terminal.  Without a terminal it always does.\n"
      << ".SH EXAMPLES\n";
  const std::string footer = app.get_footer();
  const std::string_view examples = "Examples:\n";
  const std::size_t begin = footer.rfind(examples, 0) == 0 ? examples.size() : 0;
  write_footer(out, footer.substr(begin, footer.find(kExitStatusHelp) - begin));
  out << ".SH \"SEE ALSO\"\n"
      << "The README.md and docs/ of the polysearch sources.  Bash completion: "
         "\\fBpolysearch completion bash\\fR.\n";
  return out.str();
}

struct ManpageOptions {
  std::string output = "-";
};

int write_manpage(const CLI::App& app, const ManpageOptions& options) {
  const std::string page = man_page(app);
  if (options.output == "-") {
    std::cout << page << std::flush;
    if (!std::cout) throw Error("cannot write the man page to standard output");
    return kExitOk;
  }
  std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
  if (!file) {
    const std::error_code error(errno, std::generic_category());
    throw Error("cannot write '" + options.output + "': " + system_message(error));
  }
  file << page;
  file.close();
  if (!file) throw Error("cannot write '" + options.output + "': write error");
  return kExitOk;
}

}  // namespace

void add_completion_command(CLI::App& app, Action& action) {
  auto shell = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("completion", "Print a shell completion script");
  sub->group("");  // hidden from --help
  sub->add_option("SHELL", *shell, "The shell: bash")
      ->required()
      ->type_name("bash")
      ->check(CLI::IsMember({"bash"}));
  sub->footer(kCompletionFooter);
  // The callback owns `shell`: CLI11 writes the parsed value into it.
  sub->callback([&app, &action, shell] {
    action = [&app] {
      std::cout << bash_completion(app) << std::flush;
      return std::cout ? kExitOk : kExitDataError;
    };
  });
}

void add_manpage_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ManpageOptions>();
  CLI::App* sub = app.add_subcommand("manpage", "Write the man page polysearch(1)");
  sub->group("");  // hidden from --help
  sub->add_option("-o,--output", options->output, "Man page file; - for standard output")
      ->capture_default_str()
      ->type_name(kFileType);
  sub->footer(kManpageFooter);
  sub->callback([&app, options, &action] {
    action = [&app, options] { return write_manpage(app, *options); };
  });
}

}  // namespace polysearch::cli
