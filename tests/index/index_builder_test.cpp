// IndexBuilder: a new index written by several threads into parts and merged, which must
// hold exactly what IndexWriter writes from the same documents.
#include <doctest/doctest.h>
#include <xapian.h>

#include <fstream>
#include <sstream>
#include <tuple>

#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

using polysearch::BuildOptions;
using polysearch::Document;
using polysearch::IndexBuilder;
using polysearch::IndexWriter;
using polysearch::Searcher;
using polysearch::test::TempDir;

namespace {

namespace fs = std::filesystem;

// Documents in every language of the seeds: each takes a few lines of one seed, with a
// title and a field, so runs of a few documents mix languages.
std::vector<Document> many_documents(std::size_t count) {
  std::vector<std::vector<std::string>> lines;
  for (const Document& seed : polysearch::test::seed_documents()) {
    std::istringstream in(seed.text);
    std::vector<std::string> seed_lines;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) seed_lines.push_back(line);
    }
    lines.push_back(std::move(seed_lines));
  }
  std::vector<Document> documents;
  for (std::size_t i = 0; i < count; ++i) {
    const std::vector<std::string>& seed = lines[i % lines.size()];
    Document document;
    document.id = "doc" + std::to_string(i);
    document.title = seed[(i * 7) % seed.size()];
    for (std::size_t k = 0; k < 3; ++k) document.text += seed[(i + k) % seed.size()] + "\n";
    document.fields["n"] = {std::to_string(i)};
    documents.push_back(std::move(document));
  }
  return documents;
}

struct StoredDocument {
  std::string data;
  std::vector<std::pair<Xapian::valueno, std::string>> values;
  std::vector<std::tuple<std::string, Xapian::termcount, std::vector<Xapian::termpos>>> terms;
  bool operator==(const StoredDocument& other) const {
    return std::tie(data, values, terms) == std::tie(other.data, other.values, other.terms);
  }
};

// Every document of an index, in document id order, as Xapian stores it.
std::vector<StoredDocument> stored_documents(const fs::path& index) {
  Xapian::Database db(index.string());
  std::vector<StoredDocument> stored;
  for (auto posting = db.postlist_begin(""); posting != db.postlist_end(""); ++posting) {
    const Xapian::Document xdoc = db.get_document(*posting);
    StoredDocument document;
    document.data = xdoc.get_data();
    for (auto value = xdoc.values_begin(); value != xdoc.values_end(); ++value) {
      document.values.emplace_back(value.get_valueno(), *value);
    }
    for (auto term = xdoc.termlist_begin(); term != xdoc.termlist_end(); ++term) {
      document.terms.emplace_back(
          *term, term.get_wdf(),
          std::vector<Xapian::termpos>(term.positionlist_begin(), term.positionlist_end()));
    }
    stored.push_back(std::move(document));
  }
  return stored;
}

std::vector<Xapian::docid> document_ids(const fs::path& index) {
  Xapian::Database db(index.string());
  return {db.postlist_begin(""), db.postlist_end("")};
}

std::vector<std::pair<std::string, double>> ranking(const fs::path& index,
                                                    const std::string& query) {
  polysearch::SearchRequest request;
  request.query = query;
  request.limit = 50;
  std::vector<std::pair<std::string, double>> hits;
  for (const auto& hit : Searcher(index).search(request).hits) {
    hits.emplace_back(hit.id, hit.score);
  }
  return hits;
}

void write_with_index_writer(const fs::path& index, const std::vector<Document>& documents) {
  IndexWriter writer(index);
  for (const Document& document : documents) writer.add(document);
  writer.close();
}

// Builds with small runs on three threads, so that there are many parts.
polysearch::BuildResult build(const fs::path& index, const std::vector<Document>& documents,
                              std::vector<polysearch::AddResult>* results = nullptr) {
  BuildOptions options;
  options.threads = 3;
  options.run_documents = 7;
  IndexBuilder builder(index, {}, options);
  std::vector<polysearch::AddResult> all;
  for (const Document& document : documents) {
    builder.add(document);
    for (auto& result : builder.take_results()) all.push_back(result);
  }
  const polysearch::BuildResult built = builder.finish();
  for (auto& result : builder.take_results()) all.push_back(result);
  if (results) *results = std::move(all);
  return built;
}

const char* const kQueries[] = {"Wasser", "historia de la ciudad", "中文", "língua portuguesa",
                                "und"};

}  // namespace

TEST_CASE("index builder: the index holds what IndexWriter writes, document for document") {
  const std::vector<Document> documents = many_documents(300);
  TempDir dir;
  write_with_index_writer(dir.path() / "writer", documents);
  std::vector<polysearch::AddResult> results;
  const polysearch::BuildResult built = build(dir.path() / "built", documents, &results);
  CHECK(built.documents == documents.size());
  CHECK(built.parts == (documents.size() + 6) / 7);
  CHECK(built.replaced_across_runs == 0);
  CHECK(results.size() == documents.size());
  CHECK(document_ids(dir.path() / "built") == document_ids(dir.path() / "writer"));
  CHECK(stored_documents(dir.path() / "built") == stored_documents(dir.path() / "writer"));
  for (const char* query : kQueries) {
    CAPTURE(query);
    CHECK(ranking(dir.path() / "built", query) == ranking(dir.path() / "writer", query));
  }
  const auto writer_info = Searcher(dir.path() / "writer").info();
  const auto built_info = Searcher(dir.path() / "built").info();
  CHECK(built_info.documents == writer_info.documents);
  CHECK(built_info.analysis == writer_info.analysis);
  CHECK_FALSE(fs::exists(dir.path() / "built.indexing"));
}

TEST_CASE("index builder: an id given again replaces the document, within a run and across") {
  std::vector<Document> documents = many_documents(60);
  // doc3 again in its own run (runs of 7), doc10 and doc50 again in later runs.
  for (const std::size_t repeat : {3, 10, 50}) {
    Document again = documents[(repeat + 17) % documents.size()];
    again.id = "doc" + std::to_string(repeat);
    documents.insert(documents.begin() + static_cast<long>(repeat == 3 ? 5 : 55), again);
  }
  TempDir dir;
  write_with_index_writer(dir.path() / "writer", documents);
  std::vector<polysearch::AddResult> results;
  const polysearch::BuildResult built = build(dir.path() / "built", documents, &results);
  CHECK(built.documents == 60);
  std::size_t replaced = built.replaced_across_runs;
  for (const auto& result : results) replaced += result.replaced ? 1 : 0;
  CHECK(replaced == 3);
  // The same documents in the same order, the last version of each at the first one's place.
  CHECK(stored_documents(dir.path() / "built") == stored_documents(dir.path() / "writer"));
  for (const char* query : kQueries) {
    CAPTURE(query);
    CHECK(ranking(dir.path() / "built", query) == ranking(dir.path() / "writer", query));
  }
}

TEST_CASE("index builder: only a new or empty index") {
  TempDir dir;
  CHECK(IndexBuilder::can_build(dir.path() / "new"));
  CHECK(IndexBuilder::can_build(dir.path()));  // empty
  { IndexWriter(dir.path() / "empty").close(); }
  CHECK(IndexBuilder::can_build(dir.path() / "empty"));
  write_with_index_writer(dir.path() / "full", many_documents(3));
  CHECK_FALSE(IndexBuilder::can_build(dir.path() / "full"));
  CHECK_THROWS_AS(IndexBuilder(dir.path() / "full"), polysearch::InvalidArgument);
  CHECK(Searcher(dir.path() / "full").info().documents == 3);
  fs::create_directories(dir.path() / "other");
  std::ofstream(dir.path() / "other" / "notes.txt") << "x";
  CHECK_FALSE(IndexBuilder::can_build(dir.path() / "other"));
  polysearch::IndexOptions sharded;
  sharded.shards = 2;
  CHECK_THROWS_AS(IndexBuilder(dir.path() / "new", sharded), polysearch::InvalidArgument);
}

TEST_CASE("index builder: settings given are stored, and the index stays writable") {
  TempDir dir;
  polysearch::IndexOptions options;
  polysearch::AnalyzerOptions analysis;
  analysis.stemming = false;
  options.analysis = analysis;
  options.title_wdf = 5;
  {
    IndexBuilder builder(dir.path(), options);
    for (const Document& document : many_documents(40)) builder.add(document);
    builder.finish();
  }
  IndexWriter writer(dir.path(), polysearch::OpenMode::Open, options);
  CHECK(writer.title_wdf() == 5);
  CHECK_FALSE(writer.analysis().stemming);
  Document extra;
  extra.id = "extra";
  extra.text = "Ein ganz neues Dokument über Zugvögel";
  CHECK_FALSE(writer.add(extra).replaced);
  CHECK(writer.add(many_documents(2)[1]).replaced);
  writer.close();
  CHECK(Searcher(dir.path()).info().documents == 41);
  CHECK(ranking(dir.path(), "Zugvögel").at(0).first == "extra");
}

TEST_CASE("index builder: unfinished or failed, the index stays as it was and no part is left") {
  TempDir dir;
  {
    IndexBuilder builder(dir.path() / "idx");
    for (const Document& document : many_documents(50)) builder.add(document);
    CHECK(fs::exists(dir.path() / "idx.indexing"));
  }  // destroyed without finish()
  CHECK_FALSE(fs::exists(dir.path() / "idx.indexing"));
  CHECK(Searcher(dir.path() / "idx").info().documents == 0);

  // A document the writer would refuse is refused at once and nothing of it is queued.
  IndexBuilder builder(dir.path() / "idx");
  Document bad;
  bad.id = "bad";
  bad.text = "ung\xC3ltig";
  CHECK_THROWS_AS(builder.add(bad), polysearch::InputError);
  bad.id.clear();
  CHECK_THROWS_AS(builder.add(bad), polysearch::InvalidArgument);
  // A second writer is locked out while the builder lives.
  CHECK_THROWS_AS(IndexWriter(dir.path() / "idx"), polysearch::IndexError);
  CHECK(builder.finish().documents == 0);
  CHECK_THROWS_AS(builder.finish(), polysearch::InvalidArgument);
}

TEST_CASE("index builder: the next writer removes the parts of a build that was killed") {
  TempDir dir;
  { IndexWriter(dir.path() / "idx").close(); }
  const fs::path work = dir.path() / "idx.indexing";
  fs::create_directories(work / "part-000000");
  std::ofstream(work / "polysearch-build") << "left by a killed build\n";
  { IndexWriter(dir.path() / "idx").close(); }
  CHECK_FALSE(fs::exists(work));
  // A directory of that name that is not a build's is left alone.
  fs::create_directories(work);
  std::ofstream(work / "mine.txt") << "not polysearch's";
  { IndexWriter(dir.path() / "idx").close(); }
  CHECK(fs::exists(work / "mine.txt"));
}

TEST_CASE("index builder: available_cores counts at least one") {
  CHECK(polysearch::available_cores() >= 1);
}
