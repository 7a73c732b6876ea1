#pragma once
/// @file
/// Building a new index from many documents on every core.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "polysearch/export.hpp"
#include "polysearch/index_writer.hpp"

namespace polysearch {

/// Settings of an IndexBuilder.
struct BuildOptions {
  /// Writers, each on a thread of its own; 0: one per core this process may run on
  /// (its CPU affinity, so `taskset -c 0` means one).
  std::size_t threads = 0;
  /// The input is cut into runs of consecutive documents, each written by one writer into
  /// a part of its own: a run ends after this many bytes of title and text…
  std::size_t run_bytes = std::size_t{4} << 20;
  /// …or this many documents, whichever comes first.
  std::size_t run_documents = 20000;
};

/// What IndexBuilder::finish() did.
struct BuildResult {
  std::size_t documents = 0;  ///< in the index built
  /// Documents replaced by a later one with the same id in another run, which the
  /// per-document results (IndexBuilder::take_results) could not know of: the total of
  /// replaced documents is theirs plus this.
  std::size_t replaced_across_runs = 0;
  std::size_t parts = 0;     ///< parts merged
  double merge_seconds = 0;  ///< merging them, duplicates and the swap included
  std::uint64_t bytes = 0;   ///< the index's files
};

/// Builds a new index from a stream of documents at the speed of every core.  The input is
/// cut into runs of consecutive documents; N writer threads each analyze and write runs
/// into parts of their own (beside the index, in `<index>.indexing`, without fsync), and
/// finish() merges the parts in input order into one compacted index with Xapian's
/// compaction.  The index holds what IndexWriter would have written from the same
/// documents, in the same order: same documents, document ids (unless an id was given
/// twice: see BuildResult), terms and scores; it is searchable and writable as any other.
///
/// Only a new index is built this way: the directory must not exist, be empty, or hold a
/// plain index with no documents (can_build()).  Nothing is visible to searchers before
/// finish(): a crash or kill at any moment leaves the index as it was (empty), and the
/// parts left behind are removed by the next writer or builder of the index.  The index's
/// write lock is held throughout, so no other writer can start meanwhile.
class POLYSEARCH_API IndexBuilder {
 public:
  /// Creates the (empty) index at once, with its settings, as IndexWriter does.
  /// @throws IndexError as IndexWriter's constructor; InvalidArgument when the index holds
  ///         documents or is sharded, or `options` asks for shards or allow_other_files
  ///         (use IndexWriter for those).
  explicit IndexBuilder(const std::filesystem::path& directory, IndexOptions options = {},
                        BuildOptions build = {});
  /// Not finished: the parts are discarded and the index stays as it was.
  ~IndexBuilder();
  IndexBuilder(const IndexBuilder&) = delete;
  IndexBuilder& operator=(const IndexBuilder&) = delete;

  /// Whether `directory` can be built into: it does not exist, is empty, or holds a plain
  /// index with no documents.
  [[nodiscard]] static bool can_build(const std::filesystem::path& directory);

  /// Queues a document for the writers; waits while they are a few runs behind, so
  /// memory stays bounded.
  /// @throws InvalidArgument or InputError, as IndexWriter::add, for a document it would
  ///         refuse (nothing is queued); IndexError when a writer has failed (the build
  ///         is then lost; the index stays as it was).
  void add(Document document);

  /// The results of the documents written since the last call, in the order they were
  /// added: the k-th result overall is the k-th document add() accepted.  `replaced` says
  /// whether a document of the same run had the id.
  std::vector<AddResult> take_results();

  /// Waits for the writers and merges the parts into the index, which then holds every
  /// document added.  The builder is unusable afterwards (take_results() still gives the
  /// last results).
  /// @throws IndexError when writing or merging fails (the index stays as it was).
  BuildResult finish();

  /// The writer threads.
  [[nodiscard]] std::size_t threads() const noexcept;
  /// The analysis settings of the index (stored in it).
  [[nodiscard]] const AnalyzerOptions& analysis() const noexcept;
  /// The schema of the index (stored in it; empty when it has none).
  [[nodiscard]] const Schema& schema() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The cores this process may run on (its CPU affinity; at least 1).
[[nodiscard]] POLYSEARCH_API std::size_t available_cores() noexcept;

}  // namespace polysearch
