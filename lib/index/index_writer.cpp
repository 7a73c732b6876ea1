#include "polysearch/index_writer.hpp"

#include <xapian.h>

#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "index/document_builder.hpp"
#include "index/index_settings.hpp"
#include "index/term_prefixes.hpp"
#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"
#include "util/utf8.hpp"

namespace polysearch {
namespace {

// Larger documents are refused: analysis holds the whole text in memory several times over.
constexpr std::size_t kMaxDocumentBytes = 64 * 1024 * 1024;
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
    open(mode);
  }

  void open(OpenMode mode) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_directory(path, ec)) {
      throw IndexError("open index '" + path.string() + "': not a directory", path);
    }
    if (mode != OpenMode::Open) std::filesystem::create_directories(path, ec);
    detail::translating_xapian_errors("open index", path, [&] {
      db = Xapian::WritableDatabase(path.string(), xapian_flags(mode));
    });
    detail::check_schema(db, path);
    detail::translating_xapian_errors("open index", path, [&] { settle_analysis(); });
    builder.emplace(analysis);
  }

  // A new index is stamped with its schema and analysis settings at once, so even an
  // index that never gets a document remembers how it is to be analyzed.
  void settle_analysis() {
    if (db.get_metadata(std::string(detail::kSchemaKey)).empty()) {
      analysis = options.analysis.value_or(AnalyzerOptions{});
      db.set_metadata(std::string(detail::kSchemaKey), std::to_string(detail::kSchemaVersion));
      detail::write_analysis(db, analysis);
      db.commit();
      return;
    }
    analysis = detail::read_analysis(db, path);
    if (options.analysis && *options.analysis != analysis) {
      throw InvalidArgument("index '" + path.string() + "' was created with analysis settings '" +
                            detail::serialize_analysis(analysis) + "', not '" +
                            detail::serialize_analysis(*options.analysis) +
                            "'; overwrite the index to change them");
    }
  }

  // Each batch is one transaction: a crash loses at most the batch in progress.
  void begin_batch() {
    if (in_transaction) return;
    db.begin_transaction(true);
    in_transaction = true;
  }

  void commit() {
    detail::translating_xapian_errors("commit to index", path, [&] {
      if (in_transaction) {
        db.commit_transaction();
        in_transaction = false;
      }
      pending = 0;
    });
  }

  std::filesystem::path path;
  IndexOptions options;
  AnalyzerOptions analysis;
  Xapian::WritableDatabase db;
  std::optional<detail::DocumentBuilder> builder;  // once the analysis settings are known
  std::size_t pending = 0;
  bool in_transaction = false;
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

AddResult IndexWriter::add(const Document& document) {
  if (impl_->closed) throw InvalidArgument("index writer is closed");
  validate(document);
  AddResult result;
  result.language = choose_language(document, impl_->options.detection);
  Xapian::Document xdoc = impl_->builder->build(document, result.language);
  const std::string unique = detail::id_term(document.id);
  detail::translating_xapian_errors("write to index", impl_->path, [&] {
    impl_->begin_batch();
    result.replaced = impl_->db.term_exists(unique);
    impl_->db.replace_document(unique, xdoc);
  });
  if (++impl_->pending >= impl_->options.batch_size) impl_->commit();
  return result;
}

bool IndexWriter::remove(std::string_view id) {
  if (impl_->closed) throw InvalidArgument("index writer is closed");
  const std::string unique = detail::id_term(id);
  const bool existed = detail::translating_xapian_errors("write to index", impl_->path, [&] {
    if (!impl_->db.term_exists(unique)) return false;
    impl_->begin_batch();
    impl_->db.delete_document(unique);
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
  detail::translating_xapian_errors("close index", impl_->path, [&] { impl_->db.close(); });
  impl_->closed = true;
}

std::size_t IndexWriter::pending() const noexcept { return impl_->pending; }

const AnalyzerOptions& IndexWriter::analysis() const noexcept { return impl_->analysis; }

}  // namespace polysearch
