// Adding, replacing and deleting documents; batches; what happens with bad input and
// unusable index directories.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>

#include "polysearch/polysearch.hpp"
#include "support/test_support.hpp"

using polysearch::Document;
using polysearch::IndexWriter;
using polysearch::Language;
using polysearch::OpenMode;
using polysearch::Searcher;
using polysearch::test::TempDir;

namespace {

Document doc(std::string id, std::string text, Language language = Language::Unknown,
             std::string title = {}) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.language = language;
  d.title = std::move(title);
  return d;
}

std::vector<std::string> ids_for(const std::filesystem::path& path, const std::string& query) {
  Searcher searcher(path);
  polysearch::SearchRequest request;
  request.query = query;
  request.limit = 100;
  std::vector<std::string> ids;
  for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.id);
  return ids;
}

}  // namespace

TEST_CASE("index: adding the same id again replaces the document") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    CHECK_FALSE(writer.add(doc("a", "alte Fassung des Textes", Language::German)).replaced);
    CHECK(writer.add(doc("a", "neue Fassung des Textes", Language::German)).replaced);
    writer.close();
  }
  CHECK(Searcher(dir.path()).info().documents == 1);
  CHECK(ids_for(dir.path(), "alte").empty());
  CHECK(ids_for(dir.path(), "neue") == std::vector<std::string>{"a"});
}

TEST_CASE("index: remove deletes by id and reports whether it existed") {
  TempDir dir;
  IndexWriter writer(dir.path());
  writer.add(doc("a", "uno dos", Language::Spanish));
  writer.add(doc("b", "uno tres", Language::Spanish));
  writer.commit();
  CHECK(writer.remove("a"));
  CHECK_FALSE(writer.remove("a"));
  CHECK_FALSE(writer.remove("zzz"));
  writer.close();
  CHECK(ids_for(dir.path(), "uno") == std::vector<std::string>{"b"});
}

TEST_CASE("index: every full batch is committed, the rest at close") {
  TempDir dir;
  polysearch::IndexOptions options;
  options.batch_size = 3;
  IndexWriter writer(dir.path(), OpenMode::Create, options);
  for (int i = 0; i < 7; ++i) writer.add(doc(std::to_string(i), "palabra", Language::Spanish));
  CHECK(writer.pending() == 1);
  CHECK(Searcher(dir.path()).info().documents == 6);  // two batches are visible already
  writer.close();
  CHECK(Searcher(dir.path()).info().documents == 7);
}

TEST_CASE("index: a writer destroyed without close() still commits") {
  TempDir dir;
  { IndexWriter(dir.path()).add(doc("x", "texto", Language::Spanish)); }
  CHECK(Searcher(dir.path()).info().documents == 1);
}

TEST_CASE("index: titles weigh more than text") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    writer.add(doc("in-text", "ein Bericht über Wasserstoff und andere Dinge", Language::German));
    writer.add(doc("in-title", "ein Bericht über andere Dinge", Language::German, "Wasserstoff"));
    writer.close();
  }
  CHECK(ids_for(dir.path(), "Wasserstoff") == std::vector<std::string>{"in-title", "in-text"});
  CHECK(ids_for(dir.path(), "title:Wasserstoff") == std::vector<std::string>{"in-title"});
}

TEST_CASE("index: the hit carries the stored id, title, language and source") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    Document d = doc("doc/1", "Die Gründung der Firma", Language::German, "Gründung");
    d.source = "/data/doc1.txt";
    writer.add(d);
  }
  Searcher searcher(dir.path());
  polysearch::SearchRequest request;
  request.query = "gruendung";
  const auto result = searcher.search(request);
  REQUIRE(result.hits.size() == 1);
  const auto& hit = result.hits.front();
  CHECK(hit.id == "doc/1");
  CHECK(hit.title == "Gründung");
  CHECK(hit.language == Language::German);
  CHECK(hit.source == "/data/doc1.txt");
  CHECK(hit.snippet == "Die Gründung der Firma");
}

TEST_CASE("index: Chinese words serve as their own stem terms") {
  // A Han word's stem is the word: a Z term would repeat the plain term's postings.
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    writer.add(doc("zh", "他們告別了北京", Language::Chinese, "告別"));
    writer.add(doc("zh2", "我們在北京", Language::Chinese));
    writer.add(doc("de", "Gründungen", Language::German, "Gründung"));
    writer.close();
  }
  {
    Xapian::Database db(dir.path().string());
    CHECK(db.term_exists("告别"));
    CHECK(db.term_exists("S告别"));
    CHECK_FALSE(db.term_exists("Z告别"));
    CHECK_FALSE(db.term_exists("ZS告别"));
    CHECK(db.get_termfreq("北京") == 2);
    CHECK(db.term_exists("Zgrundung"));  // other words keep theirs
    CHECK(db.term_exists("ZSgrundung"));
  }
  CHECK(ids_for(dir.path(), "告别") == std::vector<std::string>{"zh"});
  CHECK(ids_for(dir.path(), "title:告別") == std::vector<std::string>{"zh"});
  CHECK(ids_for(dir.path(), "北京 告別") == std::vector<std::string>{"zh", "zh2"});
  CHECK(ids_for(dir.path(), "title:gründung") == std::vector<std::string>{"de"});
}

TEST_CASE("index: very long ids are kept whole and stay unique") {
  TempDir dir;
  const std::string long_a = std::string(300, 'a') + "1";
  const std::string long_b = std::string(300, 'a') + "2";
  {
    IndexWriter writer(dir.path());
    writer.add(doc(long_a, "erste", Language::German));
    writer.add(doc(long_b, "zweite", Language::German));
    CHECK(writer.add(doc(long_a, "dritte", Language::German)).replaced);
  }
  CHECK(Searcher(dir.path()).info().documents == 2);
  CHECK(ids_for(dir.path(), "dritte") == std::vector<std::string>{long_a});
}

TEST_CASE("index: bad documents are refused and leave the index unchanged") {
  TempDir dir;
  IndexWriter writer(dir.path());
  writer.add(doc("good", "bien", Language::Spanish));
  CHECK_THROWS_AS(writer.add(doc("", "sin id")), polysearch::InvalidArgument);
  try {
    writer.add(doc("bad", "fundaci\xF3n"));
    FAIL("no exception");
  } catch (const polysearch::InputError& error) {
    CHECK(error.byte_offset() == 7);
    CHECK(std::string(error.what()) ==
          "document 'bad': text: invalid UTF-8 (truncated sequence) at byte 7");
  }
  CHECK_THROWS_AS(writer.add(doc("bad-title", "ok", Language::Spanish, "\xFF")),
                  polysearch::InputError);
  writer.add(doc("empty", "", Language::Spanish));  // empty documents are fine
  writer.close();
  CHECK(Searcher(dir.path()).info().documents == 2);
}

TEST_CASE("index: detection chooses the analyzer and reports it") {
  TempDir dir;
  IndexWriter writer(dir.path());
  const auto result =
      writer.add(doc("seed", polysearch::test::read_file(polysearch::test::seed_path("001"))));
  CHECK(result.language.language == Language::German);
  CHECK(result.language.reliable);
  const auto given = writer.add(doc("given", "texto corto", Language::Portuguese));
  CHECK(given.language.language == Language::Portuguese);
  CHECK(given.language.confidence == 1.0);
}

TEST_CASE("index: unusable directories give IndexErrors with the path") {
  TempDir dir;
  CHECK_THROWS_AS(Searcher{dir.path() / "missing"}, polysearch::IndexError);
  CHECK_THROWS_AS(IndexWriter(dir.path() / "missing", OpenMode::Open), polysearch::IndexError);
  const auto file = dir.path() / "file";
  std::ofstream(file) << "not an index";
  try {
    Searcher searcher(file);
    FAIL("no exception");
  } catch (const polysearch::IndexError& error) {
    CHECK(error.path() == file);
    CHECK(std::string(error.what()).find("not a directory") != std::string::npos);
  }
  CHECK_THROWS_AS(IndexWriter{file}, polysearch::IndexError);
  // An empty directory is not an index to read.
  std::filesystem::create_directories(dir.path() / "empty");
  CHECK_THROWS_AS(Searcher{dir.path() / "empty"}, polysearch::IndexError);
  // Create refuses to overwrite.
  { IndexWriter(dir.path() / "made", OpenMode::Create).close(); }
  CHECK_THROWS_AS(IndexWriter(dir.path() / "made", OpenMode::Create), polysearch::IndexError);
}

TEST_CASE("index: a new index is not created among other files") {
  TempDir dir;
  const auto notes = dir.path() / "notes";
  std::filesystem::create_directories(notes);
  std::ofstream(notes / "todo.txt") << "my own file";
  for (const OpenMode mode : {OpenMode::CreateOrOpen, OpenMode::Create}) {
    CHECK_THROWS_WITH_AS(IndexWriter(notes, mode),
                         doctest::Contains("not empty and holds no index"), polysearch::IndexError);
    polysearch::IndexOptions sharded;
    sharded.shards = 2;
    CHECK_THROWS_AS(IndexWriter(notes, mode, sharded), polysearch::IndexError);
  }
  // Nothing was written there.
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(notes)) {
    names.push_back(entry.path().filename().string());
  }
  CHECK(names == std::vector<std::string>{"todo.txt"});
  // Overwrite is asked for explicitly, and an index keeps opening with other files beside it.
  { IndexWriter(notes, OpenMode::Overwrite).add(doc("a", "eins", Language::German)); }
  std::ofstream(notes / "README") << "about this index";
  { IndexWriter(notes).add(doc("b", "zwei", Language::German)); }
  CHECK(ids_for(notes, "eins OR zwei").size() == 2);
  // allow_other_files creates an index among other files, plain or sharded, and leaves
  // them alone.
  const auto papers = dir.path() / "papers";
  std::filesystem::create_directories(papers);
  std::ofstream(papers / "draft.txt") << "my own file";
  polysearch::IndexOptions among;
  among.allow_other_files = true;
  { IndexWriter(papers, OpenMode::CreateOrOpen, among).add(doc("c", "drei", Language::German)); }
  CHECK(ids_for(papers, "drei") == std::vector<std::string>{"c"});
  CHECK(std::filesystem::exists(papers / "draft.txt"));
  const auto slides = dir.path() / "slides";
  std::filesystem::create_directories(slides);
  std::ofstream(slides / "talk.md") << "my own file";
  among.shards = 2;
  { IndexWriter(slides, OpenMode::Create, among).add(doc("d", "vier", Language::German)); }
  CHECK(ids_for(slides, "vier") == std::vector<std::string>{"d"});
  CHECK(std::filesystem::exists(slides / "talk.md"));
  // An empty directory, and a sharded index with a file beside it, are fine too.
  std::filesystem::create_directories(dir.path() / "empty");
  { IndexWriter(dir.path() / "empty").close(); }
  polysearch::IndexOptions sharded;
  sharded.shards = 2;
  { IndexWriter(dir.path() / "sharded", OpenMode::Create, sharded).close(); }
  std::ofstream(dir.path() / "sharded" / "README") << "about this index";
  { IndexWriter(dir.path() / "sharded").close(); }
}

TEST_CASE("index: a second writer is told the index is locked") {
  TempDir dir;
  IndexWriter first(dir.path());
  try {
    IndexWriter second(dir.path());
    FAIL("no exception");
  } catch (const polysearch::IndexError& error) {
    CHECK(std::string(error.what()).find("locked") != std::string::npos);
  }
}

TEST_CASE("index: foreign Xapian databases and other schema versions are refused") {
  TempDir dir;
  {
    Xapian::WritableDatabase foreign((dir.path() / "foreign").string(), Xapian::DB_CREATE);
    Xapian::Document d;
    d.add_term("hello");
    foreign.add_document(d);
    foreign.commit();
  }
  CHECK_THROWS_WITH_AS(Searcher(dir.path() / "foreign"),
                       doctest::Contains("not written by polysearch"), polysearch::IndexError);
  { IndexWriter(dir.path() / "old").add(doc("a", "x", Language::German)); }
  {
    Xapian::WritableDatabase db((dir.path() / "old").string(), Xapian::DB_OPEN);
    db.set_metadata("polysearch.schema", "0");
    db.commit();
  }
  CHECK_THROWS_WITH_AS(Searcher(dir.path() / "old"), doctest::Contains("schema version 0"),
                       polysearch::IndexError);
  CHECK_THROWS_AS(IndexWriter{dir.path() / "old"}, polysearch::IndexError);
}

TEST_CASE("index: info() reports the schema version stored in the index") {
  // The version comes from the index's metadata, not from the library: they differ for a
  // new, empty database that no polysearch writer has stamped yet (accepted, as a writer
  // stamps it when it opens it), which has no version.
  TempDir dir;
  const auto blank = dir.path() / "blank";
  { Xapian::WritableDatabase(blank.string(), Xapian::DB_CREATE).commit(); }
  Searcher searcher(blank);
  CHECK(searcher.info().schema_version == 0);
  { IndexWriter(blank).close(); }
  searcher.reopen();
  const std::string stored = Xapian::Database(blank.string()).get_metadata("polysearch.schema");
  REQUIRE(stored == "1");
  CHECK(searcher.info().schema_version == 1);

  const auto index = dir.path() / "index";
  { IndexWriter(index).add(doc("a", "x", Language::German)); }
  CHECK(Xapian::Database(index.string()).get_metadata("polysearch.schema") == "1");
  CHECK(Searcher(index).info().schema_version == 1);
}

TEST_CASE("index: a searcher sees new commits after reopen()") {
  TempDir dir;
  IndexWriter writer(dir.path());
  writer.add(doc("a", "eins", Language::German));
  writer.commit();
  Searcher searcher(dir.path());
  writer.add(doc("b", "zwei", Language::German));
  writer.commit();
  CHECK(searcher.info().documents == 1);
  searcher.reopen();
  CHECK(searcher.info().documents == 2);
}

TEST_CASE("index: a new index stores its analysis settings and searches use them") {
  TempDir dir;
  polysearch::IndexOptions options;
  options.analysis = polysearch::AnalyzerOptions{};
  options.analysis->chinese.segmentation = polysearch::ChineseSegmentation::Bigrams;
  options.analysis->stemming = false;
  {
    IndexWriter writer(dir.path(), OpenMode::Create, options);
    CHECK(writer.analysis() == *options.analysis);
    writer.add(doc("zh", "清华大学的学生", Language::Chinese));
    writer.add(doc("es", "las fundaciones", Language::Spanish));
    writer.close();
  }
  Searcher searcher(dir.path());
  CHECK(searcher.info().analysis == *options.analysis);
  CHECK(ids_for(dir.path(), "\"华大\"") == std::vector<std::string>{"zh"});  // a bigram
  CHECK(ids_for(dir.path(), "fundacion").empty());                           // unstemmed: no match
  CHECK(ids_for(dir.path(), "fundaciones") == std::vector<std::string>{"es"});
}

TEST_CASE("index: reopening keeps the stored settings, and different ones are refused") {
  TempDir dir;
  polysearch::IndexOptions bigram_options;
  bigram_options.analysis = polysearch::AnalyzerOptions{};
  bigram_options.analysis->chinese.segmentation = polysearch::ChineseSegmentation::Bigrams;
  IndexWriter(dir.path(), OpenMode::Create, bigram_options).close();  // empty, but stamped
  {
    IndexWriter writer(dir.path());  // no settings given: the stored ones apply
    CHECK(writer.analysis() == *bigram_options.analysis);
  }
  CHECK_NOTHROW(IndexWriter(dir.path(), OpenMode::Open, bigram_options).close());
  polysearch::IndexOptions default_options;
  default_options.analysis = polysearch::AnalyzerOptions{};
  CHECK_THROWS_AS(IndexWriter(dir.path(), OpenMode::Open, default_options),
                  polysearch::InvalidArgument);
  CHECK_NOTHROW(IndexWriter(dir.path(), OpenMode::Overwrite, default_options).close());
  CHECK(Searcher(dir.path()).info().analysis == polysearch::AnalyzerOptions{});
}

TEST_CASE("index: an index without stored settings is read with the defaults of its time") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    writer.add(doc("a", "eins", Language::German));
  }
  {
    Xapian::WritableDatabase db(dir.path().string());
    db.set_metadata("polysearch.analysis", "");  // as written before settings existed
    db.commit();
  }
  polysearch::AnalyzerOptions then;  // before stored settings, Chinese was cut into words only
  then.chinese.segmentation = polysearch::ChineseSegmentation::Words;
  then.chinese.fold_variants = false;
  then.chinese.unigrams = false;
  then.word_parts = false;
  then.compounds = false;
  CHECK(Searcher(dir.path()).info().analysis == then);
  {
    Xapian::WritableDatabase db(dir.path().string());  // settings from before variant folding
    db.set_metadata("polysearch.analysis",
                    "stemming=on fold_diacritics=on fold_chinese_script=on chinese=hybrid");
    db.commit();
  }
  then.chinese.segmentation = polysearch::ChineseSegmentation::Hybrid;
  CHECK(Searcher(dir.path()).info().analysis == then);
  {
    Xapian::WritableDatabase db(dir.path().string());
    db.set_metadata("polysearch.analysis", "stemming=on shingles=on");
    db.commit();
  }
  CHECK_THROWS_AS(Searcher{dir.path()}, polysearch::IndexError);
}

TEST_CASE("search: in a mixed index, documents in the query's language come first") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    // A translation pair sharing the names; the Spanish one repeats them more often.
    writer.add(doc("de", "Jared Allen erzielte in seiner Karriere viele Sacks für die Panthers.",
                   Language::German));
    writer.add(doc("es", "Jared Allen, Jared Allen: los Panthers y sus sacks en la carrera.",
                   Language::Spanish));
    writer.close();
  }
  Searcher searcher(dir.path());
  polysearch::SearchRequest request;
  request.query = "Wie viele Sacks erzielte Jared Allen in seiner Karriere bei den Panthers?";
  request.snippets = false;
  CHECK(searcher.search(request).hits.at(0).id == "de");
  request.language_boost = 0.0;  // without the preference, term statistics alone decide
  const auto unboosted = searcher.search(request);
  request.language_boost = 4.0;
  const auto boosted = searcher.search(request);
  REQUIRE(unboosted.hits.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& hit = boosted.hits[i];
    const auto same = std::find_if(unboosted.hits.begin(), unboosted.hits.end(),
                                   [&](const auto& h) { return h.id == hit.id; });
    CHECK(hit.score == doctest::Approx(same->score + (hit.id == "de" ? 4.0 : 0.0)));
  }
  request.language = Language::Spanish;  // a stated language is preferred the same way
  CHECK(searcher.search(request).hits.at(0).id == "es");
  request.language_boost = -1.0;
  CHECK_THROWS_AS((void)searcher.search(request), polysearch::InvalidArgument);
}

TEST_CASE("search: a single-language index ignores the language preference") {
  TempDir dir;
  {
    IndexWriter writer(dir.path());
    writer.add(doc("a", "Die Gründung der Stiftung", Language::German));
  }
  Searcher searcher(dir.path());
  polysearch::SearchRequest request;
  request.query = "Wann war die Gründung der Stiftung?";
  const double with = searcher.search(request).hits.at(0).score;
  request.language_boost = 0.0;
  CHECK(searcher.search(request).hits.at(0).score == doctest::Approx(with));
}
