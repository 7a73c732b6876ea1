#pragma once
// Syntax tree + analyzers → Xapian::Query, and the set of terms a snippet should highlight.
//
// Each query word is analyzed by every query language's analyzer.  The analyzers agree on
// word boundaries (one ICU break iterator, Han folded first), so their tokens line up by
// byte span; the distinct stems of one word become one OP_SYNONYM, which BM25 scores as a
// single term, so a word is not counted twice because two languages stem it differently.

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/schema.hpp"
#include "polysearch/searcher.hpp"
#include "search/query_parser.hpp"

namespace polysearch::detail {

// The words of a phrase as the query matched them: Token::term at a position relative to
// the first word (gaps where a word was dropped as too long).
struct PhraseTerms {
  std::vector<std::string> terms;
  std::vector<std::uint32_t> offsets;  // offsets[0] == 0, increasing

  friend bool operator==(const PhraseTerms& a, const PhraseTerms& b) {
    return a.terms == b.terms && a.offsets == b.offsets;
  }
};

// What the query matched, to highlight in a document: only words the query searched for
// (not the stop words it dropped, not excluded words), and phrase words only where the
// whole phrase occurs.
struct MatchTerms {
  std::unordered_set<std::string> stems;  // plain words: a token matches by Token::stem
  std::vector<PhraseTerms> phrases;       // phrases: runs of tokens at their positions
  std::vector<std::string> prefixes;      // wildcards: Token::term starts with one

  // Which of a document's tokens (Analyzer::analyze, in text order) matched.
  [[nodiscard]] std::vector<bool> matched(const std::vector<Token>& tokens) const;
  [[nodiscard]] bool empty() const { return stems.empty() && phrases.empty() && prefixes.empty(); }
};

struct BuiltQuery {
  Xapian::Query query;  // empty (MatchNothing) when no word survived analysis
  MatchTerms highlight;
  // The weight the query's scoring terms add up to: 1 per word (or per alternative stems
  // of one word), kSubwordWeight per Chinese sub-word bigram.  Feedback scales its
  // expansion against it, as Anserini's RM3 weighs each of n query terms 1/n.
  double mass = 0.0;
  // Only optional words, OR-ed: no required or excluded parts, phrases, wildcards or
  // filters, so the query may be OR-ed with more terms without losing a constraint.
  bool only_optional = false;
};

class QueryBuilder {
 public:
  // `analyzers` are the query languages' analyzers (at least one), borrowed.  With
  // `expand_in` (borrowed), a wildcard becomes the synonym of its most frequent terms in
  // that whole database: Xapian 1.4's OP_WILDCARD expands in each shard on its own, so a
  // sharded index would rank wildcards differently from a single one.  Without, it is an
  // OP_WILDCARD.
  // `schema` (borrowed) gives the keyword, number and date fields their terms and value
  // slots; `keyword_folder` (borrowed; kKeywordFoldLanguage's analyzer) folds the values
  // of keyword fields with `fold`.
  QueryBuilder(std::vector<Analyzer*> analyzers, DefaultOperator default_operator,
               const Xapian::Database* expand_in = nullptr, const Schema* schema = nullptr,
               Analyzer* keyword_folder = nullptr);

  // Throws QuerySyntaxError for an unknown lang: code, a wildcard without letters, or
  // more than 1024 terms (words, Chinese bigrams, phrase words and wildcards).
  BuiltQuery build(const QueryNode& root);

  // The index has date terms (fields layout 4): date ranges use them, with `db`'s value
  // bounds (borrowed) for open ends (search/date_range.hpp).  Without, a date range is a
  // value range, as for numbers.
  void use_date_terms(const Xapian::Database& db) { date_terms_in_ = &db; }

  // SearchRequest::title_weight: above 0, build() adds the title terms (ZS<stem>, S<word>
  // for a Chinese word) of every plain query word it keeps, scaled by `weight`, with
  // OP_AND_MAYBE: they add to the scores of the documents the query matches, never match
  // one themselves.  0: no title terms, the query as without.
  void set_title_weight(double weight) { title_weight_ = weight; }

  // One filter leaf (Language, Keyword or Range node): its term(s) or value range,
  // weighted as built (callers use it under OP_FILTER).  Throws QuerySyntaxError for an
  // unknown field or language, a value that does not parse.
  Xapian::Query build_filter(const QueryNode& leaf) const;

 private:
  // One query word.  Usually a single term (or a synonym of stems); with hybrid Chinese
  // segmentation, a run of Han words together with its sub-word bigrams.
  struct Word {
    Xapian::Query required;               // what must match when the word is required
    std::vector<Xapian::Query> optional;  // what is OR-ed in when it is not
    bool stopword = false;
    std::vector<std::string> stems;  // to highlight if the word is kept (none when negated)
    double mass = 1.0;               // its weight in BuiltQuery::mass
    // Its terms in the title (set_title_weight); empty when negated, for a field's words
    // or without a title weight.
    Xapian::Query title;
  };

  Xapian::Query build_node(const QueryNode& node, bool negated);
  Xapian::Query build_sequence(const QueryNode& node, bool negated);
  std::vector<Word> build_words(const QueryNode& text, bool negated);
  Xapian::Query build_phrase(const QueryNode& phrase, bool negated);
  Xapian::Query build_wildcard(const QueryNode& wildcard, bool negated);
  Xapian::Query expand_wildcard(const std::string& prefix) const;
  Xapian::Query build_language(const QueryNode& language) const;
  // A Keyword or Range node: its term, or a value range on the field's slot.
  Xapian::Query build_field_filter(const QueryNode& node) const;
  Xapian::Query combine_words(std::vector<Word> words);
  // The word is part of the query: its stems are highlighted, its mass counted, its
  // title terms kept.
  void keep_highlights(Word& word);
  // Adds `terms` to the query's term count; throws QuerySyntaxError past the limit.
  void count_terms(std::size_t terms, const QueryNode& node);

  std::vector<Analyzer*> analyzers_;
  DefaultOperator default_operator_;
  const Xapian::Database* expand_in_;
  const Schema* schema_;
  Analyzer* keyword_folder_;
  const Xapian::Database* date_terms_in_ = nullptr;
  std::map<std::string, Xapian::valueno> slots_;
  MatchTerms highlight_;
  std::size_t term_count_ = 0;         // terms of the query being built
  double mass_ = 0.0;                  // BuiltQuery::mass of the query being built
  double title_weight_ = 0.0;          // set_title_weight
  std::vector<Xapian::Query> titles_;  // the kept words' title terms (Word::title)
  std::vector<Token> tokens_;          // scratch
};

}  // namespace polysearch::detail
