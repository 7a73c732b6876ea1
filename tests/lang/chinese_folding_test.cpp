// The table-driven Traditional → Simplified converter gives exactly what ICU's
// "Traditional-Simplified" Transliterator gives: on every rule, on the seed text, and on
// the shared Chinese texts (UD GSD in both scripts, the retrieval collections).
#include <doctest/doctest.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lang/chinese_script.hpp"
#include "polysearch/analyzer.hpp"
#include "support/test_support.hpp"

namespace {

using polysearch::detail::TraditionalToSimplified;

std::string with_table(const TraditionalToSimplified& table, const std::string& utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  const int32_t length = text.length();
  table.convert(text.getBuffer(length), static_cast<std::size_t>(length));
  text.releaseBuffer(length);
  std::string out;
  return text.toUTF8String(out);
}

std::string with_icu(const std::string& utf8) {
  static const auto transliterator = polysearch::detail::clone_traditional_to_simplified();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  transliterator->transliterate(text);
  std::string out;
  return text.toUTF8String(out);
}

const TraditionalToSimplified& icu_table() {
  const TraditionalToSimplified* table = TraditionalToSimplified::from_icu();
  REQUIRE(table != nullptr);
  return *table;
}

// Compares line by line, reporting the first few differences.
void check_same_as_icu(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, path.string());
  std::size_t lines = 0, differences = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    const std::string expected = with_icu(line);
    const std::string got = with_table(icu_table(), line);
    if (got != expected && ++differences <= 3) {
      FAIL_CHECK(path.filename().string()
                 << " line " << lines + 1 << ": table " << got << " | ICU " << expected);
    }
  }
  CHECK(differences == 0);
  CHECK(lines > 0);
  MESSAGE(path.string() << ": " << lines << " lines identical to ICU");
}

}  // namespace

TEST_CASE("the conversion table compiles from ICU's own Traditional-Simplified rules") {
  const TraditionalToSimplified& table = icu_table();
  CHECK(table.rule_count() > 3000);
  CHECK(table.phrase_count() > 500);
}

TEST_CASE("chinese: the embedded Traditional-Simplified rules are the installed ICU's") {
  using namespace polysearch::detail;
  // from_icu() compiles the embedded copy only when the running ICU is the one it came
  // from; then it must be that ICU's rules exactly.
  if (running_icu_version() != embedded_rules_icu_version()) {
    MESSAGE("skipped: ICU " << running_icu_version() << " runs, the embedded rules are ICU "
                            << embedded_rules_icu_version() << "'s (the installed rules are "
                            << "used); regenerate them: polysearch_generate_ts_rules > "
                            << "lib/lang/traditional_simplified_rules.inc");
    return;
  }
  CHECK_MESSAGE(
      embedded_traditional_simplified_rules() == installed_traditional_simplified_rules(),
      "regenerate: polysearch_generate_ts_rules > lib/lang/traditional_simplified_rules.inc");
}

TEST_CASE("every rule of ICU's transform converts alone and inside text as ICU does") {
  icu::UnicodeString rules;
  polysearch::detail::clone_traditional_to_simplified()->toRules(rules, false);
  std::string all;
  rules.toUTF8String(all);
  std::size_t checked = 0, differences = 0;
  for (std::size_t begin = 0; begin < all.size();) {
    std::size_t end = all.find(';', begin);
    if (end == std::string::npos) break;
    std::string rule = all.substr(begin, end - begin);
    begin = end + 1;
    const std::size_t arrow = rule.find(" > ");
    if (arrow == std::string::npos) continue;
    std::string key = rule.substr(0, arrow);
    key.erase(0, key.find_first_not_of("\n "));
    // Alone, after a character, and before one: phrases must win over single characters.
    for (const std::string& text : {key, "的" + key, key + "的", key + key}) {
      ++checked;
      if (with_table(icu_table(), text) != with_icu(text) && ++differences <= 5) {
        FAIL_CHECK("rule key " << key << " in " << text << ": table "
                               << with_table(icu_table(), text) << " | ICU " << with_icu(text));
      }
    }
  }
  CHECK(checked > 12000);
  CHECK(differences == 0);
}

TEST_CASE("phrase rules are tried in rule order before the single-character rule") {
  const auto table = TraditionalToSimplified::compile(u"乾坤 > 乾坤;\n乾 > 干;\n後 > 后;");
  REQUIRE(table.has_value());
  CHECK(table->rule_count() == 3);
  CHECK(table->phrase_count() == 1);
  CHECK(with_table(*table, "乾坤乾後") == "乾坤干后");
  CHECK(with_table(*table, "乾") == "干");  // a phrase key longer than the rest of the text
  CHECK(with_table(*table, "abc 乾") == "abc 干");
}

TEST_CASE("rules the table cannot express are refused, so ICU itself is used") {
  CHECK_FALSE(TraditionalToSimplified::compile(u"乾 > 干干;").has_value());     // length changes
  CHECK_FALSE(TraditionalToSimplified::compile(u"乾 } 坤 > 干;").has_value());  // context
  CHECK_FALSE(TraditionalToSimplified::compile(u"$a = 乾; $a > 干;").has_value());      // variable
  CHECK_FALSE(TraditionalToSimplified::compile(u"::[乾]; 乾 > 干;").has_value());       // filter
  CHECK_FALSE(TraditionalToSimplified::compile(u"乾 > 干; 乾坤 > 乾坤;").has_value());  // masked
  CHECK_FALSE(TraditionalToSimplified::compile(u"𠀀 > 干;").has_value());  // outside the BMP
  CHECK_FALSE(TraditionalToSimplified::compile(u"").has_value());
}

TEST_CASE("the table gives ICU's output on the seed text and the shared Chinese texts") {
  check_same_as_icu(polysearch::test::seed_path("003"));
  const std::filesystem::path shared = polysearch::test::shared_dir() / "data";
  const std::vector<std::filesystem::path> texts = {
      shared / "segmentation/ud-gsd-zh-hant/dev.raw.txt",
      shared / "segmentation/ud-gsd-zh-hant/test.raw.txt",
      shared / "segmentation/ud-gsd-zh-hans/dev.raw.txt",
      shared / "segmentation/ud-gsd-zh-hans/test.raw.txt",
      shared / "retrieval/xquad/zh-Hans/docs.jsonl",
      shared / "retrieval/xquad/zh-Hans/queries.tsv",
      shared / "retrieval/cmrc2018/zh-Hans/docs.jsonl",
      shared / "retrieval/cmrc2018/zh-Hans/queries.tsv",
  };
  for (const auto& path : texts) {
    if (!std::filesystem::exists(path)) {
      MESSAGE("skipped: " << path.string() << " absent");
      continue;
    }
    check_same_as_icu(path);
  }
}

TEST_CASE("analysis gives the same tokens with the table and with ICU's Transliterator") {
  // Both folders run on one analyzer each; compare the whole token stream of seed 003.
  const std::string text = polysearch::test::read_file(polysearch::test::seed_path("003"));
  polysearch::detail::HanScriptFolder table_folder(true);
  icu::UnicodeString a = icu::UnicodeString::fromUTF8(text);
  icu::UnicodeString b = a;
  std::vector<std::uint32_t> offsets_a(static_cast<std::size_t>(a.length()) + 1);
  for (std::size_t i = 0; i < offsets_a.size(); ++i) offsets_a[i] = static_cast<std::uint32_t>(i);
  std::vector<std::uint32_t> offsets_b = offsets_a;
  table_folder.fold(a, offsets_a);
  polysearch::detail::fold_with_transliterator(
      *polysearch::detail::clone_traditional_to_simplified(), true, b, offsets_b);
  CHECK(a == b);
  CHECK(offsets_a == offsets_b);
  CHECK(a != icu::UnicodeString::fromUTF8(text));  // seed 003 is Traditional: folding did work
}

// ---- variants ICU leaves alone ----

namespace {

std::string fold(const std::string& utf8, bool variants, bool transliterator = false) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  std::vector<std::uint32_t> offsets(static_cast<std::size_t>(text.length()) + 1, 0);
  if (transliterator) {
    polysearch::detail::fold_with_transliterator(
        *polysearch::detail::clone_traditional_to_simplified(), variants, text, offsets);
  } else {
    polysearch::detail::HanScriptFolder(variants).fold(text, offsets);
  }
  std::string out;
  return text.toUTF8String(out);
}

}  // namespace

TEST_CASE("variants ICU leaves alone are folded after its transform") {
  // 牠 (它 for animals), 閤 (合), 脩 (修), Japanese 呉 and 様: ICU keeps them as they are.
  const std::string traditional = "牠們閤家脩好呉國様式";
  CHECK(with_icu(traditional) == "牠们閤家脩好呉国様式");
  for (const bool transliterator : {false, true}) {
    CAPTURE(transliterator);
    CHECK(fold(traditional, true, transliterator) == "它们合家修好吴国样式");
    CHECK(fold(traditional, false, transliterator) == "牠们閤家脩好呉国様式");
  }
}

TEST_CASE("variant folding changes no Simplified character but 着") {
  // Japanese 予 (= 豫) and 欠 (= 缺) are everyday Chinese characters: they stay.
  CHECK(fold("给予欠款醋", true) == "给予欠款醋");
  // Traditional writes the particle 着 as 著, so the two meet (the one hand-made pair).
  CHECK(fold("看著 看着 著名", true) == "看著 看著 著名");
  const auto& variants = polysearch::detail::han_variants();
  REQUIRE(variants.size() > 300);
  const TraditionalToSimplified& icu = icu_table();
  std::u16string sources, targets;
  for (const auto& pair : variants) {
    CAPTURE(static_cast<int>(pair.variant));
    CHECK(pair.variant != pair.simplified);
    CHECK(!U16_IS_SURROGATE(pair.variant));
    CHECK(!U16_IS_SURROGATE(pair.simplified));
    char16_t alone = pair.variant;
    icu.convert(&alone, 1);
    CHECK(alone == pair.variant);
    sources.push_back(pair.variant);
    targets.push_back(pair.simplified);
  }
  // ICU converts none of the variants (checked above: else the table would override
  // ICU) and no variant's target is itself a variant (one pass is enough).
  for (const char16_t target : targets) CHECK(sources.find(target) == std::u16string::npos);
}

TEST_CASE("the table with variants is ICU's table followed by the variants") {
  const TraditionalToSimplified* with = TraditionalToSimplified::from_icu_with_variants();
  REQUIRE(with != nullptr);
  CHECK(with->rule_count() == icu_table().rule_count());
  const std::string text =
      polysearch::test::read_file(polysearch::test::seed_path("003")) + "牠們閤家脩好呉國様式";
  CHECK(with_table(*with, text) == fold(text, true, true));
  CHECK(with_table(icu_table(), text) == with_icu(text));
}
