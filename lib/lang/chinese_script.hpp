#pragma once
// Chinese script folding: Traditional → Simplified before word breaking, so that the same
// sentence in either script is cut into the same words and yields the same terms.

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace polysearch::detail {

bool is_han(UChar32 c) noexcept;

// A Han variant that ICU's transform leaves alone but that stands for a Simplified
// character: 牠 → 它, 閤 → 合, Japanese 様 → 样.  The list (chinese_variants.inc) is
// generated from OpenCC's tables by tools/generate/chinese_variants.py.  No variant is a
// Simplified character, so folding never changes Simplified text, with one exception
// chosen by hand: 着 → 著, since Traditional text writes both as 著.
struct HanVariant {
  char16_t variant;
  char16_t simplified;
};
const std::vector<HanVariant>& han_variants();

// ICU's "Traditional-Simplified" transform compiled into lookup tables.  The transform is
// about 4,000 rules "key > value;", tried in order at each position, first match wins; 976
// keys are phrases (乾坤 stays 乾坤 while 乾 becomes 干).  Every key and value is in the
// BMP and a value is as long as its key, so a table lookup per UTF-16 unit, plus an
// ordered phrase list for the characters that start a phrase, gives the transliterator's
// output exactly — about 40 times faster, and without moving any character.
// ICU's Traditional-Simplified rules as Transliterator::toRules() gives them: those of
// the installed ICU (creating the transliterator takes 15 ms), and those embedded from the
// ICU this was built with (lib/lang/traditional_simplified_rules.inc), with its version.
icu::UnicodeString installed_traditional_simplified_rules();
icu::UnicodeString embedded_traditional_simplified_rules();
std::string embedded_rules_icu_version();
std::string running_icu_version();

class TraditionalToSimplified {
 public:
  // Compiled once per process from ICU's rules (the embedded copy when the running ICU is
  // the one it came from, else the installed ICU's); null if those rules use a form the
  // table cannot express (then fold with the Transliterator itself).
  static const TraditionalToSimplified* from_icu();

  // Compiles rules in the form Transliterator::toRules() prints; nullopt if any rule is not
  // a plain "key > value;" with equal-length BMP key and value.
  static std::optional<TraditionalToSimplified> compile(const icu::UnicodeString& rules);

  // This table with `variants` applied to its output; variants are BMP characters.
  [[nodiscard]] TraditionalToSimplified with_variants(
      const std::vector<HanVariant>& variants) const;

  // from_icu() with han_variants(): what folding uses unless variants are turned off.
  static const TraditionalToSimplified* from_icu_with_variants();

  // Converts `length` units in place; the length never changes.
  void convert(char16_t* text, std::size_t length) const noexcept;

  [[nodiscard]] std::size_t rule_count() const noexcept { return rule_count_; }
  [[nodiscard]] std::size_t phrase_count() const noexcept { return phrase_count_; }

 private:
  struct Phrase {
    std::u16string key;
    std::u16string value;
  };
  // Whether rule `key > value` could be added; false when the table cannot express it.
  // `has_single` marks the units that already have a one-character rule.
  bool add_rule(const std::u16string& key, const std::u16string& value,
                std::vector<bool>& has_single);

  std::vector<char16_t> single_;     // unit → its one-character replacement
  std::vector<bool> starts_phrase_;  // unit → some phrase key starts with it
  std::unordered_map<char16_t, std::vector<Phrase>> phrases_;  // by first unit, rule order
  std::size_t rule_count_ = 0;
  std::size_t phrase_count_ = 0;
};

class HanScriptFolder {
 public:
  // With `fold_variants`, han_variants() are folded too (after ICU's transform).
  explicit HanScriptFolder(bool fold_variants);
  ~HanScriptFolder();
  HanScriptFolder(HanScriptFolder&&) noexcept;
  HanScriptFolder& operator=(HanScriptFolder&&) noexcept;

  // Rewrites `text` to Simplified script.  `offsets[i]` is the source byte offset of UTF-16
  // unit i (with one extra entry for the end); it is kept in step, so every output unit
  // still points at the character it came from.
  void fold(icu::UnicodeString& text, std::vector<std::uint32_t>& offsets);

 private:
  void resolve();

  bool fold_variants_;
  bool resolved_ = false;
  const TraditionalToSimplified* table_ = nullptr;
  std::unique_ptr<icu::Transliterator> transliterator_;  // only without a table
};

// Folds `text` as HanScriptFolder does, with ICU's Transliterator (a clone of
// clone_traditional_to_simplified()) instead of the table: HanScriptFolder's fallback, and
// the reference the table is tested against.
void fold_with_transliterator(icu::Transliterator& transliterator, bool fold_variants,
                              icu::UnicodeString& text, std::vector<std::uint32_t>& offsets);

// A fresh instance of ICU's "Traditional-Simplified" transform (compiled once, cloned).
std::unique_ptr<icu::Transliterator> clone_traditional_to_simplified();

}  // namespace polysearch::detail
