#pragma once
/// @file
/// Choosing among settings of a system by k-fold cross-validation over a query set, so that
/// no figure is reported on the questions it was tuned on: each fold is scored with the
/// setting that is best on the other folds.

#include <cstddef>
#include <vector>

#include "polysearch/eval/export.hpp"

namespace polysearch::eval {

/// The fold of question `question` (0-based, in the order of the query set) among `folds`
/// folds: question i is in fold i mod folds, so fold sizes differ by at most one and the
/// assignment depends on nothing but the order.
/// @throws InvalidArgument if folds is 0.
POLYSEARCH_EVAL_API std::size_t fold_of_question(std::size_t question, std::size_t folds);

/// One fold of a cross-validation.
struct FoldChoice {
  std::size_t questions = 0;   ///< questions held out in this fold
  std::size_t setting = 0;     ///< the setting chosen on the other folds (an index)
  double training_mean = 0.0;  ///< that setting's mean over the other folds' questions
  double held_out_mean = 0.0;  ///< its mean over this fold's questions: the fold's figure
};

/// What cross_validate() returns.
struct CrossValidation {
  std::vector<FoldChoice> folds;  ///< fold 0, 1, …
  /// Per question: the score of the setting chosen for its fold, on that question.
  std::vector<double> held_out_scores;
  /// The mean of held_out_scores over every question: the cross-validated figure (what
  /// evaluating the held-out folds' hits as one run gives).
  double held_out_mean = 0.0;
  std::vector<double> setting_means;  ///< each setting's mean over every question
  /// The setting with the best mean over every question: the one to adopt.  Its mean is
  /// tuned on those questions and is not a held-out figure.
  std::size_t chosen_on_all = 0;
};

/// K-fold cross-validation of `scores[s][q]`, setting s's score of question q (higher is
/// better), every setting with the same questions in the same order.  Question q is in fold
/// fold_of_question(q, folds).  For each fold, the setting with the highest mean over the
/// questions of the other folds is chosen and scored on the fold's questions; ties go to the
/// earlier setting, so list a baseline first.  Means within 1e-9 (relative) of each other
/// are a tie, so that equal scores summed in another order still tie.
/// @throws InvalidArgument if there is no setting, the settings differ in their number of
///         questions, a score is NaN, or folds is below 2 or above the number of questions.
POLYSEARCH_EVAL_API CrossValidation cross_validate(const std::vector<std::vector<double>>& scores,
                                                   std::size_t folds);

}  // namespace polysearch::eval
