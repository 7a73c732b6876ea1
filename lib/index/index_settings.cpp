#include "index/index_settings.hpp"

#include <sstream>

#include "polysearch/error.hpp"

namespace polysearch::detail {
namespace {

const char* on_off(bool value) { return value ? "on" : "off"; }

bool parse_on_off(const std::string& value, bool& out) {
  if (value != "on" && value != "off") return false;
  out = value == "on";
  return true;
}

// Applies one "key=value" item; false if the key or value is unknown.
bool apply_setting(const std::string& item, AnalyzerOptions& options) {
  const std::size_t equals = item.find('=');
  if (equals == std::string::npos) return false;
  const std::string key = item.substr(0, equals);
  const std::string value = item.substr(equals + 1);
  if (key == "stemming") return parse_on_off(value, options.stemming);
  if (key == "fold_diacritics") return parse_on_off(value, options.fold_diacritics);
  if (key == "fold_chinese_script") return parse_on_off(value, options.fold_chinese_script);
  if (key == "chinese") {
    try {
      options.chinese = parse_chinese_segmentation(value);
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
         " fold_chinese_script=" + on_off(options.fold_chinese_script) +
         " chinese=" + to_string(options.chinese);
}

AnalyzerOptions read_analysis(const Xapian::Database& db, const std::filesystem::path& path) {
  AnalyzerOptions options;
  std::istringstream stored(db.get_metadata(std::string(kAnalysisKey)));
  std::string item;
  while (stored >> item) {
    if (!apply_setting(item, options)) {
      throw IndexError("open index '" + path.string() + "': unknown analysis setting '" + item +
                           "' (written by a newer polysearch?)",
                       path);
    }
  }
  return options;
}

}  // namespace polysearch::detail
