#pragma once
/// @file
/// Everything in polysearch's public API.

/// @mainpage polysearch API reference
///
/// polysearch is a C++17 full-text search library for German, Spanish, Portuguese and
/// Chinese (Traditional and Simplified): Xapian 1.4 stores and ranks, ICU and Snowball
/// analyze.  `#include <polysearch/polysearch.hpp>` gives all of it; link the CMake target
/// `polysearch::polysearch` (`find_package(polysearch)`) or use
/// `pkg-config --cflags --libs --static polysearch`.
///
/// - polysearch::IndexWriter adds documents (polysearch::Document), replaces one by adding
///   another with the same id, and removes them.
/// - polysearch::IndexBuilder builds a new index from many documents on every core.
/// - polysearch::Searcher runs a polysearch::SearchRequest and returns a
///   polysearch::SearchResult: ranked polysearch::Hit objects with snippets and
///   highlights, one page at a time (SearchRequest::offset, SearchRequest::limit).
/// - polysearch::Analyzer turns text into polysearch::Token objects, as indexing and
///   searching do; polysearch::detect_language() chooses the analyzer for a document.
/// - Evaluation (query sets, TREC runs, trec_eval's measures, significance tests,
///   segmentation scores) is a library of its own, polysearch::eval:
///   `#include <polysearch/eval.hpp>` and link `polysearch::eval`; this header leaves it out.
/// - Every exception is a polysearch::Error.  Objects are not thread-safe: use one
///   Analyzer, Searcher or IndexWriter per thread; the free functions
///   (polysearch::detect_language(), polysearch::find_invalid_utf8(), …) may be called
///   from any thread.  Many Searchers and one IndexWriter may use one index at once.
///
/// @code{.cpp}
/// polysearch::IndexWriter writer("my-index");  // creates it if needed
/// polysearch::Document doc;
/// doc.id = "a1";                               // adding "a1" again replaces it
/// doc.text = "Die Gründung der Stiftung im Jahr 2021 …";
/// writer.add(doc);                             // the language is detected
/// writer.close();                              // commits; throws on failure
///
/// polysearch::Searcher searcher("my-index");
/// polysearch::SearchRequest request;
/// request.query = "gruendung";
/// for (const polysearch::Hit& hit : searcher.search(request).hits) {
///   std::cout << hit.rank << ". " << hit.id << ": " << hit.snippet << "\n";
/// }
/// @endcode
///
/// The programs in the repository's `examples/` folder index a folder, page through
/// results, print highlighted snippets and update or delete documents; README.md shows
/// how to build them against an installed polysearch.

/// @namespace polysearch
/// The library: indexing, searching, text analysis and language detection.

#include "polysearch/analyzer.hpp"
#include "polysearch/compounds.hpp"
#include "polysearch/error.hpp"
#include "polysearch/index_builder.hpp"
#include "polysearch/index_writer.hpp"
#include "polysearch/language.hpp"
#include "polysearch/schema.hpp"
#include "polysearch/searcher.hpp"
#include "polysearch/text.hpp"
#include "polysearch/version.hpp"
#include "polysearch/weighting.hpp"
