// SPDX-License-Identifier: Apache-2.0
#pragma once
// MySQL / MariaDB option files: which programs read a [group], and what the TLS options'
// values mean. Included by mysql_reader.cpp only.
//
// Groups (MariaDB/server sql/mysqld.cc load_default_groups, 10.11; mysql/mysql-server
// sql/mysqld.cc): the server reads [mysqld], [server], [mysqld-VERSION], and MariaDB also
// [mariadb], [mariadb-VERSION], [mariadbd], [mariadbd-VERSION], [client-server] and, built
// with wsrep as Debian's is, [galera]. Every client program reads [client] (MariaDB also
// [client-server] and [client-mariadb]) and its own group ([mysql], [mysqldump] ...).
// mysqld_multi hands the options of [mysqldN] to instance N on its command line, after the
// files. Group names are matched without case (mysys/typelib.c find_type); a leading space
// is kept, so "[ mysqld]" names no group any program reads.

#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <cipherexplain/supported.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cipherexplain::detail::mysql {

enum class group_kind : std::uint8_t {
  server,            // read by every mysqld / mariadbd: a later setting there replaces all
  server_versioned,  // [mysqld-10.11]: read by one release only
  server_instance,   // [mysqld1]: mysqld_multi's instance, on the command line
  client,            // one client program's own group
  all_clients,       // [client], [client-mariadb]: read by every client program
  both,              // [client-server]: read by the server and every client
  not_tls,           // mysqld_safe, mysqld_multi ...: no TLS connection of their own
};

[[nodiscard]] inline bool digit(char c) noexcept { return c >= '0' && c <= '9'; }

[[nodiscard]] inline group_kind classify_group(std::string_view name) {
  const std::string g = ascii_lowered(name);
  for (std::string_view s : {"mysqld", "server", "mariadb", "mariadbd", "galera"}) {
    if (g == s) return group_kind::server;
  }
  for (std::string_view s : {"mysqld-", "mariadb-", "mariadbd-"}) {
    if (g.size() > s.size() && g.starts_with(s) && digit(g[s.size()]))
      return group_kind::server_versioned;
  }
  if (g.size() > 6 && g.starts_with("mysqld")) {
    bool all_digits = true;
    for (std::size_t i = 6; i < g.size(); ++i) all_digits = all_digits && digit(g[i]);
    if (all_digits) return group_kind::server_instance;
  }
  if (g == "client-server") return group_kind::both;
  if (g == "client" || g == "client-mariadb") return group_kind::all_clients;
  for (std::string_view s : {"mysqld_safe", "safe_mysqld", "mariadbd-safe", "mariadb-safe",
                             "mysqld_multi", "mariadbd-multi", "mariadb-multi", "embedded",
                             "server_embedded", "mysqld_embedded", "mariadb-embedded"}) {
    if (g == s) return group_kind::not_tls;
  }
  if (!name.empty() && (name.front() == ' ' || name.front() == '\t')) return group_kind::not_tls;
  return group_kind::client;
}

/// Whether a setting in a group of this kind replaces, for `role`, the settings read before
/// it in every other group of that role (the server and each client read their groups as
/// one list of options, in file order, the last of each name winning).
[[nodiscard]] inline bool replaces_all(group_kind k, setting_role role) noexcept {
  if (k == group_kind::both) return true;
  return role == setting_role::server ? k == group_kind::server : k == group_kind::all_clients;
}

/// The option an option-file name stands for, with '-' and '_' alike and the `loose-`
/// prefix dropped (my_getopt.c: getopt_compare_strings, special_opt_prefix); names are
/// matched with case.
[[nodiscard]] inline std::string option_key(std::string_view name) {
  std::string n(name);
  for (char& c : n) {
    if (c == '-') c = '_';
  }
  if (n.starts_with("loose_")) n.erase(0, 6);
  return n;
}

/// tls_version: a comma-separated set of "TLSv1.0" (MariaDB) / "TLSv1" (MySQL), "TLSv1.1",
/// "TLSv1.2", "TLSv1.3", without case and without spaces around the commas (mysys
/// find_typeset; MySQL's process_tls_version). Returns the enabled versions, or the first
/// element neither server takes in `bad`.
[[nodiscard]] inline std::optional<std::uint8_t> tls_versions(std::string_view value,
                                                              std::string& bad) {
  if (value.empty()) {
    return static_cast<std::uint8_t>(protocol_bit::tlsv1 | protocol_bit::tlsv1_1 |
                                     protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  }
  std::uint8_t bits = 0;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    const std::string_view element = value.substr(start, comma - start);
    const std::optional<std::uint16_t> v = protocol_by_name(element);
    if (!v || *v == version::sslv3) {
      bad = std::string(element);
      return std::nullopt;
    }
    bits = static_cast<std::uint8_t>(bits | protocol_bit::of(*v));
    start = comma + 1;
  }
  return bits;
}

}  // namespace cipherexplain::detail::mysql
