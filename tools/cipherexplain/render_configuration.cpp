// SPDX-License-Identifier: Apache-2.0
// A configuration in words: what the TLS 1.3 setting did, which protocols and level are in
// effect, its findings, and (--usable) only the suites a connection can use.

#include "render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>

namespace cipherexplain::cli {
namespace {

std::string range_text(const configuration_result& r) {
  if (!r.protocols.usable()) return "no protocol version is usable";
  const std::string_view low = protocol_version_name(r.protocols.lowest);
  const std::string_view high = protocol_version_name(r.protocols.highest);
  return low == high ? fmt::format("{} only", low) : fmt::format("{} to {}", low, high);
}

std::string ciphersuites_text(const tls_configuration& config, const configuration_result& r) {
  if (!r.ciphersuites) {
    return r.head == 0
               ? "TLS 1.3 suites: none (this release has no TLS 1.3)."
               : fmt::format(
                     "TLS 1.3 suites: the release's default ({}).",
                     suite_names({r.ciphers.begin(),
                                  r.ciphers.begin() + static_cast<std::ptrdiff_t>(r.head)}));
  }
  const ciphersuites_result& cs = *r.ciphersuites;
  const std::vector<const cipher*>& head = cs.listed;
  if (!cs.ok) {
    return fmt::format(
        "TLS 1.3 suites: SSL_CTX_set_ciphersuites('{}') fails ({}), so the context keeps its "
        "default ones ({}).",
        printable(*config.ciphersuites), ciphersuites_failure_name(cs.failure),
        suite_names(head, head.size()));
  }
  if (head.empty()) return "TLS 1.3 suites: none (the setting is empty).";
  return fmt::format("TLS 1.3 suites: {} (SSL_CTX_set_ciphersuites accepts the setting).",
                     suite_names(head, head.size()));
}

}  // namespace

std::string render_configuration_text(const tls_configuration& config,
                                      const configuration_result& r, const style& c) {
  const std::size_t width = output_width();
  std::string out = wrapped(ciphersuites_text(config, r), width, 2);
  std::string set;
  if (r.min_protocol != 0) set += fmt::format("minimum {}", protocol_version_name(r.min_protocol));
  if (r.max_protocol != 0)
    set +=
        fmt::format("{}maximum {}", set.empty() ? "" : ", ", protocol_version_name(r.max_protocol));
  if (config.disabled_protocols != 0) {
    std::string off;
    for (const std::uint16_t v :
         {version::sslv3, version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3}) {
      if ((config.disabled_protocols & protocol_bit::of(v)) != 0)
        off += fmt::format("{}{}", off.empty() ? "" : ", ", protocol_version_name(v));
    }
    set += fmt::format("{}disabled {}", set.empty() ? "" : ", ", off);
  }
  if (!r.min_ok || !r.max_ok)
    set += fmt::format("{}a bound the release refuses was not set", set.empty() ? "" : "; ");
  std::size_t usable = 0;
  for (const suite_use& u : r.suites) usable += u.unusable ? 0u : 1u;
  out += wrapped(fmt::format("Protocols: {}{}; security level {}. {} of the {} listed suites are "
                             "usable.",
                             range_text(r), set.empty() ? "" : " (" + set + ")", r.security_level,
                             usable, r.suites.size()),
                 width, 2);
  // Findings about the ciphersuites point into that string; the others are about the whole.
  std::vector<diagnostic> about_suites, about_all;
  for (const diagnostic& d : r.diagnostics) {
    const bool positioned = d.code == diagnostic_code::ciphersuites_skipped ||
                            d.code == diagnostic_code::ciphersuites_rejected ||
                            d.code == diagnostic_code::tls12_in_ciphersuites ||
                            d.code == diagnostic_code::duplicate_ciphersuite;
    (positioned ? about_suites : about_all).push_back(d);
  }
  if (!about_suites.empty() && config.ciphersuites) {
    out += '\n';
    out += render_findings(*config.ciphersuites, about_suites, {}, c, "ciphersuites");
  }
  for (const diagnostic& d : about_all) {
    out += '\n';
    out += wrapped(fmt::format("configuration: {}: {} [{}]",
                               c.for_severity(d.severity, severity_name(d.severity)), d.message,
                               code_name(d.code)),
                   width, 2);
    out += wrapped(fmt::format("help: {}", code_info(d.code).help), width, 6);
  }
  return out;
}

std::string render_usable_text(const evaluator& release, const configuration_result& r,
                               const style& c) {
  std::string out;
  // Grouped by the versions of the window each suite can be used with (AES128-SHA, written
  // for SSLv3 and up, is a TLS 1.2 suite on a TLS 1.2+ configuration), newest first.
  using versions = std::pair<std::uint16_t, std::uint16_t>;
  std::map<versions, std::vector<const cipher*>, std::greater<>> by_protocol;
  for (const suite_use& u : r.suites) {
    if (u.unusable) continue;
    const std::uint16_t low = std::max(u.suite->min_tls, r.protocols.lowest);
    const std::uint16_t high = std::min(u.suite->max_tls, r.protocols.highest);
    by_protocol[{high, low}].push_back(u.suite);
  }
  out += fmt::format("OpenSSL {}: {}; security level {}.\n", release.release().release(),
                     range_text(r), r.security_level);
  if (by_protocol.empty()) {
    out += "No suite is usable (SSL_get1_supported_ciphers returns NULL).\n";
    return out;
  }
  for (const auto& [v, suites] : by_protocol) {
    const std::string heading = v.first == v.second
                                    ? std::string(protocol_version_name(v.first))
                                    : fmt::format("{} to {}", protocol_version_name(v.second),
                                                  protocol_version_name(v.first));
    out += c.bold(fmt::format("{} ({})", heading, suites.size()));
    out += '\n';
    for (const cipher* s : suites)
      out += fmt::format("  {:<32} {}\n", s->name, s->stdname.empty() ? "-" : s->stdname);
  }
  return out;
}

}  // namespace cipherexplain::cli
