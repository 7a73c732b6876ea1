#pragma once
// Opening an index for writing: choosing its layout (plain, or a directory of shards),
// recovering from a creation a crash cut short, and settling the analysis settings every
// shard must share.
#include <deque>
#include <filesystem>

#include "index/shard_writer.hpp"
#include "polysearch/analyzer.hpp"
#include "polysearch/index_writer.hpp"

namespace polysearch::detail {

// The databases of an index opened for writing, and the analysis settings stored in them.
struct OpenedIndex {
  std::deque<ShardWriter> shards;  // one for a plain index; a deque never moves them
  AnalyzerOptions analysis;
  Schema schema;           // the stored one; empty for an index without
  unsigned title_wdf = 0;  // the stored one (IndexOptions::title_wdf)
};

// Opens or creates, as `mode` says, the index in `directory`, laid out as
// `options.shards` asks when it is new.  Each shard gets its own DocumentBuilder.
// Settings stored in the index (analysis, schema, title wdf) are settled here: a new index
// stores the options' (or the defaults), an existing one keeps its own.
// @throws IndexError or InvalidArgument as the IndexWriter constructor describes.
[[nodiscard]] OpenedIndex open_index_for_writing(const std::filesystem::path& directory,
                                                 OpenMode mode, const IndexOptions& options);

}  // namespace polysearch::detail
