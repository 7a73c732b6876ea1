// UserDictionary: reading and checking the words; the segmenter that uses them is in
// dictionary_segmenter.cpp.
#include <cmath>
#include <fstream>
#include <sstream>

#include "analysis/normalizer.hpp"
#include "lang/chinese_script.hpp"
#include "polysearch/analyzer.hpp"
#include "polysearch/error.hpp"
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

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
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
  std::size_t line_number = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(begin, end - begin));
    const std::size_t line_offset = begin;
    begin = end + 1;
    ++line_number;
    if (line_number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line = trim(line.substr(3));
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(source) + ":" + std::to_string(line_number) + ": ";
    const std::size_t blank = line.find_first_of(" \t");
    const std::string_view word = line.substr(0, blank);
    double frequency = 1.0;
    if (blank != std::string_view::npos) {
      const std::string rest(trim(line.substr(blank)));
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
  }
  return dictionary;
}

UserDictionary UserDictionary::read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  if (!in || !(content << in.rdbuf())) {
    if (std::filesystem::is_directory(path)) {
      throw InputError("cannot read dictionary '" + path.string() + "': it is a directory", 0);
    }
    // An empty file makes `content << rdbuf` fail too: that is an empty dictionary.
    if (in && std::filesystem::is_regular_file(path) && std::filesystem::file_size(path) == 0) {
      return {};
    }
    throw InputError("cannot read dictionary '" + path.string() + "'", 0);
  }
  return parse(content.str(), path.string());
}

}  // namespace polysearch
