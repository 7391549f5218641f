// SPDX-License-Identifier: Apache-2.0
// A lint report as SARIF 2.1.0, the way GitHub code scanning reads it: one rule per
// diagnostic code (tool.driver.rules, with a security-severity), results located by a
// repository-relative URI and 1-based line/column regions, and a fingerprint that survives
// lines moving.

#include "report/json_writer.hpp"

#include <cipherexplain/config_lint.hpp>
#include <cipherexplain/json.hpp>
#include <cipherexplain/version.hpp>

#include <cstdio>

namespace cipherexplain {

namespace {

using detail::json_writer;

[[nodiscard]] std::string_view sarif_level(severity s) noexcept {
  return s == severity::error ? "error" : s == severity::warning ? "warning" : "note";
}

// GitHub ranks results by security-severity (>= 7 high, >= 4 medium, else low); the code
// table has a severity, not a CVSS score, so each severity gets one score.
[[nodiscard]] std::string_view security_severity(severity s) noexcept {
  return s == severity::error ? "7.0" : s == severity::warning ? "5.0" : "2.0";
}

// RFC 3986: unreserved characters and '/' as they are, everything else percent-encoded.
[[nodiscard]] std::string uri_path(std::string_view path) {
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// A path as the URI of an artifact: relative to `base` when under it (or already
// relative), else an absolute file: URI.
[[nodiscard]] std::pair<std::string, bool> artifact_uri(std::string_view file,
                                                        std::string_view base) {
  std::string_view p = file;
  while (p.starts_with("./")) p.remove_prefix(2);
  if (!p.starts_with("/")) return {uri_path(p), true};
  std::string b(base);
  if (!b.empty() && b.back() != '/') b += '/';
  if (!b.empty() && p.starts_with(b)) return {uri_path(p.substr(b.size())), true};
  return {"file://" + uri_path(p), false};
}

// FNV-1a, 64 bits: a fingerprint needs to be stable, not secret.
[[nodiscard]] std::string fingerprint(std::initializer_list<std::string_view> parts) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (std::string_view part : parts) {
    for (const char c : part) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ull;
    }
    h ^= 0xff;
    h *= 0x100000001b3ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

void write_rules(json_writer& w) {
  w.key("rules").begin_array();
  for (const diagnostic_code_info& row : diagnostic_codes()) {
    w.begin_object();
    w.key("id").value(row.name);
    w.key("name").value(row.name);
    w.key("shortDescription").begin_object().key("text").value(row.summary).end_object();
    w.key("fullDescription").begin_object().key("text").value(row.help).end_object();
    w.key("help").begin_object().key("text").value(row.help).end_object();
    w.key("defaultConfiguration").begin_object();
    w.key("level").value(sarif_level(row.severity));
    w.end_object();
    w.key("properties").begin_object();
    w.key("security-severity").value(security_severity(row.severity));
    w.key("tags").begin_array().value("security").value("tls").end_array();
    w.end_object();
    w.end_object();
  }
  w.end_array();
}

void write_result(json_writer& w, const lint_report& r, const lint_finding& f,
                  std::string_view base) {
  const diagnostic_code_info& row = code_info(f.finding.code);
  w.begin_object();
  w.key("ruleId").value(row.name);
  w.key("ruleIndex").value(static_cast<std::size_t>(f.finding.code) - 1);
  w.key("level").value(sarif_level(f.finding.severity));
  std::string text = f.finding.message;
  if (!f.releases.empty()) {
    text += " (OpenSSL ";
    for (std::size_t i = 0; i < f.releases.size(); ++i) text += (i ? ", " : "") + f.releases[i];
    text += ")";
  }
  if (!f.finding.suggestion.empty()) text += ". Suggestion: " + f.finding.suggestion;
  w.key("message").begin_object().key("text").value(text).end_object();
  std::string directive, value, context;
  if (f.config && f.setting) {
    const tls_setting& s = r.configs[*f.config].settings[*f.setting];
    directive = s.directive;
    value = s.value;
  }
  if (f.unit) context = r.units[*f.unit].label;
  if (!f.file.empty()) {
    const auto [uri, relative] = artifact_uri(f.file, base);
    w.key("locations").begin_array().begin_object();
    w.key("physicalLocation").begin_object();
    w.key("artifactLocation").begin_object();
    w.key("uri").value(uri);
    if (relative) w.key("uriBaseId").value("SRCROOT");
    w.end_object();
    if (f.line > 0) {
      w.key("region").begin_object();
      w.key("startLine").value(static_cast<std::size_t>(f.line));
      w.key("startColumn").value(static_cast<std::size_t>(std::max<std::uint32_t>(f.column, 1)));
      if (f.end_line >= f.line && f.end_column > 0 &&
          (f.end_line > f.line || f.end_column > f.column)) {
        w.key("endLine").value(static_cast<std::size_t>(f.end_line));
        w.key("endColumn").value(static_cast<std::size_t>(f.end_column));
      }
      w.end_object();
    }
    w.end_object();
    w.end_object().end_array();
    w.key("partialFingerprints").begin_object();
    w.key("cipherexplain/v1")
        .value(fingerprint({row.name, uri, context, directive, value, f.finding.message}));
    w.end_object();
  }
  w.end_object();
}

}  // namespace

std::string lint_sarif(const lint_report& r, std::string_view base) {
  std::string out;
  json_writer w(out, 2);
  w.begin_object();
  w.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
  w.key("version").value("2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.key("name").value("cipherexplain");
  w.key("semanticVersion").value(library_version);
  write_rules(w);
  w.end_object().end_object();
  if (!base.empty()) {
    std::string b(base);
    if (b.back() != '/') b += '/';
    w.key("originalUriBaseIds").begin_object();
    w.key("SRCROOT").begin_object().key("uri").value("file://" + uri_path(b)).end_object();
    w.end_object();
  }
  w.key("columnKind").value("unicodeCodePoints");
  w.key("results").begin_array();
  for (const lint_finding& f : r.findings) write_result(w, r, f, base);
  w.end_array();
  w.end_object().end_array();
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace cipherexplain
