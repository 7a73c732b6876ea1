// Run fusion: RRF, CombSUM and CombMNZ against values worked out by hand.
#include "polysearch/eval/fusion.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "polysearch/error.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/eval/trec_eval.hpp"

namespace eval = polysearch::eval;

namespace {

using Ranking = std::vector<std::pair<std::string, double>>;

eval::Run make_run(const std::string& name,
                   const std::vector<std::pair<std::string, Ranking>>& queries) {
  eval::Run run;
  run.name = name;
  for (const auto& [query, ranking] : queries) {
    for (const auto& [id, score] : ranking) run.queries[query].push_back({id, score});
  }
  return run;
}

// Run A ranks d1 > d2 > d3; run B ranks d2 > d4 > d1.  The documents are listed out of
// order on purpose: only the scores rank them.
eval::Run run_a() { return make_run("a", {{"q1", {{"d3", 1.0}, {"d1", 3.0}, {"d2", 2.0}}}}); }
eval::Run run_b() { return make_run("b", {{"q1", {{"d1", 2.0}, {"d4", 6.0}, {"d2", 10.0}}}}); }

// The fused ranking of one query, as (id, score) in order.
Ranking ranking_of(const eval::Run& run, const std::string& query) {
  Ranking out;
  for (const eval::RankedDocument& document : run.queries.at(query)) {
    out.emplace_back(document.id, document.score);
  }
  return out;
}

void check_ranking(const Ranking& got, const Ranking& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("position " << i + 1);
    CHECK(got[i].first == expected[i].first);
    // Fused scores are rounded to six decimals, as a run file holds them.
    CHECK(std::fabs(got[i].second - expected[i].second) < 5.1e-7);
  }
}

eval::FusionOptions with_method(eval::FusionMethod method) {
  eval::FusionOptions options;
  options.method = method;
  return options;
}

}  // namespace

TEST_CASE("eval: RRF with k = 60 sums 1 / (60 + rank) over the runs") {
  const eval::Run fused = eval::fuse_runs({run_a(), run_b()});
  CHECK(fused.name == "fuse");
  REQUIRE(fused.queries.size() == 1);
  // d2: 1/62 + 1/61; d1: 1/61 + 1/63; d4: 1/62; d3: 1/63 (six decimals, as written).
  check_ranking(ranking_of(fused, "q1"),
                {{"d2", 0.032522}, {"d1", 0.032266}, {"d4", 0.016129}, {"d3", 0.015873}});
}

TEST_CASE("eval: RRF ranks each run as trec_eval does, ties by document id descending") {
  // Equal scores: trec_eval puts "y" (the larger id) first, so y has rank 1 and x rank 2,
  // whatever the order of the lines.
  const eval::Run tied = make_run("tied", {{"q", {{"x", 1.0}, {"y", 1.0}}}});
  const eval::Run other = make_run("other", {{"q", {{"z", 5.0}}}});
  eval::FusionOptions options;
  options.rrf_k = 0;
  check_ranking(ranking_of(eval::fuse_runs({tied, other}, options), "q"),
                {{"z", 1.0}, {"y", 1.0}, {"x", 0.5}});
}

TEST_CASE("eval: fused ties are broken by document id descending, as eval reads a run") {
  // d1 is first in one run and second in the other, d2 the reverse: equal RRF scores.
  const eval::Run a = make_run("a", {{"q", {{"d1", 2.0}, {"d2", 1.0}}}});
  const eval::Run b = make_run("b", {{"q", {{"d2", 2.0}, {"d1", 1.0}}}});
  const Ranking fused = ranking_of(eval::fuse_runs({a, b}), "q");
  check_ranking(fused, {{"d2", 0.032522}, {"d1", 0.032522}});
  CHECK(fused[0].second == fused[1].second);
}

TEST_CASE("eval: RRF weights multiply each run's reciprocal ranks") {
  eval::FusionOptions options;
  options.weights = {2.0, 1.0};
  // d1: 2/61 + 1/63 = 0.048660 now beats d2: 2/62 + 1/61 = 0.048652.
  check_ranking(ranking_of(eval::fuse_runs({run_a(), run_b()}, options), "q1"),
                {{"d1", 0.048660}, {"d2", 0.048652}, {"d3", 0.031746}, {"d4", 0.016129}});
}

TEST_CASE("eval: CombSUM and CombMNZ with min-max normalization") {
  // Min-max per run: A gives d1 1, d2 0.5, d3 0; B gives d2 1, d4 0.5, d1 0.
  check_ranking(
      ranking_of(eval::fuse_runs({run_a(), run_b()}, with_method(eval::FusionMethod::CombSum)),
                 "q1"),
      {{"d2", 1.5}, {"d1", 1.0}, {"d4", 0.5}, {"d3", 0.0}});
  // CombMNZ multiplies by the number of runs that have the document: d2 and d1 by 2.
  check_ranking(
      ranking_of(eval::fuse_runs({run_a(), run_b()}, with_method(eval::FusionMethod::CombMnz)),
                 "q1"),
      {{"d2", 3.0}, {"d1", 2.0}, {"d4", 0.5}, {"d3", 0.0}});
}

TEST_CASE("eval: CombSUM weights multiply each run's normalized scores") {
  eval::FusionOptions options = with_method(eval::FusionMethod::CombSum);
  options.weights = {1.0, 3.0};
  // d2: 0.5 + 3; d4: 3 x 0.5 overtakes d1: 1 + 3 x 0.
  check_ranking(ranking_of(eval::fuse_runs({run_a(), run_b()}, options), "q1"),
                {{"d2", 3.5}, {"d4", 1.5}, {"d1", 1.0}, {"d3", 0.0}});
}

TEST_CASE("eval: min-max gives every document 1 when a run's scores are all equal") {
  const eval::Run constant = make_run("c", {{"q1", {{"d5", 7.0}, {"d1", 7.0}}}});
  check_ranking(
      ranking_of(eval::fuse_runs({run_a(), constant}, with_method(eval::FusionMethod::CombSum)),
                 "q1"),
      {{"d1", 2.0}, {"d5", 1.0}, {"d2", 0.5}, {"d3", 0.0}});
  // A run with a single document for a query: that document gets 1 too.
  const eval::Run single = make_run("s", {{"q1", {{"d9", -3.0}}}});
  check_ranking(
      ranking_of(eval::fuse_runs({run_a(), single}, with_method(eval::FusionMethod::CombMnz)),
                 "q1"),
      {{"d9", 1.0}, {"d1", 1.0}, {"d2", 0.5}, {"d3", 0.0}});
}

TEST_CASE("eval: z-score normalization, and raw scores without normalization") {
  eval::FusionOptions options = with_method(eval::FusionMethod::CombSum);
  options.normalization = eval::ScoreNormalization::ZScore;
  // A: (3, 2, 1) and B: (10, 6, 2) both become (1.224745, 0, -1.224745): d1 and d4 sum to
  // 0 and tie (d4 first: the larger id).
  const double z = std::sqrt(1.5);
  check_ranking(ranking_of(eval::fuse_runs({run_a(), run_b()}, options), "q1"),
                {{"d2", z}, {"d4", 0.0}, {"d1", 0.0}, {"d3", -z}});
  const eval::Run constant = make_run("c", {{"q1", {{"d1", 4.0}, {"d2", 4.0}}}});
  check_ranking(ranking_of(eval::fuse_runs({run_a(), constant}, options), "q1"),
                {{"d1", z}, {"d2", 0.0}, {"d3", -z}});

  options.normalization = eval::ScoreNormalization::None;
  check_ranking(ranking_of(eval::fuse_runs({run_a(), run_b()}, options), "q1"),
                {{"d2", 12.0}, {"d4", 6.0}, {"d1", 5.0}, {"d3", 1.0}});
}

TEST_CASE("eval: only the top depth documents of each run are fused") {
  eval::FusionOptions options;
  options.depth = 2;
  // A contributes d1 (rank 1) and d2 (rank 2); B contributes d2 and d4; d3 is cut.
  check_ranking(ranking_of(eval::fuse_runs({run_a(), run_b()}, options), "q1"),
                {{"d2", 0.032522}, {"d1", 0.016393}, {"d4", 0.016129}});
  // Min-max is over the fused documents: A's (3, 2) and B's (10, 6) become (1, 0).
  options.method = eval::FusionMethod::CombSum;
  check_ranking(ranking_of(eval::fuse_runs({run_a(), run_b()}, options), "q1"),
                {{"d2", 1.0}, {"d1", 1.0}, {"d4", 0.0}});
}

TEST_CASE("eval: the limit keeps the top documents of each fused query") {
  eval::FusionOptions options;
  options.limit = 2;
  check_ranking(ranking_of(eval::fuse_runs({run_a(), run_b()}, options), "q1"),
                {{"d2", 0.032522}, {"d1", 0.032266}});
}

TEST_CASE("eval: a query missing from a run is fused over the runs that have it") {
  eval::Run a = run_a();
  a.queries["q2"] = {{"x2", 1.0}, {"x1", 5.0}};
  const eval::Run b =
      make_run("b", {{"q1", {{"d2", 10.0}, {"d4", 6.0}, {"d1", 2.0}}}, {"q3", {{"y1", 0.5}}}});
  const eval::Run rrf = eval::fuse_runs({a, b});
  REQUIRE(rrf.queries.size() == 3);
  check_ranking(ranking_of(rrf, "q2"), {{"x1", 0.016393}, {"x2", 0.016129}});
  check_ranking(ranking_of(rrf, "q3"), {{"y1", 0.016393}});
  const eval::Run combmnz = eval::fuse_runs({a, b}, with_method(eval::FusionMethod::CombMnz));
  check_ranking(ranking_of(combmnz, "q2"), {{"x1", 1.0}, {"x2", 0.0}});
  check_ranking(ranking_of(combmnz, "q3"), {{"y1", 1.0}});
}

TEST_CASE("eval: a fused score does not depend on the order of the runs") {
  const eval::Run c = make_run("c", {{"q1", {{"d3", 9.0}, {"d4", 8.0}, {"d2", 1.0}}}});
  for (const eval::FusionMethod method :
       {eval::FusionMethod::ReciprocalRank, eval::FusionMethod::CombSum,
        eval::FusionMethod::CombMnz}) {
    eval::FusionOptions options = with_method(method);
    options.normalization = eval::ScoreNormalization::ZScore;
    CHECK(ranking_of(eval::fuse_runs({run_a(), run_b(), c}, options), "q1") ==
          ranking_of(eval::fuse_runs({c, run_b(), run_a()}, options), "q1"));
  }
}

TEST_CASE("eval: a fused run evaluates the same in memory and written to a file") {
  // d1's score differs from d2's and d3's only beyond six decimals: the written file ties
  // all three (and eval ranks them d3, d2, d1), so the fused run must tie them as well.
  const eval::Run a = make_run("a", {{"q", {{"d1", 1.0000001}, {"d2", 1.0}, {"d3", 0.0}}}});
  const eval::Run b = make_run("b", {{"q", {{"d3", 1.0}, {"d1", 0.0}, {"d2", 0.0}}}});
  eval::FusionOptions options = with_method(eval::FusionMethod::CombSum);
  options.normalization = eval::ScoreNormalization::None;
  const eval::Run fused = eval::fuse_runs({a, b}, options);
  check_ranking(ranking_of(fused, "q"), {{"d3", 1.0}, {"d2", 1.0}, {"d1", 1.0}});

  std::ostringstream written;
  std::size_t rank = 0;
  for (const eval::RankedDocument& document : fused.queries.at("q")) {
    eval::write_run_line(written, {"q", document.id, ++rank, document.score, fused.name});
  }
  std::istringstream in(written.str());
  const eval::Run read = eval::read_run(in, "fused");
  CHECK(read.name == "fuse");
  eval::Qrels qrels;
  qrels.queries["q"] = {{"d1", 1}, {"d3", 0}};
  const eval::Evaluation from_memory = eval::evaluate(qrels, fused, {"map", "ndcg_cut.10"});
  const eval::Evaluation from_file = eval::evaluate(qrels, read, {"map", "ndcg_cut.10"});
  REQUIRE(from_memory.measures.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(from_memory.measures[i].all == from_file.measures[i].all);
  }
  // The fused order is eval's: the relevant d1, the smallest id of the tie, ranks third.
  CHECK(from_memory.measures[0].all == doctest::Approx(1.0 / 3));
}

TEST_CASE("eval: fusion refuses bad options") {
  const std::vector<eval::Run> runs{run_a(), run_b()};
  CHECK_THROWS_AS(eval::fuse_runs({run_a()}), polysearch::InvalidArgument);
  CHECK_THROWS_WITH_AS(eval::fuse_runs({}), "fusion needs at least two runs, got 0",
                       polysearch::InvalidArgument);
  eval::FusionOptions options;
  options.weights = {1.0};
  CHECK_THROWS_WITH_AS(eval::fuse_runs(runs, options),
                       "fusion weights: 1 given for 2 runs (one per run)",
                       polysearch::InvalidArgument);
  options.weights = {1.0, 0.0};
  CHECK_THROWS_AS(eval::fuse_runs(runs, options), polysearch::InvalidArgument);
  options.weights = {1.0, std::numeric_limits<double>::infinity()};
  CHECK_THROWS_AS(eval::fuse_runs(runs, options), polysearch::InvalidArgument);
  options = {};
  options.rrf_k = -1;
  CHECK_THROWS_AS(eval::fuse_runs(runs, options), polysearch::InvalidArgument);
  options = {};
  options.depth = 0;
  CHECK_THROWS_AS(eval::fuse_runs(runs, options), polysearch::InvalidArgument);
  options = {};
  options.limit = 0;
  CHECK_THROWS_AS(eval::fuse_runs(runs, options), polysearch::InvalidArgument);
  options = {};
  options.name = "two words";
  CHECK_THROWS_AS(eval::fuse_runs(runs, options), polysearch::InvalidArgument);
}

TEST_CASE("eval: fusion refuses scores it cannot combine, naming the run") {
  const double inf = std::numeric_limits<double>::infinity();
  const eval::Run infinite = make_run("inf", {{"q1", {{"d1", inf}, {"d2", 1.0}}}});
  // RRF uses the scores only to rank: an infinite one is first.
  check_ranking(ranking_of(eval::fuse_runs({run_a(), infinite}), "q1"),
                {{"d1", 0.032787}, {"d2", 0.032258}, {"d3", 0.015873}});
  CHECK_THROWS_WITH_AS(
      eval::fuse_runs({run_a(), infinite}, with_method(eval::FusionMethod::CombSum)),
      "run 2 ('inf'): document 'd1' of query 'q1' has an infinite score, which CombSUM and "
      "CombMNZ cannot fuse",
      polysearch::InputError);
  const eval::Run nan =
      make_run("nan", {{"q1", {{"d1", std::numeric_limits<double>::quiet_NaN()}}}});
  CHECK_THROWS_WITH_AS(eval::fuse_runs({nan, run_a()}),
                       "run 1 ('nan'): document 'd1' of query 'q1' has a NaN score",
                       polysearch::InputError);
  const eval::Run twice = make_run("", {{"q1", {{"d1", 1.0}, {"d1", 2.0}}}});
  CHECK_THROWS_WITH_AS(eval::fuse_runs({run_a(), twice}),
                       "run 2: document 'd1' retrieved twice for query 'q1'",
                       polysearch::InputError);
}

TEST_CASE("eval: fusion method and normalization names") {
  CHECK(eval::parse_fusion_method("rrf") == eval::FusionMethod::ReciprocalRank);
  CHECK(eval::parse_fusion_method("combsum") == eval::FusionMethod::CombSum);
  CHECK(eval::parse_fusion_method("combmnz") == eval::FusionMethod::CombMnz);
  CHECK_THROWS_WITH_AS(eval::parse_fusion_method("RRF"),
                       "unknown fusion method 'RRF' (expected rrf, combsum or combmnz)",
                       polysearch::InvalidArgument);
  CHECK(eval::parse_score_normalization("none") == eval::ScoreNormalization::None);
  CHECK(eval::parse_score_normalization("minmax") == eval::ScoreNormalization::MinMax);
  CHECK(eval::parse_score_normalization("zscore") == eval::ScoreNormalization::ZScore);
  CHECK_THROWS_AS(eval::parse_score_normalization("z"), polysearch::InvalidArgument);
}
