// Where indexing time goes, one core, in MB/s of raw text (title + text) per second of
// CPU time (so that other processes on the machine change the figures less; wall time
// is shown too):
//
//   analysis      Analyzer::analyze on title and text: normalization, segmentation, stems
//   build         analysis plus the Xapian document (terms, positions, values, data)
//   xapian write  replace_document and commit of documents built beforehand: Xapian alone
//   IndexWriter   the whole public write path, as `polysearch index` runs it
//   add_batch     with --shards N: IndexWriter::add_batch into N shards, one thread each
//                 (compare its wall time: it uses several cores)
//
//   polysearch_index_stages [--segmentation words|bigrams|hybrid] [--no-german-compounds]
//                           [--batch N] [--shards N] [--analysis-only] FILE.jsonl...
//
// Documents are JSON Lines {"id", "title", "text", "lang"} (../shared/bench/corpus); all are
// read into memory first, so reading and parsing JSON are not counted.  The indexes are
// written to a temporary directory and removed.
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corpus_file.hpp"
#include "index/document_builder.hpp"
#include "index/term_prefixes.hpp"
#include "polysearch/polysearch.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// A stage's wall and CPU time (this process: the writes run on this thread).
struct Timer {
  Clock::time_point wall = Clock::now();
  std::clock_t cpu = std::clock();
};

struct Elapsed {
  double wall = 0;
  double cpu = 0;
};

Elapsed elapsed(const Timer& start) {
  return {std::chrono::duration<double>(Clock::now() - start.wall).count(),
          static_cast<double>(std::clock() - start.cpu) / CLOCKS_PER_SEC};
}

struct Options {
  polysearch::AnalyzerOptions analysis;
  std::size_t batch = 1000;
  std::size_t shards = 1;
  bool analysis_only = false;  // for a profiler: the analysis stage and nothing after it
  std::vector<std::string> files;
};

std::vector<polysearch::Document> read_documents(const std::vector<std::string>& files,
                                                 double& bytes) {
  std::vector<polysearch::Document> documents;
  for (const std::string& file : files) {
    polysearch::bench::append_corpus_file(file, documents, bytes);
  }
  return documents;
}

polysearch::LanguageGuess given(polysearch::Language language) {
  polysearch::LanguageGuess guess;
  guess.language = language;
  guess.confidence = 1.0;
  return guess;
}

void print_row(const char* stage, Elapsed time, double bytes, Elapsed total) {
  std::printf("| %s | %.2f | %.2f | %.2f | %.0f%% |\n", stage, time.cpu, time.wall,
              bytes / 1e6 / time.cpu, 100.0 * time.cpu / total.cpu);
}

Options parse_arguments(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--segmentation" && i + 1 < argc) {
      options.analysis.chinese.segmentation = polysearch::parse_chinese_segmentation(argv[++i]);
    } else if (arg == "--no-german-compounds") {
      options.analysis.compounds = false;
    } else if (arg == "--analysis-only") {
      options.analysis_only = true;
    } else if (arg == "--batch" && i + 1 < argc) {
      options.batch = std::stoul(argv[++i]);
    } else if (arg == "--shards" && i + 1 < argc) {
      options.shards = std::stoul(argv[++i]);
    } else if (!arg.empty() && arg[0] == '-') {
      throw std::runtime_error("unknown option " + arg);
    } else {
      options.files.push_back(arg);
    }
  }
  if (options.files.empty() || options.batch == 0) {
    throw std::runtime_error(
        "usage: polysearch_index_stages [--segmentation MODE] [--batch N] FILE.jsonl...");
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse_arguments(argc, argv);
  double bytes = 0;
  const std::vector<polysearch::Document> documents = read_documents(options.files, bytes);
  const std::filesystem::path scratch =
      std::filesystem::temp_directory_path() / ("polysearch-stages-" + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch);

  Timer start;
  {
    std::vector<polysearch::Token> tokens;
    std::map<polysearch::Language, polysearch::Analyzer> analyzers;
    for (const auto& document : documents) {
      auto it = analyzers.find(document.language);
      if (it == analyzers.end()) {
        it = analyzers
                 .emplace(document.language,
                          polysearch::Analyzer(document.language, options.analysis))
                 .first;
      }
      it->second.analyze(document.title, tokens);
      it->second.analyze(document.text, tokens);
    }
  }
  const Elapsed analysis = elapsed(start);
  if (options.analysis_only) {
    std::printf("analysis of %zu documents, %.2f MB: %.2f s CPU, %.2f s wall\n", documents.size(),
                bytes / 1e6, analysis.cpu, analysis.wall);
    std::filesystem::remove_all(scratch);
    return 0;
  }

  polysearch::detail::DocumentBuilder builder(options.analysis, {}, polysearch::kDefaultTitleWdf);
  std::vector<Xapian::Document> built;
  built.reserve(documents.size());
  start = Timer();
  for (const auto& document : documents)
    built.push_back(builder.build(document, given(document.language)));
  const Elapsed build = elapsed(start);

  start = Timer();
  {
    Xapian::WritableDatabase db((scratch / "xapian").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (std::size_t i = 0; i < built.size(); ++i) {
      if (i % options.batch == 0) db.begin_transaction(true);
      db.replace_document(polysearch::detail::id_term(documents[i].id), built[i]);
      if ((i + 1) % options.batch == 0 || i + 1 == built.size()) db.commit_transaction();
    }
    db.close();
  }
  const Elapsed write = elapsed(start);
  built.clear();

  start = Timer();
  {
    polysearch::IndexOptions index_options;
    index_options.batch_size = options.batch;
    index_options.analysis = options.analysis;
    polysearch::IndexWriter writer(scratch / "polysearch", polysearch::OpenMode::Overwrite,
                                   index_options);
    for (const auto& document : documents) writer.add(document);
    writer.close();
  }
  const Elapsed whole = elapsed(start);

  Elapsed batched;
  if (options.shards > 1) {
    start = Timer();
    polysearch::IndexOptions index_options;
    index_options.batch_size = options.batch;
    index_options.analysis = options.analysis;
    index_options.shards = options.shards;
    polysearch::IndexWriter writer(scratch / "sharded", polysearch::OpenMode::Overwrite,
                                   index_options);
    for (std::size_t first = 0; first < documents.size(); first += options.batch) {
      const std::size_t last = std::min(documents.size(), first + options.batch);
      writer.add_batch({documents.begin() + static_cast<std::ptrdiff_t>(first),
                        documents.begin() + static_cast<std::ptrdiff_t>(last)});
    }
    writer.close();
    batched = elapsed(start);
  }
  std::filesystem::remove_all(scratch);

  std::printf("%zu documents, %.2f MB of title + text, Chinese %s, batch %zu\n\n", documents.size(),
              bytes / 1e6, polysearch::to_string(options.analysis.chinese.segmentation),
              options.batch);
  std::printf(
      "| stage | CPU s | wall s | MB/s per CPU s | of IndexWriter |\n"
      "| --- | ---: | ---: | ---: | ---: |\n");
  print_row("analysis", analysis, bytes, whole);
  print_row("build (analysis + Xapian document)", build, bytes, whole);
  print_row("Xapian write of built documents", write, bytes, whole);
  print_row("IndexWriter (all of it)", whole, bytes, whole);
  if (options.shards > 1) {
    std::printf(
        "\nadd_batch into %zu shards, one thread each: %.2f s wall, %.2f MB/s wall "
        "(%.2f CPU s)\n",
        options.shards, batched.wall, bytes / 1e6 / batched.wall, batched.cpu);
  }
  return 0;
} catch (const std::exception& error) {
  std::cerr << "polysearch_index_stages: " << error.what() << "\n";
  return 1;
} catch (const Xapian::Error& error) {
  std::cerr << "polysearch_index_stages: " << error.get_description() << "\n";
  return 1;
}
