#pragma once
/// @file
/// Compound words: how the analyzer splits a German compound into the parts it also
/// indexes (AnalyzerOptions::compounds), for display and for scoring against a gold list.

#include <cstddef>
#include <filesystem>
#include <map>
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

/// Splits a user decides, for the words of a domain the splitter gets wrong or should leave
/// whole (AnalyzerOptions::compound_dictionary; `--compound-dict FILE`).  An entry is a word
/// with its split points marked as CompoundSplit::written() marks them: "+" between parts
/// and, where wanted, "|" before the immediate head ("Stau+becken",
/// "Fuß+ball|welt+meister+schaft"); a word without marks is never split ("Staubecken",
/// "Wachstube").  A word of a text matches an entry whatever its case, and also with an
/// inflection ending (Staubeckens); ß and ss are different letters here, as in the
/// dictionary (write both spellings if a text has both).
class POLYSEARCH_API CompoundDictionary {
 public:
  /// Longest word accepted, in letters.
  static constexpr std::size_t kMaxWordLength = 64;

  /// Reads one entry a line; blank lines and lines starting with '#' are skipped.
  /// @throws InputError naming `file:line` for a malformed entry or an unreadable file.
  [[nodiscard]] static CompoundDictionary read(const std::filesystem::path& path);

  /// Same, from text; `source` names it in error messages.
  [[nodiscard]] static CompoundDictionary parse(std::string_view text,
                                                std::string_view source = "compound dictionary");

  /// Adds an entry, replacing any earlier one for the same word.
  /// @throws InvalidArgument for invalid UTF-8, a character that is neither a letter nor a
  ///         mark, a mark at either end or next to another, more than one "|", or a word
  ///         longer than kMaxWordLength letters.
  void add(std::string_view entry);

  /// Number of entries.
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  /// Whether there is no entry.
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
  /// The entries by word, both lower-cased as German lower-cases (ß stays ß): "staubecken"
  /// → "stau+becken".
  [[nodiscard]] const std::map<std::string, std::string>& entries() const noexcept {
    return entries_;
  }
  /// The entries one a line, in the form parse() reads.
  [[nodiscard]] std::string to_text() const;

  /// Same entries.
  friend bool operator==(const CompoundDictionary& a, const CompoundDictionary& b) noexcept {
    return a.entries_ == b.entries_;
  }
  /// Some entry differs.
  friend bool operator!=(const CompoundDictionary& a, const CompoundDictionary& b) noexcept {
    return !(a == b);
  }

 private:
  std::map<std::string, std::string> entries_;
};

/// Splits compound words of a language that has a splitter (German).  Not thread-safe:
/// one per thread.  The lexicon is loaded on the first word, once per process.
class POLYSEARCH_API CompoundSplitter {
 public:
  /// `dictionary`: splits the user decides (null: none).
  /// @throws InvalidArgument for a language without a splitter (all but German).
  /// @throws Error when the splitter's dictionaries are not installed.
  explicit CompoundSplitter(Language language,
                            std::shared_ptr<const CompoundDictionary> dictionary = nullptr);
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
