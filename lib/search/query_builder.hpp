#pragma once
// Syntax tree + analyzers → Xapian::Query, and the set of terms a snippet should highlight.
//
// Each query word is analyzed by every query language's analyzer.  The analyzers agree on
// word boundaries (one ICU break iterator, Han folded first), so their tokens line up by
// byte span; the distinct stems of one word become one OP_SYNONYM, which BM25 scores as a
// single term, so a word is not counted twice because two languages stem it differently.

#include <xapian.h>

#include <string>
#include <unordered_set>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/searcher.hpp"
#include "search/query_parser.hpp"

namespace polysearch::detail {

// What a document token must look like to be highlighted.
struct MatchTerms {
  std::unordered_set<std::string> stems;  // plain words: a token matches by Token::stem
  std::unordered_set<std::string> terms;  // phrase words: by Token::term
  std::vector<std::string> prefixes;      // wildcards: Token::term starts with one

  [[nodiscard]] bool matches(const Token& token) const;
  [[nodiscard]] bool empty() const { return stems.empty() && terms.empty() && prefixes.empty(); }
};

struct BuiltQuery {
  Xapian::Query query;  // empty (MatchNothing) when no word survived analysis
  MatchTerms highlight;
};

class QueryBuilder {
 public:
  // `analyzers` are the query languages' analyzers (at least one), borrowed.  With
  // `expand_in` (borrowed), a wildcard becomes the synonym of its most frequent terms in
  // that whole database: Xapian 1.4's OP_WILDCARD expands in each shard on its own, so a
  // sharded index would rank wildcards differently from a single one.  Without, it is an
  // OP_WILDCARD.
  QueryBuilder(std::vector<Analyzer*> analyzers, DefaultOperator default_operator,
               const Xapian::Database* expand_in = nullptr);

  // Throws QuerySyntaxError for an unknown lang: code, a wildcard without letters, or
  // more than 1024 terms (words, Chinese bigrams, phrase words and wildcards).
  BuiltQuery build(const QueryNode& root);

 private:
  // One query word.  Usually a single term (or a synonym of stems); with hybrid Chinese
  // segmentation, a run of Han words together with its sub-word bigrams.
  struct Word {
    Xapian::Query required;               // what must match when the word is required
    std::vector<Xapian::Query> optional;  // what is OR-ed in when it is not
    bool stopword = false;
  };

  Xapian::Query build_node(const QueryNode& node, bool negated);
  Xapian::Query build_sequence(const QueryNode& node, bool negated);
  std::vector<Word> build_words(const QueryNode& text, bool negated);
  Xapian::Query build_phrase(const QueryNode& phrase, bool negated);
  Xapian::Query build_wildcard(const QueryNode& wildcard, bool negated);
  Xapian::Query expand_wildcard(const std::string& prefix) const;
  Xapian::Query build_language(const QueryNode& language) const;
  Xapian::Query combine_words(std::vector<Word> words) const;
  // Adds `terms` to the query's term count; throws QuerySyntaxError past the limit.
  void count_terms(std::size_t terms, const QueryNode& node);

  std::vector<Analyzer*> analyzers_;
  DefaultOperator default_operator_;
  const Xapian::Database* expand_in_;
  MatchTerms highlight_;
  std::size_t term_count_ = 0;  // terms of the query being built
  std::vector<Token> tokens_;   // scratch
};

}  // namespace polysearch::detail
