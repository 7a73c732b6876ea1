#include "polysearch/index_writer.hpp"

#include <xapian.h>

#include <deque>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/batch_pipeline.hpp"
#include "index/document_builder.hpp"
#include "index/index_opening.hpp"
#include "index/index_settings.hpp"
#include "index/shard_layout.hpp"
#include "index/shard_writer.hpp"
#include "index/term_prefixes.hpp"
#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"
#include "polysearch/index_builder.hpp"

namespace polysearch {

using detail::ShardWriter;

struct IndexWriter::Impl {
  Impl(const std::filesystem::path& dir, OpenMode mode, IndexOptions opts)
      : path(dir), options(std::move(opts)) {
    if (options.batch_size == 0) throw InvalidArgument("batch size must be at least 1");
    if (options.shards > kMaxShards) {
      throw InvalidArgument("at most " + std::to_string(kMaxShards) + " shards");
    }
    if (options.title_wdf) detail::check_title_wdf(*options.title_wdf);
    detail::OpenedIndex opened = detail::open_index_for_writing(path, mode, options);
    shards = std::move(opened.shards);
    analysis = opened.analysis;
    schema = opened.schema;
    title_wdf = opened.title_wdf;
  }

  // Changes and commits need an open writer; close() and the accessors do not.
  Impl& require_open() {
    if (closed) throw InvalidArgument("index writer is closed");
    return *this;
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
  Schema schema;
  unsigned title_wdf = 0;
  std::deque<ShardWriter> shards;  // one for a plain index; a deque never moves them
  // For add_batch on a plain index: the analyzing thread's builder, made at first use.
  std::optional<detail::DocumentBuilder> analyst_builder;
  // On one core, an analyzing thread only adds a switch between threads per document
  // (German on one core: 23.2 s with it, 14.6 s of CPU without).
  std::size_t cores = available_cores();
  std::size_t pending = 0;
  bool closed = false;
};

IndexWriter::IndexWriter(const std::filesystem::path& directory, OpenMode mode,
                         IndexOptions options)
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
  Impl& impl = impl_->require_open();
  detail::validate_document(document, impl.schema);
  const AddResult result =
      detail::write_document(impl.shard_for(document.id), document, impl.options.detection);
  if (++impl.pending >= impl.options.batch_size) impl.commit();
  return result;
}

std::vector<BatchResult> IndexWriter::add_batch(const std::vector<Document>& documents) {
  Impl& impl = impl_->require_open();
  std::vector<BatchResult> results(documents.size());
  std::vector<std::vector<std::size_t>> by_shard(impl.shards.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    try {
      detail::validate_document(documents[i], impl.schema);
      by_shard[detail::shard_of(documents[i].id, impl.shards.size())].push_back(i);
    } catch (const Error&) {
      results[i].error = std::current_exception();
    }
  }
  if (impl.shards.size() == 1 && by_shard[0].size() > 1 && impl.cores > 1) {
    if (!impl.analyst_builder) {
      impl.analyst_builder.emplace(impl.analysis, impl.schema, impl.title_wdf);
    }
    detail::write_pipelined(impl.shards[0], *impl.analyst_builder, documents, by_shard[0],
                            impl.options.detection, results);
  } else {  // several shards, or one document: no thread to start for it
    detail::write_shards_in_parallel(impl.shards, documents, by_shard, impl.options.detection,
                                     results);
  }
  impl.pending += documents.size();
  if (impl.pending >= impl.options.batch_size) impl.commit();
  return results;
}

bool IndexWriter::remove(std::string_view id) {
  Impl& impl = impl_->require_open();
  const std::string unique = detail::id_term(id);
  ShardWriter& shard = impl.shard_for(id);
  const bool existed = detail::translating_xapian_errors("write to index", shard.path, [&] {
    if (!shard.db.term_exists(unique)) return false;
    shard.begin_batch();
    shard.db.delete_document(unique);
    return true;
  });
  if (existed && ++impl.pending >= impl.options.batch_size) impl.commit();
  return existed;
}

void IndexWriter::commit() { impl_->require_open().commit(); }

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

const Schema& IndexWriter::schema() const noexcept { return impl_->schema; }

unsigned IndexWriter::title_wdf() const noexcept { return impl_->title_wdf; }

}  // namespace polysearch
