// SPDX-License-Identifier: Apache-2.0
// Findings about a configuration as a whole: protocol ranges no connection can use, gaps in
// SSL_OP_NO_* settings, TLS 1.3 without a suite, and suites listed but refused.

#include "policy/configuration_checks.hpp"

#include "diagnostics/finding.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

namespace cipherexplain::detail {
namespace {

std::string version_text(std::uint16_t v) { return std::string(protocol_version_name(v)); }

// The versions the settings enable, TLS 1.0 up (SSLv3 is compiled out of 1.1.0+).
std::vector<std::uint16_t> enabled_versions(const catalog& release, const protocol_settings& s) {
  std::vector<std::uint16_t> out;
  for (const std::uint16_t v :
       {version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3}) {
    if (v == version::tlsv1_3 && release.engine() != engine_family::openssl_1_1_1) continue;
    if ((s.min_version != 0 && v < s.min_version) || (s.max_version != 0 && v > s.max_version))
      continue;
    if ((s.disabled & protocol_bit::of(v)) != 0) continue;
    out.push_back(v);
  }
  return out;
}

void check_protocols(const catalog& release, const tls_configuration& config,
                     const configuration_result& r, std::vector<diagnostic>& out) {
  if (release.engine() == engine_family::openssl_1_0) return;
  const protocol_settings settings{r.min_protocol, r.max_protocol, config.disabled_protocols,
                                   suiteb_prefix::none};
  const std::vector<std::uint16_t> enabled = enabled_versions(release, settings);
  for (std::size_t i = 1; i < enabled.size(); ++i) {
    if (enabled[i] != enabled[i - 1] + 1) {
      const protocol_window& kept = r.protocols;
      std::string what = " (here none)";
      if (kept.usable()) {
        what = ", " + version_text(kept.lowest);
        if (kept.highest != kept.lowest) what += " to " + version_text(kept.highest);
      }
      out.push_back(make_finding(
          diagnostic_code::protocol_hole,
          fmt::format("{} and {} are enabled but not the versions between them: OpenSSL keeps "
                      "only the lowest run it can use{}",
                      version_text(enabled[i - 1]), version_text(enabled[i]), what),
          0, 0));
      break;
    }
  }
  if (!r.protocols.usable()) {
    std::string why;
    switch (r.protocols.problem) {
      case protocol_problem::min_above_max:
        why = fmt::format("the minimum {} is above the maximum {}", version_text(r.min_protocol),
                          version_text(r.max_protocol));
        break;
      case protocol_problem::refused_by_level:
        why = fmt::format("security level {} refuses every version the range allows",
                          r.security_level);
        break;
      default:
        why = "the range and the disabled versions leave none";
        break;
    }
    out.push_back(make_finding(diagnostic_code::no_usable_protocol,
                               fmt::format("no protocol version is usable: {}", why), 0, 0));
    return;
  }
  // TLS 1.0/1.1 asked for (a minimum or an enabled list that names them) but unusable.
  const bool asked_for_old =
      (r.min_protocol != 0 && r.min_protocol < version::tlsv1_2) ||
      (config.disabled_protocols != 0 && !enabled.empty() && enabled.front() < version::tlsv1_2);
  const security_rules& rules = release.security_rules();
  if (asked_for_old && r.security_level >= 1) {
    if (rules.tls12_floor_from_level_1) {
      out.push_back(make_finding(
          diagnostic_code::old_protocols_unusable,
          fmt::format("the range allows TLS 1.0/1.1, but OpenSSL {} refuses them at security "
                      "level {} (they need level 0)",
                      release.release(), r.security_level),
          0, 0));
    } else if (rules.legacy_signatures_refused_from_level_1) {
      out.push_back(make_finding(
          diagnostic_code::old_protocols_unusable,
          fmt::format("the range allows TLS 1.0/1.1, but at security level {} no TLS 1.0/1.1 "
                      "handshake completes on OpenSSL {}: their MD5-SHA1 signatures are below "
                      "the level (they need level 0)",
                      r.security_level, release.release()),
          0, 0));
    }
  }
}

void check_suites(const catalog& release, const configuration_result& r,
                  std::vector<diagnostic>& out) {
  if (release.engine() == engine_family::openssl_1_0 || !r.protocols.usable()) return;
  if (!r.supported) {
    const std::string versions =
        r.protocols.lowest == r.protocols.highest
            ? version_text(r.protocols.lowest) + " only"
            : version_text(r.protocols.lowest) + " to " + version_text(r.protocols.highest);
    out.push_back(make_finding(diagnostic_code::nothing_usable,
                               fmt::format("none of the {} listed suites is usable at security "
                                           "level {} with {}",
                                           r.ciphers.size(), r.security_level, versions),
                               0, 0));
  }
  if (r.protocols.highest == version::tlsv1_3) {
    bool tls13_usable = false;
    for (const suite_use& u : r.suites) {
      if (u.suite->min_tls == version::tlsv1_3 && !u.unusable) tls13_usable = true;
    }
    if (!tls13_usable) {
      out.push_back(make_finding(
          diagnostic_code::no_tls13_suites,
          r.head == 0 ? std::string("TLS 1.3 is enabled but the TLS 1.3 suites are empty: every "
                                    "handshake fails ('no ciphers available'), also with peers "
                                    "that could use TLS 1.2; set the maximum protocol to TLS 1.2")
                      : fmt::format("TLS 1.3 is enabled but security level {} refuses every TLS "
                                    "1.3 suite listed: every handshake fails",
                                    r.security_level),
          0, 0));
    }
  }
  std::vector<std::string> ccm8;
  for (const suite_use& u : r.suites) {
    if ((u.suite->enc & (enc::aes128ccm8 | enc::aes256ccm8)) != 0 && u.unusable &&
        *u.unusable == unusable_reason::too_few_bits && u.suite->strength_bits < 80)
      ccm8.emplace_back(u.suite->name);
  }
  if (!ccm8.empty()) {
    std::string names;
    for (const std::string& n : ccm8) names += (names.empty() ? "" : ", ") + n;
    out.push_back(make_finding(diagnostic_code::ccm8_needs_level_0,
                               fmt::format("OpenSSL {} counts CCM_8 as 64-bit secure, so security "
                                           "level {} refuses {} listed: {}",
                                           release.release(), r.security_level, ccm8.size(), names),
                               0, 0));
  }
}

}  // namespace

void check_configuration(const catalog& release, const tls_configuration& config,
                         configuration_result& out) {
  if (out.ciphersuites && config.ciphersuites)
    check_ciphersuites(release, *config.ciphersuites, *out.ciphersuites, out.diagnostics);
  check_protocols(release, config, out, out.diagnostics);
  check_suites(release, out, out.diagnostics);
}

}  // namespace cipherexplain::detail
