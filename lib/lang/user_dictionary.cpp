// UserDictionary: reading and checking the words; the segmenter that uses them is in
// dictionary_segmenter.cpp.
#include <cmath>
#include <fstream>
#include <sstream>

#include "analysis/normalizer.hpp"
#include "lang/chinese_script.hpp"
#include "polysearch/analyzer.hpp"
#include "polysearch/error.hpp"
#include "util/entry_lines.hpp"
#include "util/utf8.hpp"

namespace polysearch {
namespace {

// Why `word` cannot be a dictionary word, or "" if it can.
std::string problem_with(std::string_view word) {
  if (find_invalid_utf8(word)) return "not valid UTF-8";
  std::size_t characters = 0;
  for (std::size_t i = 0; i < word.size();) {
    const char32_t c = detail::decode_utf8(word, i);
    if (!detail::is_han(static_cast<UChar32>(c))) {
      return "only Han characters are allowed, not U+" + [c] {
        char hex[16];
        std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(c));
        return std::string(hex);
      }();
    }
    ++characters;
  }
  if (characters < 2) return "a word needs at least 2 characters";
  if (characters > UserDictionary::kMaxWordLength) {
    return "longer than " + std::to_string(UserDictionary::kMaxWordLength) + " characters";
  }
  return {};
}

}  // namespace

void UserDictionary::add(std::string_view word, double frequency) {
  if (const std::string problem = problem_with(word); !problem.empty()) {
    throw InvalidArgument("dictionary word '" + std::string(word) + "': " + problem);
  }
  if (!(frequency > 0) || !std::isfinite(frequency)) {
    throw InvalidArgument("dictionary word '" + std::string(word) +
                          "': the frequency must be a positive number");
  }
  const std::string normalized = detail::nfkc_casefold(word);
  auto [it, inserted] = words_.emplace(normalized, frequency);
  if (!inserted) it->second = std::max(it->second, frequency);
}

UserDictionary UserDictionary::parse(std::string_view text, std::string_view source) {
  UserDictionary dictionary;
  detail::for_each_entry_line(
      text, source, [&](std::string_view line, const std::string& where, std::size_t line_offset) {
        const std::size_t blank = line.find_first_of(" \t");
        const std::string_view word = line.substr(0, blank);
        double frequency = 1.0;
        if (blank != std::string_view::npos) {
          const std::string rest(detail::trim_blanks(line.substr(blank)));
          std::istringstream in(rest);
          in.imbue(std::locale::classic());
          if (!(in >> frequency) || !in.eof()) {
            throw InputError(where + "expected 'word [frequency]', got '" + std::string(line) + "'",
                             line_offset);
          }
        }
        try {
          dictionary.add(word, frequency);
        } catch (const InvalidArgument& error) {
          throw InputError(where + error.what(), line_offset);
        }
      });
  return dictionary;
}

UserDictionary UserDictionary::read(const std::filesystem::path& path) {
  return parse(detail::read_entry_file(path), path.string());
}

}  // namespace polysearch
