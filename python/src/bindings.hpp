// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the binding's files share: argument conversion, the release and evaluator lookups, the
// exceptions, and the Python-facing wrappers of library results. The module is a thin layer:
// every answer comes from the public API (include/cipherexplain/), nothing is computed here.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/evaluator.hpp>
#include <cipherexplain/supported.hpp>

#include <pybind11/pybind11.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::python {

namespace py = pybind11;

// Raised as cipherexplain.UnknownReleaseError / UnknownNameError / ConfigurationError (see
// register_exceptions).
struct unknown_release : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct unknown_name : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct configuration_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void register_exceptions(py::module_& m);
void bind_evaluation(py::module_& m);
void bind_configuration(py::module_& m);
void bind_negotiation(py::module_& m);
void bind_presets(py::module_& m);
void bind_lint(py::module_& m);

// A str (encoded as UTF-8; lone surrogates from a surrogateescape decode become the bytes they
// stand for), bytes, bytearray or memoryview as the bytes the library reads. `what` names the
// parameter in the TypeError for anything else.
[[nodiscard]] std::string text_argument(const py::handle& value, const char* what);
// Library text as str: input bytes come back through surrogateescape, so any byte string
// round-trips (`s.encode("utf-8", "surrogateescape")`) and nothing raises UnicodeDecodeError.
[[nodiscard]] py::str text_result(std::string_view bytes);

// A release by the names the CLI's --openssl takes ("3.0", "3.0.19", "latest", "system").
[[nodiscard]] const catalog& release_named(std::string_view name);
// The build options a call names, checked against the release (configuration_error otherwise).
struct build_arguments {
  bool legacy_provider = false;
  bool weak_ciphers = false;
  bool sslv2 = false;
  std::optional<int> default_security_level;
};
[[nodiscard]] build_options checked_options(const catalog& release, const build_arguments& args);
// One prepared evaluator per (release, options), shared by every call and thread: preparing a
// release costs far more than evaluating a string on it.
[[nodiscard]] const evaluator& shared_evaluator(const catalog& release,
                                                const build_options& options);
// A protocol version by name ("TLSv1.2", "TLS1.2"), or None: no bound.
[[nodiscard]] std::uint16_t protocol_argument(const std::optional<std::string>& name,
                                              const char* what);

// What an Evaluation object holds: the prepared release it ran on (shared, cheap to copy),
// the input bytes and the library's result.
struct evaluation_view {
  evaluator release;
  std::string input;
  evaluation result;
  bool traced = false;
};

// A protocol version's name, or None for 0 (no bound).
[[nodiscard]] std::optional<std::string_view> version_or_none(std::uint16_t v);
// A security level argument: 0-5 (configuration_error otherwise), or None.
[[nodiscard]] std::optional<int> checked_level(std::optional<int> level);

// A suite as Python sees it: the table entry and, where a list was judged, its usability.
struct suite_view {
  const cipher* suite = nullptr;
  bool judged = false;
  std::optional<unusable_reason> unusable;
};
[[nodiscard]] py::list suite_list(const std::vector<suite_view>& suites);
[[nodiscard]] std::vector<suite_view> judged(const catalog& release,
                                             const std::vector<const cipher*>& list,
                                             int security_level);
[[nodiscard]] std::vector<suite_view> unjudged(const std::vector<const cipher*>& list);

// A finding with the text it points at.
struct diagnostic_view {
  diagnostic finding;
  std::string text;  // the bytes [offset, offset + length) of the input it is about
};
[[nodiscard]] py::list diagnostic_list(const std::vector<diagnostic>& findings,
                                       std::string_view input);

// The GIL is released while the library works; these say why each call may do so: the
// library's objects used are immutable and thread-safe (evaluator.hpp, configuration.hpp).
using release_gil = py::call_guard<py::gil_scoped_release>;

}  // namespace cipherexplain::python
