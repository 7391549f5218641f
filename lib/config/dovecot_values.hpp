// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the Dovecot reader needs beside its parser: text traced to the files it comes from,
// the 2.3.19 defaults `$name` may refer to, and how Dovecot reads the TLS values (sources
// cited in dovecot_reader.cpp). For dovecot_reader.cpp only.

#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <cipherexplain/cipher.hpp>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail::dovecot {

// Text whose bytes are traced to a file (verbatim) or to what made them.
class text {
 public:
  void add_file(const loaded_file& f, std::size_t offset, std::size_t length) {
    if (length == 0) return;
    pieces_.push_back({s_.size(), length, &f, offset, true});
    s_.append(f.text, offset, length);
  }
  void add_made(std::string_view m, const loaded_file* f, std::size_t origin) {
    if (m.empty()) return;
    pieces_.push_back({s_.size(), m.size(), f, origin, false});
    s_.append(m);
  }
  void append(const text& o, std::size_t from, std::size_t length) {
    o.each(from, length, [&](const piece& p, std::size_t skip, std::size_t n) {
      if (p.verbatim) {
        add_file(*p.file, p.at + skip, n);
      } else {
        add_made(std::string_view(o.s_).substr(p.offset + skip, n), p.file, p.at);
      }
    });
  }
  // Appends o; what is not from f becomes made by f's byte `origin`.
  void append_here(const text& o, const loaded_file& f, std::size_t origin) {
    o.each(0, o.s_.size(), [&](const piece& p, std::size_t skip, std::size_t n) {
      if (p.verbatim && p.file == &f) {
        add_file(f, p.at + skip, n);
      } else {
        add_made(std::string_view(o.s_).substr(p.offset + skip, n), &f,
                 p.file == &f ? p.at : origin);
      }
    });
  }
  // Into a value of file f; text from other files as made by `fallback`.
  void into(value_builder& v, const loaded_file& f, std::size_t fallback) const {
    each(0, s_.size(), [&](const piece& p, std::size_t skip, std::size_t n) {
      if (p.verbatim && p.file == &f) {
        v.add_file(p.at + skip, n);
      } else {
        v.add_made(std::string_view(s_).substr(p.offset + skip, n), p.file == &f ? p.at : fallback);
      }
    });
  }
  [[nodiscard]] std::size_t at(std::size_t offset) const {  // the file offset of a byte
    std::size_t out = 0;
    each(offset, 1, [&](const piece& p, std::size_t skip, std::size_t) {
      out = p.verbatim ? p.at + skip : p.at;
    });
    return out;
  }
  [[nodiscard]] const std::string& str() const noexcept { return s_; }
  void clear() {
    s_.clear();
    pieces_.clear();
  }

 private:
  struct piece {
    std::size_t offset, length;
    const loaded_file* file;
    std::size_t at;
    bool verbatim;
  };
  template <typename Fn>
  void each(std::size_t from, std::size_t length, Fn&& fn) const {
    const std::size_t end = std::min(from + length, s_.size());
    auto it = std::upper_bound(pieces_.begin(), pieces_.end(), from,
                               [](std::size_t o, const piece& p) { return o < p.offset; });
    if (it != pieces_.begin()) --it;
    for (; it != pieces_.end() && it->offset < end; ++it) {
      const std::size_t a = std::max(from, it->offset), b = std::min(end, it->offset + it->length);
      if (a < b) fn(*it, a - it->offset, b - a);
    }
  }
  std::string s_;
  std::vector<piece> pieces_;
};

[[nodiscard]] inline bool is_white(char c) noexcept { return c == ' ' || c == '\t'; }

struct named {
  std::string_view name, value;
};
// Defaults of 2.3.19 that `$name` may refer to.
inline constexpr named defaults[] = {
    {"ssl_cipher_list",
     "ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:!PSK:!RC4:!ADH:!LOW@STRENGTH"},
    {"ssl_cipher_suites", ""},
    {"ssl_curve_list", ""},
    {"ssl_min_protocol", "TLSv1.2"},
    {"ssl_prefer_server_ciphers", "no"},
    {"ssl_server_prefer_ciphers", "client"},
    {"ssl_options", ""},
};
// What OpenSSL 1.1.1 and 3.x use when no suites are set.
inline constexpr std::string_view library_suites =
    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";

[[nodiscard]] inline bool is_tls_key(std::string_view k) noexcept {
  return k == "ssl_cipher_list" || k == "ssl_cipher_suites" || k == "ssl_min_protocol" ||
         k == "ssl_prefer_server_ciphers" || k == "ssl_server_prefer_ciphers" ||
         k == "ssl_protocols";
}

// ssl_min_protocol's names (openssl_min_protocol_to_options, without case).
[[nodiscard]] inline std::optional<std::uint16_t> min_protocol(std::string_view v) noexcept {
  if (equal_ignoring_case(v, "ANY")) return 0;
  if (equal_ignoring_case(v, "LATEST")) return version::tlsv1_3;
  if (equal_ignoring_case(v, "TLSv1.0")) return std::nullopt;
  return protocol_by_name(v);
}

// old-set-parser.c ssl_protocols_to_min_protocol(): the lowest version left on, or why none.
[[nodiscard]] inline std::string protocols_to_min(std::string_view list, std::string& error) {
  static constexpr std::string_view names[] = {"SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2"};
  int state[4] = {0, 0, 0, 0};  // -1 off, 1 on
  bool any_on = false;
  for (std::size_t i = 0; i < list.size();) {
    if (list[i] == ' ' || list[i] == ',') {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < list.size() && list[e] != ' ' && list[e] != ',') ++e;
    std::string_view w = list.substr(i, e - i);
    const bool on = !w.starts_with("!");
    if (!on) w.remove_prefix(1);
    const auto* it = std::find(std::begin(names), std::end(names), w);
    if (it == std::end(names)) {
      error = "Unrecognized protocol '" + std::string(w) + "'";
      return {};
    }
    state[it - std::begin(names)] = on ? 1 : -1;
    any_on = any_on || on;
    i = e;
  }
  for (std::size_t k = 0; k < 4; ++k) {
    if (any_on ? state[k] > 0 : state[k] == 0) return std::string(names[k]);
  }
  error = "All protocols disabled";
  return {};
}

}  // namespace cipherexplain::detail::dovecot
