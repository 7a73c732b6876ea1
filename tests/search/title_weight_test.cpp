// The title's weight in ranking (SearchRequest::title_weight, --title-weight): query words
// also searched in titles add to the scores of documents with them in the title, and only
// there; 0 ranks exactly as without; a sharded index and feedback rank as they should.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "polysearch/error.hpp"
#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

namespace {

// "Vulkan" is in one title and, more often, in another document's text.
std::vector<polysearch::Document> collection() {
  std::vector<polysearch::Document> docs;
  const auto add = [&](std::string id, std::string title, std::string text,
                       polysearch::Language language = polysearch::Language::German) {
    polysearch::Document doc;
    doc.id = std::move(id);
    doc.title = std::move(title);
    doc.text = std::move(text);
    doc.language = language;
    docs.push_back(std::move(doc));
  };
  add("in-title", "Vulkane der Welt", "Ein Berg spuckt Lava und Asche über das Tal.");
  add("in-text", "Berge der Welt",
      "Der Vulkan, ein Vulkan, noch ein Vulkan, ein Vulkan und ein Vulkan: Lava im Tal.");
  add("neither", "Meere der Welt", "Ein Meer voller Fische und Asche im Tal.");
  add("law", "中华人民共和国刑法第一条", "为了惩罚犯罪，保护人民，制定本法。",
      polysearch::Language::Chinese);
  add("other-law", "中华人民共和国民法典第一条",
      "为了保护民事主体的合法权益，制定本法。刑法另有规定。", polysearch::Language::Chinese);
  for (int i = 0; i < 30; ++i) {
    add("other-" + std::to_string(i), "Thema" + std::to_string(i),
        "Ein Dokument über Ding" + std::to_string(i % 13) + " im Garten" + std::to_string(i % 7) +
            ".");
  }
  return docs;
}

void build(const std::filesystem::path& path, std::size_t shards) {
  polysearch::IndexOptions options;
  options.shards = shards;
  polysearch::IndexWriter writer(path, polysearch::OpenMode::CreateOrOpen, options);
  for (const polysearch::Document& doc : collection()) writer.add(doc);
  writer.close();
}

const std::filesystem::path& plain_index() {
  static const polysearch::test::TempDir dir;
  static const bool built = (build(dir.path(), 0), true);
  (void)built;
  return dir.path();
}

const std::filesystem::path& sharded_index() {
  static const polysearch::test::TempDir dir;
  static const bool built = (build(dir.path(), 3), true);
  (void)built;
  return dir.path();
}

polysearch::SearchRequest request(std::string query, double title_weight) {
  polysearch::SearchRequest r;
  r.query = std::move(query);
  r.limit = 50;
  r.snippets = false;
  r.title_weight = title_weight;
  return r;
}

std::vector<std::string> ids(const polysearch::SearchResult& result) {
  std::vector<std::string> out;
  for (const polysearch::Hit& hit : result.hits) out.push_back(hit.id);
  return out;
}

std::map<std::string, double> scores(const polysearch::SearchResult& result) {
  std::map<std::string, double> out;
  for (const polysearch::Hit& hit : result.hits) out[hit.id] = hit.score;
  return out;
}

}  // namespace

TEST_CASE("title weight: a title match lifts its document above more matches in a text") {
  polysearch::Searcher searcher(plain_index());
  const std::vector<std::string> plain = ids(searcher.search(request("vulkan", 0.0)));
  REQUIRE(plain.size() == 2);
  CHECK(plain.front() == "in-text");  // five times in the text beat the title's share
  const std::vector<std::string> weighted = ids(searcher.search(request("vulkan", 2.0)));
  CHECK(weighted == std::vector<std::string>{"in-title", "in-text"});
}

TEST_CASE("title weight: only documents with the word in the title gain, by more with more") {
  polysearch::Searcher searcher(plain_index());
  const std::map<std::string, double> before = scores(searcher.search(request("vulkan asche", 0)));
  double last_gain = 0.0;
  for (const double weight : {0.25, 1.0, 4.0}) {
    CAPTURE(weight);
    const std::map<std::string, double> after =
        scores(searcher.search(request("vulkan asche", weight)));
    REQUIRE(after.size() == before.size());
    for (const auto& [id, score] : before) {
      CAPTURE(id);
      REQUIRE(after.count(id) == 1);
      if (id == "in-title") {
        CHECK(after.at(id) > score);
        CHECK(after.at(id) - score > last_gain);
        last_gain = after.at(id) - score;
      } else {
        CHECK(after.at(id) == score);  // "asche" is in its text, not its title
      }
    }
  }
}

TEST_CASE("title weight: 0 ranks exactly as without") {
  polysearch::Searcher searcher(plain_index());
  for (const char* query : {"vulkan", "lava tal", "+vulkan -asche", "\"lava im tal\"", "vulk*",
                            "刑法", "title:vulkan welt"}) {
    const std::string query_text(query);
    CAPTURE(query_text);
    const polysearch::SearchResult before = searcher.search(request(query, 0.0));
    polysearch::SearchRequest unset = request(query, 0.0);
    unset.title_weight = polysearch::SearchRequest{}.title_weight;
    const polysearch::SearchResult after = searcher.search(unset);
    CHECK(polysearch::SearchRequest{}.title_weight == 0.0);
    CHECK(after.query_description == before.query_description);
    if (query_text.rfind("title:", 0) != 0) {
      CHECK(before.query_description.find("ZSvulkan") == std::string::npos);
    }
    REQUIRE(after.hits.size() == before.hits.size());
    for (std::size_t i = 0; i < before.hits.size(); ++i) {
      CHECK(after.hits[i].id == before.hits[i].id);
      CHECK(after.hits[i].score == before.hits[i].score);
    }
  }
}

TEST_CASE("title weight: it adds to scores and never changes which documents match") {
  polysearch::Searcher searcher(plain_index());
  for (const char* query : {"vulkan", "+vulkan -asche", "welt -vulkan", "vulkan AND lava",
                            "\"lava und asche\"", "vulk*", "lang:de vulkan"}) {
    for (const bool all_words : {false, true}) {
      const std::string query_text(query);
      CAPTURE(query_text);
      CAPTURE(all_words);
      polysearch::SearchRequest plain = request(query, 0.0);
      if (all_words) plain.default_operator = polysearch::DefaultOperator::And;
      polysearch::SearchRequest weighted = plain;
      weighted.title_weight = 3.0;
      const polysearch::SearchResult a = searcher.search(plain);
      const polysearch::SearchResult b = searcher.search(weighted);
      std::vector<std::string> ia = ids(a), ib = ids(b);
      std::sort(ia.begin(), ia.end());
      std::sort(ib.begin(), ib.end());
      CHECK(ia == ib);
      CHECK(a.estimated_total == b.estimated_total);
      for (const auto& [id, score] : scores(a)) CHECK(scores(b).at(id) >= score);
    }
  }
  // A negated word, a phrase and a wildcard search no title terms; a field's word only its
  // field.
  const std::string negated = searcher.search(request("welt -vulkan", 3.0)).query_description;
  CHECK(negated.find("ZSwelt") != std::string::npos);
  CHECK(negated.find("ZSvulkan") == std::string::npos);
  for (const char* query : {"\"der welt\"", "vulk*", "title:vulkan", "-vulkan"}) {
    const std::string query_text(query);
    CAPTURE(query_text);
    CHECK(searcher.search(request(query, 3.0)).query_description ==
          searcher.search(request(query, 0.0)).query_description);
  }
}

TEST_CASE("title weight: Chinese words are searched in the title's words") {
  polysearch::Searcher searcher(plain_index());
  const polysearch::SearchResult plain = searcher.search(request("刑法", 0.0));
  const polysearch::SearchResult weighted = searcher.search(request("刑法", 1.0));
  CHECK(weighted.query_description.find("S刑法") != std::string::npos);
  CHECK(weighted.query_description.find("ZS") == std::string::npos);  // no stem terms in Han
  const std::map<std::string, double> before = scores(plain), after = scores(weighted);
  REQUIRE(before.count("law") == 1);
  REQUIRE(before.count("other-law") == 1);
  CHECK(after.at("law") > before.at("law"));
  CHECK(after.at("other-law") == before.at("other-law"));  // 刑法 only in its text
  CHECK(ids(weighted).front() == "law");
}

TEST_CASE("title weight: a sharded index ranks as one index, with and without feedback") {
  polysearch::Searcher plain(plain_index());
  polysearch::Searcher sharded(sharded_index());
  for (const char* query : {"vulkan", "vulkan asche welt", "刑法 保护"}) {
    for (const bool feedback : {false, true}) {
      const std::string query_text(query);
      CAPTURE(query_text);
      CAPTURE(feedback);
      polysearch::SearchRequest r = request(query, 1.5);
      if (feedback) r.feedback = polysearch::parse_feedback("rm3:docs=1,terms=5");
      const polysearch::SearchResult a = plain.search(r);
      const polysearch::SearchResult b = sharded.search(r);
      REQUIRE_FALSE(a.hits.empty());
      REQUIRE(a.hits.size() == b.hits.size());
      for (std::size_t i = 0; i < a.hits.size(); ++i) {
        CHECK(a.hits[i].score == doctest::Approx(b.hits[i].score));
      }
      const bool titled = a.query_description.find("ZSvulkan") != std::string::npos ||
                          a.query_description.find("S刑法") != std::string::npos;
      CHECK(titled);
    }
  }
}

TEST_CASE("title weight: feedback expands the title-weighted query") {
  polysearch::Searcher searcher(plain_index());
  polysearch::SearchRequest r = request("vulkan", 2.0);
  r.feedback = polysearch::parse_feedback("rm3:docs=1,terms=5");
  const polysearch::SearchResult result = searcher.search(r);
  REQUIRE_FALSE(result.expansion.empty());
  // The first pass ranked in-title first, so its words expand the query.
  std::vector<std::string> terms;
  for (const polysearch::ExpansionTerm& term : result.expansion) terms.push_back(term.term);
  CHECK(std::find(terms.begin(), terms.end(), "berg") != terms.end());
  CHECK(result.query_description.find("ZSvulkan") != std::string::npos);
  CHECK(ids(result).front() == "in-title");
}

TEST_CASE("title weight: a negative or infinite weight is refused") {
  polysearch::Searcher searcher(plain_index());
  for (const double weight :
       {-0.5, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
    CAPTURE(weight);
    CHECK_THROWS_WITH_AS((void)searcher.search(request("vulkan", weight)),
                         "title weight must be a finite number >= 0", polysearch::InvalidArgument);
  }
}
