#pragma once
// What makes a language different, in one struct per language.  Each language defines
// its profile in its own lib/lang/<language>.cpp, as profile_of<Language::X>(); the table
// of languages (POLYSEARCH_LANGUAGES) and registry.cpp find it there.  Nothing else in the
// library branches on a language.  README.md here shows how to add one.

#include <unicode/uscript.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/language.hpp"

namespace polysearch::detail {

class ScriptSegmenter;  // lang/script_segmenter.hpp
class WordSplitter;     // lang/word_splitter.hpp

struct LanguageProfile {
  // CLD2's codes for text the detector reads as this language, space-separated: its own
  // first, then those of close languages without an analyzer that it should take ("pt gl":
  // Galician is analyzed as Portuguese).  CLD2 gives short texts of other languages those
  // codes too (short Spanish is often "gl"), so for them the detector lets the function
  // words decide first.  Empty when CLD2 does not decide the language.
  std::string_view cld2_codes;
  // For the detector's vote on short texts (lang/function_words.hpp), besides the stop
  // list: words far commoner in this language than in others whose stop lists have them
  // too, counted for it against every language (Portuguese "o", "os", "e"; in Spanish
  // they are the rarer "or", "you", "and" before i-), space-separated; and letters or marks
  // only this language's text has among those the vote compares (Spanish "ñ¿¡"), each
  // counted as a word.
  std::string_view detection_words;
  std::string_view detection_letters;
  // libstemmer algorithm name, or nullptr for no stemming.
  const char* snowball_algorithm = nullptr;
  // Rewrites a case- and accent-folded word into the spelling the stemmer handles
  // best, so that accented and unaccented spellings stem alike (German "gruendung" →
  // "gründung"; Spanish "contratacion" → "contratación").  nullptr: nothing to do.
  // The analyzer folds accents again after this and after stemming.
  void (*prepare_for_stemming)(std::string& word) = nullptr;
  // The stop list: the name of lib/lang/stopwords/<name>.txt, empty for none.
  std::string_view stopwords;
  // Words that ask a question and are not on the stop list, space-separated, dropped from
  // queries like stop words (German "warum", Chinese "什么"; docs/RETRIEVAL.md measures
  // them).  Not used for detection, which reads the stop list alone.
  std::string_view question_words;
  // A script whose words are this language's whatever the text's language (Han:
  // Chinese), or USCRIPT_INVALID_CODE.  Text mostly in it is detected as this language
  // by script alone; its runs are cut by the segmenter below.
  UScriptCode script = USCRIPT_INVALID_CODE;
  // Makes the segmenter of that script for an analyzer with these options.
  std::unique_ptr<ScriptSegmenter> (*make_segmenter)(const AnalyzerOptions& options) = nullptr;
  // Makes the splitter of compound words (AnalyzerOptions::compounds) for an analyzer of
  // this language, with the user's splits (null: none), or nullptr where the language has
  // none.
  std::unique_ptr<WordSplitter> (*make_word_splitter)(
      std::shared_ptr<const CompoundDictionary> dictionary) = nullptr;
};

// Defined by each language's file: profile_of<Language::German>() in german.cpp, etc.
template <Language>
const LanguageProfile& profile_of();

// The profile for an analyzable language.  Throws InvalidArgument for Unknown.
const LanguageProfile& profile_for(Language language);

// The language that owns `script` (LanguageProfile::script), or Unknown.
Language language_of_script(UScriptCode script);

// Whether words of `c`'s script belong to a language that owns the script and has no
// stemmer: such a word is its own stem, and no word of another language stems to it.
bool is_unstemmed_script_character(UChar32 c);

// The language whose CLD2 code is `cld2_code` ("de", "gl"), or Unknown.
Language language_of_cld2_code(std::string_view cld2_code);

// Whether `language` is detected by its script alone, which is sound on any length of
// text (a query of one word), unlike a statistical detector.
bool detected_by_script(Language language);

// A script's segmenter with the profile of the language that owns the script.
struct ScriptAnalysis {
  const LanguageProfile* profile;
  std::unique_ptr<ScriptSegmenter> segmenter;
};

// The segmenters of every script a language owns, for an analyzer with `options`.
std::vector<ScriptAnalysis> make_script_segmenters(const AnalyzerOptions& options);

}  // namespace polysearch::detail
