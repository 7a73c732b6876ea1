// Conversions between Python objects and the library's types (bindings.hpp).
#include <cmath>
#include <memory>
#include <string>

#include "bindings.hpp"
#include "polysearch/chinese.hpp"
#include "polysearch/error.hpp"

namespace polysearch::python {

std::string type_name(py::handle value) { return py::str(py::type::of(value).attr("__name__")); }

namespace {

// The UTF-8 length of str[0, characters): where a lone surrogate would sit in UTF-8.
std::size_t utf8_length(py::handle str, Py_ssize_t characters) {
  const py::object prefix =
      py::reinterpret_steal<py::object>(PyUnicode_Substring(str.ptr(), 0, characters));
  if (!prefix) throw py::error_already_set();
  const py::bytes encoded = py::reinterpret_steal<py::bytes>(
      PyUnicode_AsEncodedString(prefix.ptr(), "utf-8", "surrogatepass"));
  if (!encoded) throw py::error_already_set();
  return static_cast<std::size_t>(PyBytes_Size(encoded.ptr()));
}

bool bool_setting(const py::dict& settings, const char* key, bool fallback) {
  const py::object value = setting(settings, key);
  if (value.is_none()) return fallback;
  if (!PyBool_Check(value.ptr())) {
    throw py::type_error(std::string("analysis setting '") + key + "' must be a bool, not " +
                         type_name(value));
  }
  return value.cast<bool>();
}

}  // namespace

std::string utf8_of(py::handle value, std::string_view what) {
  if (!PyUnicode_Check(value.ptr())) {
    throw py::type_error(std::string(what) + " must be a str, not " + type_name(value));
  }
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
  if (data != nullptr) return std::string(data, static_cast<std::size_t>(size));
  // Only a lone surrogate ("\udcff", from surrogateescape) cannot be encoded.
  py::error_already_set encode_error;
  Py_ssize_t start = 0;
  if (!encode_error.matches(PyExc_UnicodeEncodeError) ||
      PyUnicodeEncodeError_GetStart(encode_error.value().ptr(), &start) != 0) {
    throw std::move(encode_error);
  }
  const std::size_t byte = utf8_length(value, start);
  throw InputError(std::string(what) + " is not valid UTF-8: a lone surrogate at character " +
                       std::to_string(start) + " (byte " + std::to_string(byte) + ")",
                   byte);
}

std::string path_of(py::handle value, std::string_view what) {
  if (!PyUnicode_Check(value.ptr()) && !py::hasattr(value, "__fspath__")) {
    throw py::type_error(std::string(what) + " must be a str or os.PathLike, not " +
                         type_name(value));
  }
  const py::object path = py::module_::import("os").attr("fspath")(value);
  return utf8_of(path, what);
}

py::str str_of(std::string_view utf8) {
  PyObject* str =
      PyUnicode_DecodeUTF8(utf8.data(), static_cast<Py_ssize_t>(utf8.size()), "surrogateescape");
  if (str == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(str);
}

std::size_t char_offset(std::string_view utf8, std::size_t byte) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < byte && i < utf8.size(); ++i) {
    // Every byte but a continuation byte (10xxxxxx) starts a code point.
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) ++characters;
  }
  return characters;
}

Language language_of(py::handle value) {
  if (value.is_none()) return Language::Unknown;
  return parse_language(utf8_of(value, "lang"));
}

std::size_t count_of(py::handle value, const std::string& what) {
  if (!PyLong_Check(value.ptr()) || PyBool_Check(value.ptr())) {
    throw py::type_error(what + " must be an int, not " + type_name(value));
  }
  int overflow = 0;
  const long long number = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow > 0) throw InvalidArgument(what + " is too large");
  if (overflow < 0 || number < 0) throw InvalidArgument(what + " must be at least 0");
  return static_cast<std::size_t>(number);
}

double number_of(py::handle value, const std::string& what) {
  if ((!PyLong_Check(value.ptr()) && !PyFloat_Check(value.ptr())) || PyBool_Check(value.ptr())) {
    throw py::type_error(what + " must be a number, not " + type_name(value));
  }
  const double number = PyFloat_AsDouble(value.ptr());
  if (number == -1.0 && PyErr_Occurred()) throw py::error_already_set();
  if (!std::isfinite(number)) throw InvalidArgument(what + " must be a finite number");
  return number;
}

py::object setting(const py::dict& settings, const char* key) {
  if (!settings.contains(key)) return py::none();
  return settings[key];
}

AnalyzerOptions analysis_of(py::handle value) {
  AnalyzerOptions options;
  if (value.is_none()) return options;
  if (!PyDict_Check(value.ptr())) {
    throw py::type_error("analysis must be a dict, not " + type_name(value));
  }
  const py::dict settings = py::reinterpret_borrow<py::dict>(value);
  static const char* const kKeys[] = {"stemming",
                                      "fold_diacritics",
                                      "word_parts",
                                      "german_compounds",
                                      "chinese_segmentation",
                                      "chinese_unigrams",
                                      "fold_chinese_script",
                                      "fold_chinese_variants",
                                      "chinese_dictionary",
                                      "german_compound_dictionary"};
  for (const auto& [key, unused] : settings) {
    const std::string name = utf8_of(key, "an analysis setting's name");
    bool known = false;
    for (const char* accepted : kKeys) known = known || name == accepted;
    if (!known) throw InvalidArgument("unknown analysis setting '" + name + "'");
  }
  options.stemming = bool_setting(settings, "stemming", options.stemming);
  options.fold_diacritics = bool_setting(settings, "fold_diacritics", options.fold_diacritics);
  options.word_parts = bool_setting(settings, "word_parts", options.word_parts);
  options.compounds = bool_setting(settings, "german_compounds", options.compounds);
  ChineseOptions& chinese = options.chinese;
  chinese.unigrams = bool_setting(settings, "chinese_unigrams", chinese.unigrams);
  chinese.fold_script = bool_setting(settings, "fold_chinese_script", chinese.fold_script);
  chinese.fold_variants = bool_setting(settings, "fold_chinese_variants", chinese.fold_variants);
  if (const py::object mode = setting(settings, "chinese_segmentation"); !mode.is_none()) {
    chinese.segmentation = parse_chinese_segmentation(utf8_of(mode, "chinese_segmentation"));
  }
  if (const py::object file = setting(settings, "chinese_dictionary"); !file.is_none()) {
    chinese.dictionary =
        std::make_shared<UserDictionary>(UserDictionary::read(path_of(file, "chinese_dictionary")));
  }
  if (const py::object file = setting(settings, "german_compound_dictionary"); !file.is_none()) {
    options.compound_dictionary = std::make_shared<CompoundDictionary>(
        CompoundDictionary::read(path_of(file, "german_compound_dictionary")));
  }
  return options;
}

py::dict analysis_dict(const AnalyzerOptions& options) {
  py::dict settings;
  settings["stemming"] = options.stemming;
  settings["fold_diacritics"] = options.fold_diacritics;
  settings["word_parts"] = options.word_parts;
  settings["german_compounds"] = options.compounds;
  settings["chinese_segmentation"] = to_string(options.chinese.segmentation);
  settings["chinese_unigrams"] = options.chinese.unigrams;
  settings["fold_chinese_script"] = options.chinese.fold_script;
  settings["fold_chinese_variants"] = options.chinese.fold_variants;
  const auto& dictionary = options.chinese.dictionary;
  settings["chinese_dictionary_words"] = dictionary ? dictionary->size() : 0;
  const auto& compounds = options.compound_dictionary;
  settings["german_compound_dictionary_entries"] = compounds ? compounds->size() : 0;
  return settings;
}

}  // namespace polysearch::python
