// K-fold cross-validation over per-question scores: the choice of a setting on the other
// folds, its figure on the held-out fold, and the setting one would adopt.
#include "polysearch/eval/cross_validation.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "polysearch/error.hpp"

namespace polysearch::eval {
namespace {

void check_scores(const std::vector<std::vector<double>>& scores, std::size_t folds) {
  if (scores.empty()) throw InvalidArgument("cross-validation needs at least one setting");
  const std::size_t questions = scores.front().size();
  for (std::size_t s = 0; s < scores.size(); ++s) {
    if (scores[s].size() != questions) {
      throw InvalidArgument("cross-validation: setting " + std::to_string(s + 1) + " has " +
                            std::to_string(scores[s].size()) + " scores, setting 1 has " +
                            std::to_string(questions));
    }
    for (const double score : scores[s]) {
      if (std::isnan(score)) {
        throw InvalidArgument("cross-validation: setting " + std::to_string(s + 1) +
                              " has a score that is not a number");
      }
    }
  }
  if (folds < 2 || folds > questions) {
    throw InvalidArgument("cross-validation needs 2 to " + std::to_string(questions) +
                          " folds for " + std::to_string(questions) + " questions, not " +
                          std::to_string(folds));
  }
}

// The mean of `scores` over the questions whose fold is (`in_fold`) or is not `fold`, and
// their count; summed in question order.
double fold_mean(const std::vector<double>& scores, std::size_t folds, std::size_t fold,
                 bool in_fold, std::size_t& count) {
  double sum = 0.0;
  count = 0;
  for (std::size_t q = 0; q < scores.size(); ++q) {
    if ((fold_of_question(q, folds) == fold) != in_fold) continue;
    sum += scores[q];
    ++count;
  }
  return count == 0 ? 0.0 : sum / static_cast<double>(count);
}

// Means this close count as equal: the same scores summed in another order (a setting
// that wins where another loses, as often as it loses) differ in the last bits, and the
// tie must still go to the setting listed first.
constexpr double kTieTolerance = 1e-9;

bool better(double mean, double best_mean) {
  return mean > best_mean + kTieTolerance * std::max(1.0, std::fabs(best_mean));
}

// The first setting with the highest mean of the questions outside `fold` (all questions
// when `fold` is `folds`, which no question is in).
std::size_t best_setting(const std::vector<std::vector<double>>& scores, std::size_t folds,
                         std::size_t fold, double& best_mean) {
  std::size_t best = 0;
  for (std::size_t s = 0; s < scores.size(); ++s) {
    std::size_t count = 0;
    const double mean = fold_mean(scores[s], folds, fold, false, count);
    if (s == 0 || better(mean, best_mean)) {
      best = s;
      best_mean = mean;
    }
  }
  return best;
}

}  // namespace

std::size_t fold_of_question(std::size_t question, std::size_t folds) {
  if (folds == 0) throw InvalidArgument("cross-validation needs at least one fold");
  return question % folds;
}

CrossValidation cross_validate(const std::vector<std::vector<double>>& scores, std::size_t folds) {
  check_scores(scores, folds);
  const std::size_t questions = scores.front().size();
  CrossValidation out;
  out.held_out_scores.assign(questions, 0.0);
  for (std::size_t fold = 0; fold < folds; ++fold) {
    FoldChoice choice;
    choice.setting = best_setting(scores, folds, fold, choice.training_mean);
    choice.held_out_mean = fold_mean(scores[choice.setting], folds, fold, true, choice.questions);
    for (std::size_t q = 0; q < questions; ++q) {
      if (fold_of_question(q, folds) == fold) out.held_out_scores[q] = scores[choice.setting][q];
    }
    out.folds.push_back(choice);
  }
  double sum = 0.0;
  for (const double score : out.held_out_scores) sum += score;
  out.held_out_mean = sum / static_cast<double>(questions);
  for (const std::vector<double>& setting : scores) {
    std::size_t count = 0;
    out.setting_means.push_back(fold_mean(setting, folds, folds, false, count));
  }
  double best_mean = 0.0;
  out.chosen_on_all = best_setting(scores, folds, folds, best_mean);
  return out;
}

}  // namespace polysearch::eval
