// Fuzz target: the CLI's JSON Lines reader (tools/polysearch/jsonl_reader.cpp).
//
// Input: a JSON Lines file (any bytes).  It is split into lines by read_jsonl_line and each
// line is parsed by parse_jsonl_line, as 'polysearch index' does.
//
// Checked: read_jsonl_line gives the lines a plain split at '\n' gives (one trailing '\r'
// dropped), also when a line crosses its 64 KiB read buffer; with a length limit it gives
// the lines within the limit and an empty line flagged too_long for the others;
// parse_jsonl_line throws nothing (its contract: only std::bad_alloc); a blank
// line is Blank; a rejected line has a reason; an accepted one has a non-empty id, fields
// of valid UTF-8 without NUL characters (the library refuses both), and the language
// Neutral when its code is one polysearch does not support; a UTF-8 error is reported at
// the first bad byte.
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "jsonl_reader.hpp"

namespace {

using polysearch::cli::JsonlRecord;

bool clean(const std::string& field) {
  return polysearch::fuzz::is_valid_utf8(field) && field.find('\0') == std::string::npos;
}

void check_line(std::string_view line) {
  const JsonlRecord record = polysearch::cli::parse_jsonl_line(line);
  switch (record.status) {
    case JsonlRecord::Status::Blank:
      POLYSEARCH_FUZZ_CHECK(line.find_first_not_of(" \t\r\n") == std::string_view::npos);
      break;
    case JsonlRecord::Status::Invalid:
      POLYSEARCH_FUZZ_CHECK(!record.problem.empty());
      if (const auto bad = polysearch::find_invalid_utf8(line)) {
        // The reason names the first bad byte (a trailing '\r' is not part of the line).
        POLYSEARCH_FUZZ_CHECK(record.problem.find(" at byte " + std::to_string(bad->offset)) !=
                              std::string::npos);
      }
      break;
    case JsonlRecord::Status::Document: {
      const polysearch::Document& d = record.document;
      POLYSEARCH_FUZZ_CHECK(record.problem.empty());
      POLYSEARCH_FUZZ_CHECK(!d.id.empty());
      POLYSEARCH_FUZZ_CHECK(clean(d.id) && clean(d.title) && clean(d.text) && clean(d.source));
      POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::is_valid_utf8(line));
      // An unsupported language code is indexed as language-neutral.
      POLYSEARCH_FUZZ_CHECK(record.unsupported_language.empty() ||
                            d.language == polysearch::Language::Neutral);
      break;
    }
  }
}

// The lines of `text` as the reader should give them: split at '\n' (a final '\n' ends
// the last line, it does not start another), one trailing '\r' dropped.  `raw_sizes`
// receives each line's length before the '\r' was dropped.
std::vector<std::string> expected_lines(std::string_view text,
                                        std::vector<std::size_t>& raw_sizes) {
  std::vector<std::string> lines;
  raw_sizes.clear();
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(begin, end - begin));
    raw_sizes.push_back(line.size());
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    begin = end + 1;
  }
  return lines;
}

// Reads `text` with both forms of read_jsonl_line and checks them against expected_lines.
void check_reader(const std::string& text, std::size_t limit) {
  std::vector<std::size_t> raw_sizes;
  const std::vector<std::string> expected = expected_lines(text, raw_sizes);
  std::istringstream plain(text);
  std::istringstream bounded(text);
  std::string line;
  bool too_long = false;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    POLYSEARCH_FUZZ_CHECK(polysearch::cli::read_jsonl_line(plain, line));
    POLYSEARCH_FUZZ_CHECK(line == expected[i]);
    POLYSEARCH_FUZZ_CHECK(polysearch::cli::read_jsonl_line(bounded, line, limit, too_long));
    POLYSEARCH_FUZZ_CHECK(too_long == (raw_sizes[i] > limit));
    POLYSEARCH_FUZZ_CHECK(too_long ? line.empty() : line == expected[i]);
  }
  POLYSEARCH_FUZZ_CHECK(!polysearch::cli::read_jsonl_line(plain, line));
  POLYSEARCH_FUZZ_CHECK(!polysearch::cli::read_jsonl_line(bounded, line, limit, too_long));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = polysearch::fuzz::as_text(data, size);
  // The whole input as one line, then line by line as the CLI reads a file.
  check_line(input);
  std::vector<std::size_t> raw_sizes;
  for (const std::string& line : expected_lines(input, raw_sizes)) check_line(line);

  // The reader, with a limit the input can reach, and with the input's start placed just
  // before the end of the reader's 64 KiB buffer, so that the fuzzer decides what
  // straddles it.
  check_reader(std::string(input), 64);
  std::string padded(65530, 'x');
  padded += input;
  check_reader(padded, 65536);
  return 0;
}
