#include "support/test_support.hpp"

#include <algorithm>

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "util/utf8.hpp"

namespace polysearch::test {

std::filesystem::path fixtures_dir() { return POLYSEARCH_FIXTURES_DIR; }
std::filesystem::path shared_dir() { return POLYSEARCH_SHARED_DIR; }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::filesystem::path seed_path(std::string_view number) {
  for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir() / "seeds")) {
    if (entry.path().filename().string().rfind(std::string(number) + "_", 0) == 0)
      return entry.path();
  }
  throw std::runtime_error("no seed " + std::string(number));
}

std::vector<polysearch::Document> seed_documents() {
  std::vector<polysearch::Document> documents;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir() / "seeds")) {
    polysearch::Document doc;
    doc.id = entry.path().filename().string();
    doc.text = read_file(entry.path());
    doc.source = entry.path().string();
    documents.push_back(std::move(doc));
  }
  return documents;
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  const char* base = std::getenv("POLYSEARCH_TMPDIR");
  const std::filesystem::path root = base ? base : std::filesystem::temp_directory_path();
  path_ =
      root / ("polysearch-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;  // cleanup failure must not mask the test's own result
  std::filesystem::remove_all(path_, ignored);
}

void check_token_invariants(std::string_view text, const std::vector<Token>& tokens) {
  const auto on_boundary = [&](std::size_t offset) {
    return offset == text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
  };
  std::size_t previous_begin = 0;
  std::size_t word_end = 0;  // end of the last token that is neither sub-word nor part
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    INFO("token " << i << " '" << t.term << "' [" << t.begin << "," << t.end << ")");
    CHECK(t.begin < t.end);
    CHECK(t.end <= text.size());
    CHECK(t.begin >= previous_begin);
    CHECK(on_boundary(t.begin));
    CHECK(on_boundary(t.end));
    // A sub-word or a part shares the position of the word before it; every word moves on.
    const bool shares_position = t.subword || t.part;
    CHECK_FALSE((t.subword && t.part));
    if (i > 0 && shares_position) CHECK(t.position == tokens[i - 1].position);
    if (i > 0 && !shares_position) CHECK(t.position > tokens[i - 1].position);
    if (i == 0) CHECK_FALSE(shares_position);
    // A part lies inside the word it belongs to.
    if (t.part) CHECK(t.end <= word_end);
    if (!shares_position) word_end = t.end;
    CHECK_FALSE(t.term.empty());
    CHECK_FALSE(t.stem.empty());
    CHECK(t.term.size() <= kMaxTermBytes);
    CHECK_FALSE(find_invalid_utf8(t.term).has_value());
    CHECK_FALSE(find_invalid_utf8(t.stem).has_value());
    previous_begin = t.begin;
  }
}

std::vector<Token> words_only(std::vector<Token> tokens) {
  tokens.erase(std::remove_if(tokens.begin(), tokens.end(),
                              [](const Token& t) { return t.subword || t.part; }),
               tokens.end());
  return tokens;
}

std::vector<std::string> terms_of(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.term);
  return out;
}

std::vector<std::string> stems_of(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.stem);
  return out;
}

}  // namespace polysearch::test
