// Searches an index and prints each hit with a snippet of its text, the matched words
// marked **like this**.  The snippet is in the document's own script and spelling: the
// query 告别 highlights 告別 in a Traditional Chinese text, Gruendung highlights Gründung.
//
//   highlight INDEX-DIR QUERY [LIMIT]
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <polysearch/polysearch.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Hit::highlights are [begin, end) byte ranges of Hit::snippet, in order.
std::string mark(const polysearch::Hit& hit) {
  const std::string_view snippet = hit.snippet;
  std::string out;
  std::size_t done = 0;
  for (const polysearch::Highlight& range : hit.highlights) {
    const std::size_t begin = std::clamp(range.begin, done, snippet.size());
    const std::size_t end = std::clamp(range.end, begin, snippet.size());
    out.append(snippet.substr(done, begin - done)).append("**");
    out.append(snippet.substr(begin, end - begin)).append("**");
    done = end;
  }
  out.append(snippet.substr(done));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  char* end = nullptr;
  const unsigned long limit = argc == 4 ? std::strtoul(argv[3], &end, 10) : 3;
  if (argc < 3 || argc > 4 || (end != nullptr && *end != '\0') || limit == 0) {
    std::cerr << "usage: highlight INDEX-DIR QUERY [LIMIT]\n";
    return 2;
  }
  try {
    polysearch::Searcher searcher(argv[1]);
    polysearch::SearchRequest request;
    request.query = argv[2];
    request.limit = limit;
    request.snippet_width = 120;  // display columns; a Han character counts two
    for (const polysearch::Hit& hit : searcher.search(request).hits) {
      std::cout << hit.rank << ". " << hit.id << " [" << polysearch::language_code(hit.language)
                << "]\n   " << mark(hit) << '\n';
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "highlight: error: " << e.what() << '\n';
    return 1;
  }
}
