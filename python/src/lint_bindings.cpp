// SPDX-License-Identifier: Apache-2.0
// LintReport, LintFinding, ConfigError; lint() and lint_text(): configuration files read as the
// server reads them, each block's TLS configuration resolved, findings at file:line:column.

#include "bindings.hpp"

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/config_lint.hpp>
#include <cipherexplain/json.hpp>
#include <cipherexplain/profile.hpp>

#include <pybind11/stl.h>

#include <filesystem>
#include <map>
#include <memory>

namespace cipherexplain::python {

namespace {

std::string format_names() {
  std::string out;
  for (const config_format f : config_formats()) {
    if (!out.empty()) out += ", ";
    out += config_format_name(f);
  }
  return out;
}

struct lint_arguments {
  std::vector<std::string> openssl;
  std::optional<std::string> format, policy, server_version;
};

std::pair<lint_options, config_read_options> options_of(const lint_arguments& args) {
  lint_options options;
  for (const std::string& name : args.openssl) options.releases.push_back(&release_named(name));
  if (args.server_version) options.server_version = *args.server_version;
  if (args.policy) {
    options.policy = find_profile(*args.policy);
    if (!options.policy) throw unknown_name("no profile '" + *args.policy + "'");
  }
  config_read_options read;
  if (args.format) {
    read.format = parse_config_format(*args.format);
    if (!read.format)
      throw configuration_error("unknown configuration format '" + *args.format +
                                "'; known: " + format_names());
  }
  return {options, read};
}

std::shared_ptr<const lint_report> run_lint(const config_tree& tree,
                                            const std::vector<std::string>& paths,
                                            const lint_arguments& args) {
  auto [options, read] = options_of(args);
  auto out = std::make_shared<lint_report>();
  {
    // The readers and lint() never throw for bad input and share no state between calls.
    const py::gil_scoped_release unlocked;
    std::vector<config_read_result> configs;
    for (const std::string& path : paths) configs.push_back(read_config(tree, path, read));
    *out = lint(std::move(configs), options);
  }
  return out;
}

void bind_classes(py::module_& m) {
  py::class_<lint_finding>(m, "LintFinding", "A finding placed in a configuration file.")
      .def_property_readonly("code",
                             [](const lint_finding& f) { return code_name(f.finding.code); })
      .def_property_readonly(
          "severity", [](const lint_finding& f) { return severity_name(f.finding.severity); })
      .def_property_readonly("message",
                             [](const lint_finding& f) { return text_result(f.finding.message); })
      .def_property_readonly("suggestion",
                             [](const lint_finding& f) -> std::optional<py::str> {
                               if (f.finding.suggestion.empty()) return std::nullopt;
                               return text_result(f.finding.suggestion);
                             })
      .def_property_readonly(
          "file", [](const lint_finding& f) { return text_result(f.file); },
          "'' for a finding with no place (about a server default)")
      .def_readonly("line", &lint_finding::line)
      .def_readonly("column", &lint_finding::column)
      .def_readonly("end_line", &lint_finding::end_line)
      .def_readonly("end_column", &lint_finding::end_column)
      .def_readonly("releases", &lint_finding::releases,
                    "the releases it was found on; empty when it does not depend on the release")
      .def("__repr__", [](const lint_finding& f) {
        return "<LintFinding " + f.file + ":" + std::to_string(f.line) + ":" +
               std::to_string(f.column) + " " + std::string(code_name(f.finding.code)) + ">";
      });

  py::class_<config_error>(m, "ConfigError",
                           "Something the server would refuse or the reader could not read.")
      .def_property_readonly("file", [](const config_error& e) { return text_result(e.file); })
      .def_readonly("line", &config_error::line)
      .def_readonly("column", &config_error::column)
      .def_property_readonly("message",
                             [](const config_error& e) { return text_result(e.message); })
      .def("__repr__", [](const config_error& e) {
        return "<ConfigError " + e.file + ":" + std::to_string(e.line) + " " + e.message + ">";
      });

  using view = std::shared_ptr<const lint_report>;
  py::class_<lint_report, std::shared_ptr<lint_report>>(m, "LintReport",
                                                        "What lint() found in the files.")
      .def_property_readonly(
          "findings", [](const view& r) { return r->findings; }, "ordered by file, line, column")
      .def_property_readonly(
          "errors",
          [](const view& r) {
            std::vector<config_error> out;
            for (const config_read_result& c : r->configs)
              out.insert(out.end(), c.errors.begin(), c.errors.end());
            return out;
          },
          "what the readers could not read or the server would refuse")
      .def_property_readonly(
          "files",
          [](const view& r) {
            py::list out;
            for (const config_read_result& c : r->configs)
              for (const std::string& f : c.files) out.append(text_result(f));
            return out;
          },
          "every file read, in reading order")
      .def_property_readonly("releases", [](const view& r) { return r->releases; })
      .def_property_readonly(
          "units", [](const view& r) { return r->units.size(); },
          "how many TLS configurations (blocks with what they inherit) were resolved")
      .def_property_readonly(
          "worst_severity",
          [](const view& r) -> std::optional<std::string_view> {
            const auto worst = cipherexplain::worst_severity(*r);
            if (!worst) return std::nullopt;
            return severity_name(*worst);
          },
          "'error', 'warning', 'note', or None without findings")
      .def(
          "json", [](const view& r) { return text_result(lint_json(*r)); },
          "The document `cipherexplain lint --format json` prints.")
      .def(
          "sarif",
          [](const view& r, const std::optional<std::string>& base) {
            const std::filesystem::path dir =
                base ? std::filesystem::path(*base) : std::filesystem::current_path();
            return text_result(
                lint_sarif(*r, std::filesystem::absolute(dir).lexically_normal().string()));
          },
          py::arg("base") = py::none(),
          "SARIF 2.1.0 (GitHub code scanning); URIs relative to `base` (default: the current "
          "directory).")
      .def("__repr__", [](const view& r) {
        return "<LintReport " + std::to_string(r->findings.size()) + " findings>";
      });
}

}  // namespace

void bind_lint(py::module_& m) {
  bind_classes(m);
  m.def(
      "lint",
      [](const py::object& paths, const std::vector<std::string>& openssl,
         const std::optional<std::string>& format, const std::optional<std::string>& root,
         const std::optional<std::string>& policy,
         const std::optional<std::string>& server_version) {
        std::vector<std::string> files;
        if (py::isinstance<py::str>(paths) || py::isinstance<py::bytes>(paths) ||
            py::hasattr(paths, "__fspath__")) {
          files.push_back(
              text_argument(py::module_::import("os").attr("fsdecode")(paths), "paths"));
        } else {
          for (const py::handle p : paths)
            files.push_back(text_argument(py::module_::import("os").attr("fsdecode")(p), "paths"));
        }
        const filesystem_tree tree(root.value_or(""));
        return run_lint(tree, files, {openssl, format, policy, server_version});
      },
      py::arg("paths"), py::kw_only(), py::arg("openssl") = std::vector<std::string>{},
      py::arg("format") = py::none(), py::arg("root") = py::none(), py::arg("policy") = py::none(),
      py::arg("server_version") = py::none(),
      "Lints configuration files (a path or several; nginx, apache, haproxy, postfix, dovecot, "
      "stunnel, lighttpd, openvpn, mysql, postgresql, openssl-cnf: detected unless `format` "
      "says). openssl: releases to resolve on (default: the newest). root: where absolute "
      "include paths point (a copied /etc). policy: a profile, e.g. 'mozilla-intermediate'.");
  m.def(
      "lint_text",
      [](const py::object& text, const std::string& format, const std::string& name,
         const std::vector<std::string>& openssl, const std::optional<std::string>& policy,
         const std::optional<std::string>& server_version) {
        std::map<std::string, std::string> files{{name, text_argument(text, "text")}};
        const memory_tree tree(std::move(files));
        return run_lint(tree, {name}, {openssl, format, policy, server_version});
      },
      py::arg("text"), py::arg("format"), py::kw_only(), py::arg("name") = "config",
      py::arg("openssl") = std::vector<std::string>{}, py::arg("policy") = py::none(),
      py::arg("server_version") = py::none(),
      "Lints one configuration held in memory (includes find nothing); findings name it `name`.");
}

}  // namespace cipherexplain::python
