// SPDX-License-Identifier: Apache-2.0
// cipherexplain._cipherexplain: the library for Python (python/README.md). The public names
// are re-exported, with the few written in Python, by cipherexplain/__init__.py.

#include "bindings.hpp"

#include <cipherexplain/version.hpp>

// PyInit__cipherexplain must be a global C symbol: the module is defined at namespace scope.
PYBIND11_MODULE(_cipherexplain, m) {
  using namespace cipherexplain;
  using namespace cipherexplain::python;
  m.doc() =
      "OpenSSL cipher strings and TLS configurations, evaluated exactly as each OpenSSL release "
      "does (the cipherexplain C++ library).";
  m.attr("__version__") = CIPHEREXPLAIN_VERSION_STRING;
  m.def(
      "library_version", [] { return std::string(linked_library_version()); },
      "The version of the cipherexplain library the module was built with.");
  register_exceptions(m);
  bind_evaluation(m);
  bind_configuration(m);
  bind_negotiation(m);
  bind_presets(m);
  bind_lint(m);
}
