// SPDX-License-Identifier: Apache-2.0
#pragma once
// What Postfix 3.7 knows without main.cf, and how it reads TLS values, for the Postfix
// reader only. Sources (vdukhovni/postfix, tag v3.7.11, the Debian 12 package's release):
// - postfix/src/global/mail_params.h: the DEF_* defaults below (grades "medium", protocols
//   ">=TLSv1", empty exclusions and security levels, the tls_*_cipherlist strings,
//   tls_preempt_cipherlist = no, smtp_tls_enforce_peername = yes);
// - postfix/src/tls/tls_misc.c: tls_cipher_grade_table (grade names, case-insensitive via
//   name_code()), tls_proto_mask_lims() (the protocol list: tokens split at ", \t\r\n:",
//   "!name" excludes, "name" includes (then every other known version is excluded),
//   ">=v" / "<=v" bound by a name, "None" or a hexadecimal number, names compared without
//   case; any bad token makes the whole list invalid), tls_set_ciphers() (":!NAME" per
//   exclusion token, split at ", \t\r\n:"; a token starting with one of "!+-@" is refused);
// - postfix/src/tls/tls_level.c: tls_level_table (security level names);
// - postfix/src/global/mail_conf_bool.c: booleans are "yes" / "no" without case, anything
//   else is fatal.

#include "text/ascii.hpp"

#include <cipherexplain/cipher.hpp>
#include <cipherexplain/supported.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cipherexplain::detail::postfix {

struct named_value {
  std::string_view name, value;
};

// Postfix 3.7 defaults of the parameters the TLS resolution reads.
inline constexpr named_value defaults[] = {
    {"tls_high_cipherlist", "aNULL:-aNULL:HIGH:@STRENGTH"},
    {"tls_medium_cipherlist", "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH"},
    {"tls_low_cipherlist", "aNULL:-aNULL:HIGH:MEDIUM:LOW:+RC4:@STRENGTH"},
    {"tls_export_cipherlist", "aNULL:-aNULL:HIGH:MEDIUM:LOW:EXPORT:+RC4:@STRENGTH"},
    {"tls_null_cipherlist", "eNULL:!aNULL"},
    {"tls_preempt_cipherlist", "no"},
    {"smtpd_tls_ciphers", "medium"},
    {"smtpd_tls_mandatory_ciphers", "medium"},
    {"smtpd_tls_exclude_ciphers", ""},
    {"smtpd_tls_mandatory_exclude_ciphers", ""},
    {"smtpd_tls_protocols", ">=TLSv1"},
    {"smtpd_tls_mandatory_protocols", ">=TLSv1"},
    {"smtpd_tls_security_level", ""},
    {"smtpd_use_tls", "no"},
    {"smtpd_enforce_tls", "no"},
    {"smtpd_tls_wrappermode", "no"},
    {"smtpd_tls_ask_ccert", "no"},
    {"smtpd_tls_req_ccert", "no"},
    {"smtp_tls_ciphers", "medium"},
    {"smtp_tls_mandatory_ciphers", "medium"},
    {"smtp_tls_exclude_ciphers", ""},
    {"smtp_tls_mandatory_exclude_ciphers", ""},
    {"smtp_tls_protocols", ">=TLSv1"},
    {"smtp_tls_mandatory_protocols", ">=TLSv1"},
    {"smtp_tls_security_level", ""},
    {"smtp_use_tls", "no"},
    {"smtp_enforce_tls", "no"},
    {"smtp_tls_enforce_peername", "yes"},
    {"lmtp_tls_ciphers", "medium"},
    {"lmtp_tls_mandatory_ciphers", "medium"},
    {"lmtp_tls_exclude_ciphers", ""},
    {"lmtp_tls_mandatory_exclude_ciphers", ""},
    {"lmtp_tls_protocols", ">=TLSv1"},
    {"lmtp_tls_mandatory_protocols", ">=TLSv1"},
    {"lmtp_tls_security_level", ""},
    {"lmtp_use_tls", "no"},
    {"lmtp_enforce_tls", "no"},
    {"lmtp_tls_enforce_peername", "yes"},
};

[[nodiscard]] inline std::optional<std::string_view> default_of(std::string_view name) noexcept {
  for (const named_value& d : defaults) {
    if (d.name == name) return d.value;
  }
  return std::nullopt;
}

/// The parameter that holds a grade's cipher list ("" when the grade is not one).
[[nodiscard]] inline std::string_view grade_parameter(std::string_view grade) noexcept {
  static constexpr named_value grades[] = {{"high", "tls_high_cipherlist"},
                                           {"medium", "tls_medium_cipherlist"},
                                           {"low", "tls_low_cipherlist"},
                                           {"export", "tls_export_cipherlist"},
                                           {"null", "tls_null_cipherlist"}};
  for (const named_value& g : grades) {
    if (equal_ignoring_case(g.name, grade)) return g.value;
  }
  return {};
}

enum class tls_level : std::uint8_t {
  none,
  may,
  encrypt,
  fingerprint,
  halfdane,
  dane,
  dane_only,
  verify,
  secure
};

[[nodiscard]] inline std::optional<tls_level> parse_level(std::string_view s) noexcept {
  struct entry {
    std::string_view name;
    tls_level level;
  };
  static constexpr entry levels[] = {
      {"none", tls_level::none},           {"may", tls_level::may},
      {"encrypt", tls_level::encrypt},     {"fingerprint", tls_level::fingerprint},
      {"halfdane", tls_level::halfdane},   {"dane", tls_level::dane},
      {"dane-only", tls_level::dane_only}, {"verify", tls_level::verify},
      {"secure", tls_level::secure}};
  for (const entry& e : levels) {
    if (equal_ignoring_case(e.name, s)) return e.level;
  }
  return std::nullopt;
}

[[nodiscard]] inline std::optional<bool> parse_bool(std::string_view s) noexcept {
  if (equal_ignoring_case(s, "yes")) return true;
  if (equal_ignoring_case(s, "no")) return false;
  return std::nullopt;
}

[[nodiscard]] constexpr bool is_list_separator(char c) noexcept {
  return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':';
}

/// A protocol list read as tls_proto_mask_lims() reads it: the versions it leaves enabled
/// (protocol_bit::), or the first token it refuses.
struct protocol_list {
  std::optional<std::uint8_t> enabled;
  std::size_t bad_offset = 0;  // of the refused token in the list
  std::string bad;
};

[[nodiscard]] inline protocol_list parse_protocols(std::string_view list) {
  struct entry {
    std::string_view name;
    std::uint16_t version;  // 0: SSLv2, no bit here
  };
  static constexpr entry names[] = {{"SSLv2", 0},
                                    {"SSLv3", version::sslv3},
                                    {"TLSv1", version::tlsv1},
                                    {"TLSv1.1", version::tlsv1_1},
                                    {"TLSv1.2", version::tlsv1_2},
                                    {"TLSv1.3", version::tlsv1_3}};
  auto bit_of = [&](std::string_view name) -> std::optional<std::uint8_t> {
    for (const entry& e : names) {
      if (equal_ignoring_case(e.name, name)) return protocol_bit::of(e.version);
    }
    return std::nullopt;
  };
  // ">=" and "<=" take a name, "None" (no bound) or a hexadecimal number (strtoul base 16,
  // so "" is 0 too).
  auto bound_of = [&](std::string_view v) -> std::optional<unsigned long> {
    if (equal_ignoring_case(v, "None")) return 0ul;
    for (const entry& e : names) {
      if (e.version != 0 && equal_ignoring_case(e.name, v)) return e.version;
    }
    if (v.size() >= 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) v.remove_prefix(2);
    unsigned long n = 0;
    for (char c : v) {
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0) return std::nullopt;
      n = n * 16 + static_cast<unsigned long>(d);
      if (n > 0x7fffffffUL) return std::nullopt;
    }
    return n;
  };
  std::uint8_t include = 0, exclude = 0;
  unsigned long floor = 0, ceiling = 0;
  bool any_include = false;
  protocol_list out;
  std::size_t i = 0;
  while (i < list.size()) {
    if (is_list_separator(list[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < list.size() && !is_list_separator(list[end])) ++end;
    const std::string_view tok = list.substr(i, end - i);
    bool ok = true;
    if (tok.starts_with(">=") || tok.starts_with("<=")) {
      const auto bound = bound_of(tok.substr(2));
      ok = bound.has_value();
      if (ok) (tok[0] == '>' ? floor : ceiling) = *bound;
    } else if (tok.starts_with("!")) {
      const auto bit = bit_of(tok.substr(1));
      ok = bit.has_value();
      if (ok) exclude = static_cast<std::uint8_t>(exclude | *bit);
    } else {
      const auto bit = bit_of(tok);
      ok = bit.has_value();
      if (ok) {
        include = static_cast<std::uint8_t>(include | *bit);
        any_include = true;
      }
    }
    if (!ok) {
      out.bad_offset = i;
      out.bad = std::string(tok);
      return out;
    }
    i = end;
  }
  if (any_include) exclude = static_cast<std::uint8_t>(exclude | (0x1fu & ~include));
  std::uint8_t enabled = 0;
  for (std::uint16_t v :
       {version::sslv3, version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3}) {
    if ((exclude & protocol_bit::of(v)) != 0) continue;
    if (floor != 0 && v < floor) continue;
    if (ceiling != 0 && v > ceiling) continue;
    enabled = static_cast<std::uint8_t>(enabled | protocol_bit::of(v));
  }
  out.enabled = enabled;
  return out;
}

}  // namespace cipherexplain::detail::postfix
