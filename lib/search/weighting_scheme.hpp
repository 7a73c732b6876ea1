#pragma once
// The Xapian weighting scheme a polysearch::Weighting names.
#include <xapian.h>

#include <memory>

#include "polysearch/searcher.hpp"
#include "polysearch/weighting.hpp"

namespace polysearch::detail {

// @throws InvalidArgument for a parameter the model does not take or out of its range.
void check_weighting(const Weighting& weighting);

// The scheme, with the parameters given and the defaults for the others (BM25's k1 and b:
// `bm25`'s).
std::unique_ptr<Xapian::Weight> make_weight(const Weighting& weighting, const Bm25Params& bm25);

}  // namespace polysearch::detail
