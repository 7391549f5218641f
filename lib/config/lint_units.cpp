// SPDX-License-Identifier: Apache-2.0
#include "config/lint_units.hpp"

namespace cipherexplain::detail {

namespace {

constexpr std::size_t kinds = 7;

// The preset whose row says what a server does with nothing set. Postfix's grade is its
// reader's business (it resolves grades itself); openssl.cnf has no defaults of its own.
[[nodiscard]] std::string_view default_family(config_format f) noexcept {
  switch (f) {
    case config_format::postfix_main:
    case config_format::postfix_master:
      return "postfix-medium";
    case config_format::mysql:
      return "mariadb";  // what Debian and most distributions ship
    case config_format::openssl_cnf:
      return {};
    default:
      return config_software(f);
  }
}

[[nodiscard]] std::optional<preset> default_preset(config_format f, setting_role role,
                                                   const std::string& version) {
  const std::string_view family = default_family(f);
  if (family.empty()) return std::nullopt;
  std::string error;
  const std::string_view context = role == setting_role::client ? "client" : "";
  if (!version.empty()) {
    if (auto p = find_preset(std::string(family) + "-" + version, context, error)) return p;
  }
  auto p = find_preset(family, context, error);
  if (!p && role == setting_role::client) p = find_preset(family, "", error);
  return p;
}

[[nodiscard]] std::string protocol_names(std::uint8_t enabled) {
  std::string out;
  for (std::uint16_t v :
       {version::sslv3, version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3}) {
    if ((enabled & protocol_bit::of(v)) == 0) continue;
    if (!out.empty()) out += ' ';
    out += protocol_version_name(v);
  }
  return out;
}

void fill_defaults(lint_unit& u, const std::optional<preset>& p) {
  if (!p) return;
  auto set = [&](setting_kind k, std::string value, std::optional<std::uint16_t> meaning) {
    unit_source& s = u.sources[static_cast<std::size_t>(k)];
    if (s.setting) return;
    s.preset = p->name;
    s.value = std::move(value);
    s.meaning = meaning;
  };
  if (!p->cipher_calls.empty()) set(setting_kind::cipher_list, p->cipher_calls.back(), {});
  if (p->ciphersuites) set(setting_kind::ciphersuites, *p->ciphersuites, {});
  if (p->enabled_protocols != 0)
    set(setting_kind::protocols, protocol_names(p->enabled_protocols), p->enabled_protocols);
  if (p->min_protocol != 0)
    set(setting_kind::min_protocol, std::string(protocol_version_name(p->min_protocol)),
        p->min_protocol);
  if (p->max_protocol != 0)
    set(setting_kind::max_protocol, std::string(protocol_version_name(p->max_protocol)),
        p->max_protocol);
  if (u.role == setting_role::server)
    set(setting_kind::prefer_server, p->server_preference ? "on" : "off",
        p->server_preference ? 1 : 0);
  if (p->security_level)
    set(setting_kind::security_level, std::to_string(*p->security_level),
        static_cast<std::uint16_t>(*p->security_level));
}

[[nodiscard]] std::string label_of(const config_read_result& c, std::int32_t block,
                                   setting_role role) {
  std::string label;
  for (std::int32_t b = block; b >= 0; b = c.blocks[static_cast<std::size_t>(b)].parent) {
    const std::string& name = c.blocks[static_cast<std::size_t>(b)].name;
    if (b == 0 && block != 0) break;  // "global" only names the file's own level
    label = label.empty() ? name : std::string(name).append(" > ").append(label);
  }
  if (role == setting_role::client) label += " (client side)";
  return label;
}

}  // namespace

unit_builder::unit_builder(const config_read_result& config, std::size_t index,
                           const std::string& server_version)
    : config_(config), index_(index) {
  for (std::size_t i = 0; i < config.settings.size(); ++i) {
    const tls_setting& s = config.settings[i];
    if (s.effective) last_[{s.block, s.role, s.kind}] = i;
  }
  defaults_[0] = default_preset(config.format, setting_role::server, server_version);
  defaults_[1] = default_preset(config.format, setting_role::client, server_version);
}

void unit_builder::take_sources(lint_unit& u, std::int32_t from,
                                std::optional<setting_kind> only) const {
  for (std::size_t k = 0; k < kinds; ++k) {
    if (only && k != static_cast<std::size_t>(*only)) continue;
    for (std::int32_t b = from; b >= 0; b = config_.blocks[static_cast<std::size_t>(b)].parent) {
      const auto it = last_.find({b, u.role, static_cast<setting_kind>(k)});
      if (it == last_.end()) continue;
      u.sources[k].setting = it->second;
      break;
    }
  }
}

void unit_builder::finish(lint_unit& u) const {
  fill_defaults(u, defaults_[u.role == setting_role::client ? 1 : 0]);
  u.configuration = configuration_of(config_, u, u.prefer_server);
}

void unit_builder::make_units(std::vector<lint_unit>& out) const {
  // A unit per block and role with a setting of its own, in the order blocks open.
  std::map<std::pair<std::int32_t, setting_role>, bool> seen;
  for (const tls_setting& s : config_.settings) seen[{s.block, s.role}] = true;
  for (const auto& [key, yes] : seen) {
    (void)yes;
    lint_unit u;
    u.config = index_;
    u.block = key.first;
    u.role = key.second;
    u.label = label_of(config_, u.block, u.role);
    take_sources(u, u.block, std::nullopt);
    finish(u);
    out.push_back(std::move(u));
  }
}

lint_unit unit_builder::without_own(const lint_unit& unit, setting_kind kind) const {
  lint_unit u = unit;
  u.results.clear();
  u.sources[static_cast<std::size_t>(kind)] = {};
  const std::int32_t parent = config_.blocks[static_cast<std::size_t>(unit.block)].parent;
  if (parent >= 0) take_sources(u, parent, kind);
  finish(u);
  return u;
}

std::optional<std::size_t> unit_builder::replacing(std::size_t i) const {
  const tls_setting& s = config_.settings[i];
  const auto it = last_.find({s.block, s.role, s.kind});
  if (it == last_.end() || it->second == i) return std::nullopt;
  return it->second;
}

tls_configuration configuration_of(const config_read_result& config, const lint_unit& unit,
                                   bool& prefer_server) {
  tls_configuration t;
  prefer_server = false;
  for (std::size_t k = 0; k < kinds; ++k) {
    const unit_source& src = unit.sources[k];
    std::optional<std::string> value;
    std::optional<std::uint16_t> meaning = src.meaning;
    if (src.setting) {
      const tls_setting& s = config.settings[*src.setting];
      value = s.value;
      meaning = s.meaning;
    } else if (!src.preset.empty()) {
      value = src.value;
    } else {
      continue;
    }
    switch (static_cast<setting_kind>(k)) {
      case setting_kind::cipher_list:
        t.cipher_list = value;
        break;
      case setting_kind::ciphersuites:
        t.ciphersuites = value;
        break;
      case setting_kind::protocols:
        if (meaning) t.disabled_protocols = protocols_only(static_cast<std::uint8_t>(*meaning));
        break;
      case setting_kind::min_protocol:
        if (meaning) t.min_protocol = *meaning;
        break;
      case setting_kind::max_protocol:
        if (meaning) t.max_protocol = *meaning;
        break;
      case setting_kind::prefer_server:
        prefer_server = meaning.value_or(0) != 0;
        break;
      case setting_kind::security_level:
        if (meaning) t.security_level = *meaning;
        break;
    }
  }
  return t;
}

}  // namespace cipherexplain::detail
