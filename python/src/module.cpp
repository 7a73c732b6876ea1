// polysearch._core: the compiled half of the Python package (bindings.hpp).
#include <string>
#include "bindings.hpp"

#include "polysearch/version.hpp"

PYBIND11_MODULE(_core, module) {
  namespace python = polysearch::python;
  module.doc() = "The compiled core of the polysearch package; import polysearch instead.";
  module.attr("__version__") = std::string(polysearch::version());
  python::bind_errors(module);
  python::bind_analysis(module);
  python::bind_index(module);
  python::bind_search(module);
  pybind11::module_ eval = module.def_submodule("eval", "TREC files and trec_eval's measures.");
  python::bind_eval(eval);
}
