#pragma once
/// @file
/// Everything in polysearch's public API.

#include "polysearch/analyzer.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval.hpp"
#include "polysearch/index_writer.hpp"
#include "polysearch/language.hpp"
#include "polysearch/searcher.hpp"
#include "polysearch/segmentation_eval.hpp"
#include "polysearch/significance.hpp"
#include "polysearch/text.hpp"
#include "polysearch/topics.hpp"
#include "polysearch/version.hpp"
