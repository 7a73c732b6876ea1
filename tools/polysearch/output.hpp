#pragma once
// Output helpers shared by the commands: error and warning lines, terminal detection,
// highlighted snippets, column alignment and JSON Lines.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "polysearch/searcher.hpp"

namespace polysearch::cli {

// JSON we print keeps its keys in the order we insert them.
using Json = nlohmann::ordered_json;

// "polysearch: error: <message>" on stderr, after erasing any progress line.
void print_error(std::string_view message);

// "polysearch: warning: <message>" on stderr, after erasing any progress line.
void print_warning(std::string_view message);

// Whether stdout is a terminal and NO_COLOR is unset or empty (no-color.org): only then
// do we emit ANSI escapes.
[[nodiscard]] bool use_color_on_stdout();

// How highlighted words are marked: ANSI bold on a terminal, **…** otherwise.
struct HighlightStyle {
  std::string open;
  std::string close;
};
[[nodiscard]] HighlightStyle highlight_style(bool color);

// Highlights sorted, clamped to the text and with overlapping ranges merged.
[[nodiscard]] std::vector<Highlight> normalized_highlights(std::string_view text,
                                                           std::vector<Highlight> highlights);

// `text` with each highlight wrapped in the style's markers; control characters (which
// could move the cursor or inject escapes) are shown as spaces.
[[nodiscard]] std::string render_highlighted(std::string_view text,
                                             const std::vector<Highlight>& highlights,
                                             const HighlightStyle& style);

// Control characters (C0, DEL) replaced by spaces, for printing untrusted text.
[[nodiscard]] std::string printable(std::string_view text);

// Byte ranges in `text` converted to code point ranges, as [[begin, end], …].
[[nodiscard]] Json code_point_ranges(std::string_view text,
                                     const std::vector<Highlight>& highlights);

// Code point index of byte offset `byte` (which must lie on a character boundary).
[[nodiscard]] std::size_t code_point_index(std::string_view text, std::size_t byte);

// One compact JSON line (no trailing newline).  Invalid UTF-8 never throws: it is
// replaced with U+FFFD.
[[nodiscard]] std::string json_line(const Json& value);

// `text` padded with spaces to `width` terminal columns (left-aligned).
[[nodiscard]] std::string pad_right(std::string_view text, std::size_t width);

// `text` padded on the left to `width` columns (right-aligned, for numbers).
[[nodiscard]] std::string pad_left(std::string_view text, std::size_t width);

// Rows of cells printed as aligned columns separated by two spaces; the columns listed
// in `right_aligned` are right-aligned.
[[nodiscard]] std::string format_table(const std::vector<std::vector<std::string>>& rows,
                                       const std::vector<bool>& right_aligned = {});

// `message` starting in lower case, as our messages do, when it starts with a capitalized
// word ("No such file" -> "no such file"); a name in capitals stays as it is ("PATH is
// required", "ID is required").
[[nodiscard]] std::string lowercase_initial(std::string message);

// A number with a fixed count of decimals ("0.97").
[[nodiscard]] std::string fixed(double value, int decimals);

// Bytes in (decimal) megabytes, as every figure of the tool is given.
[[nodiscard]] inline double megabytes(std::uint64_t bytes) {
  return static_cast<double>(bytes) / 1e6;
}

}  // namespace polysearch::cli
