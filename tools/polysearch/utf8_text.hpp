#pragma once
// Small text helpers of the command-line tool.  Validation, repair and display width come
// from the library (polysearch/text.hpp).

#include <cstddef>
#include <optional>
#include <string_view>

namespace polysearch::cli {

// Number of code points in valid UTF-8 `text` (bytes that start a character).
[[nodiscard]] std::size_t count_code_points(std::string_view text);

// The byte offset of the first NUL byte, or nullopt.
[[nodiscard]] std::optional<std::size_t> find_nul(std::string_view text);

}  // namespace polysearch::cli
