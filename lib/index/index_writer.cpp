#include "polysearch/index_writer.hpp"

#include <xapian.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "index/document_builder.hpp"
#include "index/index_opening.hpp"
#include "index/shard_layout.hpp"
#include "index/shard_writer.hpp"
#include "index/term_prefixes.hpp"
#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"
#include "util/utf8.hpp"

namespace polysearch {

using detail::ShardWriter;

namespace {

// More than detect_language() reads (64 KiB), so the cut never changes its answer.
constexpr std::size_t kDetectionSampleBytes = 128 * 1024;

// "document '<id>'", for messages; built only when something is wrong.
std::string describe(const Document& document) {
  return "document '" + repair_utf8(document.id) + "'";
}

void validate(const Document& document) {
  if (document.id.empty()) throw InvalidArgument("document id is empty");
  const std::pair<const std::string*, const char*> fields[] = {
      {&document.id, "id"}, {&document.title, "title"}, {&document.text, "text"},
      {&document.source, "source"}};
  for (const auto& [field, name] : fields) {
    if (find_invalid_utf8(*field)) {
      detail::require_valid_utf8(*field, describe(document) + ": " + name);
    }
  }
  const std::size_t bytes = document.title.size() + document.text.size();
  if (bytes > kMaxDocumentBytes) {
    throw InputError(describe(document) + ": " + std::to_string(bytes) +
                         " bytes is larger than the limit of " + std::to_string(kMaxDocumentBytes),
                     kMaxDocumentBytes);
  }
}

LanguageGuess choose_language(const Document& document, const DetectorOptions& options) {
  if (document.language != Language::Unknown) {
    LanguageGuess given;
    given.language = document.language;
    given.confidence = 1.0;
    given.reliable = true;
    given.detected = std::string(language_code(document.language));
    return given;
  }
  if (document.title.empty()) return detect_language(document.text, options);
  // Title first.  Detection reads only a text's opening, so copy no more than that.
  const std::size_t opening = detail::utf8_prefix_length(document.text, kDetectionSampleBytes);
  return detect_language(document.title + "\n" + document.text.substr(0, opening), options);
}

}  // namespace

struct IndexWriter::Impl {
  Impl(const std::filesystem::path& dir, OpenMode mode, IndexOptions opts)
      : path(dir), options(std::move(opts)) {
    if (options.batch_size == 0) throw InvalidArgument("batch size must be at least 1");
    if (options.shards > kMaxShards) {
      throw InvalidArgument("at most " + std::to_string(kMaxShards) + " shards");
    }
    detail::OpenedIndex opened = detail::open_index_for_writing(path, mode, options);
    shards = std::move(opened.shards);
    analysis = opened.analysis;
  }

  ShardWriter& shard_for(std::string_view id) {
    return shards[detail::shard_of(id, shards.size())];
  }

  void commit() {
    for (ShardWriter& shard : shards) shard.commit();
    pending = 0;
  }

  std::filesystem::path path;
  IndexOptions options;
  AnalyzerOptions analysis;
  std::deque<ShardWriter> shards;  // one for a plain index; a deque never moves them
  // For add_batch on a plain index: the analyzing thread's builder, made at first use.
  std::optional<detail::DocumentBuilder> analyst_builder;
  std::size_t pending = 0;
  bool closed = false;
};

IndexWriter::IndexWriter(const std::filesystem::path& directory, OpenMode mode, IndexOptions options)
    : impl_(std::make_unique<Impl>(directory, mode, std::move(options))) {}

IndexWriter::~IndexWriter() {
  if (!impl_ || impl_->closed) return;
  // Like Xapian's own destructor: commit what is pending.  A destructor cannot throw;
  // close() is the way to hear about a failed commit.
  try {
    impl_->commit();
  } catch (const Error&) {
    // Already committed batches are safe; the failed batch is rolled back by Xapian.
  }
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

namespace {

// A document analyzed, ready to be written: its language and its Xapian document.
struct BuiltDocument {
  AddResult result;
  Xapian::Document xdoc;
};

BuiltDocument build_document(detail::DocumentBuilder& builder, const Document& document,
                             const DetectorOptions& detection) {
  BuiltDocument built;
  built.result.language = choose_language(document, detection);
  built.xdoc = builder.build(document, built.result.language);
  return built;
}

// Writes an analyzed document into its shard, replacing any with the same id.
AddResult store_document(ShardWriter& shard, const Document& document, BuiltDocument built) {
  const std::string unique = detail::id_term(document.id);
  detail::translating_xapian_errors("write to index", shard.path, [&] {
    shard.begin_batch();
    built.result.replaced = shard.db.term_exists(unique);
    shard.db.replace_document(unique, built.xdoc);
  });
  shard.batch_text_bytes += document.text.size() + document.title.size();
  return built.result;
}

// Analyzes and writes one document into its shard (validated already).
AddResult write_document(ShardWriter& shard, const Document& document, const DetectorOptions& detection) {
  return store_document(shard, document, build_document(*shard.builder, document, detection));
}

// Writes `documents[order[k]]` in order into one shard while another thread analyzes the
// ones after it: Xapian's write and the analysis each take about half the time, so two
// cores give a plain index most of what two shards give.  The analyst builds with its own
// `builder` (analyzers are per thread); a Xapian::Document is handed over whole, never
// shared.  The first failure is rethrown once the analyst has stopped.
void write_pipelined(ShardWriter& shard, detail::DocumentBuilder& builder,
                     const std::vector<Document>& documents,
                     const std::vector<std::size_t>& order, const DetectorOptions& detection,
                     std::vector<BatchResult>& results) {
  std::vector<BuiltDocument> built(order.size());
  std::vector<std::exception_ptr> build_errors(order.size());
  std::mutex mutex;
  std::condition_variable progress;
  std::size_t ready = 0;     // built[0, ready) are done (guarded by mutex)
  bool stop = false;         // the writer failed: analyze no further
  std::thread analyst([&] {
    for (std::size_t k = 0; k < order.size(); ++k) {
      {
        const std::lock_guard<std::mutex> lock(mutex);
        if (stop) return;
      }
      try {
        built[k] = build_document(builder, documents[order[k]], detection);
      } catch (...) {
        build_errors[k] = std::current_exception();
      }
      {
        const std::lock_guard<std::mutex> lock(mutex);
        ready = k + 1;
      }
      progress.notify_one();
    }
  });
  std::exception_ptr failure;
  for (std::size_t k = 0; k < order.size() && !failure; ++k) {
    {
      std::unique_lock<std::mutex> lock(mutex);
      progress.wait(lock, [&] { return ready > k; });
    }
    try {
      if (build_errors[k]) std::rethrow_exception(build_errors[k]);
      results[order[k]].result =
          store_document(shard, documents[order[k]], std::move(built[k]));
    } catch (...) {
      failure = std::current_exception();
    }
  }
  {
    const std::lock_guard<std::mutex> lock(mutex);
    stop = true;
  }
  analyst.join();
  if (failure) std::rethrow_exception(failure);
}

// Each shard's documents (`by_shard`) in input order on a thread of its own, building
// with the shard's builder; a write failure stops that shard and is rethrown once every
// thread is done.
void write_shards_in_parallel(std::deque<ShardWriter>& shards, const std::vector<Document>& documents,
                              const std::vector<std::vector<std::size_t>>& by_shard,
                              const DetectorOptions& detection,
                              std::vector<BatchResult>& results) {
  std::vector<std::exception_ptr> failures(shards.size());
  const auto run_shard = [&](std::size_t number) {
    try {
      for (const std::size_t i : by_shard[number]) {
        results[i].result = write_document(shards[number], documents[i], detection);
      }
    } catch (...) {
      failures[number] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t number = 1; number < shards.size(); ++number) {
    if (!by_shard[number].empty()) threads.emplace_back(run_shard, number);
  }
  run_shard(0);
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace

AddResult IndexWriter::add(const Document& document) {
  if (impl_->closed) throw InvalidArgument("index writer is closed");
  validate(document);
  const AddResult result =
      write_document(impl_->shard_for(document.id), document, impl_->options.detection);
  if (++impl_->pending >= impl_->options.batch_size) impl_->commit();
  return result;
}

std::vector<BatchResult> IndexWriter::add_batch(const std::vector<Document>& documents) {
  if (impl_->closed) throw InvalidArgument("index writer is closed");
  std::vector<BatchResult> results(documents.size());
  std::vector<std::vector<std::size_t>> by_shard(impl_->shards.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    try {
      validate(documents[i]);
      by_shard[detail::shard_of(documents[i].id, impl_->shards.size())].push_back(i);
    } catch (const Error&) {
      results[i].error = std::current_exception();
    }
  }
  if (impl_->shards.size() == 1 && by_shard[0].size() > 1) {
    if (!impl_->analyst_builder) impl_->analyst_builder.emplace(impl_->analysis);
    write_pipelined(impl_->shards[0], *impl_->analyst_builder, documents, by_shard[0],
                    impl_->options.detection, results);
  } else {  // several shards, or one document: no thread to start for it
    write_shards_in_parallel(impl_->shards, documents, by_shard, impl_->options.detection,
                             results);
  }
  impl_->pending += documents.size();
  if (impl_->pending >= impl_->options.batch_size) impl_->commit();
  return results;
}

bool IndexWriter::remove(std::string_view id) {
  if (impl_->closed) throw InvalidArgument("index writer is closed");
  const std::string unique = detail::id_term(id);
  ShardWriter& shard = impl_->shard_for(id);
  const bool existed = detail::translating_xapian_errors("write to index", shard.path, [&] {
    if (!shard.db.term_exists(unique)) return false;
    shard.begin_batch();
    shard.db.delete_document(unique);
    return true;
  });
  if (existed && ++impl_->pending >= impl_->options.batch_size) impl_->commit();
  return existed;
}

void IndexWriter::commit() {
  if (impl_->closed) throw InvalidArgument("index writer is closed");
  impl_->commit();
}

void IndexWriter::close() {
  if (impl_->closed) return;
  impl_->commit();
  for (ShardWriter& shard : impl_->shards) {
    detail::translating_xapian_errors("close index", shard.path, [&] { shard.db.close(); });
  }
  impl_->closed = true;
}

std::size_t IndexWriter::pending() const noexcept { return impl_->pending; }

std::size_t IndexWriter::shard_count() const noexcept { return impl_->shards.size(); }

const AnalyzerOptions& IndexWriter::analysis() const noexcept { return impl_->analysis; }

}  // namespace polysearch
