#pragma once
/// @file
/// Compound words: how the analyzer splits a German compound into the parts it also
/// indexes (AnalyzerOptions::compounds), for display and for scoring against a gold list.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/export.hpp"
#include "polysearch/language.hpp"

namespace polysearch {

/// One word as the splitter analyzed it.
struct CompoundSplit {
  /// The smallest parts, as written, in order (linking elements stay with the part before
  /// them: "Kranken", "versicherungs", "beitrag"); the word itself when it is no compound.
  std::vector<std::string> parts;
  /// Index in `parts` of the immediate head's first part (Fußball | Weltmeisterschaft: 2 of
  /// Fuß, ball, welt, meisterschaft); 0 when the word is not split.
  std::size_t head = 0;
  /// Two splits were equally likely (Wach|stube, Wachs|tube), so the word was left whole.
  bool ambiguous = false;

  /// Whether the word was split.
  [[nodiscard]] bool split() const noexcept { return parts.size() > 1; }
  /// The parts joined as the gold lists write them: "+" between parts, "|" before the
  /// head: "Kranken+versicherungs|beitrag"; the word itself when not split.
  [[nodiscard]] POLYSEARCH_API std::string written() const;
};

/// Splits compound words of a language that has a splitter (German).  Not thread-safe:
/// one per thread.  The lexicon is loaded on the first word, once per process.
class POLYSEARCH_API CompoundSplitter {
 public:
  /// @throws InvalidArgument for a language without a splitter (all but German).
  /// @throws Error when the splitter's dictionaries are not installed.
  explicit CompoundSplitter(Language language);
  ~CompoundSplitter();
  /// Moves the splitter; the moved-from one may only be destroyed or assigned to.
  CompoundSplitter(CompoundSplitter&&) noexcept;
  /// Moves the splitter; the moved-from one may only be destroyed or assigned to.
  CompoundSplitter& operator=(CompoundSplitter&&) noexcept;
  CompoundSplitter(const CompoundSplitter&) = delete;
  CompoundSplitter& operator=(const CompoundSplitter&) = delete;

  /// Analyzes one word as written (any case).
  /// @throws InputError if `word` is not valid UTF-8.
  [[nodiscard]] CompoundSplit split(std::string_view word);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Whether `language` has a compound splitter.
[[nodiscard]] POLYSEARCH_API bool splits_compounds(Language language) noexcept;

}  // namespace polysearch
