#include "search/field_query.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "index/term_prefixes.hpp"
#include "polysearch/error.hpp"
#include "schema/field_values.hpp"
#include "search/query_parser.hpp"

namespace polysearch::detail {
namespace {

constexpr std::string_view kLanguageField = "lang";

std::string field_names(const Schema& schema) {
  std::string names;
  for (const auto& [name, spec] : schema.fields) names += (names.empty() ? "" : ", ") + name;
  return names.empty() ? "none" : names;
}

// The field's specification; lang: is a keyword field of its own.
FieldType field_type(const std::string& field, const Schema& schema, std::string_view what) {
  if (field == kLanguageField) return FieldType::Keyword;
  const FieldSpec* spec = schema.find(field);
  if (!spec) {
    throw InvalidArgument(std::string(what) + ": unknown field '" + field +
                          "' (fields of the index: " + field_names(schema) + ")");
  }
  return spec->type;
}

bool is_range_type(FieldType type) { return type == FieldType::Number || type == FieldType::Date; }

void require_sortable(const SearchFields& fields, const std::string& field, std::string_view what) {
  if (!fields.sortable) {
    throw IndexError("index '" + fields.path + "' was made before " + std::string(what) +
                         " on fields ('" + field + "'); re-index it to use them",
                     fields.path);
  }
}

QueryNodePtr leaf(QueryNode::Kind kind, const std::string& field, std::string text,
                  std::string upper = std::string()) {
  auto node = std::make_unique<QueryNode>();
  node->kind = kind;
  node->field_name = field;
  node->text = std::move(text);
  node->upper = std::move(upper);
  return node;
}

Xapian::Query build_field_filter(const FieldFilter& filter, const Schema& schema,
                                 const QueryBuilder& builder) {
  const FieldType type = field_type(filter.field, schema, "filter");
  const std::string name = "filter on '" + filter.field + "'";
  std::vector<Xapian::Query> alternatives;
  if (type == FieldType::Keyword) {
    if (filter.from || filter.to) {
      throw InvalidArgument(name + ": a range needs a number or date field");
    }
    if (filter.values.empty()) throw InvalidArgument(name + ": no value given");
    const bool language = filter.field == kLanguageField;
    for (const std::string& value : filter.values) {
      alternatives.push_back(builder.build_filter(*leaf(
          language ? QueryNode::Kind::Language : QueryNode::Kind::Keyword, filter.field, value)));
    }
  } else if (is_range_type(type)) {
    if (!filter.values.empty()) {
      throw InvalidArgument(name + ": a number or date field takes a range (from, to)");
    }
    if (!filter.from && !filter.to) throw InvalidArgument(name + ": the range has no end");
    alternatives.push_back(builder.build_filter(*leaf(
        QueryNode::Kind::Range, filter.field, filter.from.value_or(""), filter.to.value_or(""))));
  } else {
    throw InvalidArgument(name + ": it is a " + std::string(to_string(type)) +
                          " field; filters take keyword, number and date fields");
  }
  Xapian::Query query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  if (filter.exclude)
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, query);
  return query;
}

// A filter query must not hold words: they would match (and score) instead of filter.
void require_only_filters(const QueryNode& node, const std::string& text) {
  using Kind = QueryNode::Kind;
  switch (node.kind) {
    case Kind::Keyword:
    case Kind::Range:
    case Kind::Language: return;
    case Kind::And:
    case Kind::Or:
    case Kind::AndNot:
    case Kind::Sequence:
      for (const auto& child : node.children) require_only_filters(*child, text);
      return;
    case Kind::Text:
    case Kind::Phrase:
    case Kind::Wildcard: break;
  }
  throw InvalidArgument("filter '" + text + "': '" + describe(node) + "' at byte " +
                        std::to_string(node.offset) +
                        " is not a filter (a filter takes field:value, field:from..to, lang:xx)");
}

// Keys of a ValueCountMatchSpy as the values they stand for, each with its count.
std::vector<std::pair<std::string, std::size_t>> spy_values(const Xapian::ValueCountMatchSpy& spy) {
  std::vector<std::pair<std::string, std::size_t>> values;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    values.emplace_back(*it, it.get_termfreq());
  }
  return values;
}

// The facet's `top` most frequent values, most frequent first, ties in the order they come.
Facet top_values(Facet facet, std::size_t top) {
  facet.distinct_values = facet.counts.size();
  std::stable_sort(facet.counts.begin(), facet.counts.end(),
                   [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
  if (facet.counts.size() > top) facet.counts.resize(top);
  return facet;
}

}  // namespace

// Counts a number or date facet on an index without tcp:// shards.  Xapian's
// ValueCountMatchSpy keeps a std::map from each distinct value (a string) to its count and
// looks every match up in it; a date field has a value a day, or a second, so the map grows
// to thousands of entries, and those lookups and copying the map out cost a request for a
// category facet and ten date buckets over 11,000 matches of the bench corpus 1 ms of its
// 5.8 (docs/BENCHMARKS.md, "Fields: filters, sort, facets").  This spy only appends each
// match's value, as a number, and sorts them once at the end.  xapian-tcpsrv knows only
// Xapian's own spies, so a search with remote shards keeps ValueCountMatchSpy; both give
// the same counts.
class FacetCounter::NumberSpy : public Xapian::MatchSpy {
 public:
  explicit NumberSpy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& document, double) override {
    ++total_;
    const std::string value = document.get_value(slot_);
    if (!value.empty()) values_.push_back(sortable_number_value(value));
  }

  // Each distinct value with the number of matches having it, in value order.  Sorts the
  // values in place (a copy of 10,000 or more would be allocated and freed by mmap).
  [[nodiscard]] std::vector<std::pair<double, std::size_t>> counts() {
    std::sort(values_.begin(), values_.end());
    std::vector<std::pair<double, std::size_t>> counts;
    for (const double value : values_) {
      if (counts.empty() || counts.back().first != value) counts.emplace_back(value, 0);
      ++counts.back().second;
    }
    return counts;
  }

  // The matches looked at, with the field or without.
  [[nodiscard]] std::size_t total() const { return total_; }

 private:
  Xapian::valueno slot_;
  std::size_t total_ = 0;
  std::vector<double> values_;
};

FacetCounter::Counted::Counted(FacetRequest facet, FieldType field_type)
    : request(std::move(facet)), type(field_type) {}
FacetCounter::Counted::Counted(Counted&&) noexcept = default;
FacetCounter::Counted::~Counted() = default;

Xapian::Query build_request_filter(const SearchRequest& request, const SearchFields& fields,
                                   QueryBuilder& builder) {
  std::vector<Xapian::Query> filters;
  for (const FieldFilter& filter : request.filters) {
    filters.push_back(build_field_filter(filter, *fields.schema, builder));
  }
  for (const std::string& text : request.filter_queries) {
    try {
      const QueryNodePtr root = parse_query(text, *fields.schema);
      require_only_filters(*root, text);
      filters.push_back(builder.build(*root).query);
    } catch (const QuerySyntaxError& error) {
      throw QuerySyntaxError("filter '" + text + "': " + error.what(), error.byte_offset());
    }
  }
  if (filters.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

Xapian::valueno sort_slot(const SortOrder& sort, const SearchFields& fields) {
  const FieldType type = field_type(sort.field, *fields.schema, "sort");
  if (!is_range_type(type)) {
    throw InvalidArgument("sort: '" + sort.field + "' is a " + std::string(to_string(type)) +
                          " field; sort takes number and date fields");
  }
  require_sortable(fields, sort.field, "sorting");
  return field_slots(*fields.schema).at(sort.field);
}

ValueColumn read_value_column(const Xapian::Database& db, Xapian::valueno slot) {
  ValueColumn column(std::size_t{db.get_lastdocid()} + 1, std::numeric_limits<double>::quiet_NaN());
  for (auto value = db.valuestream_begin(slot); value != db.valuestream_end(slot); ++value) {
    if (value.get_docid() < column.size())
      column[value.get_docid()] = sortable_number_value(*value);
  }
  return column;
}

std::vector<Xapian::docid> first_by_column(std::vector<Xapian::docid> matches,
                                           const ValueColumn& column, bool descending,
                                           std::size_t count) {
  const auto value = [&](Xapian::docid id) {
    return id < column.size() ? column[id] : std::numeric_limits<double>::quiet_NaN();
  };
  const auto before = [&](Xapian::docid a, Xapian::docid b) {
    const double x = value(a), y = value(b);
    if (std::isnan(x) || std::isnan(y)) {
      if (std::isnan(x) != std::isnan(y)) return std::isnan(y);  // without a value: last
    } else if (x != y) {
      return descending ? x > y : x < y;
    }
    return a < b;
  };
  count = std::min(count, matches.size());
  std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(count),
                    matches.end(), before);
  matches.resize(count);
  return matches;
}

void apply_sort(Xapian::Enquire& enquire, const SortOrder& sort, const SearchFields& fields) {
  if (sort.field.empty()) return;
  const Xapian::valueno slot = detail::sort_slot(sort, fields);
  // Xapian sorts empty values first; descending by the value or, ascending, descending by
  // the negated value (term_prefixes.hpp) puts the documents without the field last.
  const Xapian::valueno sort_slot = sort.descending ? slot : ascending_sort_slot(slot);
  if (sort.then_relevance) {
    enquire.set_sort_by_value_then_relevance(sort_slot, true);
  } else {
    enquire.set_sort_by_value(sort_slot, true);
  }
}

Collapser::Collapser(const SearchRequest& request, const SearchFields& fields) {
  if (request.collapse.empty()) return;
  if (request.collapse_max == 0) throw InvalidArgument("collapse: keep at least 1 hit per value");
  max_ = static_cast<Xapian::doccount>(request.collapse_max);
  if (request.collapse == kLanguageField) {
    slot_ = kSlotLanguage;
  } else {
    const FieldType type = field_type(request.collapse, *fields.schema, "collapse");
    if (type != FieldType::Keyword) {
      throw InvalidArgument("collapse: '" + request.collapse + "' is a " +
                            std::string(to_string(type)) + " field; collapse takes keyword fields");
    }
    require_sortable(fields, request.collapse, "collapse");
    slot_ = keyword_slots(*fields.schema).at(request.collapse);
  }
  counts_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot_);
}

void Collapser::attach(Xapian::Enquire& enquire) {
  if (!counts_) return;
  enquire.set_collapse_key(slot_, max_);
  enquire.add_matchspy(counts_.get());
}

std::size_t Collapser::collapsed(const std::string& key) const {
  if (!counts_ || key.empty()) return 0;  // documents without the field are not collapsed
  Xapian::TermIterator value = counts_->values_begin();
  value.skip_to(key);
  if (value == counts_->values_end() || *value != key) return 0;
  const Xapian::doccount matches = value.get_termfreq();
  return matches > max_ ? matches - max_ : 0;
}

std::size_t Collapser::total() const {
  if (!counts_) return 0;
  std::size_t with_value = 0;
  std::size_t kept = 0;
  for (auto value = counts_->values_begin(); value != counts_->values_end(); ++value) {
    with_value += value.get_termfreq();
    kept += std::min<std::size_t>(value.get_termfreq(), max_);
  }
  return counts_->get_total() - with_value + kept;
}

FacetCounter::FacetCounter(const std::vector<FacetRequest>& requests, const SearchFields& fields) {
  const auto keyword = keyword_slots(*fields.schema);
  const auto numbers = field_slots(*fields.schema);
  for (const FacetRequest& request : requests) {
    Counted counted(request, field_type(request.field, *fields.schema, "facet"));
    Xapian::valueno slot = kSlotLanguage;
    if (counted.type == FieldType::Keyword) {
      if (!request.ranges.empty()) {
        throw InvalidArgument("facet '" + request.field +
                              "': ranges need a number or date field; a keyword field counts "
                              "its values");
      }
      if (request.field != kLanguageField) {
        require_sortable(fields, request.field, "facets");
        slot = keyword.at(request.field);
      }
    } else if (is_range_type(counted.type)) {
      require_sortable(fields, request.field, "facets");
      slot = numbers.at(request.field);
      for (const FacetRange& range : request.ranges) {
        for (const auto& end : {range.from, range.to}) {
          if (end && !field_number(counted.type, *end)) {
            throw InvalidArgument("facet '" + request.field + "': bad value '" + *end + "'");
          }
        }
      }
    } else {
      throw InvalidArgument("facet '" + request.field + "': it is a " +
                            std::string(to_string(counted.type)) +
                            " field; facets take keyword, number and date fields");
    }
    if (is_range_type(counted.type) && !fields.remote) {
      counted.numbers = std::make_unique<NumberSpy>(slot);
    } else {
      counted.spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
    }
    counted_.push_back(std::move(counted));
  }
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
  for (Counted& counted : counted_) {
    if (counted.numbers) {
      enquire.add_matchspy(counted.numbers.get());
    } else {
      enquire.add_matchspy(counted.spy.get());
    }
  }
}

std::vector<Facet> FacetCounter::results() const {
  std::vector<Facet> facets;
  for (const Counted& counted : counted_) facets.push_back(count(counted));
  return facets;
}

Facet FacetCounter::count(const Counted& counted) const {
  Facet facet;
  facet.field = counted.request.field;
  if (counted.type == FieldType::Keyword) {
    const auto values = spy_values(*counted.spy);
    std::size_t with_value = 0;
    for (const auto& [key, count] : values) with_value += count;
    facet.missing = counted.spy->get_total() - with_value;
    // A slot holds all of a document's values: the count of each set goes to each value.
    std::map<std::string, std::size_t> by_value;
    for (const auto& [key, count] : values) {
      if (counted.request.field == kLanguageField) {
        by_value[key] += count;
        continue;
      }
      for (std::string& value : split_keywords(key)) by_value[std::move(value)] += count;
    }
    for (const auto& [value, count] : by_value) facet.counts.push_back({value, {}, {}, count});
    return top_values(std::move(facet), counted.request.top);
  }
  // Each distinct number (or date) with its count, in value order.
  std::vector<std::pair<double, std::size_t>> values;
  std::size_t total = 0;
  if (counted.numbers) {
    values = counted.numbers->counts();
    total = counted.numbers->total();
  } else {
    for (const auto& [key, count] : spy_values(*counted.spy)) {
      values.emplace_back(sortable_number_value(key), count);
    }
    // The spy's order is the encoded values' bytes; put them in the numbers' order, as the
    // NumberSpy's are.
    std::sort(values.begin(), values.end());
    total = counted.spy->get_total();
  }
  std::size_t with_value = 0;
  for (const auto& [value, count] : values) with_value += count;
  facet.missing = total - with_value;
  facet.distinct_values = values.size();
  if (counted.request.ranges.empty()) {
    for (const auto& [value, count] : values) {
      facet.counts.push_back({format_field_number(counted.type, value), {}, {}, count});
    }
    return top_values(std::move(facet), counted.request.top);
  }
  for (const FacetRange& range : counted.request.ranges) {
    const std::optional<double> low =
        range.from ? field_number(counted.type, *range.from) : std::nullopt;
    const std::optional<double> high =
        range.to ? field_number(counted.type, *range.to, true) : std::nullopt;
    const auto first =
        low ? std::lower_bound(values.begin(), values.end(), *low,
                               [](const auto& entry, double bound) { return entry.first < bound; })
            : values.begin();
    std::size_t in_range = 0;
    for (auto it = first; it != values.end() && (!high || it->first <= *high); ++it) {
      in_range += it->second;
    }
    facet.counts.push_back({std::string(), range.from, range.to, in_range});
  }
  return facet;
}

}  // namespace polysearch::detail

namespace polysearch {
namespace {

// Splits "a,b,c" at commas.
std::vector<std::string_view> comma_separated(std::string_view text) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t comma = text.find(',');
    parts.push_back(text.substr(0, comma));
    if (comma == std::string_view::npos) return parts;
    text.remove_prefix(comma + 1);
  }
}

}  // namespace

SortOrder parse_sort_order(std::string_view text) {
  const auto bad = [&] {
    return InvalidArgument("sort '" + std::string(text) +
                           "': expected relevance, FIELD, FIELD:asc or FIELD:desc, optionally "
                           "followed by ,relevance");
  };
  SortOrder order;
  if (text == "relevance") return order;
  std::string_view rest = text;
  if (const std::size_t comma = rest.find(','); comma != std::string_view::npos) {
    if (rest.substr(comma + 1) != "relevance") throw bad();
    order.then_relevance = true;
    rest = rest.substr(0, comma);
  }
  if (const std::size_t colon = rest.find(':'); colon != std::string_view::npos) {
    const std::string_view direction = rest.substr(colon + 1);
    if (direction != "asc" && direction != "desc") throw bad();
    order.descending = direction == "desc";
    rest = rest.substr(0, colon);
  }
  if (!is_valid_field_name(rest)) throw bad();
  order.field = std::string(rest);
  return order;
}

FacetRequest parse_facet_request(std::string_view text) {
  const auto bad = [&] {
    return InvalidArgument("facet '" + std::string(text) +
                           "': expected FIELD, FIELD:N (the top N values) or FIELD:RANGE,RANGE,… "
                           "(ranges like ..10,10..20,20..)");
  };
  FacetRequest request;
  const std::size_t colon = text.find(':');
  const std::string_view field = text.substr(0, colon);
  if (!is_valid_field_name(field) && field != "lang") throw bad();
  request.field = std::string(field);
  if (colon == std::string_view::npos) return request;
  const std::string_view spec = text.substr(colon + 1);
  if (spec.find("..") == std::string_view::npos) {
    const auto [end, error] = std::from_chars(spec.data(), spec.data() + spec.size(), request.top);
    if (spec.empty() || error != std::errc() || end != spec.data() + spec.size()) throw bad();
    return request;
  }
  for (const std::string_view range : comma_separated(spec)) {
    const std::size_t dots = range.find("..");
    if (dots == std::string_view::npos || range.size() == 2) throw bad();
    FacetRange bucket;
    if (dots > 0) bucket.from = std::string(range.substr(0, dots));
    if (dots + 2 < range.size()) bucket.to = std::string(range.substr(dots + 2));
    request.ranges.push_back(std::move(bucket));
  }
  return request;
}

}  // namespace polysearch
