#pragma once
// Pseudo-relevance feedback (SearchRequest::feedback): the expansion terms of a first
// pass's best documents.
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "polysearch/searcher.hpp"

namespace polysearch::detail {

// An index term chosen to expand a query, with its normalized weight (all sum to 1).
struct FeedbackTerm {
  std::string term;  // as indexed, with its prefix
  double weight = 0.0;
};

// Whether an index term may expand a query: a stem term (Z<stem>, not a field's), a
// Chinese word (an unprefixed term without a stem term of its own), or with `bigrams` a
// Chinese sub-word bigram (XB).  Never a filter, id, title or field term.
bool is_expansion_term(std::string_view term, bool bigrams);

// The term without its index prefix, for SearchResult::expansion.
std::string expansion_display(std::string_view term);

// @throws InvalidArgument for parameters out of range.
void check_feedback(const Feedback& feedback);

// The `feedback.terms` best expansion terms of `first` (the first pass's best documents,
// best first, at most feedback.docs), weights normalized to sum 1; statistics are `db`'s
// (the whole index, all shards).  Empty when nothing qualifies.
std::vector<FeedbackTerm> feedback_terms(const Xapian::Database& db, const Xapian::MSet& first,
                                         const Feedback& feedback);

}  // namespace polysearch::detail
