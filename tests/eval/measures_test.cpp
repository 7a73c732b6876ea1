// The evaluator against trec_eval 9.0.8's own output (fixtures/trec_eval/), line by line,
// and hand-made cases for ranking ties, duplicates, missing and extra queries.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "polysearch/error.hpp"
#include "polysearch/eval/trec_eval.hpp"
#include "support/test_support.hpp"

namespace eval = polysearch::eval;
using polysearch::InputError;
using polysearch::InvalidArgument;

namespace {

const std::vector<std::string> kPerQueryMeasures{"map", "ndcg_cut.10", "recip_rank", "recall.100",
                                                 "P.10"};

std::filesystem::path case_path(const std::string& name) {
  return polysearch::test::fixtures_dir() / "trec_eval" / name;
}

std::string format_value(double value, bool integral) {
  char buffer[64];
  if (integral) {
    std::snprintf(buffer, sizeof buffer, "%ld", static_cast<long>(value));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
  }
  return buffer;
}

const eval::MeasureValues* find_measure(const eval::Evaluation& evaluation,
                                        const std::string& name) {
  for (const auto& measure : evaluation.measures) {
    if (measure.name == name) return &measure;
  }
  return nullptr;
}

// Our value for one "name<TAB>query<TAB>value" line of trec_eval's output, or "" if we have
// none.
std::string our_value(const eval::Evaluation& evaluation, const std::string& name,
                      const std::string& query) {
  if (name == "runid") return evaluation.print_run_name ? evaluation.run_name : "";
  const eval::MeasureValues* measure = find_measure(evaluation, name);
  if (measure == nullptr) return "";
  if (query == "all") return format_value(measure->all, measure->integral);
  const auto it = measure->per_query.find(query);
  return it == measure->per_query.end() ? "" : format_value(it->second, measure->integral);
}

struct LineCheck {
  std::size_t lines = 0;
  std::size_t matched = 0;
  std::string differences;
};

// Compares every line of an expected file with `evaluation`.
LineCheck check_lines(const std::filesystem::path& expected, const eval::Evaluation& evaluation) {
  std::istringstream in(polysearch::test::read_file(expected));
  LineCheck check;
  for (std::string line; std::getline(in, line);) {
    ++check.lines;
    std::istringstream fields(line);
    std::string name, query, value;
    fields >> name >> query >> value;
    const std::string ours = our_value(evaluation, name, query);
    if (ours == value) {
      ++check.matched;
    } else {
      check.differences += "  " + name + " " + query + ": trec_eval " + value + ", ours " +
                           (ours.empty() ? "<none>" : ours) + "\n";
    }
  }
  return check;
}

eval::Evaluation evaluate_case(const std::string& run, const std::vector<std::string>& measures) {
  return eval::evaluate(eval::read_qrels(case_path("qrels.txt")),
                        eval::read_run(case_path(run + ".run")), measures);
}

void check_against_trec_eval(const std::string& run) {
  for (const auto& [file, measures] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {run + ".expected.all.txt", {"all_trec"}},
           {run + ".expected.perquery.txt", kPerQueryMeasures},
           {run + ".expected.perquery.txt", {"all_trec"}}}) {
    const LineCheck check = check_lines(case_path(file), evaluate_case(run, measures));
    INFO(file << ": " << check.matched << " of " << check.lines << " lines match\n"
              << check.differences);
    CHECK(check.lines > 50);
    CHECK(check.matched == check.lines);
  }
}

std::string trec_eval_output(const eval::Evaluation& evaluation, bool per_query) {
  std::ostringstream out;
  eval::write_trec_eval(out, evaluation, per_query);
  return out.str();
}

eval::Qrels qrels_of(const std::string& text) {
  std::istringstream in(text);
  return eval::read_qrels(in, "qrels.txt");
}

eval::Run run_of(const std::string& text) {
  std::istringstream in(text);
  return eval::read_run(in, "run.txt");
}

double value_of(const eval::Evaluation& evaluation, const std::string& name,
                const std::string& query = "all") {
  const eval::MeasureValues* measure = find_measure(evaluation, name);
  REQUIRE_MESSAGE(measure != nullptr, "no measure " << name);
  return query == "all" ? measure->all : measure->per_query.at(query);
}

template <typename Exception>
std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Exception& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("eval: every line of trec_eval's output for a plain run") {
  check_against_trec_eval("plain");
}

TEST_CASE("eval: every line of trec_eval's output for a run with ties and missing queries") {
  check_against_trec_eval("ties_missing");
}

TEST_CASE("eval: write_trec_eval reproduces trec_eval's files byte for byte") {
  for (const std::string run : {"plain", "ties_missing"}) {
    CAPTURE(run);
    const std::string all = polysearch::test::read_file(case_path(run + ".expected.all.txt"));
    CHECK(trec_eval_output(evaluate_case(run, {"all_trec"}), false) == all);
    const std::string per_query =
        polysearch::test::read_file(case_path(run + ".expected.perquery.txt"));
    CHECK(trec_eval_output(evaluate_case(run, kPerQueryMeasures), true) == per_query);
  }
}

TEST_CASE("eval: judged queries the run lacks count 0 but print no per-query line") {
  const eval::Evaluation evaluation = evaluate_case("ties_missing", {"map", "num_q", "num_rel"});
  CHECK(evaluation.judged_queries.size() == 12);
  CHECK(evaluation.evaluated_queries.size() == 10);
  CHECK(find_measure(evaluation, "map")->per_query.count("q03") == 0);
  CHECK(value_of(evaluation, "num_q") == 12);
  CHECK(value_of(evaluation, "num_rel") == 71);  // q03's and q09's relevant documents count
  // q07 has judgments but nothing relevant: evaluated, 0, and averaged over.
  CHECK(value_of(evaluation, "map", "q07") == 0.0);
}

TEST_CASE("eval: ties are broken by document id descending and the rank column is ignored") {
  const eval::Qrels qrels = qrels_of("q1 0 d2 1\nq1 0 d9 0\n");
  // Equal scores: d9 > d3 > d2 > d10 in byte order, whatever the rank column says.
  const eval::Run run = run_of(
      "q1 Q0 d10 1 5.0 r\n"
      "q1 Q0 d2 2 5.0 r\n"
      "q1 Q0 d3 3 5.0 r\n"
      "q1 Q0 d9 4 5.0 r\n");
  const eval::Evaluation evaluation = eval::evaluate(qrels, run, {"recip_rank", "P.1,3"});
  CHECK(value_of(evaluation, "recip_rank") == doctest::Approx(1.0 / 3.0));
  CHECK(value_of(evaluation, "P_1") == 0.0);
  // A higher score wins over the id.
  const eval::Run scored = run_of("q1 Q0 d2 9 5.5 r\nq1 Q0 d9 1 5.0 r\n");
  CHECK(value_of(eval::evaluate(qrels, scored, {"recip_rank"}), "recip_rank") == 1.0);
}

TEST_CASE("eval: a document retrieved twice is refused, as trec_eval refuses it") {
  const std::string message = error_of<InputError>(
      [] { (void)run_of("q1 Q0 d1 1 2.0 r\nq1 Q0 d2 2 1.0 r\nq1 Q0 d1 3 0.5 r\n"); });
  CHECK(message == "run.txt:3: document 'd1' retrieved twice for query 'q1' (first on line 1)");
  eval::Run run;
  run.queries["q1"] = {{"d1", 1.0}, {"d1", 2.0}};
  CHECK(error_of<InvalidArgument>([&] {
          (void)eval::evaluate(qrels_of("q1 0 d1 1\n"), run, {"map"});
        }) == "document 'd1' retrieved twice for query 'q1'");
  // The same document for two queries is fine.
  CHECK(run_of("q1 Q0 d1 1 1 r\nq2 Q0 d1 1 1 r\n").queries.size() == 2);
}

TEST_CASE("eval: an empty run scores 0 on every judged query") {
  const eval::Run run = run_of("");
  CHECK(run.queries.empty());
  const eval::Evaluation evaluation =
      eval::evaluate(qrels_of("q1 0 d1 1\nq1 0 d2 2\nq2 0 d3 0\n"), run,
                     {"num_q", "num_ret", "num_rel", "map", "ndcg", "gm_map"});
  CHECK(evaluation.evaluated_queries.empty());
  CHECK(value_of(evaluation, "num_q") == 2);
  CHECK(value_of(evaluation, "num_ret") == 0);
  CHECK(value_of(evaluation, "num_rel") == 2);
  CHECK(value_of(evaluation, "map") == 0.0);
  CHECK(value_of(evaluation, "ndcg") == 0.0);
  CHECK(value_of(evaluation, "gm_map") == doctest::Approx(0.00001));
  CHECK(trec_eval_output(evaluation, true) ==
        "num_q                 \tall\t2\n"
        "num_ret               \tall\t0\n"
        "num_rel               \tall\t2\n"
        "map                   \tall\t0.0000\n"
        "gm_map                \tall\t0.0000\n"
        "ndcg                  \tall\t0.0000\n");
}

TEST_CASE("eval: queries only in the run are ignored") {
  const eval::Qrels qrels = qrels_of("q1 0 d1 1\n");
  const eval::Run run = run_of("q1 Q0 d1 1 1.0 r\nq2 Q0 d1 1 1.0 r\nq2 Q0 d2 2 0.5 r\n");
  const eval::Evaluation evaluation = eval::evaluate(qrels, run, {"num_q", "num_ret", "map"});
  CHECK(value_of(evaluation, "num_q") == 1);
  CHECK(value_of(evaluation, "num_ret") == 1);
  CHECK(value_of(evaluation, "map") == 1.0);
  CHECK(evaluation.evaluated_queries == std::vector<std::string>{"q1"});
}

TEST_CASE("eval: graded nDCG uses the grade as gain and log2(rank + 1) as discount") {
  const eval::Qrels qrels = qrels_of("q 0 a 2\nq 0 b 1\nq 0 c 0\nq 0 z 1\n");
  const eval::Run run = run_of("q Q0 b 1 3 r\nq Q0 a 2 2 r\nq Q0 c 3 1 r\n");
  const eval::Evaluation evaluation = eval::evaluate(qrels, run, {"ndcg", "ndcg_cut.1,2,10"});
  const double dcg = 1.0 + 2.0 / std::log2(3.0);
  const double ideal = 2.0 + 1.0 / std::log2(3.0) + 1.0 / std::log2(4.0);
  CHECK(value_of(evaluation, "ndcg") == doctest::Approx(dcg / ideal));
  CHECK(value_of(evaluation, "ndcg_cut_1") == doctest::Approx(0.5));
  CHECK(value_of(evaluation, "ndcg_cut_2") == doctest::Approx(dcg / (2.0 + 1.0 / std::log2(3.0))));
  CHECK(value_of(evaluation, "ndcg_cut_10") == doctest::Approx(dcg / ideal));
}

TEST_CASE("eval: bpref, Rprec and relevance levels") {
  // Relevant: a, b (grade 2), c (grade 1).  Judged non-relevant: n1, n2.  x is unjudged.
  const eval::Qrels qrels = qrels_of("q 0 a 2\nq 0 b 2\nq 0 c 1\nq 0 n1 0\nq 0 n2 0\n");
  const eval::Run run = run_of(
      "q Q0 x 1 6 r\nq Q0 a 2 5 r\nq Q0 n1 3 4 r\nq Q0 b 4 3 r\n"
      "q Q0 n2 5 2 r\nq Q0 c 6 1 r\n");
  const eval::Evaluation evaluation = eval::evaluate(qrels, run, {"bpref", "Rprec", "map"});
  // a: no non-relevant above (1); b: 1 of min(2, 3) above (1/2); c: 2 of 2 above (0).
  CHECK(value_of(evaluation, "bpref") == doctest::Approx((1.0 + 0.5 + 0.0) / 3.0));
  CHECK(value_of(evaluation, "Rprec") == doctest::Approx(1.0 / 3.0));
  CHECK(value_of(evaluation, "map") == doctest::Approx((1.0 / 2 + 2.0 / 4 + 3.0 / 6) / 3));
  eval::EvaluationOptions strict;
  strict.relevance_level = 2;  // only a and b are relevant now
  const eval::Evaluation graded = eval::evaluate(qrels, run, {"map", "num_rel"}, strict);
  CHECK(value_of(graded, "num_rel") == 2);
  CHECK(value_of(graded, "map") == doctest::Approx((1.0 / 2 + 2.0 / 4) / 2));
  strict.relevance_level = 0;
  CHECK_THROWS_AS((void)eval::evaluate(qrels, run, {"map"}, strict), InvalidArgument);
}

TEST_CASE("eval: gm_map floors each query at 0.00001 before the geometric mean") {
  const eval::Qrels qrels = qrels_of("q1 0 a 1\nq2 0 b 1\n");
  const eval::Run run = run_of("q1 Q0 x 1 2 r\nq1 Q0 a 2 1 r\n");  // AP 0.5, q2 missing
  const eval::Evaluation evaluation = eval::evaluate(qrels, run, {"gm_map", "map"});
  CHECK(value_of(evaluation, "map") == doctest::Approx(0.25));
  CHECK(value_of(evaluation, "gm_map") ==
        doctest::Approx(std::exp((std::log(0.5) + std::log(0.00001)) / 2)));
}

TEST_CASE("eval: measure names and cutoff lists follow trec_eval") {
  const eval::Qrels qrels = qrels_of("q 0 a 1\n");
  const eval::Run run = run_of("q Q0 a 1 1 r\n");
  const auto names = [&](const std::vector<std::string>& measures) {
    std::vector<std::string> out;
    for (const auto& m : eval::evaluate(qrels, run, measures).measures) out.push_back(m.name);
    return out;
  };
  CHECK(names({"P.20,5"}) == std::vector<std::string>{"P_5", "P_20"});
  CHECK(names({"ndcg_cut.10", "map", "P.10"}) ==
        std::vector<std::string>{"map", "P_10", "ndcg_cut_10"});  // trec_eval's order
  CHECK(names({"iprec_at_recall.0.5,1"}) ==
        std::vector<std::string>{"iprec_at_recall_0.50", "iprec_at_recall_1.00"});
  CHECK(names({"set_F.0.5", "utility.2,-1,0,0"}) ==
        std::vector<std::string>{"utility_2,-1,0,0", "set_F_0.5"});
  CHECK(names({"P", "P.10"}) == std::vector<std::string>{"P_10"});
  CHECK(names({"success"}) == std::vector<std::string>{"success_1", "success_5", "success_10"});
  CHECK(names({"official"}).size() == 4 + 5 + 11 + 9);  // counts, map…recip_rank, iprec, P
  CHECK(eval::evaluate(qrels, run, {"runid", "map"}).print_run_name);
}

TEST_CASE("eval: unknown measures and bad parameters are InvalidArgument") {
  const eval::Qrels qrels = qrels_of("q 0 a 1\n");
  const eval::Run run = run_of("q Q0 a 1 1 r\n");
  const auto error = [&](const std::vector<std::string>& measures) {
    return error_of<InvalidArgument>([&] { (void)eval::evaluate(qrels, run, measures); });
  };
  const std::string unknown = error({"nDCG@10"});
  CHECK(unknown.rfind("unknown measure 'nDCG@10' (known: runid, num_q, num_ret", 0) == 0);
  CHECK(unknown.find("ndcg_cut") != std::string::npos);
  CHECK(unknown.find("all_trec") != std::string::npos);
  CHECK(error({"P.5,x"}) ==
        "invalid parameters in measure 'P.5,x' (expected positive integers such as P.5,10)");
  CHECK(!error({"P.0"}).empty());
  CHECK(!error({"P.5,5"}).empty());
  CHECK(!error({"P."}).empty());
  CHECK(!error({"map.5"}).empty());
  CHECK(!error({"utility.1,2"}).empty());
  CHECK(!error({"all_trec.5"}).empty());
  CHECK(error({"P.5", "P.10"}).find("given twice with different parameters") != std::string::npos);
  for (const std::string& name : eval::known_measures()) {
    CAPTURE(name);
    CHECK_NOTHROW((void)eval::evaluate(qrels, run, {name}));
  }
}

TEST_CASE("eval: qrels and run files are read with file:line errors") {
  CHECK(qrels_of("# comment\n\nq1 0 d1 1\r\nq1 0 d2 -1\n").queries.at("q1").at("d2") == -1);
  CHECK(qrels_of("\xEF\xBB\xBFq1 0 d1 1\n").queries.count("q1") == 1);
  const auto qrels_error = [](const std::string& text) {
    return error_of<InputError>([&] { (void)qrels_of(text); });
  };
  CHECK(qrels_error("q1 0 d1 1\nq1 0 d2\n") ==
        "qrels.txt:2: expected 4 columns (query, iteration, document, grade), got 3");
  CHECK(qrels_error("q1 0 d1 1.5\n") == "qrels.txt:1: grade '1.5' is not an integer");
  CHECK(qrels_error("q1 0 d1 1\nq1 0 d1 0\n") ==
        "qrels.txt:2: document 'd1' judged twice for query 'q1' (first on line 1)");
  CHECK(qrels_error("# nothing\n") == "qrels.txt: no judgments");
  const auto run_error = [](const std::string& text) {
    return error_of<InputError>([&] { (void)run_of(text); });
  };
  CHECK(run_error("q1 Q0 d1 1 1.0\n") ==
        "run.txt:1: expected 6 columns (query, Q0, document, rank, score, run name), got 5");
  CHECK(run_error("q1 Q0 d1 1 high r\n") == "run.txt:1: score 'high' is not a number");
  const eval::Run run = run_of("q1 Q0 d1 1 -1.5e2 first extra\nq1 Q0 d2 2 inf last\n");
  CHECK(run.name == "last");  // trec_eval keeps the last line's
  CHECK(run.queries.at("q1").at(0).score == -150.0);
  const std::string missing = error_of<InputError>(
      [] { (void)eval::read_qrels(std::filesystem::path("/nonexistent/qrels.txt")); });
  CHECK(missing == "cannot read '/nonexistent/qrels.txt': no such file or directory");
  CHECK(!error_of<InputError>([] { (void)eval::read_run(case_path("")); }).empty());
}
