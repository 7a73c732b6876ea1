#pragma once
/// @file
/// Searching an index: query syntax, BM25 ranking, snippets, index statistics.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/export.hpp"
#include "polysearch/language.hpp"
#include "polysearch/schema.hpp"
#include "polysearch/weighting.hpp"

namespace polysearch {

/// Okapi BM25 parameters (Xapian's BM25Weight and BM25PlusWeight with k2 = 0, k3 = 1).
/// The defaults were chosen with the default model, BM25+, by cross-validation over the
/// retrieval collections (docs/RETRIEVAL.md, "One default for every collection").
struct Bm25Params {
  double k1 = 2.0;  ///< term-frequency saturation
  double b = 0.9;   ///< document-length normalization, 0..1
};

/// How words not joined by AND/OR/+/- combine.
enum class DefaultOperator { Or, And };

/// A filter on a field of the index's schema (polysearch/schema.hpp), besides the query.
/// Like the query's own filters it never changes a score; every filter of a request must
/// match.
struct FieldFilter {
  /// A keyword, number or date field of the schema, or "lang" (values are language codes).
  std::string field;
  /// Keyword fields and lang: the document has any of these values (folded first when
  /// the field folds).
  std::vector<std::string> values;
  /// Number and date fields: the lower end of the range, inclusive; unset: open.
  std::optional<std::string> from;
  /// Number and date fields: the upper end, inclusive (a date without a time takes in its
  /// whole day); unset: open.
  std::optional<std::string> to;
  /// Leave out the documents the filter matches instead of keeping only them.  Documents
  /// without the field are not matched, so they stay.
  bool exclude = false;

  /// Documents whose keyword field `field` has one of `values`.
  [[nodiscard]] static FieldFilter any_of(std::string field, std::vector<std::string> values) {
    FieldFilter filter;
    filter.field = std::move(field);
    filter.values = std::move(values);
    return filter;
  }
  /// Documents whose number or date field `field` lies between `from` and `to`.
  [[nodiscard]] static FieldFilter range(std::string field, std::optional<std::string> from,
                                         std::optional<std::string> to) {
    FieldFilter filter;
    filter.field = std::move(field);
    filter.from = std::move(from);
    filter.to = std::move(to);
    return filter;
  }
};

/// The order of hits.
struct SortOrder {
  /// A number or date field of the schema; empty: by relevance (score), best first.
  std::string field;
  bool descending = false;  ///< largest value first
  /// Hits with equal values by relevance (else in document id order: the order they were
  /// indexed in a plain index; a sharded index interleaves its shards' documents).
  bool then_relevance = false;
  /// Documents without the field come last, in both directions.  A search of filters alone
  /// (browsing) sorted by a field keeps the field's values in the Searcher's memory, 8
  /// bytes a document, from its first such search until the index is reopened.
};

/// Parses the CLI's and the Python API's spelling of a sort order: "relevance",
/// "FIELD", "FIELD:asc", "FIELD:desc", each field optionally followed by ",relevance".
/// @throws InvalidArgument naming the text for anything else.
[[nodiscard]] POLYSEARCH_API SortOrder parse_sort_order(std::string_view text);

/// One bucket of a number or date facet: documents whose value lies between `from` and
/// `to`, inclusive like a range filter (so the count is what `field:from..to` finds).
struct FacetRange {
  std::optional<std::string> from;  ///< lower end, inclusive; unset: open
  std::optional<std::string> to;    ///< upper end, inclusive; unset: open
};

/// A facet to count over every document the request matches (not only the page).
struct FacetRequest {
  std::string field;  ///< a keyword, number or date field of the schema
  /// The most frequent values to return (keyword fields, and number and date fields
  /// without `ranges`).
  std::size_t top = 10;
  /// Number and date fields: count these buckets instead of single values.
  std::vector<FacetRange> ranges;
};

/// Parses the CLI's spelling of a facet: "FIELD", "FIELD:N" (the top N values) or
/// "FIELD:RANGE,RANGE,…" with ranges as in queries ("price:..10,10..20,20..").
/// @throws InvalidArgument naming the text for anything else.
[[nodiscard]] POLYSEARCH_API FacetRequest parse_facet_request(std::string_view text);

/// One value (or bucket) of a facet, and how many matching documents have it.
struct FacetCount {
  /// The value: a keyword as indexed (folded when the field folds), a number, or a date
  /// (ISO 8601, UTC).  Empty for a bucket.
  std::string value;
  std::optional<std::string> from;  ///< a bucket's lower end, as requested
  std::optional<std::string> to;    ///< a bucket's upper end, as requested
  std::size_t count = 0;            ///< matching documents with the value (exact)
};

/// The counts of one FacetRequest.
struct Facet {
  std::string field;  ///< FacetRequest::field
  /// Values by count, most frequent first (ties in value order), at most `top`; or the
  /// buckets, in the order requested.
  std::vector<FacetCount> counts;
  /// Distinct values among the matches (all of them, not only those returned).
  std::size_t distinct_values = 0;
  /// Matching documents without the field.
  std::size_t missing = 0;
};

/// How a query is expanded by pseudo-relevance feedback (docs/RETRIEVAL.md,
/// "Pseudo-relevance feedback").
enum class FeedbackMethod {
  /// Relevance model 3 (Lavrenko and Croft; as Anserini): each term of the feedback
  /// documents weighs the sum over them of P(term|doc) · the doc's normalized first-pass
  /// score, P(term|doc) = wdf / the doc's length in the expansion terms.
  Rm3,
  /// Bo1 (Amati's Bose-Einstein term selection, as Xapian's ESet computes it).
  Bo1,
};

/// Pseudo-relevance feedback: search, take the best `docs` documents as relevant, add
/// their `terms` most characteristic terms to the query and search again (same weighting,
/// filters and languages).  Expansion terms are the terms plain query words match: stems,
/// Chinese words and (with `bigrams`) Chinese sub-word bigrams; never filter or id terms;
/// terms in fewer than 2 documents or in more than a tenth of the index are left out.
/// Statistics are the whole index's, also when it is sharded.
struct Feedback {
  bool enabled = false;                         ///< off by default: one pass, as without feedback
  FeedbackMethod method = FeedbackMethod::Rm3;  ///< how expansion terms are chosen and weighed
  std::size_t docs = 10;                        ///< feedback documents, the first pass's best
  std::size_t terms = 10;                       ///< expansion terms kept
  /// The original query's share of the expanded query, 0..1 (Anserini's originalQueryWeight);
  /// the expansion terms share the rest in proportion to their weights.
  double original_weight = 0.5;
  /// Also expand with Chinese sub-word bigrams (hybrid segmentation's XB terms).
  bool bigrams = true;
};

/// Parses the CLI's spelling of feedback: "METHOD" or "METHOD:PARAM=VALUE,…" with METHOD
/// rm3 or bo1 and PARAM docs, terms, weight or bigrams ("rm3:docs=10,terms=10,weight=0.5");
/// "off" disables it.  @throws InvalidArgument naming what is wrong.
[[nodiscard]] POLYSEARCH_API Feedback parse_feedback(std::string_view text);

/// The text parse_feedback() reads back, every parameter written out ("off" when disabled).
[[nodiscard]] POLYSEARCH_API std::string to_string(const Feedback& feedback);

/// An expansion term feedback added to a query (SearchResult::expansion).
struct ExpansionTerm {
  std::string term;  ///< the stem, Chinese word or bigram as indexed (no internal prefix)
  /// Its share of the expanded query: (1 - original_weight) · its normalized weight, so the
  /// weights of all expansion terms sum to 1 - original_weight.
  double weight = 0.0;
};

/// A query.  Syntax: words; "phrases"; prefix wildcards (fund*); +required and -excluded
/// words; AND, OR, NOT (upper case) and parentheses; fields title:word, title:"a phrase"
/// and the filter lang:de.  The index's schema (polysearch/schema.hpp) adds its fields:
/// text fields as title: (`summary:word`), filters on keyword fields (`category:sport`,
/// `tags:"machine learning"`), ranges on number and date fields (`price:10..20`,
/// `date:2024-01-01..2024-06-30`, open `price:100..`, `date:..2024-06-30`; ends inclusive,
/// a date without a time as upper end includes its day).  Filters never change a score;
/// without operators, filters on different fields must all match and values of one field
/// are alternatives; a query of filters alone returns every document they let through.
struct SearchRequest {
  std::string query;  ///< the query text, UTF-8, in the syntax above
  /// The analyzer for the query.  Unknown (the default): every language present in the
  /// index analyzes the query and the alternatives are combined, so the user need not
  /// know the documents' language.  A language never filters results; lang: does.
  Language language = Language::Unknown;
  std::size_t offset = 0;  ///< hits to skip, for paging
  std::size_t limit = 10;  ///< hits to return
  Bm25Params bm25;         ///< BM25's parameters, unless `weighting` gives them
  /// The ranking model (BM25+ by default, delta 1); its parameters not given take their
  /// defaults, BM25's and BM25+'s k1 and b those of `bm25`.
  Weighting weighting;
  /// How words not joined by an operator combine: Or (any word; more matches rank
  /// higher) or And (every word required).
  DefaultOperator default_operator = DefaultOperator::Or;
  /// Added to the score of documents in the query's language (the `language` above, or
  /// else the query's detected language when detection is reliable: for Latin script only
  /// on queries of four words or more) when the index holds
  /// several languages, so a question finds answers in its own language before
  /// translations sharing its names and numbers.  0 turns it off.
  double language_boost = 4.0;
  /// Fill Hit::snippet and Hit::highlights (off: faster).
  bool snippets = true;
  std::size_t snippet_width = 200;  ///< approximate snippet length in display columns
                                    ///< (a Han character counts two)
  /// A text field of the schema to take snippets from instead of the text (its values
  /// joined by " … "); empty: the text.
  std::string snippet_field;
  /// Fields (Document::fields) to return in Hit::fields, by name; "*" returns all.
  std::vector<std::string> fields;
  /// Filters besides the query's, all of which must match (see FieldFilter).
  std::vector<FieldFilter> filters;
  /// More filters, each in the query syntax and made only of filters on fields and lang:
  /// (`category:sport OR category:news`, `price:..20 -tags:used`); all must match.
  std::vector<std::string> filter_queries;
  /// The order of hits: by relevance unless a field is given.
  SortOrder sort;
  /// Counts per value of these fields over all matching documents, before any collapsing
  /// (SearchResult::facets).
  std::vector<FacetRequest> facets;
  /// A keyword field: return at most `collapse_max` hits per value of it (per set of
  /// values, for a document with several), the best ones; Hit::collapsed counts the
  /// others.  Documents without the field are never collapsed.
  std::string collapse;
  std::size_t collapse_max = 1;  ///< hits kept per collapse value
  /// Weight of a match in the document's title, added at query time: each plain query
  /// word also searches the title's own terms (the `title:` field), scaled by this, on top
  /// of the title words' share of the text (indexed there with a higher wdf).  Only adds
  /// to the scores of documents the query matches; phrases, wildcards and negated words
  /// are left alone.  0 (the default) turns it off and ranks exactly as without it
  /// (docs/RETRIEVAL.md, "Fields in ranking: the title's weight").
  double title_weight = 0.0;
  /// Query expansion by pseudo-relevance feedback (off by default).  Only queries of
  /// optional words (no +, -, AND, phrases or filters in the text; the default operator
  /// Or) are OR-ed with their expansion; the others keep their matches and the expansion
  /// only reorders them.
  Feedback feedback;
};

/// A highlighted range of Hit::snippet, in bytes.
struct Highlight {
  std::size_t begin = 0;  ///< byte offset of the first highlighted byte in the snippet
  std::size_t end = 0;    ///< byte offset one past the last highlighted byte
};

/// One matching document, as Searcher::search() returns it.
struct Hit {
  std::size_t rank = 0;  ///< 1-based, counting the request's offset
  std::string id;        ///< the document's id (Document::id)
  double score = 0.0;    ///< BM25 score, plus any language boost; higher ranks first
  std::string title;     ///< the document's title (Document::title), possibly empty
  /// The language the document was analyzed in.
  Language language = Language::Neutral;
  /// Where the document came from (Document::source).
  std::string source;
  std::string snippet;                ///< extract of the text, cut only at character boundaries; an
                                      ///< ellipsis "…" marks a cut
  std::vector<Highlight> highlights;  ///< matched words inside `snippet`
  /// The document's fields that SearchRequest::fields asked for and it has, values as
  /// written (Document::fields).
  std::map<std::string, std::vector<std::string>> fields;
  /// With SearchRequest::collapse: how many more matching documents share this hit's
  /// value and were left out.
  std::size_t collapsed = 0;
};

/// What Searcher::search() returns: one page of hits.
struct SearchResult {
  std::vector<Hit> hits;  ///< at most SearchRequest::limit hits, best first
  /// The number of matching documents: exact when `total_exact`, else Xapian's estimate.
  /// Matches are counted exactly up to at least 1,000 documents (and up to offset +
  /// limit), so it is exact for most queries, whatever the limit.  With
  /// SearchRequest::collapse: the hits left after collapsing, all pages together (exact).
  std::size_t estimated_total = 0;
  bool total_exact = false;       ///< `estimated_total` is the exact number of matches
  std::string query_description;  ///< the Xapian query built, for debugging
  /// One per SearchRequest::facets, in the order requested.  Requesting facets or
  /// collapse makes every match counted, so `estimated_total` is then exact.
  std::vector<Facet> facets;
  /// With SearchRequest::feedback: the terms added to the query, best first (empty when
  /// the first pass found nothing to learn from).
  std::vector<ExpansionTerm> expansion;
};

/// Per-language contents of an index.
struct LanguageStats {
  Language language = Language::Neutral;  ///< the language these counts are for
  std::size_t documents = 0;              ///< documents analyzed in that language
  std::uint64_t words = 0;                ///< indexed words (tokens) in titles and texts
};

/// What Searcher::info() returns: the contents and settings of an index.
struct IndexInfo {
  std::filesystem::path path;      ///< the index directory
  std::size_t documents = 0;       ///< documents in the index
  std::uint64_t words = 0;         ///< indexed words (tokens), all languages together
  std::size_t distinct_terms = 0;  ///< distinct unstemmed body terms
  /// Counts per language, for the languages that have documents, in
  /// analyzable_languages() order.
  std::vector<LanguageStats> languages;
  int schema_version = 0;    ///< version of polysearch's index layout stored in the index
                             ///< (0: none yet, in an index no writer has opened)
  AnalyzerOptions analysis;  ///< how the index's text was analyzed (queries follow it)
  /// How many times a title word counts among the words (IndexOptions::title_wdf; 3 for
  /// indexes from before the setting).
  unsigned title_wdf = 0;
  Schema schema;  ///< the fields of the index's documents (empty: none declared)
};

/// Searches one index.  Opening is cheap; results reflect the index as of opening or the
/// last reopen().
///
/// Thread safety: a Searcher is not thread-safe; give each thread its own.  Any number of
/// Searchers, in one process or several, may read one index at the same time, also while
/// an IndexWriter writes it: a search sees whole commits only (one whose revision the
/// writer has meanwhile discarded starts again on the newest), and reopen() or a new
/// Searcher sees the latest commit.
class POLYSEARCH_API Searcher {
 public:
  /// @throws IndexError if the directory holds no polysearch index, or an incompatible one.
  explicit Searcher(const std::filesystem::path& directory);

  /// Opens several indexes (shards) and searches them as one: Xapian combines their
  /// statistics, so scores and order equal those of one index holding every document.
  /// A location is an index directory or `tcp://HOST:PORT`, an index served by
  /// `xapian-tcpsrv` (docs/SCALING.md).  All must share one analysis setting.
  /// @throws IndexError naming the first location that cannot be opened (a server down):
  ///         results never silently lack a shard.  InvalidArgument for no location or a
  ///         malformed `tcp://` address.
  explicit Searcher(const std::vector<std::string>& locations);
  ~Searcher();
  /// Moves the open index; the moved-from Searcher may only be destroyed or assigned to.
  Searcher(Searcher&&) noexcept;
  /// Moves the open index; the moved-from Searcher may only be destroyed or assigned to.
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  /// Runs a query and returns the page of hits the request asks for.
  /// @throws QuerySyntaxError, InvalidArgument (bad BM25 parameters, unknown language in
  ///         lang:), IndexError.
  [[nodiscard]] SearchResult search(const SearchRequest& request);

  /// Counts documents and words per language.  Walks every document: O(documents).
  [[nodiscard]] IndexInfo info();

  /// Sees commits made since opening.
  void reopen();

  /// Languages that have documents in the index, in analyzable_languages() order.
  [[nodiscard]] std::vector<Language> languages();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polysearch
