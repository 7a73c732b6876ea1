// polysearch._core.eval: TREC files and trec_eval's measures, with dicts in
// pytrec_eval's shape (run {qid: {docid: score}}, qrels {qid: {docid: grade}}).
#include <pybind11/stl.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "polysearch/eval/significance.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/eval/trec_eval.hpp"
#include "polysearch/searcher.hpp"

namespace polysearch::python {
namespace {

eval::Qrels qrels_of(const py::dict& qrels) {
  eval::Qrels out;
  for (const auto& [query, documents] : qrels) {
    auto& judged = out.queries[utf8_of(query, "a query id")];
    for (const auto& [document, grade] : py::reinterpret_borrow<py::dict>(documents)) {
      if (!PyLong_Check(grade.ptr()) || PyBool_Check(grade.ptr())) {
        throw py::type_error("a relevance grade must be an int");
      }
      judged[utf8_of(document, "a document id")] = grade.cast<int>();
    }
  }
  return out;
}

// A run of {qid: {docid: score}} or batch_search's {qid: [Hit]}, read in C++: converting
// a hundred thousand hits in Python took longer than the searches' last tenth.
eval::Run run_of(const py::dict& run) {
  eval::Run out;
  for (const auto& [query, documents] : run) {
    std::vector<eval::RankedDocument> ranked;
    if (PyDict_Check(documents.ptr())) {
      for (const auto& [document, score] : py::reinterpret_borrow<py::dict>(documents)) {
        ranked.push_back({utf8_of(document, "a document id"), number_of(score, "a score")});
      }
    } else {
      for (const py::handle item : documents) {
        if (!py::isinstance<Hit>(item)) {
          throw py::type_error("a run's documents are a {docid: score} dict or a list of Hits");
        }
        const Hit& hit = item.cast<const Hit&>();
        ranked.push_back({hit.id, hit.score});
      }
    }
    // A query without documents has no line in a run file: left out, as `polysearch eval`
    // leaves it out of a run file's per-query figures.
    if (!ranked.empty()) out.queries[utf8_of(query, "a query id")] = std::move(ranked);
  }
  return out;
}

py::dict qrels_dict(const eval::Qrels& qrels) {
  py::dict out;
  for (const auto& [query, documents] : qrels.queries) {
    py::dict judged;
    for (const auto& [document, grade] : documents) judged[str_of(document)] = grade;
    out[str_of(query)] = judged;
  }
  return out;
}

py::dict run_dict(const eval::Run& run) {
  py::dict out;
  for (const auto& [query, documents] : run.queries) {
    py::dict ranked;
    for (const eval::RankedDocument& document : documents) {
      ranked[str_of(document.id)] = document.score;
    }
    out[str_of(query)] = ranked;
  }
  return out;
}

py::object value_of(const eval::MeasureValues& measure, double value) {
  if (measure.integral) return py::int_(static_cast<long long>(value));
  return py::float_(value);
}

py::dict read_qrels(const std::string& path) { return qrels_dict(eval::read_qrels(path)); }

py::tuple read_run(const std::string& path) {
  const eval::Run run = eval::read_run(path);
  return py::make_tuple(str_of(run.name), run_dict(run));
}

// ({qid: text} in file order, [warnings]).
py::tuple read_topics(const std::string& path, const std::string& field) {
  eval::TopicField which = eval::TopicField::Title;
  if (field == "desc") which = eval::TopicField::Description;
  if (field == "title+desc") which = eval::TopicField::TitleDescription;
  py::dict topics;
  py::list warnings;
  for (const eval::Topic& topic : eval::read_topics(path, which)) {
    topics[str_of(topic.id)] = str_of(topic.text);
    if (!topic.warning.empty()) warnings.append(str_of(topic.warning));
  }
  return py::make_tuple(topics, warnings);
}

// A run file's lines: each query's documents as given, in rank order: Hits (as
// `polysearch run` writes them) or (docid, score) pairs.
std::string format_run(const py::dict& run, const std::string& tag) {
  std::string out;
  for (const auto& [query_object, documents] : run) {
    const std::string query = utf8_of(query_object, "a query id");
    std::size_t rank = 0;
    for (const py::handle item : documents) {
      if (py::isinstance<Hit>(item)) {
        const Hit& hit = item.cast<const Hit&>();
        out += eval::format_run_line({query, hit.id, ++rank, hit.score, tag});
      } else {
        const py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
        const std::string document = utf8_of(pair[0], "a document id");
        out += eval::format_run_line({query, document, ++rank, number_of(pair[1], "a score"), tag});
      }
      out += '\n';
    }
  }
  return out;
}

eval::EvaluationOptions evaluation_options(int relevance_level) {
  eval::EvaluationOptions options;
  options.relevance_level = relevance_level;
  return options;
}

py::dict evaluate(const py::dict& qrels, const py::dict& run,
                  const std::vector<std::string>& measures, int relevance_level, bool per_query) {
  const eval::Evaluation evaluation =
      eval::evaluate(qrels_of(qrels), run_of(run), measures, evaluation_options(relevance_level));
  py::dict out;
  if (per_query) {
    for (const std::string& query : evaluation.evaluated_queries) {
      py::dict values;
      for (const eval::MeasureValues& measure : evaluation.measures) {
        if (measure.summary_only) continue;
        values[py::str(measure.name)] = value_of(measure, measure.per_query.at(query));
      }
      out[str_of(query)] = values;
    }
    return out;
  }
  for (const eval::MeasureValues& measure : evaluation.measures) {
    out[py::str(measure.name)] = value_of(measure, measure.all);
  }
  return out;
}

py::dict compare(const py::dict& qrels_object, const py::dict& run_a, const py::dict& run_b,
                 const std::vector<std::string>& measures, std::size_t trials, std::uint64_t seed,
                 int relevance_level) {
  const eval::Qrels qrels = qrels_of(qrels_object);
  const auto options = evaluation_options(relevance_level);
  const eval::Evaluation a = eval::evaluate(qrels, run_of(run_a), measures, options);
  const eval::Evaluation b = eval::evaluate(qrels, run_of(run_b), measures, options);
  eval::RandomizationOptions randomization;
  randomization.trials = trials;
  randomization.seed = seed;
  py::dict out;
  for (const eval::MeasureComparison& item : eval::compare_runs(a, b, randomization)) {
    const eval::PairedComparison& r = item.result;
    py::dict result;
    result["queries"] = r.queries;
    result["a"] = r.mean_a;
    result["b"] = r.mean_b;
    result["mean_difference"] = r.mean_difference;
    result["wins"] = r.wins;
    result["losses"] = r.losses;
    result["ties"] = r.ties;
    result["t"] = r.t_statistic;
    result["df"] = r.degrees_of_freedom;
    result["t_test_p"] = r.t_test_p;
    result["randomization_p"] = r.randomization_p;
    result["randomization_samples"] = r.randomization_samples;
    result["randomization_exact"] = r.randomization_exact;
    py::dict per_query;
    for (const auto& [query, value] : item.a) {
      per_query[str_of(query)] = py::make_tuple(value, item.b.at(query));
    }
    result["per_query"] = per_query;
    out[py::str(item.measure)] = result;
  }
  return out;
}

}  // namespace

void bind_eval(py::module_& module) {
  module.def("read_qrels", &read_qrels, py::arg("path"));
  module.def("read_run", &read_run, py::arg("path"));
  module.def("read_topics", &read_topics, py::arg("path"), py::arg("field"));
  module.def("format_run", &format_run, py::arg("run"), py::arg("tag"));
  module.def("evaluate", &evaluate, py::arg("qrels"), py::arg("run"), py::arg("measures"),
             py::arg("relevance_level"), py::arg("per_query"));
  module.def("compare", &compare, py::arg("qrels"), py::arg("run_a"), py::arg("run_b"),
             py::arg("measures"), py::arg("trials"), py::arg("seed"), py::arg("relevance_level"));
  module.def("known_measures", &eval::known_measures);
}

}  // namespace polysearch::python
