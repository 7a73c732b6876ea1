#pragma once
/// @file
/// Everything in polysearch's evaluation library, polysearch::eval: link the CMake target
/// `polysearch::eval` (it brings `polysearch::polysearch`) or use
/// `pkg-config --cflags --libs --static polysearch-eval`.  A program that only indexes and
/// searches needs neither this header nor that library.

/// @namespace polysearch::eval
/// Retrieval and segmentation evaluation, a library of its own: query sets (topics) in and
/// TREC runs out, qrels, trec_eval's measures, paired significance tests, run fusion,
/// cross-validation over settings and SIGHAN-style segmentation scores.

#include "polysearch/eval/compounds.hpp"
#include "polysearch/eval/cross_validation.hpp"
#include "polysearch/eval/fusion.hpp"
#include "polysearch/eval/segmentation.hpp"
#include "polysearch/eval/significance.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/eval/trec_eval.hpp"
