#pragma once
// Searching the topics of a query set: shared by `run`, `tune`, `bench` and `search --queries`
// (eval::search_topic_hits, in the eval library so that the Python module shares it too).
#include <string>

#include "commands.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/searcher.hpp"

namespace polysearch::cli {

// The topic search of the eval library, under the names the commands use.
using eval::plain_words;
using eval::search_topic_hits;
using eval::TopicHits;

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
