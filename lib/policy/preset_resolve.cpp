// SPDX-License-Identifier: Apache-2.0
// A preset on a release: the calls its software makes, in order, on a fresh context of that
// release, and what they leave - list, options integer, protocol range, security level.

#include "diagnostics/finding.hpp"
#include "policy/preset_rows.hpp"

#include <cipherexplain/evaluator.hpp>
#include <cipherexplain/ssl_options.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace cipherexplain {
namespace {

// "1.0.2k" -> "1.0.2"; "3.0.13" -> "3.0": the series a recorded release can stand in for.
std::string series_of(std::string_view release) {
  while (!release.empty() && release.back() >= 'a' && release.back() <= 'z')
    release.remove_suffix(1);
  if (release.starts_with("1.")) return std::string(release);
  return std::string(release.substr(0, release.rfind('.')));
}

bool older_than(std::string_view release, std::string_view minimum) {
  while (!release.empty() && release.back() >= 'a' && release.back() <= 'z')
    release.remove_suffix(1);
  const auto r = detail::parse_version(release), m = detail::parse_version(minimum);
  if (r.empty() || m.empty()) return false;
  return std::lexicographical_compare(r.begin(), r.end(), m.begin(), m.end());
}

constexpr std::array<std::pair<std::string_view, std::uint8_t>, 5> no_protocol_options{{
    {"NO_SSLv3", protocol_bit::sslv3},
    {"NO_TLSv1", protocol_bit::tlsv1},
    {"NO_TLSv1_1", protocol_bit::tlsv1_1},
    {"NO_TLSv1_2", protocol_bit::tlsv1_2},
    {"NO_TLSv1_3", protocol_bit::tlsv1_3},
}};

void add(preset_result& out, diagnostic_code code, std::string message) {
  out.diagnostics.push_back(detail::make_finding(code, std::move(message), 0, 0));
}

}  // namespace

const catalog* preset_release(const preset& p, std::string* bundled) {
  for (const bundled_release& b : p.bundled) {
    if (bundled) *bundled = b.release;
    // "1.0.1p-1.0.1u": a line's releases over the range; its newest decides.
    const std::string_view newest = std::string_view(b.release).substr(b.release.rfind('-') + 1);
    for (const catalog* c : catalog::all())
      if (c->release() == newest) return c;
    if (const catalog* c = catalog::find(series_of(newest))) return c;
  }
  return nullptr;
}

preset_result resolve_preset(const preset& p, const catalog& release) {
  return resolve_preset(p, configuration_resolver(release));
}

preset_result resolve_preset(const preset& p, const configuration_resolver& resolver) {
  const catalog& release = resolver.release();
  preset_result out;
  out.release = &release;
  const bool old_engine = release.engine() == engine_family::openssl_1_0;
  if (!p.min_openssl.empty() && older_than(release.release(), p.min_openssl))
    add(out, diagnostic_code::preset_unsupported_release,
        fmt::format("{} needs OpenSSL {} or later: no real installation runs on {}", p.description,
                    p.min_openssl, release.release()));

  // Options: a fresh context's, then the software's terms (server preference is one).
  std::string error;
  auto terms = parse_option_terms(p.options, error).value_or(std::vector<option_term>{});
  if (p.server_preference) terms.push_back({"CIPHER_SERVER_PREFERENCE", {}, false});
  const applied_options applied = apply_options(release, terms);
  out.options = applied.value;
  // Enabled protocols are what nginx's ssl_protocols does: SSL_CTX_set_options(SSL_OP_NO_*) for
  // the versions left out, so they are in the options integer too (where the release has them).
  const std::uint8_t left_out = p.enabled_protocols ? protocols_only(p.enabled_protocols) : 0;
  for (const auto& [name, bit] : no_protocol_options)
    if (const ssl_option* o = find_ssl_option(release, name); o && (left_out & bit))
      out.options |= o->value;
  out.option_names = option_names(release, out.options);
  for (const std::string& name : applied.undefined)
    add(out, diagnostic_code::option_undefined,
        fmt::format("SSL_OP_{} does not exist in OpenSSL {}: it sets nothing", name,
                    release.release()));
  for (const std::string& name : applied.no_effect) {
    const ssl_option* o = find_ssl_option(release, name);
    add(out, diagnostic_code::option_no_effect,
        fmt::format("SSL_OP_{} is 0 in OpenSSL {}{}: setting it changes nothing", name,
                    release.release(), o && !o->note.empty() ? fmt::format(" ({})", o->note) : ""));
  }

  // The protocol settings.
  tls_configuration& c = out.config;
  std::uint8_t disabled = 0;
  for (const auto& [name, bit] : no_protocol_options)
    if (const ssl_option* o = find_ssl_option(release, name);
        o && o->value && (out.options & o->value))
      disabled |= bit;
  disabled |= left_out;
  if (p.fixed_protocol) disabled |= protocols_only(protocol_bit::of(p.fixed_protocol));
  c.min_protocol = p.min_protocol;
  c.max_protocol = p.max_protocol;
  c.disabled_protocols = disabled;
  if (old_engine && (c.min_protocol || c.max_protocol || c.disabled_protocols)) {
    add(out, diagnostic_code::preset_setting_dropped,
        fmt::format("OpenSSL {} has no protocol bounds, and what its SSL_OP_NO_* options do to the "
                    "list is not modelled: the list and its usability are shown for SSLv3 to "
                    "TLS 1.2 (the options integer still has the bits)",
                    release.release()));
    c.min_protocol = c.max_protocol = 0;
    c.disabled_protocols = 0;
  }
  if (p.security_level) {
    if (old_engine)
      add(out, diagnostic_code::preset_setting_dropped,
          fmt::format("OpenSSL {} has no security levels: level {} is left out", release.release(),
                      *p.security_level));
    else
      c.security_level = p.security_level;
  }
  if (p.ciphersuites) {
    if (release.ciphersuites_setter() == ciphersuites_setter::none)
      add(out, diagnostic_code::preset_setting_dropped,
          fmt::format("OpenSSL {} has no TLS 1.3: the ciphersuites '{}' are left out",
                      release.release(), *p.ciphersuites));
    else
      c.ciphersuites = p.ciphersuites;
  }

  // The cipher string calls, in order: each replaces the list; one that fails stops the
  // software (Python raises), leaving the list as it was before.
  for (const std::string& call : p.cipher_calls) {
    // Whether it succeeds is all an earlier call needs (the last is resolved below, with its
    // findings); a failing one is evaluated again for its findings, which say why.
    if (!resolver.cipher_strings().evaluate(call, detail_level::result).ok) {
      out.failed_call = call;
      out.failed_evaluation = resolver.cipher_strings().evaluate(call);
      out.failure = fmt::format("SSL_CTX_set_cipher_list(\"{}\") fails on OpenSSL {}", call,
                                release.release());
      add(out, diagnostic_code::preset_call_fails,
          fmt::format("{}: {} cannot make this context", *out.failure, p.description));
      break;
    }
    c.cipher_list = call;
  }
  out.resolved = resolver.resolve(c, detail_level::findings);
  return out;
}

tls_endpoint preset_endpoint(const preset& p, const preset_result& on_release) {
  tls_endpoint e;
  e.config = on_release.config;
  const ssl_option* pref = find_ssl_option(*on_release.release, "CIPHER_SERVER_PREFERENCE");
  e.prefer_server = p.server_preference || (pref && (on_release.options & pref->value));
  return e;
}

}  // namespace cipherexplain
