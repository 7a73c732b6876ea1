#pragma once
/// @file
/// Exceptions thrown by polysearch.  Every error derives from polysearch::Error
/// (a std::runtime_error); the subclass says whose fault it is.

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "polysearch/export.hpp"

namespace polysearch {

/// Base class of every exception polysearch throws.
class POLYSEARCH_API Error : public std::runtime_error {
 public:
  /// `message` is what what() returns, e.g. "open index '/x': not a Xapian database".
  explicit Error(const std::string& message);
};

/// The caller passed an argument that can never be valid (unknown language code,
/// zero batch size, …): a bug in the calling code or a wrong command-line flag.
class POLYSEARCH_API InvalidArgument : public Error {
 public:
  /// `message` is what what() returns.
  explicit InvalidArgument(const std::string& message);
};

/// Input text that cannot be indexed or analyzed: invalid UTF-8, NUL bytes, a malformed
/// JSON line.  byte_offset() points at the first bad byte of the input.
class POLYSEARCH_API InputError : public Error {
 public:
  /// `message` is what what() returns; `byte_offset` locates the first bad byte.
  InputError(const std::string& message, std::size_t byte_offset);
  /// Byte offset of the problem in the input: the first bad byte, or the start of the bad
  /// line; 0 when no place can be named (an unreadable file, an empty one).
  [[nodiscard]] std::size_t byte_offset() const noexcept { return byte_offset_; }

 private:
  std::size_t byte_offset_;
};

/// A query that does not parse, such as one with an unbalanced parenthesis or an unknown
/// field.
/// byte_offset() points into the query string.
class POLYSEARCH_API QuerySyntaxError : public Error {
 public:
  /// `message` is what what() returns; `byte_offset` locates the problem in the query.
  QuerySyntaxError(const std::string& message, std::size_t byte_offset);
  /// Byte offset in the query string where parsing failed.
  [[nodiscard]] std::size_t byte_offset() const noexcept { return byte_offset_; }

 private:
  std::size_t byte_offset_;
};

/// The index cannot be used: missing, locked by another writer, corrupt, of another
/// schema version, or an I/O failure while reading or writing it.
class POLYSEARCH_API IndexError : public Error {
 public:
  /// `message` is what what() returns; `path` is the index directory concerned.
  IndexError(const std::string& message, std::filesystem::path path);
  /// The index directory the error is about.
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace polysearch
