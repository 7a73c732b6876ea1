#pragma once
/// @file
/// Writing to an index: add, replace and delete documents, committed in batches.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/export.hpp"
#include "polysearch/language.hpp"
#include "polysearch/schema.hpp"

namespace polysearch {

/// A document to index.  Only `id` is required.
struct Document {
  std::string id;     ///< unique external id; adding the same id again replaces it
  std::string title;  ///< optional; its words weigh more than the text's (IndexOptions::title_wdf)
  std::string text;   ///< body text, UTF-8; stored for snippets
  Language language = Language::Unknown;  ///< Unknown: detect from title + text
  std::string source;                     ///< optional path or URL it came from, shown in results
  /// The document's own fields, by name, each with one value or several, as text: numbers
  /// as written ("12.5"), dates in ISO 8601 ("2024-05-01", "2024-05-01T10:00:00+02:00").
  /// The index's schema (IndexOptions::schema) says how each is indexed; a field it does
  /// not name is only stored, and returned with hits (SearchRequest::fields).
  std::map<std::string, std::vector<std::string>> fields;
};

/// The largest document IndexWriter accepts, in bytes of title and text together (64 MiB);
/// a larger one gets InputError.  Analysis holds the whole text in memory several times
/// over, so a limit bounds the memory one document can take.
inline constexpr std::size_t kMaxDocumentBytes = 64 * 1024 * 1024;

/// The most shards an index may have (IndexOptions::shards).
inline constexpr std::size_t kMaxShards = 256;

/// How many times a title word counts among a new index's words by default
/// (IndexOptions::title_wdf): chosen by cross-validation over the shared collections
/// (docs/RETRIEVAL.md, "Fields in ranking: the title's weight").  Indexes made before the
/// setting existed count title words 3 times, and keep doing so.
inline constexpr unsigned kDefaultTitleWdf = 2;

/// The largest IndexOptions::title_wdf.
inline constexpr unsigned kMaxTitleWdf = 100;

/// What the IndexWriter constructor does with the directory it is given.  A new index is
/// created only in a directory that is new or empty, unless the mode is Overwrite or
/// IndexOptions::allow_other_files is set: a directory holding other files and no index is
/// refused with IndexError, so that index files never end up among someone's documents.
enum class OpenMode {
  CreateOrOpen,  ///< open the index, creating it if the directory is new or empty
  Create,        ///< create a new index in a new or empty directory; fail if one exists
  Open,          ///< open an existing index; fail if there is none
  Overwrite,     ///< create a new, empty index, replacing any existing one (in any directory)
};

/// Settings of an IndexWriter.
struct IndexOptions {
  /// Documents per commit: each batch is one Xapian transaction, so a crash loses at
  /// most the batch in progress.
  std::size_t batch_size = 1000;
  /// Where language detection ends up when it cannot name a supported language.
  DetectorOptions detection;
  /// How text is analyzed.  A new index stores these settings (the defaults when unset);
  /// an existing index keeps the ones it was created with, and giving different ones
  /// here is an error, since documents analyzed two ways could not be searched as one.
  std::optional<AnalyzerOptions> analysis;
  /// The fields of the documents (polysearch/schema.hpp).  A new index stores it (none
  /// when unset: every field is then only stored); an existing index keeps its own, and
  /// giving a different one here is an error, as for `analysis`.
  std::optional<Schema> schema;
  /// How many times each word of a document's title counts among its words for ranking
  /// (its within-document frequency, the tf of BM25): the weight of the title against the
  /// text, which counts each word once.  0 to kMaxTitleWdf; 0 lets title words match
  /// without adding to the score (title: searches them either way).  Unset:
  /// kDefaultTitleWdf for a new index; an existing index keeps the one it was created
  /// with (stored in it; 3 in indexes from before this setting), and giving a different
  /// one here is an error, as for `analysis`.  SearchRequest::title_weight weighs titles
  /// at query time instead.
  std::optional<unsigned> title_wdf;
  /// Shards of a new index (at most kMaxShards): more than 1 makes a directory of shard-1 …
  /// shard-N and a Xapian stub file naming them, each shard a complete index that
  /// `xapian-tcpsrv` can serve; a document goes to a shard by a hash of its id, and
  /// Searcher reads the directory as one index (docs/SCALING.md).  0 or 1 for an existing
  /// index: it keeps its layout (another count is an error).
  std::size_t shards = 0;
  /// Create a new index (OpenMode::CreateOrOpen, Create) even in a directory that holds
  /// other files and no index; they are left as they are.  Off: IndexError, see OpenMode.
  bool allow_other_files = false;
};

/// What add() did with a document.
struct AddResult {
  LanguageGuess language;  ///< the language used (detected or given: confidence 1)
  bool replaced = false;   ///< a document with this id existed and was replaced
};

/// What add_batch() did with one document.
struct BatchResult {
  AddResult result;          ///< when `error` is null
  std::exception_ptr error;  ///< the InputError or InvalidArgument add() would have thrown
};

/// Writes one index.  Holds Xapian's write lock for its lifetime: a second writer on the
/// same directory, in this process or another, gets IndexError("… locked …").  Not
/// thread-safe (one thread at a time per writer); move-only.  Searchers may read the
/// index meanwhile, in any thread or process, and see each commit whole.
///
/// Durability: documents become durable and visible to searchers at commit(), which
/// add() also calls itself every `batch_size` documents.  The destructor commits what
/// is pending, but cannot report failures: call close() to see them.
class POLYSEARCH_API IndexWriter {
 public:
  /// @throws IndexError if the index cannot be opened or created, is locked, or was
  ///         written by an incompatible polysearch version, or if a new index would go
  ///         into a directory that holds other files (see OpenMode).
  explicit IndexWriter(const std::filesystem::path& directory,
                       OpenMode mode = OpenMode::CreateOrOpen, IndexOptions options = {});
  ~IndexWriter();
  /// Moves the open index and its lock; the moved-from writer may only be destroyed or
  /// assigned to.
  IndexWriter(IndexWriter&&) noexcept;
  /// Moves the open index and its lock; the moved-from writer may only be destroyed or
  /// assigned to.  close() a writer before assigning over it, to see a failed commit.
  IndexWriter& operator=(IndexWriter&&) noexcept;
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  /// Adds a document, replacing any document with the same id.
  /// @throws InvalidArgument for an empty id, InputError for invalid UTF-8, a document
  ///         over kMaxDocumentBytes or a field value the schema refuses (a number or date
  ///         that does not parse, several values for a number or date field; the message
  ///         names the field and the value; the index is unchanged), IndexError when
  ///         writing fails.
  AddResult add(const Document& document);

  /// Adds documents as add() does, one result per document in order, using two cores
  /// or more: a plain index analyzes the documents on a second thread while this one
  /// writes them (when the process may use more than one core); a sharded index analyzes and writes
  /// each shard's documents on a thread of its own (docs/BENCHMARKS.md has the speed-ups).  A
  /// document add() would refuse gets its error in the result and the others are added.
  /// @throws IndexError when writing fails (which of the batch's documents were written
  ///         is then unknown; committed batches are safe).
  std::vector<BatchResult> add_batch(const std::vector<Document>& documents);

  /// Deletes the document with this id; returns false if there was none.
  bool remove(std::string_view id);

  /// Makes every change so far durable and visible.  add(), add_batch() and remove()
  /// commit by themselves every IndexOptions::batch_size changes.
  /// @throws IndexError when the commit fails.  Before committing, the writer checks that
  ///         the file system has room (16 bytes per byte of the batch's text, plus 1 MB);
  ///         if not, the batch is discarded and the error says "not enough free space".
  ///         Batches committed before are intact either way.
  void commit();

  /// Commits and releases the index.  The writer is unusable afterwards.
  void close();

  /// Changes not yet committed.
  [[nodiscard]] std::size_t pending() const noexcept;

  /// The number of shards written: 1 for a plain index (IndexOptions::shards).
  [[nodiscard]] std::size_t shard_count() const noexcept;

  /// The analysis settings of this index (stored in it).
  [[nodiscard]] const AnalyzerOptions& analysis() const noexcept;

  /// The schema of this index (stored in it; empty for an index without one).
  [[nodiscard]] const Schema& schema() const noexcept;

  /// How many times a title word counts among the words of this index (stored in it;
  /// IndexOptions::title_wdf).
  [[nodiscard]] unsigned title_wdf() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Options of compact_index().
struct CompactOptions {
  /// Where to write the compacted index: a directory that does not exist yet or is empty.
  /// Empty (the default): compact in place, replacing the index once the copy is complete.
  std::filesystem::path output;
  /// A sharded index (IndexOptions::shards) is merged into one plain index, unless this
  /// is set: then each shard is compacted on its own and the index stays sharded, so
  /// later writes still go to every shard in parallel.
  bool keep_shards = false;
  /// Drops Xapian's per-document term lists (a quarter of a compacted index) for an
  /// archive: searching, ranking and snippets are unchanged, but the index can no
  /// longer be written (IndexWriter refuses it; re-index to change it).
  bool archive = false;
};

/// What compact_index() did.
struct CompactResult {
  std::uint64_t bytes_before = 0;  ///< the index's files before
  std::uint64_t bytes_after = 0;   ///< the compacted index's files
  std::size_t documents = 0;       ///< documents in the compacted index
  std::size_t shards_before = 1;   ///< 1 for a plain index
  std::size_t shards_after = 1;    ///< 1 unless CompactOptions::keep_shards kept them
  bool archive = false;            ///< the term lists were dropped (CompactOptions::archive)
};

/// Rewrites an index with Xapian's compaction: blocks filled up, free space dropped, so
/// it takes about half the space a freshly written index does (docs/BENCHMARKS.md) and
/// searches read fewer blocks.  The index stays fully usable, searchable and writable
/// (adds, replaces, deletes), unless CompactOptions::archive drops its term lists.  The write lock
/// is held throughout, so no writer changes it meanwhile; searchers may read on.  In place, the
/// compacted copy is written beside the index (as `<index>.compacting`) and then renamed over it.
/// @throws IndexError if the index is missing, locked, foreign, or cannot be written;
///         InvalidArgument if `options.output` exists and is not empty, or the index
///         has remote (tcp://) shards.
POLYSEARCH_API CompactResult compact_index(const std::filesystem::path& index,
                                           const CompactOptions& options = {});

/// Checks the structure of an index's tables, and of every shard of a sharded one, with
/// Xapian's own checker (what `xapian-check DIR` does).  It reads the whole index, so it
/// takes time in proportion to its size.  Xapian's tables carry no checksums: tables that
/// pass can still hold damaged postings or stored texts.
/// @returns the first problem found ("docdata table: Block 0: directory end pointer
///          invalid"), or an empty string when the tables are sound.
/// @throws IndexError if the index is missing or is not a Xapian database.
[[nodiscard]] POLYSEARCH_API std::string check_index(const std::filesystem::path& index);

}  // namespace polysearch
