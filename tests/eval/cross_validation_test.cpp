// Cross-validation over per-question scores, against choices and figures worked out by hand.
#include "polysearch/eval/cross_validation.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <limits>
#include <vector>

#include "polysearch/error.hpp"

namespace eval = polysearch::eval;

namespace {

using Scores = std::vector<std::vector<double>>;

}  // namespace

TEST_CASE("cross-validation: question i is in fold i mod k") {
  CHECK(eval::fold_of_question(0, 5) == 0);
  CHECK(eval::fold_of_question(4, 5) == 4);
  CHECK(eval::fold_of_question(5, 5) == 0);
  CHECK(eval::fold_of_question(7, 3) == 1);
  CHECK_THROWS_AS((void)eval::fold_of_question(1, 0), polysearch::InvalidArgument);
}

TEST_CASE("cross-validation: each fold is scored with the setting best on the others") {
  // Two folds: q0 and q2 in fold 0, q1 and q3 in fold 1.  Setting 1 is best on fold 0
  // (mean 1.0), setting 2 on fold 1 (0.9), and each is poor on the other fold: tuning on
  // the questions would report 0.55, the held-out figure is 0.1.
  const Scores scores{{0.5, 0.5, 0.5, 0.5}, {1.0, 0.0, 1.0, 0.2}, {0.0, 1.0, 0.2, 0.8}};
  const eval::CrossValidation cv = eval::cross_validate(scores, 2);
  REQUIRE(cv.folds.size() == 2);
  // Fold 0 is chosen on fold 1 (means 0.5, 0.1, 0.9): setting 2, 0.1 on q0 and q2.
  CHECK(cv.folds[0].setting == 2);
  CHECK(cv.folds[0].questions == 2);
  CHECK(cv.folds[0].training_mean == doctest::Approx(0.9));
  CHECK(cv.folds[0].held_out_mean == doctest::Approx(0.1));
  // Fold 1 is chosen on fold 0 (0.5, 1.0, 0.1): setting 1, 0.1 on q1 and q3.
  CHECK(cv.folds[1].setting == 1);
  CHECK(cv.folds[1].training_mean == doctest::Approx(1.0));
  CHECK(cv.folds[1].held_out_mean == doctest::Approx(0.1));
  REQUIRE(cv.held_out_scores.size() == 4);
  CHECK(cv.held_out_scores[0] == doctest::Approx(0.0));
  CHECK(cv.held_out_scores[1] == doctest::Approx(0.0));
  CHECK(cv.held_out_scores[2] == doctest::Approx(0.2));
  CHECK(cv.held_out_scores[3] == doctest::Approx(0.2));
  CHECK(cv.held_out_mean == doctest::Approx(0.1));
  REQUIRE(cv.setting_means.size() == 3);
  CHECK(cv.setting_means[0] == doctest::Approx(0.5));
  CHECK(cv.setting_means[1] == doctest::Approx(0.55));
  CHECK(cv.setting_means[2] == doctest::Approx(0.5));
  CHECK(cv.chosen_on_all == 1);
}

TEST_CASE("cross-validation: three folds, worked out by hand") {
  // Folds: {q0, q3}, {q1, q4}, {q2, q5}.  Setting 0's fold means are 0.2, 0.4, 0.6;
  // setting 1's 0.5, 0.2, 0.35.
  const Scores scores{{0.2, 0.4, 0.6, 0.2, 0.4, 0.6}, {0.6, 0.2, 0.2, 0.4, 0.2, 0.5}};
  const eval::CrossValidation cv = eval::cross_validate(scores, 3);
  REQUIRE(cv.folds.size() == 3);
  // Fold 0: on folds 1 and 2, 0.5 against 0.275: setting 0, 0.2 held out.
  CHECK(cv.folds[0].setting == 0);
  CHECK(cv.folds[0].training_mean == doctest::Approx(0.5));
  CHECK(cv.folds[0].held_out_mean == doctest::Approx(0.2));
  // Fold 1: on folds 0 and 2, 0.4 against 0.425: setting 1, 0.2 held out.
  CHECK(cv.folds[1].setting == 1);
  CHECK(cv.folds[1].training_mean == doctest::Approx(0.425));
  CHECK(cv.folds[1].held_out_mean == doctest::Approx(0.2));
  // Fold 2: on folds 0 and 1, 0.3 against 0.35: setting 1, 0.35 held out.
  CHECK(cv.folds[2].setting == 1);
  CHECK(cv.folds[2].training_mean == doctest::Approx(0.35));
  CHECK(cv.folds[2].held_out_mean == doctest::Approx(0.35));
  // Held out: 0.2, 0.2, 0.2, 0.2, 0.2, 0.5; the mean is 1.5 / 6.
  CHECK(cv.held_out_mean == doctest::Approx(0.25));
  CHECK(cv.setting_means[0] == doctest::Approx(0.4));
  CHECK(cv.setting_means[1] == doctest::Approx(0.35));
  CHECK(cv.chosen_on_all == 0);  // what one would adopt, though the folds mostly chose 1
}

TEST_CASE("cross-validation: ties go to the setting listed first") {
  // On fold 1 (q1, q3) both settings score 0.5, so fold 0 takes the first one listed; on
  // fold 0 the second setting is better, so fold 1 takes it whatever the order.
  const std::vector<double> low{0.0, 0.5, 0.0, 0.5};
  const std::vector<double> high{1.0, 0.5, 1.0, 0.5};
  const eval::CrossValidation low_first = eval::cross_validate({low, high}, 2);
  CHECK(low_first.folds[0].setting == 0);
  CHECK(low_first.folds[0].held_out_mean == doctest::Approx(0.0));
  CHECK(low_first.folds[1].setting == 1);
  CHECK(low_first.held_out_mean == doctest::Approx(0.25));
  const eval::CrossValidation high_first = eval::cross_validate({high, low}, 2);
  CHECK(high_first.folds[0].setting == 0);
  CHECK(high_first.folds[0].held_out_mean == doctest::Approx(1.0));
  CHECK(high_first.held_out_mean == doctest::Approx(0.75));
  // Identical settings: every fold and the choice on all questions take the first.
  const eval::CrossValidation same = eval::cross_validate({low, low, high, high}, 2);
  CHECK(same.folds[0].setting == 0);
  CHECK(same.folds[1].setting == 2);
  CHECK(same.chosen_on_all == 2);
}

TEST_CASE("cross-validation: equal means summed in another order still tie") {
  // On fold 1 (q1, q3, q5) both settings have 0.1, 0.2 and 0.3, in opposite orders: in
  // doubles 0.3 + 0.2 + 0.1 is 0.6 but 0.1 + 0.2 + 0.3 is 0.6000000000000001.  Fold 0
  // must still take the setting listed first.
  const std::vector<double> first{0.0, 0.3, 0.0, 0.2, 0.0, 0.1};
  const std::vector<double> second{1.0, 0.1, 1.0, 0.2, 1.0, 0.3};
  const eval::CrossValidation cv = eval::cross_validate({first, second}, 2);
  CHECK(cv.folds[0].setting == 0);
  CHECK(cv.folds[0].held_out_mean == doctest::Approx(0.0));
  CHECK(cv.folds[1].setting == 1);  // on fold 0: 1.0 against 0.0
}

TEST_CASE("cross-validation: the figure is the mean over questions, folds of unequal size") {
  // Five questions in two folds: q0, q2, q4 (all 1) and q1, q3 (all 0).  The held-out
  // figure is 3 / 5, not the mean of the fold means (0.5).
  const eval::CrossValidation cv = eval::cross_validate({{1.0, 0.0, 1.0, 0.0, 1.0}}, 2);
  CHECK(cv.folds[0].questions == 3);
  CHECK(cv.folds[1].questions == 2);
  CHECK(cv.folds[0].held_out_mean == doctest::Approx(1.0));
  CHECK(cv.folds[1].held_out_mean == doctest::Approx(0.0));
  CHECK(cv.held_out_mean == doctest::Approx(0.6));
  CHECK(cv.setting_means[0] == doctest::Approx(0.6));
  // As many folds as questions: leave-one-out.
  const eval::CrossValidation loo = eval::cross_validate({{1.0, 0.0, 1.0, 0.0, 1.0}}, 5);
  CHECK(loo.folds.size() == 5);
  CHECK(loo.held_out_mean == doctest::Approx(0.6));
}

TEST_CASE("cross-validation: bad input is refused") {
  const std::vector<double> four{0.1, 0.2, 0.3, 0.4};
  CHECK_THROWS_AS((void)eval::cross_validate({}, 2), polysearch::InvalidArgument);
  CHECK_THROWS_AS((void)eval::cross_validate({four}, 1), polysearch::InvalidArgument);
  CHECK_THROWS_AS((void)eval::cross_validate({four}, 5), polysearch::InvalidArgument);
  CHECK_THROWS_AS((void)eval::cross_validate({four, {0.1, 0.2, 0.3}}, 2),
                  polysearch::InvalidArgument);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS((void)eval::cross_validate({four, {0.1, nan, 0.3, 0.4}}, 2),
                  polysearch::InvalidArgument);
  CHECK_NOTHROW((void)eval::cross_validate({four}, 4));
}
