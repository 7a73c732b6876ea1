// Chinese script folding: Traditional → Simplified, with a table compiled from ICU's
// rules, or ICU's Transliterator where the table cannot express them.
#include "lang/chinese_script.hpp"

#include <unicode/uscript.h>

#include <unicode/uversion.h>

#include <iterator>
#include <mutex>
#include <string>

#include "util/icu_status.hpp"

namespace polysearch::detail {
namespace {

#include "lang/traditional_simplified_rules.inc"

bool may_contain_han(const icu::UnicodeString& text) {
  const char16_t* buffer = text.getBuffer();
  for (int32_t i = 0; i < text.length(); ++i) {
    if (buffer[i] >= 0x2E80) return true;  // CJK radicals onwards, or a surrogate
  }
  return false;
}

bool same_shape(const icu::UnicodeString& a, const icu::UnicodeString& b) {
  if (a.length() != b.length()) return false;
  for (int32_t i = 0; i < a.length(); ++i) {
    if (U16_IS_SURROGATE(a.charAt(i)) != U16_IS_SURROGATE(b.charAt(i))) return false;
  }
  return true;
}

bool is_bmp_text(const std::u16string& text) {
  for (const char16_t unit : text) {
    if (U16_IS_SURROGATE(unit)) return false;
  }
  return !text.empty();
}

// Splits "key > value" (spaces around '>' optional); false for any other form, such as
// a context, a variable, a filter or an escape.
bool split_rule(const std::u16string& rule, std::u16string& key, std::u16string& value) {
  const std::size_t arrow = rule.find(u'>');
  if (arrow == std::u16string::npos || rule.find(u'>', arrow + 1) != std::u16string::npos) {
    return false;
  }
  auto trim = [](std::u16string text) {
    while (!text.empty() && text.back() == u' ') text.pop_back();
    const std::size_t first = text.find_first_not_of(u' ');
    return first == std::u16string::npos ? std::u16string() : text.substr(first);
  };
  key = trim(rule.substr(0, arrow));
  value = trim(rule.substr(arrow + 1));
  // Rule syntax (quotes, escapes, variables, contexts, sets) is all ASCII; the table
  // takes only literal characters.
  for (const std::u16string* part : {&key, &value}) {
    for (const char16_t unit : *part) {
      if (unit < 0x80) return false;
    }
  }
  return true;
}

// unit → its variant's Simplified character, or the unit itself.
std::vector<char16_t> variant_table(const std::vector<HanVariant>& variants) {
  std::vector<char16_t> map(0x10000);
  for (std::size_t unit = 0; unit < map.size(); ++unit) map[unit] = static_cast<char16_t>(unit);
  for (const HanVariant& pair : variants) map[pair.variant] = pair.simplified;
  return map;
}

const std::vector<char16_t>& variant_map() {
  static const std::vector<char16_t> map = variant_table(han_variants());
  return map;
}

}  // namespace

const std::vector<HanVariant>& han_variants() {
  static const std::vector<HanVariant> variants = {
#include "lang/chinese_variants.inc"
  };
  return variants;
}

std::unique_ptr<icu::Transliterator> clone_traditional_to_simplified() {
  static std::mutex mutex;
  static std::unique_ptr<icu::Transliterator> prototype;
  const std::lock_guard<std::mutex> lock(mutex);
  if (!prototype) {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    check_icu(status, "Transliterator::createInstance(Traditional-Simplified)");
  }
  return std::unique_ptr<icu::Transliterator>(prototype->clone());
}

bool is_han(UChar32 c) noexcept {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN;
}

// ---- TraditionalToSimplified ----

icu::UnicodeString installed_traditional_simplified_rules() {
  icu::UnicodeString rules;
  clone_traditional_to_simplified()->toRules(rules, false);
  return rules;
}

icu::UnicodeString embedded_traditional_simplified_rules() {
  return icu::UnicodeString(kTraditionalSimplifiedRules,
                            static_cast<int32_t>(std::size(kTraditionalSimplifiedRules) - 1));
}

std::string embedded_rules_icu_version() { return kTraditionalSimplifiedIcuVersion; }

std::string running_icu_version() {
  UVersionInfo version;
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_getVersion(version);
  u_versionToString(version, text);
  return text;
}

const TraditionalToSimplified* TraditionalToSimplified::from_icu() {
  static const std::optional<TraditionalToSimplified> table = [] {
    const bool embedded_current = running_icu_version() == embedded_rules_icu_version();
    return compile(embedded_current ? embedded_traditional_simplified_rules()
                                    : installed_traditional_simplified_rules());
  }();
  return table ? &*table : nullptr;
}

const TraditionalToSimplified* TraditionalToSimplified::from_icu_with_variants() {
  static const std::optional<TraditionalToSimplified> table =
      from_icu() == nullptr ? std::nullopt
                            : std::optional(from_icu()->with_variants(han_variants()));
  return table ? &*table : nullptr;
}

TraditionalToSimplified TraditionalToSimplified::with_variants(
    const std::vector<HanVariant>& variants) const {
  const std::vector<char16_t> map = variant_table(variants);
  TraditionalToSimplified table = *this;
  for (char16_t& unit : table.single_) unit = map[unit];
  for (auto& [first, phrases] : table.phrases_) {
    for (Phrase& phrase : phrases) {
      for (char16_t& unit : phrase.value) unit = map[unit];
    }
  }
  return table;
}

std::optional<TraditionalToSimplified> TraditionalToSimplified::compile(
    const icu::UnicodeString& rules) {
  TraditionalToSimplified table;
  table.single_.resize(0x10000);
  for (std::size_t unit = 0; unit < table.single_.size(); ++unit) {
    table.single_[unit] = static_cast<char16_t>(unit);
  }
  table.starts_phrase_.assign(0x10000, false);
  std::vector<bool> has_single(0x10000, false);
  std::u16string rule, key, value;
  const std::u16string text(rules.getBuffer(), static_cast<std::size_t>(rules.length()));
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find_first_of(u";\n", begin);
    if (end == std::u16string::npos) end = text.size();
    rule = text.substr(begin, end - begin);
    begin = end + 1;
    if (rule.find_first_not_of(u" \t\r") == std::u16string::npos) continue;
    if (!split_rule(rule, key, value) || !table.add_rule(key, value, has_single))
      return std::nullopt;
  }
  if (table.rule_count_ == 0) return std::nullopt;
  return table;
}

bool TraditionalToSimplified::add_rule(const std::u16string& key, const std::u16string& value,
                                       std::vector<bool>& has_single) {
  if (!is_bmp_text(key) || !is_bmp_text(value) || key.size() != value.size()) return false;
  const char16_t first = key.front();
  // A rule after a one-character rule for its first character can never apply: ICU
  // rejects such rule sets, and so does the table.
  if (has_single[first]) return false;
  ++rule_count_;
  if (key.size() == 1) {
    single_[first] = value.front();
    has_single[first] = true;
    return true;
  }
  ++phrase_count_;
  starts_phrase_[first] = true;
  phrases_[first].push_back({key, value});
  return true;
}

void TraditionalToSimplified::convert(char16_t* text, std::size_t length) const noexcept {
  for (std::size_t i = 0; i < length;) {
    const char16_t unit = text[i];
    if (starts_phrase_[unit]) {
      const Phrase* match = nullptr;
      for (const Phrase& phrase : phrases_.at(unit)) {
        if (phrase.key.size() <= length - i &&
            std::char_traits<char16_t>::compare(text + i, phrase.key.data(), phrase.key.size()) ==
                0) {
          match = &phrase;
          break;
        }
      }
      if (match != nullptr) {
        std::char_traits<char16_t>::copy(text + i, match->value.data(), match->value.size());
        i += match->value.size();
        continue;
      }
    }
    text[i] = single_[unit];
    ++i;
  }
}

// ---- HanScriptFolder ----

HanScriptFolder::HanScriptFolder(bool fold_variants) : fold_variants_(fold_variants) {}
HanScriptFolder::~HanScriptFolder() = default;
HanScriptFolder::HanScriptFolder(HanScriptFolder&&) noexcept = default;
HanScriptFolder& HanScriptFolder::operator=(HanScriptFolder&&) noexcept = default;

// The table (or, failing that, the Transliterator) is made at the first Han text, not
// before: compiling ICU's rules takes milliseconds that a German query need not pay.
void HanScriptFolder::resolve() {
  if (resolved_) return;
  resolved_ = true;
  table_ = fold_variants_ ? TraditionalToSimplified::from_icu_with_variants()
                          : TraditionalToSimplified::from_icu();
  if (table_ == nullptr) transliterator_ = clone_traditional_to_simplified();
}

void HanScriptFolder::fold(icu::UnicodeString& text, std::vector<std::uint32_t>& offsets) {
  if (!may_contain_han(text)) return;
  resolve();
  if (table_ == nullptr) {
    fold_with_transliterator(*transliterator_, fold_variants_, text, offsets);
    return;
  }
  const int32_t length = text.length();
  char16_t* buffer = text.getBuffer(length);
  table_->convert(buffer, static_cast<std::size_t>(length));
  text.releaseBuffer(length);
}

namespace {

// Rebuilds text[begin, end) and its offsets character by character; used when the
// transform changed the text's shape (never with ICU 72's rules).
void fold_per_character(icu::Transliterator& transliterator, icu::UnicodeString& text,
                        std::vector<std::uint32_t>& offsets, int32_t begin, int32_t end) {
  icu::UnicodeString folded;
  std::vector<std::uint32_t> folded_offsets;
  for (int32_t i = begin; i < end;) {
    const UChar32 c = text.char32At(i);
    icu::UnicodeString one(c);
    transliterator.transliterate(one);
    folded.append(one);
    folded_offsets.insert(folded_offsets.end(), static_cast<std::size_t>(one.length()),
                          offsets[static_cast<std::size_t>(i)]);
    i += U16_LENGTH(c);
  }
  text.replace(begin, end - begin, folded);
  offsets.erase(offsets.begin() + begin, offsets.begin() + end);
  offsets.insert(offsets.begin() + begin, folded_offsets.begin(), folded_offsets.end());
}

}  // namespace

void fold_with_transliterator(icu::Transliterator& transliterator, bool fold_variants,
                              icu::UnicodeString& text, std::vector<std::uint32_t>& offsets) {
  icu::UnicodeString folded = text;
  transliterator.transliterate(folded);
  if (same_shape(folded, text)) {
    text = std::move(folded);  // character for character, as always with ICU 72: offsets hold
  } else {
    fold_per_character(transliterator, text, offsets, 0, text.length());
  }
  if (!fold_variants) return;
  const std::vector<char16_t>& map = variant_map();
  const int32_t length = text.length();
  char16_t* buffer = text.getBuffer(length);
  for (int32_t i = 0; i < length; ++i) buffer[i] = map[buffer[i]];
  text.releaseBuffer(length);
}

}  // namespace polysearch::detail
