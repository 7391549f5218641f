// SPDX-License-Identifier: Apache-2.0
// Evaluator, Evaluation and Step; evaluate() and compare().

#include "bindings.hpp"
#include "configuration_view.hpp"

#include <cipherexplain/json.hpp>
#include <cipherexplain/rating.hpp>

#include <pybind11/stl.h>

#include <memory>

namespace cipherexplain::python {

void bind_suites(py::module_& m);

namespace {

struct step_view {
  std::shared_ptr<const evaluation_view> owner;
  std::size_t index = 0;
  [[nodiscard]] const step& get() const { return owner->result.steps[index]; }
};

py::list names(const std::vector<const cipher*>& suites) {
  py::list out;
  for (const cipher* s : suites) out.append(py::str(s->name.data(), s->name.size()));
  return out;
}

std::vector<suite_view> listed_suites(const evaluation_view& e) {
  return judged(e.release.release(), e.result.ciphers, e.result.security_level);
}

std::string verdict_of(const evaluation_view& e) {
  if (!e.result.ok) return "none";
  const supported_suites usable =
      usable_suites(e.release.release(), e.result.ciphers, e.result.security_level);
  return usable.usable.empty() ? "none" : std::string(rating_name(verdict(usable.usable)));
}

std::shared_ptr<const evaluation_view> run(const evaluator& on, std::string input, bool trace,
                                           std::optional<int> security_level) {
  auto out = std::make_shared<evaluation_view>(evaluation_view{on, std::move(input), {}, trace});
  evaluate_options options;
  options.detail = trace ? detail_level::trace : detail_level::findings;
  options.security_level = checked_level(security_level);
  {
    // evaluator is immutable and shared; the evaluation is this call's own.
    const py::gil_scoped_release unlocked;
    out->result = on.evaluate(out->input, options);
  }
  return out;
}

void bind_step(py::module_& m) {
  py::class_<step_view>(m, "Step", "What one rule did to the list (evaluate(..., trace=True)).")
      .def_property_readonly(
          "kind", [](const step_view& s) { return step_kind_name(s.get().what); },
          "'rule', or 'default'/'suiteb' for what a leading DEFAULT or Suite B keyword brings in")
      .def_property_readonly(
          "text",
          [](const step_view& s) {
            const step& st = s.get();
            const std::string_view in = s.owner->input;
            return text_result(
                in.substr(std::min<std::size_t>(st.text.offset, in.size()), st.text.length));
          })
      .def_property_readonly("offset", [](const step_view& s) { return s.get().text.offset; })
      .def_property_readonly("length", [](const step_view& s) { return s.get().text.length; })
      .def_property_readonly(
          "outcome", [](const step_view& s) { return outcome_name(s.get().outcome); },
          "'applied', 'unknown-name', 'skipped', 'conflict', 'command-done', ...")
      .def_property_readonly(
          "matched", [](const step_view& s) { return names(s.get().matched); },
          "names the rule matched among the suites still in the list")
      .def_property_readonly("added", [](const step_view& s) { return names(s.get().added); })
      .def_property_readonly(
          "removed", [](const step_view& s) { return names(s.get().removed); },
          "taken out with '-' (a later rule may add them back)")
      .def_property_readonly(
          "killed", [](const step_view& s) { return names(s.get().killed); },
          "taken out for good with '!'")
      .def_property_readonly("moved", [](const step_view& s) { return names(s.get().moved); })
      .def_property_readonly(
          "list", [](const step_view& s) { return names(s.get().list); },
          "the TLS 1.2-and-older list after the step")
      .def("__repr__", [](const step_view& s) {
        return "<Step " + std::string(outcome_name(s.get().outcome)) + " at " +
               std::to_string(s.get().text.offset) + ">";
      });
}

void bind_evaluation_class(py::module_& m) {
  using view = std::shared_ptr<const evaluation_view>;
  py::class_<evaluation_view, std::shared_ptr<evaluation_view>>(
      m, "Evaluation",
      "What SSL_CTX_set_cipher_list() + SSL_CTX_get_ciphers() of a release do with a string.")
      .def_property_readonly(
          "ok", [](const view& e) { return e->result.ok; },
          "what SSL_CTX_set_cipher_list returns: False when OpenSSL rejects the string")
      .def_property_readonly(
          "failure",
          [](const view& e) -> std::optional<std::string_view> {
            if (e->result.ok) return std::nullopt;
            return failure_name(e->result.failure);
          },
          "None, 'syntax' (the context keeps its list) or 'no-cipher-selected'")
      .def_property_readonly(
          "security_level",
          [](const view& e) -> std::optional<int> {
            if (e->result.security_level < 0) return std::nullopt;
            return e->result.security_level;
          },
          "the context's level afterwards; None before 1.1.0")
      .def_property_readonly(
          "release", [](const view& e) { return e->release.release().release(); },
          "the release evaluated on, e.g. '3.0.19'")
      .def_property_readonly(
          "ciphers", [](const view& e) { return suite_list(listed_suites(*e)); },
          "SSL_CTX_get_ciphers() afterwards, in order (TLS 1.3 suites first on 1.1.1+), each "
          "judged for use; when not ok, what the context is left with")
      .def_property_readonly(
          "diagnostics",
          [](const view& e) { return diagnostic_list(e->result.diagnostics, e->input); })
      .def_property_readonly(
          "steps",
          [](const view& e) {
            py::list out;
            for (std::size_t i = 0; i < e->result.steps.size(); ++i)
              out.append(py::cast(step_view{e, i}));
            return out;
          },
          "one per rule, with trace=True (else empty)")
      .def_property_readonly("steps_omitted", [](const view& e) { return e->result.steps_omitted; })
      .def_property_readonly(
          "verdict", [](const view& e) { return verdict_of(*e); },
          "the rating of the weakest usable suite, or 'none'")
      .def_property_readonly(
          "input", [](const view& e) { return py::bytes(e->input); },
          "the input as bytes (offsets index it)")
      .def(
          "json",
          [](const view& e) {
            evaluation_report report;
            report.steps = e->traced;
            return text_result(evaluation_json(e->release, e->input, e->result, report));
          },
          "The document `cipherexplain --format json` prints (docs/json-output.md).")
      .def("__bool__", [](const view& e) { return e->result.ok; })
      .def("__repr__", [](const view& e) {
        return "<Evaluation " + std::string(e->release.release().release()) +
               (e->result.ok ? " ok " : " failed ") + std::to_string(e->result.ciphers.size()) +
               " ciphers>";
      });
}

struct evaluator_view {
  const evaluator* prepared = nullptr;
};

void bind_evaluator(py::module_& m) {
  py::class_<evaluator_view>(
      m, "Evaluator",
      "A release prepared once, for many strings. Thread-safe: one Evaluator may be used from "
      "any number of threads; the GIL is released while it evaluates.")
      .def(py::init([](const std::string& openssl, bool legacy_provider, bool weak_ciphers,
                       bool sslv2, std::optional<int> default_security_level) {
             const catalog& release = release_named(openssl);
             const build_options options = checked_options(
                 release, {legacy_provider, weak_ciphers, sslv2, default_security_level});
             return evaluator_view{&shared_evaluator(release, options)};
           }),
           py::arg("openssl") = "3.0", py::kw_only(), py::arg("legacy_provider") = false,
           py::arg("weak_ciphers") = false, py::arg("sslv2") = false,
           py::arg("default_security_level") = py::none())
      .def(
          "evaluate",
          [](const evaluator_view& self, const py::object& cipher_string, bool trace,
             std::optional<int> security_level) {
            return run(*self.prepared, text_argument(cipher_string, "cipher_string"), trace,
                       security_level);
          },
          py::arg("cipher_string"), py::kw_only(), py::arg("trace") = false,
          py::arg("security_level") = py::none(),
          "Evaluates a cipher string (str or bytes). security_level: the context's level before "
          "the call (SSL_CTX_set_security_level); an @SECLEVEL in the string still wins.")
      .def_property_readonly(
          "release", [](const evaluator_view& self) { return self.prepared->release().release(); })
      .def_property_readonly(
          "options", [](const evaluator_view& self) { return describe(self.prepared->options()); },
          "'default build' or the build options that differ")
      .def("__repr__", [](const evaluator_view& self) {
        return "<Evaluator " + std::string(self.prepared->release().release()) + ", " +
               describe(self.prepared->options()) + ">";
      });
}

}  // namespace

py::object cipher_list_evaluation(const configuration_view& c, const std::string& input) {
  return py::cast(std::make_shared<evaluation_view>(
      evaluation_view{c.resolver->cipher_strings(), input, c.result.cipher_list, c.traced}));
}

void bind_evaluation(py::module_& m) {
  bind_suites(m);
  bind_step(m);
  bind_evaluation_class(m);
  bind_evaluator(m);

  m.def(
      "evaluate",
      [](const py::object& cipher_string, const std::string& openssl, bool legacy_provider,
         bool weak_ciphers, bool sslv2, std::optional<int> default_security_level,
         std::optional<int> security_level, bool trace) {
        const std::string input = text_argument(cipher_string, "cipher_string");
        const catalog& release = release_named(openssl);
        const build_options options = checked_options(
            release, {legacy_provider, weak_ciphers, sslv2, default_security_level});
        return run(shared_evaluator(release, options), input, trace, security_level);
      },
      py::arg("cipher_string"), py::arg("openssl") = "3.0", py::kw_only(),
      py::arg("legacy_provider") = false, py::arg("weak_ciphers") = false, py::arg("sslv2") = false,
      py::arg("default_security_level") = py::none(), py::arg("security_level") = py::none(),
      py::arg("trace") = false,
      "What a release's SSL_CTX_set_cipher_list() + SSL_CTX_get_ciphers() do with a cipher "
      "string (str or bytes): the list, whether it is accepted, the findings, and with "
      "trace=True what each rule did. openssl: a release ('3.0.19'), a series ('3.0'), "
      "'latest' or 'system'. legacy_provider, weak_ciphers, sslv2, default_security_level: "
      "how the build differs from the recorded one.");
  m.def(
      "_compare",
      [](const py::object& cipher_string, const std::vector<std::string>& openssl,
         bool legacy_provider) {
        const std::string input = text_argument(cipher_string, "cipher_string");
        if (openssl.empty()) throw configuration_error("compare needs at least one release");
        std::vector<release_evaluation> results;
        for (const std::string& name : openssl) {
          const catalog& release = release_named(name);
          build_options options;
          options.legacy_provider = legacy_provider && release.legacy_provider().any();
          results.push_back({shared_evaluator(release, options), {}});
        }
        py::list evaluations;
        std::string document;
        {
          const py::gil_scoped_release unlocked;
          for (release_evaluation& r : results) r.result = r.release.evaluate(input);
          document = comparison_json(input, results);
        }
        for (release_evaluation& r : results)
          evaluations.append(py::cast(std::make_shared<evaluation_view>(
              evaluation_view{r.release, input, std::move(r.result), false})));
        return py::make_tuple(evaluations, text_result(document));
      },
      py::arg("cipher_string"), py::arg("openssl"), py::kw_only(),
      py::arg("legacy_provider") = false,
      "One string on several releases: (evaluations, the comparison document of "
      "`cipherexplain --openssl A,B --format json`). legacy_provider applies where a release has "
      "one (3.0+).");
}

}  // namespace cipherexplain::python
