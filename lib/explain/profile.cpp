// SPDX-License-Identifier: Apache-2.0
// Mozilla's server-side TLS guidelines as published, read from profiles/mozilla.tsv (embedded
// by the build; scripts/extract-mozilla-profiles.py writes it from the guideline JSON).

#include <cipherexplain/profile.hpp>

#include "catalog/data_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace cipherexplain {
namespace detail {
std::string_view mozilla_profiles_tsv() noexcept;  // generated (cmake/embed_file.cmake)
}

namespace {

std::vector<std::string> list_of(std::string_view cell) {
  std::vector<std::string> out;
  if (cell == "-") return out;
  detail::for_each_part(cell, ':', [&](std::string_view part) {
    if (!part.empty()) out.emplace_back(part);
  });
  return out;
}

// A size in bits; "-" (null in the guideline) is 0.
int bits(std::string_view cell, const detail::data_error_context& where) {
  if (cell == "-") return 0;
  int n = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), n);
  if (error != std::errc() || end != cell.data() + cell.size() || n <= 0)
    where.fail(fmt::format("'{}' is not a size in bits", cell));
  return n;
}

// Orders "4.0" < "5.10" numerically.
std::pair<int, int> version_key(std::string_view v) {
  const std::size_t dot = v.find('.');
  auto number = [](std::string_view s) {
    int n = 0;
    for (const char c : s) n = n * 10 + (c - '0');
    return n;
  };
  return {number(v.substr(0, dot)), dot == std::string_view::npos ? 0 : number(v.substr(dot + 1))};
}

std::vector<profile> load() {
  // No text: a build that reads the presets at run time (provide_preset_files) was given none.
  if (detail::mozilla_profiles_tsv().empty()) return {};
  const detail::tsv data(detail::mozilla_profiles_tsv(), "profiles/mozilla.tsv");
  const std::size_t c_version = data.column("version"), c_level = data.column("level"),
                    c_tls = data.column("tls_versions"), c_suites = data.column("ciphersuites"),
                    c_iana = data.column("ciphers_iana"), c_string = data.column("cipher_string"),
                    c_source = data.column("source"),
                    c_server_order = data.column("server_preferred_order"),
                    c_curves = data.column("tls_curves"), c_ecdh = data.column("ecdh_param_size"),
                    c_dh = data.column("dh_param_size"),
                    c_cert_types = data.column("certificate_types"),
                    c_cert_curves = data.column("certificate_curves"),
                    c_rsa = data.column("rsa_key_size");
  std::vector<profile> out;
  for (const auto& row : data.rows()) {
    const auto& v = row.cells;
    const detail::data_error_context where(data.file(), row.line);
    profile p;
    p.version = v[c_version];
    p.level = v[c_level];
    p.name = fmt::format("mozilla-{}-{}", p.level, p.version);
    p.description = fmt::format("Mozilla server-side TLS {}, {}", p.version, p.level);
    p.allowed = list_of(v[c_suites]);
    for (std::string& name : list_of(v[c_iana])) p.allowed.push_back(std::move(name));
    p.tls_versions = list_of(v[c_tls]);
    p.cipher_string = v[c_string] == "-" ? std::string() : std::string(v[c_string]);
    p.source = fmt::format("mozilla/ssl-config-generator {}", v[c_source]);
    p.ciphersuites = v[c_suites] == "-" ? std::string() : std::string(v[c_suites]);
    if (v[c_server_order] != "-" && v[c_server_order] != "true" && v[c_server_order] != "false")
      where.fail(
          fmt::format("server_preferred_order '{}' is not true, false or -", v[c_server_order]));
    p.server_preference = v[c_server_order] == "true";
    p.curves = v[c_curves] == "-" ? std::string() : std::string(v[c_curves]);
    p.dh_param_size = bits(v[c_dh], where);
    p.ecdh_param_size = bits(v[c_ecdh], where);
    p.certificate_types = list_of(v[c_cert_types]);
    p.certificate_curves = list_of(v[c_cert_curves]);
    p.rsa_key_size = bits(v[c_rsa], where);
    out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(), [](const profile& a, const profile& b) {
    return version_key(a.version) < version_key(b.version);
  });
  return out;
}

const std::vector<profile>& all() {
  static const std::vector<profile> loaded = load();
  return loaded;
}

}  // namespace

std::span<const profile> profiles() { return all(); }

const profile* find_profile(std::string_view name) {
  const profile* newest = nullptr;
  for (const profile& p : all()) {
    if (p.name == name) return &p;
    if (name == "mozilla-" + p.level) newest = &p;  // all() is oldest first
  }
  return newest;
}

std::vector<std::string> profile_names() {
  std::vector<std::string> names;
  std::vector<std::string> levels;
  for (const profile& p : all()) {
    names.push_back(p.name);
    if (std::find(levels.begin(), levels.end(), p.level) == levels.end()) levels.push_back(p.level);
  }
  for (const std::string& level : levels) names.push_back("mozilla-" + level);
  return names;
}

std::vector<const cipher*> violations(const profile& p, std::span<const cipher* const> suites) {
  std::vector<const cipher*> out;
  for (const cipher* s : suites) {
    // By IANA name: catalogs before 1.1.1 carry the names 1.1.1 gives the same code points.
    const bool allowed = !s->stdname.empty() && std::find(p.allowed.begin(), p.allowed.end(),
                                                          s->stdname) != p.allowed.end();
    if (!allowed) out.push_back(s);
  }
  return out;
}

}  // namespace cipherexplain
