// analyze(), detect() and segment(): the analysis pipeline of the index, on a string.
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "bindings.hpp"
#include "polysearch/analyzer.hpp"
#include "polysearch/chinese.hpp"
#include "polysearch/compounds.hpp"
#include "polysearch/language.hpp"

namespace polysearch::python {
namespace {

// A Token with its place in the Python str: offsets in characters, and the text it covers.
struct PyToken {
  Token token;
  std::size_t start = 0;
  std::size_t end = 0;
  std::string text;
};

std::string token_repr(const PyToken& t) {
  std::string flags;
  if (t.token.stopword) flags += ", stopword";
  if (t.token.subword) flags += ", subword";
  if (t.token.compound) flags += ", compound part";
  if (t.token.part && !t.token.compound) flags += ", part";
  return "Token(" + py::repr(str_of(t.text)).cast<std::string>() +
         ", term=" + py::repr(str_of(t.token.term)).cast<std::string>() +
         ", stem=" + py::repr(str_of(t.token.stem)).cast<std::string>() +
         ", position=" + std::to_string(t.token.position) + flags + ")";
}

// The language to analyze `text` in: the one given, or the detected one.
Language analysis_language(const std::string& text, py::handle lang) {
  const Language language = language_of(lang);
  if (language != Language::Unknown) return language;
  return detect_language(text).language;
}

std::vector<PyToken> analyze(py::handle text_object, py::handle lang, py::handle analysis) {
  const std::string text = utf8_of(text_object, "text");
  const AnalyzerOptions options = analysis_of(analysis);
  std::vector<Token> tokens;
  {
    py::gil_scoped_release unlocked;
    Analyzer analyzer(analysis_language(text, lang), options);
    analyzer.analyze(text, tokens);
  }
  std::vector<PyToken> out;
  out.reserve(tokens.size());
  std::size_t byte = 0, character = 0;  // offsets advance together: tokens mostly go forward
  auto characters_to = [&](std::size_t target) {
    if (target < byte) byte = character = 0;
    character += char_offset(std::string_view(text).substr(byte), target - byte);
    byte = target;
    return character;
  };
  for (Token& token : tokens) {
    PyToken item;
    item.text = text.substr(token.begin, token.end - token.begin);
    item.start = characters_to(token.begin);
    item.end = item.start + char_offset(item.text, item.text.size());
    item.token = std::move(token);
    out.push_back(std::move(item));
  }
  return out;
}

py::list segment(py::handle text_object, py::handle mode, py::handle dictionary, bool terms,
                 bool fold_script, bool fold_variants) {
  const std::string text = utf8_of(text_object, "text");
  AnalyzerOptions options;
  options.chinese.segmentation = parse_chinese_segmentation(utf8_of(mode, "mode"));
  options.chinese.fold_script = fold_script;
  options.chinese.fold_variants = fold_variants;
  if (!dictionary.is_none()) {
    options.chinese.dictionary =
        std::make_shared<UserDictionary>(UserDictionary::read(path_of(dictionary, "dictionary")));
  }
  // As `polysearch segment` cuts a line: words as written, or the index terms' pieces.
  std::vector<std::string> pieces;
  {
    py::gil_scoped_release unlocked;
    Analyzer analyzer(Language::Chinese, options);
    if (options.chinese.segmentation == ChineseSegmentation::Words && !terms) {
      for (const Segment& piece : analyzer.segment(text)) {
        pieces.push_back(text.substr(piece.begin, piece.end - piece.begin));
      }
    } else {
      for (const Token& token : analyzer.analyze(text)) {
        pieces.push_back(terms ? token.term : text.substr(token.begin, token.end - token.begin));
      }
    }
  }
  py::list out;
  for (const std::string& piece : pieces) out.append(str_of(piece));
  return out;
}

// Each word as `polysearch compounds --json` prints it: {"word", "split", "parts", "head",
// "ambiguous"}.  One splitter for all the words, so that its cache serves them.
py::list split_compounds(py::handle words, py::handle dictionary) {
  std::vector<std::string> utf8;
  for (py::handle word : py::iter(words)) utf8.push_back(utf8_of(word, "word"));
  std::shared_ptr<const CompoundDictionary> entries;
  if (!dictionary.is_none()) {
    entries = std::make_shared<CompoundDictionary>(
        CompoundDictionary::read(path_of(dictionary, "compound_dict")));
  }
  std::vector<CompoundSplit> splits;
  {
    py::gil_scoped_release unlocked;
    CompoundSplitter splitter(Language::German, entries);
    for (const std::string& word : utf8) splits.push_back(splitter.split(word));
  }
  py::list out;
  for (std::size_t i = 0; i < splits.size(); ++i) {
    py::list parts;
    for (const std::string& part : splits[i].parts) parts.append(str_of(part));
    py::dict split;
    split["word"] = str_of(utf8[i]);
    split["split"] = str_of(splits[i].written());
    split["parts"] = parts;
    split["head"] = splits[i].head;
    split["ambiguous"] = splits[i].ambiguous;
    out.append(split);
  }
  return out;
}

LanguageGuess detect(py::handle text_object, py::handle fallback) {
  const std::string text = utf8_of(text_object, "text");
  DetectorOptions options;
  if (!fallback.is_none()) options.fallback = language_of(fallback);
  py::gil_scoped_release unlocked;
  return detect_language(text, options);
}

}  // namespace

void bind_analysis(py::module_& module) {
  py::class_<PyToken>(module, "Token", "One word of analyzed text (polysearch.analyze()).")
      .def_property_readonly(
          "text", [](const PyToken& t) { return str_of(t.text); }, "The word as written.")
      .def_property_readonly(
          "term", [](const PyToken& t) { return str_of(t.token.term); },
          "The normalized word: NFKC, case-folded, accents folded, Chinese in Simplified "
          "script; phrases and wildcards match this form.")
      .def_property_readonly(
          "stem", [](const PyToken& t) { return str_of(t.token.stem); },
          "The term after the language's stemmer; plain query words match this form.")
      .def_readonly("start", &PyToken::start, "Index of the word's first character in the text.")
      .def_readonly("end", &PyToken::end, "Index one past the word's last character.")
      .def_property_readonly(
          "position", [](const PyToken& t) { return t.token.position; },
          "Word number, from 0; a part shares its word's position.")
      .def_property_readonly(
          "stopword", [](const PyToken& t) { return t.token.stopword; },
          "In the language's stop list (queries drop these).")
      .def_property_readonly(
          "subword", [](const PyToken& t) { return t.token.subword; },
          "A Chinese character bigram or unigram inside a word (hybrid segmentation).")
      .def_property_readonly(
          "part", [](const PyToken& t) { return t.token.part; },
          "A part of the word before it (d'água → água; a German compound's constituent).")
      .def_property_readonly(
          "compound", [](const PyToken& t) { return t.token.compound; },
          "A constituent of a German compound (Fußballweltmeisterschaft → Weltmeisterschaft).")
      .def("__repr__", &token_repr);

  py::class_<LanguageGuess>(module, "Detection", "What polysearch.detect() decided, and why.")
      .def_property_readonly(
          "lang", [](const LanguageGuess& g) { return std::string(language_code(g.language)); },
          "The analyzer to use: de, es, pt, zh or und.")
      .def_property_readonly(
          "detected", [](const LanguageGuess& g) { return str_of(g.detected); },
          "What the text is in (\"de\", \"en\", \"zh-Hant\"), which may have no analyzer; "
          "empty if nothing was found.")
      .def_readonly("confidence", &LanguageGuess::confidence,
                    "How much of the text is in `detected`, 0..1.")
      .def_readonly("reliable", &LanguageGuess::reliable, "Whether the detector trusts `detected`.")
      .def_readonly("fell_back", &LanguageGuess::fell_back,
                    "`lang` is the fallback: `detected` has no analyzer.")
      .def("__repr__", [](const LanguageGuess& g) {
        return "Detection(lang='" + std::string(language_code(g.language)) + "', detected='" +
               g.detected +
               "', confidence=" + py::repr(py::float_(g.confidence)).cast<std::string>() +
               ", reliable=" + (g.reliable ? "True" : "False") + ")";
      });

  module.def("_analyze", &analyze, py::arg("text"), py::arg("lang"), py::arg("analysis"));
  module.def("_detect", &detect, py::arg("text"), py::arg("fallback"));
  module.def("_split_compounds", &split_compounds, py::arg("words"), py::arg("dictionary"));
  module.def("_segment", &segment, py::arg("text"), py::arg("mode"), py::arg("dictionary"),
             py::arg("terms"), py::arg("fold_script"), py::arg("fold_variants"));
}

}  // namespace polysearch::python
