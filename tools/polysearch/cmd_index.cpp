// polysearch index: add files, directories and JSON Lines to an index.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "commands.hpp"
#include "input_files.hpp"
#include "jsonl_reader.hpp"
#include "output.hpp"
#include "polysearch/error.hpp"
#include "polysearch/index_builder.hpp"
#include "polysearch/index_writer.hpp"
#include "polysearch/text.hpp"
#include "progress.hpp"
#include "stall_watchdog.hpp"
#include "utf8_text.hpp"

namespace polysearch::cli {
namespace {

// IndexWriter refuses a document larger than kMaxDocumentBytes (README, "Errors and exit
// codes").  The tool stops reading an input at the limit, so a huge file costs no more
// memory than that.
//
// A JSON line may be longer than its document: escapes like \u4e2d take 6 bytes for 3.
// Twice the limit holds any document within it whose text is escaped that way.
constexpr std::size_t kMaxJsonLineBytes = 2 * kMaxDocumentBytes;

constexpr const char* kIndexFooter = R"help(PATH is a file, a directory or '-':
  *.txt   one document; id = path below the directory argument (or the file name)
  *.md    one document; title = its first '# heading'
  *.jsonl one document per line: {"id": "a1", "title": "…", "text": "…", "lang": "es"}
          ("body" is accepted for "text"; a numeric id becomes its decimal string);
          every other key is a field: a string, a number or an array of them
  -       JSON Lines read from standard input
Directories are walked recursively in name order; hidden files and directories are
skipped.  Two files that would get the same id (notes.txt in two directories given) are
a usage error: give their common parent directory instead, whose paths below it differ.
Adding an id that is already indexed replaces that document.  A .txt or .md file with no
text (empty, or only white space) is skipped with a warning; it counts as skipped, but
does not change the exit status.

Cores: a new or empty index is built on every core (--threads N to choose): N writers
each write runs of consecutive documents into parts beside the index (<db>.indexing),
merged at the end, in input order, into one compacted index; the documents become
searchable when the run ends.  --threads 1, an existing index with documents, --shards
and --allow-nonempty-db write with one writer instead, committing every --batch
documents.

Index directory: --db is an index, or a new or empty directory.  A directory of other
files that holds no index (the documents' own folder, say) is refused, so that the
index's files do not end up among them; --allow-nonempty-db creates the index there
anyway and leaves the other files alone.

Encoding: files are UTF-8 unless --encoding names theirs (ISO-8859-1, windows-1252,
GB18030, Big5, …); --encoding applies to .txt and .md files only, JSON Lines are always
UTF-8 (RFC 8259), so it cannot be used with '-'.

Language: a JSON line's "lang" wins, then --lang, then detection per document.  A "lang"
polysearch does not support ("en", "fr") is analyzed as --fallback-lang (default und,
language-neutral), as detection does with text in such a language, with one warning per
code; a "lang" that is no language code ("xx!", a number) skips the line.

Fields: --schema FILE gives a new index its schema, a JSON file such as
  {"fields": {"date": {"type": "date"}, "category": {"type": "keyword", "fold": true},
              "price": {"type": "number"}, "summary": {"type": "text"}}}
(types text, keyword, number, date, stored), so that queries can filter on them
(category:sport date:2024-01-01..).  Values are checked against their types: a bad one
skips its line with a warning naming the line, the field and the value.  Keys the schema
does not declare are stored and returned with hits (search --fields), not searchable;
a warning at the end names them.  An existing index keeps its schema; another one given
is a usage error.

Analysis: a new index stores the analysis options it is created with (the defaults
unless --no-stemming, --no-fold-diacritics, --no-fold-chinese-script or
--chinese-segmentation is given); later runs and searches use the stored ones.  Giving
different options for an existing index is a usage error: re-create it instead.  The
same holds for --title-wdf, how many times a title word counts among the document's words
(default 2; indexes made before the option count 3 and keep them).

Output: a summary on stderr ("indexed 5 documents (de 1, …) in 0.04 s, 0.6 MB/s; 0
skipped"), or with --json one JSON object on stdout: indexed, replaced, skipped, empty
(files with no text, among the skipped), unreadable, languages ({"de": 1, …}), bytes,
seconds, mb_per_second, interrupted, writers (threads that wrote the index), merge_seconds
(merging their parts).  On a terminal, stderr shows progress while
indexing (documents/s, MB/s and, when the input size is known, the share done and an
ETA); --quiet turns it and the summary off.

Exit status: 0 when every document was indexed (files with no text aside); 2 for usage
errors (also two files with one id, or an unknown --encoding); 3 when any input was
skipped or unreadable (the rest is still indexed), the index failed, or --db is a
directory of other files that holds no index (without --allow-nonempty-db); 130/143
when interrupted (documents added before the signal are committed; a second signal, or
3 s without reaching a safe point, ends it at once).

Examples:
  polysearch index --db ./idx fixtures/seeds
  polysearch index --db ./idx --lang de notes/ extra.md
  polysearch index --db ./idx --encoding latin1 old-notes.txt
  cat docs.jsonl | polysearch index --db ./idx --verbose -
  polysearch index --db ./idx --json --quiet docs.jsonl | jq .indexed
  polysearch index --db ./zh-bigrams --chinese-segmentation bigrams news.jsonl)help";

struct IndexCommandOptions {
  std::string db;
  std::string lang = "auto";
  std::string fallback_lang = "und";
  std::size_t batch = 1000;
  std::size_t shards = 0;
  std::size_t threads = 0;  // --threads; 0: one per core
  bool repair_utf8 = false;
  bool allow_nonempty_db = false;  // --allow-nonempty-db
  std::string encoding;            // --encoding; empty: UTF-8
  bool verbose = false;
  bool quiet = false;
  bool json = false;
  AnalysisFlags analysis;
  int title_wdf = -1;  // --title-wdf; -1: not given
  std::string schema;  // --schema FILE
  std::vector<std::string> paths;
};

// One document's worth of input, before it reaches the writer.
struct PendingDocument {
  Document document;
  std::string where;  // "path" or "path:line", for messages
  std::size_t bytes = 0;
};

// The state of one `polysearch index` run: the writer, the counts and the messages.
class IndexRun {
 public:
  IndexRun(const IndexCommandOptions& options, Language forced, Language fallback)
      : options_(options),
        forced_(forced),
        fallback_(fallback),
        watchdog_(options.db),
        progress_(progress_wanted(options.quiet)) {}
  IndexRun(const IndexRun&) = delete;
  IndexRun& operator=(const IndexRun&) = delete;
  // A writer still open commits what is pending (after an error): a watched call, too.
  ~IndexRun() {
    if (writer_) watchdog_.watch("commit to index", [this] { writer_.reset(); });
  }

  [[nodiscard]] bool interrupted() const { return pending_stop_signal() != 0; }
  [[nodiscard]] bool has_failures() const { return unreadable_ > 0; }
  void fail(const std::string& message);
  void open(const IndexOptions& index_options);
  void open_builder(const IndexOptions& index_options, std::size_t threads);
  void set_input_size(std::uint64_t bytes) { input_total_ = bytes; }
  void add_input(const InputFile& input);
  void add_stdin();
  int finish();

 private:
  void skip(const std::string& where, const std::string& reason, const char* what);
  void skip_empty(const std::string& where);
  void note_unsupported_language(const std::string& code, const std::string& where);
  void add_text_file(const InputFile& input, std::string bytes);
  void add_jsonl_file(const InputFile& input);
  void add_jsonl_stream(std::istream& in, const std::string& name, bool is_file);
  void add_jsonl_line(std::string& line, const std::string& where, bool is_file);
  bool check_text(std::string& text, const std::string& where, std::size_t bom);
  void add_document(PendingDocument pending);
  void build_document(PendingDocument pending);
  void count_built();
  void finish_build();
  [[nodiscard]] const Schema& schema() const;
  [[nodiscard]] std::size_t queue_limit() const;
  void flush_queue();
  void count(const PendingDocument& pending, const AddResult& result);
  void advance(std::uint64_t input_bytes);
  void print_verbose(const PendingDocument& pending, const AddResult& result);
  [[nodiscard]] double seconds() const;
  [[nodiscard]] std::string language_counts() const;
  [[nodiscard]] std::string summary() const;
  [[nodiscard]] Json summary_json() const;

  const IndexCommandOptions& options_;
  Language forced_;
  Language fallback_;  // for a JSON line whose "lang" polysearch does not support
  // Every call into the writer is watched: Xapian can loop forever on a damaged index.
  StallWatchdog watchdog_;
  std::optional<IndexWriter> writer_;
  // A new index is built on every core instead (open_builder()); the documents given to it
  // wait here, their text moved out, until their results come back.
  std::optional<IndexBuilder> builder_;
  std::deque<PendingDocument> building_;
  std::size_t writers_ = 1;             // threads that wrote the index
  double merge_seconds_ = 0;            // merging their parts
  std::vector<PendingDocument> queue_;  // documents read, for add_batch()
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::map<Language, std::size_t> per_language_;
  std::size_t indexed_ = 0;
  std::size_t replaced_ = 0;
  std::size_t skipped_ = 0;  // documents or lines refused (exit status 3)
  std::size_t empty_ = 0;    // files with no text, skipped (exit status unchanged)
  std::size_t unreadable_ = 0;
  std::set<std::string> unsupported_languages_;  // "lang" codes warned about
  std::set<std::string> stored_only_keys_;       // fields not in the schema, for finish()
  std::size_t bytes_ = 0;
  std::uint64_t input_done_ = 0;   // bytes of input read, skipped parts included
  std::uint64_t input_total_ = 0;  // 0: unknown (a pipe on stdin)
  ProgressLine progress_;
};

void IndexRun::fail(const std::string& message) {
  if (interrupted()) return;  // a read cut short by the signal is not the file's fault
  print_error(message);
  ++unreadable_;
}

void IndexRun::skip(const std::string& where, const std::string& reason, const char* what) {
  print_warning(where + ": " + reason + "; " + what + " skipped");
  ++skipped_;
}

void IndexRun::skip_empty(const std::string& where) {
  print_warning(where + ": no text (empty or only white space); document skipped");
  ++empty_;
}

void IndexRun::note_unsupported_language(const std::string& code, const std::string& where) {
  if (!unsupported_languages_.insert(code).second) return;
  const std::string analyzer(language_code(fallback_));
  print_warning(where + ": lang '" + code + "' is not supported (supported: " +
                list_language_codes(supported_languages(), "") + "); indexed as " + analyzer +
                (fallback_ == Language::Neutral ? " (language-neutral)" : " (--fallback-lang)") +
                ", as text detected in an unsupported language is; further '" + code +
                "' lines are not reported");
}

// Another schema than the index's is the user's to fix: a usage error.
void refuse_other_schema(const IndexError& error) {
  if (std::string_view(error.what()).find("was created with the schema") !=
      std::string_view::npos) {
    throw UsageError(error.what());
  }
}

// A new or empty index is built on every core, unless one writer is asked for or needed.
void IndexRun::open(const IndexOptions& index_options) {
  const std::size_t threads = options_.threads == 0 ? available_cores() : options_.threads;
  if (threads > 1 && index_options.shards <= 1 && !index_options.allow_other_files &&
      IndexBuilder::can_build(options_.db)) {
    return open_builder(index_options, threads);
  }
  try {
    watchdog_.watch("open index",
                    [&] { writer_.emplace(options_.db, OpenMode::CreateOrOpen, index_options); });
  } catch (const IndexError& error) {
    refuse_other_schema(error);
    // The library refuses a directory of other files; say how to insist.
    if (index_options.allow_other_files ||
        std::string_view(error.what()).find("holds no index") == std::string_view::npos) {
      throw;
    }
    throw IndexError("create index '" + options_.db +
                         "': the directory is not empty and holds no index; choose a new or "
                         "empty directory, or give --allow-nonempty-db to create the index "
                         "among its files",
                     error.path());
  }
}

void IndexRun::open_builder(const IndexOptions& index_options, std::size_t threads) {
  BuildOptions build;
  build.threads = threads;
  // Eight runs per writer or more, so that the writers end together; runs from 256 KiB
  // (each is a part to merge) to 4 MiB (the memory a run waiting for a writer takes).
  if (input_total_ > 0) {
    constexpr std::uint64_t kSmallestRun = 256 << 10, kLargestRun = 4 << 20;
    build.run_bytes = static_cast<std::size_t>(
        std::clamp<std::uint64_t>(input_total_ / (8 * build.threads), kSmallestRun, kLargestRun));
  }
  try {
    builder_.emplace(options_.db, index_options, build);
  } catch (const IndexError& error) {
    refuse_other_schema(error);
    throw;
  }
}

const Schema& IndexRun::schema() const { return builder_ ? builder_->schema() : writer_->schema(); }

void IndexRun::add_input(const InputFile& input) {
  if (input.kind == InputKind::JsonLines) return add_jsonl_file(input);
  const auto oversized = [&](std::uint64_t bytes) {
    skip(input.path.string(),
         "larger than the limit of " + std::to_string(kMaxDocumentBytes) + " bytes", "document");
    advance(bytes);
  };
  // Not read at all when its size says so; otherwise (a pipe) read up to the limit only.
  const auto file_size = regular_file_size(input.path);
  if (file_size && *file_size > kMaxDocumentBytes) return oversized(*file_size);
  std::string error;
  auto bytes = read_file(input.path, error, kMaxDocumentBytes + 1);
  if (!bytes) return fail(error);
  const std::size_t size = bytes->size();
  if (size > kMaxDocumentBytes) return oversized(size);
  add_text_file(input, std::move(*bytes));
  advance(size);
}

// Whether `text` holds nothing but white space (ASCII, no-break and ideographic spaces).
bool is_blank_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      ++i;
    } else if (text.compare(i, 2, "\xC2\xA0") == 0) {  // U+00A0
      i += 2;
    } else if (text.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

void IndexRun::add_text_file(const InputFile& input, std::string bytes) {
  const std::string where = input.path.string();
  const std::size_t size = bytes.size();
  std::size_t bom = 0;
  if (needs_conversion(options_.encoding)) {
    // Offsets of later messages count in the converted text.
    try {
      bytes = to_utf8(bytes, options_.encoding);
    } catch (const InputError& error) {
      return skip(where, error.what(), "document");
    }
    strip_utf8_bom(bytes);
  } else {
    if (has_utf16_bom(bytes)) {
      return skip(where, "UTF-16 is not supported, convert to UTF-8 or give --encoding UTF-16",
                  "document");
    }
    bom = strip_utf8_bom(bytes) ? 3 : 0;
  }
  if (is_blank_text(bytes)) return skip_empty(where);
  if (!check_text(bytes, where, bom)) return;
  PendingDocument pending{{}, where, size};
  pending.document.id = input.id;
  pending.document.source = input.path.string();
  if (input.kind == InputKind::Markdown) pending.document.title = markdown_title(bytes);
  pending.document.text = std::move(bytes);
  add_document(std::move(pending));
}

// NUL bytes skip the document; invalid UTF-8 skips it or, with --repair-utf8, is replaced.
// Offsets count from the start of the file (`bom` bytes were stripped).
bool IndexRun::check_text(std::string& text, const std::string& where, std::size_t bom) {
  if (const auto nul = find_nul(text)) {
    skip(where, "NUL byte at byte " + std::to_string(*nul + bom), "document");
    return false;
  }
  const auto problem = find_invalid_utf8(text);
  if (!problem) return true;
  const std::string reason = std::string("invalid UTF-8 (") + problem->reason + ") at byte " +
                             std::to_string(problem->offset + bom);
  if (!options_.repair_utf8) {
    skip(where, reason, "document");
    return false;
  }
  print_warning(where + ": " + reason + "; invalid sequences replaced with U+FFFD");
  text = repair_utf8(text);
  return true;
}

void IndexRun::add_jsonl_file(const InputFile& input) {
  std::ifstream in(input.path, std::ios::binary);
  if (!in) {
    const std::error_code error(errno, std::generic_category());
    return fail("cannot read '" + input.path.string() + "': " + system_message(error));
  }
  if (needs_conversion(options_.encoding)) {
    print_warning(input.path.string() + ": JSON Lines are read as UTF-8 (RFC 8259); --encoding " +
                  options_.encoding + " applies to .txt and .md files only");
  }
  add_jsonl_stream(in, input.path.string(), true);
}

void IndexRun::add_stdin() { add_jsonl_stream(std::cin, "<stdin>", false); }

void IndexRun::add_jsonl_stream(std::istream& in, const std::string& name, bool is_file) {
  std::string line;
  std::size_t number = 0;
  bool too_long = false;
  while (!interrupted() && read_jsonl_line(in, line, kMaxJsonLineBytes, too_long)) {
    ++number;
    if (too_long) {
      skip(name + ":" + std::to_string(number),
           "line longer than " + std::to_string(kMaxJsonLineBytes) +
               " bytes (documents are limited to " + std::to_string(kMaxDocumentBytes) + ")",
           "line");
      continue;
    }
    if (number == 1) {
      if (has_utf16_bom(line)) {
        return skip(name, "UTF-16 is not supported, convert to UTF-8", "file");
      }
      strip_utf8_bom(line);
    }
    const std::size_t size = line.size() + 1;
    add_jsonl_line(line, name + ":" + std::to_string(number), is_file);
    advance(size);
  }
  if (in.bad()) fail("cannot read '" + name + "': read error after line " + std::to_string(number));
}

void IndexRun::add_jsonl_line(std::string& line, const std::string& where, bool is_file) {
  if (options_.repair_utf8) {
    if (const auto problem = find_invalid_utf8(line)) {
      print_warning(where + ": invalid UTF-8 (" + problem->reason + ") at byte " +
                    std::to_string(problem->offset) + "; invalid sequences replaced with U+FFFD");
      line = repair_utf8(line);
    }
  }
  JsonlRecord record = parse_jsonl_line(line);
  if (record.status == JsonlRecord::Status::Blank) return;
  if (record.status == JsonlRecord::Status::Invalid) return skip(where, record.problem, "line");
  if (!record.unsupported_language.empty()) {
    note_unsupported_language(record.unsupported_language, where);
    record.document.language = fallback_;
  }
  if (record.document.source.empty() && is_file) record.document.source = where;
  for (const auto& field : record.document.fields) {
    if (!schema().find(field.first)) stored_only_keys_.insert(field.first);
  }
  add_document({std::move(record.document), where, line.size() + 1});
}

void IndexRun::add_document(PendingDocument pending) {
  Document& document = pending.document;
  if (document.language == Language::Unknown) document.language = forced_;
  if (builder_) return build_document(std::move(pending));
  queue_.push_back(std::move(pending));
  if (queue_.size() >= queue_limit()) flush_queue();
}

// Documents for add_batch(), which analyzes on a second thread while it writes (or writes
// each shard on its own thread): enough to keep the threads busy, never past the end of a
// --batch (so commits still come every --batch documents), and few enough to bound the
// memory.
std::size_t IndexRun::queue_limit() const {
  constexpr std::size_t kMaxQueue = 256;
  const std::size_t batch_left = options_.batch - writer_->pending() % options_.batch;
  return std::min(kMaxQueue, batch_left);
}

void IndexRun::flush_queue() {
  if (queue_.empty()) return;
  std::vector<Document> documents;
  documents.reserve(queue_.size());
  for (PendingDocument& pending : queue_) documents.push_back(std::move(pending.document));
  const std::vector<BatchResult> results =
      watchdog_.watch("write to index", [&] { return writer_->add_batch(documents); });
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    PendingDocument& pending = queue_[i];
    pending.document = std::move(documents[i]);
    if (!results[i].error) {
      count(pending, results[i].result);
      continue;
    }
    try {
      std::rethrow_exception(results[i].error);
    } catch (const InputError& error) {
      skip(pending.where, error.what(), "document");
    } catch (const InvalidArgument& error) {
      skip(pending.where, error.what(), "document");
    }
  }
  queue_.clear();
}

// Hands a document to the builder, keeping what the summary and --verbose need of it.
void IndexRun::build_document(PendingDocument pending) {
  Document& document = pending.document;
  Document kept;
  kept.id = document.id;
  try {
    builder_->add(std::move(document));
  } catch (const InputError& error) {
    return skip(pending.where, error.what(), "document");
  } catch (const InvalidArgument& error) {
    return skip(pending.where, error.what(), "document");
  }
  pending.document = std::move(kept);
  building_.push_back(std::move(pending));
  count_built();
}

void IndexRun::count_built() {
  for (const AddResult& result : builder_->take_results()) {
    count(building_.front(), result);
    building_.pop_front();
  }
}

// Waits for the writers and merges their parts into the index; a document replaced by a
// later one of another run is only known then.
void IndexRun::finish_build() {
  if (interrupted()) {
    cancel_stop_grace();
    // On the progress line (a terminal only): the error line that follows is the one
    // message of an interrupted command (README, "Conventions").
    progress_.show("interrupted; merging the " + std::to_string(indexed_ + building_.size()) +
                   " documents read so far into the index (a second signal ends at once, "
                   "leaving the index empty)");
  }
  const BuildResult built = builder_->finish();
  count_built();
  replaced_ += built.replaced_across_runs;
  writers_ = builder_->threads();
  merge_seconds_ = built.merge_seconds;
  builder_.reset();
}

void IndexRun::count(const PendingDocument& pending, const AddResult& result) {
  ++indexed_;
  ++per_language_[result.language.language];
  if (result.replaced) ++replaced_;
  bytes_ += pending.bytes;
  if (options_.verbose) print_verbose(pending, result);
}

void IndexRun::advance(std::uint64_t input_bytes) {
  input_done_ += input_bytes;
  if (progress_.due()) {
    progress_.show(indexing_progress(indexed_, input_done_, input_total_, seconds()));
  }
}

void IndexRun::print_verbose(const PendingDocument& pending, const AddResult& result) {
  progress_.clear();
  std::cerr << printable(pending.document.id) << "  " << language_code(result.language.language)
            << "  " << fixed(result.language.confidence, 2) << (result.replaced ? "  replaced" : "")
            << '\n';
}

// "de 1, es 2, pt 1, zh 1", in the library's language order.
std::string IndexRun::language_counts() const {
  std::string text;
  for (const Language language : analyzable_languages()) {
    const auto it = per_language_.find(language);
    if (it == per_language_.end()) continue;
    if (!text.empty()) text += ", ";
    text += std::string(language_code(language)) + " " + std::to_string(it->second);
  }
  return text;
}

double IndexRun::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

// "indexed 5 documents (de 1, es 2, pt 1, zh 1) in 0.12 s, 0.2 MB/s; 0 skipped"
std::string IndexRun::summary() const {
  const double seconds = this->seconds();
  std::string text =
      "indexed " + std::to_string(indexed_) + (indexed_ == 1 ? " document" : " documents");
  if (const std::string counts = language_counts(); !counts.empty()) text += " (" + counts + ")";
  text += " in " + fixed(seconds, 2) + " s";
  if (seconds > 0) text += ", " + fixed(static_cast<double>(bytes_) / 1e6 / seconds, 1) + " MB/s";
  text += "; ";
  if (replaced_ > 0) text += std::to_string(replaced_) + " replaced, ";
  text += std::to_string(skipped_ + empty_) + " skipped";
  if (empty_ > 0) text += " (" + std::to_string(empty_) + " empty)";
  if (unreadable_ > 0) text += ", " + std::to_string(unreadable_) + " unreadable";
  return text;
}

Json IndexRun::summary_json() const {
  const double seconds = this->seconds();
  Json languages = Json::object();
  for (const Language language : analyzable_languages()) {
    const auto it = per_language_.find(language);
    if (it != per_language_.end()) languages[std::string(language_code(language))] = it->second;
  }
  return {{"indexed", indexed_},
          {"replaced", replaced_},
          {"skipped", skipped_ + empty_},
          {"empty", empty_},
          {"unreadable", unreadable_},
          {"languages", std::move(languages)},
          {"bytes", bytes_},
          {"seconds", seconds},
          {"mb_per_second", seconds > 0 ? static_cast<double>(bytes_) / 1e6 / seconds : 0.0},
          {"interrupted", pending_stop_signal() != 0},
          {"writers", writers_},
          {"merge_seconds", merge_seconds_}};
}

int IndexRun::finish() {
  progress_.clear();
  if (builder_) finish_build();
  if (writer_) flush_queue();
  if (writer_) {  // commits; throws IndexError if that fails
    watchdog_.watch("commit to index", [this] { writer_->close(); });
  }
  if (!stored_only_keys_.empty()) {
    std::string keys;
    for (const std::string& key : stored_only_keys_) keys += (keys.empty() ? "" : ", ") + key;
    progress_.clear();
    print_warning("stored without indexing (not in the index's schema): " + keys +
                  "; to filter on them, create the index with --schema FILE, e.g. "
                  "{\"fields\": {\"" +
                  *stored_only_keys_.begin() + "\": {\"type\": \"keyword\"}}}");
  }
  if (options_.json) std::cout << json_line(summary_json()) << '\n' << std::flush;
  if (pending_stop_signal() != 0) {
    print_error("interrupted; " + std::to_string(indexed_) +
                " documents added before the signal were committed, the rest was not indexed");
    return kExitSignalBase + pending_stop_signal();
  }
  if (!options_.json && !options_.quiet) std::cerr << summary() << '\n';
  return skipped_ == 0 && unreadable_ == 0 ? kExitOk : kExitDataError;
}

// Two different files would get the same id: a usage error, before anything is indexed
// (the second would silently replace the first).  The same file given twice is no
// collision: indexing it again replaces it, as it should.
void refuse_id_collisions(const std::vector<std::optional<InputFile>>& inputs) {
  std::map<std::string, const InputFile*> by_id;
  for (const auto& input : inputs) {
    if (!input || input->kind == InputKind::JsonLines) continue;
    const auto [it, added] = by_id.emplace(input->id, &*input);
    if (added) continue;
    std::error_code ec;
    if (std::filesystem::equivalent(it->second->path, input->path, ec)) continue;
    throw UsageError("'" + it->second->path.string() + "' and '" + input->path.string() +
                     "' would both get the id '" + input->id +
                     "' (a file's id is its path below the directory given, or its name); "
                     "give their common parent directory instead");
  }
}

// Expands every PATH first (reporting unreadable ones), so a run where every path is
// wrong does not create an empty index.  A null entry stands for '-' (stdin).
std::vector<std::optional<InputFile>> collect_inputs(IndexRun& run,
                                                     const std::vector<std::string>& paths) {
  std::vector<std::optional<InputFile>> inputs;
  bool seen_stdin = false;
  for (const auto& path : paths) {
    if (path == "-") {
      if (seen_stdin) throw UsageError("'-' (standard input) given more than once");
      seen_stdin = true;
      inputs.emplace_back(std::nullopt);
      continue;
    }
    for (auto& input : expand_path(path, [&run](const std::string& m) { run.fail(m); })) {
      inputs.emplace_back(std::move(input));
    }
  }
  refuse_id_collisions(inputs);
  return inputs;
}

// The bytes the inputs hold, for the progress line's share done and ETA; 0 when unknown
// (standard input that is not a regular file).
std::uint64_t input_size(const std::vector<std::optional<InputFile>>& inputs) {
  std::uint64_t total = 0;
  for (const auto& input : inputs) {
    const std::optional<std::uint64_t> size =
        input ? regular_file_size(input->path) : stdin_file_size();
    if (!size) return 0;
    total += *size;
  }
  return total;
}

// The --schema file; any problem with it is a usage error.
Schema read_schema_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("--schema: cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return Schema::from_json(text.str());
  } catch (const InvalidArgument& error) {
    throw UsageError("--schema '" + path + "': " + error.what());
  }
}

int run_index(const IndexCommandOptions& options) {
  const Language forced = parse_language_option(options.lang, "--lang");
  IndexOptions index_options;
  index_options.batch_size = options.batch;
  index_options.shards = options.shards;
  index_options.allow_other_files = options.allow_nonempty_db;
  index_options.detection.fallback =
      parse_fallback_option(options.fallback_lang, "--fallback-lang");
  index_options.analysis = analysis_from_flags(options.analysis);
  index_options.title_wdf = title_wdf_option(options.title_wdf);
  if (!options.schema.empty()) index_options.schema = read_schema_file(options.schema);
  check_encoding_option(options.encoding);
  if (needs_conversion(options.encoding) &&
      std::find(options.paths.begin(), options.paths.end(), "-") != options.paths.end()) {
    throw UsageError(
        "--encoding applies to .txt and .md files; JSON Lines on standard input "
        "('-') must be UTF-8 (RFC 8259)");
  }
  install_stop_signal_handlers();
  IndexRun run(options, forced, index_options.detection.fallback);
  const auto inputs = collect_inputs(run, options.paths);
  if (inputs.empty() && run.has_failures()) return run.finish();
  run.set_input_size(input_size(inputs));
  run.open(index_options);
  for (const auto& input : inputs) {
    if (run.interrupted()) break;
    if (input) {
      run.add_input(*input);
    } else {
      run.add_stdin();
    }
  }
  return run.finish();
}

}  // namespace

void add_index_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<IndexCommandOptions>();
  CLI::App* sub = app.add_subcommand("index", "Add files, directories or JSON Lines to an index");
  sub->add_option("--db", options->db,
                  "Index directory: an index, or a new or empty directory (created if missing)")
      ->required()
      ->type_name(kDirType);
  sub->add_flag("--allow-nonempty-db", options->allow_nonempty_db,
                "Create the index even if --db is a directory of other files (they are left "
                "as they are)");
  sub->add_option(
         "--lang", options->lang,
         std::string("Language of documents without a \"lang\": ") + language_option_codes())
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_option(
         "--fallback-lang", options->fallback_lang,
         "Language when detection finds none of " + list_language_codes(supported_languages(), ""))
      ->capture_default_str()
      ->type_name(kLanguageType);
  sub->add_option("--shards", options->shards,
                  "Split a new index into N shards by document id, written on N threads "
                  "(shard-1 … shard-N, searched as one; see docs/SCALING.md)")
      ->check(CLI::Range(std::size_t{1}, kMaxShards))
      ->type_name("N");
  sub->add_option("--threads", options->threads,
                  "Writers for a new or empty index, merged at the end (default: one per "
                  "core; 1: one writer, committing every --batch)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
      ->type_name("N");
  sub->add_option("--batch", options->batch, "Documents per commit (with one writer)")
      ->check(count_validator(1))
      ->capture_default_str();
  sub->add_flag("--repair-utf8", options->repair_utf8,
                "Replace invalid UTF-8 with U+FFFD instead of skipping the document");
  add_encoding_option(*sub, options->encoding, ".txt and .md files (not JSON Lines)");
  sub->add_flag("-v,--verbose", options->verbose,
                "Print 'id  lang  confidence  [replaced]' per document");
  sub->add_flag("-q,--quiet", options->quiet, "No progress display or summary on stderr");
  sub->add_flag("--json", options->json, "Print the summary as one JSON object on stdout");
  add_analysis_options(*sub, options->analysis);
  add_title_wdf_option(*sub, options->title_wdf);
  sub->add_option("--schema", options->schema,
                  "JSON file of the fields of a new index's documents (see below)")
      ->type_name("FILE");
  sub->add_option("PATH", options->paths, "Files, directories, or - for JSON Lines on stdin")
      ->required();
  sub->footer(kIndexFooter);
  sub->callback([options, &action] { action = [options] { return run_index(*options); }; });
}

}  // namespace polysearch::cli
