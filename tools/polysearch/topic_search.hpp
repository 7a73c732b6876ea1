#pragma once
// Searching the topics of a query set: shared by `run`, `bench` and `search --queries`.  Topic
// texts come verbatim from files, so one that is not valid query syntax (an unbalanced quote) is
// searched again as the plain words it holds rather than failing the run.
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/eval/topics.hpp"
#include "polysearch/searcher.hpp"

namespace polysearch::cli {

// The query with its syntax taken out, so that it is searched as the words it holds:
// quotes, parentheses, '*' and ':' become spaces, and so do '+' and '-' starting a word;
// the operators AND, OR and NOT become the words and, or, not.
[[nodiscard]] std::string plain_words(std::string_view query);

// What searching one topic gave.
struct TopicHits {
  std::vector<Hit> hits;
  std::size_t estimated_total = 0;  // SearchResult::estimated_total
  bool plain_words = false;         // searched as plain words after a syntax error
  bool failed = false;              // no search was possible; `message` says why
  std::string message;
};

// Searches `topic.text` with `request`'s other settings (or, with `literal`, only its
// plain words).  Errors that concern only this topic (syntax, invalid UTF-8) give a
// failed result; others (a broken index) propagate.
[[nodiscard]] TopicHits search_topic_hits(Searcher& searcher, SearchRequest request,
                                          const eval::Topic& topic, bool literal = false);

}  // namespace polysearch::cli
