#pragma once
/// @file
/// Query sets (topics) in and TREC run files out, for batch retrieval experiments.
///
/// Two topic formats are read, detected from the first non-blank line:
/// - TSV: `qid<TAB>query text`, one topic per line (MS MARCO, BEIR, Anserini).
/// - TREC topic files: `<top> <num> Number: 301 <title> … <desc> … <narr> … </top>`, the
///   SGML-like format of the TREC ad hoc tracks, where field tags are usually not closed.

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/eval/export.hpp"
#include "polysearch/searcher.hpp"

namespace polysearch::eval {

/// One query of a query set.
struct Topic {
  std::string id;    ///< the topic number as written ("301", "q12"); never holds whitespace
  std::string text;  ///< the query, valid UTF-8, whitespace collapsed, never empty
  /// Empty, or why `text` is not the TopicField asked for: a TREC topic without (or with an
  /// empty) field asked for is read with the text it has, and this says so, naming the
  /// file, line and topic ("topics.txt:12: topic '3' has no <desc>; using its <title>
  /// alone").  A caller shows it as a warning.
  std::string warning;
};

/// Which field of a TREC topic becomes Topic::text.  TSV files have only one text.
enum class TopicField {
  Title,             ///< `<title>`: short keyword queries, the usual choice
  Description,       ///< `<desc>`: one sentence
  TitleDescription,  ///< `<title>` then `<desc>`, joined by a space
};

/// Reads a query set from a TSV or TREC topic file (the format is detected).  A UTF-8
/// byte order mark is skipped and CRLF line ends are accepted.
///
/// TSV: blank lines are skipped and no header line is assumed; the text after the first
/// TAB is the query.  TREC: the tags `<top>`, `</top>`, `<num>`, `<title>`, `<desc>` and
/// `<narr>` may stand anywhere on a line and need no closing tag (`</title>` and the like
/// are accepted); a field runs to the next tag and may span lines.  The prefixes "Number:",
/// "Topic:" and "Description:" are removed.  Other tags (`<con>`, `<smry>`, …) start
/// fields that are ignored.  A topic whose field asked for is absent or empty is read
/// with the text it has, and Topic::warning says so: for TitleDescription the one of
/// `<title>` and `<desc>` that it has, for Title its `<desc>`, for Description its
/// `<title>`.
///
/// @throws InputError naming `path:line` for an unreadable file, UTF-16 text, invalid
///         UTF-8, a TSV line without a TAB, a topic id that is empty or holds whitespace, an
///         empty query text (a TREC topic with no text in either `<title>` or `<desc>`), a
///         duplicate topic id, or a malformed TREC file.  byte_offset() is the offset of
///         the problem in the file (0 when the file cannot be read).
POLYSEARCH_EVAL_API std::vector<Topic> read_topics(const std::filesystem::path& path,
                                                   TopicField field = TopicField::Title);

/// Same, from a stream; `source_name` stands for the file in messages ("<stdin>").
POLYSEARCH_EVAL_API std::vector<Topic> read_topics(std::istream& in, std::string_view source_name,
                                                   TopicField field = TopicField::Title);

/// One line of a TREC run file.
struct RunLine {
  std::string_view topic_id;     ///< the query's id (Topic::id)
  std::string_view document_id;  ///< the retrieved document's id (Hit::id)
  std::size_t rank = 0;          ///< 1-based
  double score = 0.0;            ///< the retrieval score (trec_eval ranks by it, not by `rank`)
  std::string_view tag;          ///< names the run ("polysearch-bm25")
};

/// `qid Q0 docid rank score tag`, with the score in fixed notation with six decimals
/// (locale-independent), without a line end.
/// @throws InvalidArgument if an id or the tag is empty or holds whitespace, which would
///         shift the columns.
POLYSEARCH_EVAL_API std::string format_run_line(const RunLine& line);

/// Writes `format_run_line(line)` and a '\n'.
POLYSEARCH_EVAL_API void write_run_line(std::ostream& out, const RunLine& line);

/// The run lines of one topic's hits under `tag`, each ending in '\n'.  Hits keep their
/// order; ranks are 1, 2, … in that order (Hit::rank is not used).  Formatted in full
/// before returning, so a caller writing the result never writes a topic in part.
/// @throws InvalidArgument as format_run_line does (e.g. a document id with a space).
POLYSEARCH_EVAL_API std::string format_run_lines(std::string_view topic_id,
                                                 const std::vector<Hit>& hits,
                                                 std::string_view tag);

/// The query with its syntax taken out, so that it is searched as the words it holds
/// (`polysearch run --literal`, the fallback for a topic that does not parse): quotes,
/// parentheses, '*' and ':' become spaces, and so do '+' and '-' starting a word; the
/// operators AND, OR and NOT become the words and, or, not.
[[nodiscard]] POLYSEARCH_EVAL_API std::string plain_words(std::string_view query);

/// What searching one topic gave (search_topic_hits()).
struct TopicHits {
  std::vector<Hit> hits;            ///< the page of hits; empty when `failed`
  std::size_t estimated_total = 0;  ///< SearchResult::estimated_total
  bool plain_words = false;         ///< searched as plain words after a syntax error
  bool failed = false;              ///< no search was possible; `message` says why
  std::string message;              ///< the syntax or input error, when there was one
};

/// Searches `topic.text` with `request`'s other settings, or with `literal` only its plain
/// words (plain_words()).  Topic texts come verbatim from files, so one that is not valid
/// query syntax (an unbalanced quote) is searched again as its plain words rather than
/// failing a run.  Errors that concern only this topic (syntax, invalid UTF-8) give a
/// failed result; others (a broken index) propagate.
[[nodiscard]] POLYSEARCH_EVAL_API TopicHits search_topic_hits(Searcher& searcher,
                                                              SearchRequest request,
                                                              const Topic& topic,
                                                              bool literal = false);

}  // namespace polysearch::eval
