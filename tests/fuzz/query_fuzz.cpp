// Fuzz target: the query syntax, from parser to ranked and highlighted hits.
//
// Input: one selector byte, then the query (any bytes).  Selector bits: 0-2 the request's
// language (0, 6, 7: every language in the index; 1-5: und, de, es, pt, zh), 3 AND as the
// default operator, 4 no snippets, 5 offset 2, 6 limit 3 instead of 10, 7 snippets 20
// columns wide instead of 200.
//
// Each input goes through the internal parser (parse_query + describe) on the raw bytes,
// which must never read out of bounds even on ill-formed UTF-8, and then, when the query is
// valid UTF-8, through the public Searcher on a small index of fixtures/seeds built once at
// start-up: parse → QueryBuilder (every analyzer) → Xapian → snippets.  Measured against a
// target that stops after QueryBuilder::build (no index; 90 s each from the same seeds): it
// runs a tenth as many inputs a second (650 against 6,600) yet reaches the same coverage of
// query_parser.cpp and query_builder.cpp (487 edges against 486), and half as much again over
// all (2,098 against 1,395 edges: Searcher, snippets), so it is the one kept.
//
// Checked: syntax errors are QuerySyntaxError with an offset inside the query; a query the
// parser rejects is rejected by search() too; hits are ranked from offset + 1, at most
// `limit` of them; snippets are valid UTF-8 with highlights inside them, in order, on
// character boundaries.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "fuzz_support.hpp"
#include "polysearch/error.hpp"
#include "polysearch/index_writer.hpp"
#include "polysearch/searcher.hpp"
#include "search/query_parser.hpp"
#include "util/utf8.hpp"

namespace {

namespace fs = std::filesystem;
using polysearch::Language;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "query_fuzz: cannot read %s\n", path.string().c_str());
    std::abort();
  }
  return content.str();
}

// The first non-blank line of `text`, at most 100 bytes, as a title.
std::string title_of(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) break;
  }
  line.resize(polysearch::detail::utf8_prefix_length(line, 100));
  return line;
}

// An index of the seed texts (de, es, pt, zh) and one English text (und), in a temporary
// directory removed at exit.
struct Fixture {
  fs::path directory;
  std::unique_ptr<polysearch::Searcher> searcher;

  Fixture() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        (fs::path(tmp && *tmp ? tmp : "/tmp") / "polysearch-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("query_fuzz: mkdtemp");
      std::abort();
    }
    directory = pattern;
    {
      polysearch::IndexWriter writer(directory / "index", polysearch::OpenMode::Create);
      for (const auto& entry :
           fs::directory_iterator(fs::path(POLYSEARCH_FIXTURES_DIR) / "seeds")) {
        polysearch::Document document;
        document.id = entry.path().filename().string();
        document.text = read_file(entry.path());
        document.title = title_of(document.text);
        document.source = entry.path().string();
        (void)writer.add(document);
      }
      polysearch::Document english;
      english.id = "en";
      english.title = "Plain English";
      english.text = "This is plainly English text about open source search engines and PyTorch.";
      (void)writer.add(english);
      writer.commit();
    }
    searcher = std::make_unique<polysearch::Searcher>(directory / "index");
  }

  ~Fixture() {
    searcher.reset();
    std::error_code ignored;
    fs::remove_all(directory, ignored);
  }
};

Fixture* fixture = nullptr;

void remove_fixture() {
  delete fixture;
  fixture = nullptr;
}

constexpr Language kLanguages[] = {Language::Unknown, Language::Neutral,    Language::German,
                                   Language::Spanish, Language::Portuguese, Language::Chinese,
                                   Language::Unknown, Language::Unknown};

void check_hits(const polysearch::SearchRequest& request, const polysearch::SearchResult& result) {
  POLYSEARCH_FUZZ_CHECK(result.hits.size() <= request.limit);
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    const polysearch::Hit& hit = result.hits[i];
    POLYSEARCH_FUZZ_CHECK(hit.rank == request.offset + i + 1);
    POLYSEARCH_FUZZ_CHECK(!hit.id.empty());
    POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::is_valid_utf8(hit.snippet));
    if (!request.snippets) POLYSEARCH_FUZZ_CHECK(hit.snippet.empty() && hit.highlights.empty());
    std::size_t previous_end = 0;
    for (const polysearch::Highlight& h : hit.highlights) {
      POLYSEARCH_FUZZ_CHECK(h.begin < h.end);
      POLYSEARCH_FUZZ_CHECK(h.end <= hit.snippet.size());
      POLYSEARCH_FUZZ_CHECK(h.begin >= previous_end);
      POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::on_boundary(hit.snippet, h.begin));
      POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::on_boundary(hit.snippet, h.end));
      previous_end = h.end;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  fixture = new Fixture();
  std::atexit(remove_fixture);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view query = polysearch::fuzz::as_text(data + 1, size - 1);

  // The parser alone, on the raw bytes.
  bool parsed = false;
  try {
    const polysearch::detail::QueryNodePtr root = polysearch::detail::parse_query(query);
    POLYSEARCH_FUZZ_CHECK(root != nullptr);
    (void)polysearch::detail::describe(*root);
    parsed = true;
  } catch (const polysearch::QuerySyntaxError& error) {
    POLYSEARCH_FUZZ_CHECK(error.byte_offset() <= query.size());
  }
  if (!polysearch::fuzz::is_valid_utf8(query)) return 0;

  polysearch::SearchRequest request;
  request.query = std::string(query);
  request.language = kLanguages[selector & 7u];
  if (selector & 8u) request.default_operator = polysearch::DefaultOperator::And;
  request.snippets = (selector & 16u) == 0;
  request.offset = (selector & 32u) ? 2 : 0;
  request.limit = (selector & 64u) ? 3 : 10;
  request.snippet_width = (selector & 128u) ? 20 : 200;
  try {
    const polysearch::SearchResult result = fixture->searcher->search(request);
    check_hits(request, result);
  } catch (const polysearch::QuerySyntaxError& error) {
    POLYSEARCH_FUZZ_CHECK(error.byte_offset() <= query.size());
    return 0;
  }
  // Every query the parser rejects, search() rejects.
  POLYSEARCH_FUZZ_CHECK(parsed);
  return 0;
}
