// SPDX-License-Identifier: Apache-2.0
// The preset documents: `preset show` (one preset on one release), `preset list` and
// `preset timeline` (docs/json-output.md).

#include <cipherexplain/json.hpp>

#include "report/configuration_json.hpp"
#include "report/json_writer.hpp"

namespace cipherexplain {
namespace {

using detail::json_writer;

void nullable_protocol(json_writer& w, std::uint16_t v) {
  if (v == 0)
    w.null_value();
  else
    w.value(protocol_version_name(v));
}

void optional_text(json_writer& w, std::string_view text) {
  if (text.empty())
    w.null_value();
  else
    w.value(text);
}

void write_settings(json_writer& w, const preset& p) {
  w.begin_object();
  w.key("cipher_calls").begin_array();
  for (const auto& c : p.cipher_calls) w.value(c);
  w.end_array();
  w.key("ciphersuites");
  if (p.ciphersuites)
    w.value(*p.ciphersuites);
  else
    w.null_value();
  w.key("options");
  optional_text(w, p.options);
  w.key("min_protocol");
  nullable_protocol(w, p.min_protocol);
  w.key("max_protocol");
  nullable_protocol(w, p.max_protocol);
  w.key("enabled_protocols").begin_array();
  for (const std::uint16_t v :
       {version::sslv3, version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3})
    if (p.enabled_protocols & protocol_bit::of(v)) w.value(protocol_version_name(v));
  w.end_array();
  w.key("security_level");
  if (p.security_level)
    w.value(*p.security_level);
  else
    w.null_value();
  w.key("server_preference").value(p.server_preference);
  if (p.family == "python") {
    w.key("method").value(p.method);
    w.key("verify_mode").value(p.verify_mode);
    w.key("check_hostname").value(p.check_hostname);
    w.key("verify_flags");
    optional_text(w, p.verify_flags);
    w.key("https_verify");
    optional_text(w, p.https_verify);
  }
  w.end_object();
}

void write_identity(json_writer& w, const preset& p) {
  w.key("preset").value(p.name);
  w.key("family").value(p.family);
  w.key(p.family == "python" ? "context" : "variant");
  optional_text(w, p.variant);
  if (p.family == "python") w.key("call").value(python_context_call(p.variant));
  w.key("version").value(p.version);
  w.key("versions").value(p.versions);
  if (!p.build.empty()) w.key("build").value(p.build);
  w.key("description").value(p.description);
  w.key("bundled_openssl").begin_array();
  for (const bundled_release& b : p.bundled) {
    w.begin_object();
    w.key("platform");
    optional_text(w, b.platform);
    w.key("release").value(b.release);
    w.end_object();
  }
  w.end_array();
  w.key("source").value(p.source);
  w.key("notes");
  optional_text(w, p.notes);
}

void write_result(json_writer& w, const preset_result& r, std::string_view stands_in_for) {
  w.key("openssl").value(r.release->release());
  w.key("stands_in_for");
  optional_text(w, stands_in_for);
  w.key("ok").value(!r.failure.has_value());
  w.key("failure");
  if (r.failure)
    w.value(*r.failure);
  else
    w.null_value();
  w.key("ciphers").begin_array();
  for (const cipher* c : r.resolved.ciphers) w.plain_value(c->name);
  w.end_array();
  w.key("options").value(static_cast<std::int64_t>(r.options));
  w.key("option_names").begin_array();
  for (const auto name : r.option_names) w.value(name);
  w.end_array();
  w.key("min_protocol");
  nullable_protocol(w, r.resolved.min_protocol);
  w.key("max_protocol");
  nullable_protocol(w, r.resolved.max_protocol);
  w.key("security_level");
  if (r.resolved.security_level < 0)
    w.null_value();
  else
    w.value(r.resolved.security_level);
  w.key("usable_protocols").begin_array();
  for (const std::uint16_t v :
       {version::sslv3, version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3})
    if (r.resolved.protocols.usable() && v >= r.resolved.protocols.lowest &&
        v <= r.resolved.protocols.highest)
      w.value(protocol_version_name(v));
  w.end_array();
  w.key("usable").begin_array();
  for (const suite_use& u : r.resolved.suites)
    if (!u.unusable) w.plain_value(u.suite->name);
  w.end_array();
  w.key("diagnostics");
  std::vector<diagnostic> all = r.diagnostics;
  all.insert(all.end(), r.resolved.diagnostics.begin(), r.resolved.diagnostics.end());
  detail::write_diagnostic_list(w, all);
  w.key("cipher_string_diagnostics");
  detail::write_diagnostic_list(
      w, r.failure ? r.failed_evaluation.diagnostics : r.resolved.cipher_list.diagnostics);
}

}  // namespace

std::string preset_json(std::span<const preset_run> runs) {
  std::string out;
  json_writer w(out, 2);
  const auto one = [&](const preset_run& run) {
    w.begin_object();
    write_identity(w, *run.entry);
    w.key("settings");
    write_settings(w, *run.entry);
    write_result(w, *run.result, run.stands_in_for);
    w.end_object();
  };
  if (runs.size() == 1) {
    one(runs.front());
  } else {
    w.begin_object().key("results").begin_array();
    for (const preset_run& run : runs) one(run);
    w.end_array().end_object();
  }
  out += '\n';
  return out;
}

std::string preset_list_json() {
  std::string out;
  json_writer w(out, 2);
  w.begin_object().key("families").begin_array();
  for (const preset_family& f : preset_families()) {
    w.begin_object();
    w.key("family").value(f.name);
    w.key("title").value(f.title);
    w.key("file").value(f.file);
    w.key("variants").begin_array();
    for (const auto& v : f.variants) w.value(v);
    w.end_array();
    w.key("presets").begin_array();
    for (const preset& p : family_presets(f.name, "client")) {
      w.begin_object();
      w.key("name").value(p.name);
      w.key("versions").value(p.versions);
      w.key("variant");
      optional_text(w, p.variant);
      w.key("source").value(p.source);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array().end_object();
  out += '\n';
  return out;
}

std::string timeline_json(std::string_view family, std::string_view context,
                          std::span<const timeline_row> rows) {
  std::string out;
  json_writer w(out, 2);
  w.begin_object();
  w.key("family").value(family);
  w.key("context");
  optional_text(w, context);
  w.key("rows").begin_array();
  for (const timeline_row& row : rows) {
    w.begin_object();
    write_identity(w, row.entry);
    w.key("settings");
    write_settings(w, row.entry);
    w.key("changes").begin_array();
    for (const auto& c : row.changes) w.value(c);
    w.end_array();
    w.key("on_bundled");
    if (row.bundled_result) {
      w.begin_object();
      write_result(w, *row.bundled_result,
                   row.bundled != row.bundled_result->release->release() ? row.bundled : "");
      w.end_object();
    } else {
      w.null_value();
    }
    w.key("today").begin_array();
    for (const preset_result& r : row.today) {
      w.begin_object();
      write_result(w, r, "");
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array().end_object();
  out += '\n';
  return out;
}

}  // namespace cipherexplain
