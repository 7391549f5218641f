// SPDX-License-Identifier: Apache-2.0
// lint(): resolves every unit on the releases asked for and places each finding on the
// configuration file's line and column: a cipher string's findings through the value's spans,
// a configuration's on the setting it is about, a reader's errors where they were found.

#include "config/lint_units.hpp"
#include "diagnostics/finding.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace cipherexplain {

namespace {

// A finding about a whole value or unit: no offset into a string.
[[nodiscard]] diagnostic make_finding(diagnostic_code code, std::string message) {
  return detail::make_finding(code, std::move(message), 0, 0);
}

[[nodiscard]] bool about_ciphersuites(diagnostic_code c) noexcept {
  return c == diagnostic_code::ciphersuites_skipped ||
         c == diagnostic_code::ciphersuites_rejected ||
         c == diagnostic_code::tls12_in_ciphersuites || c == diagnostic_code::duplicate_ciphersuite;
}

[[nodiscard]] bool about_protocols(diagnostic_code c) noexcept {
  return c == diagnostic_code::old_protocols_refused ||
         c == diagnostic_code::old_protocols_unusable || c == diagnostic_code::no_usable_protocol ||
         c == diagnostic_code::protocol_hole;
}

class collector {
 public:
  explicit collector(lint_report& r) : r_(r) {}

  // A finding at a setting's value offset (through its spans), on `release` ("" for none).
  void at_setting(const diagnostic& d, std::size_t config, std::size_t setting,
                  std::optional<std::size_t> unit, const std::string& release,
                  bool at_directive = false) {
    const tls_setting& s = r_.configs[config].settings[setting];
    lint_finding f;
    f.finding = d;
    f.file = s.file;
    f.config = config;
    f.setting = setting;
    f.unit = unit;
    if (s.spans.empty() || at_directive) {
      f.line = s.line;
      f.column = s.column;
    } else {
      const file_position a = position_of(s, d.offset);
      f.line = a.line;
      f.column = a.column;
      if (d.length > 0) {
        const file_position b = position_of(s, d.offset + d.length);
        f.end_line = b.line;
        f.end_column = b.column;
      }
    }
    add(std::move(f), release);
  }

  // A finding about a whole unit: on the setting of `kind` it uses, else on its cipher list,
  // else on the block.
  void at_unit(const diagnostic& d, std::size_t unit, setting_kind kind,
               const std::string& release) {
    const lint_unit& u = r_.units[unit];
    for (setting_kind k : {kind, setting_kind::cipher_list, setting_kind::ciphersuites,
                           setting_kind::protocols, setting_kind::min_protocol}) {
      const auto& src = u.sources[static_cast<std::size_t>(k)];
      if (!src.setting) continue;
      diagnostic whole = d;
      whole.offset = 0;
      whole.length = 0;
      return at_setting(whole, u.config, *src.setting, unit, release);
    }
    const config_read_result& c = r_.configs[u.config];
    const config_block& b = c.blocks[static_cast<std::size_t>(u.block)];
    lint_finding f;
    f.finding = d;
    f.file = b.file.empty() && !c.files.empty() ? c.files.front() : b.file;
    f.line = b.line;
    f.config = u.config;
    f.unit = unit;
    add(std::move(f), release);
  }

  void add(lint_finding f, const std::string& release) {
    const auto key = std::make_tuple(f.finding.code, f.file, f.line, f.column, f.finding.message);
    auto it = index_.find(key);
    if (it == index_.end()) {
      if (!release.empty()) f.releases.push_back(release);
      index_.emplace(key, r_.findings.size());
      r_.findings.push_back(std::move(f));
      return;
    }
    auto& releases = r_.findings[it->second].releases;
    if (!release.empty() && std::find(releases.begin(), releases.end(), release) == releases.end())
      releases.push_back(release);
  }

 private:
  lint_report& r_;
  std::map<std::tuple<diagnostic_code, std::string, std::uint32_t, std::uint32_t, std::string>,
           std::size_t>
      index_;
};

[[nodiscard]] std::string names_of(std::span<const cipher* const> suites) {
  std::string out;
  std::size_t shown = 0;
  for (const cipher* c : suites) {
    if (shown == 6) {
      out += ", ... (" + std::to_string(suites.size()) + " in all)";
      break;
    }
    if (!out.empty()) out += ", ";
    out += c->name;
    ++shown;
  }
  return out;
}

// What must be the same for a setting to change nothing.
[[nodiscard]] bool same_outcome(const configuration_result& a, bool prefer_a,
                                const configuration_result& b, bool prefer_b) {
  return a.ciphers == b.ciphers && a.protocols.lowest == b.protocols.lowest &&
         a.protocols.highest == b.protocols.highest && a.list_ok == b.list_ok &&
         a.security_level == b.security_level && prefer_a == prefer_b;
}

void check_policy(collector& out, const profile& p, const lint_unit& u, std::size_t unit,
                  const configuration_result& r, const std::string& release) {
  std::vector<const cipher*> usable;
  for (const suite_use& s : r.suites) {
    if (!s.unusable) usable.push_back(s.suite);
  }
  const std::vector<const cipher*> bad = violations(p, usable);
  if (!bad.empty()) {
    const bool tls13 = std::all_of(bad.begin(), bad.end(),
                                   [](const cipher* c) { return c->min_tls == version::tlsv1_3; });
    out.at_unit(make_finding(diagnostic_code::policy_violation,
                             u.label + ": " + std::to_string(bad.size()) + " usable suite" +
                                 (bad.size() == 1 ? " is" : "s are") + " not allowed by " + p.name +
                                 ": " + names_of(bad)),
                unit, tls13 ? setting_kind::ciphersuites : setting_kind::cipher_list, release);
  }
  std::string versions;
  for (std::uint16_t v = r.protocols.lowest; v != 0 && v <= r.protocols.highest; ++v) {
    const std::string_view name = protocol_version_name(v);
    if (name.empty()) continue;
    if (std::find(p.tls_versions.begin(), p.tls_versions.end(), name) != p.tls_versions.end())
      continue;
    versions += versions.empty() ? "" : ", ";
    versions += name;
  }
  if (!versions.empty()) {
    out.at_unit(make_finding(diagnostic_code::policy_violation, u.label + ": " + versions +
                                                                    " can be used; " + p.name +
                                                                    " allows only what it lists"),
                unit, setting_kind::protocols, release);
  }
}

// Resolutions by configuration: real trees repeat a handful of configurations over many
// blocks, and a resolution costs far more than its lookup (and its memory, kept once).
class resolution_cache {
 public:
  resolution_cache(std::span<const configuration_resolver> resolvers,
                   std::vector<configuration_result>& store)
      : resolvers_(resolvers), store_(store) {}

  /// The index of the resolution in the store.
  /// @throws std::invalid_argument as configuration_resolver::resolve
  std::size_t get(std::size_t release, const tls_configuration& c) {
    // Each field written, or marked absent, with a separator no value holds unescaped.
    std::string key = std::to_string(release);
    for (const auto& field : {c.cipher_list, c.ciphersuites}) {
      key += field ? '+' : '-';
      if (field) key.append(*field);
      key += '\0';
    }
    for (const int n : {c.security_level.value_or(-1), int{c.min_protocol}, int{c.max_protocol},
                        int{c.disabled_protocols}, c.ciphersuites_first ? 1 : 0}) {
      key.append(std::to_string(n));
      key += ',';
    }
    auto it = index_.find(key);
    if (it == index_.end()) {
      store_.push_back(resolvers_[release].resolve(c));
      it = index_.emplace(std::move(key), store_.size() - 1).first;
    }
    return it->second;
  }

 private:
  std::span<const configuration_resolver> resolvers_;
  std::vector<configuration_result>& store_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace

lint_report lint(std::vector<config_read_result> configs, const lint_options& options) {
  lint_report r;
  r.configs = std::move(configs);
  std::vector<const catalog*> releases = options.releases;
  if (releases.empty()) releases.push_back(catalog::find("latest"));
  for (const catalog* c : releases) r.releases.emplace_back(c->release());
  std::vector<configuration_resolver> resolvers;
  resolvers.reserve(releases.size());
  for (const catalog* c : releases) resolvers.emplace_back(*c);

  resolution_cache cache(resolvers, r.resolutions);
  collector out(r);
  std::deque<detail::unit_builder> builders;  // per configuration; they point into r.configs
  for (std::size_t i = 0; i < r.configs.size(); ++i) {
    const config_read_result& c = r.configs[i];
    for (const config_error& e : c.errors) {
      lint_finding f;
      f.finding = make_finding(diagnostic_code::config_error, e.message);
      f.file = e.file;
      f.line = e.line;
      f.column = e.column;
      f.config = i;
      out.add(std::move(f), "");
    }
    builders.emplace_back(c, i, options.server_version);
    const detail::unit_builder& units = builders.back();
    for (std::size_t k = 0; k < c.settings.size(); ++k) {
      const tls_setting& s = c.settings[k];
      if (s.effective) continue;
      // The one that replaces it: the effective one of its block, kind and role.
      if (const auto by = units.replacing(k)) {
        const tls_setting& t = c.settings[*by];
        out.at_setting(make_finding(diagnostic_code::setting_replaced,
                                    s.directive + " is replaced by " + t.directive + " at " +
                                        t.file + ":" + std::to_string(t.line)),
                       i, k, std::nullopt, "", true);
      }
    }
    units.make_units(r.units);
  }

  for (std::size_t ui = 0; ui < r.units.size(); ++ui) {
    lint_unit& u = r.units[ui];
    const std::string& label = u.label;
    for (std::size_t ri = 0; ri < releases.size(); ++ri) {
      const std::string& release = r.releases[ri];
      tls_configuration config = u.configuration;
      // What the release cannot set is left out, and said so.
      if (auto why = check_configuration(*releases[ri], config)) {
        const std::string reason = *why;
        if (releases[ri]->ciphersuites_setter() == ciphersuites_setter::none)
          config.ciphersuites.reset();
        if (check_configuration(*releases[ri], config)) config.security_level.reset();
        if (check_configuration(*releases[ri], config)) {
          config.min_protocol = 0;
          config.max_protocol = 0;
        }
        std::string message = label;
        message.append(": ").append(reason);
        out.at_unit(make_finding(diagnostic_code::setting_unsupported, std::move(message)), ui,
                    setting_kind::ciphersuites, release);
      }
      std::size_t index = 0;
      try {
        index = cache.get(ri, config);
      } catch (const std::invalid_argument& e) {
        out.at_unit(make_finding(diagnostic_code::setting_unsupported, label + ": " + e.what()), ui,
                    setting_kind::cipher_list, release);
        u.results.push_back(lint_unit::no_result);
        continue;
      }
      u.results.push_back(index);
      const configuration_result& res = r.resolutions[index];
      const auto& list_src = u.sources[static_cast<std::size_t>(setting_kind::cipher_list)];
      for (const diagnostic& d : res.cipher_list.diagnostics) {
        if (list_src.setting) {
          out.at_setting(d, u.config, *list_src.setting, ui, release);
        } else if (d.severity == severity::error) {
          out.at_unit(d, ui, setting_kind::cipher_list, release);
        }
      }
      const auto& suites_src = u.sources[static_cast<std::size_t>(setting_kind::ciphersuites)];
      for (const diagnostic& d : res.diagnostics) {
        if (about_ciphersuites(d.code) && suites_src.setting) {
          out.at_setting(d, u.config, *suites_src.setting, ui, release);
        } else {
          out.at_unit(d, ui,
                      about_protocols(d.code) ? setting_kind::protocols : setting_kind::cipher_list,
                      release);
        }
      }
      if (options.policy) check_policy(out, *options.policy, u, ui, res, release);
    }
  }

  // A unit's own setting that changes nothing on any release: the same outcome without it.
  for (std::size_t ui = 0; ui < r.units.size(); ++ui) {
    const lint_unit& u = r.units[ui];
    const config_read_result& c = r.configs[u.config];
    for (std::size_t k = 0; k < u.sources.size(); ++k) {
      const auto& src = u.sources[k];
      if (!src.setting || c.settings[*src.setting].block != u.block) continue;
      const lint_unit without = builders[u.config].without_own(u, static_cast<setting_kind>(k));
      bool same = true;
      for (std::size_t ri = 0; ri < releases.size() && same; ++ri) {
        try {
          const std::size_t alt = cache.get(ri, without.configuration);
          same = u.results[ri] != lint_unit::no_result &&
                 same_outcome(r.resolutions[u.results[ri]], u.prefer_server, r.resolutions[alt],
                              without.prefer_server);
        } catch (const std::invalid_argument&) {
          same = false;
        }
      }
      if (!same) continue;
      const tls_setting& s = c.settings[*src.setting];
      const auto& from = without.sources[k];
      const std::string instead =
          from.setting ? "what " + c.settings[*from.setting].directive + " at " +
                             c.settings[*from.setting].file + ":" +
                             std::to_string(c.settings[*from.setting].line) + " gives"
          : !from.preset.empty() ? "the server's default (preset " + from.preset + ")"
                                 : "OpenSSL's default";
      out.at_setting(make_finding(diagnostic_code::setting_no_change,
                                  s.directive + " gives " + u.label + " " + instead),
                     u.config, *src.setting, ui, "", true);
    }
  }

  std::stable_sort(r.findings.begin(), r.findings.end(),
                   [](const lint_finding& a, const lint_finding& b) {
                     return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
                   });
  return r;
}

const configuration_result* unit_result(const lint_report& report, const lint_unit& unit,
                                        std::size_t release) noexcept {
  if (release >= unit.results.size() || unit.results[release] == lint_unit::no_result)
    return nullptr;
  return &report.resolutions[unit.results[release]];
}

std::optional<severity> worst_severity(const lint_report& report) noexcept {
  std::optional<severity> worst;
  for (const lint_finding& f : report.findings) {
    if (!worst || f.finding.severity > *worst) worst = f.finding.severity;
  }
  return worst;
}

}  // namespace cipherexplain
