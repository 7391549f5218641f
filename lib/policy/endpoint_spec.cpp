// SPDX-License-Identifier: Apache-2.0
// Endpoints from text: the CLI's SPEC and the recordings' side objects name the same fields.

#include <cipherexplain/negotiation.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace cipherexplain {
namespace {

using namespace std::string_view_literals;

constexpr std::array fields{"ciphers"sv,       "ciphersuites"sv,  "min"sv,        "max"sv,
                            "level"sv,         "seclevel"sv,      "groups"sv,     "cert"sv,
                            "prefer-server"sv, "prefer_server"sv, "cert-first"sv, "cert_first"sv,
                            "openssl"sv,       "preset"sv,        "context"sv};
constexpr std::array flags{"prefer-server"sv, "prefer_server"sv, "cert-first"sv, "cert_first"sv};

std::optional<bool> flag_value(std::string_view v) {
  if (v.empty() || v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  return std::nullopt;
}

std::optional<std::string> bound(std::uint16_t& out, std::string_view key, std::string_view v) {
  if (v == "0") {
    out = 0;
    return std::nullopt;
  }
  const auto parsed = parse_protocol_version(v);
  if (!parsed || *parsed < version::sslv3)
    return fmt::format(
        "{}={}: not a protocol version (TLSv1, TLSv1.1, TLSv1.2, TLSv1.3, or 0 "
        "for no bound)",
        key, v);
  out = *parsed;
  return std::nullopt;
}

}  // namespace

bool is_endpoint_field(std::string_view key) noexcept {
  for (const auto f : fields)
    if (f == key) return true;
  return false;
}

std::optional<std::string> set_endpoint_field(tls_endpoint& e, std::string_view key,
                                              std::string_view value) {
  tls_configuration& c = e.config;
  if (key == "ciphers") {
    c.cipher_list = std::string(value);
  } else if (key == "ciphersuites") {
    c.ciphersuites = std::string(value);
  } else if (key == "min") {
    return bound(c.min_protocol, key, value);
  } else if (key == "max") {
    return bound(c.max_protocol, key, value);
  } else if (key == "level" || key == "seclevel") {
    int level = -1;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), level);
    if (ec != std::errc() || end != value.data() + value.size() || level < 0 || level > 5)
      return fmt::format("{}={}: a security level is 0 to 5", key, value);
    c.security_level = level;
  } else if (key == "groups") {
    e.groups = std::string(value);
  } else if (key == "cert") {
    auto certs = certificates_named(value);
    if (!certs)
      return fmt::format(
          "cert={}: unknown certificate (rsa1024, rsa2048, rsa3072, rsa4096, "
          "ecdsa-p256, ecdsa-p384, ecdsa-p521, both, none)",
          value);
    e.certificates = std::move(*certs);
  } else if (key == "prefer-server" || key == "prefer_server" || key == "cert-first" ||
             key == "cert_first") {
    const auto on = flag_value(value);
    if (!on) return fmt::format("{}={}: true or false", key, value);
    (key.front() == 'p' ? e.prefer_server : e.certificates_first) = *on;
  } else {
    return fmt::format(
        "{}: unknown setting (ciphers, ciphersuites, min, max, level, groups, "
        "cert, prefer-server, cert-first, openssl)",
        key);
  }
  return std::nullopt;
}

std::string to_spec(const tls_endpoint& e, std::string_view release) {
  std::string out;
  const auto add = [&](std::string_view key, std::string_view value) {
    if (!out.empty()) out += ',';
    out += key;
    if (!value.empty() || key == "ciphers" || key == "ciphersuites" || key == "groups")
      out += fmt::format("={}", value);
  };
  if (!release.empty()) add("openssl", release);
  const tls_configuration& c = e.config;
  if (c.cipher_list) add("ciphers", *c.cipher_list);
  if (c.ciphersuites) add("ciphersuites", *c.ciphersuites);
  if (c.min_protocol) add("min", protocol_version_name(c.min_protocol));
  if (c.max_protocol) add("max", protocol_version_name(c.max_protocol));
  if (c.security_level) add("level", std::to_string(*c.security_level));
  if (e.groups) add("groups", *e.groups);
  const std::vector<certificate_key> standard{certificate_key{}};
  if (e.certificates != standard) {
    std::string name = "none";
    for (const std::string_view candidate : {"rsa1024"sv, "rsa3072"sv, "rsa4096"sv, "ecdsa-p256"sv,
                                             "ecdsa-p384"sv, "ecdsa-p521"sv, "both"sv})
      if (certificates_named(candidate) == e.certificates) name = std::string(candidate);
    add("cert", name);
  }
  if (e.prefer_server) add("prefer-server", "");
  if (e.certificates_first) add("cert-first", "");
  return out;
}

std::optional<std::string> parse_endpoint_spec(std::string_view text, endpoint_spec& out) {
  // Where a pair starts: a known key followed by '=', or a flag's name followed by ',' or end.
  const auto starts_pair = [](std::string_view rest) {
    for (const auto f : fields)
      if (rest.starts_with(f) && rest.size() > f.size() && rest[f.size()] == '=') return true;
    for (const auto f : flags)
      if (rest.starts_with(f) && (rest.size() == f.size() || rest[f.size()] == ',')) return true;
    return false;
  };
  while (!text.empty()) {
    std::size_t end = 0;
    for (end = text.find(','); end != std::string_view::npos; end = text.find(',', end + 1))
      if (starts_pair(text.substr(end + 1))) break;
    const std::string_view pair = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const std::size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
    if (key == "openssl") {
      out.release = std::string(value);
      continue;
    }
    if (key == "preset" || key == "context") {
      (key == "preset" ? out.preset : out.context) = std::string(value);
      continue;
    }
    if (eq == std::string_view::npos && std::find(flags.begin(), flags.end(), key) == flags.end())
      return fmt::format(
          "'{}': a setting is key=value (ciphers=..., min=TLSv1.2, level=2, "
          "cert=ecdsa-p256) or a flag (prefer-server, cert-first)",
          pair);
    if (auto why = set_endpoint_field(out.endpoint, key, value)) return why;
  }
  return std::nullopt;
}

}  // namespace cipherexplain
