#pragma once
// Searching the topics of a query set: shared by `run`, `bench` and `search --queries`.  Topic
// texts come verbatim from files, so one that is not valid query syntax (an unbalanced quote) is
// searched again as the plain words it holds rather than failing the run.
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
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

// --topic-field's value: title, desc or title+desc; throws UsageError for another.
[[nodiscard]] eval::TopicField parse_topic_field(const std::string& value);

// The request every topic of a query set is searched with (`run`, `tune`), from the
// options those commands share: --lang, -k, --bm25, --weight, --prf, --title-weight, --and,
// --filter.
// No snippets: a run file has no use for them.
template <class QuerySetOptions>
[[nodiscard]] SearchRequest query_set_request(const QuerySetOptions& options) {
  SearchRequest request;
  request.language = parse_language_option(options.lang, "--lang");
  request.limit = options.limit;
  if (!options.bm25.empty()) request.bm25 = parse_bm25(options.bm25);
  if (!options.weight.empty()) request.weighting = parse_weight(options.weight);
  if (!options.prf.empty()) request.feedback = parse_prf(options.prf);
  request.title_weight = parse_title_weight(options.title_weight);
  request.default_operator = options.all_words ? DefaultOperator::And : DefaultOperator::Or;
  request.snippets = false;
  request.filter_queries = options.filters;
  return request;
}

}  // namespace polysearch::cli
