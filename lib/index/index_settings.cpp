#include "index/index_settings.hpp"

#include <charconv>
#include <locale>
#include <memory>
#include <sstream>

#include "index/term_prefixes.hpp"
#include "polysearch/error.hpp"
#include "polysearch/index_writer.hpp"

namespace polysearch::detail {
namespace {

const char* on_off(bool value) { return value ? "on" : "off"; }

bool has_dictionary(const AnalyzerOptions& options) {
  return options.chinese.dictionary && !options.chinese.dictionary->empty();
}

bool has_compound_dictionary(const AnalyzerOptions& options) {
  return options.compound_dictionary && !options.compound_dictionary->empty();
}

// The sizes of the user dictionaries a stored setting lists, to check their stored texts.
struct DictionarySizes {
  std::size_t chinese_words = 0;
  std::size_t compound_entries = 0;
};

bool parse_count(const std::string& value, std::size_t& out) {
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  return error == std::errc() && end == value.data() + value.size();
}

bool parse_on_off(const std::string& value, bool& out) {
  if (value != "on" && value != "off") return false;
  out = value == "on";
  return true;
}

// Applies one "key=value" item; false if the key or value is unknown.  The dictionaries'
// entries are read separately: here only their counts are taken.
bool apply_setting(const std::string& item, AnalyzerOptions& options, DictionarySizes& sizes) {
  const std::size_t equals = item.find('=');
  if (equals == std::string::npos) return false;
  const std::string key = item.substr(0, equals);
  const std::string value = item.substr(equals + 1);
  if (key == "stemming") return parse_on_off(value, options.stemming);
  if (key == "fold_diacritics") return parse_on_off(value, options.fold_diacritics);
  if (key == "word_parts") return parse_on_off(value, options.word_parts);
  if (key == "compounds") return parse_on_off(value, options.compounds);
  if (key == "chinese_unigrams") return parse_on_off(value, options.chinese.unigrams);
  if (key == "fold_chinese_script") return parse_on_off(value, options.chinese.fold_script);
  if (key == "fold_chinese_variants") return parse_on_off(value, options.chinese.fold_variants);
  if (key == "dictionary") return parse_count(value, sizes.chinese_words);
  if (key == "compound_dictionary") return parse_count(value, sizes.compound_entries);
  if (key == "chinese") {
    try {
      options.chinese.segmentation = parse_chinese_segmentation(value);
      return true;
    } catch (const InvalidArgument&) {
      return false;
    }
  }
  return false;
}

}  // namespace

std::string serialize_analysis(const AnalyzerOptions& options) {
  return std::string("stemming=") + on_off(options.stemming) +
         " fold_diacritics=" + on_off(options.fold_diacritics) +
         " word_parts=" + on_off(options.word_parts) +
         // Only when on, so that indexes without it read as before in older versions.
         (options.compounds ? " compounds=on" : "") +
         (has_compound_dictionary(options)
              ? " compound_dictionary=" + std::to_string(options.compound_dictionary->size())
              : std::string()) +
         " fold_chinese_script=" + on_off(options.chinese.fold_script) +
         " fold_chinese_variants=" + on_off(options.chinese.fold_variants) +
         " chinese=" + to_string(options.chinese.segmentation) +
         " chinese_unigrams=" + on_off(options.chinese.unigrams) +
         (has_dictionary(options)
              ? " dictionary=" + std::to_string(options.chinese.dictionary->size())
              : std::string());
}

void write_analysis(Xapian::WritableDatabase& db, const AnalyzerOptions& options) {
  db.set_metadata(std::string(kAnalysisKey), serialize_analysis(options));
  if (has_compound_dictionary(options)) {
    db.set_metadata(std::string(kCompoundDictionaryKey), options.compound_dictionary->to_text());
  }
  if (!has_dictionary(options)) return;
  std::ostringstream words;
  words.imbue(std::locale::classic());
  words.precision(17);
  for (const auto& [word, frequency] : options.chinese.dictionary->words()) {
    words << word << '\t' << frequency << '\n';
  }
  db.set_metadata(std::string(kDictionaryKey), words.str());
}

AnalyzerOptions read_analysis(const Xapian::Database& db, const std::filesystem::path& path) {
  AnalyzerOptions options;
  // Indexes from before stored settings (and a setting missing from the list) were
  // built when Chinese was cut into words only, without variant folding, Han unigrams or
  // word parts; a setting missing from the list since then is off (compounds).
  options.chinese.segmentation = ChineseSegmentation::Words;
  options.chinese.fold_variants = false;
  options.chinese.unigrams = false;
  options.word_parts = false;
  options.compounds = false;  // written only when on
  std::istringstream stored(db.get_metadata(std::string(kAnalysisKey)));
  std::string item;
  DictionarySizes sizes;
  while (stored >> item) {
    if (!apply_setting(item, options, sizes)) {
      throw IndexError("open index '" + path.string() + "': unknown analysis setting '" + item +
                           "' (written by a newer polysearch?)",
                       path);
    }
  }
  try {
    if (sizes.chinese_words > 0) {
      auto dictionary = std::make_shared<UserDictionary>(
          UserDictionary::parse(db.get_metadata(std::string(kDictionaryKey)), "stored dictionary"));
      if (dictionary->size() != sizes.chinese_words) throw InputError("word count differs", 0);
      options.chinese.dictionary = std::move(dictionary);
    }
    if (sizes.compound_entries > 0) {
      auto dictionary = std::make_shared<CompoundDictionary>(CompoundDictionary::parse(
          db.get_metadata(std::string(kCompoundDictionaryKey)), "stored compound dictionary"));
      if (dictionary->size() != sizes.compound_entries) {
        throw InputError("entry count differs", 0);
      }
      options.compound_dictionary = std::move(dictionary);
    }
  } catch (const InputError& error) {
    throw IndexError(
        "open index '" + path.string() + "': its user dictionary is damaged (" + error.what() + ")",
        path);
  }
  return options;
}

void write_title_wdf(Xapian::WritableDatabase& db, unsigned title_wdf) {
  db.set_metadata(std::string(kTitleWdfKey), std::to_string(title_wdf));
}

unsigned read_title_wdf(const Xapian::Database& db, const std::filesystem::path& path) {
  const std::string stored = db.get_metadata(std::string(kTitleWdfKey));
  if (stored.empty()) return kLegacyTitleWdf;
  unsigned title_wdf = 0;
  const auto [end, error] =
      std::from_chars(stored.data(), stored.data() + stored.size(), title_wdf);
  if (error != std::errc() || end != stored.data() + stored.size() || title_wdf > kMaxTitleWdf) {
    throw IndexError("open index '" + path.string() + "': unknown title wdf '" + stored +
                         "' (written by a newer polysearch?)",
                     path);
  }
  return title_wdf;
}

void check_title_wdf(unsigned title_wdf) {
  if (title_wdf > kMaxTitleWdf) {
    throw InvalidArgument("title wdf " + std::to_string(title_wdf) + " is above the most, " +
                          std::to_string(kMaxTitleWdf));
  }
}

}  // namespace polysearch::detail
