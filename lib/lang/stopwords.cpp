#include "lang/stopwords.hpp"

namespace polysearch::detail {

std::vector<std::string> parse_stopword_file(std::string_view text) {
  std::vector<std::string> words;
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    if (const auto bar = line.find('|'); bar != std::string_view::npos) line = line.substr(0, bar);
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      if (i > start) words.emplace_back(line.substr(start, i - start));
    }
    line_start = line_end + 1;
  }
  return words;
}

}  // namespace polysearch::detail
