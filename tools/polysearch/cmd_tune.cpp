// polysearch tune: a grid of query-time ranking settings, each run once over a query set,
// and the choice among them by k-fold cross-validation, so that no figure it reports was
// tuned on the questions it is measured on.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/cross_validation.hpp"
#include "polysearch/eval/significance.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/eval/trec_eval.hpp"
#include "polysearch/searcher.hpp"
#include "polysearch/weighting.hpp"
#include "progress.hpp"
#include "run_output.hpp"
#include "topic_search.hpp"
#include "trec_inputs.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kTuneFooter =
    R"help(Runs every setting of a grid over the judged questions of a query set and chooses
among them by k-fold cross-validation: question i of the query file (counting only the
topics the qrels judge, in file order) is in fold i mod K; each fold is scored with the
setting whose mean --metric is best on the other folds.  Nothing it prints as held out
was tuned on the questions it is measured on.

The grid: one --grid KEY=VALUE|VALUE|... per setting varied; the settings are all the
combinations, the first --grid varying slowest.  Keys and values, as the options of
'polysearch run' take them:
  weight  a ranking model, as --weight: bm25, bm25:k1=1.2,b=0.75, inl2, dlh, ...
  bm25    BM25's K1,B, as --bm25: 2,0.9
  k1      BM25's k1 alone (>= 0);  b  BM25's b alone (0 to 1)
  prf     pseudo-relevance feedback, as --prf: off, rm3, rm3:docs=10,terms=20,weight=0.7
  title   the weight of query words in titles, as --title-weight: 0 (off), 0.5, 1
Combinations that rank the same (inl2 with any k1) are one setting, run once.  Ties in
a choice go to the setting listed first, so list the default first.  --weight, --bm25,
--prf, --title-weight and the other options set what the grid does not vary, and the
default setting.

Each setting searches every question once (each thread opens the index once), and the
folds reuse its per-question scores.  The report: for each fold, the setting chosen on
the other folds, its mean there and on the held-out fold; the cross-validated figure
(the mean over all questions of each one's held-out score) next to the default setting's
on the same questions, with the paired t-test and randomization test of 'polysearch
compare'; and the setting chosen on all questions, the one to adopt (its figure is
tuned, not held out).  --per-setting adds every setting's mean.  --run FILE writes the
held-out folds' hits as one TREC run, to feed to eval, compare or fuse.  --scores FILE
writes every setting's score on every question, a line each: setting TAB question TAB
score (the setting named as in the report), for analyses across query sets.

--json prints one object: {"queries", "qrels", "metric", "questions", "folds": [{"fold",
"questions", "chosen", "training", "held_out"}], "default": {"setting", "mean"},
"cross_validated": {"mean", "mean_difference", "wins", "losses", "ties", "t", "df",
"t_test_p", "randomization_p"}, "chosen_on_all": {"setting", "mean"}, "settings":
[{"setting", "mean", "folds_chosen"}], "seconds"}; a setting is an object of the options
the grid varies ({"weight": "bm25:k1=1.2,b=0.4"}).

Exit status: 0 on success; 2 for usage errors (an unknown --grid key, an empty or bad
value, --folds below 2 or above the number of judged questions, a measure without
per-query values); 3 when a file is unreadable or malformed, no topic is judged, a
question failed (it scores 0) or the index fails; 130/143 when interrupted.

Examples:
  polysearch tune --db ./idx --queries queries.tsv --qrels qrels.txt --folds 2 \
      --grid 'weight=bm25|bm25:k1=1.2,b=0.75|inl2|dlh'
  polysearch tune --db ./idx --queries queries.tsv --qrels qrels.txt --folds 2 --literal \
      --grid 'weight=bm25|bm25+' --grid 'k1=0.9|1.2' --grid 'b=0.4|0.75' --per-setting
  polysearch tune --db ./idx --queries queries.tsv --qrels qrels.txt --folds 2 -m map \
      --grid 'prf=off|rm3:docs=2,terms=5' --run cv.run
  polysearch tune --db ./idx --queries queries.tsv --qrels qrels.txt --folds 2 --json \
      --grid 'weight=bm25|dlh' | jq -c .chosen_on_all)help";

struct TuneCommandOptions {
  std::string db;
  std::string queries;
  std::string qrels;
  std::string lang = "auto";
  std::size_t limit = 1000;
  std::string bm25;
  std::string weight;
  std::string prf;
  std::string title_weight = "0";
  std::vector<std::string> filters;
  bool all_words = false;
  bool literal = false;
  std::string topic_field = "title";
  std::size_t threads = 0;  // 0: one per hardware thread
  std::string metric = "ndcg_cut.10";
  std::size_t folds = 5;
  std::vector<std::string> grid;
  std::string run;     // empty: no run written
  std::string scores;  // empty: no per-question scores written
  std::string tag = "cv";
  bool json = false;
  bool per_setting = false;
  bool quiet = false;
};

// --- the grid -----------------------------------------------------------------------------

constexpr const char* kGridKeys = "weight, bm25, k1, b, prf, title";

bool is_grid_key(const std::string& key) {
  return key == "weight" || key == "bm25" || key == "k1" || key == "b" || key == "prf" ||
         key == "title";
}

// A number as the shortest text that reads back exactly (0.5, 1, 0.25): a title weight in
// a setting's name, a score in --scores.
std::string shortest(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// Sets what `value` of `key` says in `request`, with the parsers of --weight, --bm25,
// --prf and --title-weight; a bad value is a UsageError naming the --grid item.
void apply_grid_value(const std::string& key, const std::string& value, SearchRequest& request) {
  const std::string where = "--grid " + key + "='" + value + "': ";
  try {
    if (key == "weight") {
      request.weighting = parse_weighting(value);
    } else if (key == "bm25") {
      request.bm25 = parse_bm25(value);
    } else if (key == "prf") {
      request.feedback = parse_feedback(value);
    } else if (key == "title") {
      double weight = 0.0;
      if (!parse_double(value, weight) || weight < 0.0) throw UsageError("expected a number >= 0");
      request.title_weight = weight;
    } else {
      double number = 0.0;
      const bool ok =
          parse_double(value, number) && number >= 0.0 && (key == "k1" || number <= 1.0);
      if (!ok) {
        throw UsageError(key == "k1" ? "expected a number >= 0" : "expected a number from 0 to 1");
      }
      (key == "k1" ? request.bm25.k1 : request.bm25.b) = number;
    }
  } catch (const InvalidArgument& error) {
    throw UsageError(where + error.what());
  } catch (const UsageError& error) {
    throw UsageError(where + error.what());
  }
}

struct GridDimension {
  std::string key;
  std::vector<std::string> values;
};

// Reads every --grid KEY=V1|V2|…, checking each value.
std::vector<GridDimension> parse_grid(const std::vector<std::string>& items) {
  if (items.empty()) throw UsageError("no --grid given (e.g. --grid 'weight=bm25|inl2|dlh')");
  std::vector<GridDimension> grid;
  std::set<std::string> keys;
  for (const std::string& item : items) {
    const std::size_t equals = item.find('=');
    GridDimension dimension;
    dimension.key = item.substr(0, equals);
    if (equals == std::string::npos || !is_grid_key(dimension.key)) {
      throw UsageError("--grid '" + item + "': expected KEY=VALUE|VALUE|... with KEY one of " +
                       kGridKeys);
    }
    if (!keys.insert(dimension.key).second) {
      throw UsageError("--grid key '" + dimension.key + "' given twice (list its values in one)");
    }
    const std::string values = item.substr(equals + 1);
    std::size_t begin = 0;
    while (true) {
      const std::size_t bar = values.find('|', begin);
      std::string value = values.substr(begin, bar == std::string::npos ? bar : bar - begin);
      if (value.empty()) throw UsageError("--grid '" + item + "': an empty value");
      SearchRequest scratch;
      apply_grid_value(dimension.key, value, scratch);
      dimension.values.push_back(std::move(value));
      if (bar == std::string::npos) break;
      begin = bar + 1;
    }
    grid.push_back(std::move(dimension));
  }
  return grid;
}

// The ranking model with every parameter written out, BM25's k1 and b from the request's
// --bm25 when the model does not give them: two requests rank alike when these agree.
Weighting effective_weighting(const SearchRequest& request) {
  Weighting weighting = request.weighting;
  const bool bm25 =
      weighting.model == WeightingModel::Bm25 || weighting.model == WeightingModel::Bm25Plus;
  for (const WeightingParameter& parameter : weighting_parameters(weighting.model)) {
    if (weighting.parameters.count(parameter.name) != 0) continue;
    double value = parameter.default_value;
    if (bm25 && parameter.name == "k1") value = request.bm25.k1;
    if (bm25 && parameter.name == "b") value = request.bm25.b;
    weighting.parameters[parameter.name] = value;
  }
  return weighting;
}

// Which of the request's settings the grid varies: the ranking (weight, bm25, k1, b), the
// feedback (prf), the title's weight (title).
struct Varied {
  bool ranking = false;
  bool feedback = false;
  bool title = false;
};

// One setting: a request and how it is named, by the options of `run` it amounts to.
struct Setting {
  SearchRequest request;
  std::vector<std::pair<std::string, std::string>> options;  // {"weight", "bm25:k1=…"}
  [[nodiscard]] std::string name() const {
    std::string text;
    for (const auto& [option, value] : options) {
      text += (text.empty() ? "--" : " --") + option + " " + value;
    }
    return text;
  }
  [[nodiscard]] Json json() const {
    Json out = Json::object();
    for (const auto& [option, value] : options) out[option] = value;
    return out;
  }
};

Setting make_setting(SearchRequest request, const Varied& varied) {
  Setting setting;
  if (varied.ranking)
    setting.options.emplace_back("weight", to_string(effective_weighting(request)));
  if (varied.feedback) setting.options.emplace_back("prf", to_string(request.feedback));
  if (varied.title) {
    setting.options.emplace_back("title-weight", shortest(request.title_weight));
  }
  setting.request = std::move(request);
  return setting;
}

// The distinct settings of the grid in grid order (the first dimension varying slowest);
// `combinations` gets the number of combinations before equal ones were merged.
std::vector<Setting> grid_settings(const std::vector<GridDimension>& grid,
                                   const SearchRequest& base, const Varied& varied,
                                   std::size_t& combinations) {
  std::vector<Setting> settings;
  std::set<std::string> seen;
  std::vector<std::size_t> at(grid.size(), 0);
  combinations = 0;
  while (true) {
    SearchRequest request = base;
    for (std::size_t d = 0; d < grid.size(); ++d) {
      apply_grid_value(grid[d].key, grid[d].values[at[d]], request);
    }
    ++combinations;
    Setting setting = make_setting(std::move(request), varied);
    if (seen.insert(setting.name()).second) settings.push_back(std::move(setting));
    std::size_t d = grid.size();
    while (d > 0 && ++at[d - 1] == grid[d - 1].values.size()) at[--d] = 0;
    if (d == 0) break;
  }
  return settings;
}

// --- searching ----------------------------------------------------------------------------

// What searching one question with one setting gave.
struct QuestionOutcome {
  std::vector<eval::RankedDocument> documents;  // scores rounded as a run file has them
  std::string lines;                            // the run lines, when asked for
  bool failed = false;
  bool plain_words = false;
  std::string message;
};

// A score rounded to the six decimals of a run file, so that ties and order are those
// `eval` sees in the file `run` writes.
double run_file_score(double score) {
  char buffer[400];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer - 1, score, std::chars_format::fixed, 6);
  *result.ptr = '\0';
  return std::strtod(buffer, nullptr);
}

QuestionOutcome search_question(Searcher& searcher, const SearchRequest& request,
                                const eval::Topic& topic, bool literal, const std::string* tag) {
  TopicHits found = search_topic_hits(searcher, request, topic, literal);
  QuestionOutcome outcome;
  outcome.failed = found.failed;
  outcome.plain_words = found.plain_words;
  outcome.message = std::move(found.message);
  if (outcome.failed) return outcome;
  if (tag != nullptr) {
    outcome.lines = eval::format_run_lines(topic.id, found.hits, *tag);
    return outcome;
  }
  outcome.documents.reserve(found.hits.size());
  for (const Hit& hit : found.hits) {
    outcome.documents.push_back({hit.id, run_file_score(hit.score)});
  }
  return outcome;
}

// Searches `questions` with one request on as many threads as there are searchers, each
// thread with its own searcher; outcomes in question order.  With `tag`, each outcome holds
// its run lines instead of its documents.  Stops early on SIGINT/SIGTERM (the caller
// checks pending_stop_signal()); rethrows what stopped a thread.
class QuestionSearch {
 public:
  QuestionSearch(std::vector<Searcher>& searchers, bool literal, ProgressLine& progress)
      : searchers_(searchers), literal_(literal), progress_(progress) {}

  std::vector<QuestionOutcome> run(const SearchRequest& request,
                                   const std::vector<const eval::Topic*>& questions,
                                   const std::string& label, const std::string* tag = nullptr);

 private:
  std::vector<Searcher>& searchers_;
  const bool literal_;
  ProgressLine& progress_;
};

std::vector<QuestionOutcome> QuestionSearch::run(const SearchRequest& request,
                                                 const std::vector<const eval::Topic*>& questions,
                                                 const std::string& label, const std::string* tag) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<QuestionOutcome> outcomes(questions.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable finished;
  std::exception_ptr failure;
  const auto work = [&](Searcher& searcher) noexcept {
    try {
      while (!stop.load() && pending_stop_signal() == 0) {
        const std::size_t i = next.fetch_add(1);
        if (i >= questions.size()) break;
        outcomes[i] = search_question(searcher, request, *questions[i], literal_, tag);
        done.fetch_add(1);
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex);
      if (!failure) failure = std::current_exception();
      stop.store(true);
    }
    finished.notify_one();
  };
  {
    std::vector<std::thread> threads;
    try {
      for (Searcher& searcher : searchers_) threads.emplace_back(work, std::ref(searcher));
      // This thread draws the progress line while the others search.
      std::unique_lock<std::mutex> lock(mutex);
      while (done.load() < questions.size() && !stop.load() && pending_stop_signal() == 0) {
        finished.wait_for(lock, std::chrono::milliseconds(100));
        if (progress_.due()) {
          const double seconds =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          progress_.show(label + ": " + query_progress(done.load(), questions.size(), seconds));
        }
      }
    } catch (...) {
      stop.store(true);
      for (std::thread& thread : threads) thread.join();
      throw;
    }
    // The workers stop when the questions run out, on a signal or on a failure.
    for (std::thread& thread : threads) thread.join();
  }
  if (failure) std::rethrow_exception(failure);
  return outcomes;
}

// --- evaluating ---------------------------------------------------------------------------

// The qrels of the judged questions, and the questions in file order.
struct Questions {
  std::vector<const eval::Topic*> topics;
  eval::Qrels qrels;
  std::size_t unjudged_topics = 0;   // topics the qrels do not judge
  std::size_t judged_elsewhere = 0;  // judged queries not in the query file
};

Questions judged_questions(const std::vector<eval::Topic>& topics, const eval::Qrels& qrels) {
  Questions out;
  std::set<std::string> in_file;
  for (const eval::Topic& topic : topics) {
    in_file.insert(topic.id);
    const auto judged = qrels.queries.find(topic.id);
    if (judged == qrels.queries.end()) {
      ++out.unjudged_topics;
      continue;
    }
    out.topics.push_back(&topic);
    out.qrels.queries.insert(*judged);
  }
  for (const auto& [query, documents] : qrels.queries) {
    if (in_file.count(query) == 0) ++out.judged_elsewhere;
  }
  return out;
}

// Each question's value of the measure (0 for a question without hits), in question order.
std::vector<double> question_scores(const Questions& questions,
                                    const std::vector<QuestionOutcome>& outcomes,
                                    const std::string& metric,
                                    const eval::EvaluationOptions& settings) {
  eval::Run run;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].documents.empty()) {
      run.queries[questions.topics[i]->id] = outcomes[i].documents;
    }
  }
  const eval::Evaluation evaluation = eval::evaluate(questions.qrels, run, {metric}, settings);
  const eval::MeasureValues& measure = evaluation.measures.front();
  std::vector<double> scores;
  scores.reserve(questions.topics.size());
  for (const eval::Topic* topic : questions.topics) {
    const auto it = measure.per_query.find(topic->id);
    scores.push_back(it == measure.per_query.end() ? 0.0 : it->second);
  }
  return scores;
}

// The measure's name as printed ("ndcg_cut_10"); a UsageError unless `metric` names one
// measure with per-query values.
std::string check_metric(const std::string& metric, const eval::EvaluationOptions& settings) {
  const eval::Evaluation probe = eval::evaluate({}, {}, {metric}, settings);
  if (probe.measures.size() != 1 || probe.measures.front().summary_only) {
    throw UsageError("--metric '" + metric +
                     "': expected one measure with per-query values, e.g. ndcg_cut.10, map, "
                     "P.10 or recip_rank");
  }
  return probe.measures.front().name;
}

// A setting's score on each question: "SETTING\tQUESTION\tSCORE" lines (--scores).
void write_scores(std::ostream& out, const std::string& setting, const Questions& questions,
                  const std::vector<double>& scores) {
  for (std::size_t i = 0; i < scores.size(); ++i) {
    out << setting << '\t' << questions.topics[i]->id << '\t' << shortest(scores[i]) << '\n';
  }
}

std::map<std::string, double> by_question(const Questions& questions,
                                          const std::vector<double>& scores) {
  std::map<std::string, double> out;
  for (std::size_t i = 0; i < scores.size(); ++i) out[questions.topics[i]->id] = scores[i];
  return out;
}

// --- reporting ----------------------------------------------------------------------------

struct Report {
  std::string measure;
  std::size_t questions = 0;
  std::size_t combinations = 0;
  std::vector<Setting> settings;
  std::size_t default_index = 0;  // in settings, or settings.size(): run on its own
  Setting default_setting;
  double default_mean = 0.0;
  eval::CrossValidation cv;
  eval::PairedComparison versus_default;
  std::vector<std::size_t> folds_chosen;  // per setting
  double seconds = 0.0;
};

std::string signed_fixed(double value) { return (value >= 0 ? "+" : "") + fixed(value, 4); }

std::string describe_t(const eval::PairedComparison& r) {
  if (std::isnan(r.t_test_p)) return "n/a (fewer than 2 questions)";
  return "t = " + fixed(r.t_statistic, 4) + ", df = " + fixed(r.degrees_of_freedom, 0) +
         ", p = " + fixed(r.t_test_p, 4);
}

std::string describe_randomization(const eval::PairedComparison& r) {
  if (std::isnan(r.randomization_p)) return "n/a (no questions)";
  const std::string p = "p = " + fixed(r.randomization_p, 4);
  if (r.randomization_exact) {
    return p + " (exact: all " + std::to_string(r.randomization_samples) + " sign flips)";
  }
  return p + " (" + std::to_string(r.randomization_samples) + " random sign flips, seed 1)";
}

void print_text(const TuneCommandOptions& options, const Report& report) {
  const eval::CrossValidation& cv = report.cv;
  std::cout << report.questions << " judged questions, " << report.measure << ", "
            << cv.folds.size() << " folds (question i in fold i mod " << cv.folds.size() << ")\n"
            << report.settings.size() << (report.settings.size() == 1 ? " setting" : " settings");
  if (report.combinations != report.settings.size()) {
    std::cout << " (" << report.combinations << " combinations of the grid, equal ones merged)";
  }
  std::cout << "; default: "
            << (report.default_index < report.settings.size()
                    ? "setting " + std::to_string(report.default_index + 1)
                    : std::string("not in the grid, run on its own"))
            << "\n\n";
  std::vector<std::vector<std::string>> rows{
      {"fold", "questions", "other folds", "held out", "chosen on the other folds"}};
  for (std::size_t f = 0; f < cv.folds.size(); ++f) {
    const eval::FoldChoice& fold = cv.folds[f];
    rows.push_back({std::to_string(f + 1), std::to_string(fold.questions),
                    fixed(fold.training_mean, 4), fixed(fold.held_out_mean, 4),
                    report.settings[fold.setting].name()});
  }
  std::cout << format_table(rows, {true, true, true, true, false});
  const eval::PairedComparison& r = report.versus_default;
  std::cout << '\n'
            << report.measure << " on the " << report.questions << " questions\n"
            << format_table(
                   {{"  default",
                     fixed(report.default_mean, 4) + "  " + report.default_setting.name()},
                    {"  cross-validated", fixed(cv.held_out_mean, 4) +
                                              "  each fold with the setting chosen on the others"},
                    {"  CV - default", signed_fixed(r.mean_difference)},
                    {"  CV vs default", "better on " + std::to_string(r.wins) +
                                            " questions, worse on " + std::to_string(r.losses) +
                                            ", tied on " + std::to_string(r.ties)},
                    {"  paired t-test", describe_t(r)},
                    {"  randomization", describe_randomization(r)}});
  std::cout << "\nchosen on all questions: " << report.settings[cv.chosen_on_all].name() << '\n'
            << "  (" << fixed(cv.setting_means[cv.chosen_on_all], 4)
            << " on the questions it was chosen on: not a held-out figure)\n";
  if (options.per_setting) {
    std::vector<std::vector<std::string>> all{{"setting", report.measure, "folds", ""}};
    for (std::size_t s = 0; s < report.settings.size(); ++s) {
      all.push_back({std::to_string(s + 1), fixed(cv.setting_means[s], 4),
                     std::to_string(report.folds_chosen[s]), report.settings[s].name()});
    }
    std::cout << "\nevery setting on all questions (tuned figures, for reference)\n"
              << format_table(all, {true, true, true, false});
  }
}

void print_json(const TuneCommandOptions& options, const Report& report) {
  const eval::CrossValidation& cv = report.cv;
  Json folds = Json::array();
  for (std::size_t f = 0; f < cv.folds.size(); ++f) {
    const eval::FoldChoice& fold = cv.folds[f];
    folds.push_back({{"fold", f + 1},
                     {"questions", fold.questions},
                     {"chosen", report.settings[fold.setting].json()},
                     {"training", fold.training_mean},
                     {"held_out", fold.held_out_mean}});
  }
  Json settings = Json::array();
  for (std::size_t s = 0; s < report.settings.size(); ++s) {
    settings.push_back({{"setting", report.settings[s].json()},
                        {"mean", cv.setting_means[s]},
                        {"folds_chosen", report.folds_chosen[s]}});
  }
  const eval::PairedComparison& r = report.versus_default;
  const Json out{
      {"queries", options.queries},
      {"qrels", options.qrels},
      {"metric", report.measure},
      {"questions", report.questions},
      {"combinations", report.combinations},
      {"folds", std::move(folds)},
      {"default", {{"setting", report.default_setting.json()}, {"mean", report.default_mean}}},
      {"cross_validated",
       {{"mean", cv.held_out_mean},
        {"mean_difference", r.mean_difference},
        {"wins", r.wins},
        {"losses", r.losses},
        {"ties", r.ties},
        {"t", r.t_statistic},
        {"df", r.degrees_of_freedom},
        {"t_test_p", r.t_test_p},
        {"randomization_p", r.randomization_p}}},
      {"chosen_on_all",
       {{"setting", report.settings[cv.chosen_on_all].json()},
        {"mean", cv.setting_means[cv.chosen_on_all]}}},
      {"settings", std::move(settings)},
      {"seconds", report.seconds}};
  std::cout << json_line(out) << '\n';
}

// --- the command --------------------------------------------------------------------------

// Reports each question's failure or plain-words search once, the first time it happens.
class QuestionMessages {
 public:
  QuestionMessages(const Questions& questions, bool quiet) : questions_(questions), quiet_(quiet) {}
  void note(const std::vector<QuestionOutcome>& outcomes) {
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const std::string& id = questions_.topics[i]->id;
      if (outcomes[i].failed && failed_.insert(id).second) {
        print_error("topic '" + id + "': " + outcomes[i].message + " (it scores 0)");
      } else if (outcomes[i].plain_words && !quiet_ && warned_.insert(id).second) {
        print_warning("topic '" + id + "': " + outcomes[i].message + "; searched as plain words");
      }
    }
  }
  [[nodiscard]] bool any_failed() const { return !failed_.empty(); }

 private:
  const Questions& questions_;
  const bool quiet_;
  std::set<std::string> failed_;
  std::set<std::string> warned_;
};

int interrupted(std::size_t done, std::size_t total) {
  print_error("interrupted after " + std::to_string(done) + " of " + std::to_string(total) +
              " settings; nothing reported");
  return kExitSignalBase + pending_stop_signal();
}

int run_tune(const TuneCommandOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  // Everything the command line alone can get wrong is reported before any file is read.
  const SearchRequest base = query_set_request(options);
  const eval::TopicField field = parse_topic_field(options.topic_field);
  const std::vector<GridDimension> grid = parse_grid(options.grid);
  const eval::EvaluationOptions settings_of_eval;
  const std::string measure = check_metric(options.metric, settings_of_eval);
  if (options.folds < 2) {
    throw UsageError("--folds " + std::to_string(options.folds) + ": at least 2 folds are needed");
  }
  for (const auto& [option, path] :
       {std::pair{"--run", &options.run}, {"--scores", &options.scores}}) {
    if (*path == "-")
      throw UsageError(std::string(option) + " needs a file: standard output has the report");
  }
  if (!options.tag.empty() && options.tag.find_first_of(" \t\r\n\v\f") != std::string::npos) {
    throw UsageError("invalid --tag '" + options.tag + "' (expected a name without spaces)");
  }
  require_stdin_once({{"--queries", options.queries}, {"--qrels", options.qrels}});
  Varied varied;
  for (const GridDimension& dimension : grid) {
    (dimension.key == "prf"     ? varied.feedback
     : dimension.key == "title" ? varied.title
                                : varied.ranking) = true;
  }
  Report report;
  report.measure = measure;
  report.settings = grid_settings(grid, base, varied, report.combinations);
  report.default_setting = make_setting(base, varied);
  report.default_index = report.settings.size();
  for (std::size_t s = 0; s < report.settings.size(); ++s) {
    if (report.settings[s].name() == report.default_setting.name()) report.default_index = s;
  }

  std::vector<Searcher> searchers;
  searchers.emplace_back(options.db);  // a missing index is reported before anything else
  check_filters(searchers.front(), base);
  const std::vector<eval::Topic> topics = read_topics_argument(options.queries, field);
  const eval::Qrels qrels = read_qrels_argument(options.qrels);
  const Questions questions = judged_questions(topics, qrels);
  report.questions = questions.topics.size();
  if (questions.topics.empty()) {
    print_error("no topic of '" + (options.queries == "-" ? kStdinName : options.queries) +
                "' is judged in '" + (options.qrels == "-" ? kStdinName : options.qrels) + "'");
    return kExitDataError;
  }
  if (options.folds > questions.topics.size()) {
    throw UsageError("--folds " + std::to_string(options.folds) + " is more than the " +
                     std::to_string(questions.topics.size()) + " judged questions");
  }
  if (!options.quiet) {
    for (const eval::Topic& topic : topics) {
      if (!topic.warning.empty()) print_warning(topic.warning);
    }
    if (questions.judged_elsewhere > 0) {
      print_warning(std::to_string(questions.judged_elsewhere) +
                    " judged queries are not in the query set and are left out");
    }
  }
  std::size_t threads = options.threads;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = std::max<std::size_t>(1, std::min(threads, questions.topics.size()));
  while (searchers.size() < threads) searchers.emplace_back(options.db);
  std::unique_ptr<RunOutput> run_output, scores_output;
  if (!options.run.empty()) run_output = std::make_unique<RunOutput>(options.run);
  if (!options.scores.empty()) scores_output = std::make_unique<RunOutput>(options.scores);
  install_stop_signal_handlers();

  ProgressLine progress(progress_wanted(options.quiet));
  QuestionSearch search(searchers, options.literal, progress);
  QuestionMessages messages(questions, options.quiet);
  const bool default_apart = report.default_index == report.settings.size();
  const std::size_t total = report.settings.size() + (default_apart ? 1 : 0);
  std::vector<std::vector<double>> scores;
  for (std::size_t s = 0; s < report.settings.size(); ++s) {
    const std::vector<QuestionOutcome> outcomes =
        search.run(report.settings[s].request, questions.topics,
                   "setting " + std::to_string(s + 1) + "/" + std::to_string(total));
    if (pending_stop_signal() != 0) return interrupted(s, total);
    messages.note(outcomes);
    scores.push_back(question_scores(questions, outcomes, options.metric, settings_of_eval));
  }
  std::vector<double> default_scores;
  if (!default_apart) {
    default_scores = scores[report.default_index];
  } else {
    const std::vector<QuestionOutcome> outcomes =
        search.run(report.default_setting.request, questions.topics,
                   "default " + std::to_string(total) + "/" + std::to_string(total));
    if (pending_stop_signal() != 0) return interrupted(total - 1, total);
    messages.note(outcomes);
    default_scores = question_scores(questions, outcomes, options.metric, settings_of_eval);
  }
  report.cv = eval::cross_validate(scores, options.folds);
  double default_sum = 0.0;
  for (const double score : default_scores) default_sum += score;
  report.default_mean = default_sum / static_cast<double>(default_scores.size());
  report.versus_default = eval::compare_paired(by_question(questions, default_scores),
                                               by_question(questions, report.cv.held_out_scores));
  report.folds_chosen.assign(report.settings.size(), 0);
  for (const eval::FoldChoice& fold : report.cv.folds) ++report.folds_chosen[fold.setting];
  if (scores_output) {
    for (std::size_t s = 0; s < report.settings.size(); ++s) {
      write_scores(scores_output->stream(), report.settings[s].name(), questions, scores[s]);
    }
    if (default_apart) {
      write_scores(scores_output->stream(), report.default_setting.name(), questions,
                   default_scores);
    }
    scores_output->commit();
  }

  if (run_output) {
    // Each fold's questions again, with the setting chosen for the fold, written in the
    // order of the query file.
    std::vector<std::string> lines(questions.topics.size());
    for (std::size_t f = 0; f < report.cv.folds.size(); ++f) {
      std::vector<const eval::Topic*> held_out;
      std::vector<std::size_t> positions;
      for (std::size_t q = 0; q < questions.topics.size(); ++q) {
        if (eval::fold_of_question(q, options.folds) != f) continue;
        held_out.push_back(questions.topics[q]);
        positions.push_back(q);
      }
      std::vector<QuestionOutcome> outcomes =
          search.run(report.settings[report.cv.folds[f].setting].request, held_out,
                     "cv run, fold " + std::to_string(f + 1), &options.tag);
      if (pending_stop_signal() != 0) return interrupted(total, total);
      for (std::size_t i = 0; i < outcomes.size(); ++i) {
        lines[positions[i]] = std::move(outcomes[i].lines);
      }
    }
    for (const std::string& topic_lines : lines) run_output->stream() << topic_lines;
    run_output->commit();
  }
  progress.clear();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.json) {
    print_json(options, report);
  } else {
    print_text(options, report);
  }
  std::cout.flush();
  if (!options.quiet) {
    std::cerr << total << (total == 1 ? " setting x " : " settings x ") << report.questions
              << " questions, " << threads << (threads == 1 ? " thread, " : " threads, ")
              << fixed(report.seconds, 1) << " s"
              << (options.run.empty() ? "" : "; cv run in " + options.run) << '\n';
  }
  return messages.any_failed() ? kExitDataError : kExitOk;
}

}  // namespace

void add_tune_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<TuneCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "tune", "Choose ranking settings from a grid by cross-validation on a query set");
  sub->add_option("--db", options->db, "Index directory")->required()->type_name(kDirType);
  sub->add_option("--queries", options->queries, "Topics: a TSV or TREC topic file; - for stdin")
      ->required()
      ->type_name(kFileType);
  sub->add_option("--qrels", options->qrels, "Relevance judgments (TREC qrels file; - for stdin)")
      ->required()
      ->type_name(kFileType);
  sub->add_option("--grid", options->grid,
                  "A setting and its values: weight=, bm25=, k1=, b=, prf= or title=, values "
                  "separated by |, e.g. 'weight=bm25|inl2|dlh'; repeatable (all combinations)")
      ->allow_extra_args(false)
      ->type_name("KEY=VALUES");
  sub->add_option("--folds", options->folds,
                  "Folds of the cross-validation (question i in i mod K)")
      ->capture_default_str()
      ->type_name("K");
  sub->add_option("-m,--metric", options->metric,
                  "Measure chosen on, as 'polysearch eval' names it")
      ->capture_default_str()
      ->type_name("MEASURE");
  sub->add_option("--run", options->run,
                  "Write the held-out folds' hits as one TREC run (the cv run) to FILE")
      ->type_name(kFileType);
  sub->add_option("--scores", options->scores,
                  "Write every setting's score on every question to FILE (setting, question, "
                  "score; TSV)")
      ->type_name(kFileType);
  sub->add_option("--tag", options->tag, "Run name of the cv run, its last column")
      ->capture_default_str();
  sub->add_flag("--per-setting", options->per_setting, "Also print every setting's mean");
  sub->add_flag("--json", options->json, "Print one JSON object");
  sub->add_option("--lang", options->lang,
                  std::string("Analyze queries as this language: ") + language_option_codes() +
                      " (auto: every language in the index)")
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_option("-k,--limit", options->limit, "Hits per query")
      ->check(count_validator(1))
      ->capture_default_str();
  sub->add_option("--bm25", options->bm25, "BM25 parameters K1,B of the default (2,0.9)")
      ->type_name("K1,B");
  add_weight_option(*sub, options->weight);
  add_prf_option(*sub, options->prf);
  add_title_weight_option(*sub, options->title_weight);
  add_filter_option(*sub, options->filters);
  sub->add_flag("--and", options->all_words, "Require every query word (default: any)");
  sub->add_flag("--literal", options->literal,
                "Search every query as plain words, ignoring the query syntax");
  sub->add_option("--topic-field", options->topic_field,
                  "Text of a TREC topic: title, desc or title+desc")
      ->capture_default_str()
      ->type_name("title|desc|title+desc");
  sub->add_option("--threads", options->threads,
                  "Queries run at once (default: one per hardware thread)")
      ->check(count_validator(1));
  sub->add_flag("-q,--quiet", options->quiet, "No progress, warnings or summary on stderr");
  sub->footer(kTuneFooter);
  sub->callback([options, &action] { action = [options] { return run_tune(*options); }; });
}

}  // namespace polysearch::cli
