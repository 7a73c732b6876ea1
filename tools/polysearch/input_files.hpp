#pragma once
// Finding the files to index and reading them.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace polysearch::cli {

enum class InputKind {
  Text,       // .txt (and any file named explicitly whatever its extension)
  Markdown,   // .md: the first ATX heading becomes the title
  JsonLines,  // .jsonl: one document per line
};

struct InputFile {
  std::filesystem::path path;  // the command-line PATH, joined with the file's place below it
  std::string id;              // document id: the path relative to the directory argument
                               // ('/' separators), or the file name for a file argument
  InputKind kind = InputKind::Text;
};

// Receives a message for each path that cannot be read; the walk goes on.
using ProblemSink = std::function<void(const std::string& message)>;

// Expands one command-line PATH.  A file is taken as it is (.md and .jsonl by extension,
// anything else as plain text).  A directory is walked recursively in byte order of the
// names, taking *.txt, *.md and *.jsonl and skipping hidden entries (names starting with
// '.') and symbolic links to directories (which could form cycles).
[[nodiscard]] std::vector<InputFile> expand_path(const std::string& argument,
                                                 const ProblemSink& report);

// The kind of file a walk takes for this name, or nullopt if it takes none.
[[nodiscard]] std::optional<InputKind> kind_for_name(std::string_view name);

// Reads a whole file as bytes, or its first `max_bytes` when it is longer.  Returns
// nullopt and sets `error` if it cannot.
[[nodiscard]] std::optional<std::string> read_file(const std::filesystem::path& path,
                                                   std::string& error,
                                                   std::size_t max_bytes = std::string::npos);

// Reads the whole of standard input as bytes.
[[nodiscard]] std::string read_stdin();

// The size of a regular file, or nullopt (not a regular file, or cannot be read).
[[nodiscard]] std::optional<std::uint64_t> regular_file_size(const std::filesystem::path& path);

// The bytes left to read on standard input when it is a regular file (`cmd < file`), or
// nullopt (a pipe or a terminal).
[[nodiscard]] std::optional<std::uint64_t> stdin_file_size();

// A system error message starting in lower case ("no such file or directory").
[[nodiscard]] std::string system_message(const std::error_code& error);

// Removes a leading UTF-8 byte order mark; returns whether there was one.
bool strip_utf8_bom(std::string& text);

// Whether the bytes start with a UTF-16 byte order mark (FF FE or FE FF).
[[nodiscard]] bool has_utf16_bom(std::string_view bytes);

// The text of the first ATX heading ("# Title", levels 1-6, outside fenced code blocks),
// without the closing #s; empty if there is none.
[[nodiscard]] std::string markdown_title(std::string_view text);

}  // namespace polysearch::cli
