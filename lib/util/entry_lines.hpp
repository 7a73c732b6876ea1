#pragma once
// Files of entries, one a line, as the user dictionaries (Chinese words, German compound
// splits) are written: blank lines and lines starting with '#' are skipped, a UTF-8 byte
// order mark and CR line ends are accepted.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "polysearch/error.hpp"

namespace polysearch::detail {

inline std::string_view trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// Calls add(entry, where, offset) for each entry of `text`: the line without surrounding
// blanks, "source:line: " for messages, and the line's byte offset.
template <class Add>
void for_each_entry_line(std::string_view text, std::string_view source, Add add) {
  std::size_t line_number = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim_blanks(text.substr(begin, end - begin));
    const std::size_t line_offset = begin;
    begin = end + 1;
    ++line_number;
    if (line_number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line = trim_blanks(line.substr(3));
    if (line.empty() || line.front() == '#') continue;
    add(line, std::string(source) + ":" + std::to_string(line_number) + ": ", line_offset);
  }
}

// The whole of a dictionary file (an empty file is empty text).
// @throws InputError for a directory or a file that cannot be read.
inline std::string read_entry_file(const std::filesystem::path& path) {
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
  return content.str();
}

}  // namespace polysearch::detail
