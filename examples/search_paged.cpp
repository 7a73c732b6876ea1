// Searches an index and prints one page of results: OFFSET hits are skipped and at most
// LIMIT are shown, so pages 1, 2, 3 of ten hits each are offsets 0, 10 and 20.
//
//   search_paged INDEX-DIR QUERY [OFFSET [LIMIT]]
#include <charconv>
#include <cstddef>
#include <exception>
#include <iomanip>
#include <iostream>
#include <optional>
#include <polysearch/polysearch.hpp>
#include <string>
#include <string_view>

namespace {

std::optional<std::size_t> parse_count(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<std::size_t> offset = 0;
  std::optional<std::size_t> limit = 10;
  if (argc >= 4) offset = parse_count(argv[3]);
  if (argc >= 5) limit = parse_count(argv[4]);
  if (argc < 3 || argc > 5 || !offset || !limit) {
    std::cerr << "usage: search_paged INDEX-DIR QUERY [OFFSET [LIMIT]]\n";
    return 2;
  }
  try {
    polysearch::Searcher searcher(argv[1]);
    polysearch::SearchRequest request;
    request.query = argv[2];  // language Unknown: every language in the index reads it
    request.offset = *offset;
    request.limit = *limit;
    request.snippets = false;  // ids and scores only; see highlight.cpp for snippets
    const polysearch::SearchResult result = searcher.search(request);

    // Exact up to 1,000 matches at least; beyond that Xapian's estimate.
    const std::string of = result.total_exact ? " of " : " of about ";
    if (result.hits.empty()) {
      std::cout << "no hits from " << *offset + 1 << " on," << of << result.estimated_total << '\n';
      return 0;
    }
    const std::size_t first = result.hits.front().rank;
    const std::size_t last = result.hits.back().rank;
    std::cout << (first == last ? "hit " : "hits ") << first;
    if (last != first) std::cout << '-' << last;
    std::cout << of << result.estimated_total << '\n';
    for (const polysearch::Hit& hit : result.hits) {
      std::cout << hit.rank << '\t' << hit.id << '\t' << polysearch::language_code(hit.language)
                << '\t' << std::fixed << std::setprecision(3) << hit.score << '\n';
    }
    return 0;
  } catch (const polysearch::QuerySyntaxError& e) {
    std::cerr << "search_paged: error: " << e.what() << '\n'
              << "  " << argv[2] << '\n'
              << "  " << std::string(e.byte_offset(), ' ') << "^\n";
    return 2;
  } catch (const std::exception& e) {  // IndexError: no index there, or an incompatible one
    std::cerr << "search_paged: error: " << e.what() << '\n';
    return 1;
  }
}
