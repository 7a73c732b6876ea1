// Searching: one query, or a batch on every core with the GIL released.
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bindings.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/searcher.hpp"

namespace polysearch::python {
namespace {

std::optional<std::string> optional_utf8(py::handle value, const char* what) {
  if (value.is_none()) return std::nullopt;
  return utf8_of(value, what);
}

std::vector<std::string> strings_of(py::handle values, const char* what) {
  std::vector<std::string> out;
  if (values.is_none()) return out;
  for (const py::handle value : values) out.push_back(utf8_of(value, what));
  return out;
}

// The filters as polysearch/__init__.py passes them: ("any", field, [values], exclude) or
// ("range", field, from or None, to or None, exclude).
FieldFilter field_filter(py::handle spec) {
  const py::tuple items = py::reinterpret_borrow<py::tuple>(spec);
  const std::string kind = items[0].cast<std::string>();
  const std::string field = utf8_of(items[1], "a filter's field");
  FieldFilter filter;
  if (kind == "any") {
    filter = FieldFilter::any_of(field, strings_of(items[2], "a filter's value"));
    filter.exclude = items[3].cast<bool>();
  } else {
    filter = FieldFilter::range(field, optional_utf8(items[2], "a range's start"),
                                optional_utf8(items[3], "a range's end"));
    filter.exclude = items[4].cast<bool>();
  }
  return filter;
}

// A SearchRequest from the settings polysearch/__init__.py collects (its keyword arguments).
SearchRequest request_of(const py::dict& settings) {
  SearchRequest request;
  request.limit = count_of(setting(settings, "k"), "k");
  request.offset = count_of(setting(settings, "offset"), "offset");
  request.language = language_of(setting(settings, "lang"));
  if (setting(settings, "all_words").cast<bool>()) {
    request.default_operator = DefaultOperator::And;
  }
  if (const py::object bm25 = setting(settings, "bm25"); !bm25.is_none()) {
    const py::tuple pair = py::tuple(bm25);
    if (pair.size() != 2) throw InvalidArgument("bm25 is a pair (k1, b)");
    request.bm25 = Bm25Params{number_of(pair[0], "bm25's k1"), number_of(pair[1], "bm25's b")};
  }
  if (const py::object weight = setting(settings, "weight"); !weight.is_none()) {
    request.weighting = parse_weighting(utf8_of(weight, "weight"));
  }
  if (const py::object prf = setting(settings, "prf"); !prf.is_none()) {
    request.feedback = parse_feedback(utf8_of(prf, "prf"));
  }
  request.title_weight = number_of(setting(settings, "title_weight"), "title_weight");
  request.language_boost = number_of(setting(settings, "language_boost"), "language_boost");
  request.snippets = setting(settings, "snippets").cast<bool>();
  request.snippet_width = count_of(setting(settings, "snippet_width"), "snippet_width");
  if (const py::object field = setting(settings, "snippet_field"); !field.is_none()) {
    request.snippet_field = utf8_of(field, "snippet_field");
  }
  request.fields = strings_of(setting(settings, "fields"), "a field name");
  for (const py::handle spec : setting(settings, "filters")) {
    request.filters.push_back(field_filter(spec));
  }
  request.filter_queries = strings_of(setting(settings, "filter_queries"), "a filter query");
  if (const py::object sort = setting(settings, "sort"); !sort.is_none()) {
    request.sort = parse_sort_order(utf8_of(sort, "sort"));
  }
  for (const std::string& facet : strings_of(setting(settings, "facets"), "a facet")) {
    request.facets.push_back(parse_facet_request(facet));
  }
  if (const py::object collapse = setting(settings, "collapse"); !collapse.is_none()) {
    request.collapse = utf8_of(collapse, "collapse");
    request.collapse_max = count_of(setting(settings, "collapse_max"), "collapse_max");
  }
  return request;
}

py::list highlights_of(const Hit& hit) {
  py::list out;
  for (const Highlight& range : hit.highlights) {
    const std::size_t start = char_offset(hit.snippet, range.begin);
    out.append(
        py::make_tuple(start, start + char_offset(std::string_view(hit.snippet).substr(range.begin),
                                                  range.end - range.begin)));
  }
  return out;
}

py::dict fields_of(const Hit& hit) {
  py::dict out;
  for (const auto& [name, values] : hit.fields) {
    py::list list;
    for (const std::string& value : values) list.append(str_of(value));
    out[str_of(name)] = list;
  }
  return out;
}

std::string hit_repr(const Hit& hit) {
  return "Hit(rank=" + std::to_string(hit.rank) +
         ", id=" + py::repr(str_of(hit.id)).cast<std::string>() +
         ", score=" + py::repr(py::float_(hit.score)).cast<std::string>() +
         ", title=" + py::repr(str_of(hit.title)).cast<std::string>() + ")";
}

py::list hit_list(std::vector<Hit>& hits) {
  py::list out(hits.size());
  for (std::size_t i = 0; i < hits.size(); ++i) out[i] = py::cast(std::move(hits[i]));
  return out;
}

py::dict facets_of(const std::vector<Facet>& facets) {
  py::dict out;
  for (const Facet& facet : facets) {
    py::list counts;
    for (const FacetCount& count : facet.counts) {
      py::dict item;
      if (count.from || count.to || count.value.empty()) {
        item["from"] = count.from ? py::object(str_of(*count.from)) : py::none();
        item["to"] = count.to ? py::object(str_of(*count.to)) : py::none();
      } else {
        item["value"] = str_of(count.value);
      }
      item["count"] = count.count;
      counts.append(item);
    }
    py::dict entry;
    entry["counts"] = counts;
    entry["distinct_values"] = facet.distinct_values;
    entry["missing"] = facet.missing;
    out[str_of(facet.field)] = entry;
  }
  return out;
}

py::dict result_dict(SearchResult& result) {
  py::dict out;
  out["hits"] = hit_list(result.hits);
  out["total"] = result.estimated_total;
  out["total_exact"] = result.total_exact;
  out["query"] = str_of(result.query_description);
  out["facets"] = facets_of(result.facets);
  py::list expansion;
  for (const ExpansionTerm& term : result.expansion) {
    expansion.append(py::make_tuple(str_of(term.term), term.weight));
  }
  out["expansion"] = expansion;
  return out;
}

py::dict info_dict(const IndexInfo& info) {
  py::dict out;
  out["path"] = info.path.string();
  out["documents"] = info.documents;
  out["words"] = info.words;
  out["distinct_terms"] = info.distinct_terms;
  py::dict languages;
  for (const LanguageStats& stats : info.languages) {
    py::dict counts;
    counts["documents"] = stats.documents;
    counts["words"] = stats.words;
    languages[py::str(std::string(language_code(stats.language)))] = counts;
  }
  out["languages"] = languages;
  out["schema_version"] = info.schema_version;
  out["analysis"] = analysis_dict(info.analysis);
  out["title_wdf"] = info.title_wdf;
  out["schema_json"] = info.schema.to_json();
  return out;
}

// A Searcher shared by Python threads (calls take turns, as for the writer), with more
// readers of the same index for batch_search's threads, opened on first use.
class PySearcher {
 public:
  explicit PySearcher(std::vector<std::string> locations) : locations_(std::move(locations)) {
    if (locations_.empty()) throw InvalidArgument("a Searcher needs an index or shards to read");
    py::gil_scoped_release unlocked;
    readers_.push_back(open());
  }

  py::dict search(py::handle query_object, const py::dict& settings) {
    SearchRequest request = request_of(settings);
    request.query = utf8_of(query_object, "query");
    if (setting(settings, "literal").cast<bool>()) {
      request.query = eval::plain_words(request.query);
      if (request.query.empty()) {
        throw QuerySyntaxError("no words to search for without the query syntax", 0);
      }
    }
    SearchResult result;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard lock(mutex_);
      result = reader().search(request);
    }
    return result_dict(result);
  }

  // (hits by query id in the order given, warnings as (query id, searched as plain words,
  // message)).
  py::tuple batch_search(const py::list& queries, const py::dict& settings, std::size_t threads,
                         bool literal) {
    const SearchRequest request = request_of(settings);
    std::vector<eval::Topic> topics;
    topics.reserve(queries.size());
    for (const py::handle pair : queries) {
      const py::tuple item = py::reinterpret_borrow<py::tuple>(pair);
      topics.push_back({utf8_of(item[0], "a query id"), utf8_of(item[1], "a query"), {}});
    }
    std::vector<eval::TopicHits> found(topics.size());
    {
      py::gil_scoped_release unlocked;
      std::lock_guard lock(mutex_);
      run_topics(request, topics, found, threads, literal);
    }
    py::dict hits;
    py::list warnings;
    for (std::size_t i = 0; i < topics.size(); ++i) {
      if (!found[i].message.empty()) {
        warnings.append(py::make_tuple(str_of(topics[i].id),
                                       found[i].plain_words && !found[i].failed,
                                       str_of(found[i].message)));
      }
      hits[str_of(topics[i].id)] = hit_list(found[i].hits);
    }
    return py::make_tuple(hits, warnings);
  }

  py::dict info() {
    IndexInfo info;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard lock(mutex_);
      info = reader().info();
    }
    return info_dict(info);
  }

  std::vector<std::string> languages() {
    std::vector<Language> languages;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard lock(mutex_);
      languages = reader().languages();
    }
    std::vector<std::string> codes;
    for (const Language language : languages) codes.emplace_back(language_code(language));
    return codes;
  }

  void reopen() {
    py::gil_scoped_release unlocked;
    std::lock_guard lock(mutex_);
    reader();
    for (auto& searcher : readers_) searcher->reopen();
  }

  void close() {
    py::gil_scoped_release unlocked;
    std::lock_guard lock(mutex_);
    readers_.clear();
  }

  [[nodiscard]] bool closed() const { return readers_.empty(); }

 private:
  std::unique_ptr<Searcher> open() const {
    const bool one_directory = locations_.size() == 1 && locations_[0].rfind("tcp://", 0) != 0;
    return one_directory ? std::make_unique<Searcher>(locations_[0])
                         : std::make_unique<Searcher>(locations_);
  }

  Searcher& reader() {
    if (readers_.empty())
      throw InvalidArgument("the Searcher of '" + locations_[0] + "' is closed");
    return *readers_[0];
  }

  // Topics taken in turn by `threads` workers, each with a reader of its own; the first
  // error that is not a topic's own (a broken index) is rethrown once all have stopped.
  void run_topics(const SearchRequest& request, const std::vector<eval::Topic>& topics,
                  std::vector<eval::TopicHits>& found, std::size_t threads, bool literal) {
    reader();
    threads = std::max<std::size_t>(1, std::min(threads, topics.size()));
    while (readers_.size() < threads) readers_.push_back(open());
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&](Searcher& searcher) {
      try {
        for (std::size_t i = next++; i < topics.size(); i = next++) {
          found[i] = eval::search_topic_hits(searcher, request, topics[i], literal);
        }
      } catch (...) {
        next = topics.size();
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    };
    std::vector<std::thread> workers;
    for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(work, std::ref(*readers_[t]));
    work(*readers_[0]);
    for (std::thread& worker : workers) worker.join();
    if (failure) std::rethrow_exception(failure);
  }

  std::vector<std::string> locations_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> readers_;
};

}  // namespace

void bind_search(py::module_& module) {
  py::class_<Hit>(module, "Hit", "One matching document (Searcher.search, batch_search).")
      .def_readonly("rank", &Hit::rank, "1-based, counting the request's offset.")
      .def_property_readonly(
          "id", [](const Hit& h) { return str_of(h.id); }, "The document's id.")
      .def_property_readonly(
          "docid", [](const Hit& h) { return str_of(h.id); },
          "The document's id (Pyserini's name).")
      .def_readonly("score", &Hit::score, "The ranking score; higher ranks first.")
      .def_property_readonly(
          "title", [](const Hit& h) { return str_of(h.title); }, "The document's title, or ''.")
      .def_property_readonly(
          "lang", [](const Hit& h) { return std::string(language_code(h.language)); },
          "The language the document was analyzed in: de, es, pt, zh or und.")
      .def_property_readonly(
          "source", [](const Hit& h) { return str_of(h.source); },
          "Where the document came from (its 'source'), or ''.")
      .def_property_readonly(
          "snippet", [](const Hit& h) { return str_of(h.snippet); },
          "An extract of the text around the matches; '…' marks a cut.")
      .def_property_readonly("highlights", &highlights_of,
                             "The matched words in `snippet`: (start, end) character indexes.")
      .def_property_readonly("fields", &fields_of,
                             "The fields asked for with `fields=`: name -> list of values.")
      .def_readonly("collapsed", &Hit::collapsed,
                    "With `collapse=`: matching documents left out for sharing this hit's value.")
      .def("__repr__", &hit_repr);

  py::class_<PySearcher>(module, "_Searcher")
      .def(py::init<std::vector<std::string>>(), py::arg("locations"))
      .def("search", &PySearcher::search)
      .def("batch_search", &PySearcher::batch_search)
      .def("info", &PySearcher::info)
      .def("languages", &PySearcher::languages)
      .def("reopen", &PySearcher::reopen)
      .def("close", &PySearcher::close)
      .def_property_readonly("closed", &PySearcher::closed);
}

}  // namespace polysearch::python
