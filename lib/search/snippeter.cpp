#include "search/snippeter.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <unordered_map>

#include "util/utf8.hpp"

namespace polysearch::detail {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

bool is_space(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0; }

// Display column of every token's begin and end.  Tokens may overlap (Chinese bigrams),
// so the offsets are sorted and the text is walked once.
struct Columns {
  std::vector<std::size_t> begin, end;
};

Columns token_columns(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<std::size_t> offsets;
  offsets.reserve(tokens.size() * 2);
  for (const Token& token : tokens) {
    offsets.push_back(token.begin);
    offsets.push_back(token.end);
  }
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  std::vector<std::size_t> column_at(offsets.size());
  std::size_t byte = 0, column = 0;
  for (std::size_t k = 0; k < offsets.size(); ++k) {
    while (byte < offsets[k]) column += char_display_width(decode_utf8(text, byte));
    column_at[k] = column;
  }
  const auto column_of = [&](std::size_t offset) {
    return column_at[static_cast<std::size_t>(
        std::lower_bound(offsets.begin(), offsets.end(), offset) - offsets.begin())];
  };
  Columns columns;
  columns.begin.reserve(tokens.size());
  columns.end.reserve(tokens.size());
  for (const Token& token : tokens) {
    columns.begin.push_back(column_of(token.begin));
    columns.end.push_back(column_of(token.end));
  }
  return columns;
}

struct Window {
  std::size_t first = 0, last = 0;  // token indexes, inclusive
};

// The window of at most `width` columns with the most distinct matched words, then the
// most matches; the earliest such window wins.
Window best_window(const std::vector<Token>& tokens, const std::vector<bool>& matched,
                   const Columns& columns, std::size_t width) {
  std::unordered_map<std::string_view, int> counts;
  std::size_t matches = 0, end = 0;  // window is [first, end)
  std::pair<std::size_t, std::size_t> best_score{0, 0};
  Window best;
  bool found = false;
  const auto add = [&](std::size_t k, int delta) {
    if (!matched[k]) return;
    int& count = counts[tokens[k].stem];
    count += delta;
    if (count == 0) counts.erase(tokens[k].stem);
    matches = static_cast<std::size_t>(static_cast<long>(matches) + delta);
  };
  for (std::size_t first = 0; first < tokens.size(); ++first) {
    if (end <= first) {
      add(first, +1);
      end = first + 1;
    }
    while (end < tokens.size() && columns.end[end] - columns.begin[first] <= width) add(end++, +1);
    const std::pair<std::size_t, std::size_t> score{counts.size(), matches};
    if (matched[first] && (!found || score > best_score)) {
      best_score = score;
      best = Window{first, end - 1};
      found = true;
    }
    add(first, -1);
  }
  if (!found) {  // no match: the opening of the text
    best.first = 0;
    best.last = 0;
    while (best.last + 1 < tokens.size() &&
           columns.end[best.last + 1] - columns.begin[0] <= width) {
      ++best.last;
    }
  }
  return best;
}

// Moves the window left by up to a quarter of its width, so the first match has some
// context before it, without losing any matched word at the right end.
Window add_leading_context(Window window, const std::vector<bool>& matched, const Columns& columns,
                           std::size_t width) {
  std::size_t last_match = window.first;
  for (std::size_t k = window.first; k <= window.last; ++k) {
    if (matched[k]) last_match = k;
  }
  std::size_t first = window.first;
  while (first > 0 && columns.begin[window.first] - columns.begin[first - 1] <= width / 4 &&
         columns.end[last_match] - columns.begin[first - 1] <= width) {
    --first;
  }
  std::size_t last = last_match;
  while (last + 1 < columns.end.size() && columns.end[last + 1] - columns.begin[first] <= width) {
    ++last;
  }
  return Window{first, last};
}

// Appends text with every run of whitespace turned into one space.
void append_collapsed(std::string& out, std::string_view text) {
  bool in_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = decode_utf8(text, i);
    if (is_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty() && out.back() != ' ') out += ' ';
    in_space = false;
    out.append(text.substr(start, i - start));
  }
  if (in_space && !out.empty() && out.back() != ' ') out += ' ';
}

// End of the punctuation that closes the last token ("Linux." or "告別」"), before any space.
std::size_t end_with_punctuation(std::string_view text, std::size_t end, std::size_t limit) {
  std::size_t i = end;
  while (i < limit) {
    std::size_t next = i;
    if (is_space(decode_utf8(text, next))) break;
    i = next;
  }
  return i;
}

// Byte ranges of the matched tokens in the window, in text order; overlapping or touching
// ranges are merged, so adjacent matched words (Chinese has no spaces) form one highlight.
std::vector<std::pair<std::size_t, std::size_t>> matched_ranges(const std::vector<Token>& tokens,
                                                                const std::vector<bool>& matched,
                                                                Window window) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (std::size_t k = window.first; k <= window.last; ++k) {
    if (matched[k]) ranges.emplace_back(tokens[k].begin, tokens[k].end);
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (const auto& range : ranges) {
    if (!merged.empty() && range.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, range.second);
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

Snippet snippet_without_words(std::string_view text, std::size_t width) {
  Snippet snippet;
  std::size_t byte = 0, column = 0;
  while (byte < text.size() && column < width)
    column += char_display_width(decode_utf8(text, byte));
  append_collapsed(snippet.text, text.substr(0, byte));
  if (byte < text.size()) snippet.text += kEllipsis;
  return snippet;
}

void trim_spaces(std::string& text, std::vector<Highlight>& highlights) {
  std::size_t lead = 0;
  while (lead < text.size() && text[lead] == ' ') ++lead;
  text.erase(0, lead);
  for (Highlight& h : highlights) {
    h.begin -= lead;
    h.end -= lead;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
}

}  // namespace

std::vector<bool> MatchTerms::matched(const std::vector<Token>& tokens) const {
  std::vector<bool> matched(tokens.size(), false);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Token& token = tokens[k];
    matched[k] = stems.count(token.stem) != 0 ||
                 std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
                   return token.term.compare(0, prefix.size(), prefix) == 0;
                 });
  }
  if (phrases.empty()) return matched;
  // Phrases match words, not the bigrams beside them, as in build_phrase.  Positions never
  // decrease along the tokens, so the word at a position is found by binary search.
  std::vector<std::size_t> words;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (!tokens[k].subword) words.push_back(k);
  }
  const auto word_at = [&](std::uint32_t position, const std::string& term) -> std::size_t {
    auto it =
        std::lower_bound(words.begin(), words.end(), position,
                         [&](std::size_t k, std::uint32_t p) { return tokens[k].position < p; });
    for (; it != words.end() && tokens[*it].position == position; ++it) {
      if (tokens[*it].term == term) return *it;
    }
    return tokens.size();
  };
  std::vector<std::size_t> run;
  for (const PhraseTerms& phrase : phrases) {
    if (phrase.terms.empty()) continue;
    for (const std::size_t first : words) {
      if (tokens[first].term != phrase.terms.front()) continue;
      run.assign(1, first);
      for (std::size_t i = 1; i < phrase.terms.size(); ++i) {
        const std::size_t k = word_at(tokens[first].position + phrase.offsets[i], phrase.terms[i]);
        if (k == tokens.size()) break;
        run.push_back(k);
      }
      if (run.size() < phrase.terms.size()) continue;
      for (const std::size_t k : run) matched[k] = true;
    }
  }
  return matched;
}

Snippet make_snippet(std::string_view text, const std::vector<Token>& tokens,
                     const MatchTerms& match, std::size_t width) {
  if (tokens.empty()) return snippet_without_words(text, width);
  const std::vector<bool> matched = match.matched(tokens);
  const Columns columns = token_columns(text, tokens);
  Window window = best_window(tokens, matched, columns, width);
  window = add_leading_context(window, matched, columns, width);

  const bool at_start = window.first == 0;
  const bool at_end = window.last + 1 == tokens.size();
  std::size_t first_byte = tokens[window.first].begin, last_byte = 0;
  for (std::size_t k = window.first; k <= window.last; ++k) {
    first_byte = std::min(first_byte, tokens[k].begin);
    last_byte = std::max(last_byte, tokens[k].end);
  }
  const std::size_t begin = at_start ? 0 : first_byte;
  const std::size_t end =
      at_end ? text.size()
             : end_with_punctuation(text, last_byte,
                                    std::max(last_byte, tokens[window.last + 1].begin));

  Snippet snippet;
  std::size_t cursor = begin;
  for (const auto& [match_begin, match_end] : matched_ranges(tokens, matched, window)) {
    append_collapsed(snippet.text, text.substr(cursor, match_begin - cursor));
    const std::size_t start = snippet.text.size();
    snippet.text.append(text.substr(match_begin, match_end - match_begin));
    snippet.highlights.push_back(Highlight{start, snippet.text.size()});
    cursor = match_end;
  }
  append_collapsed(snippet.text, text.substr(cursor, end - cursor));
  trim_spaces(snippet.text, snippet.highlights);
  if (!at_start) {
    snippet.text.insert(0, kEllipsis);
    for (Highlight& h : snippet.highlights) {
      h.begin += kEllipsis.size();
      h.end += kEllipsis.size();
    }
  }
  if (!at_end) snippet.text += kEllipsis;
  return snippet;
}

}  // namespace polysearch::detail
