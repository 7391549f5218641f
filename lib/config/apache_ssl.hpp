// SPDX-License-Identifier: Apache-2.0
#pragma once
// mod_ssl's TLS directives as apache_reader.cpp hands them over: one logical line, where it
// is (block and context), and what mod_ssl makes of it (see apache_reader.cpp's header and
// apache_values.hpp for the source facts).

#include "config/apache_lines.hpp"
#include "config/apache_values.hpp"
#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail::apache {

/// Where a directive is read.
struct place {
  std::int32_t block = 0;
  bool in_vhost = false;
  bool in_directory = false;  // inside <Directory>, <Location>, <Files>, <If>, <Proxy> ...
  bool in_proxy = false;      // the innermost of those is <Proxy> / <ProxyMatch>
  std::string parent;         // its name for messages: "Directory"
};

class ssl_directives {
 public:
  explicit ssl_directives(reading& r) : r_(r) {}

  /// Whether `lname` (lower case) is a directive this reader reports.
  [[nodiscard]] static bool known(std::string_view lname) noexcept {
    return lname == "sslciphersuite" || lname == "sslproxyciphersuite" || lname == "sslprotocol" ||
           lname == "sslproxyprotocol" || lname == "sslhonorcipherorder" ||
           lname == "sslopensslconfcmd";
  }

  /// Reads the directive whose arguments start at `pos` of `l`; `written` is its name as
  /// written (messages use httpd's spelling).
  void handle(std::string_view lname, std::string_view written, const loaded_file& f, const line& l,
              std::size_t pos, const place& p) {
    written_ = written;
    if (lname == "sslciphersuite") return cipher_suite(f, l, pos, p, setting_role::server);
    if (lname == "sslproxyciphersuite") return cipher_suite(f, l, pos, p, setting_role::client);
    if (lname == "sslprotocol") return protocol(f, l, pos, p, setting_role::server);
    if (lname == "sslproxyprotocol") return protocol(f, l, pos, p, setting_role::client);
    if (lname == "sslhonorcipherorder") return honor_order(f, l, pos, p);
    if (lname == "sslopensslconfcmd") return conf_cmd(f, l, pos, p);
  }

 private:
  // RSRC_CONF only (server config, vhost), or also PROXY_CONF (<Proxy>).
  [[nodiscard]] bool allowed(const loaded_file& f, const line& l, std::string_view name,
                             const place& p, bool proxy_too) {
    if (!p.in_directory || (proxy_too && p.in_proxy)) return true;
    r_.add_error(f, l.error_offset(0),
                 std::string(name) + " not allowed in <" + p.parent + "> context");
    return false;
  }

  void cipher_suite(const loaded_file& f, const line& l, std::size_t pos, const place& p,
                    setting_role role) {
    const bool server = role == setting_role::server;
    const std::string name = server ? "SSLCipherSuite" : "SSLProxyCipherSuite";
    if (!server && !allowed(f, l, name, p, true)) return;
    const std::size_t at = l.offset(0);
    const word w1 = read_word(r_, f, l, pos);
    const word w2 = read_word(r_, f, l, pos);
    if (w1.empty() || pos < l.size()) {
      r_.add_error(f, l.error_offset(0),
                   name + " takes 1-2 arguments, " +
                       (server ? "Colon-delimited list of permitted SSL Ciphers, optional "
                                 "preceded by protocol identifier ('XXX:...:XXX' - see manual)"
                               : "SSL Proxy: colon-delimited list of permitted SSL ciphers , "
                                 "optionally preceded by protocol specifier ('XXX:...:XXX' - "
                                 "see manual)"));
      return;
    }
    const bool two = !w2.empty();
    const std::string spec = two ? w1.text : "SSL";
    const bool per_directory = server && p.in_directory;
    setting_kind kind = setting_kind::cipher_list;
    if (spec == "TLSv1.3") {
      if (per_directory) {
        r_.add_error(f, l.error_offset(0),
                     "TLSv1.3 ciphers cannot be set inside a directory context");
        return;
      }
      kind = setting_kind::ciphersuites;
    } else if (spec != "SSL") {
      r_.add_error(f, l.error_offset(w1.begin), "protocol '" + spec + "' not supported");
      return;
    }
    value_builder v(f);
    add_word(v, l, two ? w2 : w1);
    if (kind == setting_kind::cipher_list) v.add_made(cipher_suffix, at);
    tls_setting& s = r_.add_setting(f, at, two ? written_ + " " + w1.text : written_, kind, role,
                                    p.block, std::move(v));
    if (kind == setting_kind::cipher_list) s.note = appended;
    if (per_directory)
      s.note +=
          "; in a directory context mod_ssl renegotiates with this list when a request "
          "matches the block";
    if (server && p.in_vhost && !p.in_directory) global_override(s);
  }

  void protocol(const loaded_file& f, const line& l, std::size_t pos, const place& p,
                setting_role role) {
    const std::string name = role == setting_role::server ? "SSLProtocol" : "SSLProxyProtocol";
    if (!allowed(f, l, name, p, role == setting_role::client)) return;
    std::uint8_t set = 0;
    bool failed = false;
    value_builder v(f);
    bool warned = false;
    std::size_t last = std::string::npos;  // the line index of the last word's last character
    for (bool first = true; pos < l.size(); first = false) {
      const word w = read_word(r_, f, l, pos);
      // The words are joined with one space; one written between them stays file text.
      const std::size_t k = w.begin;
      if (!first && last + 2 == k && l.text[k - 1] == ' ' && !l.made[k - 1]) {
        v.add_file(l.at[k - 1], 1);
      } else if (!first) {
        v.add_made(" ", l.offset(k));
      }
      add_word(v, l, w);
      last = w.from.empty() ? std::string::npos - 2 : w.from.back();
      if (failed) continue;  // httpd stops at the first bad word
      bool warning = false;
      const std::string message = protocol_word(name, w.text, set, warning);
      if (message.empty() || (warning && warned)) continue;
      r_.add_error(f, l.error_offset(k), message);
      failed = !warning;
      warned = warned || warning;
    }
    tls_setting& s = r_.add_setting(f, l.offset(0), written_, setting_kind::protocols, role,
                                    p.block, std::move(v));
    if (failed) return;
    if (set == 0) {
      r_.add_error(f, l.error_offset(0),
                   "No SSL protocols available [hint: " + name + "] (AH02231, at startup)");
      return;
    }
    const std::uint8_t range = enabled_range(set);
    s.meaning = range;
    if (role == setting_role::server) protocol_of_block_[p.block] = range;
    if (range != set) {
      s.note = "mod_ssl sets only a lowest and a highest version: " +
               protocol_names(static_cast<std::uint8_t>(set & ~range)) +
               " stay off, below a version that is off";
    }
  }

  void honor_order(const loaded_file& f, const line& l, std::size_t pos, const place& p) {
    if (!allowed(f, l, "SSLHonorCipherOrder", p, false)) return;
    const word w = read_word(r_, f, l, pos);
    const bool on = equal_ignoring_case(w.text, "on");
    if (!on && !equal_ignoring_case(w.text, "off")) {
      r_.add_error(f, l.error_offset(w.empty() ? 0 : w.begin),
                   "SSLHonorCipherOrder must be On or Off");
      return;
    }
    value_builder v(f);
    add_word(v, l, w);
    tls_setting& s = r_.add_setting(f, l.offset(0), written_, setting_kind::prefer_server,
                                    setting_role::server, p.block, std::move(v));
    s.meaning = on ? 1 : 0;
    if (pos < l.size()) s.note = "httpd reads only the first word of a flag and ignores the rest";
    if (p.in_vhost) global_override(s);
  }

  void conf_cmd(const loaded_file& f, const line& l, std::size_t pos, const place& p) {
    if (!allowed(f, l, "SSLOpenSSLConfCmd", p, false)) return;
    const std::size_t at = l.offset(0);
    const word w1 = read_word(r_, f, l, pos);
    const word w2 = read_word(r_, f, l, pos);
    if (w1.empty() || w2.empty() || pos < l.size()) {
      r_.add_error(f, l.error_offset(0),
                   "SSLOpenSSLConfCmd takes two arguments, OpenSSL configuration command");
      return;
    }
    const std::string& command = w1.text;
    if (!conf_command_known(command)) {
      r_.add_error(f, l.error_offset(w1.begin),
                   "'" + command + "': invalid OpenSSL configuration command");
      return;
    }
    const std::string& value = w2.text;
    const std::string failed =
        "\"SSLOpenSSLConfCmd " + command + " " + value + "\" fails at startup (AH02407): ";
    setting_kind kind{};
    std::optional<std::uint16_t> meaning;
    if (equal_ignoring_case(command, "CipherString")) {
      kind = setting_kind::cipher_list;
    } else if (equal_ignoring_case(command, "Ciphersuites")) {
      kind = setting_kind::ciphersuites;
    } else if (equal_ignoring_case(command, "MinProtocol") ||
               equal_ignoring_case(command, "MaxProtocol")) {
      kind = equal_ignoring_case(command, "MinProtocol") ? setting_kind::min_protocol
                                                         : setting_kind::max_protocol;
      meaning = conf_version(value);
      if (!meaning) r_.add_error(f, l.error_offset(w2.begin), failed + "no such protocol version");
    } else if (equal_ignoring_case(command, "Protocol")) {
      kind = setting_kind::protocols;
      if (const auto enabled = conf_protocol_list(value))
        meaning = *enabled;
      else
        r_.add_error(f, l.error_offset(w2.begin), failed + "a protocol OpenSSL does not know");
    } else if (equal_ignoring_case(command, "Options")) {
      const int preference = conf_server_preference(value);
      if (preference == -2) {
        r_.add_error(f, l.error_offset(w2.begin), failed + "an option OpenSSL does not know");
        return;
      }
      if (preference < 0) return;  // options that do not touch the cipher order
      kind = setting_kind::prefer_server;
      meaning = static_cast<std::uint16_t>(preference);
    } else {
      return;  // Curves, Certificate ...: not a setting this reader reports
    }
    value_builder v(f);
    add_word(v, l, w2);
    if (kind == setting_kind::cipher_list) v.add_made(cipher_suffix, at);
    tls_setting& s = r_.add_setting(f, at, written_ + " " + command, kind, setting_role::server,
                                    p.block, std::move(v));
    s.meaning = meaning;
    r_.rank(s, 1);
    s.note =
        "applied with SSL_CONF_cmd after SSLProtocol, SSLHonorCipherOrder and "
        "SSLCipherSuite, whatever the order in the file";
    if (kind == setting_kind::cipher_list) s.note += "; " + appended;
    if (kind == setting_kind::protocols) {
      s.note += "; its SSL_OP_NO_* flags apply on top of SSLProtocol's range (both count)";
      r_.accumulate(s);
      if (meaning) conf_protocols_.push_back(r_.result().settings.size() - 1);
    }
    if (!p.in_vhost && kind != setting_kind::protocols) {
      global_conf_[kind] = f.path + ":" + std::to_string(s.line);
    }
  }

  // A vhost's own SSLCipherSuite / SSLHonorCipherOrder loses to a global SSLOpenSSLConfCmd
  // of the same kind: the vhost's command list is the global one followed by its own.
  void global_override(tls_setting& s) const {
    const auto it = global_conf_.find(s.kind);
    if (it == global_conf_.end()) return;
    s.effective = false;
    if (!s.note.empty()) s.note += "; ";
    s.note += "the global SSLOpenSSLConfCmd at " + it->second +
              " overrides it here (mod_ssl applies the global commands after the virtual "
              "host's own settings)";
  }

 public:
  // An SSLOpenSSLConfCmd Protocol only turns versions off within the range SSLProtocol set
  // (the block's own, else the one it inherits, else mod_ssl's default "all -SSLv3"), in
  // whichever order the two are written: its meaning becomes what both leave on.
  void finish() {
    for (const std::size_t i : conf_protocols_) {
      tls_setting& s = r_.setting(i);
      std::uint8_t base = all_protocols;
      for (std::int32_t b = s.block; b >= 0;
           b = r_.result().blocks[static_cast<std::size_t>(b)].parent) {
        if (const auto it = protocol_of_block_.find(b); it != protocol_of_block_.end()) {
          base = it->second;
          break;
        }
      }
      const auto both = static_cast<std::uint8_t>(*s.meaning & base);
      if (both != *s.meaning) {
        s.note += "; with SSLProtocol's range that leaves " +
                  (both == 0 ? std::string("no version") : protocol_names(both));
      }
      s.meaning = both;
    }
  }

 private:
  inline static const std::string appended =
      "mod_ssl appends :!aNULL:!eNULL:!EXP (httpd 2.4.17 and later)";

  reading& r_;
  std::string written_;  // the directive's name as written
  std::map<setting_kind, std::string> global_conf_;
  std::map<std::int32_t, std::uint8_t> protocol_of_block_;  // SSLProtocol's range per block
  std::vector<std::size_t> conf_protocols_;                 // SSLOpenSSLConfCmd Protocol settings
};

}  // namespace cipherexplain::detail::apache
