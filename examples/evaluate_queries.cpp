// Runs a query set against an index and scores the rankings against relevance judgments,
// printing trec_eval's lines.  The one example that uses the evaluation library: it links
// polysearch::eval (pkg-config: polysearch-eval), the others only polysearch.
//
//   evaluate_queries INDEX-DIR QUERIES QRELS [MEASURE...]
//
// QUERIES is a TSV (`qid<TAB>query text`) or TREC topic file, QRELS a TREC qrels file
// (`qid 0 docid grade`), MEASURE a trec_eval name (default: map recip_rank ndcg_cut.10).
#include <exception>
#include <iostream>
#include <polysearch/eval.hpp>
#include <polysearch/polysearch.hpp>
#include <string>
#include <vector>

namespace eval = polysearch::eval;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: evaluate_queries INDEX-DIR QUERIES QRELS [MEASURE...]\n";
    return 2;
  }
  std::vector<std::string> measures(argv + 4, argv + argc);
  if (measures.empty()) measures = {"map", "recip_rank", "ndcg_cut.10"};
  try {
    polysearch::Searcher searcher(argv[1]);
    polysearch::SearchRequest request;
    request.limit = 100;       // the depth of the run
    request.snippets = false;  // ids and scores are all a run holds
    eval::Run run;
    run.name = "evaluate_queries";
    for (const eval::Topic& topic : eval::read_topics(argv[2])) {
      request.query = topic.text;
      std::vector<eval::RankedDocument>& ranking = run.queries[topic.id];
      for (const polysearch::Hit& hit : searcher.search(request).hits) {
        ranking.push_back({hit.id, hit.score});
      }
    }
    const eval::Evaluation evaluation = eval::evaluate(eval::read_qrels(argv[3]), run, measures);
    eval::write_trec_eval(std::cout, evaluation, /*per_query=*/false);
    return 0;
  } catch (const polysearch::InvalidArgument& e) {  // an unknown measure
    std::cerr << "evaluate_queries: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {  // a missing index, an unreadable or malformed file
    std::cerr << "evaluate_queries: error: " << e.what() << '\n';
    return 1;
  }
}
