// The baseline of issue 20's indexing figures: plain Xapian::TermGenerator, one thread,
// as a user of Xapian alone would index the bench corpus.  Per document: the stemmer
// (STEM_ALL), the title with prefix S (wdf 5) and unprefixed, a gap, the text, the text as
// document data, a Q id term, add_document; one commit at the end.  --cjk adds
// FLAG_CJK_NGRAM (Xapian's own Chinese: unigrams and bigrams).
//
//   polysearch_termgenerator_baseline [--stemmer german] [--cjk] --db DIR FILE.jsonl
//
// Prints one line: documents, text MB (title + text), seconds, MB/s.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

int main(int argc, char** argv) try {
  std::string stemmer = "german";
  std::string db_path;
  std::string file;
  bool cjk = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--stemmer" && i + 1 < argc) {
      stemmer = argv[++i];
    } else if (arg == "--db" && i + 1 < argc) {
      db_path = argv[++i];
    } else if (arg == "--cjk") {
      cjk = true;
    } else {
      file = arg;
    }
  }
  if (db_path.empty() || file.empty()) {
    std::cerr << "usage: polysearch_termgenerator_baseline [--stemmer NAME] [--cjk] --db DIR "
                 "FILE.jsonl\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(stemmer));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  if (cjk) generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::size_t documents = 0;
  double bytes = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const nlohmann::json json = nlohmann::json::parse(line);
    const std::string id = json.at("id").get<std::string>();
    const std::string title = json.value("title", "");
    const std::string text = json.value("text", "");
    Xapian::Document document;
    generator.set_document(document);
    generator.index_text(title, 5, "S");
    generator.index_text(title);
    generator.increase_termpos();
    generator.index_text(text);
    document.set_data(text);
    document.add_boolean_term("Q" + id);
    db.add_document(document);
    ++documents;
    bytes += static_cast<double>(title.size() + text.size());
  }
  db.commit();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu documents, %.1f MB, %.2f s, %.2f MB/s\n", documents, bytes / 1e6, seconds,
              bytes / 1e6 / seconds);
  return 0;
} catch (const std::exception& error) {
  std::cerr << "polysearch_termgenerator_baseline: " << error.what() << '\n';
  return 1;
}
