// How often language detection is right on short texts: titles, single sentences and
// questions of the retrieval collections (../shared/data/retrieval), whose language is known
// from the collection, and documents as `polysearch index` detects them (title, newline,
// text).  Prints a Markdown table per configuration: per language and kind of text, the
// share detected right, the same on texts of at least 4 words, what the misses were taken
// for, and what the detector said it detected on them.
//
//   polysearch_detection_accuracy [--data DIR] [--half dev|test|all] [--config NAME]...
//                                 [--catalogs DIR|none] [--max-per-source N] [--errors N]
//                                 [--require KIND=PERCENT]...
//
//   --data       the retrieval collections (default: ../shared/data/retrieval of the source
//                tree); exits 77 ("skipped") when it is absent or holds none of them
//   --half       dev or test: half of the articles (by a hash of language and article title;
//                questions by a hash of their text); detection's rules for short texts were
//                chosen on dev, test checks them; default all
//   --config     polysearch: detect_language() of this build (the default); cld2: CLD2 alone,
//                best effort, no hints, its top-3 mapped through the profiles' CLD2 codes
//                (what detection did before short texts were handled); cld2-hint: the same
//                with CLD2's content-language hint for the supported languages; cld2-strict:
//                without kCLDFlagBestEffort; cld2-strict-hint.  Repeatable: a comparison
//                table follows the tables.
//   --catalogs   also measure short messages of the system's gettext catalogues
//                (/usr/share/locale/<lang>/LC_MESSAGES/*.mo): de, es, pt, pt_BR as their
//                language, and English (the original strings), French, Italian, Catalan,
//                Dutch, Romanian and Galician, which should fall back (Galician may be
//                taken for Portuguese: its CLD2 code maps to it).  Default: that directory
//                when it exists; "none" to skip
//   --max-per-source  at most N texts of each kind per collection (evenly spaced)
//   --errors     print up to N misses per language and kind
//   --require    fail (exit 1) when a language's share right on texts of KIND with at least
//                4 words is below PERCENT (e.g. sentence=99); KIND "message" is the
//                catalogues' de/es/pt messages
//
// Kinds: title (only collections whose titles are in their language: cmrc2018, stard; the
// others' titles are English Wikipedia names), sentence (xquadr's documents; squad11ptsample
// paragraphs split by ICU's sentence rules, fragments such as "John J." included),
// question (queries.tsv; xquad and xquadr share theirs) and document.
#include <cstdio>  // compact_lang_det.h uses FILE without including <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lang/profile.hpp"
#include "polysearch/error.hpp"
#include "polysearch/language.hpp"
#include "polysearch/text.hpp"
#include "util/utf8.hpp"

#ifndef POLYSEARCH_SHARED_DIR
#define POLYSEARCH_SHARED_DIR "../shared"
#endif

namespace {

namespace fs = std::filesystem;
using polysearch::Language;

constexpr int kSkipped = 77;          // ctest's SKIP_RETURN_CODE
constexpr std::size_t kMinWords = 4;  // the searcher trusts no shorter Latin-script query

struct Sample {
  Language expected;
  std::string group;  // "de", …; a catalogue's name for the rival languages
  std::string kind;
  std::string text;
  bool rival = false;  // a language without an analyzer: right is the fallback
};

struct Options {
  fs::path data = fs::path(POLYSEARCH_SHARED_DIR) / "data" / "retrieval";
  std::string half = "all";
  std::vector<std::string> configs;
  std::string catalogs = "/usr/share/locale";
  std::size_t max_per_source = 0;
  std::size_t errors = 0;
  std::vector<std::pair<std::string, double>> require;
};

// A collection: its directory, its language, and which kinds of text it gives.
struct Source {
  const char* path;
  const char* language;
  bool documents_are_sentences;  // xquadr: one sentence per document
  bool split_into_sentences;     // paragraphs cut into sentences for the sentence kind
  bool titles_in_language;
};

constexpr Source kSources[] = {
    {"xquadr/de", "de", true, false, false},
    {"xquadr/es", "es", true, false, false},
    {"xquadr/zh-Hans", "zh", true, false, false},
    {"xquad/de", "de", false, false, false},
    {"xquad/es", "es", false, false, false},
    {"xquad/zh-Hans", "zh", false, false, false},
    {"squad11ptsample/pt", "pt", false, true, false},
    {"cmrc2018/zh-Hans", "zh", false, false, true},
    {"stard/zh-Hans", "zh", false, false, true},
};

// zlib's CRC-32, so that the halves are those of the prototype that chose the rules
// (Python's zlib.crc32).
std::uint32_t crc32(std::string_view text) {
  std::uint32_t crc = 0xffffffffu;
  for (const unsigned char c : text) {
    crc ^= c;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// "dev" or "test": the half a text belongs to, by its language and a key (the article's
// title, or the question).
std::string half_of(std::string_view language, std::string_view key) {
  return crc32(std::string(language) + '|' + std::string(key)) % 2 == 0 ? "dev" : "test";
}

std::vector<std::string> split_sentences(const std::string& paragraph, const char* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaks(
      icu::BreakIterator::createSentenceInstance(icu::Locale(locale), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU sentence break iterator unavailable");
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(paragraph);
  breaks->setText(text);
  std::vector<std::string> sentences;
  for (int32_t start = breaks->first(), end = breaks->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaks->next()) {
    std::string sentence;
    text.tempSubStringBetween(start, end).toUTF8String(sentence);
    while (!sentence.empty() && std::isspace(static_cast<unsigned char>(sentence.back()))) {
      sentence.pop_back();
    }
    if (!sentence.empty()) sentences.push_back(sentence);
  }
  return sentences;
}

// Evenly spaced `limit` items of `items` (all when limit is 0 or not smaller).
template <typename T>
std::vector<T> spread(std::vector<T> items, std::size_t limit) {
  if (limit == 0 || items.size() <= limit) return items;
  std::vector<T> kept;
  for (std::size_t i = 0; i < limit; ++i) kept.push_back(items[i * items.size() / limit]);
  return kept;
}

struct Collected {
  std::vector<Sample> samples;
  std::set<std::string> seen;  // language, kind, text: xquad and xquadr share questions
  void add(Sample sample) {
    if (sample.text.empty() || polysearch::find_invalid_utf8(sample.text)) return;
    const std::string key = sample.group + '\t' + sample.kind + '\t' + sample.text;
    if (seen.insert(key).second) samples.push_back(std::move(sample));
  }
};

void read_collections(const Options& options, Collected& collected) {
  for (const Source& source : kSources) {
    const fs::path dir = options.data / source.path;
    if (!fs::exists(dir / "docs.jsonl")) {
      std::cerr << "note: " << dir.string() << " absent, not measured\n";
      continue;
    }
    const Language language = polysearch::parse_language(source.language);
    const std::string code(polysearch::language_code(language));
    std::map<std::string, std::vector<std::string>> kinds;  // kind → texts (before spread)
    std::ifstream docs(dir / "docs.jsonl");
    for (std::string line; std::getline(docs, line);) {
      if (line.empty()) continue;
      const nlohmann::json json = nlohmann::json::parse(line);
      const std::string title = json.value("title", "");
      const std::string text = json.value("text", "");
      if (options.half != "all" && half_of(code, title) != options.half) continue;
      if (source.titles_in_language) kinds["title"].push_back(title);
      if (source.documents_are_sentences) kinds["sentence"].push_back(text);
      if (source.split_into_sentences) {
        for (std::string& sentence : split_sentences(text, source.language)) {
          kinds["sentence"].push_back(std::move(sentence));
        }
      }
      // As IndexWriter detects a document without a language: title, newline, text.
      kinds["document"].push_back(title.empty() ? text : title + "\n" + text);
    }
    std::ifstream queries(dir / "queries.tsv");
    for (std::string line; std::getline(queries, line);) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      const std::string question = line.substr(tab + 1);
      if (options.half != "all" && half_of(code, question) != options.half) continue;
      kinds["question"].push_back(question);
    }
    for (auto& [kind, texts] : kinds) {
      for (std::string& text : spread(std::move(texts), options.max_per_source)) {
        collected.add({language, source.language, kind, std::move(text)});
      }
    }
  }
}

// --- gettext catalogues -----------------------------------------------------------------

// The original and translated strings of a .mo file (the first plural form of each).
std::vector<std::pair<std::string, std::string>> read_mo(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::pair<std::string, std::string>> entries;
  if (bytes.size() < 20) return entries;
  auto word = [&](std::size_t at) -> std::uint32_t {
    if (at + 4 > bytes.size()) return 0;
    std::uint32_t value = 0;
    std::memcpy(&value, bytes.data() + at, 4);
    return value;
  };
  if (word(0) != 0x950412deu) return entries;  // only little-endian catalogues, as built here
  const std::uint32_t count = word(8), originals = word(12), translations = word(16);
  auto string_at = [&](std::uint32_t table, std::uint32_t i) {
    const std::uint32_t length = word(table + 8 * i), offset = word(table + 8 * i + 4);
    if (std::size_t{offset} + length > bytes.size()) return std::string();
    std::string text = bytes.substr(offset, length);
    return text.substr(0, text.find('\0'));
  };
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string original = string_at(originals, i);
    if (original.empty()) continue;  // the header
    entries.emplace_back(std::move(original), string_at(translations, i));
  }
  return entries;
}

// A message without its format directives, markup and accelerator marks; empty unless it
// has at least three words of two letters or more and 15 to 400 bytes.
std::string clean_message(const std::string& message) {
  std::string out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '%') {  // %s, %-10d, %1$s
      std::size_t j = i + 1;
      while (j < message.size() && std::strchr("0123456789.-+$ #'l", message[j]) != nullptr) ++j;
      if (j < message.size() && std::isalpha(static_cast<unsigned char>(message[j]))) i = j;
      continue;
    }
    if (c == '{' || c == '<') {  // {0}, <b>
      const std::size_t close = message.find(c == '{' ? '}' : '>', i);
      if (close != std::string::npos) i = close;
      continue;
    }
    if (c == '_' || c == '&') continue;
    out += (c == '\n' || c == '\t') ? ' ' : c;
  }
  if (out.size() < 15 || out.size() > 400 || polysearch::find_invalid_utf8(out)) return {};
  std::size_t words = 0, letters = 0;
  for (std::size_t i = 0; i <= out.size(); ++i) {
    const bool letter = i < out.size() && (std::isalpha(static_cast<unsigned char>(out[i])) ||
                                           static_cast<unsigned char>(out[i]) >= 0x80);
    if (letter) {
      ++letters;
    } else {
      if (letters >= 2) ++words;
      letters = 0;
    }
  }
  return words >= 3 ? out : std::string();
}

// Every cleaned message of the catalogues of `locale`; the originals instead when
// `originals` (they are English).
std::vector<std::string> catalogue_messages(const fs::path& root, const std::string& locale,
                                            bool originals) {
  std::set<std::string> messages;
  const fs::path dir = root / locale / "LC_MESSAGES";
  if (!fs::is_directory(dir)) return {};
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".mo") continue;
    for (const auto& [original, translation] : read_mo(entry.path())) {
      const std::string message = clean_message(originals ? original : translation);
      if (!message.empty() && (originals || message != clean_message(original))) {
        messages.insert(message);
      }
    }
  }
  return {messages.begin(), messages.end()};
}

void read_catalogues(const Options& options, Collected& collected) {
  const fs::path root = options.catalogs;
  if (options.catalogs == "none" || !fs::is_directory(root)) return;
  const std::size_t limit = options.max_per_source == 0 ? 3000 : options.max_per_source;
  struct Catalogue {
    const char* locale;
    const char* expected;  // nullptr: a language without an analyzer
    const char* name;
  };
  const Catalogue catalogues[] = {
      {"de", "de", "de"},    {"es", "es", "es"},    {"pt", "pt", "pt"},    {"pt_BR", "pt", "pt_BR"},
      {"fr", nullptr, "en"}, {"fr", nullptr, "fr"}, {"it", nullptr, "it"}, {"ca", nullptr, "ca"},
      {"nl", nullptr, "nl"}, {"ro", nullptr, "ro"}, {"gl", nullptr, "gl"},
  };
  std::size_t index = 0;
  for (const Catalogue& catalogue : catalogues) {
    const bool originals = std::strcmp(catalogue.name, "en") == 0;
    std::vector<std::string> messages = catalogue_messages(root, catalogue.locale, originals);
    messages = spread(std::move(messages), 2 * limit);
    for (std::size_t i = 0; i < messages.size(); ++i, ++index) {
      // Halves by position: the catalogues are outside the collections' articles.
      if (options.half != "all" && (index % 2 == 0 ? "dev" : "test") != options.half) continue;
      Sample sample;
      sample.expected = catalogue.expected != nullptr
                            ? polysearch::parse_language(catalogue.expected)
                            : Language::Neutral;
      sample.group = catalogue.name;
      sample.kind = "message";
      sample.text = std::move(messages[i]);
      sample.rival = catalogue.expected == nullptr;
      collected.add(std::move(sample));
    }
  }
}

// --- detectors --------------------------------------------------------------------------

struct Answer {
  Language language;
  std::string detected;
};

// CLD2 alone: its top three languages, the first one with a profile (or Chinese) wins.
Answer ask_cld2(const std::string& text, bool best_effort, bool hint) {
  static const std::string supported_codes = [] {
    std::string codes;
    for (const Language language : polysearch::supported_languages()) {
      std::string_view listed = polysearch::detail::profile_for(language).cld2_codes;
      listed = listed.substr(0, listed.find(' '));
      if (listed.empty()) continue;
      if (!codes.empty()) codes += ',';
      codes += listed;
    }
    return codes;
  }();
  const CLD2::CLDHints hints{hint ? supported_codes.c_str() : nullptr, nullptr,
                             CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  std::array<CLD2::Language, 3> languages{};
  std::array<int, 3> percents{};
  std::array<double, 3> scores{};
  int text_bytes = 0;
  bool reliable = false;
  CLD2::ExtDetectLanguageSummary(text.data(), static_cast<int>(text.size()), true, &hints,
                                 best_effort ? CLD2::kCLDFlagBestEffort : 0, languages.data(),
                                 percents.data(), scores.data(), nullptr, &text_bytes, &reliable);
  for (std::size_t i = 0; i < languages.size(); ++i) {
    if (percents[i] == 0) continue;
    const std::string code = CLD2::LanguageCode(languages[i]);
    Language language = polysearch::detail::language_of_cld2_code(code);
    if (code == "zh" || code == "zh-Hant") language = polysearch::parse_language("zh");
    if (language != Language::Unknown) return {language, code};
  }
  return {Language::Neutral, CLD2::LanguageCode(languages[0])};
}

Answer detect(const std::string& config, const std::string& text) {
  if (config == "polysearch") {
    const polysearch::LanguageGuess guess = polysearch::detect_language(text);
    return {guess.language, guess.detected};
  }
  if (config == "cld2") return ask_cld2(text, true, false);
  if (config == "cld2-hint") return ask_cld2(text, true, true);
  if (config == "cld2-strict") return ask_cld2(text, false, false);
  if (config == "cld2-strict-hint") return ask_cld2(text, false, true);
  throw std::runtime_error("unknown configuration '" + config +
                           "' (expected polysearch, cld2, cld2-hint, cld2-strict or "
                           "cld2-strict-hint)");
}

// --- tables -----------------------------------------------------------------------------

// Words of letters or digits; each Han or kana character counts as one (a Chinese word has
// about 1.7 characters).
std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<UChar32>(polysearch::detail::decode_utf8(text, i));
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) {
      ++words;
      in_word = false;
      continue;
    }
    const bool word_character = u_isalnum(c) != 0;
    if (word_character && !in_word) ++words;
    in_word = word_character;
  }
  return words;
}

double percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

struct Cell {
  std::size_t texts = 0, right = 0, long_texts = 0, long_right = 0;
  std::map<std::string, std::size_t> taken_for;  // analyzer code of the misses
  std::map<std::string, std::size_t> detected;   // what the detector named on the misses
  std::vector<std::string> misses;
  [[nodiscard]] double share() const { return percent(right, texts); }
  [[nodiscard]] double long_share() const { return percent(long_right, long_texts); }
};

const std::vector<std::string> kKindOrder = {"title", "sentence", "question", "document",
                                             "message"};

std::size_t kind_rank(const std::string& kind) {
  return static_cast<std::size_t>(std::find(kKindOrder.begin(), kKindOrder.end(), kind) -
                                  kKindOrder.begin());
}

std::string most_common(const std::map<std::string, std::size_t>& counts, std::size_t total,
                        bool as_percent, std::size_t limit = 3) {
  std::vector<std::pair<std::size_t, std::string>> sorted;
  for (const auto& [name, count] : counts) sorted.emplace_back(count, name);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::ostringstream out;
  for (std::size_t i = 0; i < sorted.size() && i < limit; ++i) {
    if (i > 0) out << ", ";
    out << sorted[i].second << ' ';
    if (as_percent) {
      char share[16];
      std::snprintf(share, sizeof share, "%.1f%%", percent(sorted[i].first, total));
      out << share;
    } else {
      out << sorted[i].first;
    }
  }
  return sorted.empty() ? "–" : out.str();
}

using Key = std::pair<std::string, std::string>;  // group, kind
struct KeyOrder {
  bool operator()(const Key& a, const Key& b) const {
    if (a.first != b.first) return a.first < b.first;
    return kind_rank(a.second) < kind_rank(b.second);
  }
};
using Table = std::map<Key, Cell, KeyOrder>;

Table measure(const std::string& config, const std::vector<Sample>& samples) {
  Table table;
  for (const Sample& sample : samples) {
    const Answer answer = detect(config, sample.text);
    Cell& cell = table[{sample.group, sample.kind}];
    const bool right = answer.language == sample.expected;
    const bool long_text = word_count(sample.text) >= kMinWords;
    ++cell.texts;
    cell.right += right;
    cell.long_texts += long_text;
    cell.long_right += long_text && right;
    if (!right) {
      ++cell.taken_for[std::string(polysearch::language_code(answer.language))];
      ++cell.detected[answer.detected.empty() ? "none" : answer.detected];
      cell.misses.push_back(sample.text);
    }
  }
  return table;
}

void print_table(const std::string& config, const Table& table, const Options& options,
                 const std::vector<Sample>& samples) {
  std::set<std::string> rivals;
  for (const Sample& sample : samples) {
    if (sample.rival) rivals.insert(sample.group);
  }
  std::printf("\n### %s (half: %s)\n\n", config.c_str(), options.half.c_str());
  std::printf("| language | kind | texts | right | right, ≥ %zu words | taken for | detected |\n",
              kMinWords);
  std::printf("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
  for (const auto& [key, cell] : table) {
    if (rivals.count(key.first) != 0) continue;
    std::printf("| %s | %s | %zu | %.2f%% | %.2f%% | %s | %s |\n", key.first.c_str(),
                key.second.c_str(), cell.texts, cell.share(), cell.long_share(),
                most_common(cell.taken_for, cell.texts, true).c_str(),
                most_common(cell.detected, cell.texts, false).c_str());
  }
  if (!rivals.empty()) {
    std::printf("\nMessages in languages without an analyzer (right: the fallback, und):\n\n");
    std::printf("| language | texts | und | taken for de | es | pt |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (const auto& [key, cell] : table) {
      if (rivals.count(key.first) == 0) continue;
      auto share = [&](const char* code) {
        const auto it = cell.taken_for.find(code);
        return percent(it == cell.taken_for.end() ? 0 : it->second, cell.texts);
      };
      std::printf("| %s | %zu | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n", key.first.c_str(),
                  cell.texts, cell.share(), share("de"), share("es"), share("pt"));
    }
  }
  if (options.errors > 0) {
    for (const auto& [key, cell] : table) {
      if (cell.misses.empty() || rivals.count(key.first) != 0) continue;
      std::printf("\nmisses, %s %s:\n", key.first.c_str(), key.second.c_str());
      for (std::size_t i = 0; i < cell.misses.size() && i < options.errors; ++i) {
        std::printf("  %s\n", cell.misses[i].substr(0, 160).c_str());
      }
    }
  }
}

void print_comparison(const std::vector<std::string>& configs, const std::vector<Table>& tables) {
  std::printf("\n### right, all texts (≥ %zu words)\n\n| language | kind |", kMinWords);
  for (const std::string& config : configs) std::printf(" %s |", config.c_str());
  std::printf("\n| --- | --- |");
  for (std::size_t i = 0; i < configs.size(); ++i) std::printf(" ---: |");
  std::printf("\n");
  for (const auto& [key, first] : tables.front()) {
    std::printf("| %s | %s |", key.first.c_str(), key.second.c_str());
    for (const Table& table : tables) {
      const Cell& cell = table.at(key);
      std::printf(" %.2f%% (%.2f%%) |", cell.share(), cell.long_share());
    }
    std::printf("\n");
  }
}

Options parse_arguments(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--data" && has_value) {
      options.data = argv[++i];
    } else if (arg == "--half" && has_value) {
      options.half = argv[++i];
      if (options.half != "dev" && options.half != "test" && options.half != "all") {
        throw std::runtime_error("--half: expected dev, test or all");
      }
    } else if (arg == "--config" && has_value) {
      options.configs.emplace_back(argv[++i]);
    } else if (arg == "--catalogs" && has_value) {
      options.catalogs = argv[++i];
    } else if (arg == "--max-per-source" && has_value) {
      options.max_per_source = std::stoul(argv[++i]);
    } else if (arg == "--errors" && has_value) {
      options.errors = std::stoul(argv[++i]);
    } else if (arg == "--require" && has_value) {
      const std::string value = argv[++i];
      const std::size_t equals = value.find('=');
      if (equals == std::string::npos) throw std::runtime_error("--require: expected KIND=PERCENT");
      options.require.emplace_back(value.substr(0, equals), std::stod(value.substr(equals + 1)));
    } else {
      throw std::runtime_error(
          "usage: polysearch_detection_accuracy [--data DIR] [--half dev|test|all] "
          "[--config NAME]... [--catalogs DIR|none] [--max-per-source N] [--errors N] "
          "[--require KIND=PERCENT]...");
    }
  }
  if (options.configs.empty()) options.configs.emplace_back("polysearch");
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse_arguments(argc, argv);
  // The collections are not in the repository: ../shared beside it holds them where the
  // project is developed, and a fresh clone elsewhere has nothing to measure.
  const auto skip = [&](const char* what) {
    std::cout << "skipped: " << what << " " << options.data.string()
              << " (the retrieval collections of ../shared beside the source tree; --data DIR "
                 "to measure others)\n";
    return kSkipped;
  };
  if (!fs::is_directory(options.data)) return skip("no directory");
  Collected collected;
  read_collections(options, collected);
  if (collected.samples.empty()) return skip("no collection in");
  read_catalogues(options, collected);
  std::printf("%zu texts from %s", collected.samples.size(), options.data.string().c_str());
  if (options.catalogs != "none" && fs::is_directory(options.catalogs)) {
    std::printf(" and the catalogues in %s", options.catalogs.c_str());
  }
  std::printf("\n");

  std::vector<Table> tables;
  for (const std::string& config : options.configs) {
    tables.push_back(measure(config, collected.samples));
    print_table(config, tables.back(), options, collected.samples);
  }
  if (tables.size() > 1) print_comparison(options.configs, tables);

  int status = 0;
  for (const auto& [kind, percent] : options.require) {
    for (const auto& [key, cell] : tables.front()) {
      if (key.second != kind || cell.long_texts == 0) continue;
      bool rival = false;
      for (const Sample& sample : collected.samples) {
        if (sample.group == key.first) {
          rival = sample.rival;
          break;
        }
      }
      if (rival || cell.long_share() >= percent) continue;
      std::printf("FAIL: %s %s: %.2f%% right on texts of at least %zu words, below %.2f%%\n",
                  key.first.c_str(), kind.c_str(), cell.long_share(), kMinWords, percent);
      status = 1;
    }
  }
  return status;
} catch (const std::exception& e) {
  std::cerr << "polysearch_detection_accuracy: error: " << e.what() << '\n';
  return 2;
}
