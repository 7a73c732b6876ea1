// How many times a title word counts among a document's words (IndexOptions::title_wdf):
// stored with the index, kept by later writers, 3 for indexes from before the setting,
// the same in every shard, and what ranking sees.
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

using polysearch::Document;
using polysearch::IndexWriter;
using polysearch::Language;
using polysearch::OpenMode;
using polysearch::Searcher;
using polysearch::test::TempDir;

namespace {

Document doc(std::string id, std::string title, std::string text) {
  Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.text = std::move(text);
  d.language = Language::German;
  return d;
}

// "Vulkan" once in a title, twice in another document's text, of the same length.
void add_documents(IndexWriter& writer) {
  writer.add(doc("in-title", "Vulkan", "Ein Berg spuckt Lava und Asche über das Tal."));
  writer.add(doc("in-text", "Berg", "Ein Vulkan spuckt Lava, der Vulkan grollt im Tal."));
  for (int i = 0; i < 10; ++i) {
    writer.add(doc("other-" + std::to_string(i), "Thema" + std::to_string(i), "Ein Garten."));
  }
}

void build(const std::filesystem::path& path, std::optional<unsigned> title_wdf,
           std::size_t shards = 0) {
  polysearch::IndexOptions options;
  options.title_wdf = title_wdf;
  options.shards = shards;
  IndexWriter writer(path, OpenMode::Create, options);
  add_documents(writer);
  writer.close();
}

// The wdf of `term` in the document with id `id` (Q<id>), in a plain index.
Xapian::termcount wdf_of(const std::filesystem::path& path, const std::string& id,
                         const std::string& term) {
  Xapian::Database db(path.string());
  const Xapian::PostingIterator it = db.postlist_begin("Q" + id);
  REQUIRE(it != db.postlist_end("Q" + id));
  Xapian::TermIterator t = db.termlist_begin(*it);
  t.skip_to(term);
  REQUIRE(t != db.termlist_end(*it));
  REQUIRE(*t == term);
  return t.get_wdf();
}

std::vector<std::string> ids_for(const std::filesystem::path& path, const std::string& query) {
  Searcher searcher(path);
  polysearch::SearchRequest request;
  request.query = query;
  request.limit = 100;
  request.snippets = false;
  std::vector<std::string> ids;
  for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.id);
  return ids;
}

}  // namespace

TEST_CASE("title wdf: a new index counts title words kDefaultTitleWdf times and says so") {
  TempDir dir;
  CHECK(polysearch::kDefaultTitleWdf == 2);
  {
    IndexWriter writer(dir.path());
    CHECK(writer.title_wdf() == polysearch::kDefaultTitleWdf);
    add_documents(writer);
    writer.close();
  }
  CHECK(Searcher(dir.path()).info().title_wdf == 2);
  CHECK(wdf_of(dir.path(), "in-title", "Zvulkan") == 2);
  CHECK(wdf_of(dir.path(), "in-title", "vulkan") == 2);
  CHECK(wdf_of(dir.path(), "in-title", "ZSvulkan") == 1);  // the title's own terms: once
  CHECK(wdf_of(dir.path(), "in-text", "Zvulkan") == 2);    // twice in the text
}

TEST_CASE("title wdf: the setting decides which of title and text weighs more") {
  for (const unsigned title_wdf : {0U, 1U, 3U, 5U}) {
    CAPTURE(title_wdf);
    TempDir dir;
    build(dir.path(), title_wdf);
    CHECK(Searcher(dir.path()).info().title_wdf == title_wdf);
    CHECK(wdf_of(dir.path(), "in-title", "Zvulkan") == title_wdf);
    // Both documents match whatever the weight; title: searches the title alone.
    const std::vector<std::string> found = ids_for(dir.path(), "vulkan");
    REQUIRE(found.size() == 2);
    CHECK(found.front() == (title_wdf > 2 ? "in-title" : "in-text"));
    CHECK(ids_for(dir.path(), "title:vulkan") == std::vector<std::string>{"in-title"});
  }
}

TEST_CASE("title wdf: an existing index keeps its own, and a different one is refused") {
  TempDir dir;
  build(dir.path(), 5);
  {
    IndexWriter writer(dir.path());  // nothing given: the stored one
    CHECK(writer.title_wdf() == 5);
    writer.add(doc("later", "Vulkan", "Spät."));
    writer.close();
  }
  CHECK(wdf_of(dir.path(), "later", "Zvulkan") == 5);
  polysearch::IndexOptions same;
  same.title_wdf = 5;
  CHECK_NOTHROW(IndexWriter(dir.path(), OpenMode::Open, same).close());
  polysearch::IndexOptions other;
  other.title_wdf = 2;
  CHECK_THROWS_WITH_AS(IndexWriter(dir.path(), OpenMode::Open, other),
                       ("index '" + dir.path().string() +
                        "' was created with title wdf 5, not 2; overwrite the index to change it")
                           .c_str(),
                       polysearch::InvalidArgument);
  CHECK_NOTHROW(IndexWriter(dir.path(), OpenMode::Overwrite, other).close());
  CHECK(Searcher(dir.path()).info().title_wdf == 2);
}

TEST_CASE("title wdf: an index from before the setting keeps counting titles 3 times") {
  TempDir dir;
  build(dir.path(), std::nullopt);
  {
    Xapian::WritableDatabase db(dir.path().string());
    db.set_metadata("polysearch.title_wdf", "");  // as written before the setting existed
    db.commit();
  }
  CHECK(Searcher(dir.path()).info().title_wdf == 3);
  {
    IndexWriter writer(dir.path());
    CHECK(writer.title_wdf() == 3);
    writer.add(doc("later", "Vulkan", "Spät."));
    writer.close();
  }
  CHECK(wdf_of(dir.path(), "later", "Zvulkan") == 3);
  {
    Xapian::WritableDatabase db(dir.path().string());
    db.set_metadata("polysearch.title_wdf", "many");
    db.commit();
  }
  CHECK_THROWS_AS(Searcher{dir.path()}, polysearch::IndexError);
  CHECK_THROWS_AS(IndexWriter(dir.path()), polysearch::IndexError);
}

TEST_CASE("title wdf: above kMaxTitleWdf is refused before the index is touched") {
  TempDir dir;
  polysearch::IndexOptions options;
  options.title_wdf = polysearch::kMaxTitleWdf + 1;
  CHECK_THROWS_WITH_AS(IndexWriter(dir.path() / "idx", OpenMode::Create, options),
                       "title wdf 101 is above the most, 100", polysearch::InvalidArgument);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "idx"));
  options.title_wdf = polysearch::kMaxTitleWdf;
  CHECK_NOTHROW(IndexWriter(dir.path() / "idx", OpenMode::Create, options).close());
}

TEST_CASE("title wdf: every shard stores it, and shards weighing titles apart are refused") {
  TempDir sharded, other;
  build(sharded.path(), 1, 3);
  CHECK(Searcher(sharded.path()).info().title_wdf == 1);
  {
    IndexWriter writer(sharded.path());
    CHECK(writer.title_wdf() == 1);
  }
  for (int shard = 1; shard <= 3; ++shard) {
    const Xapian::Database db((sharded.path() / ("shard-" + std::to_string(shard))).string());
    CHECK(db.get_metadata("polysearch.title_wdf") == "1");
  }
  build(other.path(), 4);
  const std::vector<std::string> both{(sharded.path() / "shard-1").string(), other.path().string()};
  CHECK_THROWS_AS(Searcher{both}, polysearch::IndexError);
  const std::vector<std::string> same{(sharded.path() / "shard-1").string(),
                                      (sharded.path() / "shard-2").string()};
  CHECK_NOTHROW(Searcher{same});
}
