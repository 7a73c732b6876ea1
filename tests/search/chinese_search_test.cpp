// Chinese search end to end: the segmentation modes, a query cut differently from the
// document, phrases under hybrid segmentation, cross-script queries, and a user
// dictionary stored with the index.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

using polysearch::AnalyzerOptions;
using polysearch::ChineseSegmentation;
using polysearch::DefaultOperator;
using polysearch::Language;
using polysearch::SearchRequest;

namespace {

const std::vector<std::pair<std::string, std::string>> kDocuments = {
    {"tsinghua", "清华大学的学生在研究深度学习。"},
    {"separate", "清华的老师在另一所大学工作。"},
    {"traditional", "臺北的研究者發表了關於深度學習的論文。"},
    {"campus", "我们的大学生活很愉快。"},
};

// An index of kDocuments with the given analysis, searched by `ids`.
class ChineseIndex {
 public:
  explicit ChineseIndex(AnalyzerOptions analysis) {
    polysearch::IndexOptions options;
    options.analysis = std::move(analysis);
    polysearch::IndexWriter writer(dir_.path(), polysearch::OpenMode::Overwrite, options);
    for (const auto& [id, text] : kDocuments) {
      polysearch::Document document;
      document.id = id;
      document.text = text;
      document.language = Language::Chinese;
      writer.add(document);
    }
    writer.close();
  }

  [[nodiscard]] polysearch::SearchResult search(const std::string& query,
                                                DefaultOperator op = DefaultOperator::And) const {
    polysearch::Searcher searcher(dir_.path());
    SearchRequest request;
    request.query = query;
    request.default_operator = op;
    request.language = Language::Chinese;
    return searcher.search(request);
  }

  [[nodiscard]] std::vector<std::string> ids(const std::string& query,
                                             DefaultOperator op = DefaultOperator::And) const {
    std::vector<std::string> out;
    for (const auto& hit : search(query, op).hits) out.push_back(hit.id);
    return out;
  }

  [[nodiscard]] const std::filesystem::path& path() const { return dir_.path(); }

 private:
  polysearch::test::TempDir dir_;
};

AnalyzerOptions mode(ChineseSegmentation segmentation) {
  AnalyzerOptions options;
  options.chinese.segmentation = segmentation;
  return options;
}

// The highlighted parts of the first hit's snippet.
std::vector<std::string> highlighted(const polysearch::SearchResult& result) {
  std::vector<std::string> out;
  if (result.hits.empty()) return out;
  const auto& hit = result.hits.front();
  for (const auto& h : hit.highlights) out.push_back(hit.snippet.substr(h.begin, h.end - h.begin));
  return out;
}

}  // namespace

TEST_CASE("chinese search: a sub-word matches only with bigrams or hybrid segmentation") {
  // 清华 is inside the word 清华大学 of one document and a word of its own in another.
  const ChineseIndex words(mode(ChineseSegmentation::Words));
  const ChineseIndex hybrid(mode(ChineseSegmentation::Hybrid));
  const ChineseIndex bigrams(mode(ChineseSegmentation::Bigrams));
  CHECK(words.ids("清华") == std::vector<std::string>{"separate"});
  CHECK(hybrid.ids("清华").size() == 2);
  CHECK(bigrams.ids("清华").size() == 2);
}

TEST_CASE("chinese search: hybrid matches a query cut differently, even with all words required") {
  // ICU cuts the query 大学生 as one word, and 大学生活 in "campus" as 大学 | 生活.
  const ChineseIndex words(mode(ChineseSegmentation::Words));
  const ChineseIndex hybrid(mode(ChineseSegmentation::Hybrid));
  CHECK(words.ids("大学生").empty());
  // Like character bigrams, the bigrams need not be adjacent: "tsinghua" has 大学 and 学生.
  const auto found = hybrid.ids("大学生");
  REQUIRE(found.size() == 2);
  CHECK(found.front() == "campus");
  CHECK(hybrid.ids("大学生", DefaultOperator::Or).front() == "campus");
  // Every bigram is needed when the words do not match: 清华大学 is not in "separate".
  CHECK(hybrid.ids("清华大学") == std::vector<std::string>{"tsinghua"});
}

TEST_CASE("chinese search: phrases match words under hybrid segmentation") {
  const ChineseIndex hybrid(mode(ChineseSegmentation::Hybrid));
  CHECK(hybrid.ids("\"清华大学的学生\"") == std::vector<std::string>{"tsinghua"});
  CHECK(hybrid.ids("\"学生的清华大学\"").empty());
  CHECK(hybrid.ids("\"深度学习\"").size() == 2);  // one document is Traditional
}

TEST_CASE("chinese search: either script finds both, and highlights the original") {
  for (auto segmentation :
       {ChineseSegmentation::Words, ChineseSegmentation::Hybrid, ChineseSegmentation::Bigrams}) {
    CAPTURE(polysearch::to_string(segmentation));
    const ChineseIndex index(mode(segmentation));
    CHECK(index.ids("深度学习").size() == 2);
    CHECK(index.ids("深度學習").size() == 2);
    CHECK(index.ids("台北 论文").size() == 1);  // 臺 and 台 both fold to 台
    const auto result = index.search("研究者 论文");
    REQUIRE(result.hits.size() == 1);
    const auto marks = highlighted(result);
    CHECK(std::find(marks.begin(), marks.end(), "論文") != marks.end());
    CHECK(result.hits.front().snippet == kDocuments[2].second);  // no space inserted, none cut
  }
}

TEST_CASE("chinese search: hybrid highlights the whole matched word once") {
  const ChineseIndex hybrid(mode(ChineseSegmentation::Hybrid));
  const auto result = hybrid.search("清华大学");
  REQUIRE_FALSE(result.hits.empty());
  CHECK(result.hits.front().id == "tsinghua");
  CHECK(highlighted(result) == std::vector<std::string>{"清华大学"});
}

TEST_CASE("chinese search: a user dictionary is stored with the index and used by queries") {
  auto names = std::make_shared<polysearch::UserDictionary>(polysearch::UserDictionary::read(
      polysearch::test::fixtures_dir() / "dictionaries/seed003-names.txt"));
  AnalyzerOptions analysis;
  analysis.chinese.dictionary = names;
  polysearch::test::TempDir dir;
  {
    polysearch::IndexOptions options;
    options.analysis = analysis;
    polysearch::IndexWriter writer(dir.path(), polysearch::OpenMode::Overwrite, options);
    polysearch::Document seed;
    seed.id = "003";
    seed.text = polysearch::test::read_file(polysearch::test::seed_path("003"));
    writer.add(seed);
    writer.close();
  }
  polysearch::Searcher searcher(dir.path());
  const auto info = searcher.info();
  REQUIRE(info.analysis.chinese.dictionary != nullptr);
  CHECK(*info.analysis.chinese.dictionary == *names);
  CHECK(info.analysis == analysis);

  // The name is one term, highlighted whole; a Simplified query finds the Traditional text.
  SearchRequest request;
  request.query = "达摩克利斯";
  const auto result = searcher.search(request);
  REQUIRE(result.hits.size() == 1);
  const auto marks = highlighted(result);
  CHECK(std::find(marks.begin(), marks.end(), "達摩克利斯") != marks.end());

  // Reopening for writing with another dictionary is refused; with none given, the stored
  // one is kept.
  polysearch::IndexOptions other;
  other.analysis = AnalyzerOptions{};
  CHECK_THROWS_AS(polysearch::IndexWriter(dir.path(), polysearch::OpenMode::CreateOrOpen, other),
                  polysearch::InvalidArgument);
  polysearch::IndexWriter again(dir.path());
  CHECK(again.analysis() == analysis);
}
