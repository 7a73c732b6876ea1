// polysearch bench: index a retrieval test collection, run its queries, evaluate them and
// print one table of cost (indexing speed, size, latency, throughput) and quality.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "jsonl_reader.hpp"
#include "output.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/eval/trec_eval.hpp"
#include "polysearch/index_writer.hpp"
#include "polysearch/searcher.hpp"
#include "polysearch/version.hpp"
#include "topic_search.hpp"

namespace polysearch::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kBenchFooter =
    R"help(A collection is a directory holding docs.jsonl (the documents, as for 'index'),
queries.tsv (qid<TAB>query, or TREC topics) and qrels.txt (TREC qrels).  For each
collection the bench builds an index (in --workdir, or a temporary directory), then:
  latency     every query once to warm up, then once more, timed one by one on one
              thread (p50/p95/p99 in milliseconds, in process)
  throughput  every query on --threads threads (queries per second)
  quality     the run (top -k hits) evaluated as trec_eval -c does: nDCG@10, MAP,
              Recall@100 and MRR@10 (reciprocal rank within the top 10)
and prints one row.  --pooled puts every collection's documents in ONE index, so each
collection's queries also face the others' documents; index figures are then those
of the pooled index.  Collections often share ids (xquadr/de and xquadr/es both have
a0_p0_s0), so in a pooled index each document id is prefixed with its collection's
name ("xquadr/es:a0_p0_s0"): each collection is evaluated on its own documents, and its
run file (--runs) gives them their own ids and the others' documents the prefixed ones.
Collections pooled must have different names (the last two parts of their paths).  An
id repeated within a collection is an error: figures over overwritten documents would
mislead.  --json FILE writes the table, settings and machine as JSON.

Exit status: 0 on success; 2 for usage errors (a directory that is not a collection);
3 when a collection file is unreadable or malformed, or some query failed.

Examples:
  polysearch bench --collection xquad/de
  polysearch bench --collection xquad/de --collection xquad/es --pooled --json pooled.json
  polysearch bench --collection cmrc2018/zh-Hans --chinese-segmentation bigrams)help";

struct BenchCommandOptions {
  std::vector<std::string> collections;
  bool pooled = false;
  bool ignore_document_language = false;
  std::string workdir;
  AnalysisFlags analysis;
  int title_wdf = -1;  // --title-wdf; -1: the default
  std::string lang = "auto";
  std::string bm25;
  std::string weight;                // --weight; empty: BM25
  std::string prf;                   // --prf; empty: off
  std::string title_weight = "0";    // --title-weight; 0: off
  std::vector<std::string> filters;  // --filter EXPR
  std::size_t depth = 100;
  std::size_t threads = 0;
  std::size_t batch = 1000;
  std::string json;
  std::string runs;
  bool literal = false;
  double language_boost = SearchRequest{}.language_boost;
  bool quiet = false;
};

struct Collection {
  std::string name;  // the last two path components: "xquad/de"
  fs::path dir;
  // In a pooled index of several collections, the collection's document ids begin with
  // this ("xquad/de:"), so that collections using the same ids keep their documents apart.
  std::string id_prefix;
};

struct IndexFigures {
  std::size_t documents = 0;
  std::uint64_t text_bytes = 0;  // UTF-8 bytes of titles and texts
  double seconds = 0.0;
  std::uint64_t index_bytes = 0;
};

struct QueryFigures {
  std::size_t queries = 0;
  std::size_t plain_word_retries = 0;
  std::size_t failed = 0;
  double p50_ms = 0.0, p95_ms = 0.0, p99_ms = 0.0;
  double queries_per_second = 0.0;
  double ndcg10 = 0.0, map = 0.0, recall100 = 0.0, mrr10 = 0.0;
};

struct Row {
  std::string collection;
  IndexFigures index;
  QueryFigures query;
};

// Stage messages go to stderr, so stdout holds only the table.
class Log {
 public:
  explicit Log(bool quiet) : quiet_(quiet) {}
  void operator()(const std::string& message) const {
    if (!quiet_) std::cerr << "polysearch bench: " << message << '\n';
  }

 private:
  bool quiet_;
};

Collection open_collection(const std::string& path) {
  const fs::path dir = fs::path(path).lexically_normal();
  for (const char* file : {"docs.jsonl", "queries.tsv", "qrels.txt"}) {
    std::error_code ec;
    if (!fs::is_regular_file(dir / file, ec)) {
      throw UsageError("collection '" + path + "' has no " + file +
                       " (expected docs.jsonl, queries.tsv and qrels.txt)");
    }
  }
  fs::path name_dir = dir.filename().empty() ? dir.parent_path() : dir;
  const std::string leaf = name_dir.filename().string();
  const std::string parent = name_dir.parent_path().filename().string();
  return Collection{parent.empty() ? leaf : parent + "/" + leaf, dir, {}};
}

std::uint64_t directory_bytes(const fs::path& dir) {
  std::uint64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

// Adds every document of the collection's docs.jsonl; a bad line, or an id that replaces
// an earlier document, stops the bench, since figures over a partly indexed collection
// would mislead.
void add_documents(IndexWriter& writer, const Collection& collection, bool ignore_language,
                   IndexFigures& figures) {
  const fs::path path = collection.dir / "docs.jsonl";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read '" + path.string() + "'", 0);
  std::string line;
  for (std::size_t number = 1; read_jsonl_line(in, line); ++number) {
    JsonlRecord record = parse_jsonl_line(line);
    if (record.status == JsonlRecord::Status::Blank) continue;
    if (record.status == JsonlRecord::Status::Invalid) {
      throw InputError(path.string() + ":" + std::to_string(number) + ": " + record.problem, 0);
    }
    if (ignore_language) record.document.language = Language::Unknown;
    figures.text_bytes += record.document.title.size() + record.document.text.size();
    const std::string id = record.document.id;
    record.document.id.insert(0, collection.id_prefix);
    if (writer.add(record.document).replaced) {
      throw InputError(path.string() + ":" + std::to_string(number) + ": id '" + id +
                           "' repeats the id of an earlier document, which it would replace",
                       0);
    }
    ++figures.documents;
  }
}

IndexFigures build_index(const fs::path& db, const std::vector<Collection>& collections,
                         const IndexOptions& options, bool ignore_language) {
  IndexFigures figures;
  const auto start = Clock::now();
  IndexWriter writer(db, OpenMode::Overwrite, options);
  for (const Collection& collection : collections) {
    add_documents(writer, collection, ignore_language, figures);
  }
  writer.close();
  figures.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  figures.index_bytes = directory_bytes(db);
  return figures;
}

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0.0;
  const auto rank =
      static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

// One pass to warm the caches, then every query timed on its own.
void measure_latency(const fs::path& db, const std::vector<eval::Topic>& topics,
                     const SearchRequest& request, bool literal, QueryFigures& figures) {
  Searcher searcher(db);
  for (const eval::Topic& topic : topics) {
    (void)search_topic_hits(searcher, request, topic, literal);
  }
  std::vector<double> milliseconds;
  milliseconds.reserve(topics.size());
  for (const eval::Topic& topic : topics) {
    const auto start = Clock::now();
    (void)search_topic_hits(searcher, request, topic, literal);
    milliseconds.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  figures.p50_ms = percentile(milliseconds, 0.50);
  figures.p95_ms = percentile(milliseconds, 0.95);
  figures.p99_ms = percentile(milliseconds, 0.99);
}

// Runs every topic on `threads` threads (each with its own Searcher) and returns the
// results in topic order.
std::vector<TopicHits> run_parallel(const fs::path& db, const std::vector<eval::Topic>& topics,
                                    const SearchRequest& request, bool literal, std::size_t threads,
                                    double& seconds) {
  std::vector<TopicHits> results(topics.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(threads);
  const auto work = [&](std::size_t worker) {
    try {
      Searcher searcher(db);
      for (std::size_t i = next++; i < topics.size(); i = next++) {
        results[i] = search_topic_hits(searcher, request, topics[i], literal);
      }
    } catch (...) {
      errors[worker] = std::current_exception();
      next = topics.size();
    }
  };
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work, t);
  for (std::thread& thread : pool) thread.join();
  seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return results;
}

// In a pooled index, the collection's own documents get their ids back; the others keep
// their prefix, so they never pass for one of this collection's documents.
void strip_own_prefix(const Collection& collection, std::vector<TopicHits>& results) {
  const std::string& prefix = collection.id_prefix;
  if (prefix.empty()) return;
  for (TopicHits& result : results) {
    for (Hit& hit : result.hits) {
      if (hit.id.compare(0, prefix.size(), prefix) == 0) hit.id.erase(0, prefix.size());
    }
  }
}

eval::Run to_run(const std::vector<eval::Topic>& topics, const std::vector<TopicHits>& results,
                 std::size_t depth) {
  eval::Run run;
  run.name = "polysearch";
  for (std::size_t i = 0; i < topics.size(); ++i) {
    auto& documents = run.queries[topics[i].id];
    for (const Hit& hit : results[i].hits) {
      if (documents.size() == depth) break;
      documents.push_back(eval::RankedDocument{hit.id, hit.score});
    }
    if (documents.empty()) run.queries.erase(topics[i].id);
  }
  return run;
}

double measure_value(const eval::Evaluation& evaluation, const std::string& name) {
  for (const auto& measure : evaluation.measures) {
    if (measure.name == name) return measure.all;
  }
  throw std::logic_error("measure " + name + " missing from the evaluation");
}

void evaluate_run(const eval::Qrels& qrels, const std::vector<eval::Topic>& topics,
                  const std::vector<TopicHits>& results, std::size_t depth, QueryFigures& figures) {
  const eval::Evaluation full =
      eval::evaluate(qrels, to_run(topics, results, depth), {"ndcg_cut.10", "map", "recall.100"});
  figures.ndcg10 = measure_value(full, "ndcg_cut_10");
  figures.map = measure_value(full, "map");
  figures.recall100 = measure_value(full, "recall_100");
  const eval::Evaluation top10 = eval::evaluate(qrels, to_run(topics, results, 10), {"recip_rank"});
  figures.mrr10 = measure_value(top10, "recip_rank");
}

void write_run_file(const fs::path& path, const std::vector<eval::Topic>& topics,
                    const std::vector<TopicHits>& results) {
  std::ofstream out(path, std::ios::binary);
  for (std::size_t i = 0; i < topics.size(); ++i) {
    out << eval::format_run_lines(topics[i].id, results[i].hits, "polysearch");
  }
  if (!out.flush()) throw InputError("cannot write run file '" + path.string() + "'", 0);
}

QueryFigures run_queries(const fs::path& db, const Collection& collection,
                         const SearchRequest& request, std::size_t threads,
                         const BenchCommandOptions& options) {
  const std::vector<eval::Topic> topics = eval::read_topics(collection.dir / "queries.tsv");
  const eval::Qrels qrels = eval::read_qrels(collection.dir / "qrels.txt");
  QueryFigures figures;
  figures.queries = topics.size();
  measure_latency(db, topics, request, options.literal, figures);
  double seconds = 0.0;
  std::vector<TopicHits> results =
      run_parallel(db, topics, request, options.literal, threads, seconds);
  strip_own_prefix(collection, results);
  figures.queries_per_second = seconds > 0 ? static_cast<double>(topics.size()) / seconds : 0.0;
  for (const TopicHits& result : results) {
    if (result.plain_words) ++figures.plain_word_retries;
    if (result.failed) ++figures.failed;
  }
  evaluate_run(qrels, topics, results, options.depth, figures);
  if (!options.runs.empty()) {
    std::string file = collection.name;
    std::replace(file.begin(), file.end(), '/', '-');
    write_run_file(fs::path(options.runs) / (file + ".run"), topics, results);
  }
  return figures;
}

// The index directory: under --workdir, or a fresh temporary one removed at the end.
class Workdir {
 public:
  explicit Workdir(const std::string& requested) {
    if (!requested.empty()) {
      path_ = requested;
      fs::create_directories(path_);
      return;
    }
    path_ = fs::temp_directory_path() / ("polysearch-bench-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(std::random_device{}()));
    fs::create_directories(path_);
    remove_ = true;
  }
  ~Workdir() {
    std::error_code ec;
    if (remove_) fs::remove_all(path_, ec);
  }
  Workdir(const Workdir&) = delete;
  Workdir& operator=(const Workdir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
  bool remove_ = false;
};

std::string index_name(const std::vector<Collection>& group) {
  std::string name = group.size() == 1 ? group.front().name : "pooled";
  std::replace(name.begin(), name.end(), '/', '-');
  return name;
}

std::vector<Row> bench_group(std::vector<Collection> group, const Workdir& workdir,
                             const BenchCommandOptions& options, const Log& log) {
  if (group.size() > 1) {
    for (Collection& collection : group) collection.id_prefix = collection.name + ":";
  }
  IndexOptions index_options;
  index_options.batch_size = options.batch;
  index_options.analysis = analysis_from_flags(options.analysis).value_or(AnalyzerOptions{});
  index_options.title_wdf = title_wdf_option(options.title_wdf);
  const fs::path db = workdir.path() / index_name(group);
  log("indexing " + (group.size() == 1
                         ? group.front().name
                         : std::to_string(group.size()) + " collections into one index"));
  const IndexFigures index =
      build_index(db, group, index_options, options.ignore_document_language);

  SearchRequest request;
  request.language = parse_language_option(options.lang, "--lang");
  if (!options.bm25.empty()) request.bm25 = parse_bm25(options.bm25);
  if (!options.weight.empty()) request.weighting = parse_weight(options.weight);
  if (!options.prf.empty()) request.feedback = parse_prf(options.prf);
  request.title_weight = parse_title_weight(options.title_weight);
  request.limit = std::max<std::size_t>(options.depth, 10);
  request.snippets = false;
  request.language_boost = options.language_boost;
  request.filter_queries = options.filters;
  {
    Searcher searcher(db);
    check_filters(searcher, request);
  }
  const std::size_t threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());

  std::vector<Row> rows;
  for (const Collection& collection : group) {
    log("querying " + collection.name);
    rows.push_back(
        Row{collection.name, index, run_queries(db, collection, request, threads, options)});
  }
  return rows;
}

void print_table(const std::vector<Row>& rows, std::size_t threads) {
  std::vector<std::vector<std::string>> table{
      {"collection", "docs", "index MB", "index s", "MB/s", "p50 ms", "p95 ms", "p99 ms",
       "q/s (" + std::to_string(threads) + " thr)", "nDCG@10", "MAP", "R@100", "MRR@10"}};
  for (const Row& row : rows) {
    const double mb_per_s =
        row.index.seconds > 0 ? megabytes(row.index.text_bytes) / row.index.seconds : 0.0;
    table.push_back({row.collection, std::to_string(row.index.documents),
                     fixed(megabytes(row.index.index_bytes), 1), fixed(row.index.seconds, 2),
                     fixed(mb_per_s, 2), fixed(row.query.p50_ms, 3), fixed(row.query.p95_ms, 3),
                     fixed(row.query.p99_ms, 3), fixed(row.query.queries_per_second, 0),
                     fixed(row.query.ndcg10, 4), fixed(row.query.map, 4),
                     fixed(row.query.recall100, 4), fixed(row.query.mrr10, 4)});
  }
  std::vector<bool> right(table.front().size(), true);
  right[0] = false;
  std::cout << format_table(table, right);
}

Json row_json(const Row& row) {
  return {{"collection", row.collection},
          {"documents", row.index.documents},
          {"text_mb", megabytes(row.index.text_bytes)},
          {"index_mb", megabytes(row.index.index_bytes)},
          {"index_seconds", row.index.seconds},
          {"index_mb_per_second",
           row.index.seconds > 0 ? megabytes(row.index.text_bytes) / row.index.seconds : 0.0},
          {"queries", row.query.queries},
          {"plain_word_retries", row.query.plain_word_retries},
          {"failed_queries", row.query.failed},
          {"latency_ms",
           {{"p50", row.query.p50_ms}, {"p95", row.query.p95_ms}, {"p99", row.query.p99_ms}}},
          {"queries_per_second", row.query.queries_per_second},
          {"ndcg_cut_10", row.query.ndcg10},
          {"map", row.query.map},
          {"recall_100", row.query.recall100},
          {"mrr_10", row.query.mrr10}};
}

void write_json(const std::string& path, const std::vector<Row>& rows,
                const BenchCommandOptions& options, std::size_t threads) {
  const AnalyzerOptions analysis =
      analysis_from_flags(options.analysis).value_or(AnalyzerOptions{});
  Json out = {{"polysearch_version", polysearch::version()},
              {"time", static_cast<long long>(std::time(nullptr))},
              {"threads", threads},
              {"hardware_threads", std::thread::hardware_concurrency()},
              {"settings",
               {{"pooled", options.pooled},
                {"literal", options.literal},
                {"language_boost", options.language_boost},
                {"lang", options.lang},
                {"bm25", options.bm25.empty() ? "2,0.9" : options.bm25},
                {"weight", options.weight.empty() ? "bm25+" : options.weight},
                {"prf", to_string(options.prf.empty() ? Feedback{} : parse_prf(options.prf))},
                {"title_weight", parse_title_weight(options.title_weight)},
                {"filters", options.filters},
                {"depth", options.depth},
                {"ignore_document_language", options.ignore_document_language},
                {"stemming", analysis.stemming},
                {"fold_diacritics", analysis.fold_diacritics},
                {"word_parts", analysis.word_parts},
                {"german_compounds", analysis.compounds},
                {"fold_chinese_script", analysis.chinese.fold_script},
                {"fold_chinese_variants", analysis.chinese.fold_variants},
                {"chinese_segmentation", to_string(analysis.chinese.segmentation)},
                {"chinese_unigrams", analysis.chinese.unigrams},
                {"title_wdf", title_wdf_option(options.title_wdf).value_or(kDefaultTitleWdf)}}},
              {"rows", Json::array()}};
  for (const Row& row : rows) out["rows"].push_back(row_json(row));
  std::ofstream file(path, std::ios::binary);
  file << out.dump(2) << '\n';
  if (!file.flush()) throw InputError("cannot write '" + path + "'", 0);
}

int run_bench(const BenchCommandOptions& options) {
  std::vector<Collection> collections;
  for (const std::string& path : options.collections) {
    collections.push_back(open_collection(path));
    if (!options.pooled) continue;
    for (std::size_t i = 0; i + 1 < collections.size(); ++i) {
      if (collections[i].name != collections.back().name) continue;
      throw UsageError("--pooled: collections '" + options.collections[i] + "' and '" + path +
                       "' are both named '" + collections.back().name +
                       "'; the pooled index tells collections apart by name");
    }
  }
  (void)parse_language_option(options.lang, "--lang");
  if (!options.bm25.empty()) (void)parse_bm25(options.bm25);
  if (!options.weight.empty()) (void)parse_weight(options.weight);
  if (!options.prf.empty()) (void)parse_prf(options.prf);
  (void)parse_title_weight(options.title_weight);
  (void)analysis_from_flags(options.analysis);
  if (!options.runs.empty()) fs::create_directories(options.runs);
  const std::size_t threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  const Log log(options.quiet);
  const Workdir workdir(options.workdir);

  std::vector<Row> rows;
  if (options.pooled) {
    rows = bench_group(collections, workdir, options, log);
  } else {
    for (const Collection& collection : collections) {
      for (Row& row : bench_group({collection}, workdir, options, log))
        rows.push_back(std::move(row));
    }
  }
  print_table(rows, threads);
  if (!options.json.empty()) write_json(options.json, rows, options, threads);
  std::size_t failed = 0, plain = 0;
  for (const Row& row : rows) {
    failed += row.query.failed;
    plain += row.query.plain_word_retries;
  }
  if (plain != 0) {
    print_warning(std::to_string(plain) + " queries were not valid query syntax and were " +
                  "searched as plain words (--literal searches every query that way)");
  }
  if (failed != 0) print_warning(std::to_string(failed) + " queries failed and count as 0");
  return failed == 0 ? kExitOk : kExitDataError;
}

}  // namespace

void add_bench_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<BenchCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "bench", "Index test collections, run and evaluate their queries, print cost and quality");
  sub->add_option("--collection", options->collections,
                  "Directory with docs.jsonl, queries.tsv and qrels.txt (repeatable)")
      ->required()
      ->type_name(kDirType);
  sub->add_flag("--pooled", options->pooled, "All collections in one index of mixed languages");
  sub->add_flag("--detect-language", options->ignore_document_language,
                "Ignore the documents' \"lang\" fields and detect each language");
  sub->add_option("--workdir", options->workdir,
                  "Keep the indexes in this directory (default: a temporary one, removed)")
      ->type_name(kDirType);
  sub->add_option("--lang", options->lang,
                  std::string("Query language: ") + language_option_codes())
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_option("--bm25", options->bm25, "BM25 parameters K1,B (default 2,0.9)")
      ->type_name("K1,B");
  add_weight_option(*sub, options->weight);
  add_prf_option(*sub, options->prf);
  add_title_weight_option(*sub, options->title_weight);
  add_filter_option(*sub, options->filters);
  sub->add_option("-k,--depth", options->depth, "Hits per query evaluated")
      ->check(count_validator(10))
      ->capture_default_str();
  sub->add_option("--threads", options->threads, "Threads for the throughput pass (default: all)")
      ->check(count_validator(1));
  sub->add_option("--batch", options->batch, "Documents per commit while indexing")
      ->check(count_validator(1))
      ->capture_default_str();
  sub->add_option("--json", options->json, "Also write the results as JSON to this file")
      ->type_name(kFileType);
  sub->add_option("--runs", options->runs, "Write each collection's TREC run into this directory")
      ->type_name(kDirType);
  sub->add_flag("--literal", options->literal,
                "Search every query as plain words, ignoring query syntax (as bag-of-words "
                "baselines do)");
  sub->add_option("--language-boost", options->language_boost,
                  "Score bonus for documents in the query's language (0: none)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_flag("-q,--quiet", options->quiet, "No progress messages on stderr");
  add_analysis_options(*sub, options->analysis);
  add_title_wdf_option(*sub, options->title_wdf);
  sub->footer(kBenchFooter);
  sub->callback([options, &action] { action = [options] { return run_bench(*options); }; });
}

}  // namespace polysearch::cli
