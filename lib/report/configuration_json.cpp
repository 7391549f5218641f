// SPDX-License-Identifier: Apache-2.0
// The batch lines of the policy modes, key for key as the policy recordings define them
// (corpus/policy/README.md): the recorded results are the contract.

#include <cipherexplain/json.hpp>

#include "report/configuration_json.hpp"
#include "report/json_writer.hpp"

#include <algorithm>
#include <vector>

namespace cipherexplain {

std::string_view short_protocol_name(std::uint16_t v) noexcept {
  switch (v) {
    case 0:
      return "0";
    case version::sslv3:
      return "SSL3";
    case version::tlsv1:
      return "TLS1";
    case version::tlsv1_1:
      return "TLS1.1";
    case version::tlsv1_2:
      return "TLS1.2";
    case version::tlsv1_3:
      return "TLS1.3";
    default:
      return "?";
  }
}

namespace {

void write_names(detail::json_writer& w, std::span<const cipher* const> suites, bool tls13_only) {
  w.begin_array();
  for (const cipher* s : suites) {
    if (!tls13_only || s->min_tls == version::tlsv1_3) w.plain_value(s->name);
  }
  w.end_array();
}

}  // namespace

namespace {

std::vector<std::string_view> split_tabs(std::string_view line, std::size_t most) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < most) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) break;
    out.push_back(line.substr(0, tab));
    line.remove_prefix(tab + 1);
  }
  out.push_back(line);
  return out;
}

// A MIN or MAX field: 0 (no bound) or a version name.
std::optional<std::uint16_t> bound_field(std::string_view field) {
  if (field == "0") return std::uint16_t{0};
  return parse_protocol_version(field);
}

}  // namespace

// `batch --input ciphersuites`: SUITES, or SUITES<TAB>CIPHERLIST<TAB>ORDER (exactly two tabs).
std::optional<std::string> read_ciphersuites_line(std::string_view line,
                                                  tls_configuration& config) {
  config = {};
  if (std::count(line.begin(), line.end(), '\t') == 2) {
    const auto f = split_tabs(line, 3);
    if (f[2] != "suites-first" && f[2] != "list-first")
      return "the third field must be suites-first or list-first";
    config.ciphersuites = std::string(f[0]);
    config.cipher_list = std::string(f[1]);
    config.ciphersuites_first = f[2] == "suites-first";
  } else {
    config.ciphersuites = std::string(line);
  }
  return std::nullopt;
}

// `batch --input supported`: CIPHERSTRING<TAB>MIN<TAB>MAX<TAB>SECLEVEL[<TAB>CIPHERSUITES].
std::optional<std::string> read_supported_line(std::string_view line, tls_configuration& config,
                                               supported_line& fields) {
  config = {};
  fields = {};
  const auto f = split_tabs(line, 5);
  if (f.size() < 4) return "expected CIPHERSTRING<TAB>MIN<TAB>MAX<TAB>SECLEVEL[<TAB>CIPHERSUITES]";
  fields.cipher_string = f[0];
  fields.min = f[1];
  fields.max = f[2];
  const auto min = bound_field(f[1]), max = bound_field(f[2]);
  if (!min || !max) return "MIN and MAX must be 0, TLS1, TLS1.1, TLS1.2 or TLS1.3";
  if (f[3] != "-") {
    if (f[3].size() != 1 || f[3][0] < '0' || f[3][0] > '5') return "SECLEVEL must be 0-5 or '-'";
    fields.seclevel = f[3][0] - '0';
    config.security_level = fields.seclevel;
  }
  if (f.size() == 5) {
    fields.ciphersuites = f[4];
    config.ciphersuites = std::string(f[4]);
  }
  config.cipher_list = std::string(f[0]);
  config.min_protocol = *min;
  config.max_protocol = *max;
  return std::nullopt;
}

void append_ciphersuites_line(std::string& out, const tls_configuration& config,
                              const configuration_result& result, std::string_view release) {
  detail::json_writer w(out);
  w.begin_object();
  if (!release.empty()) w.key("openssl").value(release);
  w.key("input").value(config.ciphersuites.value_or(std::string{}));
  if (config.cipher_list) {
    w.key("cipher_list").value(*config.cipher_list);
    w.key("order").value(config.ciphersuites_first ? "suites-first" : "list-first");
  }
  w.key("ok").value(result.ciphersuites && result.ciphersuites->ok);
  if (config.cipher_list) w.key("list_ok").value(result.list_ok);
  w.key("ciphers");
  write_names(w, result.ciphers, false);
  // SSL_CIPHER_get_version says "TLSv1.3" for the suites whose minimum is TLS 1.3.
  w.key("tls13");
  write_names(w, result.ciphers, true);
  w.end_object();
  out += '\n';
}

void append_supported_line(std::string& out, const supported_line& line,
                           const configuration_result& result, std::string_view release) {
  detail::json_writer w(out);
  w.begin_object();
  if (!release.empty()) w.key("openssl").value(release);
  w.key("input").value(line.cipher_string);
  w.key("min").value(line.min);
  w.key("max").value(line.max);
  w.key("seclevel");
  if (line.seclevel)
    w.value(*line.seclevel);
  else
    w.null_value();
  if (line.ciphersuites) w.key("ciphersuites").value(*line.ciphersuites);
  w.key("ok").value(result.list_ok);
  if (line.ciphersuites)
    w.key("ciphersuites_ok").value(result.ciphersuites && result.ciphersuites->ok);
  w.key("min_ok").value(result.min_ok);
  w.key("max_ok").value(result.max_ok);
  w.key("seclevel_after").value(result.security_level);
  w.key("min_after").plain_value(short_protocol_name(result.min_protocol));
  w.key("max_after").plain_value(short_protocol_name(result.max_protocol));
  w.key("ciphers");
  write_names(w, result.ciphers, false);
  w.key("supported");
  if (result.supported)
    write_names(w, *result.supported, false);
  else
    w.null_value();
  w.end_object();
  out += '\n';
}

void append_batch_error_line(std::string& out, std::string_view input, std::string_view message,
                             std::string_view release) {
  detail::json_writer w(out);
  w.begin_object();
  if (!release.empty()) w.key("openssl").value(release);
  w.key("input").value(input);
  w.key("error").value(message);
  w.end_object();
  out += '\n';
}

namespace detail {
namespace {

void version_or_null(json_writer& w, std::uint16_t v) {
  if (v == 0)
    w.null_value();
  else
    w.plain_value(protocol_version_name(v));
}

std::string_view problem_name(protocol_problem p) {
  switch (p) {
    case protocol_problem::none:
      return "none";
    case protocol_problem::min_above_max:
      return "min-above-max";
    case protocol_problem::all_disabled:
      return "all-disabled";
    case protocol_problem::refused_by_level:
      return "refused-by-level";
  }
  return "";
}

}  // namespace

void write_configuration(json_writer& w, const tls_configuration& config,
                         const configuration_result& r) {
  w.key("configuration").begin_object();
  w.key("cipher_list_set").value(r.cipher_list_set);
  w.key("list_ok").value(r.list_ok);
  w.key("ciphersuites");
  if (r.ciphersuites && config.ciphersuites) {
    const ciphersuites_result& cs = *r.ciphersuites;
    const std::string_view text = *config.ciphersuites;
    w.begin_object();
    w.key("input").value(text);
    w.key("ok").value(cs.ok);
    w.key("failure").value(ciphersuites_failure_name(cs.failure));
    w.key("listed");
    write_names(w, cs.listed, false);
    w.key("elements").begin_array();
    for (const ciphersuite_element& e : cs.elements) {
      w.begin_object();
      w.key("text").value(
          text.substr(std::min<std::size_t>(e.text.offset, text.size()), e.text.length));
      w.key("offset").value(static_cast<std::size_t>(e.text.offset));
      w.key("length").value(static_cast<std::size_t>(e.text.length));
      w.key("status").value(element_status_name(e.status));
      w.key("suite");
      if (e.suite != nullptr)
        w.plain_value(e.suite->name);
      else
        w.null_value();
      w.end_object();
    }
    w.end_array();
    w.key("elements_omitted").value(cs.elements_omitted);
    w.end_object();
  } else {
    w.null_value();
  }
  w.key("security_level").value(r.security_level);
  w.key("min_protocol");
  version_or_null(w, r.min_protocol);
  w.key("max_protocol");
  version_or_null(w, r.max_protocol);
  w.key("min_ok").value(r.min_ok);
  w.key("max_ok").value(r.max_ok);
  w.key("disabled_protocols").begin_array();
  for (const std::uint16_t v :
       {version::sslv3, version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3}) {
    if ((config.disabled_protocols & protocol_bit::of(v)) != 0)
      w.plain_value(protocol_version_name(v));
  }
  w.end_array();
  w.key("protocols").begin_object();
  w.key("lowest");
  version_or_null(w, r.protocols.lowest);
  w.key("highest");
  version_or_null(w, r.protocols.highest);
  w.key("problem").value(problem_name(r.protocols.problem));
  w.end_object();
  w.key("supported");
  if (r.supported)
    write_names(w, *r.supported, false);
  else
    w.null_value();
  w.key("diagnostics");
  write_diagnostic_list(w, r.diagnostics);
  w.end_object();
}

void write_diagnostic_list(json_writer& w, std::span<const diagnostic> findings) {
  w.begin_array();
  for (const diagnostic& d : findings) {
    w.begin_object();
    w.key("code").value(code_name(d.code));
    w.key("severity").value(severity_name(d.severity));
    w.key("offset").value(d.offset);
    w.key("length").value(d.length);
    w.key("message").value(d.message);
    w.key("suggestion").value(d.suggestion);
    w.end_object();
  }
  w.end_array();
}

}  // namespace detail
}  // namespace cipherexplain
