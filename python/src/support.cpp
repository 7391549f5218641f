// SPDX-License-Identifier: Apache-2.0
// Argument conversion, release and evaluator lookups, and the exceptions.

#include "bindings.hpp"

#include <cipherexplain/configuration.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <utility>

namespace cipherexplain::python {

namespace {

std::string known_releases() {
  std::string out;
  for (const std::string_view name : catalog::release_names()) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// Created with PyErr_NewException so each error is also the built-in it refines
// (UnknownReleaseError is a LookupError, ConfigurationError a ValueError): callers that
// catch the built-ins keep working.
PyObject* new_error(py::module_& m, const char* name, PyObject* base, PyObject* refines) {
  const std::string qualified = std::string("cipherexplain.") + name;
  py::tuple bases = refines ? py::make_tuple(py::handle(base), py::handle(refines))
                            : py::make_tuple(py::handle(base));
  PyObject* type = PyErr_NewException(qualified.c_str(), bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));
  return type;
}

}  // namespace

void register_exceptions(py::module_& m) {
  static PyObject* error = new_error(m, "Error", PyExc_Exception, nullptr);
  static PyObject* release_error = new_error(m, "UnknownReleaseError", error, PyExc_LookupError);
  static PyObject* name_error = new_error(m, "UnknownNameError", error, PyExc_LookupError);
  static PyObject* config_error = new_error(m, "ConfigurationError", error, PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const unknown_release& e) {
      PyErr_SetString(release_error, e.what());
    } catch (const unknown_name& e) {
      PyErr_SetString(name_error, e.what());
    } catch (const configuration_error& e) {
      PyErr_SetString(config_error, e.what());
    } catch (const std::invalid_argument& e) {
      // The library's own refusals (a configuration check_configuration rejects, ...).
      PyErr_SetString(config_error, e.what());
    }
  });
}

std::string text_argument(const py::handle& value, const char* what) {
  if (PyUnicode_Check(value.ptr())) {
    PyObject* encoded = PyUnicode_AsEncodedString(value.ptr(), "utf-8", "surrogateescape");
    if (encoded == nullptr) throw py::error_already_set();
    const py::bytes bytes = py::reinterpret_steal<py::bytes>(encoded);
    return std::string(bytes);
  }
  if (PyBytes_Check(value.ptr())) return std::string(py::reinterpret_borrow<py::bytes>(value));
  if (PyByteArray_Check(value.ptr()) || PyMemoryView_Check(value.ptr())) {
    PyObject* copy = PyBytes_FromObject(value.ptr());
    if (copy == nullptr) throw py::error_already_set();
    return std::string(py::reinterpret_steal<py::bytes>(copy));
  }
  throw py::type_error(std::string(what) + " must be str or bytes, not " +
                       std::string(py::str(py::type::handle_of(value).attr("__name__"))));
}

py::str text_result(std::string_view bytes) {
  PyObject* text =
      PyUnicode_DecodeUTF8(bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "surrogateescape");
  if (text == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(text);
}

const catalog& release_named(std::string_view name) {
  // catalog::find resolves releases, series, "latest" and "system"; only a miss is explained.
  if (const catalog* c = catalog::find(name)) return *c;
  if (name == "system") {
    const system_lookup& sys = catalog::system();
    if (!sys.found) throw unknown_release("system: " + sys.problem);
    throw unknown_release("system: no recorded release of the " + sys.found->series +
                          " series stands in for the system's " + sys.found->version_text +
                          "; known: " + known_releases());
  }
  const std::string shown =
      name.size() > 40 ? std::string(name.substr(0, 40)) + "..." : std::string(name);
  throw unknown_release("unknown OpenSSL release '" + shown + "'; known: " + known_releases() +
                        " (or a series such as 3.0, latest, system)");
}

build_options checked_options(const catalog& release, const build_arguments& args) {
  build_options options;
  options.legacy_provider = args.legacy_provider;
  options.weak_ciphers = args.weak_ciphers;
  options.sslv2 = args.sslv2;
  options.security_level = args.default_security_level;
  if (auto why = check_build_options(release, options)) throw configuration_error(*why);
  return options;
}

const evaluator& shared_evaluator(const catalog& release, const build_options& options) {
  using key = std::tuple<const catalog*, bool, bool, bool, std::optional<int>>;
  static std::mutex lock;
  static std::map<key, std::unique_ptr<const evaluator>> prepared;
  const key k{&release, options.legacy_provider, options.weak_ciphers, options.sslv2,
              options.security_level};
  const std::lock_guard guard(lock);
  auto& slot = prepared[k];
  if (!slot) slot = std::make_unique<const evaluator>(release, options);
  return *slot;
}

std::uint16_t protocol_argument(const std::optional<std::string>& name, const char* what) {
  if (!name) return 0;
  if (auto v = parse_protocol_version(*name)) return *v;
  throw configuration_error(std::string(what) + ": unknown protocol version '" + *name +
                            "' (TLSv1, TLSv1.1, TLSv1.2, TLSv1.3, SSLv3; also TLS1.2 ...)");
}

std::optional<std::string_view> version_or_none(std::uint16_t v) {
  if (v == 0) return std::nullopt;
  return protocol_version_name(v);
}

std::optional<int> checked_level(std::optional<int> level) {
  if (level && (*level < 0 || *level > 5))
    throw configuration_error("security_level must be 0-5, not " + std::to_string(*level));
  return level;
}

std::vector<suite_view> judged(const catalog& release, const std::vector<const cipher*>& list,
                               int security_level) {
  const supported_suites usable = usable_suites(release, list, security_level);
  std::vector<suite_view> out;
  out.reserve(list.size());
  for (const cipher* s : list) {
    suite_view v{s, true, std::nullopt};
    for (const auto& [suite, why] : usable.unusable)
      if (suite == s) v.unusable = why;
    out.push_back(v);
  }
  return out;
}

std::vector<suite_view> unjudged(const std::vector<const cipher*>& list) {
  std::vector<suite_view> out;
  out.reserve(list.size());
  for (const cipher* s : list) out.push_back({s, false, std::nullopt});
  return out;
}

py::list suite_list(const std::vector<suite_view>& suites) {
  py::list out;
  for (const suite_view& v : suites) out.append(py::cast(v));
  return out;
}

py::list diagnostic_list(const std::vector<diagnostic>& findings, std::string_view input) {
  py::list out;
  for (const diagnostic& d : findings) {
    const std::size_t at = std::min(d.offset, input.size());
    out.append(py::cast(diagnostic_view{d, std::string(input.substr(at, d.length))}));
  }
  return out;
}

}  // namespace cipherexplain::python
