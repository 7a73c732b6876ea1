#include "index/batch_pipeline.hpp"

#include <xapian.h>

#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "index/term_prefixes.hpp"
#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"
#include "schema/field_values.hpp"
#include "util/utf8.hpp"

namespace polysearch::detail {
namespace {

// More than detect_language() reads (64 KiB), so the cut never changes its answer.
constexpr std::size_t kDetectionSampleBytes = 128 * 1024;

// "document '<id>'", for messages; built only when something is wrong.
std::string describe(const Document& document) {
  return "document '" + repair_utf8(document.id) + "'";
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
  const std::size_t opening = utf8_prefix_length(document.text, kDetectionSampleBytes);
  return detect_language(document.title + "\n" + document.text.substr(0, opening), options);
}

// Writes an analyzed document into its shard, replacing any with the same id.
AddResult store_document(ShardWriter& shard, const Document& document, BuiltDocument built) {
  const std::string unique = id_term(document.id);
  translating_xapian_errors("write to index", shard.path, [&] {
    shard.begin_batch();
    built.result.replaced = shard.db.term_exists(unique);
    shard.db.replace_document(unique, built.xdoc);
  });
  shard.batch_text_bytes += document.text.size() + document.title.size();
  return built.result;
}

}  // namespace

BuiltDocument build_document(DocumentBuilder& builder, const Document& document,
                             const DetectorOptions& detection) {
  BuiltDocument built;
  built.result.language = choose_language(document, detection);
  built.xdoc = builder.build(document, built.result.language);
  return built;
}

AddResult append_document(ShardWriter& part, const Document& document, BuiltDocument built,
                          bool repeated) {
  translating_xapian_errors("write to index", part.path, [&] {
    part.begin_batch();
    if (repeated) {
      part.db.replace_document(id_term(document.id), built.xdoc);
    } else {
      part.db.add_document(built.xdoc);  // no look-up of the id term: it cannot exist yet
    }
  });
  part.batch_text_bytes += document.text.size() + document.title.size();
  built.result.replaced = repeated;
  return built.result;
}

void validate_document(const Document& document, const Schema& schema) {
  if (document.id.empty()) throw InvalidArgument("document id is empty");
  const std::pair<const std::string*, const char*> fields[] = {{&document.id, "id"},
                                                               {&document.title, "title"},
                                                               {&document.text, "text"},
                                                               {&document.source, "source"}};
  for (const auto& [field, name] : fields) {
    if (find_invalid_utf8(*field)) {
      require_valid_utf8(*field, describe(document) + ": " + name);
    }
  }
  const std::size_t bytes = document.title.size() + document.text.size();
  if (bytes > kMaxDocumentBytes) {
    throw InputError(describe(document) + ": " + std::to_string(bytes) +
                         " bytes is larger than the limit of " + std::to_string(kMaxDocumentBytes),
                     kMaxDocumentBytes);
  }
  try {
    validate_fields(document.fields, schema);
  } catch (const InputError& error) {
    throw InputError(describe(document) + ": " + error.what(), error.byte_offset());
  }
}

AddResult write_document(ShardWriter& shard, const Document& document,
                         const DetectorOptions& detection) {
  return store_document(shard, document, build_document(*shard.builder, document, detection));
}

void write_pipelined(ShardWriter& shard, DocumentBuilder& builder,
                     const std::vector<Document>& documents, const std::vector<std::size_t>& order,
                     const DetectorOptions& detection, std::vector<BatchResult>& results) {
  std::vector<BuiltDocument> built(order.size());
  std::vector<std::exception_ptr> build_errors(order.size());
  std::mutex mutex;
  std::condition_variable progress;
  std::size_t ready = 0;  // built[0, ready) are done (guarded by mutex)
  bool stop = false;      // the writer failed: analyze no further
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
      results[order[k]].result = store_document(shard, documents[order[k]], std::move(built[k]));
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

void write_shards_in_parallel(std::deque<ShardWriter>& shards,
                              const std::vector<Document>& documents,
                              const std::vector<std::vector<std::size_t>>& by_shard,
                              const DetectorOptions& detection, std::vector<BatchResult>& results) {
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

}  // namespace polysearch::detail
