#pragma once
// Lists of words in one string, separated by single spaces ("deu ger german"): the form
// of the small lists in the table of languages.
#include <string_view>

namespace polysearch::detail {

// Whether `word` is one of the space-separated `words`.
inline bool is_listed(std::string_view word, std::string_view words) {
  while (!words.empty()) {
    const std::size_t space = words.find(' ');
    if (words.substr(0, space) == word) return true;
    if (space == std::string_view::npos) break;
    words.remove_prefix(space + 1);
  }
  return false;
}

}  // namespace polysearch::detail
