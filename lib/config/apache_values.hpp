// SPDX-License-Identifier: Apache-2.0
#pragma once
// What mod_ssl and OpenSSL make of the values of the TLS directives (apache/httpd 2.4.62,
// modules/ssl/ssl_engine_config.c and ssl_engine_init.c; openssl/openssl ssl/ssl_conf.c), for
// the build Debian 12 ships: httpd 2.4.57 / 2.4.6x on OpenSSL 3.0, which has TLS 1.3 and no
// SSLv3 (OPENSSL_NO_SSL3) and so takes the min/max path of ssl_init_ctx_protocol().

#include "text/ascii.hpp"

#include <cipherexplain/supported.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cipherexplain::detail::apache {

/// What mod_ssl adds to every SSL-protocol cipher string (SSLCipherSuite, SSLProxyCipherSuite,
/// SSLOpenSSLConfCmd CipherString), from httpd 2.4.17 on.
inline constexpr std::string_view cipher_suffix = ":!aNULL:!eNULL:!EXP";

struct protocol_name {
  std::string_view name;
  std::uint8_t bit;
};
// In ascending order: the min/max walk goes by it.
inline constexpr std::array<protocol_name, 4> tls_protocols = {
    {{"TLSv1", protocol_bit::tlsv1},
     {"TLSv1.1", protocol_bit::tlsv1_1},
     {"TLSv1.2", protocol_bit::tlsv1_2},
     {"TLSv1.3", protocol_bit::tlsv1_3}}};
/// SSL_PROTOCOL_ALL without SSLv3 (OpenSSL 3 as Debian builds it).
inline constexpr std::uint8_t all_protocols =
    protocol_bit::tlsv1 | protocol_bit::tlsv1_1 | protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3;

/// One word of SSLProtocol / SSLProxyProtocol (ssl_cmd_protocol_parse): applies it to `set`.
/// Returns an error message, a warning (`warning` set), or "" when the word is fine.
[[nodiscard]] inline std::string protocol_word(std::string_view directive, std::string_view w,
                                               std::uint8_t& set, bool& warning) {
  warning = false;
  char action = 0;
  if (!w.empty() && (w.front() == '+' || w.front() == '-')) {
    action = w.front();
    w.remove_prefix(1);
  }
  if (equal_ignoring_case(w, "SSLv2")) {
    return action == '-' ? "" : "SSLProtocol: SSLv2 is no longer supported";
  }
  if (equal_ignoring_case(w, "SSLv3")) {
    return action == '-' ? "" : "SSLv3 not supported by this version of OpenSSL";
  }
  std::uint8_t bits = 0;
  if (equal_ignoring_case(w, "all")) bits = all_protocols;
  for (const protocol_name& p : tls_protocols) {
    if (equal_ignoring_case(w, p.name)) bits = p.bit;
  }
  if (bits == 0) return std::string(directive) + ": Illegal protocol '" + std::string(w) + "'";
  if (action == '-') {
    set = static_cast<std::uint8_t>(set & ~bits);
  } else if (action == '+') {
    set = static_cast<std::uint8_t>(set | bits);
  } else {
    const bool had = set != 0;
    set = bits;
    if (had) {
      warning = true;
      return std::string(directive) + ": Protocol '" + std::string(w) +
             "' overrides already set parameter(s). Check if a +/- prefix is missing. (a "
             "warning, AH02532: the words before it are dropped)";
    }
  }
  return {};
}

/// ssl_init_ctx_protocol() with OpenSSL >= 1.1: the highest protocol of the set is the
/// maximum, and the minimum goes down from it while the next lower one is in the set, so
/// only that run is enabled.
[[nodiscard]] inline std::uint8_t enabled_range(std::uint8_t set) noexcept {
  std::uint8_t out = 0;
  bool started = false;
  for (auto it = tls_protocols.rbegin(); it != tls_protocols.rend(); ++it) {
    if ((set & it->bit) != 0) {
      out = static_cast<std::uint8_t>(out | it->bit);
      started = true;
    } else if (started) {
      break;
    }
  }
  return out;
}

/// "TLSv1, TLSv1.1" for the bits of a mask.
[[nodiscard]] inline std::string protocol_names(std::uint8_t bits) {
  std::string out;
  for (const protocol_name& p : tls_protocols) {
    if ((bits & p.bit) == 0) continue;
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out;
}

/// MinProtocol / MaxProtocol (protocol_from_string: exact names; DTLS ones do not fit a TLS
/// method). nullopt when SSL_CONF_cmd fails.
[[nodiscard]] inline std::optional<std::uint16_t> conf_version(std::string_view v) noexcept {
  if (v == "None") return std::uint16_t{0};
  if (v == "SSLv3") return version::sslv3;
  if (v == "TLSv1") return version::tlsv1;
  if (v == "TLSv1.1") return version::tlsv1_1;
  if (v == "TLSv1.2") return version::tlsv1_2;
  if (v == "TLSv1.3") return version::tlsv1_3;
  return std::nullopt;
}

/// Calls f(name, on) for each element of an SSL_CONF list ("-ALL,TLSv1.2", white space around
/// elements dropped, `+` or `-` in front); false when an element is empty.
template <typename F>
[[nodiscard]] bool each_conf_element(std::string_view list, F&& f) {
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view e = list.substr(start, comma - start);
    while (!e.empty() && (e.front() == ' ' || e.front() == '\t')) e.remove_prefix(1);
    while (!e.empty() && (e.back() == ' ' || e.back() == '\t')) e.remove_suffix(1);
    bool on = true;
    if (!e.empty() && (e.front() == '+' || e.front() == '-')) {
      on = e.front() == '+';
      e.remove_prefix(1);
    }
    if (e.empty() || !f(e, on)) return false;
    start = comma + 1;
  }
  return true;
}

/// SSL_CONF_cmd("Protocol", v) on a context with no SSL_OP_NO_* set (mod_ssl's min/max path
/// sets none): the versions left enabled, nullopt when OpenSSL refuses the list.
[[nodiscard]] inline std::optional<std::uint8_t> conf_protocol_list(std::string_view v) {
  std::uint8_t enabled = all_protocols;
  const bool ok = each_conf_element(v, [&](std::string_view name, bool on) {
    std::uint8_t bits = 0;
    if (equal_ignoring_case(name, "ALL")) bits = all_protocols;
    for (const protocol_name& p : tls_protocols) {
      if (equal_ignoring_case(name, p.name)) bits = p.bit;
    }
    if (bits == 0) {
      // Known to OpenSSL, and nothing this build enables.
      return equal_ignoring_case(name, "SSLv2") || equal_ignoring_case(name, "SSLv3") ||
             equal_ignoring_case(name, "DTLSv1") || equal_ignoring_case(name, "DTLSv1.2");
    }
    enabled = static_cast<std::uint8_t>(on ? enabled | bits : enabled & ~bits);
    return true;
  });
  if (!ok) return std::nullopt;
  return enabled;
}

/// SSL_CONF_cmd("Options", v): whether it sets (1) or clears (0) ServerPreference, -1 when
/// it does not name it, -2 when OpenSSL refuses the list (an unknown option).
[[nodiscard]] inline int conf_server_preference(std::string_view v) {
  static constexpr std::string_view options[] = {"SessionTicket",
                                                 "EmptyFragments",
                                                 "Bugs",
                                                 "Compression",
                                                 "ServerPreference",
                                                 "NoResumptionOnRenegotiation",
                                                 "DHSingle",
                                                 "ECDHSingle",
                                                 "UnsafeLegacyRenegotiation",
                                                 "UnsafeLegacyServerConnect",
                                                 "ClientRenegotiation",
                                                 "EncryptThenMac",
                                                 "NoRenegotiation",
                                                 "AllowNoDHEKEX",
                                                 "PreferNoDHEKEX",
                                                 "PrioritizeChaCha",
                                                 "MiddleboxCompat",
                                                 "AntiReplay",
                                                 "ExtendedMasterSecret",
                                                 "CANames",
                                                 "KTLS",
                                                 "StrictCertCheck",
                                                 "TxCertificateCompression",
                                                 "RxCertificateCompression",
                                                 "KTLSTxZerocopySendfile",
                                                 "IgnoreUnexpectedEOF",
                                                 "LegacyECPointFormats"};
  int result = -1;
  const bool ok = each_conf_element(v, [&](std::string_view name, bool on) {
    for (std::string_view o : options) {
      if (!equal_ignoring_case(o, name)) continue;
      if (o == "ServerPreference") result = on ? 1 : 0;
      return true;
    }
    return false;
  });
  return ok ? result : -2;
}

/// Whether OpenSSL knows an SSL_CONF file command (SSL_CONF_cmd_value_type() with the flags
/// mod_ssl uses: FILE | SERVER | CERTIFICATE), compared without case.
[[nodiscard]] inline bool conf_command_known(std::string_view name) noexcept {
  static constexpr std::string_view commands[] = {"SignatureAlgorithms",
                                                  "ClientSignatureAlgorithms",
                                                  "Curves",
                                                  "Groups",
                                                  "ECDHParameters",
                                                  "CipherString",
                                                  "Ciphersuites",
                                                  "Protocol",
                                                  "MinProtocol",
                                                  "MaxProtocol",
                                                  "Options",
                                                  "VerifyMode",
                                                  "CertValidation",
                                                  "SetValidFlags",
                                                  "SetValidHost",
                                                  "AddValidHost",
                                                  "SetValidIP",
                                                  "AddCAPath",
                                                  "AddCAFile",
                                                  "Certificate",
                                                  "PrivateKey",
                                                  "ServerInfoFile",
                                                  "ChainCAPath",
                                                  "ChainCAFile",
                                                  "ChainCAStore",
                                                  "VerifyCAPath",
                                                  "VerifyCAFile",
                                                  "VerifyCAStore",
                                                  "RequestCAFile",
                                                  "ClientCAFile",
                                                  "RequestCAPath",
                                                  "ClientCAPath",
                                                  "RequestCAStore",
                                                  "ClientCAStore",
                                                  "DHParameters",
                                                  "RecordPadding",
                                                  "NumTickets"};
  for (std::string_view c : commands) {
    if (equal_ignoring_case(c, name)) return true;
  }
  return false;
}

/// Modules built into Debian's apache2 binary (`apache2 -l`), by source and symbol name.
[[nodiscard]] inline bool builtin_module(std::string_view name) noexcept {
  static constexpr std::string_view builtin[] = {
      "core.c",          "mod_so.c",      "mod_watchdog.c",    "http_core.c",  "mod_log_config.c",
      "mod_logio.c",     "mod_version.c", "mod_unixd.c",       "core_module",  "so_module",
      "watchdog_module", "http_module",   "log_config_module", "logio_module", "version_module",
      "unixd_module"};
  for (std::string_view b : builtin) {
    if (b == name) return true;
  }
  return false;
}

}  // namespace cipherexplain::detail::apache
