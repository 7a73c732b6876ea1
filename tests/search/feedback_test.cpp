// Pseudo-relevance feedback (SearchRequest::feedback, --prf): parsing, which terms expand
// a query, how they are weighed, and that feedback off, or on a sharded index, changes
// nothing it should not.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "polysearch/error.hpp"
#include "polysearch/polysearch.hpp"
#include "search/feedback.hpp"
#include "support/test_support.hpp"

using polysearch::Feedback;
using polysearch::FeedbackMethod;
using polysearch::InvalidArgument;
using polysearch::parse_feedback;

namespace {

// A few documents about volcanoes among many about other things; "Magma" alone is in a
// document without "Vulkan".
std::vector<polysearch::Document> collection() {
  std::vector<polysearch::Document> docs;
  const auto add = [&](std::string id, std::string text) {
    polysearch::Document doc;
    doc.id = std::move(id);
    doc.text = std::move(text);
    doc.language = polysearch::Language::German;
    docs.push_back(std::move(doc));
  };
  add("vulkan-1", "Der Vulkan spuckt Lava und Asche über das Tal, der Vulkan grollt.");
  add("vulkan-2", "Lava fließt aus dem Vulkan, Magma steigt im Krater auf.");
  add("vulkan-3", "Ein Vulkan im Meer: Asche und Magma, der Krater raucht.");
  add("magma", "Magma erstarrt zu Gestein, Lava kühlt im Krater ab.");
  for (int i = 0; i < 40; ++i) {
    add("other-" + std::to_string(i), "Ein Dokument über Thema" + std::to_string(i) + " und Ding" +
                                          std::to_string(i % 13) + " im Garten" +
                                          std::to_string(i % 7) + ".");
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

polysearch::SearchRequest request(std::string query, Feedback feedback) {
  polysearch::SearchRequest r;
  r.query = std::move(query);
  r.limit = 50;
  r.snippets = false;
  r.feedback = feedback;
  return r;
}

std::vector<std::string> ids(const polysearch::SearchResult& result) {
  std::vector<std::string> out;
  for (const polysearch::Hit& hit : result.hits) out.push_back(hit.id);
  return out;
}

}  // namespace

TEST_CASE("feedback: specifications read back as written") {
  CHECK_FALSE(Feedback{}.enabled);
  CHECK(polysearch::to_string(Feedback{}) == "off");
  CHECK_FALSE(parse_feedback("off").enabled);
  const Feedback rm3 = parse_feedback("rm3");
  CHECK(rm3.enabled);
  CHECK(rm3.method == FeedbackMethod::Rm3);
  CHECK(rm3.docs == 10);
  CHECK(rm3.terms == 10);
  CHECK(rm3.original_weight == 0.5);
  CHECK(polysearch::to_string(rm3) == "rm3:docs=10,terms=10,weight=0.5,bigrams=1");
  const Feedback bo1 = parse_feedback("bo1:terms=20,docs=5,weight=0.3,bigrams=0");
  CHECK(bo1.method == FeedbackMethod::Bo1);
  CHECK(bo1.docs == 5);
  CHECK(bo1.terms == 20);
  CHECK(bo1.original_weight == 0.3);
  CHECK_FALSE(bo1.bigrams);
  CHECK(parse_feedback(polysearch::to_string(bo1)).docs == 5);
  CHECK_THROWS_AS((void)parse_feedback("trad"), InvalidArgument);  // left out (searcher.hpp)
}

TEST_CASE("feedback: a wrong specification names what is wrong") {
  const auto message = [](const char* text) {
    try {
      (void)parse_feedback(text);
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("rm4").find("unknown feedback method 'rm4' (known: rm3, bo1, off)") == 0);
  CHECK(message("").find("unknown feedback method ''") == 0);
  CHECK(message("rm3:docs=0").find("docs '0' is not a whole number from 1 to 1000") !=
        std::string::npos);
  CHECK(message("rm3:terms=2.5").find("terms '2.5'") != std::string::npos);
  CHECK(message("rm3:weight=1.5").find("weight '1.5' is not a number from 0 to 1") !=
        std::string::npos);
  CHECK(message("rm3:weight=nan").find("weight 'nan'") != std::string::npos);
  CHECK(message("rm3:bigrams=yes").find("bigrams 'yes' is not 0 or 1") != std::string::npos);
  CHECK(message("rm3:docs=1,docs=2").find("docs given twice") != std::string::npos);
  CHECK(message("rm3:k1=1").find("PARAM=VALUE with PARAM one of docs") != std::string::npos);
  CHECK(message("rm3:").find("PARAM=VALUE") != std::string::npos);
  CHECK(message("rm3:docs").find("PARAM=VALUE") != std::string::npos);
  Feedback bad;
  bad.enabled = true;
  bad.docs = 0;
  polysearch::Searcher searcher(plain_index());
  CHECK_THROWS_AS((void)searcher.search(request("vulkan", bad)), InvalidArgument);
}

TEST_CASE("feedback: only terms plain query words match may expand a query") {
  using polysearch::detail::is_expansion_term;
  CHECK(is_expansion_term("Zvulkan", true));
  CHECK(is_expansion_term("Z2024", true));
  CHECK(is_expansion_term("中国", true));    // a Chinese word: its own stem term
  CHECK(is_expansion_term("XB中国", true));  // a bigram
  CHECK_FALSE(is_expansion_term("XB中国", false));
  CHECK_FALSE(is_expansion_term("vulkan", true));  // has the stem term Zvulkan
  for (const char* term : {"Qvulkan-1", "Lde", "Svulkan", "ZSvulkan", "XFcategory:sport",
                           "XDdate:2024", "XTsummary:vulkan", "ZXTsummary:vulkan", "Z", ""}) {
    CAPTURE(term);
    CHECK_FALSE(is_expansion_term(term, true));
  }
  CHECK(polysearch::detail::expansion_display("Zvulkan") == "vulkan");
  CHECK(polysearch::detail::expansion_display("XB中国") == "中国");
}

TEST_CASE("feedback: expansion terms come from the feedback documents, weighed as specified") {
  polysearch::Searcher searcher(plain_index());
  // Stems of the best document, the one feedback document here.
  const polysearch::SearchResult plain = searcher.search(request("vulkan", Feedback{}));
  REQUIRE_FALSE(plain.hits.empty());
  CHECK(plain.expansion.empty());
  std::set<std::string> stems;
  {
    polysearch::Analyzer german(polysearch::Language::German);
    for (const polysearch::Document& doc : collection()) {
      if (doc.id != plain.hits.front().id) continue;
      for (const polysearch::Token& token : german.analyze(doc.text)) stems.insert(token.stem);
    }
  }
  REQUIRE_FALSE(stems.empty());
  for (const char* method : {"rm3", "bo1"}) {
    for (const double weight : {0.3, 0.5, 0.7}) {
      const std::string method_text(method);
      CAPTURE(method_text);
      CAPTURE(weight);
      Feedback feedback = parse_feedback(std::string(method) + ":docs=1,terms=3");
      feedback.original_weight = weight;
      const polysearch::SearchResult result = searcher.search(request("vulkan", feedback));
      REQUIRE_FALSE(result.expansion.empty());
      CHECK(result.expansion.size() <= 3);
      double sum = 0.0;
      for (const polysearch::ExpansionTerm& term : result.expansion) {
        CAPTURE(term.term);
        CHECK(stems.count(term.term) == 1);
        CHECK(term.weight > 0.0);
        sum += term.weight;
      }
      CHECK(sum == doctest::Approx(1.0 - weight));
      CHECK(std::is_sorted(result.expansion.begin(), result.expansion.end(),
                           [](const auto& a, const auto& b) { return a.weight > b.weight; }));
    }
  }
}

TEST_CASE("feedback: RM3 finds a document through the feedback documents' words") {
  polysearch::Searcher searcher(plain_index());
  const std::vector<std::string> plain = ids(searcher.search(request("vulkan", Feedback{})));
  CHECK(std::find(plain.begin(), plain.end(), "magma") == plain.end());
  const polysearch::SearchResult expanded =
      searcher.search(request("vulkan", parse_feedback("rm3:docs=3,terms=5")));
  const std::vector<std::string> found = ids(expanded);
  CHECK(std::find(found.begin(), found.end(), "magma") != found.end());
  // The original matches stay ahead of a document found only by expansion.
  CHECK(found.front().rfind("vulkan-", 0) == 0);
  // The term counted for "vulkan" itself, most frequent in every feedback document.
  std::set<std::string> terms;
  for (const polysearch::ExpansionTerm& term : expanded.expansion) terms.insert(term.term);
  CHECK(terms.count("magma") == 1);
  CHECK(terms.count("lava") == 1);
  for (const std::string& term : terms) CHECK(term.find("dokument") == std::string::npos);
}

TEST_CASE("feedback: off, or with weight 1, ranks exactly as without") {
  polysearch::Searcher searcher(plain_index());
  for (const char* query : {"vulkan", "lava krater", "thema3 garten1", "+vulkan -asche"}) {
    const std::string query_text(query);
    CAPTURE(query_text);
    const polysearch::SearchResult before = searcher.search(request(query, Feedback{}));
    Feedback off = parse_feedback("bo1:docs=3,terms=20");
    off.enabled = false;
    Feedback whole = parse_feedback("rm3:weight=1");
    for (const Feedback& feedback : {off, whole}) {
      const polysearch::SearchResult after = searcher.search(request(query, feedback));
      REQUIRE(after.hits.size() == before.hits.size());
      for (std::size_t i = 0; i < before.hits.size(); ++i) {
        CHECK(after.hits[i].id == before.hits[i].id);
        CHECK(after.hits[i].score == before.hits[i].score);
      }
      CHECK(after.query_description == before.query_description);
      CHECK(after.expansion.empty());
    }
  }
}

TEST_CASE("feedback: a query with constraints keeps them") {
  polysearch::Searcher searcher(plain_index());
  const polysearch::SearchResult result =
      searcher.search(request("+vulkan -asche", parse_feedback("rm3:docs=3,terms=5")));
  REQUIRE_FALSE(result.expansion.empty());
  CHECK(ids(result) == std::vector<std::string>{"vulkan-2"});
}

// Feedback document counts that cut no tie: documents of equal first-pass score come in
// docid order, which differs between a sharded index and one index, so a cut through a tie
// (vulkan-2 and vulkan-3 with docs=2) takes other documents.
TEST_CASE("feedback: a sharded index expands and ranks as one index") {
  polysearch::Searcher plain(plain_index());
  polysearch::Searcher sharded(sharded_index());
  for (const char* spec : {"rm3:docs=3,terms=5", "rm3:docs=1,terms=4,weight=0.3",
                           "bo1:docs=3,terms=5", "bo1:docs=1,terms=4"}) {
    for (const char* query : {"vulkan", "krater asche"}) {
      const std::string spec_text(spec), query_text(query);
      CAPTURE(spec_text);
      CAPTURE(query_text);
      const polysearch::SearchResult a = plain.search(request(query, parse_feedback(spec)));
      const polysearch::SearchResult b = sharded.search(request(query, parse_feedback(spec)));
      REQUIRE_FALSE(a.expansion.empty());
      REQUIRE(a.expansion.size() == b.expansion.size());
      for (std::size_t i = 0; i < a.expansion.size(); ++i) {
        CHECK(a.expansion[i].term == b.expansion[i].term);
        CHECK(a.expansion[i].weight == doctest::Approx(b.expansion[i].weight));
      }
      REQUIRE(a.hits.size() == b.hits.size());
      for (std::size_t i = 0; i < a.hits.size(); ++i) {
        CHECK(a.hits[i].score == doctest::Approx(b.hits[i].score));
      }
      // Equal scores may come in another order across shards; the sets agree.
      std::vector<std::string> ia = ids(a), ib = ids(b);
      std::sort(ia.begin(), ia.end());
      std::sort(ib.begin(), ib.end());
      CHECK(ia == ib);
    }
  }
}
