#pragma once
// What a SearchRequest asks of the schema's fields besides the query: its filters, the
// sort order, collapse and facets, set up on a Xapian::Enquire.  All of it works on
// tcp:// shards too, so it uses only what Xapian's remote protocol carries: value ranges,
// sort by value, collapse keys and ValueCountMatchSpy.  Only number and date facets of a
// search without remote shards count with a spy of their own (NumberSpy, faster).
#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "polysearch/schema.hpp"
#include "polysearch/searcher.hpp"
#include "search/query_builder.hpp"

namespace polysearch::detail {

// The index's fields as a search sees them.
struct SearchFields {
  const Schema* schema = nullptr;  // borrowed; never null
  bool sortable = true;            // the index has sort and keyword slots (layout 2)
  std::string path;                // the index, for messages
  bool remote = false;             // some shard is tcp://: only Xapian's own match spies
};

// SearchRequest::filters and filter_queries as one query to apply with OP_FILTER; empty
// when there are none.  @throws InvalidArgument for a filter on an unknown field or one
// of the wrong type, a filter query holding words; QuerySyntaxError for one that does not
// parse.
Xapian::Query build_request_filter(const SearchRequest& request, const SearchFields& fields,
                                   QueryBuilder& builder);

// Orders the enquire's matches as the request says (relevance: nothing to do).
void apply_sort(Xapian::Enquire& enquire, const SortOrder& sort, const SearchFields& fields);

// The value slot of the sort's number or date field.  @throws InvalidArgument for a field
// that is not one, IndexError for an index made before sorting.
Xapian::valueno sort_slot(const SortOrder& sort, const SearchFields& fields);

// A number or date slot's values by docid (NaN where a document has none), read in one pass
// over the slot's value stream.  Xapian's sort by value reads, for every request, each block
// of the slot that holds a match; when matches are spread over the index that is every
// block (docs/BENCHMARKS.md, "Fields"), so a browse sorted through a column kept in memory
// reads none.  8 bytes per document (its highest docid).
using ValueColumn = std::vector<double>;
[[nodiscard]] ValueColumn read_value_column(const Xapian::Database& db, Xapian::valueno slot);

// The first `count` of `matches` in the order of a sort by the column: by value (descending
// or ascending), documents without one last, ties by docid as Xapian orders them.
[[nodiscard]] std::vector<Xapian::docid> first_by_column(std::vector<Xapian::docid> matches,
                                                         const ValueColumn& column, bool descending,
                                                         std::size_t count);

// Collapses on SearchRequest::collapse, if any, and counts each hit's collapsed matches
// (Hit::collapsed).  Xapian's own count (MSetIterator::get_collapse_count) is wrong on
// tcp:// shards: each server counts only what it collapsed among the hits it sent (a value
// with 38 other matches got 2), so the matches of each value are counted instead, by a
// ValueCountMatchSpy as for facets, which sees every match before collapsing.
class Collapser {
 public:
  // @throws InvalidArgument for collapse_max 0, an unknown field or one not a keyword
  // field; IndexError on an index made before collapse.
  Collapser(const SearchRequest& request, const SearchFields& fields);
  // Sets the collapse key; before get_mset() (with checkatleast covering every document).
  void attach(Xapian::Enquire& enquire);
  // The matches with the hit's collapse key (MSetIterator::get_collapse_key) left out.
  [[nodiscard]] std::size_t collapsed(const std::string& key) const;
  // The hits left after collapsing, all pages together: the matches without the field,
  // plus at most collapse_max per value.  Xapian's own bounds stay apart on a page that
  // does not hold every hit (400 to 440 for 345), although every match was looked at.
  [[nodiscard]] std::size_t total() const;

 private:
  Xapian::valueno slot_ = Xapian::BAD_VALUENO;  // none: no collapse
  Xapian::doccount max_ = 0;
  std::unique_ptr<Xapian::ValueCountMatchSpy> counts_;
};

// Counts the values of SearchRequest::facets over every match: attach() before get_mset()
// (with checkatleast covering every document), results() after.
class FacetCounter {
 public:
  // @throws InvalidArgument for a facet on an unknown field, a text or stored field, or a
  // range on a keyword field; IndexError on an index made before facets.
  FacetCounter(const std::vector<FacetRequest>& requests, const SearchFields& fields);
  void attach(Xapian::Enquire& enquire);
  [[nodiscard]] std::vector<Facet> results() const;

 private:
  class NumberSpy;
  struct Counted {
    FacetRequest request;
    FieldType type = FieldType::Keyword;              // Keyword also for lang
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;  // or:
    std::unique_ptr<NumberSpy> numbers;               // number and date fields, local index
    Counted(FacetRequest facet, FieldType field_type);
    Counted(Counted&&) noexcept;
    ~Counted();
  };
  [[nodiscard]] Facet count(const Counted& counted) const;

  std::vector<Counted> counted_;
};

}  // namespace polysearch::detail
