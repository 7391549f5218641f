// SPDX-License-Identifier: Apache-2.0
// Configuration and configure(): a TLS configuration (cipher string, TLS 1.3 ciphersuites,
// protocol range, security level) resolved on one release.

#include "bindings.hpp"
#include "configuration_view.hpp"

#include <cipherexplain/json.hpp>

#include <pybind11/stl.h>

namespace cipherexplain::python {

namespace {

std::uint8_t enabled_bits(const std::vector<std::string>& names) {
  std::uint8_t bits = 0;
  for (const std::string& name : names) {
    const std::uint16_t v = protocol_argument(name, "protocols");
    const std::uint8_t bit = protocol_bit::of(v);
    if (bit == 0) throw configuration_error("protocols: '" + name + "' has no SSL_OP_NO_* option");
    bits = static_cast<std::uint8_t>(bits | bit);
  }
  return bits;
}

}  // namespace

std::shared_ptr<const configuration_view> resolve_view(const catalog& release,
                                                       const build_options& options,
                                                       tls_configuration config, bool trace) {
  if (auto why = check_configuration(release, config)) throw configuration_error(*why);
  auto out = std::make_shared<configuration_view>();
  out->config = std::move(config);
  out->resolver =
      std::make_shared<const configuration_resolver>(shared_evaluator(release, options));
  out->traced = trace;
  {
    const py::gil_scoped_release unlocked;
    out->result =
        out->resolver->resolve(out->config, trace ? detail_level::trace : detail_level::findings);
  }
  return out;
}

py::list used_suites(const configuration_result& r) {
  std::vector<suite_view> out;
  for (const suite_use& u : r.suites) out.push_back({u.suite, true, u.unusable});
  return suite_list(out);
}

std::optional<std::pair<std::string_view, std::string_view>> usable_window(
    const configuration_result& r) {
  const protocol_window& w = r.protocols;
  if (!w.usable()) return std::nullopt;
  return std::pair{protocol_version_name(w.lowest), protocol_version_name(w.highest)};
}

py::dict configuration_settings(const tls_configuration& c) {
  py::dict out;
  out["cipher_list"] = c.cipher_list ? py::object(text_result(*c.cipher_list)) : py::none();
  out["ciphersuites"] = c.ciphersuites ? py::object(text_result(*c.ciphersuites)) : py::none();
  out["security_level"] = c.security_level ? py::object(py::int_(*c.security_level)) : py::none();
  out["min_protocol"] = py::cast(version_or_none(c.min_protocol));
  out["max_protocol"] = py::cast(version_or_none(c.max_protocol));
  return out;
}

void bind_configuration(py::module_& m) {
  using view = std::shared_ptr<const configuration_view>;
  py::class_<configuration_view, std::shared_ptr<configuration_view>>(
      m, "Configuration",
      "A TLS configuration resolved on one release: the context's list, whether each setter "
      "succeeded, and for each listed suite whether a connection can use it.")
      .def_property_readonly(
          "ok",
          [](const view& c) {
            const configuration_result& r = c->result;
            return r.list_ok && (!r.ciphersuites || r.ciphersuites->ok) && r.min_ok && r.max_ok;
          },
          "every setter the configuration calls succeeded")
      .def_property_readonly(
          "list_ok", [](const view& c) { return c->result.list_ok; },
          "what SSL_CTX_set_cipher_list returned")
      .def_property_readonly(
          "ciphersuites_ok",
          [](const view& c) -> std::optional<bool> {
            if (!c->result.ciphersuites) return std::nullopt;
            return c->result.ciphersuites->ok;
          },
          "what SSL_CTX_set_ciphersuites returned; None when not set")
      .def_property_readonly("min_ok", [](const view& c) { return c->result.min_ok; })
      .def_property_readonly("max_ok", [](const view& c) { return c->result.max_ok; })
      .def_property_readonly("release",
                             [](const view& c) { return c->resolver->release().release(); })
      .def_property_readonly(
          "ciphers", [](const view& c) { return used_suites(c->result); },
          "SSL_CTX_get_ciphers() afterwards (the TLS 1.3 setting's suites first), each judged "
          "in this configuration")
      .def_property_readonly(
          "tls13_count", [](const view& c) { return c->result.head; },
          "how many of `ciphers` the TLS 1.3 setting put at the head")
      .def_property_readonly(
          "supported",
          [](const view& c) -> std::optional<py::list> {
            if (!c->result.supported) return std::nullopt;
            return suite_list(unjudged(*c->result.supported));
          },
          "SSL_get1_supported_ciphers(): the usable suites; None where OpenSSL returns NULL or "
          "before 1.1.0")
      .def_property_readonly("security_level",
                             [](const view& c) -> std::optional<int> {
                               if (c->result.security_level < 0) return std::nullopt;
                               return c->result.security_level;
                             })
      .def_property_readonly(
          "min_protocol", [](const view& c) { return version_or_none(c->result.min_protocol); },
          "SSL_get_min_proto_version: what was set; None: no bound")
      .def_property_readonly("max_protocol",
                             [](const view& c) { return version_or_none(c->result.max_protocol); })
      .def_property_readonly(
          "protocols", [](const view& c) { return usable_window(c->result); },
          "(lowest, highest) version a connection can use; None when none is")
      .def_property_readonly(
          "cipher_list",
          [](const view& c) {
            const std::string input = c->config.cipher_list.value_or(
                std::string(c->resolver->release().default_cipher_list()));
            return cipher_list_evaluation(*c, input);
          },
          "the cipher string's Evaluation (of DEFAULT when none is set)")
      .def_property_readonly(
          "ciphersuite_elements",
          [](const view& c) {
            py::list out;
            if (!c->result.ciphersuites) return out;
            const std::string_view text = *c->config.ciphersuites;
            for (const ciphersuite_element& e : c->result.ciphersuites->elements) {
              const std::size_t at = std::min<std::size_t>(e.text.offset, text.size());
              out.append(py::make_tuple(
                  text_result(text.substr(at, e.text.length)), element_status_name(e.status),
                  e.suite ? py::object(py::str(std::string(e.suite->name))) : py::none()));
            }
            return out;
          },
          "what SSL_CTX_set_ciphersuites did with each element: (text, status, suite name)")
      .def_property_readonly(
          "diagnostics",
          [](const view& c) {
            return diagnostic_list(c->result.diagnostics, c->config.ciphersuites.value_or(""));
          },
          "findings about the configuration as a whole and its ciphersuites string (offsets "
          "into it); the cipher string's own are in cipher_list.diagnostics")
      .def_property_readonly(
          "settings", [](const view& c) { return configuration_settings(c->config); },
          "what was set")
      .def(
          "json",
          [](const view& c) {
            evaluation_report report;
            report.steps = c->traced;
            report.configuration = &c->config;
            report.resolved = &c->result;
            const std::string input = c->config.cipher_list.value_or(
                std::string(c->resolver->release().default_cipher_list()));
            return text_result(evaluation_json(c->resolver->cipher_strings(), input,
                                               c->result.cipher_list, report));
          },
          "The document `cipherexplain --format json` prints with configuration options.")
      .def("__repr__", [](const view& c) {
        return "<Configuration " + std::string(c->resolver->release().release()) + " " +
               std::to_string(c->result.ciphers.size()) + " ciphers>";
      });

  m.def(
      "configure",
      [](const std::optional<py::object>& cipher_list,
         const std::optional<py::object>& ciphersuites, const std::string& openssl,
         std::optional<int> security_level, const std::optional<std::string>& min_protocol,
         const std::optional<std::string>& max_protocol,
         const std::optional<std::vector<std::string>>& protocols, bool ciphersuites_first,
         bool legacy_provider, std::optional<int> default_security_level, bool trace) {
        tls_configuration config;
        if (cipher_list && !cipher_list->is_none())
          config.cipher_list = text_argument(*cipher_list, "cipher_list");
        if (ciphersuites && !ciphersuites->is_none())
          config.ciphersuites = text_argument(*ciphersuites, "ciphersuites");
        config.security_level = checked_level(security_level);
        config.min_protocol = protocol_argument(min_protocol, "min_protocol");
        config.max_protocol = protocol_argument(max_protocol, "max_protocol");
        if (protocols) config.disabled_protocols = protocols_only(enabled_bits(*protocols));
        config.ciphersuites_first = ciphersuites_first;
        const catalog& release = release_named(openssl);
        const build_options options =
            checked_options(release, {legacy_provider, false, false, default_security_level});
        return resolve_view(release, options, std::move(config), trace);
      },
      py::arg("cipher_list") = py::none(), py::arg("ciphersuites") = py::none(),
      py::arg("openssl") = "3.0", py::kw_only(), py::arg("security_level") = py::none(),
      py::arg("min_protocol") = py::none(), py::arg("max_protocol") = py::none(),
      py::arg("protocols") = py::none(), py::arg("ciphersuites_first") = false,
      py::arg("legacy_provider") = false, py::arg("default_security_level") = py::none(),
      py::arg("trace") = false,
      "Resolves a TLS configuration on a fresh SSL_CTX of a release: SSL_CTX_set_security_level, "
      "set_cipher_list, set_ciphersuites, SSL_OP_NO_* for protocols (the versions to keep "
      "enabled, as nginx's ssl_protocols), set_min/max_proto_version. Unset settings are not "
      "called. Raises ConfigurationError when the release lacks a setter the configuration uses.");
}

}  // namespace cipherexplain::python
