#pragma once
// JSON Lines input: one document per line, {"id", "title", "text" (or "body"), "lang",
// "source"}.  parse_jsonl_line() is a pure function of its input (no I/O, no globals), so
// it can be fuzzed on its own.

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "polysearch/index_writer.hpp"

namespace polysearch::cli {

// Deepest nesting of arrays and objects accepted in a line; deeper lines are rejected
// before parsing so a hostile line cannot exhaust the stack.
inline constexpr std::size_t kMaxJsonDepth = 64;

struct JsonlRecord {
  enum class Status {
    Blank,     // empty or only whitespace: skipped silently
    Document,  // `document` holds the parsed document
    Invalid,   // `problem` says why the line was rejected
  };
  Status status = Status::Blank;
  Document document;
  std::string problem;
  // A "lang" that is a well-formed language code polysearch does not support ("en",
  // "fr-CA"): `document.language` is then Language::Neutral, as detection gives text in
  // such a language, and the caller may warn and choose another (--fallback-lang).
  std::string unsupported_language;
};

// Parses one line (without its newline; a trailing '\r' is ignored).  Checks, in order:
// UTF-8 ("invalid UTF-8 (truncated sequence) at byte 17", offsets counted from the start
// of the line), nesting depth, JSON syntax, that the value is an object, that "id" is a
// non-empty string or an integer (converted to decimal), that "title", "text", "body" and
// "source" are strings (or null), that "text" and "body" are not both given, that no field
// holds a NUL character, and that "lang" is a language code ("auto" or null: detect; a
// well-formed code of an unsupported language gives Language::Neutral and sets
// `unsupported_language`; anything else, such as "xx!", is refused).  Every other key
// goes to Document::fields: a string, a number (as JSON writes it) or an array of them;
// null is left out; an object, a boolean or a nested array is refused ("field 'x' must be
// a string, a number or an array of them, not object {…}").  Throws only std::bad_alloc.
[[nodiscard]] JsonlRecord parse_jsonl_line(std::string_view line);

// Reads the next line of `in` into `line` without its "\n" or "\r\n"; false at the end.
bool read_jsonl_line(std::istream& in, std::string& line);

// The same, keeping at most `max_bytes` of a line: the rest of a longer line is read and
// dropped, so memory stays bounded whatever the input; `line` is then empty and
// `too_long` true.
bool read_jsonl_line(std::istream& in, std::string& line, std::size_t max_bytes, bool& too_long);

}  // namespace polysearch::cli
