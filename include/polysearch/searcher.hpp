#pragma once
/// @file
/// Searching an index: query syntax, BM25 ranking, snippets, index statistics.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/export.hpp"
#include "polysearch/language.hpp"

namespace polysearch {

/// Okapi BM25 parameters (Xapian's BM25Weight with k2 = 0, k3 = 1).
struct Bm25Params {
  double k1 = 0.9;  ///< term-frequency saturation
  double b = 0.4;   ///< document-length normalization, 0..1
};

/// How words not joined by AND/OR/+/- combine.
enum class DefaultOperator { Or, And };

/// A query.  Syntax: words; "phrases"; prefix wildcards (fund*); +required and -excluded
/// words; AND, OR, NOT (upper case) and parentheses; fields title:word, title:"a phrase"
/// and the filter lang:de.
struct SearchRequest {
  std::string query;
  /// The analyzer for the query.  Unknown (the default): every language present in the
  /// index analyzes the query and the alternatives are combined, so the user need not
  /// know the documents' language.  A language never filters results; lang: does.
  Language language = Language::Unknown;
  std::size_t offset = 0;  ///< hits to skip, for paging
  std::size_t limit = 10;  ///< hits to return
  Bm25Params bm25;
  DefaultOperator default_operator = DefaultOperator::Or;
  /// Added to the score of documents in the query's language (the `language` above, or
  /// else the query's detected language when detection is reliable: for Latin script only
  /// on queries of four words or more) when the index holds
  /// several languages, so a question finds answers in its own language before
  /// translations sharing its names and numbers.  0 turns it off.
  double language_boost = 4.0;
  bool snippets = true;
  std::size_t snippet_width = 200;  ///< approximate snippet length in display columns
                                    ///< (a Han character counts two)
};

/// A highlighted range of Hit::snippet, in bytes.
struct Highlight {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Hit {
  std::size_t rank = 0;  ///< 1-based, counting the request's offset
  std::string id;
  double score = 0.0;
  std::string title;
  Language language = Language::Neutral;
  std::string source;
  std::string snippet;  ///< extract of the text, cut only at character boundaries; an
                        ///< ellipsis "…" marks a cut
  std::vector<Highlight> highlights;  ///< matched words inside `snippet`
};

struct SearchResult {
  std::vector<Hit> hits;
  std::size_t estimated_total = 0;  ///< Xapian's estimate of all matching documents
  std::string query_description;    ///< the Xapian query built, for debugging
};

/// Per-language contents of an index.
struct LanguageStats {
  Language language = Language::Neutral;
  std::size_t documents = 0;
  std::uint64_t words = 0;  ///< indexed words (tokens) in titles and texts
};

struct IndexInfo {
  std::filesystem::path path;
  std::size_t documents = 0;
  std::uint64_t words = 0;
  std::size_t distinct_terms = 0;  ///< distinct unstemmed body terms
  std::vector<LanguageStats> languages;
  int schema_version = 0;
  AnalyzerOptions analysis;  ///< how the index's text was analyzed (queries follow it)
};

/// Searches one index.  Opening is cheap; results reflect the index as of opening or the
/// last reopen().  Not thread-safe: use one Searcher per thread (they may share an index).
class POLYSEARCH_API Searcher {
 public:
  /// @throws IndexError if the directory holds no polysearch index, or an incompatible one.
  explicit Searcher(const std::filesystem::path& directory);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

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
