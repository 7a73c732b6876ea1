// polysearch run: a query set in, a TREC run file out, with the queries run in parallel.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <exception>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/searcher.hpp"
#include "progress.hpp"
#include "run_output.hpp"
#include "topic_search.hpp"
#include "trec_inputs.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kRunFooter = R"help(Reads a query set and writes a TREC run, one line per hit:
  qid Q0 docid rank score tag
for trec_eval.  The --queries file ('-': standard input) is one of (detected from its
first line):
  TSV          qid<TAB>query text, one topic per line (no header line)
  TREC topics  <top> <num> Number: 301 <title> … <desc> … <narr> … </top>
               (--topic-field picks the text; closing tags are optional; a topic
               without the field asked for is searched with the one it has, title
               or desc, with a warning)
Queries use the syntax of 'polysearch search' (see its --help).  A query that does not
parse, e.g. with an unbalanced quote, is searched again as plain words, with a warning:
quotes, parentheses, '*', ':' and a leading + or - removed, AND/OR/NOT taken as words.
--literal searches every query that way.

Queries run on --threads threads, each with its own reader of the index; the run lists
topics in the order of QUERIES whatever the thread count, so runs are reproducible.  A
query without hits writes no line.  --output FILE is written to FILE.tmp and renamed
when complete; an interrupted run leaves no FILE (a device or FIFO such as /dev/null is
written in place).  On a terminal, stderr shows progress.

Exit status: 0 when every query ran (queries without hits included); 2 for usage
errors; 3 when the query file is unreadable or has no topics, when some query failed
(the others are written), or the index or the run file fails; 130/143 when interrupted.

Examples:
  polysearch run --db ./idx --queries queries.tsv --output run.txt
  polysearch run --db ./idx --queries topics.txt --topic-field title+desc \
      -k 100 --tag bm25-td --output run.td
  polysearch run --db ./idx --queries queries.tsv --bm25 1.2,0.75 --threads 4 -o tuned.run
  cut -f1,2 queries.tsv | polysearch run --db ./idx --queries - --quiet)help";

struct RunCommandOptions {
  std::string db;
  std::string queries;
  std::string lang = "auto";
  std::size_t limit = 1000;
  std::string bm25;
  std::string weight;                // --weight; empty: BM25
  std::string prf;                   // --prf; empty: off
  std::string title_weight = "0";    // --title-weight; 0: off
  std::vector<std::string> filters;  // --filter EXPR
  bool all_words = false;
  bool literal = false;
  std::string tag = "polysearch";
  std::size_t threads = 0;  // 0: one per hardware thread
  std::string topic_field = "title";
  std::string output = "-";
  bool quiet = false;
};

void check_tag(const std::string& tag) {
  const bool ok = !tag.empty() && tag.find_first_of(" \t\r\n\v\f") == std::string::npos;
  if (!ok) throw UsageError("invalid --tag '" + tag + "' (expected a name without spaces)");
}

// What running one topic gave.
struct QueryOutcome {
  enum class Status { Ok, PlainWords, Failed };
  Status status = Status::Ok;
  std::string lines;  // the run lines, each ending in '\n'
  std::size_t hits = 0;
  std::string message;  // why it was searched as plain words, or why it failed
};

// Runs one topic.  Errors that concern only this topic give a Failed outcome; the others
// (a broken index, a -k or --bm25 the library rejects) propagate and stop the run.
QueryOutcome run_topic(Searcher& searcher, const SearchRequest& request, const eval::Topic& topic,
                       const std::string& tag, bool literal) {
  TopicHits found = search_topic_hits(searcher, request, topic, literal);
  QueryOutcome outcome;
  outcome.message = std::move(found.message);
  if (found.failed) {
    outcome.status = QueryOutcome::Status::Failed;
    return outcome;
  }
  if (found.plain_words) outcome.status = QueryOutcome::Status::PlainWords;
  try {
    outcome.lines = eval::format_run_lines(topic.id, found.hits, tag);
  } catch (const InvalidArgument& error) {  // a document id with whitespace
    outcome.status = QueryOutcome::Status::Failed;
    outcome.message = error.what();
    return outcome;
  }
  outcome.hits = found.hits.size();
  return outcome;
}

// The topics to run and their outcomes.  Worker threads take topics in turn through an
// atomic counter and publish each outcome in the topic's slot; the main thread writes
// the slots in order as they fill.
class RunQueue {
 public:
  RunQueue(const std::vector<eval::Topic>& topics, SearchRequest request, std::string tag,
           bool literal)
      : topics_(topics),
        request_(std::move(request)),
        tag_(std::move(tag)),
        literal_(literal),
        slots_(topics.size()) {}

  // The loop of one worker thread.
  void work(Searcher& searcher) noexcept;

  // Waits up to `timeout` for the next topic in file order; returns its outcome, or
  // nullopt on timeout, on a signal or when a worker failed.
  std::optional<QueryOutcome> next_in_order(std::chrono::milliseconds timeout);

  void stop() noexcept { stop_.store(true); }
  [[nodiscard]] std::size_t finished() const noexcept { return finished_.load(); }
  // The exception that stopped a worker, if any.
  [[nodiscard]] std::exception_ptr failure();

 private:
  const std::vector<eval::Topic>& topics_;
  const SearchRequest request_;
  const std::string tag_;
  const bool literal_;
  std::atomic<std::size_t> next_topic_{0};
  std::atomic<std::size_t> finished_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;  // guards slots_, next_to_write_ and failure_
  std::condition_variable published_;
  std::vector<std::optional<QueryOutcome>> slots_;
  std::size_t next_to_write_ = 0;
  std::exception_ptr failure_;
};

void RunQueue::work(Searcher& searcher) noexcept {
  try {
    while (!stop_.load() && pending_stop_signal() == 0) {
      const std::size_t index = next_topic_.fetch_add(1);
      if (index >= topics_.size()) break;
      QueryOutcome outcome = run_topic(searcher, request_, topics_[index], tag_, literal_);
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        slots_[index] = std::move(outcome);
      }
      finished_.fetch_add(1);
      published_.notify_one();
    }
  } catch (...) {
    // Not swallowed: the main thread rethrows it once every worker has stopped.
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!failure_) failure_ = std::current_exception();
    }
    stop_.store(true);
    published_.notify_one();
  }
}

std::optional<QueryOutcome> RunQueue::next_in_order(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto ready = [this] {
    return slots_[next_to_write_].has_value() || failure_ || pending_stop_signal() != 0;
  };
  if (!published_.wait_for(lock, timeout, ready)) return std::nullopt;
  if (failure_ || !slots_[next_to_write_]) return std::nullopt;
  std::optional<QueryOutcome> outcome = std::move(slots_[next_to_write_]);
  slots_[next_to_write_].reset();
  ++next_to_write_;
  return outcome;
}

std::exception_ptr RunQueue::failure() {
  const std::lock_guard<std::mutex> lock(mutex_);
  return failure_;
}

// Joins the worker threads however the run ends: a std::thread destroyed while joinable
// would terminate the program.
class WorkerThreads {
 public:
  explicit WorkerThreads(RunQueue& queue) : queue_(queue) {}
  ~WorkerThreads() {
    queue_.stop();
    for (auto& thread : threads_) thread.join();
  }
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  void start(std::vector<Searcher>& searchers) {
    for (Searcher& searcher : searchers) {
      threads_.emplace_back([this, &searcher] { queue_.work(searcher); });
    }
  }
  void join() {
    queue_.stop();
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }

 private:
  RunQueue& queue_;
  std::vector<std::thread> threads_;
};

// Counts for the summary line.
struct RunCounts {
  std::size_t written = 0;
  std::size_t without_hits = 0;
  std::size_t plain_words = 0;
  std::size_t failed = 0;
  std::size_t lines = 0;
};

std::string summary(const RunCounts& counts, std::size_t threads, double seconds) {
  std::string text = std::to_string(counts.written) +
                     (counts.written == 1 ? " query, " : " queries, ") + std::to_string(threads) +
                     (threads == 1 ? " thread, " : " threads, ") + fixed(seconds, 2) + " s, ";
  if (seconds > 0) text += fixed(static_cast<double>(counts.written) / seconds, 0) + " q/s, ";
  text += std::to_string(counts.failed) + " failed; " + std::to_string(counts.lines) + " lines";
  if (counts.without_hits > 0) text += ", " + std::to_string(counts.without_hits) + " without hits";
  if (counts.plain_words > 0) {
    text += ", " + std::to_string(counts.plain_words) + " searched as plain words";
  }
  return text;
}

std::size_t thread_count(const RunCommandOptions& options, std::size_t topics) {
  std::size_t threads = options.threads;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min(threads, topics));
}

int run_run(const RunCommandOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const SearchRequest request = query_set_request(options);
  const eval::TopicField field = parse_topic_field(options.topic_field);
  check_tag(options.tag);

  std::vector<Searcher> searchers;
  searchers.emplace_back(options.db);  // a missing index is reported before anything else
  check_filters(searchers.front(), request);
  const std::vector<eval::Topic> topics = read_topics_argument(options.queries, field);
  if (topics.empty()) {
    print_error("no topics in '" + (options.queries == "-" ? kStdinName : options.queries) + "'");
    return kExitDataError;
  }
  if (!options.quiet) {
    // A topic without a field asked for is searched with the text it has, not skipped.
    for (const eval::Topic& topic : topics) {
      if (!topic.warning.empty()) print_warning(topic.warning);
    }
  }
  const std::size_t threads = thread_count(options, topics.size());
  while (searchers.size() < threads) searchers.emplace_back(options.db);
  install_stop_signal_handlers();
  RunOutput output(options.output);
  RunQueue queue(topics, request, options.tag, options.literal);
  ProgressLine progress(progress_wanted(options.quiet));
  RunCounts counts;
  const auto seconds = [&start] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  {
    WorkerThreads workers(queue);
    workers.start(searchers);
    while (counts.written < topics.size() && pending_stop_signal() == 0 && !queue.failure()) {
      std::optional<QueryOutcome> outcome = queue.next_in_order(std::chrono::milliseconds(100));
      if (progress.due()) progress.show(query_progress(queue.finished(), topics.size(), seconds()));
      if (!outcome) continue;
      const eval::Topic& topic = topics[counts.written++];
      output.stream() << outcome->lines;
      counts.lines += outcome->hits;
      if (outcome->status == QueryOutcome::Status::Failed) {
        ++counts.failed;
        print_error("topic '" + topic.id + "': " + outcome->message);
      } else if (outcome->hits == 0) {
        ++counts.without_hits;
      }
      if (outcome->status == QueryOutcome::Status::PlainWords) {
        ++counts.plain_words;
        if (!options.quiet) {
          print_warning("topic '" + topic.id + "': " + outcome->message +
                        "; searched as plain words");
        }
      }
    }
    workers.join();
  }
  progress.clear();
  if (const std::exception_ptr failure = queue.failure()) std::rethrow_exception(failure);
  if (const int signal_number = pending_stop_signal(); signal_number != 0) {
    print_error(
        "interrupted after " + std::to_string(counts.written) + " of " +
        std::to_string(topics.size()) + " queries; " +
        (output.to_stdout() ? "the run on standard output is incomplete" : "no run file written"));
    return kExitSignalBase + signal_number;
  }
  output.commit();
  if (!options.quiet) std::cerr << summary(counts, threads, seconds()) << '\n';
  return counts.failed == 0 ? kExitOk : kExitDataError;
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* sub = app.add_subcommand("run", "Run a query set and write a TREC run file");
  sub->add_option("--db", options->db, "Index directory")->required()->type_name(kDirType);
  sub->add_option("--queries", options->queries, "Topics: a TSV or TREC topic file; - for stdin")
      ->required()
      ->type_name(kFileType);
  sub->add_option("--lang", options->lang,
                  std::string("Analyze queries as this language: ") + language_option_codes() +
                      " (auto: every language in the index)")
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_option("-k,--limit", options->limit, "Hits per query")
      ->check(count_validator(1))
      ->capture_default_str();
  sub->add_option("--bm25", options->bm25, "BM25 parameters K1,B (default 2,0.9)")
      ->type_name("K1,B");
  add_weight_option(*sub, options->weight);
  add_prf_option(*sub, options->prf);
  add_title_weight_option(*sub, options->title_weight);
  add_filter_option(*sub, options->filters);
  sub->add_flag("--and", options->all_words, "Require every query word (default: any)");
  sub->add_flag("--literal", options->literal,
                "Search every query as plain words, ignoring the query syntax");
  sub->add_option("--tag", options->tag, "Run name, the last column")->capture_default_str();
  sub->add_option("--threads", options->threads,
                  "Queries run at once (default: one per hardware thread)")
      ->check(count_validator(1));
  sub->add_option("--topic-field", options->topic_field,
                  "Text of a TREC topic: title, desc or title+desc")
      ->capture_default_str()
      ->type_name("title|desc|title+desc");
  sub->add_option("-o,--output", options->output, "Run file; - for standard output")
      ->capture_default_str()
      ->type_name(kFileType);
  sub->add_flag("-q,--quiet", options->quiet, "No progress, warnings or summary on stderr");
  sub->footer(kRunFooter);
  sub->callback([options, &action] { action = [options] { return run_run(*options); }; });
}

}  // namespace polysearch::cli
