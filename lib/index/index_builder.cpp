// IndexBuilder: a new index written by N threads into parts, merged in input order.
#include "polysearch/index_builder.hpp"

#include <sched.h>
#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>

#include "index/batch_pipeline.hpp"
#include "index/build_parts.hpp"
#include "index/index_opening.hpp"
#include "index/index_settings.hpp"
#include "index/shard_layout.hpp"
#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"

namespace polysearch {
namespace {

namespace fs = std::filesystem;

// A run of consecutive documents, written by one writer into one part.
struct Run {
  std::size_t number = 0;
  std::vector<Document> documents;
  std::size_t bytes = 0;  // title and text
};

void check_build_options(const IndexOptions& options, BuildOptions& build) {
  if (options.shards > 1) {
    throw InvalidArgument("IndexBuilder builds a plain index; use IndexWriter for shards");
  }
  if (options.allow_other_files) {
    throw InvalidArgument("IndexBuilder cannot build among other files; use IndexWriter for that");
  }
  if (build.threads == 0) build.threads = available_cores();
  if (build.run_bytes == 0 || build.run_documents == 0) {
    throw InvalidArgument("IndexBuilder: runs must allow at least one byte and one document");
  }
}

}  // namespace

std::size_t available_cores() noexcept {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    const int count = CPU_COUNT(&set);
    if (count > 0) return static_cast<std::size_t>(count);
  }
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware > 0 ? hardware : 1;
}

struct IndexBuilder::Impl {
  Impl(const fs::path& directory, IndexOptions index_options, BuildOptions build_options)
      : options(std::move(index_options)), build(build_options) {
    check_build_options(options, build);
    if (options.title_wdf) detail::check_title_wdf(*options.title_wdf);
    opened = detail::open_index_for_writing(directory, OpenMode::CreateOrOpen, options);
    index = detail::canonical_index_path(directory);
    const std::size_t documents = detail::translating_xapian_errors(
        "open index", index, [&] { return opened.shards[0].db.get_doccount(); });
    if (opened.shards.size() != 1 || documents != 0) {
      throw InvalidArgument("index '" + index.string() + "' holds " + std::to_string(documents) +
                            " documents: IndexBuilder only builds a new index; add to it "
                            "with IndexWriter");
    }
    parts = detail::BuildParts::create(index);
    current.number = 0;
    try {
      for (std::size_t t = 0; t < build.threads; ++t) {
        writers.emplace_back([this] { write_runs(); });
      }
    } catch (...) {  // no thread to be had: stop those started, or they would outlive us
      abandon_writers();
      parts.discard();
      throw;
    }
  }

  ~Impl() { abandon_writers(); }

  // Lets the writers finish the runs queued, then stop.
  void stop_writers() { end_writers(false); }

  // Stops the writers after the run each is writing: the build is being discarded.
  void abandon_writers() { end_writers(true); }

  void end_writers(bool abandoning) {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      closing = true;
      abandoned = abandoned || abandoning;
    }
    work_ready.notify_all();
    for (std::thread& writer : writers) {
      if (writer.joinable()) writer.join();
    }
  }

  void rethrow_failure() {
    const std::lock_guard<std::mutex> lock(mutex);
    if (failure) std::rethrow_exception(failure);
  }

  // Hands the current run to the writers, waiting while `threads` runs already wait.
  void dispatch() {
    if (current.documents.empty()) return;
    std::unique_lock<std::mutex> lock(mutex);
    room.wait(lock, [&] { return queue.size() < build.threads || failure; });
    if (failure) std::rethrow_exception(failure);
    const std::size_t next = current.number + 1;
    queue.push_back(std::move(current));
    current = Run{};
    current.number = next;
    lock.unlock();
    work_ready.notify_one();
  }

  // A writer thread: takes runs until closing and none is left, or a writer failed.
  void write_runs() {
    std::optional<detail::DocumentBuilder> builder;
    for (;;) {
      Run run;
      {
        std::unique_lock<std::mutex> lock(mutex);
        work_ready.wait(lock, [&] { return !queue.empty() || closing || failure; });
        if (failure || abandoned || queue.empty()) return;
        run = std::move(queue.front());
        queue.pop_front();
      }
      room.notify_one();
      try {
        if (!builder) builder.emplace(opened.analysis, opened.schema, opened.title_wdf);
        std::vector<AddResult> results = write_run(*builder, run);
        const std::lock_guard<std::mutex> lock(mutex);
        finished.emplace(run.number, std::move(results));
      } catch (...) {
        {
          const std::lock_guard<std::mutex> lock(mutex);
          if (!failure) failure = std::current_exception();
        }
        room.notify_all();
        work_ready.notify_all();
        return;
      }
    }
  }

  // Analyzes and writes one run into a new part: add_document() for an id the run has not
  // had yet, replace_document() for a repeat, one commit at the end (without fsync: a part
  // lives until the merge, which syncs).
  std::vector<AddResult> write_run(detail::DocumentBuilder& builder, const Run& run) {
    try {
      return write_part(builder, run);
    } catch (const IndexError& error) {
      if (error.path() == index) throw;
      // Named after the index the user asked for; the part's path says where it failed.
      throw IndexError("write to index '" + index.string() + "': " + error.what() +
                           "; nothing was indexed, the index is as it was",
                       index);
    }
  }

  std::vector<AddResult> write_part(detail::DocumentBuilder& builder, const Run& run) {
    detail::ShardWriter part = parts.open_part(run.number);
    std::vector<AddResult> results;
    results.reserve(run.documents.size());
    std::unordered_set<std::string> ids;
    for (const Document& document : run.documents) {
      const bool repeated = !ids.insert(document.id).second;
      results.push_back(detail::append_document(
          part, document, detail::build_document(builder, document, options.detection), repeated));
    }
    // The part's own message would name the part and speak of batches kept: neither helps.
    if (const std::string shortage = part.space_shortage(part.batch_text_bytes);
        !shortage.empty()) {
      throw IndexError("write to index '" + index.string() + "': " + shortage +
                           " for the parts being built beside it; nothing was indexed, the "
                           "index is as it was",
                       index);
    }
    part.commit();
    detail::translating_xapian_errors("write to index", part.path, [&] { part.db.close(); });
    return results;
  }

  IndexOptions options;
  BuildOptions build;
  detail::OpenedIndex opened;  // the index, empty and locked until finish() swaps it
  fs::path index;
  detail::BuildParts parts;
  Run current;                         // being filled by add()
  std::mutex mutex;                    // guards queue, finished, closing and failure
  std::condition_variable work_ready;  // a run is queued, or closing
  std::condition_variable room;        // the queue has room, or a writer failed
  std::deque<Run> queue;
  std::map<std::size_t, std::vector<AddResult>> finished;  // by run number
  std::size_t next_result_run = 0;                         // take_results() is there
  bool closing = false;                                    // no more runs will come
  bool abandoned = false;                                  // the runs queued are not wanted either
  bool done = false;                                       // finish() was called
  std::exception_ptr failure;
  std::vector<std::thread> writers;
};

IndexBuilder::IndexBuilder(const fs::path& directory, IndexOptions options, BuildOptions build)
    : impl_(std::make_unique<Impl>(directory, std::move(options), build)) {}

IndexBuilder::~IndexBuilder() {
  if (!impl_) return;
  impl_->abandon_writers();
  if (!impl_->done) impl_->parts.discard();
}

bool IndexBuilder::can_build(const fs::path& directory) {
  return detail::is_new_or_empty_plain_index(directory);
}

void IndexBuilder::add(Document document) {
  Impl& impl = *impl_;
  if (impl.done) throw InvalidArgument("index builder is finished");
  impl.rethrow_failure();
  detail::validate_document(document, impl.opened.schema);
  impl.current.bytes += document.title.size() + document.text.size();
  impl.current.documents.push_back(std::move(document));
  if (impl.current.bytes >= impl.build.run_bytes ||
      impl.current.documents.size() >= impl.build.run_documents) {
    impl.dispatch();
  }
}

std::vector<AddResult> IndexBuilder::take_results() {
  Impl& impl = *impl_;
  std::vector<AddResult> results;
  const std::lock_guard<std::mutex> lock(impl.mutex);
  for (auto it = impl.finished.find(impl.next_result_run); it != impl.finished.end();
       it = impl.finished.find(impl.next_result_run)) {
    results.insert(results.end(), it->second.begin(), it->second.end());
    impl.finished.erase(it);
    ++impl.next_result_run;
  }
  return results;
}

BuildResult IndexBuilder::finish() {
  Impl& impl = *impl_;
  if (impl.done) throw InvalidArgument("index builder is finished");
  impl.done = true;
  try {
    impl.dispatch();
    impl.stop_writers();
    impl.rethrow_failure();
    const auto start = std::chrono::steady_clock::now();
    BuildResult result = impl.parts.merge_into(impl.opened.shards[0].db, impl.current.number);
    result.merge_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  } catch (...) {
    impl.parts.discard();
    throw;
  }
}

std::size_t IndexBuilder::threads() const noexcept { return impl_->build.threads; }

const AnalyzerOptions& IndexBuilder::analysis() const noexcept { return impl_->opened.analysis; }

const Schema& IndexBuilder::schema() const noexcept { return impl_->opened.schema; }

}  // namespace polysearch
