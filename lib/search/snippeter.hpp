#pragma once
// Snippets from our own token offsets: the window of the text with the most distinct
// matched words, cut only between tokens, highlights on whole original words (so a
// Simplified query highlights 告別 in a Traditional text, and "contratación" for the
// query "contratacion").

#include <string>
#include <string_view>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/searcher.hpp"
#include "search/query_builder.hpp"

namespace polysearch::detail {

struct Snippet {
  std::string text;
  std::vector<Highlight> highlights;  // byte ranges in `text`
};

// `tokens` are the analysis of `text`.  `width` is the target size in display columns.
// Runs of whitespace become one space; "…" marks where the text was cut.
Snippet make_snippet(std::string_view text, const std::vector<Token>& tokens,
                     const MatchTerms& match, std::size_t width);

}  // namespace polysearch::detail
