// SPDX-License-Identifier: Apache-2.0
// The lint document (docs/json-output.md, "lint"): every setting read, every error, the units
// and what each resolves to, and the findings placed in the files.

#include "report/json_writer.hpp"

#include <cipherexplain/config_lint.hpp>
#include <cipherexplain/json.hpp>

namespace cipherexplain {

namespace {

using detail::json_writer;

void write_setting(json_writer& w, const config_read_result& c, const tls_setting& s) {
  w.begin_object();
  w.key("software").value(config_software(s.format));
  w.key("format").value(config_format_name(s.format));
  w.key("file").value(s.file);
  w.key("line").value(static_cast<std::size_t>(s.line));
  w.key("column").value(static_cast<std::size_t>(s.column));
  w.key("directive").value(s.directive);
  w.key("value").value(s.value);
  w.key("kind").value(setting_kind_name(s.kind));
  w.key("role").value(setting_role_name(s.role));
  w.key("context").value(c.blocks[static_cast<std::size_t>(s.block)].name);
  w.key("effective").value(s.effective);
  w.key("note").value(s.note);
  w.end_object();
}

void write_source(json_writer& w, const config_read_result& c, const unit_source& src) {
  if (src.setting) {
    const tls_setting& s = c.settings[*src.setting];
    w.begin_object();
    w.key("file").value(s.file);
    w.key("line").value(static_cast<std::size_t>(s.line));
    w.key("value").value(s.value);
    w.end_object();
  } else if (!src.preset.empty()) {
    w.begin_object();
    w.key("default").value(src.preset);
    w.key("value").value(src.value);
    w.end_object();
  } else {
    w.null_value();
  }
}

void write_unit(json_writer& w, const lint_report& r, const lint_unit& u) {
  const config_read_result& c = r.configs[u.config];
  w.begin_object();
  w.key("file").value(c.files.empty() ? std::string() : c.files.front());
  w.key("context").value(u.label);
  w.key("role").value(setting_role_name(u.role));
  w.key("settings").begin_object();
  for (std::size_t k = 0; k < u.sources.size(); ++k) {
    w.key(setting_kind_name(static_cast<setting_kind>(k)));
    write_source(w, c, u.sources[k]);
  }
  w.end_object();
  w.key("results").begin_array();
  for (std::size_t i = 0; i < u.results.size() && i < r.releases.size(); ++i) {
    const configuration_result* found = unit_result(r, u, i);
    if (found == nullptr) continue;
    const configuration_result& res = *found;
    w.begin_object();
    w.key("release").value(r.releases[i]);
    w.key("ok").value(res.cipher_list.ok && res.list_ok);
    w.key("ciphers").begin_array();
    for (const cipher* s : res.ciphers) w.plain_value(s->name);
    w.end_array();
    std::size_t usable = 0;
    for (const suite_use& s : res.suites) usable += s.unusable ? 0u : 1u;
    w.key("usable").value(usable);
    w.key("lowest_protocol").value(protocol_version_name(res.protocols.lowest));
    w.key("highest_protocol").value(protocol_version_name(res.protocols.highest));
    w.key("security_level").value(res.security_level);
    w.key("server_preference").value(u.prefer_server);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_finding(json_writer& w, const lint_report& r, const lint_finding& f) {
  w.begin_object();
  w.key("code").value(code_name(f.finding.code));
  w.key("severity").value(severity_name(f.finding.severity));
  w.key("file").value(f.file);
  w.key("line").value(static_cast<std::size_t>(f.line));
  w.key("column").value(static_cast<std::size_t>(f.column));
  w.key("end_line").value(static_cast<std::size_t>(f.end_line));
  w.key("end_column").value(static_cast<std::size_t>(f.end_column));
  w.key("message").value(f.finding.message);
  w.key("suggestion").value(f.finding.suggestion);
  w.key("directive");
  if (f.config && f.setting) {
    w.value(r.configs[*f.config].settings[*f.setting].directive);
  } else {
    w.null_value();
  }
  w.key("context");
  if (f.unit) {
    w.value(r.units[*f.unit].label);
  } else {
    w.null_value();
  }
  w.key("releases").begin_array();
  for (const std::string& name : f.releases) w.value(name);
  w.end_array();
  w.end_object();
}

}  // namespace

std::string lint_json(const lint_report& r) {
  std::string out;
  json_writer w(out, 2);
  w.begin_object();
  w.key("releases").begin_array();
  for (const std::string& name : r.releases) w.value(name);
  w.end_array();
  w.key("files").begin_array();
  for (const config_read_result& c : r.configs) {
    for (const std::string& f : c.files) w.value(f);
  }
  w.end_array();
  w.key("settings").begin_array();
  for (const config_read_result& c : r.configs) {
    for (const tls_setting& s : c.settings) write_setting(w, c, s);
  }
  w.end_array();
  w.key("errors").begin_array();
  for (const config_read_result& c : r.configs) {
    for (const config_error& e : c.errors) {
      w.begin_object();
      w.key("file").value(e.file);
      w.key("line").value(static_cast<std::size_t>(e.line));
      w.key("column").value(static_cast<std::size_t>(e.column));
      w.key("message").value(e.message);
      w.end_object();
    }
  }
  w.end_array();
  w.key("units").begin_array();
  for (const lint_unit& u : r.units) write_unit(w, r, u);
  w.end_array();
  w.key("findings").begin_array();
  for (const lint_finding& f : r.findings) write_finding(w, r, f);
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace cipherexplain
