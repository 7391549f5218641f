// SPDX-License-Identifier: Apache-2.0
#pragma once
// The ssl.* keys of lighttpd's mod_openssl (src/mod_openssl.c, lighttpd-1.4.69): which are
// settings, what mod_openssl makes of them, and where they count (see lighttpd_reader.cpp).

#include "config/lighttpd_values.hpp"
#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <cipherexplain/configuration.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace cipherexplain::detail::lighttpd {

inline void command(reading& r, const loaded_file& f, std::uint32_t id, std::size_t at,
                    const std::string& name, const std::string& key, const value& v,
                    std::int32_t block);

// A statement that set `name` to `v` (`fresh`: what it added) in `block`; `socket` tells
// whether the block is the global one or a $SERVER["socket"] one.
inline void tls_statement(reading& r, const loaded_file& f, std::uint32_t id, std::size_t at,
                          const std::string& name, const value& v, const value& fresh,
                          std::int32_t block, bool socket) {
  if (name == "ssl.honor-cipher-order" || name == "ssl.use-sslv2" || name == "ssl.use-sslv3") {
    r.add_error(f, at,
                "WARNING: unknown config-key: " + name + " (ignored): removed in lighttpd 1.4.68");
    return;
  }
  if (name != "ssl.cipher-list" && name != "ssl.openssl.ssl-conf-cmd") return;
  if (!socket) {
    r.add_error(f, at, name + " is valid only in global scope or $SERVER[\"socket\"] condition");
    return;
  }
  if (name == "ssl.cipher-list") {
    if (v.kind != value::type::string) {
      r.add_error(f, at, name + " should have been a string");
      return;
    }
    if (v.text.empty()) return;  // lighttpd keeps its own list
    tls_setting& s = r.add_setting(f, at, name, setting_kind::cipher_list, setting_role::server,
                                   block, lighttpd::spans_of(f, id, at, v));
    s.note = "ssl.cipher-list is deprecated (lighttpd warns)";
    tls_setting& p = r.add_setting(f, at, name, setting_kind::prefer_server, setting_role::server,
                                   block, lighttpd::spans_of(f, id, at, v));
    p.meaning = 1;
    p.note = "a non-empty ssl.cipher-list also sets SSL_OP_CIPHER_SERVER_PREFERENCE";
    return;
  }
  bool strings = v.kind == value::type::array;
  for (const element& e : v.elements)
    strings = strings && e.key && e.val.kind == value::type::string;
  if (!strings) {
    r.add_error(f, at, name + " should have been a list of key => string");
    return;
  }
  for (const element& e : fresh.elements) command(r, f, id, at, name, *e.key, e.val, block);
}

// One command of ssl.openssl.ssl-conf-cmd.
inline void command(reading& r, const loaded_file& f, std::uint32_t id, std::size_t at,
                    const std::string& name, const std::string& key, const value& v,
                    std::int32_t block) {
  auto is = [&](std::string_view k) { return equal_ignoring_case(key, k); };
  setting_kind kind{};
  std::optional<std::uint16_t> meaning;
  value_builder b = lighttpd::spans_of(f, id, at, v);
  std::string note = "applied with SSL_CONF_cmd after the other ssl.* settings";
  if (is("CipherString")) {
    kind = setting_kind::cipher_list;
    if (key == "CipherString") {
      const std::size_t origin = !v.pieces.empty() && v.pieces.back().file == id
                                     ? v.pieces.back().offset + v.pieces.back().text.size()
                                     : at;
      b = lighttpd::spans_with(
          f, id, at, v, std::string(v.text.empty() ? "HIGH" : "") + ":!aNULL:!eNULL:!EXP", origin);
      note = "lighttpd appends :!aNULL:!eNULL:!EXP; " + note;
    }
  } else if (is("Ciphersuites")) {
    kind = setting_kind::ciphersuites;
  } else if (is("MinProtocol") || is("MaxProtocol")) {
    kind = is("MinProtocol") ? setting_kind::min_protocol : setting_kind::max_protocol;
    if (const auto version = parse_protocol_version(v.text))
      meaning = *version;
    else if (equal_ignoring_case(v.text, "None"))
      meaning = 0;
    else
      r.add_error(f, at, "SSL: SSL_CONF_cmd " + key + " " + v.text + " failed");
  } else if (is("Options")) {
    kind = setting_kind::prefer_server;
    std::size_t from = 0;
    while (from <= v.text.size()) {
      std::size_t comma = v.text.find(',', from);
      if (comma == std::string::npos) comma = v.text.size();
      std::string_view o = std::string_view(v.text).substr(from, comma - from);
      while (!o.empty() && (o.front() == ' ' || o.front() == '\t')) o.remove_prefix(1);
      while (!o.empty() && (o.back() == ' ' || o.back() == '\t')) o.remove_suffix(1);
      if (equal_ignoring_case(o, "ServerPreference")) meaning = 1;
      if (equal_ignoring_case(o, "-ServerPreference")) meaning = 0;
      from = comma + 1;
    }
    if (!meaning) return;  // no option this reader reports
  } else if (is("SecurityLevel")) {
    kind = setting_kind::security_level;
    const long level = std::strtol(v.text.c_str(), nullptr, 10);
    if (level < 0) return;  // lighttpd ignores it
    meaning = static_cast<std::uint16_t>(std::min(level, 65535L));
    note = "lighttpd's own key: SSL_CTX_set_security_level(atoi(value))";
  } else {
    return;
  }
  tls_setting& s =
      r.add_setting(f, at, name + " " + key, kind, setting_role::server, block, std::move(b));
  s.meaning = meaning;
  s.note = std::move(note);
  r.rank(s, 1);
}

}  // namespace cipherexplain::detail::lighttpd
