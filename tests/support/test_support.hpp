#pragma once
// Helpers shared by the tests: data paths, temporary directories, token invariants.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/index_writer.hpp"

namespace polysearch::test {

std::filesystem::path fixtures_dir();
// ../shared next to the project; may be absent outside this workspace.
std::filesystem::path shared_dir();

std::string read_file(const std::filesystem::path& path);

// Path of a seed text by its number prefix ("003").
std::filesystem::path seed_path(std::string_view number);

// The seed texts as documents: id = file name, text = its contents, source = its path.
std::vector<polysearch::Document> seed_documents();

// A fresh, empty directory unique to this call, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Lucene-style invariants every analysis must satisfy: offsets nondecreasing, on UTF-8
// boundaries and inside the text; positions increasing, except that a sub-word (hybrid
// Chinese) or a part (word_parts) shares the position of the token before it, a part
// inside its word; terms non-empty, valid UTF-8 and at most kMaxTermBytes.  Reports failures
// through doctest CHECKs.
void check_token_invariants(std::string_view text, const std::vector<Token>& tokens);

// The tokens that are words: hybrid Chinese segmentation's sub-words and word parts left
// out.
std::vector<Token> words_only(std::vector<Token> tokens);

// "term" of each token, for compact expectations.
std::vector<std::string> terms_of(const std::vector<Token>& tokens);
std::vector<std::string> stems_of(const std::vector<Token>& tokens);

}  // namespace polysearch::test
