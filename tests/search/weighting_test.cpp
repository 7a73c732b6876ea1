// Ranking models by name (SearchRequest::weighting, --weight): parsing, errors, and that
// each model ranks the seed documents for their own queries.
#include "polysearch/weighting.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "polysearch/error.hpp"
#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

using polysearch::InvalidArgument;
using polysearch::parse_weighting;
using polysearch::Weighting;
using polysearch::WeightingModel;

namespace {

// The five seeds in one index, built once for the tests here and only read.
const std::filesystem::path& seed_index() {
  static const polysearch::test::TempDir dir;
  static const bool built = [] {
    polysearch::IndexWriter writer(dir.path(), polysearch::OpenMode::Overwrite);
    for (const polysearch::Document& document : polysearch::test::seed_documents()) {
      writer.add(document);
    }
    writer.close();
    return true;
  }();
  (void)built;
  return dir.path();
}

}  // namespace

TEST_CASE("weighting: specifications read back as written") {
  for (const std::string_view name : polysearch::weighting_names()) {
    const Weighting weighting = parse_weighting(name);
    CHECK(polysearch::weighting_name(weighting.model) == name);
    CHECK(weighting.parameters.empty());
    CHECK(polysearch::to_string(weighting) == name);
  }
  const Weighting bm25 = parse_weighting("bm25:k1=1.2,b=0.75");
  CHECK(bm25.model == WeightingModel::Bm25);
  CHECK(bm25.parameters.at("k1") == 1.2);
  CHECK(bm25.parameters.at("b") == 0.75);
  CHECK(polysearch::to_string(bm25) == "bm25:k1=1.2,b=0.75");
  // Written in the model's parameter order, whatever the order given.
  CHECK(polysearch::to_string(parse_weighting("lm-two-stage:mu=800,lambda=0.5")) ==
        "lm-two-stage:lambda=0.5,mu=800");
  CHECK(parse_weighting("pl2:c=7").parameters.at("c") == 7.0);
}

TEST_CASE("weighting: a wrong specification names what is wrong") {
  const auto message = [](const char* specification) {
    try {
      (void)parse_weighting(specification);
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("okapi").find("unknown weighting model 'okapi' (known: bm25, bm25+,") == 0);
  CHECK(message("").find("unknown weighting model ''") == 0);
  CHECK(message("pl2:x=1").find("PARAM one of c") != std::string::npos);
  CHECK(message("dph:c=1").find("dph without parameters") != std::string::npos);
  CHECK(message("bm25:b=2").find("b '2' is not a number from 0 to 1") != std::string::npos);
  CHECK(message("bm25:k1=-1").find("k1 '-1'") != std::string::npos);
  CHECK(message("bm25:k1=nan").find("k1 'nan'") != std::string::npos);
  CHECK(message("bm25:k1=1,k1=2").find("k1 given twice") != std::string::npos);
  CHECK(message("bm25:k1").find("PARAM=VALUE") != std::string::npos);
  CHECK(message("bm25:").find("PARAM=VALUE") != std::string::npos);
  CHECK(message("bm25:k1=1,").find("PARAM=VALUE") != std::string::npos);
}

TEST_CASE("weighting: every model ranks each seed first for its own query") {
  polysearch::Searcher searcher(seed_index());
  const std::vector<std::pair<std::string, std::string>> queries = {
      {"Umstrukturierung Gruendung", "001"},
      {"contratacion certificado", "000"},
      {"supervisionar recessao", "004"},
      {"告别 拒信", "003"}};
  for (const std::string_view name : polysearch::weighting_names()) {
    for (const auto& [query, seed] : queries) {
      INFO(name << ": " << query);
      polysearch::SearchRequest request;
      request.query = query;
      request.snippets = false;
      request.weighting = parse_weighting(name);
      const polysearch::SearchResult result = searcher.search(request);
      REQUIRE_FALSE(result.hits.empty());
      CHECK(result.hits.front().id.rfind(seed, 0) == 0);
    }
  }
}

TEST_CASE("weighting: the default is BM25+ k1 2, b 0.9, and a model's parameters win over bm25") {
  polysearch::Searcher searcher(seed_index());
  const auto scores = [&](const polysearch::SearchRequest& request) {
    std::vector<double> out;
    for (const polysearch::Hit& hit : searcher.search(request).hits) out.push_back(hit.score);
    return out;
  };
  polysearch::SearchRequest plain;
  plain.query = "pytorch linux fundacion";
  plain.snippets = false;
  polysearch::SearchRequest named = plain;
  named.weighting = parse_weighting("bm25+:k1=2,b=0.9,delta=1");
  CHECK(scores(plain) == scores(named));
  polysearch::SearchRequest okapi = plain;  // BM25 without the lower bound differs
  okapi.weighting = parse_weighting("bm25:k1=2,b=0.9");
  CHECK(scores(okapi) != scores(plain));
  polysearch::SearchRequest legacy = plain;
  legacy.bm25 = {1.2, 0.75};
  polysearch::SearchRequest tuned = plain;
  tuned.weighting = parse_weighting("bm25+:k1=1.2,b=0.75");
  CHECK(scores(legacy) == scores(tuned));
  CHECK(scores(legacy) != scores(plain));
  legacy.weighting = parse_weighting("bm25");  // BM25 by name takes bm25's k1 and b
  tuned.weighting = parse_weighting("bm25:k1=1.2,b=0.75");
  CHECK(scores(legacy) == scores(tuned));
  // A parameter out of range set in code, not parsed, is refused too.
  polysearch::SearchRequest bad = plain;
  bad.weighting.model = WeightingModel::Pl2;
  bad.weighting.parameters["c"] = -1.0;
  CHECK_THROWS_AS((void)searcher.search(bad), InvalidArgument);
  bad.weighting.parameters = {{"mu", 1.0}};
  CHECK_THROWS_AS((void)searcher.search(bad), InvalidArgument);
}
