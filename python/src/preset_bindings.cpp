// SPDX-License-Identifier: Apache-2.0
// Preset, PresetFamily, PresetResult; presets(), preset_families(), preset(): the
// configurations people inherit (Python's ssl defaults per version, Mozilla's guidelines,
// servers' and distributions' defaults) and what each gives on a release.

#include "bindings.hpp"
#include "configuration_view.hpp"

#include <cipherexplain/json.hpp>
#include <cipherexplain/preset.hpp>

#include <pybind11/stl.h>

#include <memory>

namespace cipherexplain::python {

namespace {

struct preset_view {
  preset entry;
  preset_result result;
  std::shared_ptr<const configuration_resolver> resolver;
  std::string stands_in_for;
};

void bind_preset_class(py::module_& m) {
  py::class_<preset>(m, "Preset", "One preset: a family's settings for one version (and context).")
      .def_readonly("name", &preset::name)
      .def_readonly("family", &preset::family)
      .def_readonly("variant", &preset::variant, "Python: the context; Postfix: the grade; ''")
      .def_readonly("version", &preset::version)
      .def_readonly("versions", &preset::versions, "the data row's range, e.g. '3.6.3-3.6.15'")
      .def_readonly("description", &preset::description)
      .def_readonly("cipher_calls", &preset::cipher_calls,
                    "every SSL_CTX_set_cipher_list string the software calls, in order")
      .def_readonly("ciphersuites", &preset::ciphersuites)
      .def_readonly("security_level", &preset::security_level)
      .def_readonly("options", &preset::options, "option terms, '' for none")
      .def_readonly("source", &preset::source, "where the data comes from: 'repository path@tag'")
      .def_readonly("notes", &preset::notes)
      .def_property_readonly(
          "bundled",
          [](const preset& p) {
            std::vector<std::pair<std::string, std::string>> out;
            for (const bundled_release& b : p.bundled) out.emplace_back(b.platform, b.release);
            return out;
          },
          "(platform, OpenSSL release) the software's installers bundled")
      .def("__repr__", [](const preset& p) { return "<Preset " + p.name + ">"; });

  py::class_<preset_family>(m, "PresetFamily", "A family of presets and where its data comes from.")
      .def_readonly("name", &preset_family::name)
      .def_readonly("title", &preset_family::title)
      .def_readonly("variants", &preset_family::variants)
      .def_readonly("ranges", &preset_family::ranges)
      .def_readonly("file", &preset_family::file)
      .def("__repr__", [](const preset_family& f) { return "<PresetFamily " + f.name + ">"; });
}

void bind_preset_result(py::module_& m) {
  using view = std::shared_ptr<const preset_view>;
  py::class_<preset_view, std::shared_ptr<preset_view>>(m, "PresetResult",
                                                        "A preset resolved on one release.")
      .def_property_readonly("preset", [](const view& p) { return p->entry; })
      .def_property_readonly("release", [](const view& p) { return p->result.release->release(); })
      .def_property_readonly(
          "stands_in_for",
          [](const view& p) -> std::optional<std::string> {
            if (p->stands_in_for.empty()) return std::nullopt;
            return p->stands_in_for;
          },
          "the bundled release this one stands in for (not modelled itself), or None")
      .def_property_readonly(
          "ok", [](const view& p) { return !p->result.failure.has_value(); },
          "the software can make this context on the release")
      .def_property_readonly(
          "failure", [](const view& p) { return p->result.failure; },
          "why it cannot (e.g. ssl's 'No cipher can be selected'), or None")
      .def_property_readonly("failed_call", [](const view& p) { return p->result.failed_call; })
      .def_property_readonly(
          "ciphers", [](const view& p) { return used_suites(p->result.resolved); },
          "SSL_CTX_get_ciphers() of the context, each judged in its configuration")
      .def_property_readonly(
          "options", [](const view& p) { return p->result.options; },
          "SSL_CTX_get_options() afterwards")
      .def_property_readonly("option_names",
                             [](const view& p) {
                               std::vector<std::string_view> out(p->result.option_names.begin(),
                                                                 p->result.option_names.end());
                               return out;
                             })
      .def_property_readonly(
          "min_protocol",
          [](const view& p) { return version_or_none(p->result.resolved.min_protocol); })
      .def_property_readonly(
          "max_protocol",
          [](const view& p) { return version_or_none(p->result.resolved.max_protocol); })
      .def_property_readonly(
          "protocols", [](const view& p) { return usable_window(p->result.resolved); },
          "(lowest, highest) version a connection can use (bounds and SSL_OP_NO_* options); "
          "None when none is")
      .def_property_readonly("security_level",
                             [](const view& p) -> std::optional<int> {
                               if (p->result.resolved.security_level < 0) return std::nullopt;
                               return p->result.resolved.security_level;
                             })
      .def_property_readonly(
          "settings", [](const view& p) { return configuration_settings(p->result.config); },
          "the configuration the calls leave")
      .def_property_readonly(
          "diagnostics", [](const view& p) { return diagnostic_list(p->result.diagnostics, ""); },
          "findings about the preset on this release (options it ignores, a failing call)")
      .def(
          "json",
          [](const view& p) {
            const preset_run run{&p->entry, &p->result, p->stands_in_for};
            return text_result(preset_json({&run, 1}));
          },
          "The document `cipherexplain preset show --format json` prints.")
      .def("__repr__", [](const view& p) {
        return "<PresetResult " + p->entry.name + " on " +
               std::string(p->result.release->release()) + ">";
      });
}

}  // namespace

void bind_presets(py::module_& m) {
  bind_preset_class(m);
  bind_preset_result(m);

  m.def(
      "preset_families",
      [] {
        const auto families = cipherexplain::preset_families();
        return std::vector<preset_family>(families.begin(), families.end());
      },
      "Every family of presets (python, mozilla, nginx, ...).");
  m.def(
      "presets",
      [](const std::string& family, const std::string& context) {
        bool known = false;
        for (const preset_family& f : cipherexplain::preset_families()) known |= f.name == family;
        if (!known) throw unknown_name("unknown preset family '" + family + "'");
        return family_presets(family, context);
      },
      py::arg("family"), py::arg("context") = "client",
      "Every row of a family, oldest first (Python: of one context).");
  m.def(
      "preset",
      [](const std::string& name, const std::string& context,
         const std::optional<std::string>& openssl) {
        std::string error;
        auto found = find_preset(name, context, error);
        if (!found) throw unknown_name(error);
        auto out = std::make_shared<preset_view>();
        out->entry = std::move(*found);
        std::string bundled;
        const catalog* release =
            openssl ? &release_named(*openssl) : preset_release(out->entry, &bundled);
        if (!release) release = &release_named("3.0");
        if (!openssl && !bundled.empty() && bundled != release->release())
          out->stands_in_for = bundled;
        out->resolver =
            std::make_shared<const configuration_resolver>(shared_evaluator(*release, {}));
        {
          const py::gil_scoped_release unlocked;
          out->result = resolve_preset(out->entry, *out->resolver);
        }
        return out;
      },
      py::arg("name"), py::arg("context") = "", py::kw_only(), py::arg("openssl") = py::none(),
      "A preset resolved on a release: 'python-3.6.15' (context: 'client', 'server', "
      "'default', ...), 'mozilla-intermediate-5.7', 'nginx-1.22.1', ... openssl: the release "
      "(default: the one the software bundled, or the newest of its series standing in). "
      "Raises UnknownNameError with what is known.");
}

}  // namespace cipherexplain::python
