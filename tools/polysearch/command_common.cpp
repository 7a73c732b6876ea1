// Helpers shared by the subcommands.
#include <string>
#include <vector>

#include "commands.hpp"
#include "input_files.hpp"
#include "polysearch/error.hpp"
#include "utf8_text.hpp"
#include "polysearch/text.hpp"

namespace polysearch::cli {

Language parse_language_option(const std::string& value, const std::string& option) {
  try {
    return parse_language(value);
  } catch (const InvalidArgument&) {
    throw UsageError("unknown language '" + value + "' for " + option + " (expected " +
                     kLanguageCodes + ")");
  }
}

Language parse_fallback_option(const std::string& value, const std::string& option) {
  const Language language = parse_language_option(value, option);
  if (language == Language::Unknown) {
    throw UsageError(option + " needs a language, not 'auto' (expected de, es, pt, zh or und)");
  }
  return language;
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
    throw InputError(
        what + ": invalid UTF-8 (" + problem->reason + ") at byte " + std::to_string(problem->offset),
        problem->offset);
  }
}

}  // namespace polysearch::cli
