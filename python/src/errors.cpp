// The exception classes of the Python package, one per C++ exception class, and the
// translator that raises them.  Bad input is a ValueError, an unusable index an OSError,
// so callers can catch them as Python code usually does; IndexError is a builtin, so the
// class for polysearch::IndexError is IndexAccessError.
#include <string>

#include "bindings.hpp"
#include "polysearch/error.hpp"

namespace polysearch::python {
namespace {

// The classes, created once when the module is imported and never freed (as CPython's own).
struct ErrorClasses {
  PyObject* error = nullptr;
  PyObject* invalid_argument = nullptr;
  PyObject* input = nullptr;
  PyObject* query_syntax = nullptr;
  PyObject* index_access = nullptr;
};
ErrorClasses classes;

PyObject* add_class(py::module_& module, const char* name, const char* doc, py::tuple bases) {
  const std::string qualified = std::string("polysearch.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  module.add_object(name, py::handle(type));  // the module's reference; ours is never released
  return type;
}

// `type(message)` with the given attribute set on the exception.
template <class Value>
py::object make(PyObject* type, const char* message, const char* attribute, const Value& value) {
  py::object exception = py::reinterpret_borrow<py::object>(type)(py::str(message));
  exception.attr(attribute) = value;
  return exception;
}

py::object make(PyObject* type, const char* message) {
  return py::reinterpret_borrow<py::object>(type)(py::str(message));
}

void translate(std::exception_ptr thrown) {
  if (py::object exception = exception_object(thrown)) {
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception.ptr())), exception.ptr());
  }
}

}  // namespace

py::object exception_object(std::exception_ptr thrown) {
  try {
    if (thrown) std::rethrow_exception(thrown);
  } catch (const QuerySyntaxError& error) {
    return make(classes.query_syntax, error.what(), "byte_offset", error.byte_offset());
  } catch (const InputError& error) {
    return make(classes.input, error.what(), "byte_offset", error.byte_offset());
  } catch (const InvalidArgument& error) {
    return make(classes.invalid_argument, error.what());
  } catch (const IndexError& error) {
    return make(classes.index_access, error.what(), "path", error.path().string());
  } catch (const Error& error) {
    return make(classes.error, error.what());
  }
  return {};  // not ours: the next translator's (pybind11's own) to raise
}

void bind_errors(py::module_& module) {
  const py::handle exception(PyExc_Exception);
  classes.error = add_class(module, "Error", "Base class of every error polysearch raises.",
                            py::make_tuple(exception));
  const py::handle error(classes.error);
  classes.invalid_argument =
      add_class(module, "InvalidArgumentError",
                "An argument that can never be valid: an unknown language, measure or setting.",
                py::make_tuple(error, py::handle(PyExc_ValueError)));
  classes.input = add_class(
      module, "InputError",
      "Text that cannot be indexed or analyzed (invalid UTF-8, a bad field value, a malformed "
      "file).  byte_offset: where in the UTF-8 input (or file) the problem is.",
      py::make_tuple(error, py::handle(PyExc_ValueError)));
  classes.query_syntax =
      add_class(module, "QuerySyntaxError",
                "A query that does not parse.  byte_offset: where in the query's UTF-8 it failed.",
                py::make_tuple(error, py::handle(PyExc_ValueError)));
  classes.index_access =
      add_class(module, "IndexAccessError",
                "The index cannot be used: missing, locked by another writer, corrupt, of another "
                "version, or an I/O failure.  path: the index directory.",
                py::make_tuple(error, py::handle(PyExc_OSError)));
  py::register_exception_translator(&translate);
}

}  // namespace polysearch::python
