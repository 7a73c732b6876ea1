// compact_index(): a compacted index is smaller, ranks every query exactly as before, and
// stays writable; shards are merged or kept; the write lock keeps writers out.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

using polysearch::CompactOptions;
using polysearch::Document;
using polysearch::IndexOptions;
using polysearch::IndexWriter;
using polysearch::OpenMode;
using polysearch::Searcher;
using polysearch::test::TempDir;

namespace {

const std::vector<std::string> kQueries = {"linux",       "fundación",  "Stiftung Gründung",
                                           "\"PyTorch\"", "告别",       "recessão",
                                           "fund*",       "title:linux"};

// The seeds plus generated documents, so that the index spans many blocks.
void build_index(const std::filesystem::path& path, std::size_t shards) {
  IndexOptions options;
  options.shards = shards;
  IndexWriter writer(path, OpenMode::CreateOrOpen, options);
  for (const Document& doc : polysearch::test::seed_documents()) writer.add(doc);
  for (int i = 0; i < 400; ++i) {
    Document doc;
    doc.id = "gen-" + std::to_string(i);
    doc.title = i % 7 == 0 ? "Linux" : "Nummer " + std::to_string(i);
    for (int w = 0; w < 50; ++w) doc.text += "Wort" + std::to_string((i * 13 + w * 7) % 501) + " ";
    doc.text += i % 3 == 0 ? "Stiftung" : "fundación linux";
    writer.add(doc);
  }
  writer.close();
}

// Every hit of every query, with its score and snippet.  Hits of equal score are put in
// id order: their order follows docids, which merging shards renumbers.
std::vector<std::string> rankings(const std::filesystem::path& path) {
  Searcher searcher(path);
  std::vector<std::string> out;
  for (const std::string& query : kQueries) {
    polysearch::SearchRequest request;
    request.query = query;
    request.limit = 1000;
    std::vector<std::pair<double, std::string>> hits;
    for (const auto& hit : searcher.search(request).hits) {
      hits.emplace_back(-hit.score, hit.id + "|" + hit.snippet);
    }
    std::sort(hits.begin(), hits.end());
    std::string text = query + ":";
    for (const auto& [score, hit] : hits) text += " " + std::to_string(-score) + " " + hit;
    out.push_back(text);
  }
  return out;
}

}  // namespace

TEST_CASE("compact: in place, smaller, the same rankings, and still writable") {
  TempDir dir;
  const auto index = dir.path() / "idx";
  build_index(index, 1);
  const auto before = rankings(index);
  const auto result = polysearch::compact_index(index);
  CHECK(result.documents == 405);
  CHECK(result.bytes_after < result.bytes_before);
  CHECK(result.shards_before == 1);
  CHECK(rankings(index) == before);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "idx.compacting"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "idx.compact-old"));

  IndexWriter writer(index, OpenMode::Open);
  Document doc;
  doc.id = "gen-1";
  doc.text = "ersetzt neu";
  writer.add(doc);
  CHECK(writer.remove("gen-2"));
  writer.close();
  Searcher searcher(index);
  CHECK(searcher.info().documents == 404);
  polysearch::SearchRequest request;
  request.query = "ersetzt";
  CHECK(searcher.search(request).hits.at(0).id == "gen-1");
}

TEST_CASE("compact: a sharded index is merged into one, or its shards are kept") {
  TempDir dir;
  build_index(dir.path() / "sharded", 3);
  build_index(dir.path() / "plain", 1);
  const auto before = rankings(dir.path() / "sharded");

  CompactOptions merge;
  merge.output = dir.path() / "merged";
  const auto merged = polysearch::compact_index(dir.path() / "sharded", merge);
  CHECK(merged.shards_before == 3);
  CHECK(merged.shards_after == 1);
  CHECK(merged.documents == 405);
  CHECK(std::filesystem::exists(dir.path() / "merged" / "iamglass"));
  // Equal to the plain index's, wildcards included; the sharded index ranks a wildcard
  // with per-shard estimates (docs/SCALING.md), so it is not the reference here.
  CHECK(rankings(dir.path() / "merged") == rankings(dir.path() / "plain"));

  CompactOptions keep;
  keep.keep_shards = true;
  const auto kept = polysearch::compact_index(dir.path() / "sharded", keep);
  CHECK(kept.shards_after == 3);
  CHECK(kept.bytes_after < kept.bytes_before);
  CHECK(rankings(dir.path() / "sharded") == before);
  IndexWriter writer(dir.path() / "sharded", OpenMode::Open);
  CHECK(writer.shard_count() == 3);
}

TEST_CASE("compact: errors leave the index as it was") {
  TempDir dir;
  const auto index = dir.path() / "idx";
  build_index(index, 1);
  const auto before = rankings(index);

  CHECK_THROWS_AS(polysearch::compact_index(dir.path() / "missing"), polysearch::IndexError);

  std::filesystem::create_directories(dir.path() / "full");
  std::ofstream(dir.path() / "full" / "x") << "x";
  CompactOptions to_full;
  to_full.output = dir.path() / "full";
  CHECK_THROWS_AS(polysearch::compact_index(index, to_full), polysearch::InvalidArgument);

  {
    IndexWriter writer(index, OpenMode::Open);
    try {
      polysearch::compact_index(index);
      FAIL("compacted an index a writer holds");
    } catch (const polysearch::IndexError& error) {
      CHECK(std::string(error.what()).find("locked by another writer") != std::string::npos);
    }
  }
  CHECK(rankings(index) == before);

  // A crash between compaction's two renames leaves the index at <index>.compact-old.
  std::filesystem::rename(index, dir.path() / "idx.compact-old");
  try {
    polysearch::compact_index(index);
    FAIL("compacted a missing index");
  } catch (const polysearch::IndexError& error) {
    CHECK(std::string(error.what()).find("idx.compact-old") != std::string::npos);
  }
}

TEST_CASE("compact: an archive drops the term lists, searches the same, refuses writers") {
  TempDir dir;
  const auto index = dir.path() / "idx";
  build_index(index, 1);
  const auto before = rankings(index);
  const auto compacted = polysearch::compact_index(index);
  CompactOptions archive;
  archive.archive = true;
  const auto result = polysearch::compact_index(index, archive);
  CHECK(result.archive);
  CHECK(result.bytes_after < compacted.bytes_after);
  CHECK_FALSE(std::filesystem::exists(index / "termlist.glass"));
  CHECK(rankings(index) == before);
  CHECK(Searcher(index).info().documents == 405);
  try {
    IndexWriter writer(index, OpenMode::Open);
    FAIL("opened an archive for writing");
  } catch (const polysearch::IndexError& error) {
    CHECK(std::string(error.what()).find("compacted as an archive") != std::string::npos);
  }
  // Compacting it again keeps it an archive; overwriting makes a writable index again.
  CHECK(polysearch::compact_index(index).archive);
  CHECK_FALSE(std::filesystem::exists(index / "termlist.glass"));
  CHECK(rankings(index) == before);
  IndexWriter fresh(index, OpenMode::Overwrite);
  fresh.close();
  CHECK(Searcher(index).info().documents == 0);
}
