#pragma once
// The pybind11 module polysearch._core: what each source file binds, and the conversions
// between Python objects and the library's types that several of them share.  The Python
// files in python/polysearch/ wrap this module with the documented API (signatures,
// docstrings, paths and dicts accepted where the C++ takes one form).
#include <pybind11/pybind11.h>

#include <cstddef>
#include <exception>
#include <string>
#include <string_view>

#include "polysearch/analyzer.hpp"
#include "polysearch/language.hpp"

namespace polysearch::python {

namespace py = pybind11;

// The exception classes (Error and its subclasses) and the translator that raises them
// for the library's exceptions.
void bind_errors(py::module_& module);
// The Python exception for one of the library's exceptions; null for another exception,
// which is rethrown for pybind11 to translate.
[[nodiscard]] py::object exception_object(std::exception_ptr thrown);
// Token, Detection, analyze(), detect(), segment().
void bind_analysis(py::module_& module);
// IndexWriter: add, add_many, delete, commit, close.
void bind_index(py::module_& module);
// Searcher, Hit and batch_search.
void bind_search(py::module_& module);
// The eval submodule: qrels, runs, topics, evaluate, compare.
void bind_eval(py::module_& module);

// The name of a value's type, for messages ("list").
[[nodiscard]] std::string type_name(py::handle value);
// A Python str as UTF-8.  `what` names the value in messages ("'text'").
// @throws py::type_error if `value` is not a str; InputError if it holds a lone surrogate
//         (which UTF-8 cannot encode), with the byte offset where it would be.
[[nodiscard]] std::string utf8_of(py::handle value, std::string_view what);
// A str or os.PathLike as a file-system path string (os.fspath).
[[nodiscard]] std::string path_of(py::handle value, std::string_view what);
// UTF-8 the library produced, as a Python str.
[[nodiscard]] py::str str_of(std::string_view utf8);
// The number of code points in utf8[0, byte): a Python str index.
[[nodiscard]] std::size_t char_offset(std::string_view utf8, std::size_t byte);
// None or a language code ("de", "auto", "und") as a Language (None: Unknown).
[[nodiscard]] Language language_of(py::handle value);
// Analysis settings from a dict of the keys analysis_dict() writes (missing keys keep
// their defaults); None gives the defaults.
[[nodiscard]] AnalyzerOptions analysis_of(py::handle settings);
// Analysis settings as a dict.
[[nodiscard]] py::dict analysis_dict(const AnalyzerOptions& options);
// A whole number >= 0 (not a bool), named `what` in messages.
// @throws py::type_error for another type, InvalidArgument for a negative or huge one.
[[nodiscard]] std::size_t count_of(py::handle value, const std::string& what);
// A finite int or float (not a bool).
// @throws py::type_error for another type, InvalidArgument for inf or NaN.
[[nodiscard]] double number_of(py::handle value, const std::string& what);
// The value of `key` in a settings dict, or None.
[[nodiscard]] py::object setting(const py::dict& settings, const char* key);

}  // namespace polysearch::python
