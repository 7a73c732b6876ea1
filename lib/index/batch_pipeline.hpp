#pragma once
// From the documents given to IndexWriter to their shards: checks, language choice,
// analysis and the write, spread over as many threads as the index can use.
#include <xapian.h>

#include <cstddef>
#include <deque>
#include <vector>

#include "index/document_builder.hpp"
#include "index/shard_writer.hpp"
#include "polysearch/index_writer.hpp"
#include "polysearch/language.hpp"

namespace polysearch::detail {

// @throws InvalidArgument for an empty id, InputError for invalid UTF-8, a document
//         over kMaxDocumentBytes or a field value `schema` refuses.
void validate_document(const Document& document, const Schema& schema);

// A document analyzed, ready to be written: its language and its Xapian document.
struct BuiltDocument {
  AddResult result;
  Xapian::Document xdoc;
};

// Chooses the document's language (given, or detected) and builds its Xapian document.
BuiltDocument build_document(DocumentBuilder& builder, const Document& document,
                             const DetectorOptions& detection);

// Writes an analyzed document into a part that no other document of its id reached
// unless `repeated` (IndexBuilder's parts are new, so it knows): add_document() then
// skips replace_document()'s look-up of the id term.
AddResult append_document(ShardWriter& part, const Document& document, BuiltDocument built,
                          bool repeated);

// Analyzes and writes one document into its shard (validated already).
AddResult write_document(ShardWriter& shard, const Document& document,
                         const DetectorOptions& detection);

// Writes `documents[order[k]]` in order into one shard while another thread analyzes the
// ones after it: Xapian's write and the analysis each take about half the time, so two
// cores give a plain index most of what two shards give.  The analyst builds with its own
// `builder` (analyzers are per thread); a Xapian::Document is handed over whole, never
// shared.  The first failure is rethrown once the analyst has stopped.
void write_pipelined(ShardWriter& shard, DocumentBuilder& builder,
                     const std::vector<Document>& documents, const std::vector<std::size_t>& order,
                     const DetectorOptions& detection, std::vector<BatchResult>& results);

// Each shard's documents (`by_shard`) in input order on a thread of its own, building
// with the shard's builder; a write failure stops that shard and is rethrown once every
// thread is done.
void write_shards_in_parallel(std::deque<ShardWriter>& shards,
                              const std::vector<Document>& documents,
                              const std::vector<std::vector<std::size_t>>& by_shard,
                              const DetectorOptions& detection, std::vector<BatchResult>& results);

}  // namespace polysearch::detail
