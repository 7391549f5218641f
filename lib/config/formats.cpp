// SPDX-License-Identifier: Apache-2.0
// Format names, the names of kinds and roles, and telling a file's format from its name or
// its first bytes.

#include "text/ascii.hpp"

#include <cipherexplain/config_file.hpp>

#include <array>

namespace cipherexplain {

namespace {

struct format_row {
  config_format format;
  std::string_view name;
  std::string_view software;
};

constexpr std::array<format_row, 12> rows{{
    {config_format::nginx, "nginx", "nginx"},
    {config_format::apache, "apache", "apache"},
    {config_format::haproxy, "haproxy", "haproxy"},
    {config_format::postfix_main, "postfix-main", "postfix"},
    {config_format::postfix_master, "postfix-master", "postfix"},
    {config_format::dovecot, "dovecot", "dovecot"},
    {config_format::stunnel, "stunnel", "stunnel"},
    {config_format::lighttpd, "lighttpd", "lighttpd"},
    {config_format::openvpn, "openvpn", "openvpn"},
    {config_format::mysql, "mysql", "mysql"},
    {config_format::postgresql, "postgresql", "postgresql"},
    {config_format::openssl_cnf, "openssl-cnf", "openssl"},
}};

constexpr std::array<config_format, 12> all_formats{
    config_format::nginx,        config_format::apache,         config_format::haproxy,
    config_format::postfix_main, config_format::postfix_master, config_format::dovecot,
    config_format::stunnel,      config_format::lighttpd,       config_format::openvpn,
    config_format::mysql,        config_format::postgresql,     config_format::openssl_cnf};

[[nodiscard]] std::string_view base_name(std::string_view path) noexcept {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

[[nodiscard]] bool ends_with(std::string_view s, std::string_view tail) noexcept {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

[[nodiscard]] bool contains(std::string_view s, std::string_view part) noexcept {
  return s.find(part) != std::string_view::npos;
}

// The format a file's name says: its own name first, then the directory it is in.
[[nodiscard]] std::optional<config_format> by_name(std::string_view path) {
  const std::string lower = detail::ascii_lowered(path);
  const std::string_view p = lower;
  const std::string_view name = base_name(p);
  if (name == "nginx.conf") return config_format::nginx;
  if (name == "apache2.conf" || name == "httpd.conf" || name == "httpd-ssl.conf" ||
      name == ".htaccess")
    return config_format::apache;
  if (name == "haproxy.cfg") return config_format::haproxy;
  if (name == "main.cf" || name.starts_with("main.cf.")) return config_format::postfix_main;
  if (name == "master.cf" || name.starts_with("master.cf.")) return config_format::postfix_master;
  if (name == "dovecot.conf") return config_format::dovecot;
  if (name == "stunnel.conf" || name.starts_with("stunnel.conf")) return config_format::stunnel;
  if (name == "lighttpd.conf") return config_format::lighttpd;
  if (ends_with(name, ".ovpn")) return config_format::openvpn;
  if (name == "my.cnf" || name == "mariadb.cnf" || name.starts_with("my.cnf."))
    return config_format::mysql;
  if (name == "postgresql.conf" || name == "postgresql.auto.conf" ||
      name.starts_with("postgresql.conf."))
    return config_format::postgresql;
  if (name == "openssl.cnf" || name.starts_with("openssl.cnf.") ||
      (name.starts_with("openssl") && ends_with(name, ".cnf")))
    return config_format::openssl_cnf;
  // A file in a server's own directory (/etc/nginx/sites-available/default ...).
  if (contains(p, "/nginx/") || p.starts_with("nginx/")) return config_format::nginx;
  if (contains(p, "/apache2/") || contains(p, "/httpd/") || p.starts_with("apache2/"))
    return config_format::apache;
  if (contains(p, "/haproxy/")) return config_format::haproxy;
  if (contains(p, "/dovecot/")) return config_format::dovecot;
  if (contains(p, "/stunnel")) return config_format::stunnel;
  if (contains(p, "/lighttpd/")) return config_format::lighttpd;
  if (contains(p, "/openvpn/")) return config_format::openvpn;
  if ((contains(p, "/mysql/") || contains(p, "/mariadb")) && ends_with(name, ".cnf"))
    return config_format::mysql;
  if (contains(p, "/postgresql/") && ends_with(name, ".conf")) return config_format::postgresql;
  return std::nullopt;
}

// Markers only one format writes, tried in an order where an earlier one cannot be part of
// a later format's file.
[[nodiscard]] std::optional<config_format> by_content(std::string_view text) {
  struct marker {
    std::string_view text;
    config_format format;
  };
  static constexpr marker markers[] = {
      {"SSLCipherSuite", config_format::apache},
      {"<VirtualHost", config_format::apache},
      {"SSLProtocol", config_format::apache},
      {"ssl-default-bind-", config_format::haproxy},
      {"ssl-default-server-", config_format::haproxy},
      {"$SERVER[", config_format::lighttpd},
      {"ssl.cipher-list", config_format::lighttpd},
      {"server.modules", config_format::lighttpd},
      {"ssl_cipher_list", config_format::dovecot},
      {"ssl_min_protocol", config_format::dovecot},
      {"ssl_min_protocol_version", config_format::postgresql},
      {"smtpd_tls_", config_format::postfix_main},
      {"smtp_tls_", config_format::postfix_main},
      {"tls_high_cipherlist", config_format::postfix_main},
      {"tls-cipher", config_format::openvpn},
      {"tls-version-min", config_format::openvpn},
      {"[mysqld]", config_format::mysql},
      {"[mariadb]", config_format::mysql},
      {"[client]", config_format::mysql},
      {"openssl_conf", config_format::openssl_cnf},
      {"CipherString", config_format::openssl_cnf},
      {"ssl_ciphers", config_format::nginx},
      {"ssl_protocols", config_format::nginx},
      {"server {", config_format::nginx},
      {"http {", config_format::nginx},
      {"sslVersion", config_format::stunnel},
      {"listen_addresses", config_format::postgresql},
  };
  for (const marker& m : markers) {
    if (contains(text, m.text)) {
      // ssl_min_protocol is a prefix of PostgreSQL's ssl_min_protocol_version.
      if (m.format == config_format::dovecot && m.text == "ssl_min_protocol" &&
          contains(text, "ssl_min_protocol_version"))
        continue;
      return m.format;
    }
  }
  return std::nullopt;
}

}  // namespace

std::span<const config_format> config_formats() noexcept { return all_formats; }

std::string_view config_format_name(config_format f) noexcept {
  for (const format_row& r : rows) {
    if (r.format == f) return r.name;
  }
  return {};
}

std::string_view config_software(config_format f) noexcept {
  for (const format_row& r : rows) {
    if (r.format == f) return r.software;
  }
  return {};
}

std::optional<config_format> parse_config_format(std::string_view name) noexcept {
  for (const format_row& r : rows) {
    if (detail::equal_ignoring_case(r.name, name)) return r.format;
  }
  struct alias {
    std::string_view name;
    config_format format;
  };
  static constexpr alias aliases[] = {
      {"postfix", config_format::postfix_main},
      {"main.cf", config_format::postfix_main},
      {"master.cf", config_format::postfix_master},
      {"mariadb", config_format::mysql},
      {"httpd", config_format::apache},
      {"apache2", config_format::apache},
      {"openssl.cnf", config_format::openssl_cnf},
      {"openssl", config_format::openssl_cnf},
      {"pg", config_format::postgresql},
      {"postgres", config_format::postgresql},
  };
  for (const alias& a : aliases) {
    if (detail::equal_ignoring_case(a.name, name)) return a.format;
  }
  return std::nullopt;
}

std::optional<config_format> detect_config_format(std::string_view path, std::string_view content) {
  if (auto f = by_name(path)) return f;
  return by_content(content.substr(0, 1 << 16));
}

std::string_view setting_kind_name(setting_kind k) noexcept {
  switch (k) {
    case setting_kind::cipher_list:
      return "cipher_list";
    case setting_kind::ciphersuites:
      return "ciphersuites";
    case setting_kind::protocols:
      return "protocols";
    case setting_kind::min_protocol:
      return "min_protocol";
    case setting_kind::max_protocol:
      return "max_protocol";
    case setting_kind::prefer_server:
      return "prefer_server";
    case setting_kind::security_level:
      return "security_level";
  }
  return {};
}

std::string_view setting_role_name(setting_role r) noexcept {
  return r == setting_role::server ? "server" : "client";
}

}  // namespace cipherexplain
