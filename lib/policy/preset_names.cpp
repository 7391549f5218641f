// SPDX-License-Identifier: Apache-2.0
// Presets by name: which data row a name means, and the preset that row gives.

#include "catalog/data_text.hpp"
#include "policy/embedded_presets.hpp"
#include "policy/preset_rows.hpp"

#include <cipherexplain/profile.hpp>

#include <algorithm>
#include <array>

namespace cipherexplain {
namespace {

using namespace std::string_view_literals;
using detail::family_row;
using detail::python_row;

constexpr std::array contexts{"sslcontext"sv, "client"sv,     "server"sv,
                              "tls-client"sv, "tls-server"sv, "unverified"sv};
constexpr std::array context_calls{"SSLContext(PROTOCOL_TLS)"sv,
                                   "create_default_context()"sv,
                                   "create_default_context(Purpose.CLIENT_AUTH)"sv,
                                   "SSLContext(PROTOCOL_TLS_CLIENT)"sv,
                                   "SSLContext(PROTOCOL_TLS_SERVER)"sv,
                                   "_create_unverified_context()"sv};
constexpr std::array python_builds{"upstream"sv, "openssl"sv, "debian"sv};

std::string dash_empty(std::string_view v) { return v == "-" ? std::string() : std::string(v); }

std::vector<std::string> split_calls(std::string_view text) {
  std::vector<std::string> out;
  if (text == "-" || text.empty()) return out;
  while (true) {
    const std::size_t at = text.find(" ;; ");
    out.emplace_back(detail::trim(text.substr(0, at)));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 4);
  }
  return out;
}

// protocols: "-", "TLSv1.2,TLSv1.3" (exactly these), ">=TLSv1.2", "<=TLSv1.2", or both.
void read_protocols(preset& p, std::string_view text) {
  if (text == "-" || text.empty()) return;
  detail::for_each_part(text, ' ', [&](std::string_view part) {
    if (part.starts_with(">="))
      p.min_protocol = parse_protocol_version(part.substr(2)).value_or(0);
    else if (part.starts_with("<="))
      p.max_protocol = parse_protocol_version(part.substr(2)).value_or(0);
    else
      detail::for_each_part(part, ',', [&](std::string_view v) {
        if (const auto parsed = parse_protocol_version(v))
          p.enabled_protocols |= protocol_bit::of(*parsed);
      });
  });
}

std::vector<bundled_release> python_bundles(std::string_view version) {
  std::vector<bundled_release> out;
  for (const auto& i : detail::preset_data().installers)
    if (range_contains(i.versions, version) && i.openssl != "-")
      out.push_back({i.platform, i.openssl, i.source});
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.platform == "windows" && b.platform != "windows";
  });
  return out;
}

preset from_python(const python_row& row, std::string_view version) {
  preset p;
  p.family = "python";
  p.build = row.build;
  p.name = row.build == "upstream" ? fmt::format("python-{}", version)
                                   : fmt::format("python-{}-{}", row.build, version);
  p.variant = row.context;
  p.version = std::string(version);
  p.versions = row.versions.text;
  p.description = fmt::format("Python {}{}, {}", version,
                              row.build == "upstream" ? ""
                              : row.build == "debian" ? " (Debian's build)"
                                                      : " (--with-ssl-default-suites=openssl)",
                              python_context_call(row.context));
  p.cipher_calls = split_calls(row.cipher_calls);
  p.min_protocol = parse_protocol_version(row.min_protocol).value_or(0);
  p.max_protocol = parse_protocol_version(row.max_protocol).value_or(0);
  p.method = row.method;
  if (row.method == "PROTOCOL_TLSv1") p.fixed_protocol = version::tlsv1;
  p.options = dash_empty(row.options);
  p.verify_mode = row.verify_mode;
  p.check_hostname = row.check_hostname == "true";
  p.verify_flags = dash_empty(row.verify_flags);
  p.https_verify = dash_empty(row.https_verify);
  p.bundled = python_bundles(version);
  for (const auto& s : detail::preset_data().python_support)
    if (range_contains(s.versions, version)) p.min_openssl = dash_empty(s.min_openssl);
  p.source = row.source;
  return p;
}

preset from_family(const family_row& row, std::string_view version) {
  preset p;
  p.family = row.family;
  p.variant = row.variant;
  p.version = std::string(version);
  p.versions = row.versions.text;
  p.name = row.variant.empty() ? fmt::format("{}-{}", row.family, version)
                               : fmt::format("{}-{}-{}", row.family, row.variant, version);
  p.description =
      fmt::format("{}{} {}", row.family, row.variant.empty() ? "" : " " + row.variant, version);
  if (row.cipher_string != "-") p.cipher_calls.push_back(row.cipher_string);
  if (row.ciphersuites != "-") p.ciphersuites = row.ciphersuites;
  read_protocols(p, row.protocols);
  if (row.security_level != "-" && row.security_level.size() == 1 && row.security_level[0] >= '0' &&
      row.security_level[0] <= '5')
    p.security_level = row.security_level[0] - '0';
  p.server_preference = row.server_preference == "yes";
  p.options = dash_empty(row.options);
  if (row.bundled_openssl != "-") p.bundled.push_back({"", row.bundled_openssl, row.source});
  p.source = row.source;
  p.notes = dash_empty(row.notes);
  return p;
}

preset from_profile(const profile& m) {
  preset p;
  p.family = "mozilla";
  p.variant = m.level;
  p.version = m.version;
  p.versions = m.version;
  p.name = m.name;
  p.description = m.description;
  if (!m.cipher_string.empty()) p.cipher_calls.push_back(m.cipher_string);
  if (!m.ciphersuites.empty()) p.ciphersuites = m.ciphersuites;
  for (const auto& v : m.tls_versions)
    if (const auto parsed = parse_protocol_version(v))
      p.enabled_protocols |= protocol_bit::of(*parsed);
  p.server_preference = m.server_preference;
  p.source = m.source;
  p.notes =
      "as the generator's nginx configuration sets it: ssl_protocols, ssl_ciphers, "
      "ssl_conf_command Ciphersuites, ssl_prefer_server_ciphers";
  return p;
}

// The version part of a name: "" (the newest row) or what follows the dash.
bool take_version(std::string_view& rest, std::string& version) {
  if (rest.empty()) return true;
  if (rest.front() != '-') return false;
  version = std::string(rest.substr(1));
  return !version.empty();
}

}  // namespace

std::span<const std::string_view> python_contexts() noexcept { return contexts; }

std::string_view python_context_call(std::string_view context) noexcept {
  for (std::size_t i = 0; i < contexts.size(); ++i)
    if (contexts[i] == context) return context_calls[i];
  return {};
}

std::span<const preset_family> preset_families() { return detail::preset_data().family_list; }

std::optional<preset> find_preset(std::string_view name, std::string_view context,
                                  std::string& error) {
  const auto& data = detail::preset_data();
  std::string lowered(name);
  for (char& c : lowered) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::string_view rest = lowered;
  if (rest.starts_with("python")) {
    rest.remove_prefix(6);
    std::string_view build = "upstream";
    for (const auto b : python_builds)
      if (rest.starts_with(fmt::format("-{}-", b))) {
        build = b;
        rest.remove_prefix(b.size() + 1);
      }
    std::string version;
    const std::string_view ctx = context.empty() ? "client"sv : context;
    if (python_context_call(ctx).empty()) {
      error = fmt::format(
          "'{}': not a Python context (sslcontext, client, server, tls-client, "
          "tls-server, unverified)",
          ctx);
      return std::nullopt;
    }
    if (take_version(rest, version)) {
      const python_row* found = nullptr;
      bool version_known = false;
      // Debian configures --with-ssl-default-suites=openssl and patches nothing in ssl.
      const std::string_view rows_of = build == "debian" ? "openssl"sv : build;
      for (const auto& row : data.python)
        if (row.build == rows_of && (version.empty() || range_contains(row.versions, version))) {
          version_known = true;
          if (row.context == ctx) found = &row;
        }
      if (found) {
        preset p =
            from_python(*found, version.empty() ? detail::range_first(found->versions) : version);
        if (build == "debian") {
          p.build = "debian";
          p.name = fmt::format("python-debian-{}", p.version);
          p.description =
              fmt::format("Python {} (Debian's build: --with-ssl-default-suites=openssl), {}",
                          p.version, python_context_call(ctx));
        }
        return p;
      }
      if (version_known) {
        error = fmt::format("Python {} has no {} ({})", version, ctx, python_context_call(ctx));
        return std::nullopt;
      }
    }
    error = fmt::format(
        "'{}': no Python release of that number in presets/python.tsv (builds: "
        "python-X.Y.Z, python-openssl-X.Y.Z, python-debian-X.Y.Z){}",
        name, detail::preset_files_missing());
    return std::nullopt;
  }
  if (rest.starts_with("mozilla")) {
    if (!context.empty() && context != "server") {
      error = fmt::format("'{}': Mozilla's guidelines are server configurations (context {})", name,
                          context);
      return std::nullopt;
    }
    if (const profile* m = find_profile(lowered)) return from_profile(*m);
    error = fmt::format(
        "'{}': no such Mozilla guideline (mozilla-LEVEL-VERSION, e.g. "
        "mozilla-intermediate-5.8; see preset list){}",
        name, detail::preset_files_missing());
    return std::nullopt;
  }
  // The longest family name the text starts with, then the longest variant.
  const preset_family* family = nullptr;
  for (const auto& f : data.family_list)
    if (f.name != "python" && f.name != "mozilla" && rest.starts_with(f.name) &&
        (rest.size() == f.name.size() || rest[f.name.size()] == '-') &&
        (!family || f.name.size() > family->name.size()))
      family = &f;
  if (!family) {
    error = fmt::format("'{}': unknown preset (see 'cipherexplain preset list'){}", name,
                        detail::preset_files_missing());
    return std::nullopt;
  }
  rest.remove_prefix(family->name.size());
  std::string variant;
  for (const auto& v : family->variants)
    if (rest.starts_with("-" + v) && (rest.size() == v.size() + 1 || rest[v.size() + 1] == '-') &&
        v.size() > variant.size())
      variant = v;
  const auto has_variant = [&](std::string_view v) {
    return std::find(family->variants.begin(), family->variants.end(), v) != family->variants.end();
  };
  if (!context.empty() && (!has_variant(context) || (!variant.empty() && variant != context))) {
    error = fmt::format("'{}': context {} is not {}", name, context,
                        variant.empty() ? fmt::format("a variant of {}", family->name)
                                        : fmt::format("its variant {}", variant));
    return std::nullopt;
  }
  if (!variant.empty())
    rest.remove_prefix(variant.size() + 1);
  else if (!context.empty())
    variant = std::string(context);  // nginx-1.24.0 as a client: the proxy_ssl_* side
  else if (std::find(family->variants.begin(), family->variants.end(), "server") !=
           family->variants.end())
    variant = "server";  // nginx-1.24.0: the server side, as people mean it
  else if (!family->variants.empty() &&
           std::none_of(data.families.begin(), data.families.end(), [&](const family_row& r) {
             return r.family == family->name && r.variant.empty();
           })) {
    std::string known;
    for (const auto& v : family->variants)
      known += fmt::format("{}{}", known.empty() ? "" : ", ", v);
    error = fmt::format("'{}': {} presets name a variant: {}", name, family->name, known);
    return std::nullopt;
  }
  std::string version;
  const family_row* found = nullptr;
  if (take_version(rest, version))
    for (const auto& row : data.families)
      if (row.family == family->name && row.variant == variant &&
          (version.empty() || range_contains(row.versions, version)))
        found = &row;  // the last matching row: the newest
  if (!found) {
    error = fmt::format("'{}': no {} row covers that version (rows: {})", name, family->name,
                        fmt::join(family->ranges, ", "));
    return std::nullopt;
  }
  return from_family(*found, version.empty() ? detail::range_first(found->versions) : version);
}

std::vector<preset> family_presets(std::string_view family, std::string_view context) {
  std::vector<preset> out;
  const auto& data = detail::preset_data();
  if (family == "python") {
    for (const auto& row : data.python)
      if (row.build == "upstream" && row.context == context)
        out.push_back(from_python(row, detail::range_first(row.versions)));
  } else if (family == "mozilla") {
    for (const profile& m : profiles()) out.push_back(from_profile(m));
  } else {
    for (const auto& row : data.families)
      if (row.family == family) out.push_back(from_family(row, detail::range_first(row.versions)));
  }
  return out;
}

}  // namespace cipherexplain
