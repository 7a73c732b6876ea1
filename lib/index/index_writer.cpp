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
#include "index/index_settings.hpp"
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

int xapian_flags(OpenMode mode) {
  switch (mode) {
    case OpenMode::CreateOrOpen: return Xapian::DB_CREATE_OR_OPEN;
    case OpenMode::Create: return Xapian::DB_CREATE;
    case OpenMode::Open: return Xapian::DB_OPEN;
    case OpenMode::Overwrite: return Xapian::DB_CREATE_OR_OVERWRITE;
  }
  return Xapian::DB_CREATE_OR_OPEN;
}

// Whether a file of an index directory is one of Xapian's glass tables.
bool is_glass_table(const std::string& name) {
  constexpr std::string_view kSuffix = ".glass";
  return name.size() > kSuffix.size() &&
         name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

// Whether `dir` holds what a writer killed while Xapian was creating an index leaves: empty
// table files and perhaps a v.tmp, but no iamglass (the version file, renamed into place
// last).  Xapian takes that for an index and fails to open it on every later run.
bool is_unfinished_creation(const std::filesystem::path& dir) {
  std::error_code ec;
  bool leftovers = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == "flintlock") continue;
    std::error_code size_error;
    const bool empty_table =
        is_glass_table(name) && entry.file_size(size_error) == 0 && !size_error;
    if (!empty_table && name != "v.tmp") return false;  // iamglass, data, anything else
    leftovers = true;
  }
  return leftovers && !ec;
}

// Opens or creates a writable database.  An index whose creation a crash cut short holds
// nothing committed: its leftovers are removed and the index is created afresh.
Xapian::WritableDatabase open_writable(const std::filesystem::path& dir, OpenMode mode) {
  try {
    return Xapian::WritableDatabase(dir.string(), xapian_flags(mode));
  } catch (const Xapian::DatabaseNotFoundError&) {
    if (mode == OpenMode::Open || !is_unfinished_creation(dir)) throw;
  }
  std::vector<std::filesystem::path> leftovers;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().filename() != "flintlock") leftovers.push_back(entry.path());
  }
  for (const auto& leftover : leftovers) std::filesystem::remove(leftover, ec);
  return Xapian::WritableDatabase(dir.string(), xapian_flags(mode));
}

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
    open(mode);
  }

  void open(OpenMode mode) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_directory(path, ec)) {
      throw IndexError("open index '" + path.string() + "': not a directory", path);
    }
    if (mode != OpenMode::Open) std::filesystem::create_directories(path, ec);
    for (const std::filesystem::path& shard_path : shard_paths(mode)) {
      if (mode != OpenMode::Overwrite && detail::is_archive_database(shard_path)) {
        throw IndexError("open index '" + shard_path.string() +
                             "': compacted as an archive (compact --archive): it can be "
                             "searched, not written; re-index the documents to change it",
                         shard_path);
      }
      ShardWriter& shard = shards.emplace_back();
      shard.path = shard_path;
      detail::translating_xapian_errors("open index", shard_path,
                                        [&] { shard.db = open_writable(shard_path, mode); });
      detail::check_schema(shard.db, shard_path);
      detail::translating_xapian_errors("open index", shard_path, [&] { settle_analysis(shard); });
    }
    for (ShardWriter& shard : shards) shard.builder.emplace(analysis);
  }

  // The databases to open: the directory itself for a plain index, else its shards
  // (created when a new index asks for more than one).
  std::vector<std::filesystem::path> shard_paths(OpenMode mode) {
    std::vector<std::filesystem::path> existing = detail::read_shard_layout(path);
    if (mode == OpenMode::Overwrite && !existing.empty()) {
      detail::remove_shard_layout(path);
      existing.clear();
    }
    const bool fresh = existing.empty() && is_empty_directory(path);
    if (!existing.empty()) {
      if (mode == OpenMode::Create) {
        throw IndexError("create index '" + path.string() + "': an index exists there", path);
      }
      if (options.shards > 1 && options.shards != existing.size()) {
        throw InvalidArgument("index '" + path.string() + "' has " +
                              std::to_string(existing.size()) + " shards, not " +
                              std::to_string(options.shards));
      }
      return existing;
    }
    if (options.shards <= 1) return {path};
    if (!fresh && mode != OpenMode::Overwrite) {
      throw InvalidArgument("index '" + path.string() +
                            "' exists and is not sharded; overwrite it to shard it");
    }
    if (mode == OpenMode::Overwrite) remove_plain_index();
    return detail::create_shard_layout(path, options.shards);
  }

  static bool is_empty_directory(const std::filesystem::path& directory) {
    std::error_code ec;
    return std::filesystem::is_empty(directory, ec) || ec;
  }

  // Overwriting a plain index with a sharded one: its Xapian files go first.
  void remove_plain_index() {
    detail::translating_xapian_errors("overwrite index", path, [&] {
      Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OVERWRITE).close();
    });
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      const std::string name = entry.path().filename().string();
      if (is_glass_table(name) || name == "iamglass" || name == "flintlock") {
        std::filesystem::remove(entry.path(), ec);
      }
    }
  }

  // A new shard is stamped with its schema and analysis settings at once, so even an
  // index that never gets a document remembers how it is to be analyzed.  Every shard
  // holds the same settings.
  void settle_analysis(ShardWriter& shard) {
    const AnalyzerOptions wanted =
        shards.size() > 1 ? analysis : options.analysis.value_or(AnalyzerOptions{});
    if (shard.db.get_metadata(std::string(detail::kSchemaKey)).empty()) {
      shard.db.set_metadata(std::string(detail::kSchemaKey),
                            std::to_string(detail::kSchemaVersion));
      detail::write_analysis(shard.db, wanted);
      shard.db.commit();
      analysis = wanted;
      return;
    }
    const AnalyzerOptions stored = detail::read_analysis(shard.db, shard.path);
    if (shards.size() == 1 && options.analysis && *options.analysis != stored) {
      throw InvalidArgument("index '" + path.string() + "' was created with analysis settings '" +
                            detail::serialize_analysis(stored) + "', not '" +
                            detail::serialize_analysis(*options.analysis) +
                            "'; overwrite the index to change them");
    }
    if (shards.size() > 1 && stored != analysis) {
      throw IndexError("open index '" + shard.path.string() +
                           "': its analysis settings differ from the other shards'",
                       shard.path);
    }
    analysis = stored;
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
