#include "lang/accented_endings.hpp"

namespace polysearch::detail {
namespace {

bool ends_with(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() &&
         word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void restore_accented_ending(std::string& word, const AccentedEnding* endings, std::size_t count,
                             std::size_t min_stem_bytes) {
  const AccentedEnding* best = nullptr;
  for (std::size_t i = 0; i < count; ++i) {
    if (ends_with(word, endings[i].plain) &&
        (best == nullptr || endings[i].plain.size() > best->plain.size())) {
      best = &endings[i];
    }
  }
  if (best == nullptr || word.size() < best->plain.size() + min_stem_bytes) return;
  word.replace(word.size() - best->plain.size(), best->plain.size(), best->accented);
}

}  // namespace polysearch::detail
