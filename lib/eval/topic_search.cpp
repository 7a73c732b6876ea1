// Searching the topics of a query set (polysearch/eval/topics.hpp).
#include <utility>

#include "polysearch/error.hpp"
#include "polysearch/eval/topics.hpp"

namespace polysearch::eval {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Double quotes in ASCII and typographic forms (“ ” „) count as syntax.
std::size_t quote_length(std::string_view text, std::size_t i) {
  static constexpr std::string_view kQuotes[] = {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D",
                                                 "\xE2\x80\x9E"};
  for (const std::string_view quote : kQuotes) {
    if (text.substr(i, quote.size()) == quote) return quote.size();
  }
  return 0;
}

std::string syntax_as_spaces(std::string_view query) {
  std::string spaced;
  for (std::size_t i = 0; i < query.size(); ++i) {
    if (const std::size_t quote = quote_length(query, i)) {
      spaced += ' ';
      i += quote - 1;
      continue;
    }
    const char c = query[i];
    const bool syntax = c == '(' || c == ')' || c == '*' || c == ':';
    spaced += syntax ? ' ' : c;
  }
  return spaced;
}

}  // namespace

std::string plain_words(std::string_view query) {
  const std::string spaced = syntax_as_spaces(query);
  std::string out;
  std::size_t i = 0;
  while (i < spaced.size()) {
    if (is_space(spaced[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < spaced.size() && !is_space(spaced[end])) ++end;
    std::string word = spaced.substr(i, end - i);
    i = end;
    const std::size_t sign_end = word.find_first_not_of("+-");
    if (sign_end == std::string::npos) continue;
    word.erase(0, sign_end);
    if (word == "AND" || word == "OR" || word == "NOT") {
      for (char& letter : word) letter = static_cast<char>(letter - 'A' + 'a');
    }
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

TopicHits search_topic_hits(Searcher& searcher, SearchRequest request, const Topic& topic,
                            bool literal) {
  TopicHits result;
  try {
    if (!literal) {
      request.query = topic.text;
      try {
        SearchResult found = searcher.search(request);
        result.hits = std::move(found.hits);
        result.estimated_total = found.estimated_total;
        return result;
      } catch (const QuerySyntaxError& error) {
        result.plain_words = true;
        result.message = error.what();
      }
    }
    request.query = plain_words(topic.text);
    if (request.query.empty()) {
      throw QuerySyntaxError("no words to search for without the query syntax", 0);
    }
    SearchResult found = searcher.search(request);
    result.hits = std::move(found.hits);
    result.estimated_total = found.estimated_total;
  } catch (const QuerySyntaxError& error) {
    result.failed = true;
    result.message = result.message.empty() ? error.what() : result.message + "; " + error.what();
  } catch (const InputError& error) {
    result.failed = true;
    result.message = error.what();
  }
  return result;
}

}  // namespace polysearch::eval
